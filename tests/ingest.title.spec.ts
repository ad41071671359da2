import { describe, expect, it } from 'vitest';
import type { Line } from '../src/ingest/source.js';
import { isTitleLike, splitTitleByline, stripTitleMarks } from '../src/ingest/title.js';

const L = (text: string, start = 0): Line => ({ text, start, end: start + text.length });
const texts = (ls: Array<Line | null>) => ls.map((l) => l?.text ?? null);

describe('isTitleLike', () => {
  it.each(['基于深度学习的图像分割方法研究', '# 干旱胁迫对小麦根系的影响', '调频连续波SAR回波建模'])('title: %s', (t) => {
    expect(isTitleLike(t)).toBe(true);
  });

  it.each([
    ['a sentence', '本文研究了干旱胁迫对小麦的影响。'],
    ['a citation of the article', '王小明．小麦根系研究[J]．农业学报'],
    ['an affiliation in parentheses', '（中国科学院国家空间科学中心，北京100190)'],
    ['too little Han', 'SAR回波'],
    ['too long', '研究'.repeat(81)],
  ])('not a title: %s', (_, t) => {
    expect(isTitleLike(t)).toBe(false);
  });
});

describe('splitTitleByline', () => {
  it('a byline glued to the title, padded and with superscript marks', () => {
    const src = '# 干旱胁迫对小麦根系的影响王小明¹ 李　晶²';
    const [title, byline] = splitTitleByline(L(src));
    expect(texts([title, byline])).toEqual(['干旱胁迫对小麦根系的影响', '王小明¹ 李　晶²']);
    expect(src.slice(title.start, title.end)).toBe(title.text);
    expect(src.slice(byline!.start, byline!.end)).toBe(byline!.text);
  });

  it('the title’s footnote mark between title and byline is dropped', () => {
    const src = '--氧化应激与自噬1吴艳萍 王阳';
    const [title, byline] = splitTitleByline(L(src.slice(2), 2));
    expect(texts([title, byline])).toEqual(['氧化应激与自噬', '吴艳萍 王阳']);
    expect([title.start, title.end, byline!.start, byline!.end]).toEqual([2, 9, 10, 16]);
  });

  it('a title without byline, even when its last characters start with a surname', () => {
    const line = L('基于深度学习的图像分割方法研究');
    const [title, byline] = splitTitleByline(line);
    expect(title).toEqual(line);
    expect(byline).toBeNull();
  });

  it('a title alone keeps its end mark removed', () => {
    const [title, byline] = splitTitleByline(L('管输含蜡原油的化学组成*'));
    expect(title).toEqual({ text: '管输含蜡原油的化学组成', start: 0, end: 11 });
    expect(byline).toBeNull();
  });
});

describe('stripTitleMarks', () => {
  it.each([
    ['# 航天员受宇宙线辐射的剂量计算', '航天员受宇宙线辐射的剂量计算', 2],
    ['日地轨道的转移设计¹²', '日地轨道的转移设计', 0],
    ['钴含量对合金腐蚀的影响！', '钴含量对合金腐蚀的影响', 0],
    ['钴含量对合金腐蚀的影响 $^{*}$', '钴含量对合金腐蚀的影响', 0],
    ['温度对反应速率的影响(Ⅱ)*', '温度对反应速率的影响(Ⅱ)', 0],
  ])('%s', (src, text, start) => {
    const l = stripTitleMarks(L(src));
    expect(l).toEqual({ text, start, end: start + text.length });
    expect(src.slice(l.start, l.end)).toBe(text);
  });

  it('digits that belong to the title stay', () => {
    expect(stripTitleMarks(L('COVID-19患者的肺部影像')).text).toBe('COVID-19患者的肺部影像');
    expect(stripTitleMarks(L('长征5号运载火箭 Vol 2')).text).toBe('长征5号运载火箭 Vol 2');
  });
});
