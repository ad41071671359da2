import { describe, expect, it } from 'vitest';
import { captionCredit, matchCaption } from '../src/ingest/captions.js';

describe('matchCaption', () => {
  it.each([
    ['图1 不同处理下的产量', 'figure', 1, 'zh', false, '不同处理下的产量'],
    ['图 1 ：产量', 'figure', 1, 'zh', false, '产量'],
    ['# 图3 试验区位置', 'figure', 3, 'zh', false, '试验区位置'],
    ['图12 产量', 'figure', 12, 'zh', false, '产量'],
    ['图1 (a) 产量', 'figure', 1, 'zh', false, '(a) 产量'],
    ['Fig. 1 Yield under treatments', 'figure', 1, 'en', false, 'Yield under treatments'],
    ['Figure 2. Study area', 'figure', 2, 'en', false, 'Study area'],
    ['FIG.3 Map', 'figure', 3, 'en', false, 'Map'],
    ['表2 各处理的产量', 'table', 2, 'zh', false, '各处理的产量'],
    ['Table 2 Yields', 'table', 2, 'en', false, 'Yields'],
    ['TABLE 2. Yields', 'table', 2, 'en', false, 'Yields'],
    ['Tab. 2 Yields', 'table', 2, 'en', false, 'Yields'],
    ['续表1', 'table', 1, 'zh', true, ''],
    ['续表 1 各处理的产量', 'table', 1, 'zh', true, '各处理的产量'],
  ] as const)('%s', (text, kind, number, lang, continued, caption) => {
    const m = matchCaption(text);
    expect(m && { kind: m.kind, number: m.number, lang: m.lang, continued: m.continued }).toEqual({ kind, number, lang, continued });
    expect(text.slice(m!.textStart)).toBe(caption);
  });

  it('`Tablel`: an OCR l for the 1 of a table', () => {
    const m = matchCaption('Tablel Yields of treatments');
    expect(m && [m.kind, m.number, m.lang]).toEqual(['table', 1, 'en']);
    expect('Tablel Yields of treatments'.slice(m!.textStart)).toBe('Yields of treatments');
  });

  it('TeX in a caption does not count towards its length', () => {
    const tex = `$${'\\mathrm { N i C r } _ { 2 } '.repeat(12)}$`;
    expect(tex.length).toBeGreaterThan(240);
    expect(matchCaption(`图2 ${tex}的分布`)?.number).toBe(2);
  });

  it('an OCR O after the digit is taken into the label (`Fig.1Ob`, read as 10b by the body)', () => {
    const m = matchCaption('Fig.1Ob Map');
    expect(m?.number).toBe(1);
    expect('Fig.1Ob Map'.slice(m!.textStart)).toBe('b Map');
  });

  it.each([
    ['a sentence about the figure', '图1所示，产量随灌水增加'],
    ['a sentence about the table', '表2中的数据来自试验站'],
    ['two figures named', '图1和图2'],
    ['a list of figures', '图1，2 产量'],
    ['an English sentence', 'Fig. 1 shows the yield'],
    ['an English sentence about a table', 'Table 2 lists the yields'],
    ['a section number', '图1.2 方法'],
    ['a line ending a sentence', '图1 产量随灌水增加。'],
    ['a table row', '图1\t产量'],
    ['a long line', `图1 ${'产量'.repeat(200)}`],
    ['not a caption at all', '本图显示了产量'],
  ])('not a caption: %s', (_, text) => {
    expect(matchCaption(text)).toBeNull();
  });
});

describe('captionCredit', () => {
  it.each([
    ['图2 试验区位置（作者绘制）', '作者绘制', '图2 试验区位置'],
    ['图2 试验区位置 (drawn by the authors)', 'drawn by the authors', '图2 试验区位置'],
    ['Fig. 2 Map (source: USGS)', 'source: USGS', 'Fig. 2 Map'],
  ])('%s', (text, credit, before) => {
    const c = captionCredit(text);
    expect(c?.credit).toBe(credit);
    expect(text.slice(0, c!.at)).toBe(before);
  });

  it('parentheses that are not a credit', () => {
    expect(captionCredit('图2 试验区位置（单位：mm）')).toBeNull();
    expect(captionCredit('图2 试验区位置')).toBeNull();
  });
});

describe('matchCaption next to a float', () => {
  const long = `图1 一段观测原始数据，挑选的毛刺和剔除毛刺后的光变，${'原始数据仅扣除了在轨放射源事例，'.repeat(16)}单体为2号。`;
  it('a long caption ending as a sentence is a caption right after an image, not elsewhere', () => {
    expect(long.length).toBeGreaterThan(240);
    expect(matchCaption(long)).toBeNull();
    expect(matchCaption(long, true)?.number).toBe(1);
    expect(matchCaption('图2 毛刺事例的分布：(a)为在电子学能道上的分布；(b)为脉冲宽度分布。', true)?.number).toBe(2);
  });
  it('a sentence about the figure stays a sentence', () => {
    expect(matchCaption('图1(a)是一段2号单体探测器观测Crab源的原始数据的光变曲线。', true)).toBeNull();
    expect(matchCaption('图5则是在不同极化时，对应的植被和裸土延迟多普勒散射信号能量差示意图。', true)).toBeNull();
  });
});
