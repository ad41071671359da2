/**
 * Formulas (issue #13): the model's inlineMath/math nodes from `$…$` and
 * `$$…$$`, their labels, `math-invalid`; the JATS (MathML 3 DTD variant,
 * read back); the Markdown round trip; the typeset PDF read back with
 * pdfjs-dist (outlines, no TeX source in the text); a few formula-heavy
 * corpus articles; the seed loading no math library.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import type { InlineMath, Math } from 'mdast-util-math';
import type { LayoutResult } from '../src/layout/types.js';
import { compactTex, takeLabel, withLabel, trimTex } from '../src/math/tex.js';
import { parsePath } from '../src/math/path.js';
import { toJats, validateJats, fromJats } from '../src/jats/index.js';
import { toMarkdown } from '../src/markdown/stringify.js';
import { fromMarkdown } from '../src/markdown/parse.js';
import { normalize } from '../src/normalize/index.js';
import { referencesStage } from '../src/references/index.js';
import { enrich } from '../src/enrich/index.js';
import { renderArticle, type RenderedArticle } from '../src/render/index.js';
import { withoutPositions } from '../src/model/util.js';
import type { ArticleRoot } from '../src/model/types.js';
import { CORPUS, HAS_CORPUS, ROOT, model } from './helpers/seed.js';

const FIXTURE = path.join(ROOT, 'tests/fixtures/math/formulas.md');
const INVALID = '\\frac { a } { b';

function formulas(tree: ArticleRoot): Array<InlineMath | Math> {
  const out: Array<InlineMath | Math> = [];
  visit(tree, (n) => {
    if (n.type === 'math' || n.type === 'inlineMath') out.push(n as InlineMath | Math);
  });
  return out;
}

/** The text of a PDF, the count of its path drawings, and its text by the name of the embedded font it is set in. */
async function pdfText(bytes: Uint8Array): Promise<{ text: string; paths: number; byFont: Map<string, string> }> {
  const doc = await pdfjs.getDocument({ data: bytes.slice(), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  let text = '';
  let paths = 0;
  const byFont = new Map<string, string>();
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join('') + '\n';
    const ops = await page.getOperatorList();
    paths += ops.fnArray.filter((f) => f === pdfjs.OPS.constructPath).length;
    for (const it of content.items) {
      if (!('str' in it)) continue;
      const name = (page.commonObjs.get(it.fontName) as { name: string }).name.replace(/^[A-Z]{6}\+/, '');
      byFont.set(name, (byFont.get(name) ?? '') + it.str);
    }
  }
  await doc.destroy();
  return { text, paths, byFont };
}

/**
 * Inline formulas that reach into the ink of a neighbouring line: each
 * formula's drawing against every text run over the same columns on the
 * same page, text ink taken from 0.22 em below to 0.88 em above its
 * baseline. Runs on the formula's own baseline are its line.
 */
function formulaOverlaps(pages: LayoutResult['pages']): string[] {
  const out: string[] = [];
  pages.forEach((page, i) => {
    const runs = page.boxes.filter((b) => b.kind === 'text');
    for (const m of page.boxes) {
      if (m.kind !== 'math') continue;
      for (const t of runs) {
        // a run's width, generously: Han and full-width characters an em, the rest 0.6 em
        const width = [...t.text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 1 : 0.6) * t.size, 0);
        if (Math.abs(t.y - m.y) < 1 || t.x > m.x + m.width || t.x + width < m.x) continue;
        if (m.y + m.height > t.y - 0.22 * t.size + 0.1 && m.y - m.depth < t.y + 0.88 * t.size - 0.1) out.push(`page ${i + 1}: formula at y ${m.y.toFixed(1)} and "${t.text.slice(0, 12)}" at y ${t.y.toFixed(1)}`);
      }
    }
  });
  return out;
}

/** TeX source in PDF text: a command, a spaced script, a dollar beside a letter or backslash. */
const TEX_IN_TEXT = /\\(?:mathrm|frac|left|right|sum|sqrt|begin)\b|[_^] \{|\$[A-Za-z\\]|[A-Za-z\\]\$/;


/** The formula fixture's model and PDF, made once for the tests that only read them. */
let fixtureRender: Promise<RenderedArticle> | undefined;
function fixturePdf(tree?: ArticleRoot): Promise<RenderedArticle> {
  fixtureRender ??= renderArticle(tree ?? model(readFileSync(FIXTURE, 'utf8'), FIXTURE).tree);
  return fixtureRender;
}

describe('formulas in the model', () => {
  it('takes a display formula’s number out of its TeX, and writes it back as \\tag', () => {
    expect(takeLabel('E = m c ^ { 2 } \\tag{1}')).toEqual({ tex: 'E = m c ^ { 2 }', label: '(1)' });
    expect(takeLabel('a = b \\quad ( 3 . 2 )')).toEqual({ tex: 'a = b', label: '(3.2)' });
    expect(takeLabel('f ( x ) = ( 1 )')).toEqual({ tex: 'f ( x ) = ( 1 )' });
    expect(withLabel('a = b', '(3.2)')).toBe('a = b \\tag{3.2}');
    expect(trimTex(' P < 0 . 0 5 \\ ')).toBe('P < 0 . 0 5 \\ ');
  });

  it('takes out the spaces math mode ignores before typesetting, keeping those that mean something', () => {
    expect(compactTex('Q _ { \\mathrm { x c h } } = 1 . 0 0 3 8')).toBe('Q_{\\mathrm{xch}}=1.0038');
    // a control word keeps its end before a letter; a control space stays
    expect(compactTex('\\alpha b + \\beta 2 \\mathrm { ~ \\ k J ~ }')).toBe('\\alpha b+\\beta2\\mathrm{~\\ kJ~}');
    // text arguments as written
    expect(compactTex('x \\text { if  a  b } + \\mbox{ c d } y')).toBe('x\\text{ if  a  b }+\\mbox{ c d }y');
    // a row starting with a bracket is not an added space
    expect(compactTex('a \\\\ [ b ]')).toBe('a\\\\ [b]');
    // a comment: as written
    expect(compactTex('a % b\n c')).toBe('a % b\n c');
    expect(compactTex('5 0 \\%')).toBe('50\\%');
  });

  it('reads paths as absolute moves, lines and cubic curves', () => {
    expect(parsePath('M10 20Q30 40 50 60T70 80H90V100Z')).toEqual({
      ops: 'MCCLLZ',
      coords: [10, 20, 10 + (2 / 3) * 20, 20 + (2 / 3) * 20, 50 + (2 / 3) * -20, 60 + (2 / 3) * -20, 50, 60, 50 + (2 / 3) * 20, 60 + (2 / 3) * 20, 70 + (2 / 3) * 0, 80 + (2 / 3) * 0, 70, 80, 90, 80, 90, 100],
    });
  });

  it('makes inline and display formulas, numbers (1) and (2), and reports bad TeX with its position', () => {
    const { tree, file } = model(readFileSync(FIXTURE, 'utf8'), FIXTURE);
    const all = formulas(tree);
    const display = all.filter((f): f is Math => f.type === 'math');
    expect(display).toHaveLength(4);
    expect(display.map((d) => d.data?.label ?? null)).toEqual(['(1)', '(2)', null, null]);
    expect(display[0]!.value).toBe('E = m c ^ { 2 }');
    expect(all.filter((f) => f.type === 'inlineMath')).toHaveLength(14);
    const bad = file.messages.filter((m) => m.ruleId === 'math-invalid');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.line).toBe(43);
    expect(all.find((f) => f.data?.invalid)?.value).toBe(INVALID);
  });
});

describe('formulas out and back', () => {
  const { tree } = model(readFileSync(FIXTURE, 'utf8'), FIXTURE);

  it('writes JATS that validates against the MathML 3 variant and reads back the same formulas', () => {
    const xml = toJats(tree);
    expect(xml).toMatch(/<!DOCTYPE article PUBLIC "[^"]*DTD with MathML3 v1\.3/);
    const v = validateJats(xml);
    expect(v.errors).toEqual([]);
    expect(v.dtdChecked).toBe(true);
    expect(xml.match(/<disp-formula /g)).toHaveLength(4);
    expect(xml).toContain('<label>(1)</label>');
    expect((xml.match(/<mml:math[ >]/g) ?? []).length).toBe(17);
    const file = new VFile({ path: 'a.xml', value: xml });
    const back = normalize(fromJats(xml, file), file, { recordChanges: false });
    const strip = (t: ArticleRoot) => formulas(t).map((f) => [f.type, f.value, (f.data as { label?: string } | undefined)?.label ?? null]);
    expect(strip(back)).toEqual(strip(tree));
  });

  it('learns the common formulas once, as the build does, and a process starting from what it learned still finds new or wrong MathML', async () => {
    const { forgetKnownMath, knownMathSnapshot, rememberKnownMath } = await import('../src/jats/validate.js');
    const { learnCommonMath } = await import('../src/jats/mathml-warmup.js');
    forgetKnownMath();
    const learned = learnCommonMath()!;
    expect(learned.errors).toEqual([]);
    const names = Object.keys(learned.snapshot.known).sort();
    expect(names).toEqual(['JATS-archivearticle1-3-mathml3.dtd', 'JATS-journalpublishing1-3-mathml3.dtd']);
    expect(learned.snapshot.known['JATS-archivearticle1-3-mathml3.dtd']).toContain('MathExpression>mfrac');
    forgetKnownMath();
    const { localDtdFor, JATS_MATHML_PUBLIC_ID, JATS_MATHML_SYSTEM_ID } = await import('../src/jats/dtd.js');
    const dtd = localDtdFor(JATS_MATHML_PUBLIC_ID, JATS_MATHML_SYSTEM_ID)!;
    expect(rememberKnownMath({ ...learned.snapshot, mathml: 'another module' }, dtd)).toBe(false);
    expect(rememberKnownMath(learned.snapshot, dtd)).toBe(true);
    expect(knownMathSnapshot(dtd).known).toEqual(learned.snapshot.known);
    const xml = toJats(tree);
    expect(validateJats(xml).errors).toEqual([]);
    const lines = xml.split('\n');
    const at = lines.findIndex((l) => l.includes('<mml:mfrac>'));
    lines[at] = lines[at]!.replace('<mml:mfrac>', '<mml:mfrac><mml:mn>9</mml:mn>');
    const errors = validateJats(lines.join('\n')).errors.filter((e) => e.ruleId === 'jats-dtd');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.line).toBe(at + 1);
    // known MathML does not hide an error elsewhere in the document
    const wrongJats = xml.replace('<label>(1)</label>', '<label>(1)</label><foo/>');
    expect(wrongJats).not.toBe(xml);
    expect(validateJats(wrongJats).errors.map((e) => e.ruleId)).toContain('jats-dtd');
    // an attribute value the DTD does not allow, on an element seen valid with other values
    expect(xml).toContain('stretchy="false"');
    expect(validateJats(xml.replace('stretchy="false"', 'stretchy="maybe"')).errors.map((e) => e.ruleId)).toContain('jats-dtd');
    // a CDATA attribute the element declares (class, style…) is valid with any value, learned or not;
    // an attribute it does not declare is still checked
    expect(validateJats(xml.replace('<mml:mfrac>', '<mml:mfrac class="new-class">')).errors).toEqual([]);
    expect(validateJats(xml.replace('<mml:mfrac>', '<mml:mfrac colour="red">')).errors.map((e) => e.ruleId)).toContain('jats-dtd');
    forgetKnownMath();
  });

  it('reads the CDATA attributes of each MathML element from the DTD, its parameter entities expanded', async () => {
    const { cdataAttributes } = await import('../src/jats/validate.js');
    const { localDtdFor, JATS_MATHML_PUBLIC_ID, JATS_MATHML_SYSTEM_ID } = await import('../src/jats/dtd.js');
    const dtd = localDtdFor(JATS_MATHML_PUBLIC_ID, JATS_MATHML_SYSTEM_ID)!;
    const attrs = cdataAttributes(readFileSync(path.join(path.dirname(dtd), 'mathml3.dtd'), 'utf8'));
    // CommonAtt through an entity of its own (`%msubsup.attributes;`) and directly (`mpadded`)
    for (const el of ['mpadded', 'msubsup', 'mrow', 'mi']) expect([...attrs.get(el)!]).toEqual(expect.arrayContaining(['class', 'style', 'xref']));
    expect(attrs.get('mpadded')!.has('lspace')).toBe(true);
    // enumerated attributes are not CDATA
    expect(attrs.get('mo')!.has('stretchy')).toBe(false);
    expect(attrs.has('bvar')).toBe(false);
  });

  it('writes $…$ and $$…$$ with \\tag{1}, and reads the Markdown back byte-identical', () => {
    const md = toMarkdown(tree);
    expect(md).toContain('$$\nE = m c ^ { 2 } \\tag{1}\n$$');
    expect(md).toContain('$\\frac { a + b } { c - d }$');
    const file = new VFile({ path: 'a.md', value: md });
    const back = normalize(fromMarkdown(md, file), file, { recordChanges: false });
    referencesStage(back, file);
    enrich(back, file);
    expect(toMarkdown(back)).toBe(md);
    expect(JSON.stringify(withoutPositions(back))).toBe(JSON.stringify(withoutPositions(tree)));
  });

  it('typesets every formula as outlines: no TeX in the PDF text but the invalid one, numbers at the right', async () => {
    const { pdf, layout } = await fixturePdf(tree);
    const boxes = layout.pages.flatMap((p) => p.boxes);
    const drawn = boxes.filter((b) => b.kind === 'math');
    // 13 inline formulas and 4 display ones are typeset; the invalid one is text.
    expect(drawn.length).toBe(17);
    const { text, paths, byFont } = await pdfText(pdf);
    expect(paths).toBeGreaterThanOrEqual(17);
    expect(text.replace(/\s+/g, '')).toContain(INVALID.replace(/\s+/g, ''));
    // the TeX that cannot be read is shown as written, in the monospace face (embedded only for it)
    const mono = boxes.filter((b) => b.kind === 'text' && b.font === 'mono').map((b) => (b as { text: string }).text).join('');
    expect(mono.replace(/\s+/g, '')).toBe(INVALID.replace(/\s+/g, ''));
    expect(byFont.get('NotoSansMono-Regular')?.replace(/\s+/g, '')).toBe(INVALID.replace(/\s+/g, ''));
    const withoutInvalid = text.replace(/\\frac\s*\{\s*a\s*\}\s*\{\s*b/, '');
    expect(withoutInvalid).not.toMatch(/\\/);
    expect(withoutInvalid).not.toMatch(TEX_IN_TEXT);
    expect(text).toMatch(/\(1\)/);
    // The number sits at the right edge of its column, the formula is centred left of it.
    const label = boxes.find((b) => b.kind === 'text' && b.text === '(1)')!;
    const eq = drawn.find((b) => b.kind === 'math' && Math.abs(b.y - (label as { y: number }).y) < 0.5)!;
    expect(eq).toBeDefined();
    expect((label as { x: number }).x).toBeGreaterThan(eq.x + eq.width);
  });
});

describe('formulas in the tagged PDF', () => {
  const { tree } = model(readFileSync(FIXTURE, 'utf8'), FIXTURE);

  it('are Formula elements with their TeX as alternative text, in reading order inside their paragraphs', async () => {
    const { pdf } = await fixturePdf(tree);
    const doc = await pdfjs.getDocument({ data: pdf.slice(), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
    interface Node {
      role?: string;
      alt?: string;
      type?: string;
      children?: Node[];
    }
    const found: { parent: Node; node: Node }[] = [];
    const walk = (n: Node) => {
      for (const c of n.children ?? []) {
        if (c.role === 'Formula') found.push({ parent: n, node: c });
        walk(c);
      }
    };
    for (let i = 1; i <= doc.numPages; i++) walk((await (await doc.getPage(i)).getStructTree()) as Node);
    await doc.destroy();
    const typeset = formulas(tree).filter((f) => !f.data?.invalid);
    expect(found.map((f) => f.node.alt)).toEqual(typeset.map((f) => f.value));
    for (const { parent, node } of found) {
      expect(parent.role).toBe('P');
      expect(node.children?.every((c) => c.type === 'content')).toBe(true);
    }
    // an inline formula stands between the marked content of its paragraph's text
    const inline = found.find((f) => f.node.alt === typeset[0]!.value)!;
    const at = inline.parent.children!.indexOf(inline.node);
    expect(inline.parent.children![at - 1]?.type).toBe('content');
    expect(inline.parent.children![at + 1]?.type).toBe('content');
    // a display formula is the first child of a P of its own, its number after it
    const display = found.find((f) => f.node.alt === 'E = m c ^ { 2 }')!;
    expect(display.parent.children!.map((c) => c.role ?? c.type)).toEqual(['Formula', 'content']);
  });
});

describe('inline formulas taller than a line', () => {
  it('get whole lines of room above and below: the baseline grid stays and nothing overlaps', async () => {
    const prose = '叶片温度与气温之比随辐射增大而上升，这一关系在不同处理之间保持一致，并且在高温条件下更加明显。';
    const text = ['# 高大的行内公式', `${prose.repeat(2)}其比值$\\frac{\\sum_{i=1}^{n} x_{i}^{2}}{\\sqrt{\\frac{a}{b}}}$随温度变化。${prose.repeat(3)}`, `${prose.repeat(2)}`].join('\n\n');
    const { tree } = model(text, 'a.md');
    const { layout } = await renderArticle(tree);
    expect(layout.pages.flatMap((p) => p.boxes).filter((b) => b.kind === 'math')).toHaveLength(1);
    expect(formulaOverlaps(layout.pages)).toEqual([]);
    // every body line stays on the grid of 15.75 pt
    const body = layout.pages[0]!.boxes.filter((b) => b.kind === 'text' && b.size === 10.5 && b.x < 300).map((b) => (b as { y: number }).y);
    const first = Math.max(...body);
    for (const y of body) expect(Math.abs(((first - y) / 15.75) % 1) < 0.01 || Math.abs(((first - y) / 15.75) % 1) > 0.99).toBe(true);
  });
});

describe('formulas in text the model keeps as strings', () => {
  const text = [
    '# 高温下$\\mathcal{C}_{3}$作物的光合',
    '张三1',
    '（1. 某某大学，北京 100000）',
    '摘要：叶片温度$T_{l}$与气温之比$\\frac{T_{l}}{T_{a}}$随辐射增大，而$\\frac{a}{b$无法读出。',
    '关键词：光合；温度',
    'Abstract: The ratio $\\frac{T_{l}}{T_{a}}$ rises with radiation.',
    '# 1 $\\beta$-胡萝卜素',
    '叶片温度见表1和图1。',
    '表1 叶温$\\sqrt{T_{l}}$的变化',
    'Table 1 Changes of $\\sqrt{T_{l}}$ (mass$\\%$)',
    '<table><tr><td>处理</td><td>$\\frac{T_{l}}{T_{a}}$</td></tr><tr><td>CK</td><td>1.02</td></tr></table>',
    '![](images/a.jpg)',
    '图1 大于30 $\\mathcal { C }$ 的高温概率',
    '参考文献',
    '[1] LI H, WANG J. Aflatoxin $\\mathbf{B}_{1}$ in feed[J]. J Anim Sci, 2019, 97(3): 1-10.',
  ].join('\n\n');
  const { tree, file } = model(text, 'a.md');

  it('judges them: what cannot be read is math-invalid at its field; simple ones in headings are text', () => {
    const invalid = file.messages.filter((m) => m.ruleId === 'math-invalid').map((m) => m.reason);
    expect(invalid).toEqual([expect.stringMatching(/^Formula `\\frac\{a\}\{b` in abstract\.zh cannot be read/)]);
    const heading = tree.children.find((c) => c.type === 'heading' && c.data?.label === '1');
    expect(JSON.stringify(heading)).toContain('β-胡萝卜素');
    const table = tree.children.find((c) => c.type === 'tableFloat')!;
    expect(JSON.stringify(table.children[0].children[0]!.children[1]!.children)).toContain('"type":"inlineMath"');
    expect(JSON.stringify(table.captionEn)).toContain('(mass%)');
  });

  it('typesets them in the PDF: no TeX left in its text but the formula that cannot be read', async () => {
    const { pdf, layout } = await renderArticle(tree);
    const drawn = layout.pages.flatMap((p) => p.boxes).filter((b) => b.kind === 'math');
    expect(drawn.length).toBeGreaterThanOrEqual(8);
    const { text: printed } = await pdfText(pdf);
    const rest = printed.replace(/\s+/g, '').replace('\\frac{a}{b', '');
    expect(rest).not.toMatch(/\\/);
    expect(rest).not.toMatch(TEX_IN_TEXT);
  });
});

// One formula-heavy article here; every corpus article's JATS is validated with its MathML in corpus.ingest.a/b.
const HEAVY = ['ChinaXiv-201703.00446V1.md'];

describe.skipIf(!HAS_CORPUS)('formula-heavy corpus articles', () => {
  // (its JATS and Markdown round trip are checked with every corpus article in corpus.ingest.a/b)
  it.each(HEAVY)('%s: no TeX in the PDF text but invalid formulas', async (name) => {
    const text = readFileSync(path.join(CORPUS, name), 'utf8');
    const { tree, file } = model(text, name);
    expect(formulas(tree).length).toBeGreaterThan(20);
    const invalid = formulas(tree).filter((f) => f.data?.invalid).map((f) => f.value);
    // What MathJax cannot typeset is printed as written too, with a finding.
    const { pdf, layout } = await renderArticle(tree, {
      onWarning: (w) => {
        const tex = /^formula `([\s\S]*)` could not be typeset/.exec(w)?.[1];
        if (tex) invalid.push(tex);
      },
    });
    expect(formulaOverlaps(layout.pages)).toEqual([]);
    let pdfString = (await pdfText(pdf)).text.replace(/\s+/g, '');
    for (const tex of invalid) pdfString = pdfString.replace(tex.replace(/\s+/g, ''), '');
    expect(pdfString.match(TEX_IN_TEXT)?.[0] ?? null).toBeNull();
    expect(file.messages.filter((m) => m.ruleId === 'math-invalid').length).toBe(invalid.length);
  });
});

