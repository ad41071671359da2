/**
 * Author-date references (APA, Harvard / Cite Them Right): the forms of
 * `src/references/styles/author-date.ts` beyond the plain journal article.
 */
import { describe, expect, it } from 'vitest';
import { parseReferenceDetailed } from '../src/references/parse.js';
import { readInvertedNames } from '../src/references/styles/inverted-names.js';

const read = (s: string) => parseReferenceDetailed(s, 'ref-1').item;

describe('quoted titles (Harvard)', () => {
  it('an apostrophe inside the quotes does not close them', () => {
    const item = read('Li, H. and Wang, Q. (2018) “Regulatory T cells’ role in allergic asthma,” Clin Exp Allergy, 48(3), pp. 233–241.');
    expect(item.title).toBe('Regulatory T cells’ role in allergic asthma');
    expect(item['container-title']).toBe('Clin Exp Allergy');
    expect(item.volume).toBe('48');
  });

  it('a quoted word inside the quoted title', () => {
    const item = read('陈明 and 李华 (2015) “‘一带一路’沿线国家物流绩效分析,” 经济地理, 35(9), pp. 1–8.');
    expect(item.title).toBe('‘一带一路’沿线国家物流绩效分析');
    expect(item['container-title']).toBe('经济地理');
  });

  it('APA: quotes opening an unquoted title', () => {
    const item = read('王强, & 赵敏. (2016). “互联网+”背景下的高校教学改革. 中国高教研究, 32(4), 45–49.');
    expect(item.title).toBe('“互联网+”背景下的高校教学改革');
    expect(item['container-title']).toBe('中国高教研究');
  });
});

describe('journal statements', () => {
  it.each([
    ['APA', '周杰, & 孙丽. (2009). 奶牛乳房炎的防治. 中国奶牛, 15(3), 31–33, 36.'],
    ['Harvard', '周杰 and 孙丽 (2009) “奶牛乳房炎的防治,” 中国奶牛, 15(3), pp. 31–33, 36.'],
  ])('%s: a list of pages', (_, text) => {
    const item = read(text);
    expect(item).toMatchObject({ 'container-title': '中国奶牛', volume: '15', issue: '3', page: '31-33, 36' });
  });

  it('a double volume before the pages', () => {
    const item = read('Keller, T. (2001). Membrane lipids revisited. Biochimie, 83–84, 101–109.');
    expect(item).toMatchObject({ 'container-title': 'Biochimie', volume: '83-84', page: '101-109' });
  });

  it('Harvard: a journal without volume or pages is a preprint', () => {
    const item = read('刘洋 and 高峰 (2020) “深度学习在遥感影像分类中的应用,” 测绘学报 [Preprint].');
    expect(item['container-title']).toBe('测绘学报');
    expect(item.type).toBe('article-journal');
  });

  it('Harvard: a newspaper with its day and page', () => {
    const item = read('王磊 (2019) “乡村振兴的新路径,” 光明日报, 3 March, p. 5.');
    expect(item).toMatchObject({ 'container-title': '光明日报', page: '5' });
  });

  it('APA: a newspaper dated to the day, its page bare', () => {
    const item = read('李静. (2018, May 4). 城市更新的困境与出路. 经济日报, 9.');
    expect(item).toMatchObject({ type: 'article-newspaper', 'container-title': '经济日报', page: '9' });
  });

  it('a stop that lost its space before the journal', () => {
    const item = read('Zhou, L.,Chen, Y., & Xu, M.(2019). Gut microbiota shapes host immunity in early life.Nat Commun, 10(1),2345.');
    expect(item.title).toBe('Gut microbiota shapes host immunity in early life');
    expect(item).toMatchObject({ 'container-title': 'Nat Commun', volume: '10', page: '2345' });
  });

  it('an abbreviated journal name starting with an initial', () => {
    const item = read('Lin, K. (2016). Creep of cement paste under sustained load. J. Tongji Univ. (Nat. Sci.), 44, 877–883.');
    expect(item.title).toBe('Creep of cement paste under sustained load');
    expect(item['container-title']).toBe('J. Tongji Univ. (Nat. Sci.)');
  });

  it('APA: a periodical as a whole, its publisher the author', () => {
    const item = read('中国营养学会. (1979). 营养学报. 1(1).');
    expect(item).toMatchObject({ type: 'periodical', title: '营养学报', volume: '1', issue: '1', publisher: '中国营养学会' });
  });
});

describe('books, reports, theses', () => {
  it('APA: a volume after a Chinese book title', () => {
    const item = read('钱穆. (2011). 中国学术思想史论丛: 第 3 册 (p. 88). 九州出版社.');
    expect(item).toMatchObject({ title: '中国学术思想史论丛', volume: '第 3 册', page: '88', publisher: '九州出版社' });
  });

  it.each([
    ['(NREL/TP-550-43456; pp. 4–6)', 'NREL/TP-550-43456', '4-6'],
    ['(EPA 600-R-09-052)', 'EPA 600-R-09-052', undefined],
    ['(ISO 9001:2015)', 'ISO 9001:2015', undefined],
    ['(Nos. 2017YFC0505-02)', '2017YFC0505-02', undefined],
  ])('APA: a report number in the note %s', (note, number, page) => {
    const item = read(`Baker, R. (2010). Energy use in commercial buildings ${note}. National Laboratory.`);
    expect(item.title).toBe('Energy use in commercial buildings');
    expect(item.number).toBe(number);
    expect(item.page).toBe(page);
  });

  it('APA: a thesis with its university in brackets', () => {
    const item = read('孙悦. (2015). 城市热岛效应的数值模拟研究 (pp. 33–35) [南京大学].');
    expect(item).toMatchObject({ type: 'thesis', title: '城市热岛效应的数值模拟研究', publisher: '南京大学', page: '33-35' });
  });

  it('abbreviations inside a publisher statement: `Rev. ed.`, `Univ. of`', () => {
    expect(read('Moore, T. (2009) Field methods in ecology. Rev. ed. Oxford University Press, p. 12.')).toMatchObject({
      edition: 'Rev. ed.',
      publisher: 'Oxford University Press',
    });
    expect(read('Hart, P. (1971). Thermal conductivity of rock salt. Univ. of Michigan.').publisher).toBe('Univ. of Michigan');
  });

  it('Harvard: a patent names its country where the publisher stands', () => {
    const item = read('李强 (2015) “一种太阳能热水器的控制装置.” 中国.');
    expect(item).toMatchObject({ title: '一种太阳能热水器的控制装置', 'publisher-place': '中国' });
    expect(item.publisher).toBeUndefined();
  });

  it('Harvard: `Edited by` between the book and the publisher', () => {
    const item = read('国家标准局 (1990) “汉语拼音正词法基本规则,” 标准汇编: 2. Edited by 全国标准化委员会. 北京: 中国标准出版社.');
    expect(item).toMatchObject({ 'container-title': '标准汇编: 2', 'publisher-place': '北京', publisher: '中国标准出版社' });
    expect(item.editor).toEqual([{ literal: '全国标准化委员会' }]);
  });
});

describe('chapters', () => {
  it('APA: edition and pages in the host note', () => {
    const item = read('Gray, B. (2005). Sampling methods. In K. Lee (Ed.), Soil analysis handbook (3rd ed., p. 2.1-2.14). Wiley.');
    expect(item).toMatchObject({ 'container-title': 'Soil analysis handbook', edition: '3', page: '2.1-2.14', publisher: 'Wiley' });
  });

  it('Harvard: the edition after the host book, pages at the end', () => {
    const item = read('Gray, B. (2005) “Sampling methods,” in Lee, K. (ed.) Soil analysis handbook. 3rd ed. London: Wiley, p. 2.1-2.14.');
    expect(item).toMatchObject({ 'container-title': 'Soil analysis handbook', edition: '3', page: '2.1-2.14', 'publisher-place': 'London', publisher: 'Wiley' });
  });

  it('APA: a chapter without author starts with its title', () => {
    const item = read('卷 12 论治水. (1990). In 王安石文集: 上册 (p. 211). 中华书局.');
    expect(item).toMatchObject({ title: '卷 12 论治水', 'container-title': '王安石文集', volume: '上册', page: '211' });
    expect(item.author).toBeUndefined();
  });
});

describe('works without a person as author', () => {
  it.each([
    ['Acme Research Laboratories, Inc. (n.d.). About us.', 'Acme Research Laboratories, Inc'],
    ['National Association of Teachers and Librarians. (1985). Reading lists for schools. ALA.', 'National Association of Teachers and Librarians'],
    ['Acme Research Laboratories, Inc (no date) About us. Available at: http://example.org/about (Accessed: 2 May 2019).', 'Acme Research Laboratories, Inc'],
  ])('an organisation with a comma or `and`: %s', (text, org) => {
    expect(read(text).author).toEqual([{ literal: org }]);
  });

  it.each([
    ['“Geographic information—Metadata” (2014). Available at: http://example.org/19115 (Accessed: 3 June 2016).', 'Geographic information—Metadata'],
    ['Open archives protocol: version 2.0 (2015). Available at: http://example.org/oai (Accessed: 3 June 2016).', 'Open archives protocol: version 2.0'],
  ])('Harvard: the title in the names’ place: %s', (text, title) => {
    const item = read(text);
    expect(item.title).toBe(title);
    expect(item.issued?.['date-parts']?.[0]?.[0]).toBeGreaterThan(2000);
  });

  it('Harvard: title and edition in the names’ place', () => {
    const item = read('说文解字注: 文字篇. 经韵楼刻本 (1981). 上海: 上海古籍出版社, p. 12.');
    expect(item).toMatchObject({ title: '说文解字注: 文字篇', edition: '经韵楼刻本', 'publisher-place': '上海', publisher: '上海古籍出版社', page: '12' });
  });
});

describe('names written whole in pinyin', () => {
  it('family name first, no comma inside, beside inverted names', () => {
    const read = readInvertedNames('Liu Yang, Chen Xiaoming, & Brown, T. (2019).');
    expect(read?.names).toEqual([
      { family: 'Liu', given: 'Yang' },
      { family: 'Chen', given: 'Xiaoming' },
      { family: 'Brown', given: 'T.' },
    ]);
  });

  it('a two-word family name that is not pinyin stays inverted', () => {
    expect(readInvertedNames('Van Dyke, Mary Ann, & Brown, T.')?.names[0]).toEqual({ family: 'Van Dyke', given: 'Mary Ann' });
  });
});

describe('APA laws and regulations', () => {
  it('reads the title, the public law number, the statute and the year', () => {
    expect(read('Patient Protection and Affordable Care Act, Pub. L. No. 111-148, 124 Stat. 119 (2010).')).toMatchObject({
      type: 'legislation',
      title: 'Patient Protection and Affordable Care Act',
      number: '111-148',
      'container-title': 'Stat.',
      volume: '124',
      page: '119',
      issued: { 'date-parts': [[2010]] },
    });
    const notice = read('关于印发某某管理办法的通知, Pub. L. No. 国办发〔2019〕12号 (2019). http://www.gov.cn/zhengce/content/1.htm');
    expect(notice).toMatchObject({ type: 'legislation', title: '关于印发某某管理办法的通知', number: '国办发〔2019〕12号', URL: 'http://www.gov.cn/zhengce/content/1.htm' });
    expect(notice.author).toBeUndefined();
  });
});
