import { describe, expect, it } from 'vitest';
import {
  looksLikeEnByline,
  looksLikeZhByline,
  marksOf,
  maskMath,
  parseEnAuthors,
  parseZhAuthors,
  segmentNames,
  type ParsedName,
} from '../src/ingest/authors.js';
import type { Line } from '../src/ingest/source.js';

const L = (text: string, start = 0): Line => ({ text, start, end: start + text.length });

/** [name, marks, corresponding] of each name; each name's line slices back out of `src`. */
function names(src: string, parsed: ParsedName[]) {
  for (const n of parsed) expect(src.slice(n.line.start, n.line.end)).toBe(n.line.text);
  return parsed.map((n) => [n.name, n.marks.join(','), n.corresponding]);
}

describe('parseZhAuthors', () => {
  it('superscript marks, commas and a corresponding star', () => {
    const src = '舒兆平¹,袁媛²,付强³*';
    expect(names(src, parseZhAuthors(L(src)))).toEqual([
      ['舒兆平', '1', false],
      ['袁媛', '2', false],
      ['付强', '3', true],
    ]);
  });

  it('names glued by their marks, OCR marks read as 1, stop at the affiliations', () => {
    const src = '##蔡永俊1²　张祥坤」姜景山1（1.中国科学院微波遥感重点实验室，北京100190)';
    const parsed = parseZhAuthors(L(src.slice(2), 2));
    expect(names(src, parsed)).toEqual([
      ['蔡永俊', '1,2', false],
      ['张祥坤', '1', false],
      ['姜景山', '1', false],
    ]);
    expect(parsed.map((n) => n.line.start)).toEqual([2, 8, 12]);
  });

  it('a two-character name padded to three keeps the padding in its line', () => {
    const src = '李　晶¹，万 津1*，徐 兵」';
    const parsed = parseZhAuthors(L(src));
    expect(names(src, parsed)).toEqual([
      ['李晶', '1', false],
      ['万津', '1', true],
      ['徐兵', '1', false],
    ]);
    expect(parsed.map((n) => n.line.text)).toEqual(['李　晶', '万 津', '徐 兵']);
  });

  it('TeX marks', () => {
    const src = '王小明$^{1,2}$，李　华$^{2*}$';
    expect(names(src, parseZhAuthors(L(src)))).toEqual([
      ['王小明', '1,2', false],
      ['李华', '2', true],
    ]);
  });

  it('marks read as l and I, and ’ for a superscript 1', () => {
    expect(names('王小明l，李华I', parseZhAuthors(L('王小明l，李华I')))).toEqual([
      ['王小明', '1', false],
      ['李华', '1', false],
    ]);
    expect(parseZhAuthors(L('张景瑞’，曾豪’，李明涛²')).map((n) => n.marks)).toEqual([['1'], ['1'], ['2']]);
  });

  it('names written without separators are cut at surnames', () => {
    const src = '张伟李娜王强';
    const parsed = parseZhAuthors(L(src));
    expect(names(src, parsed)).toEqual([
      ['张伟', '', false],
      ['李娜', '', false],
      ['王强', '', false],
    ]);
    expect(parsed.map((n) => [n.line.start, n.line.end])).toEqual([[0, 2], [2, 4], [4, 6]]);
  });

  it('compound surnames', () => {
    expect(parseZhAuthors(L('欧阳明华¹，司马光²')).map((n) => n.name)).toEqual(['欧阳明华', '司马光']);
  });
});

describe('segmentNames', () => {
  it('cuts a run into names that start with surnames', () => {
    expect(segmentNames('张伟李娜王强')).toEqual(['张伟', '李娜', '王强']);
    expect(segmentNames('欧阳明华司马光')).toEqual(['欧阳明华', '司马光']);
  });

  it('null when no cut fits', () => {
    expect(segmentNames('小明小华')).toBeNull();
  });
  it('prefers a three-character name before a two-character one', () => {
    expect(segmentNames('王小明李华')).toEqual(['王小明', '李华']);
  });
});

describe('marksOf', () => {
  it.each([
    ['¹²', ['1', '2']],
    ['1²', ['1', '2']],
    ['1,2', ['1', '2']],
    ['1，3*', ['1', '3']],
    ['」', ['1']],
    ['’', ['1']],
    ['12', ['12']],
    ['*', []],
  ])('%s', (text, marks) => {
    expect(marksOf(text)).toEqual(marks);
  });
});

describe('maskMath', () => {
  it('keeps the marks of TeX math and its length', () => {
    const src = '王$^ { 1 , 2 }$李';
    const masked = maskMath(src);
    expect(masked).toHaveLength(src.length);
    expect(masked.replace(/\u0001/g, '')).toBe('王1,2李');
  });
});

describe('looksLikeZhByline', () => {
  it.each([
    ['王小明¹ 李　晶²', true],
    ['王小明¹', true],
    ['崔延美，师立勤，刘四清（中国科学院国家空间科学中心，北京100190)', true],
    ['王小明', false],
    ['干旱胁迫对小麦根系的影响', false],
    ['摘要：王小明，李华', false],
  ])('%s → %s', (text, yes) => {
    expect(looksLikeZhByline(text)).toBe(yes);
  });
});

describe('parseEnAuthors', () => {
  it('pinyin names with superscript marks and a star', () => {
    const src = 'SHU Zhaoping¹, YUAN Yuan², FU Qiang³*';
    expect(names(src, parseEnAuthors(L(src)))).toEqual([
      ['SHU Zhaoping', '1', false],
      ['YUAN Yuan', '2', false],
      ['FU Qiang', '3', true],
    ]);
  });

  it('title-case names separated by marks and commas', () => {
    const src = 'Sang Gaoli1, Zheng Zengguo2*';
    expect(names(src, parseEnAuthors(L(src)))).toEqual([
      ['Sang Gaoli', '1', false],
      ['Zheng Zengguo', '2', true],
    ]);
  });

  it('names glued by their marks or by nothing at all', () => {
    const a = 'CAI Yongjun1,2 ZHANG Xiangkun1';
    expect(names(a, parseEnAuthors(L(a)))).toEqual([
      ['CAI Yongjun', '1,2', false],
      ['ZHANG Xiangkun', '1', false],
    ]);
    const b = '  FENG Jian-ChangAO Wen1';
    const parsed = parseEnAuthors(L(b.slice(2), 2));
    expect(names(b, parsed)).toEqual([
      ['FENG Jian-Chang', '', false],
      ['AO Wen', '1', false],
    ]);
    expect(parsed[1]!.line).toEqual({ text: 'AO Wen', start: 17, end: 23 });
    const c = 'CHENG Qing-Lin1GAN Yi-Fan1SU Wen-Kun1,2';
    expect(parseEnAuthors(L(c)).map((n) => n.name)).toEqual(['CHENG Qing-Lin', 'GAN Yi-Fan', 'SU Wen-Kun']);
    expect(parseEnAuthors(L('CAI Yongjun ZHANG Xiangkun')).map((n) => n.name)).toEqual(['CAI Yongjun', 'ZHANG Xiangkun']);
  });

  it('stops at the affiliations; an apostrophe after a name is a mark', () => {
    expect(parseEnAuthors(L('CUI Yanmei，SHI Liqin，LIU Siqing (National Space Science Center)')).map((n) => n.name)).toEqual([
      'CUI Yanmei',
      'SHI Liqin',
      'LIU Siqing',
    ]);
    expect(parseEnAuthors(L("HUANG Jinyang'，LU Jintao'")).map((n) => n.marks)).toEqual([['1'], ['1']]);
  });
  it('title-case names of two words each, separated by a space', () => {
    expect(parseEnAuthors(L('Sang Gaoli Zheng Zengguo')).map((n) => n.name)).toEqual(['Sang Gaoli', 'Zheng Zengguo']);
  });
  it('TeX marks after pinyin names', () => {
    const parsed = parseEnAuthors(L('WANG Shao-Shuai$^{3}$, SUN Wei$^{1*}$'));
    expect(parsed.map((n) => [n.name, n.marks, n.corresponding])).toEqual([
      ['WANG Shao-Shuai', ['3'], false],
      ['SUN Wei', ['1'], true],
    ]);
  });
});

describe('looksLikeEnByline', () => {
  it.each([
    ['SHU Zhaoping¹, YUAN Yuan²', true],
    ['ZHANG Wei', true],
    ['LIU Siqing (National Space Science Center)', true],
    ['Zhang Wei', false],
    ['Quantum Dots', false],
    ['National Space Science Center, Chinese Academy of Sciences', false],
    ['Study on Forecast of Solar Proton Event Fluence', false],
    ['Deep Learning Based Image Segmentation Method', false],
  ])('%s → %s', (text, yes) => {
    expect(looksLikeEnByline(text)).toBe(yes);
  });
});
