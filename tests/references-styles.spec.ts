/**
 * The style families beside GB/T 7714: author-date (APA, Harvard), Nature,
 * Vancouver; the shared tokenizer; repairs of extraction damage.
 */
import { describe, expect, it } from 'vitest';
import { parseReferenceDetailed } from '../src/references/parse.js';
import { readInvertedNames, readNamesToStop } from '../src/references/styles/inverted-names.js';
import { halfWidthSeparators, respaced } from '../src/references/styles/detect.js';
import { joinBrokenLinks, normalizePages, parseEnglishDate } from '../src/references/tokens.js';
import { parseWesternPerson } from '../src/references/names.js';

const read = (s: string) => parseReferenceDetailed(s, 'ref-1');
const journal = {
  title: 'Effects of soy on rats',
  author: [
    { family: 'Smith', given: 'J.' },
    { family: 'Doe', given: 'B.' },
  ],
  issued: { 'date-parts': [[2020]] },
  volume: '14',
  issue: '10',
  page: '123-130',
};

describe('journal articles in every family', () => {
  it.each([
    ['Vancouver', 'Smith J, Doe B. Effects of soy on rats. J Nutr. 2020;14(10):123-30.', 'J Nutr'],
    ['APA', 'Smith, J., & Doe, B. (2020). Effects of soy on rats. Journal of Nutrition, 14(10), 123–130.', 'Journal of Nutrition'],
    ['Harvard', 'Smith, J. and Doe, B. (2020) ‘Effects of soy on rats’, Journal of Nutrition, 14(10), pp. 123–130.', 'Journal of Nutrition'],
    ['Nature', 'Smith, J. & Doe, B. Effects of soy on rats. J. Nutr. 14(10), 123–130 (2020).', 'J. Nutr.'],
  ])('%s', (_, text, container) => {
    const { item } = read(text);
    expect(item).toMatchObject({ ...journal, type: 'article-journal', 'container-title': container });
    expect(item.custom?.gbtType).toBeUndefined();
  });

  it('a Vancouver date with month and day, a DOI and a full-width copy', () => {
    const { item } = read('Smith J, Doe B. Effects of soy on rats. J Nutr. 2020 Mar 5;14(10):123-30. doi:10.1000/xyz123');
    expect(item.issued).toEqual({ 'date-parts': [[2020, 3, 5]] });
    expect(item.DOI).toBe('10.1000/xyz123');
    const wide = read('Smith，J．，＆ Doe，B．（2020）．Effects of soy on rats．Journal of Nutrition，14（10），123–130．').item;
    expect(wide).toMatchObject({ ...journal, 'container-title': 'Journal of Nutrition' });
  });

  it('spaces lost after every separator are put back before reading', () => {
    const { item } = read('Smith,J.,& Doe,B.(2020).Effects of soy on rats.Journal of Nutrition,14(10),123–130.');
    expect(item).toMatchObject({ ...journal, 'container-title': 'Journal of Nutrition' });
  });

  it('GB/T strings with a type code still go the GB/T way', () => {
    const { item } = read('[1] 张三, 李四. 大豆对大鼠的影响[J]. 营养学报, 2020, 14(10): 123-130.');
    expect(item.custom?.gbtType).toBe('J');
    expect(item['container-title']).toBe('营养学报');
  });
});

describe('books, chapters, theses, web pages', () => {
  it('Vancouver book with edition, place and publisher; chapter with editors and pages', () => {
    expect(read('Smith J. The book of things. 2nd ed. New York: Springer; 2015.').item).toMatchObject({
      type: 'book',
      title: 'The book of things',
      edition: '2',
      'publisher-place': 'New York',
      publisher: 'Springer',
      issued: { 'date-parts': [[2015]] },
    });
    expect(read('Buseck PR, Nord GL. Subsolidus phenomena. In: Doe A, editor. Pyroxenes. Washington, D.C.: Mineralogical Society of America; c1980. p. 117–211.').item).toMatchObject({
      type: 'chapter',
      title: 'Subsolidus phenomena',
      'container-title': 'Pyroxenes',
      editor: [{ family: 'Doe', given: 'A.' }],
      'publisher-place': 'Washington, D.C.',
      publisher: 'Mineralogical Society of America',
      page: '117-211',
    });
  });

  it('APA book with edition, chapter with editors, thesis genre in brackets, standard number', () => {
    expect(read('O’Brien, J. A. (1994). Introduction to information systems (7th ed.). Irwin.').item).toMatchObject({
      author: [{ family: 'O’Brien', given: 'J. A.' }],
      title: 'Introduction to information systems',
      edition: '7',
      publisher: 'Irwin',
    });
    expect(read('Smith, J. (2015). A chapter. In A. Doe (Ed.), Big book (pp. 10–20). Springer.').item).toMatchObject({
      type: 'chapter',
      title: 'A chapter',
      'container-title': 'Big book',
      editor: [{ family: 'Doe', given: 'A.' }],
      page: '10-20',
      publisher: 'Springer',
    });
    expect(read('徐黎明. (2013). 复合酶制剂在黄颡鱼饲料中的应用研究 [硕士学位论文]. 集美大学.').item).toMatchObject({
      type: 'thesis',
      title: '复合酶制剂在黄颡鱼饲料中的应用研究',
      genre: '硕士学位论文',
    });
    expect(read('全国信息与文献标准化技术委员会. (2010). 信息与文献 都柏林核心元数据元素集 (GB/T 25100—2010; pp. 2–3). 中国标准出版社.').item).toMatchObject({
      author: [{ literal: '全国信息与文献标准化技术委员会' }],
      title: '信息与文献 都柏林核心元数据元素集',
      number: 'GB/T 25100—2010',
      page: '2-3',
      publisher: '中国标准出版社',
    });
  });

  it('Harvard: pages after the publisher, proceedings before it; APA edition and pages in one parenthesis', () => {
    expect(read('杨公社 (2002) 猪生产学. 北京: 中国农业出版社, p. 55.').item).toMatchObject({ title: '猪生产学', 'publisher-place': '北京', publisher: '中国农业出版社', page: '55' });
    expect(read('Hsu, A., Wei, D. and Kuo, C. (2007) “A cognitive MAC protocol,” Proc of IEEE WCNC. Piscataway, NJ: IEEE Press, pp. 105–110.').item).toMatchObject({
      type: 'paper-conference',
      'container-title': 'Proc of IEEE WCNC',
      'publisher-place': 'Piscataway, NJ',
      publisher: 'IEEE Press',
      page: '105-110',
    });
    expect(read('Yufin, S.A. (ed.) (2000) Geoecology and computers. Rotterdam: A. A. Balkema.').item.publisher).toBe('A. A. Balkema');
    expect(read('Fan, X., & Sommers, C. H. (2013). Food irradiation research and technology (2nd ed., pp. 25–26). Blackwell Publishing.').item).toMatchObject({
      title: 'Food irradiation research and technology',
      edition: '2',
      page: '25-26',
      publisher: 'Blackwell Publishing',
    });
    expect(read('王夫之. (1865). 宋论 (刻本). 湘乡曾国荃.').item).toMatchObject({ title: '宋论', edition: '刻本' });
    expect(read('Calkin, D. and Ager, A. (2011) A comparative risk assessment framework. RMRS-GTR-262, pp. 8–9.').item).toMatchObject({ type: 'report', number: 'RMRS-GTR-262', page: '8-9' });
  });

  it('Nature: proceedings without a publisher, volume ranges and page lists', () => {
    expect(read('Hardt, M. & Rothblum, G. N. A multiplicative weights mechanism. in Proc of IEEE Symposium on Foundations of Computer Science 61–70 (2010).').item).toMatchObject({
      type: 'paper-conference',
      title: 'A multiplicative weights mechanism',
      'container-title': 'Proc of IEEE Symposium on Foundations of Computer Science',
      page: '61-70',
    });
    expect(read('Berg, K. Lp(a) lipoprotein: an overview. Chemistry and Physics of Lipids 67–68, 9–16 (1994).').item).toMatchObject({ 'container-title': 'Chemistry and Physics of Lipids', volume: '67–68', page: '9-16' });
    expect(read('李莉, 马森 & 沈明华. 血清生化指标测定. 青海畜牧兽医学院学报 12, 22–24, 27 (1995).').item).toMatchObject({ 'container-title': '青海畜牧兽医学院学报', volume: '12', page: '22-24, 27' });
  });

  it('Nature: a patent number after the title', () => {
    expect(read('邓一刚. 全智能节电器 200610171314.3 (中国, 2006).').item).toMatchObject({ type: 'patent', title: '全智能节电器', number: '200610171314.3' });
  });

  it('Nature book and chapter', () => {
    expect(read('Peebles, P. Z. Probability and random signals 4th edn (McGraw-Hill, 2001).').item).toMatchObject({
      type: 'book',
      title: 'Probability and random signals',
      edition: '4',
      publisher: 'McGraw-Hill',
      issued: { 'date-parts': [[2001]] },
    });
    expect(read('Smith, J. A chapter. in Big book (eds Roe, C. & Poe, E.) 12–30 (Springer, 2011).').item).toMatchObject({
      type: 'chapter',
      'container-title': 'Big book',
      editor: [
        { family: 'Roe', given: 'C.' },
        { family: 'Poe', given: 'E.' },
      ],
      page: '12-30',
    });
  });

  it('Vancouver: a patent with its country and number, a supplied place in brackets, abbreviations inside the statement', () => {
    expect(read('邓一刚. 全智能节电器. 中国; 200610171314.3, 2006.').item).toMatchObject({ type: 'patent', title: '全智能节电器', 'publisher-place': '中国', number: '200610171314.3', issued: { 'date-parts': [[2006]] } });
    expect(read('Calms RB. Infrared spectroscopic studies on solid oxygen. [Berkeley]: Univ. of California; 1965.').item).toMatchObject({ title: 'Infrared spectroscopic studies on solid oxygen', 'publisher-place': 'Berkeley', publisher: 'Univ. of California' });
    expect(read('Praetzellis A. Death by theory: a tale of mystery [Internet]. Rev. ed. Rowman & Littlefield; 2011 [cited 2012 Jul 26].').item).toMatchObject({ title: 'Death by theory: a tale of mystery', edition: 'Rev. ed.', publisher: 'Rowman & Littlefield' });
  });

  it('a Vancouver web page: [Internet], cited date, address', () => {
    const { item } = read('World Health Organization. A web page [Internet]. 2019 [cited 2020 Jan 2]. Available from: https://who.int/x?a=1');
    expect(item).toMatchObject({ type: 'webpage', title: 'A web page', URL: 'https://who.int/x?a=1', accessed: { 'date-parts': [[2020, 1, 2]] } });
    expect(item.author).toEqual([{ literal: 'World Health Organization' }]);
  });

  it('a bare DOI line is a DOI, not a title', () => {
    const { item, issues } = read('10.1000/xyz123');
    expect(item.DOI).toBe('10.1000/xyz123');
    expect(item.title).toBeUndefined();
    expect(issues.map((i) => i.message)).toContain('only a DOI: the work it names is not described');
  });
});

describe('names', () => {
  it('inverted lists with &, and, Jr, particles and Chinese names', () => {
    expect(readInvertedNames('Huang, J., van der Veen, P. H., & Smith, J., Jr. (2020)')?.names).toEqual([
      { family: 'Huang', given: 'J.' },
      { family: 'van der Veen', given: 'P. H.' },
      { family: 'Smith', given: 'J.', suffix: 'Jr' },
    ]);
    expect(readInvertedNames('黄建 and 张三 (2020)')?.names).toEqual([
      { family: '黄', given: '建' },
      { family: '张', given: '三' },
    ]);
    expect(readNamesToStop('Jia, Z. F., CHEN ARGL & Bao, F. X. Effect of nisin. Microbial Pathogenesis 119, 65–71 (2018).')?.names).toHaveLength(3);
    // `Sr` only as a word: `Srivastva` is a family name
    expect(readInvertedNames('Yedidia, I., Srivastva, A. K. & Kapulnik, Y. Effect')?.names.map((n) => n.family)).toEqual(['Yedidia', 'Srivastva', 'Kapulnik']);
    expect(readNamesToStop('Li Chao, Hay, M. & Rastogi, V. Optimizing queries. in Proc 123–134 (2010).')?.names).toHaveLength(3);
  });

  it('author-date lists mixing inverted names with names written whole', () => {
    expect(read('Pang, B., Lee, L., & Shivakumar Vaithyanathan. (2002). Thumbs up. Proc of EMNLP, 79–86.').item.author).toEqual([
      { family: 'Pang', given: 'B.' },
      { family: 'Lee', given: 'L.' },
      { literal: 'Shivakumar Vaithyanathan' },
    ]);
  });

  it('GB/T and Vancouver names: particles after the initials, a generational suffix', () => {
    expect(parseWesternPerson('Veen PH van der')).toEqual({ family: 'van der Veen', given: 'P. H.' });
    expect(parseWesternPerson('Smith J Jr')).toEqual({ family: 'Smith', given: 'J.', suffix: 'Jr' });
  });
});

describe('tokenizer and repairs', () => {
  it('page ranges written out in full, lists kept', () => {
    expect(normalizePages('123–30')).toBe('123-130');
    expect(normalizePages('1053–62')).toBe('1053-1062');
    expect(normalizePages('99–101')).toBe('99-101');
    expect(normalizePages('22–4, 27')).toBe('22-24, 27');
    expect(normalizePages('e1228')).toBe('e1228');
  });

  it('English dates', () => {
    expect(parseEnglishDate('2020 Mar 5')).toEqual([2020, 3, 5]);
    expect(parseEnglishDate('January 2, 2020')).toEqual([2020, 1, 2]);
    expect(parseEnglishDate('2 January 2020')).toEqual([2020, 1, 2]);
    expect(parseEnglishDate('2020 Foo')).toBeUndefined();
  });

  it('a space inside a URL or DOI is joined; a space after a finished address is not', () => {
    expect(joinBrokenLinks('见 http://apabi.lib.pku.edu.cn/ usp/pku/pub.mvc?pid=1 [2012-01-01]').text).toBe('见 http://apabi.lib.pku.edu.cn/usp/pku/pub.mvc?pid=1 [2012-01-01]');
    expect(joinBrokenLinks('http://x.cn/detailNew? paperID=12').text).toBe('http://x.cn/detailNew?paperID=12');
    expect(joinBrokenLinks('DOI:10.3390/ biology2010378.').text).toBe('DOI:10.3390/biology2010378.');
    expect(joinBrokenLinks('http://pubs.acs. org/doi/10.1021/cb3').text).toBe('http://pubs.acs.org/doi/10.1021/cb3');
    const untouched = 'at http://x.org/a. Accessed 2020. See http://y.org/ [2019-01-01]. doi: 10.1/x';
    expect(joinBrokenLinks(untouched)).toEqual({ text: untouched, repaired: [] });
    const { issues, item } = read('[1] 张三. 某数据[DB/OL]. (2012-03-18)[2013-01-01]. http://www.x.cn/ data/1.html.');
    expect(item.URL).toBe('http://www.x.cn/data/1.html');
    expect(issues.filter((i) => i.kind === 'repair')).toHaveLength(1);
  });

  it('full-width separators and lost spaces, for the English families', () => {
    expect(halfWidthSeparators('Smith，J．（2020）．Title')).toBe('Smith, J. (2020). Title');
    expect(respaced('Smith,J.,& Doe,B.(2020).Title.')).toBe('Smith, J., & Doe, B. (2020). Title.');
    expect(respaced('Node.js in practice. J Web. 2020;1:1-2.')).toBe('Node.js in practice. J Web. 2020;1:1-2.');
  });
});
