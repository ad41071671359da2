import { severityOf } from '../src/findings/index.js';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { Paragraph } from 'mdast';
import { visit } from 'unist-util-visit';
import { plainText } from '../src/model/util.js';
import { seedModel, model } from './helpers/seed.js';
import { MappedString } from '../src/normalize/mapped.js';
import { greekRejoin, punctHalfwidth, spaceHanLatin } from '../src/normalize/rules.js';

function para(text: string): { text: string; file: VFile } {
  const { tree, file } = model(`标题\n\n${text}\n`);
  const p = tree.children.find((c): c is Paragraph => c.type === 'paragraph')!;
  return { text: plainText(p.children), file };
}

describe('normalization rules on crafted text', () => {
  it('full-width punctuation between Han characters, half-width in English runs', () => {
    expect(para('因此,我们认为;结果:良好(见下文)。').text).toBe('因此，我们认为；结果：良好（见下文）。');
    expect(para('系统性红斑狼疮(systemic lupus erythematosus, SLE)是疾病。').text).toBe('系统性红斑狼疮（systemic lupus erythematosus, SLE）是疾病。');
    expect(para('吲哚胺2,3-双加氧酶与CD8,CD9有关。').text).toBe('吲哚胺2,3-双加氧酶与CD8,CD9有关。');
  });

  it('no literal spaces between Han and Latin or digits', () => {
    expect(para('MSCs 提高巨噬细胞分泌 IL-10、IL-6 和吞噬的能力。').text).toBe('MSCs提高巨噬细胞分泌IL-10、IL-6和吞噬的能力。');
    expect(para('正常情况下, MSCs 对树突状细胞具有抑制作用。').text).toBe('正常情况下，MSCs对树突状细胞具有抑制作用。');
    expect(para('the cell is fine 且良好。').text).toBe('the cell is fine且良好。');
  });

  it('re-joins split Greek letters and spaced hyphens', () => {
    expect(para('TNF- α 刺激基因(TNF- α -stimulating gene-6, TSG-6)。').text).toBe('TNF-α刺激基因（TNF-α-stimulating gene-6, TSG-6）。');
    expect(para('NF- κ B信号通路和TGF- β 1有关,TGF- β /Smad信号。').text).toBe('NF-κB信号通路和TGF-β1有关，TGF-β/Smad信号。');
    expect(para('IFN- γ 和LC3- I和LC3- II降低。').text).toBe('IFN-γ和LC3-I和LC3-II降低。');
    expect(para('Interferon- γ dependent inhibition。').text).toBe('Interferon-γ dependent inhibition。');
    expect(para('由 Luz - Crawford 提出。').text).toBe('由Luz-Crawford提出。');
    expect(para('CD4 ⁺ T细胞。').text).toBe('CD4⁺ T细胞。');
  });

  it('every change is a finding with rule id, position, before and after', () => {
    const { file } = para('结果 良好,TNF- α 降低。');
    const changes = file.messages.filter((m) => m.source === 'zhpub' && m.ruleId !== 'ingest-no-english-block' && m.actual);
    const ids = changes.map((m) => m.ruleId);
    expect(ids).toContain('punct-halfwidth-in-han');
    expect(ids).toContain('greek-rejoin');
    expect(ids).toContain('space-han-latin');
    const comma = changes.find((m) => m.ruleId === 'punct-halfwidth-in-han')!;
    expect([comma.line, comma.column, comma.actual, comma.expected?.[0]]).toEqual([3, 6, ',', '，']);
    const greek = changes.find((m) => m.ruleId === 'greek-rejoin')!;
    expect([greek.line, greek.column, greek.actual, greek.expected?.[0]]).toEqual([3, 9, 'F- α', 'F-α']);
  });

  it('turns ^[n] and $^{[n]}$ into citation nodes, ranges expanded', () => {
    const { tree } = model('标题\n\n研究表明^[1,3]。另有^[4-6],及$^{[7]}$。\n');
    const cites: number[][] = [];
    visit(tree, 'citation', (n) => {
      cites.push((n as { numbers: number[] }).numbers);
    });
    expect(cites).toEqual([[1, 3], [4, 5, 6], [7]]);
  });

  it('reads plain [n] citations only when every number names a reference', () => {
    const { tree } = model('标题\n\n模型[2-3]与区间[0,5]及[9]。\n\n参考文献\n\n[1] A. T[J]. J, 2020, 1:1.\n[2] B. T[J]. J, 2020, 1:1.\n[3] C. T[J]. J, 2020, 1:1.\n');
    const cites: number[][] = [];
    visit(tree, 'citation', (n) => {
      cites.push((n as { numbers: number[] }).numbers);
    });
    expect(cites).toEqual([[2, 3]]);
  });

  it('turns simple TeX remnants into text with subscripts and superscripts, and the rest into formulas', () => {
    const { tree, file } = model('标题\n\n加入$\\mathrm { H } _ { 2 } \\mathrm { O } _ { 2 }$处理$7 2 \\mathrm { { h } }$，$P < 0 . 0 5$，浓度$1 0 ^ { - 3 }$，公式$\\frac{a}{b}$不变，价格$5 and $6，温度$T$。\n');
    const p = tree.children.find((c): c is Paragraph => c.type === 'paragraph')!;
    const shapeOf = (c: (typeof p.children)[number]) => (c.type === 'text' ? c.value : c.type === 'inlineMath' ? `inlineMath:${c.value}` : `${c.type}:${plainText((c as { children: never[] }).children)}`);
    expect(p.children.map(shapeOf)).toEqual(['加入H', 'subscript:2', 'O', 'subscript:2', '处理72h，P<0.05，浓度10', 'superscript:-3', '，公式', 'inlineMath:\\frac{a}{b}', '不变，价格$5 and $6，温度T。']);
    expect(file.messages.filter((m) => m.ruleId === 'math-converted')).toHaveLength(5);
    expect(file.messages.filter((m) => m.ruleId === 'math-formula')).toHaveLength(1);
  });

  it('drops a $$ that pairs with nothing (a symbol the extraction lost), reported where it stood', () => {
    const { tree, file } = model('标题\n\n经脱水 $$ 透明 $$ 浸蜡处理，制成 $4 { \\sim } 6 ~ \\mu \\mathrm { m }$ 厚的切片。例如 :-D $$ happy。\n');
    const p = tree.children.find((c): c is Paragraph => c.type === 'paragraph')!;
    expect(plainText(p.children)).not.toContain('$');
    expect(plainText(p.children)).toContain('经脱水透明浸蜡处理');
    expect(plainText(p.children)).toContain('-D happy');
    // the formula after the stray dollars is read (here as text: it is simple)
    expect(plainText(p.children)).toContain('制成4~6 μm厚');
    const lost = file.messages.filter((m) => m.ruleId === 'math-lost');
    expect(lost).toHaveLength(3);
    expect(lost.every((m) => m.line === 3 && severityOf(m) === 'warning')).toBe(true);
    expect(lost[0]!.column).toBe(4);
  });

  it('reports a citation mark it cannot read', () => {
    const { file } = model('标题\n\n模型^[]有关。\n');
    expect(file.messages.some((m) => m.ruleId === 'cite-malformed')).toBe(true);
  });

  it('mapped strings keep source offsets through edits', () => {
    const ms = new MappedString('甲 , 乙', 100);
    const changes = ms.replace(punctHalfwidth.re, (m, v) => (punctHalfwidth.prepare?.(v), punctHalfwidth.replace(m, v)));
    expect(ms.value).toBe('甲 ， 乙');
    expect(changes[0]).toMatchObject({ start: 102, end: 103, before: ',', after: '，' });
    ms.replace(spaceHanLatin.re, spaceHanLatin.replace);
    expect(ms.value).toBe('甲 ， 乙');
    expect(ms.map[ms.value.indexOf('乙')]).toBe(104);
    const g = new MappedString('TNF- α', 0);
    g.replace(greekRejoin.re, greekRejoin.replace);
    expect(g.value).toBe('TNF-α');
  });
});

describe('normalization of the seed', () => {
  const { tree, file } = seedModel();
  const texts: string[] = [];
  visit(tree, 'text', (n, _i, parent) => {
    if (parent && parent.type !== 'referenceEntry' && parent.type !== 'emphasis') texts.push((n as { value: string }).value);
  });
  const body = texts.join('\n');

  it('leaves no half-width comma, semicolon or parenthesis between Han characters', () => {
    expect(body).not.toMatch(/[\u4e00-\u9fff][,;:()][\u4e00-\u9fff]/u);
    expect(body).not.toMatch(/[\u4e00-\u9fff] +[A-Za-z0-9]|[A-Za-z0-9] +[\u4e00-\u9fff]/u);
  });

  it('re-joins every Greek letter', () => {
    expect(body).not.toMatch(/- [αβγκ]/);
    for (const t of ['TNF-α', 'NF-κB', 'TGF-β1', 'IFN-γ', 'TGF-β/Smad', 'β-NGF', 'TNF-α-stimulating']) expect(body).toContain(t);
  });

  it('records the changes as info findings an editor can audit', () => {
    const counts = new Map<string, number>();
    for (const m of file.messages) counts.set(m.ruleId!, (counts.get(m.ruleId!) ?? 0) + 1);
    expect(counts.get('punct-halfwidth-in-han')).toBeGreaterThan(150);
    expect(counts.get('space-han-latin')).toBeGreaterThan(100);
    expect(counts.get('case-restored')).toBeGreaterThanOrEqual(7);
    const first = file.messages.find((m) => m.ruleId === 'greek-rejoin')!;
    expect([first.line, first.column]).toEqual([29, 246]);
    for (const m of file.messages.filter((x) => x.ruleId === 'punct-halfwidth-in-han')) {
      expect(m.line).toBeGreaterThan(0);
      expect(m.actual).toMatch(/^[,;:!?().]$/);
    }
  });

  it('structures emphasis and superscripts in references', () => {
    const refs = tree.children.find((c) => c.type === 'referenceList')!;
    const entry4 = (refs as { children: Array<{ children: Array<{ type: string }> }> }).children[3]!;
    expect(entry4.children.map((c) => c.type)).toEqual(['text', 'emphasis', 'text']);
    let sup = '';
    visit(refs, 'superscript', (n) => {
      sup = plainText((n as unknown as { children: Parameters<typeof plainText>[0] }).children);
    });
    expect(sup).toBe('lpr');
  });
});

describe('TeX remnants in strings that hold no structure', () => {
  it('become Unicode text with script forms, or plain characters when Unicode has none', async () => {
    const { unicodeText, simpleMath } = await import('../src/normalize/math.js');
    expect(unicodeText(simpleMath('\\mathrm { C O } _ { 2 }')!)).toBe('CO₂');
    expect(unicodeText(simpleMath('1 0 ^ { - 3 }')!)).toBe('10⁻³');
    expect(unicodeText(simpleMath('F _ { 1 0 . 7 }')!)).toBeNull();
    const { normalize } = await import('../src/normalize/index.js');
    const { emptyMeta } = await import('../src/model/meta.js');
    const meta = emptyMeta();
    meta.title.zh = '大气$\\mathrm { C O } _ { 2 }$浓度';
    meta.abstract = { zh: '在$F _ { 1 0 . 7 }$较高时', en: 'at $1 0 ^ { - 3 }$ mol' };
    const tree = { type: 'root', children: [], data: { meta } } as unknown as Parameters<typeof normalize>[0];
    const file = new VFile();
    normalize(tree, file);
    expect(meta.title.zh).toBe('大气CO₂浓度');
    expect(meta.abstract.zh).toBe('在F10.7较高时');
    expect(meta.abstract.en).toBe('at 10⁻³ mol');
    expect(file.messages.filter((m) => m.ruleId === 'math-converted')).toHaveLength(3);
  });
});

describe('Traditional characters in Simplified metadata', () => {
  it('are reported in the abstract as in the body, at the abstract', () => {
    const text = ['# 硒对大口黑鲈的影响', '张三1', '（1. 某某大学，北京 100000）', '摘要：本试验研究酵母硒8號的作用。', '关键词：硒；鲈鱼', '# 1 引言', '正文。'].join('\n\n');
    const { file } = model(text, 'a.md');
    const hits = file.messages.filter((m) => m.ruleId === 'trad-in-simp');
    expect(hits.map((m) => [m.line, m.message])).toEqual([[7, 'Traditional character `號` in Simplified text (Simplified: `号`)']]);
  });
});
