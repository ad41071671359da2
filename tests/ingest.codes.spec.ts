import { describe, expect, it } from 'vitest';
import { parseArticleNumber, parseCodes } from '../src/ingest/codes.js';

describe('parseCodes', () => {
  it('one line: CLC, document code, article number', () => {
    expect(parseCodes('中图分类号：P35 文献标识码:A 文章编号:1674-5825（2015)06-0597-06')).toEqual({
      clc: ['P35'],
      documentCode: 'A',
      articleNumberText: '1674-5825（2015)06-0597-06',
      articleNumber: { text: '1674-5825(2015)06-0597-06', issn: '1674-5825', year: 2015, issue: 6, firstPage: 597, pageCount: 6, lastPage: 602 },
    });
  });

  it('a class letter printed in lower case, a DOI after the code', () => {
    expect(parseCodes('中图分类号：p111.44文献标识码:A').clc).toEqual(['P111.44']);
    expect(parseCodes('中图分类号：TP391.4 doi:10.3969/j.issn.1001-3695.2017.07.0890').clc).toEqual(['TP391.4']);
  });

  it('bracketed labels glued together', () => {
    expect(parseCodes('【中图分类号】TU17【文献标识码】A')).toEqual({ clc: ['TU17'], documentCode: 'A' });
  });

  it('labels without colons, 文献标志码', () => {
    expect(parseCodes('中图分类号 TN958 文献标志码 A 文章编号 1005-0388(2015)06-1157-07')).toMatchObject({
      clc: ['TN958'],
      documentCode: 'A',
      articleNumberText: '1005-0388(2015)06-1157-07',
    });
  });

  it('a CLC code written as TeX', () => {
    expect(parseCodes('中图分类号： $\\mathrm { V } 4 1 2 . 4 + 1$ （204 文献标识码：A')).toEqual({ clc: ['V412.4+1'], documentCode: 'A' });
  });

  it('several CLC codes', () => {
    expect(parseCodes('中图分类号：R541.4；R743 文献标识码：B').clc).toEqual(['R541.4', 'R743']);
  });

  it('full-width dashes in the article number', () => {
    expect(parseCodes('文章编号：1000-1328（2015）10－1114－11').articleNumber).toMatchObject({ text: '1000-1328(2015)10-1114-11', lastPage: 1124 });
  });

  it('English labels', () => {
    expect(parseCodes('CLC number: TP391 Document code: A Article ID: 1000-1328(2015)10-1114-11')).toMatchObject({
      clc: ['TP391'],
      documentCode: 'A',
      articleNumber: { issn: '1000-1328', year: 2015, issue: 10, firstPage: 1114, pageCount: 11, lastPage: 1124 },
    });
  });

  it('a DOI, labelled or bare, without its final period', () => {
    expect(parseCodes('DOI:10.16329/j.cnki.zrht.2015.06.011')).toEqual({ doi: '10.16329/j.cnki.zrht.2015.06.011' });
    expect(parseCodes('doi：10.13443/j.cjors.2014120902.')).toEqual({ doi: '10.13443/j.cjors.2014120902' });
    expect(parseCodes('网络出版 10.13443/j.cjors.2014120902，2015').doi).toBe('10.13443/j.cjors.2014120902');
  });

  it('a document code is one letter', () => {
    expect(parseCodes('文献标识码：Ab')).toEqual({});
  });
});

describe('parseArticleNumber', () => {
  it('ISSN, year, issue, pages', () => {
    expect(parseArticleNumber('2095-9664(2024)02-0075-06')).toEqual({
      text: '2095-9664(2024)02-0075-06',
      issn: '2095-9664',
      year: 2024,
      issue: 2,
      firstPage: 75,
      pageCount: 6,
      lastPage: 80,
    });
  });

  it('spaced, with a lower-case check digit', () => {
    expect(parseArticleNumber('0253 - 231x ( 2017 ) 3 - 475 - 7')).toMatchObject({ text: '0253-231x(2017)3-475-7', issn: '0253-231X', lastPage: 481 });
  });

  it('null for a page count of 0 or no number at all', () => {
    expect(parseArticleNumber('2095-9664(2024)02-0075-00')).toBeNull();
    expect(parseArticleNumber('2095-9664')).toBeNull();
  });
});

describe('parseCodes: a class letter misread as a digit', () => {
  it('`5963.73+2` after 中图分类号 is S963.73+2, and says so', () => {
    expect(parseCodes('中图分类号： $5 9 6 3 . 7 3 ^ { + } 2$')).toEqual({ clc: ['S963.73+2'], clcOcr: '5963.73+2' });
    expect(parseCodes('中图分类号：0175.2')).toMatchObject({ clc: ['O175.2'] });
  });
  it('a code read as printed is not touched; digits that are no code are not read', () => {
    expect(parseCodes('中图分类号：S963.73+2').clcOcr).toBeUndefined();
    expect(parseCodes('中图分类号：7')).toEqual({});
  });
});

describe('parseCodes: the DOI', () => {
  it('ends where the extraction ran Chinese text into it', () => {
    expect(parseCodes('[文章编号］1003-2797(2021)06-0110-13 DOI:10.13366/j.dik.2021.06.110引用本文;初景利').doi).toBe('10.13366/j.dik.2021.06.110');
    expect(parseCodes('DOI: 10.1016/S0140-6736(20)30183-5.').doi).toBe('10.1016/S0140-6736(20)30183-5');
  });
});
