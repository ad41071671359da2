/**
 * The Nature style family: the forms its CSL prints beside the journal
 * article (reports, patents and standards with their number, theses whose
 * genre is left out, web pages, works without author, chapters), and the
 * same strings with the spaces after stops lost.
 */
import { describe, expect, it } from 'vitest';
import { parseReferenceDetailed } from '../src/references/parse.js';

const read = (s: string) => parseReferenceDetailed(s, 'ref-1').item;

describe('Nature: a number between the title and the year', () => {
  it('reads a report number, with or without a publisher', () => {
    expect(read('Brown, K. & Lee, T. Fire regime assessment for western forests PNW-GTR-512 (2004).')).toMatchObject({
      type: 'report',
      title: 'Fire regime assessment for western forests',
      number: 'PNW-GTR-512',
      author: [
        { family: 'Brown', given: 'K.' },
        { family: 'Lee', given: 'T.' },
      ],
      issued: { 'date-parts': [[2004]] },
    });
    expect(read('U.S. Geological Survey. Water resources data for Ohio PB 95-100234 (National Technical Information Service, 1995).')).toMatchObject({
      author: [{ literal: 'U.S. Geological Survey' }],
      title: 'Water resources data for Ohio',
      number: 'PB 95-100234',
      publisher: 'National Technical Information Service',
    });
  });

  it('reads a patent number, also when a space was added inside it', () => {
    expect(read('李明. 一种太阳能热水器 201310456789.1 (2014).')).toMatchObject({ type: 'patent', title: '一种太阳能热水器', number: '201310456789.1' });
    expect(read('Smith, A. & Ross, B. Method for encoding video frames US7123456 (2006). http://example.com/patents/US7123456')).toMatchObject({
      type: 'patent',
      title: 'Method for encoding video frames',
      number: 'US7123456',
    });
    expect(read('王强. 一种节水灌溉装置 201120034567. 8 (2012).')).toMatchObject({ title: '一种节水灌溉装置', number: '201120034567. 8' });
  });

  it('reads a standard, with no author: the title first', () => {
    const iso = read('Quality management systems—Requirements ISO 9001:2015 (2015).');
    expect(iso).toMatchObject({ type: 'standard', title: 'Quality management systems—Requirements', number: 'ISO 9001:2015' });
    expect(iso.author).toBeUndefined();
    expect(read('全国信息与文献标准化技术委员会. 文献著录 第 3 部分 GB/T 3792.3—2009 (中国标准出版社, 2009).')).toMatchObject({
      type: 'standard',
      title: '文献著录 第 3 部分',
      number: 'GB/T 3792.3—2009',
      publisher: '中国标准出版社',
    });
    // after a colon the number is the title's own
    expect(read('国家技术监督局. 中华人民共和国行政区划代码: GB/T 2260—1995 (中国标准出版社, 1995).')).toMatchObject({
      title: '中华人民共和国行政区划代码: GB/T 2260—1995',
      publisher: '中国标准出版社',
    });
  });
});

describe('Nature: the forms without a journal', () => {
  it('reads a web page, `Names. Title. (Year).`, with its names (not as APA’s title-first form)', () => {
    expect(read('Cooper, R. Notes on information literacy. (2010). http://example.org/notes.pdf')).toMatchObject({
      title: 'Notes on information literacy',
      author: [{ family: 'Cooper', given: 'R.' }],
      URL: 'http://example.org/notes.pdf',
    });
    expect(read('王敏. 数字出版的新趋势. (2015). http://example.cn/a.html')).toMatchObject({ title: '数字出版的新趋势', author: [{ family: '王', given: '敏' }] });
    expect(read('国家图书馆 & 上海图书馆. 古籍普查报告. (2016).')).toMatchObject({
      title: '古籍普查报告',
      author: [{ literal: '国家图书馆' }, { literal: '上海图书馆' }],
    });
    // APA's title-first form, with no names before the title, stays as it was
    const apa = read('Digital literacy in schools. (2008). http://example.org/dl.html');
    expect(apa.title).toBe('Digital literacy in schools');
    expect(apa.author).toBeUndefined();
  });

  it('reads a thesis whose genre is not printed: the university where a journal would stand', () => {
    expect(read('陈晓. 城市热岛效应的数值模拟研究. 南京大学 (2016).')).toMatchObject({ type: 'thesis', title: '城市热岛效应的数值模拟研究', publisher: '南京大学' });
    expect(read('Miller, J. Studies of ice nucleation in clouds. Univ. of Colorado (1998).')).toMatchObject({ type: 'thesis', publisher: 'Univ. of Colorado' });
    expect(read('Hunt, W. & Olsen, D. A history of the American West. John Wiley & Sons (2009).')).toMatchObject({ title: 'A history of the American West', publisher: 'John Wiley & Sons' });
  });

  it('reads a periodical as a whole: the title and its first volume', () => {
    expect(read('中国物理学会. 物理学报. 1 (1933).')).toMatchObject({ title: '物理学报', volume: '1', author: [{ literal: '中国物理学会' }] });
  });

  it('reads an organisation whose name has `and` in it as one author (Nature joins names with `&`)', () => {
    expect(read('International Council of Museums and Archives. Guidelines for catalogues 2nd edn (ICOM, 1985).')).toMatchObject({
      author: [{ literal: 'International Council of Museums and Archives' }],
      title: 'Guidelines for catalogues',
      edition: '2',
    });
  });
});

describe('Nature: chapters and books', () => {
  it('reads a chapter without author, the title first', () => {
    expect(read('志第五: 地理. in 元史 120 (中华书局, 1976).')).toMatchObject({ title: '志第五: 地理', 'container-title': '元史', page: '120', publisher: '中华书局' });
  });

  it('reads a copyright year and a list of names with runs of initials', () => {
    expect(read('Hale, P. R., Stone, G. L. & Marsh, D. R. Crystal growth in feldspars. in Feldspars 45–98 (Mineralogical Society, c1983).')).toMatchObject({
      type: 'chapter',
      title: 'Crystal growth in feldspars',
      'container-title': 'Feldspars',
      page: '45-98',
      publisher: 'Mineralogical Society',
      issued: { 'date-parts': [[1983]] },
      author: [
        { family: 'Hale', given: 'P. R.' },
        { family: 'Stone', given: 'G. L.' },
        { family: 'Marsh', given: 'D. R.' },
      ],
    });
  });

  it('reads pages numbered by section after the editors', () => {
    expect(read('Ross, J. A. Filtration. in Water treatment handbook (ed American Water Association) 4.1-4.52 (McGraw-Hill, 2010).')).toMatchObject({
      title: 'Filtration',
      'container-title': 'Water treatment handbook',
      page: '4.1-4.52',
    });
  });

  it('reads an edition as the book prints it: `同文书局影印本` after a title with no author', () => {
    expect(read('说文解字: 卷一 汲古阁本 (中华书局, 1963).')).toMatchObject({ type: 'book', title: '说文解字: 卷一', edition: '汲古阁本', publisher: '中华书局' });
  });
});

describe('Nature: names and stops', () => {
  it('reads given names written out as names of their own (Nature gives initials)', () => {
    expect(read('Li Ming, Wang Fang & Harper, J. Sparse coding revisited. Neural Computation 12, 100–110 (2011).').author).toHaveLength(3);
  });

  it('reads the journal after a title when the stop lost its space', () => {
    expect(read('Zhou,J., Li, T.& Chen, E. Macrophage polarization in wound healing.Biomaterials 101, 20–29 (2016).')).toMatchObject({
      title: 'Macrophage polarization in wound healing',
      'container-title': 'Biomaterials',
      volume: '101',
    });
    expect(read('张伟, 李娜 & 王芳.鱼类肠道菌群研究进展.水产学报 35,1601–1609 (2015).')).toMatchObject({ title: '鱼类肠道菌群研究进展', 'container-title': '水产学报' });
    expect(read('刘洋.基于深度学习的图像识别研究.北京大学 (2018).')).toMatchObject({ type: 'thesis', title: '基于深度学习的图像识别研究', publisher: '北京大学' });
    expect(read('Park, S., Kim, H.& Winslet, M.Low-rank tricks for queries. Proc. VLDB 3, 1–10 (2010).')).toMatchObject({ title: 'Low-rank tricks for queries' });
  });

  it('reads an abbreviated journal with a bracket in it', () => {
    expect(read('Wu, J. Z. & Ma, Z. M. Chloride transport in recycled concrete. J. Zhejiang Univ.(Eng. Sci.) 40, 12–18 (2013).')).toMatchObject({
      title: 'Chloride transport in recycled concrete',
      'container-title': 'J. Zhejiang Univ.(Eng. Sci.)',
    });
  });
});
