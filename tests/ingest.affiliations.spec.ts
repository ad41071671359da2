import { describe, expect, it } from 'vitest';
import { buildAffiliations, looksLikeAffiliation, parseAffiliationLine, parseAffiliationText, type ParsedAffiliation } from '../src/ingest/affiliations.js';
import type { Line } from '../src/ingest/source.js';

const L = (text: string, start = 0): Line => ({ text, start, end: start + text.length });

/** Labels and texts; each line slices back out of `src`. */
function labelled(src: string, parsed: ParsedAffiliation[]) {
  for (const a of parsed) expect(src.slice(a.line.start, a.line.end)).toBe(a.line.text);
  return parsed.map((a) => [a.label, a.line.text]);
}

describe('parseAffiliationLine', () => {
  it('numbered affiliations in one pair of parentheses, parsed', () => {
    const src = '(1.南华大学附属第一医院感染管理科，湖南衡阳421001;2.南华大学公共卫生学院，湖南衡阳421001)';
    const parsed = parseAffiliationLine(L(src), 'zh');
    expect(labelled(src, parsed)).toEqual([
      ['1', '南华大学附属第一医院感染管理科，湖南衡阳421001'],
      ['2', '南华大学公共卫生学院，湖南衡阳421001'],
    ]);
    expect(parsed[0]!.part).toEqual({
      text: '南华大学附属第一医院感染管理科，湖南衡阳421001',
      institution: '南华大学附属第一医院感染管理科',
      province: '湖南',
      city: '衡阳',
      postcode: '421001',
      country: '中国',
    });
  });

  it('each label before its own parentheses: `1(…)2(…)`', () => {
    const src = '>>1(南京信息工程大学数学与统计学院南京 210044)2(中国气象局国家空间天气中心北京 100081)';
    const parsed = parseAffiliationLine(L(src.slice(2), 2), 'zh');
    expect(labelled(src, parsed)).toEqual([
      ['1', '南京信息工程大学数学与统计学院南京 210044'],
      ['2', '中国气象局国家空间天气中心北京 100081'],
    ]);
  });

  it('labels after a postcode without a separator', () => {
    const src = '1西安热工研究院有限公司，西安710032 2西安科技大学材料学院，西安710054';
    expect(labelled(src, parseAffiliationLine(L(src), 'zh'))).toEqual([
      ['1', '西安热工研究院有限公司，西安710032'],
      ['2', '西安科技大学材料学院，西安710054'],
    ]);
  });

  it('an unlabelled affiliation is number 1', () => {
    const src = '（中国科学院国家空间科学中心，北京100190)';
    const parsed = parseAffiliationLine(L(src), 'zh');
    expect(labelled(src, parsed)).toEqual([['1', '中国科学院国家空间科学中心，北京100190']]);
    expect(parsed[0]!.part).toMatchObject({ institution: '中国科学院国家空间科学中心', province: '北京', city: '北京', postcode: '100190' });
  });

  it('English, with spaced labels', () => {
    const src = '(1. School of Physics, Peking University, Beijing 100871, China; 2. University of Chinese Academy of Sciences, Beijing 100049, China)';
    const parsed = parseAffiliationLine(L(src), 'en');
    expect(labelled(src, parsed)).toEqual([
      ['1', 'School of Physics, Peking University, Beijing 100871, China'],
      ['2', 'University of Chinese Academy of Sciences, Beijing 100049, China'],
    ]);
    expect(parsed[1]!.part.institution).toBe('University of Chinese Academy of Sciences');
  });

  it('English, a label lost by the extraction: the affiliation before the gap is cut after its country', () => {
    const src = '1.Shanghai Observatory, Chinese Academy of Sciences, Shanghai 200030, China Key Laboratory of Space Navigation, Shanghai 200030,China 3． Key Laboratory of Planetary Sciences, Shanghai 200030, China';
    const parsed = parseAffiliationLine(L(src), 'en');
    expect(labelled(src, parsed)).toEqual([
      ['1', 'Shanghai Observatory, Chinese Academy of Sciences, Shanghai 200030, China'],
      ['2', 'Key Laboratory of Space Navigation, Shanghai 200030,China'],
      ['3', 'Key Laboratory of Planetary Sciences, Shanghai 200030, China'],
    ]);
    expect(parsed[1]!.part).toMatchObject({ institution: 'Key Laboratory of Space Navigation', city: 'Shanghai', postcode: '200030', country: 'China' });
  });

  it('a lost label without a country to cut at leaves the text whole, and no label is skipped twice', () => {
    const src = '1. Institute of Physics, Beijing 100190; 3. Peking University, Beijing 100871; 6. Tsinghua University, Beijing 100084';
    expect(labelled(src, parseAffiliationLine(L(src), 'en'))).toEqual([
      ['1', 'Institute of Physics, Beijing 100190'],
      ['3', 'Peking University, Beijing 100871; 6. Tsinghua University, Beijing 100084'],
    ]);
  });
});

describe('parseAffiliationText', () => {
  it('province and city, autonomous region and 市 removed', () => {
    expect(parseAffiliationText('广西大学农学院，广西壮族自治区南宁市530004', 'zh')).toEqual({
      text: '广西大学农学院，广西壮族自治区南宁市530004',
      institution: '广西大学农学院',
      province: '广西',
      city: '南宁',
      postcode: '530004',
      country: '中国',
    });
  });

  it('a municipality is its own city', () => {
    expect(parseAffiliationText('中国科学院大学，北京100049', 'zh')).toMatchObject({ province: '北京', city: '北京', institution: '中国科学院大学' });
  });

  it('only an institution', () => {
    expect(parseAffiliationText('中国科学院大学', 'zh')).toEqual({ text: '中国科学院大学' });
    expect(parseAffiliationText('School of Physics, Peking University', 'en')).toEqual({
      text: 'School of Physics, Peking University',
      institution: 'School of Physics, Peking University',
    });
  });

  it('English: OCR letter O in the postcode, province before the country', () => {
    expect(parseAffiliationText('National Space Science Center, Chinese Academy of Sciences, Beijing 1OO190, China', 'en')).toEqual({
      text: 'National Space Science Center, Chinese Academy of Sciences, Beijing 1OO190, China',
      institution: 'National Space Science Center, Chinese Academy of Sciences',
      city: 'Beijing',
      postcode: '100190',
      country: 'China',
    });
    expect(parseAffiliationText("Xi'an University of Technology, Xi'an 710054, Shaanxi, China", 'en')).toMatchObject({
      institution: "Xi'an University of Technology",
      city: "Xi'an",
      province: 'Shaanxi',
      country: 'China',
    });
  });

  it('English: postcode on its own, city before it', () => {
    expect(parseAffiliationText('College of Agriculture, Guangxi University, Nanning, 530004, P. R. China', 'en')).toMatchObject({
      institution: 'College of Agriculture, Guangxi University',
      city: 'Nanning',
      postcode: '530004',
      country: 'P. R. China',
    });
  });
  it('institution and city run together without a comma', () => {
    expect(parseAffiliationText('南京信息工程大学数学与统计学院南京 210044', 'zh')).toEqual({
      text: '南京信息工程大学数学与统计学院南京 210044',
      institution: '南京信息工程大学数学与统计学院',
      city: '南京',
      postcode: '210044',
      country: '中国',
    });
  });
});

describe('looksLikeAffiliation', () => {
  it.each([
    ['1江西理工大学资源与环境工程学院，赣州341000', 'zh', true],
    ['中国科学院大学，北京100049', 'zh', true],
    ['（南华大学附属第一医院）', 'zh', true],
    ['本研究在大学实验室中进行。', 'zh', false],
    ['南华大学的学生', 'zh', false],
    ['School of Physics, Peking University', 'en', true],
    ['Abstract: The Institute of Physics', 'en', false],
    ['The yield increased', 'en', false],
  ] as const)('%s (%s) → %s', (text, lang, yes) => {
    expect(looksLikeAffiliation(text, lang)).toBe(yes);
  });
});

describe('buildAffiliations', () => {
  it('pairs the Chinese and English affiliation of each label', () => {
    const zh = parseAffiliationLine(L('(1.北京大学物理学院，北京100871;2.中国科学院大学，北京100049)'), 'zh');
    const en = parseAffiliationLine(L('(1. School of Physics, Peking University, Beijing 100871, China)'), 'en');
    const affs = buildAffiliations(zh, en);
    expect(affs.map((a) => [a.id, a.label, a.zh?.institution, a.en?.institution])).toEqual([
      ['aff1', '1', '北京大学物理学院', 'School of Physics, Peking University'],
      ['aff2', '2', '中国科学院大学', undefined],
    ]);
  });

  it('labels met only in English come after', () => {
    const zh = parseAffiliationLine(L('（北京大学物理学院，北京100871）'), 'zh');
    const en = parseAffiliationLine(L('(2. University of Chinese Academy of Sciences, Beijing 100049, China)'), 'en');
    expect(buildAffiliations(zh, en).map((a) => [a.id, a.label, !!a.zh, !!a.en])).toEqual([
      ['aff1', '1', true, false],
      ['aff2', '2', false, true],
    ]);
  });
});
