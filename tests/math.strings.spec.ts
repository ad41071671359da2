import { describe, expect, it } from 'vitest';
import { looksLikeMath, metaHasFormulas, stringFormulas, stringPhrasing } from '../src/math/strings.js';
import { emptyMeta } from '../src/model/meta.js';

describe('looksLikeMath: what the extraction set between dollars', () => {
  it.each([
    ['\\frac { a } { b }', true],
    ['T _ { a }', true],
    ['x', true],
    ['@', true],
    ['9 1 . 6 7 \\%', true],
    ['91.67%', true],
    ['91 . 6 7 %', true],
    ['SREBP–1c', true],
    ['S R E B P – 1 c', true],
    ['2008,170(1):127438', true],
    ['0.45。', true],
    ['p(x|b)', true],
    [':=7.56', true],
    ['0 . 4 5 。', true],
    [': = 7 . 5 6', true],
    ['p ( x | b )', true],
    ['* * P < 0 . 0 1', true],
    ['`+++++"', true],
    ['` + + + + + "', true],
    ['++', true],
    // two dollar amounts and the prose between them
    ['5, ', false],
    ['5 and ', false],
    ['100 to US', false],
    ['这是一段很长的中文句子，里面恰好有一个下划线_和两个美元符号之间的文字内容', false],
  ])('%s → %s', (body, yes) => {
    expect(looksLikeMath(body)).toBe(yes);
  });
});

describe('formulas in strings', () => {
  it('pairs each dollar with the next when the pair before was no formula', () => {
    // stray dollars of an emoticon, of lost arrows, and prose between two formulas
    expect(stringFormulas(":-D $$ happy'、':-( $^ { \\prime } $ 'sad'").map(([, , tex]) => tex)).toEqual(['^ { \\prime }']);
    expect(stringFormulas('脱水 $$ 透明 $$ 浸蜡 $$ 包理 $$ 展片 $$ 常规处理后，制成 $4 { \\sim } 6 ~ \\mu \\mathrm { m }$ 厚的切片').map(([, , tex]) => tex)).toEqual([
      '4 { \\sim } 6 ~ \\mu \\mathrm { m }',
    ]);
    expect(stringFormulas('示意细胞损伤。$$示意，放大倍数均为 $\\times 1 5 0 0$ ，刻度 $3 0 . 0 ~ { \\mu \\mathrm { m } }$').map(([, , tex]) => tex)).toEqual([
      '\\times 1 5 0 0',
      '3 0 . 0 ~ { \\mu \\mathrm { m } }',
    ]);
    // a formula this reading accepts keeps its closing dollar: `$a$+$b$` is two formulas, not `+`
    expect(stringFormulas('$\\frac{a}{b}$+$x$').map(([, , tex]) => tex)).toEqual(['\\frac{a}{b}', 'x']);
  });

  it('finds them with their offsets, the TeX trimmed, citation marks left out', () => {
    const s = '温度$T _ { l }$与$^{[3]}$和$\\frac{a}{b}$';
    expect(stringFormulas(s)).toEqual([
      [2, 13, 'T _ { l }'],
      [23, 36, '\\frac{a}{b}'],
    ]);
  });

  it('reads a string as text and inline math, marking what cannot be read', () => {
    const problem = (tex: string) => (tex.includes('{b') && !tex.includes('{b}') ? 'unbalanced' : null);
    expect(stringPhrasing('比值$\\frac{a}{b}$与$\\frac{a}{b$', problem)).toEqual([
      { type: 'text', value: '比值' },
      { type: 'inlineMath', value: '\\frac{a}{b}' },
      { type: 'text', value: '与' },
      { type: 'inlineMath', value: '\\frac{a}{b', data: { invalid: 'unbalanced' } },
    ]);
    expect(stringPhrasing('没有公式')).toEqual([{ type: 'text', value: '没有公式' }]);
  });

  it('tells whether the metadata holds a formula', () => {
    const meta = emptyMeta();
    meta.title.zh = '标题';
    expect(metaHasFormulas(meta)).toBe(false);
    meta.funding = { zh: '项目$\\mathrm{CO_{2}}$排放' };
    expect(metaHasFormulas(meta)).toBe(true);
  });
});
