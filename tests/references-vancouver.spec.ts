/**
 * Vancouver (NLM / Citing Medicine, citation-js's `vancouver`): the forms
 * beside the plain journal article and book.
 */
import { describe, expect, it } from 'vitest';
import { parseReferenceDetailed } from '../src/references/parse.js';

const read = (s: string) => parseReferenceDetailed(s, 'ref-1').item;

describe('Vancouver publisher statements', () => {
  it('[Internet] after the title, a supplied place in brackets, [cited …] after the year', () => {
    const item = read('王明. 城市水环境治理研究 [Internet]. [南京]: 河海大学; 2015 [cited 2019 Mar 2]. p. 45–9. Available from: http://example.org/thesis/123');
    expect(item).toMatchObject({
      title: '城市水环境治理研究',
      'publisher-place': '南京',
      publisher: '河海大学',
      issued: { 'date-parts': [[2015]] },
      accessed: { 'date-parts': [[2019, 3, 2]] },
      page: '45-49',
      URL: 'http://example.org/thesis/123',
    });
  });

  it('a chapter of an on-line book, pages numbered by section', () => {
    const item = read('Smith AB. Water treatment basics. In: Water Research Foundation, editor. Handbook of water quality [Internet]. 3rd ed. Denver: AWWA Press; 2018 [cited 2020 Jan 5]. p. 2.1-2.40. Available from: http://example.org/book');
    expect(item).toMatchObject({
      type: 'chapter',
      title: 'Water treatment basics',
      'container-title': 'Handbook of water quality',
      editor: [{ literal: 'Water Research Foundation' }],
      edition: '3',
      'publisher-place': 'Denver',
      publisher: 'AWWA Press',
      page: '2.1-2.40',
    });
  });

  it('a place and publisher without the colon: `昆明 云南大学; 2016`', () => {
    const item = read('李华. 高原湿地碳循环研究. 昆明 云南大学; 2016.');
    expect(item).toMatchObject({ title: '高原湿地碳循环研究', publisher: '昆明 云南大学', issued: { 'date-parts': [[2016]] } });
  });

  it('an unknown place: `[S.l.]` alone, `[[S. l.]]:` supplied in brackets', () => {
    expect(read('Brown T. Hair analysis in occupational medicine. [S.l.]; 1975. p. 100–12.')).toMatchObject({
      title: 'Hair analysis in occupational medicine',
      'publisher-place': '[S.l.]',
      issued: { 'date-parts': [[1975]] },
      page: '100-112',
    });
    expect(read('Costa M. Text generation with grammars. [[S. l.]]: Universidade do Porto; 2011.')).toMatchObject({
      'publisher-place': '[S. l.]',
      publisher: 'Universidade do Porto',
    });
  });

  it('periods glued to the next part by extraction', () => {
    expect(read('陈刚. 城市规划原理 [Internet].[上海]:同济大学出版社;2010 [cited 2012 May 3].Available from: http://example.org/b')).toMatchObject({
      title: '城市规划原理',
      'publisher-place': '上海',
      publisher: '同济大学出版社',
    });
    expect(read('Lee K. Data structures in practice.5th ed.Boston,Mass.: Pearson; 2001.')).toMatchObject({
      title: 'Data structures in practice',
      edition: '5',
      'publisher-place': 'Boston, Mass.',
      publisher: 'Pearson',
    });
    expect(read('Park J. Ranking with sparse features.In:Proc of the 9th Workshop on Text Mining.2019.p.211–9.')).toMatchObject({
      'container-title': 'Proc of the 9th Workshop on Text Mining',
      issued: { 'date-parts': [[2019]] },
      page: '211-219',
    });
  });

  it('a volume of a book: `第 2 卷`, `Vol. 3`', () => {
    expect(read('张三. 中国通史. 第 2 卷. 北京: 人民出版社; 1995.')).toMatchObject({ title: '中国通史', volume: '第 2 卷', publisher: '人民出版社' });
    expect(read('Gray H. Anatomy of the human body. Vol. 3. London: Longman; 1902.')).toMatchObject({ title: 'Anatomy of the human body', volume: '3' });
  });
});

describe('Vancouver hosts and serials', () => {
  it('a chapter with no author begins with its title', () => {
    const item = read('卷 12 论治水. In: 王文公文集. 上海: 上海人民出版社; 1974. p. 120.');
    expect(item).toMatchObject({ type: 'chapter', title: '卷 12 论治水', 'container-title': '王文公文集', publisher: '上海人民出版社', page: '120' });
    expect(item.author).toBeUndefined();
  });

  it('the host book after `…, editor.` without `In:`', () => {
    const item = read('Zhao Q. Metadata schemes: ISO 15836. National Standards Committee, editor. Compilation of standards: 2. Beijing: Standards Press; 2005. p. 10–20.');
    expect(item).toMatchObject({ type: 'chapter', title: 'Metadata schemes: ISO 15836', 'container-title': 'Compilation of standards: 2', page: '10-20' });
  });

  it('a whole periodical under its issuing body', () => {
    expect(read('中国化学会. 化学进展. Vol. 1. 1989;1(1).')).toMatchObject({ type: 'periodical', title: '化学进展', volume: '1', issue: '1', issued: { 'date-parts': [[1989]] } });
    expect(read('中国化学会. 化学通报. Vol. 2. 1953;2(1).')).toMatchObject({ title: '化学通报', author: [{ literal: '中国化学会' }], volume: '2' });
    expect(read('中国地理学会. 地理学报. 1934;(1–3).')).toMatchObject({ type: 'periodical', title: '地理学报', issue: '1-3' });
  });

  it('a journal article whose title ends with `?`, and one glued to its journal', () => {
    expect(read('Kim S, Cho H. Does coffee protect the liver? Hepatol Res. 2016;46(3):201-8.')).toMatchObject({
      title: 'Does coffee protect the liver?',
      'container-title': 'Hepatol Res',
      page: '201-208',
    });
    expect(read('Wang L, Chen Y. Stem cell therapy in lupus nephritis.Kidney Int. 2018;93(2):301–9.')).toMatchObject({
      title: 'Stem cell therapy in lupus nephritis',
      'container-title': 'Kidney Int',
      volume: '93',
    });
  });

  it('newspapers: with section and column, citation-js’s `date:page`, on line without a page', () => {
    expect(read('Doe J. Flu season peaks early. The Boston Globe. 2019 Jan 3;Sect. B:4 (col. 2).')).toMatchObject({
      type: 'article-newspaper',
      'container-title': 'The Boston Globe',
      issued: { 'date-parts': [[2019, 1, 3]] },
      page: '4',
    });
    expect(read('王平. 城市交通拥堵的治理. 光明日报. 2012 Mar 8:5.')).toMatchObject({ title: '城市交通拥堵的治理', 'container-title': '光明日报', page: '5' });
    expect(read('李明. 春运返程高峰来临. 新华日报 [Internet]. 2015 Feb 27 [cited 2015 Mar 1]. Available from: http://example.org/n/1')).toMatchObject({
      title: '春运返程高峰来临',
      'container-title': '新华日报',
      issued: { 'date-parts': [[2015, 2, 27]] },
    });
  });
});

describe('Vancouver numbers', () => {
  it('report numbers: `Report nos.: …`, `Report …` at the end; the year that ends a part', () => {
    expect(read('Jones P, Lee K. Smoke exposure in the 2013 fire season. 2014. p. 12–5. Report EPA-600-R-14-001.')).toMatchObject({
      type: 'report',
      number: 'EPA-600-R-14-001',
      issued: { 'date-parts': [[2014]] },
      page: '12-15',
    });
    expect(read('张强, 王丽. 饮用水安全技术研究报告 [Internet]. 2012 Oct [cited 2013 Jan 4]. Report nos.: 2011BAK12B03/05.2012. Available from: http://example.org/r?id=7')).toMatchObject({
      type: 'report',
      number: '2011BAK12B03/05.2012',
      issued: { 'date-parts': [[2012, 10]] },
    });
  });

  it('an official document number (发文字号) before the date', () => {
    const item = read('国务院办公厅. 关于加强环境保护工作的通知 [Internet]. 国办发[2011]35号. 2011 Oct 17. Available from: http://example.org/gov/35.htm');
    expect(item).toMatchObject({ type: 'legislation', number: '国办发[2011]35号', issued: { 'date-parts': [[2011, 10, 17]] } });
  });

  it('a patent number whose check digit lost its place: `201310123456. 7`', () => {
    expect(read('某环保公司. 一种净水装置. 中国; 201310123456. 7, 2014.')).toMatchObject({ type: 'patent', number: '201310123456.7', 'publisher-place': '中国' });
  });

  it('an address broken before its file extension', () => {
    expect(read('李强. 医患沟通的方法 [Internet]. 2012 [cited 2013 Mar 25]. Available from: http://example.org/view/47e4f206b52a. html').URL).toBe('http://example.org/view/47e4f206b52a.html');
  });
});
