import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { fontMetrics } from '../src/fonts/index.js';
import { CLOSING, NO_LINE_START, OPENING } from '../src/layout/chars.js';
import { gridMetrics } from '../src/layout/metrics.js';
import { ITALIC_SCALE, naturalWidth, setParagraph, type Inline, type ParagraphOptions, type SetLine, type TextStyle } from '../src/layout/paragraph.js';
import { breakLines, INFINITY, type KPItem } from '../src/layout/knuth-plass.js';
import { parseCitationLabel } from '../src/model/util.js';

const grid = gridMetrics();
const real = fontMetrics();
const EM = 10;
const serif: TextStyle = { font: 'serif', size: EM };

/** Text with `^[4-5]` citations → inline items. */
function inlines(text: string, style: TextStyle = serif): Inline[] {
  const out: Inline[] = [];
  const re = /\^\[([^\]]+)\]/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index), style });
    out.push({ kind: 'citation', numbers: parseCitationLabel(m[1]!)!, style });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last), style });
  return out;
}

function set(text: string, width: number, opts: Partial<ParagraphOptions> = {}, metrics = grid, style = serif): SetLine[] {
  return setParagraph(inlines(text, style), { width, em: style.size, ...opts }, metrics).lines;
}

const texts = (lines: SetLine[]) => lines.map((l) => l.text);

/** x of the piece drawing `ch` (the n-th occurrence) on a line. */
function pieceAt(line: SetLine, ch: string, n = 0) {
  const found = line.pieces.filter((p) => p.text.includes(ch));
  const p = found[n];
  if (!p) throw new Error(`no piece ${ch} in ${line.text}`);
  return p;
}

// Paragraphs from the seed article, normalized as the model holds them.
const SEED = [
  '系统性红斑狼疮（systemic lupus erythematosus，SLE）是一种复杂的自身免疫病，以存在多种自身抗体和免疫复合物为特征，涉及多个系统，病因和发病机制不明确。一般认为SLE与先天性免疫和适应性免疫的过度激活相关。目前治疗SLE的常用药物有羟氯喹、糖皮质激素、免疫抑制剂，但长期服用会产生不良反应^[1]。间充质干细胞（mesenchymal stem cells，MSCs）是具有多谱系分化潜力的非造血干细胞，可以很容易从多种生物组织中分离和扩增，主要来源有骨髓、脂肪组织、脐带和胎盘组织^[2]。越来越多的实验和临床数据表明，MSCs移植将是一种治疗SLE的有前途的治疗策略^[4-5]。',
  'MSCs能通过抑制巨噬细胞、自然杀伤细胞（natural killer cells，NK）、树突状细胞（dendritic cells，DC）等先天性免疫细胞的炎症反应抑制系统性红斑狼疮进展^[6]。MSCs通过产生吲哚胺2,3-双加氧酶（indoleamine 2,3-dioxygenase，IDO）、环氧合酶2/前列腺素E2（cyclooxygenase 2/prostaglandin E2，COX-2/PGE2）和TNF-α刺激基因-6（TNF-α-stimulating gene-6，TSG-6）推动促炎巨噬细胞M1极化为抗炎巨噬细胞M2^[7]。MSCs提高巨噬细胞分泌IL-10、IL-6和吞噬的能力，降低IL-12和TNF-α的表达^[8]。',
  'MSCs通过细胞间接触和iNOS的激活抑制CD4⁺T细胞分化为Tfh细胞，并且MSCs还能抑制CD4⁺T细胞分化为Th1、Th17和IL-12的分泌，促进Treg的增殖和IL-10的分泌，发挥间接调控T细胞的功能^[21-23]。UC-MSCs通过Sirt4/p1通路促进狼疮小鼠脾脏CD4⁺T细胞的衰老，延缓SLE进展^[24]。MSCs-EVs还能包裹T细胞中的miR-23a-3p和TGF-β受体2，促进CD4⁺T细胞分化为调节性T细胞。',
  '他说：“间充质干细胞（MSCs）的研究，已经取得了“初步进展”。”文章编号：2095-9664(2024)02-0075-06，见《中华风湿病学杂志》。Bone marrow-derived mesenchymal stem cells inhibit T follicular helper cell in lupus-prone mice.',
];

/** Tokens that must stay on one line. */
const UNBREAKABLE = ['TNF-α', 'CD4⁺T', '2095-9664(2024)02-0075-06', 'mesenchymal', 'erythematosus', 'COX-2/PGE2', 'miR-23a-3p', 'TGF-β', 'IL-10', 'MSCs-EVs', 'Sirt4/p1'];

describe('line breaking rules (clreq)', () => {
  it('never starts a line with a closing mark', () => {
    const lines = set('一二三四五六七八九十，一二三四五六七八九十。一二三四五六七八九十、一二三', 10 * EM);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(CLOSING.has(l.text[0]!)).toBe(false);
    // The comma that would have started line 2 stays with the character before it.
    expect(texts(lines).some((t) => t.includes('十，'))).toBe(true);
  });

  it('never ends a line with an opening mark', () => {
    const lines = set('一二三四五六七八九（十一）二三四五六七八九十一二三四五六七', 10 * EM);
    for (const l of lines) expect(OPENING.has(l.text[l.text.length - 1]!)).toBe(false);
    expect(texts(lines).some((t) => t.includes('（十'))).toBe(true);
  });

  it('treats quotes as opening and closing marks, not as unbreakable', () => {
    const lines = set('一二三四五六七八“九十一二三四五六七八九十”一二三四五六七八九十一二三', 10 * EM);
    for (const l of lines) {
      expect(l.text.startsWith('”')).toBe(false);
      expect(l.text.endsWith('“')).toBe(false);
    }
  });

  it('breaks an English word at a line end only at its hyphenation points, with a hyphen; a term with capitals or digits never', () => {
    let hyphenated = 0;
    for (let width = 8; width <= 14; width++) {
      const lines = texts(set('一二三四五六七mesenchymal细胞一二三四五六七八九十', width * EM));
      expect(lines.join('').replace(/-/g, '')).toContain('mesenchymal');
      for (const t of lines.slice(0, -1)) {
        if (!/[a-z]-$/.test(t)) continue;
        hyphenated++;
        // TeX's US patterns: mes-enchy-mal
        expect(t.endsWith('mes-') || t.endsWith('mesenchy-'), t).toBe(true);
      }
      for (const t of texts(set('一二三四五六七IL10ABCDEFGH细胞一二三四五六七八九十', width * EM))) expect(t.endsWith('-')).toBe(false);
    }
    expect(hyphenated).toBeGreaterThan(0);
  });

  it('keeps TNF-α together although UAX #14 allows TNF-|α', () => {
    const require = createRequire(import.meta.url);
    const LineBreaker = require('linebreak') as new (s: string) => { nextBreak(): { position: number } | null };
    const lb = new LineBreaker('TNF-α');
    const positions: number[] = [];
    for (let b = lb.nextBreak(); b; b = lb.nextBreak()) positions.push(b.position);
    expect(positions).toContain(4); // the library would break after the hyphen
    // 7 Han + glue + "TNF-" fits in 9.6 em, "TNF-α" does not.
    const lines = set('一二三四五六七TNF-α刺激基因一二三四五六七八九十', 9.6 * EM);
    expect(texts(lines).some((t) => t.includes('TNF-α'))).toBe(true);
    for (const l of lines) expect(l.text.endsWith('TNF-')).toBe(false);
  });

  it('keeps a citation with the character before it at a line end', () => {
    const lines = set('一二三四五六七八九十^[12]。一二三四五六七八九十一二三', 10 * EM);
    for (const l of lines) expect(l.text.startsWith('[')).toBe(false);
    expect(texts(lines).some((t) => t.includes('[12]。'))).toBe(true);
  });

  it('never leaves a single character on the last line', () => {
    // Greedy filling would give 10 + 10 + "一。".
    const lines = set('一二三四五六七八九十一二三四五六七八九十一。', 10 * EM);
    const last = lines[lines.length - 1]!;
    expect([...last.text].filter((c) => /\p{Script=Han}/u.test(c)).length).toBeGreaterThanOrEqual(2);
  });

  it('may break an English compound after its hyphen, but not MSCs-EVs', () => {
    const lines = set('stem cell-derived vesicles of MSCs-EVs inhibit', 12 * EM, { align: 'left' });
    const joined = texts(lines).join('|');
    expect(joined).not.toContain('MSCs-|EVs');
    // "cord cell-derived" does not fit in 6 em; "cord cell-" does.
    const narrow = set('cord cell-derived vesicles are', 6 * EM, { align: 'left' });
    expect(narrow.some((l) => l.text.endsWith('cell-'))).toBe(true);
  });

  it('applies every rule at every column width (seed paragraphs, real fonts)', () => {
    for (let width = 150; width <= 300; width += 7) {
      for (const text of SEED) {
        const lines = set(text, width, { indent: 2 * 10.5 }, real, { font: 'serif', size: 10.5 });
        lines.forEach((l, i) => {
          const first = [...l.text][0]!;
          const lastCh = [...l.text].pop()!;
          expect(CLOSING.has(first) || NO_LINE_START.has(first), `line starts with ${first} at ${width}: ${l.text}`).toBe(false);
          expect(OPENING.has(lastCh), `line ends with ${lastCh} at ${width}`).toBe(false);
          expect(l.text.startsWith('['), `citation starts a line at ${width}`).toBe(false);
          if (i < lines.length - 1) {
            const joint = l.text + '|' + lines[i + 1]!.text;
            for (const token of UNBREAKABLE) {
              for (let k = 1; k < token.length; k++) {
                const split = token.slice(0, k) + '|' + token.slice(k);
                expect(joint.includes(split), `${token} split at ${width}`).toBe(false);
              }
            }
            // Citations are never split.
            expect(/\[[\d,-]*\|/.test(joint)).toBe(false);
          }
        });
        const last = lines[lines.length - 1]!;
        expect([...last.text].filter((c) => /[\p{L}\p{N}]/u.test(c)).length).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

describe('justification and spacing', () => {
  it('sets every line but the last to the column width', () => {
    for (const text of SEED) {
      const lines = set(text, 231, { indent: 21 }, real, { font: 'serif', size: 10.5 });
      expect(lines.length).toBeGreaterThan(2);
      lines.forEach((l, i) => {
        if (i < lines.length - 1) expect(l.width).toBeCloseTo(231, 2);
        else expect(l.width).toBeLessThanOrEqual(231.01);
      });
    }
  });

  it('justifies pure Han lines exactly on a whole-em column and keeps them unstretched', () => {
    const lines = set('一二三四五六七八九十一二三四五六七八九十一二三四五', 10 * EM);
    expect(lines[0]!.ratio).toBeCloseTo(0, 6);
    expect(lines[0]!.width).toBeCloseTo(100, 6);
  });

  it('indents the first line by two ems', () => {
    const lines = set('一二三四五六七八九十一二三四五六七八九十', 10 * EM, { indent: 2 * EM });
    expect(lines[0]!.pieces[0]!.x).toBeCloseTo(2 * EM, 6);
    expect(lines[1]!.pieces[0]!.x).toBeCloseTo(0, 6);
  });

  it('puts a quarter em between Han and Latin letters or digits', () => {
    const [line] = set('使用MSCs治疗2例', 20 * EM);
    const yong = pieceAt(line!, '用');
    const m = pieceAt(line!, 'MSCs');
    expect(m.x - (yong.x + yong.advance)).toBeCloseTo(EM / 4, 6);
    const zhi = pieceAt(line!, '治');
    expect(zhi.x - (m.x + m.advance)).toBeCloseTo(EM / 4, 6);
    const two = pieceAt(line!, '2');
    const liao = pieceAt(line!, '疗');
    expect(two.x - (liao.x + liao.advance)).toBeCloseTo(EM / 4, 6);
  });

  it('sets a superscript tight to the Han character it marks (舒兆平¹), glue before a Latin word', () => {
    const line = setParagraph([{ kind: 'text', text: '舒兆平', style: serif }, { kind: 'text', text: '1', style: { ...serif, script: 'sup' } }, { kind: 'text', text: '和DNA', style: serif }], { width: 200, em: EM, align: 'left' }, grid).lines[0]!;
    expect(pieceAt(line, '1').x).toBeCloseTo(3 * EM, 5);
    expect(pieceAt(line, 'D').x).toBeCloseTo(pieceAt(line, '和').x + EM + EM / 4, 5);
  });

  it('sets only the Latin letters and digits of emphasis in the italic face, not brackets, punctuation or Han, and slants nothing', () => {
    const line = setParagraph([{ kind: 'text', text: '中南大学学报(医学版) J. Immunol. 2', style: { ...serif, oblique: true } }], { width: 400, em: EM, align: 'left' }, grid).lines[0]!;
    const italic = line.pieces.filter((p) => p.font === 'italic');
    expect(italic.map((p) => p.text).join('')).toBe('JImmunol2');
    for (const p of italic) expect(p.size).toBeCloseTo(serif.size * ITALIC_SCALE, 9);
    expect(line.pieces.filter((p) => p.font === 'serif').map((p) => p.text).join('').replace(/\s+/g, '')).toBe('中南大学学报(医学版)..');
    expect(line.pieces.some((p) => p.skew !== undefined)).toBe(false);
  });

  it('puts no glue beside full-width marks', () => {
    const [line] = set('细胞，MSCs和（DC）等', 20 * EM);
    const comma = pieceAt(line!, '，');
    const m = pieceAt(line!, 'MSCs');
    expect(m.x - (comma.x + comma.advance)).toBeCloseTo(0, 6);
    const open = pieceAt(line!, '（');
    const dc = pieceAt(line!, 'DC');
    expect(dc.x - (open.x + open.advance)).toBeCloseTo(0, 6);
    const close = pieceAt(line!, '）');
    expect(close.x - (dc.x + dc.advance)).toBeCloseTo(0, 6);
  });

  it('drops Han–Latin glue at line edges', () => {
    // 9 Han + glue + "MSCs" (2 em) do not fit in 10 em: MSCs starts line 2.
    const lines = set('一二三四五六七八九MSCs细胞一二三四五六七八九十', 10 * EM);
    const second = lines.find((l) => l.text.startsWith('MSCs'));
    expect(second).toBeDefined();
    expect(second!.pieces[0]!.x).toBeCloseTo(0, 6);
    const before = lines[lines.indexOf(second!) - 1]!;
    expect(before.width).toBeCloseTo(10 * EM, 6);
    // A line ending in a Latin word ends flush, without the glue.
    const lines2 = set('一二三四五六七八MSCs细胞一二三四五六七八九十', 10 * EM);
    const end = lines2.find((l) => l.text.endsWith('MSCs'));
    if (end) expect(end.width).toBeCloseTo(10 * EM, 6);
  });

  it('compresses adjacent full-width marks and trims a closing mark at the line end', () => {
    const [line] = set('一（二）。三，（四）', 20 * EM);
    const close = pieceAt(line!, '）');
    const stop = pieceAt(line!, '。');
    expect(stop.x - close.x).toBeCloseTo(EM / 2, 6); // ）。 take 1.5 em
    const comma = pieceAt(line!, '，');
    const open = pieceAt(line!, '（', 1);
    expect(open.x - comma.x).toBeCloseTo(EM / 2, 6); // ，（ take 1.5 em
    // A line ending in a comma ends at the comma's ink: its blank half is dropped.
    const lines = set('一二三四五六七八九，十一二三四五六七八九十一', 9.5 * EM);
    expect(lines[0]!.text.endsWith('，')).toBe(true);
    expect(lines[0]!.width).toBeCloseTo(9.5 * EM, 6);
  });

  it('stretches between Han characters but never inside Latin words', () => {
    const lines = set('一二三四五六七八九十mesenchymal cells一二三四五六七八九十一二三', 10 * EM);
    for (const l of lines) {
      for (const p of l.pieces) {
        if (p.text.length > 1) {
          // a Latin word is one piece: its letters keep their natural advances
          expect(/^[\p{Script=Latin}\d-]+$/u.test(p.text)).toBe(true);
        }
      }
    }
  });
});

describe('titles and headings', () => {
  it('break Chinese only between words (words: true), never inside 红斑 or 细胞', () => {
    const title = '间充质干细胞治疗系统性红斑狼疮的机制及研究进展';
    const sans: TextStyle = { font: 'sans', size: 18 };
    const words = new Set([...new Intl.Segmenter('zh', { granularity: 'word' }).segment(title)].map((s) => s.index));
    for (const chars of [9, 10, 11, 12, 13, 14]) {
      const lines = set(title, chars * 18, { align: 'center', words: true }, real, sans);
      expect(lines.length, `${chars} em`).toBeGreaterThan(1);
      expect(texts(lines).join('')).toBe(title);
      let at = 0;
      for (const l of lines.slice(0, -1)) {
        at += [...l.text].length;
        expect(words.has(at), `${chars} em: a break after ${l.text}`).toBe(true);
      }
    }
    // without it, some width breaks inside a word
    const inside = [9, 10, 11, 12, 13, 14].some((chars) => {
      let at = 0;
      return set(title, chars * 18, { align: 'center' }, real, sans).slice(0, -1).some((l) => !words.has((at += [...l.text].length)));
    });
    expect(inside).toBe(true);
  });
});

describe('glyph fallback', () => {
  it('draws ⁺ as a raised small + and keeps CD4⁺T together', () => {
    const [line] = set('促进CD4⁺T细胞分化', 20 * EM, {}, real, serif);
    const plus = line!.pieces.find((p) => p.text.includes('+'));
    expect(plus).toBeDefined();
    expect(plus!.rise).toBeGreaterThan(0);
    expect(plus!.size).toBeLessThan(EM);
    for (const p of line!.pieces) for (const ch of p.text) expect(real.has(p.font, ch)).toBe(true);
  });

  it('draws ₂ as a lowered small 2', () => {
    const [line] = set('CO₂浓度', 20 * EM, {}, real, serif);
    const two = line!.pieces.find((p) => p.text === '2');
    expect(two!.rise).toBeLessThan(0);
  });
});

/** Boxes of these widths (Han characters, terms, half-width marks) with glue of stretch 0.15 between them, then the paragraph's end. */
function hanItems(widths: number[]): KPItem[] {
  const items: KPItem[] = [];
  for (const w of widths) items.push({ type: 'box', width: w }, { type: 'glue', width: 0, stretch: 0.15, shrink: 0 });
  items.pop();
  items.push({ type: 'penalty', width: 0, penalty: INFINITY, flagged: false });
  items.push({ type: 'glue', width: 0, stretch: 1e6, shrink: 0 });
  items.push({ type: 'penalty', width: 0, penalty: -INFINITY, flagged: true });
  return items;
}

describe('Knuth–Plass', () => {
  it('finds total-fit breaks where first-fit would leave a loose line', () => {
    // Boxes of width 3 and 4 with glue 1 (stretch 1, shrink 0.5); width 10.
    const items: KPItem[] = [];
    for (const w of [3, 3, 3, 4, 4, 3, 3]) {
      items.push({ type: 'box', width: w });
      items.push({ type: 'glue', width: 1, stretch: 1, shrink: 0.5 });
    }
    items.pop();
    items.push({ type: 'penalty', width: 0, penalty: INFINITY, flagged: false });
    items.push({ type: 'glue', width: 0, stretch: 1e6, shrink: 0 });
    items.push({ type: 'penalty', width: 0, penalty: -INFINITY, flagged: true });
    const lines = breakLines(items, 10);
    for (const l of lines.slice(0, -1)) expect(Math.abs(l.ratio)).toBeLessThanOrEqual(1);
    expect(lines[lines.length - 1]!.end).toBe(items.length - 1);
  });

  it('in two stretch orders, prices a line that spaces out its Han characters above one that shrinks its word spaces', () => {
    // Width 10: `1 · 2.5 2 1.5 · 1.5` with word spaces (·: width 1, stretch 0.5, shrink 0.3, first 1) and
    // Han glue between the other boxes (stretch 1). In one line it shrinks its word spaces (ratio −0.83);
    // broken after `1.5`, its first line has slack 2, twice what its word space takes first.
    const space: KPItem = { type: 'glue', width: 1, stretch: 0.5, shrink: 0.3, first: 1 };
    const hanGlue: KPItem = { type: 'glue', width: 0, stretch: 1, shrink: 0 };
    const box = (width: number): KPItem => ({ type: 'box', width });
    const items: KPItem[] = [box(1), space, box(2.5), hanGlue, box(2), hanGlue, box(1.5), space, box(1.5)];
    items.push({ type: 'penalty', width: 0, penalty: INFINITY, flagged: false });
    items.push({ type: 'glue', width: 0, stretch: 1e6, shrink: 0 });
    items.push({ type: 'penalty', width: 0, penalty: -INFINITY, flagged: true });
    expect(breakLines(items, 10).map((l) => l.end)).toEqual([7, 11]);
    const two = breakLines(items, 10, { secondaryBadness: 200 });
    expect(two.map((l) => l.end)).toEqual([11]);
    expect(two[0]!.ratio).toBeLessThan(0);
    // forced into two lines, the first is flagged as spacing out its Han characters
    const narrow = breakLines(items, 9.5, { secondaryBadness: 200 });
    expect(narrow.length).toBe(2);
    expect(narrow[0]!.secondOrder).toBe(true);
    expect(narrow[1]!.secondOrder).toBeUndefined();
  });

  it('with wideBadness, sets two lines a little loose rather than one beyond its stretch', () => {
    // width 10
    const items = hanItems([1, 1, 1, 1, 1, 1, 3, 0.5, 1, 0.5, 1, 1, 1, 1, 1, 2, 1, 1, 1, 0.5, 1]);
    const ratios = (opts: Parameters<typeof breakLines>[2]) => breakLines(items, 10, opts).map((l) => Number(l.ratio.toFixed(2)));
    // One order of badness prefers a line of 9 (six gaps open 1/6 each: ratio 1.11) before a full one …
    expect(ratios({ secondaryBadness: 200 })).toEqual([1.11, 0, 0]);
    // … the third step, two lines of 9.5 and 9.55.
    expect(ratios({ secondaryBadness: 200, wideBadness: 1000 })).toEqual([0.48, 0.42, 0]);
  });

  it('with looseDemerits, avoids two very loose lines in a row', () => {
    const items = hanItems([1, 1, 0.5, 0.5, 1, 1, 1, 1, 1, 0.5, 1, 1, 1, 1, 1, 1, 0.5, 1, 1, 3, 1, 1]);
    const ratios = (opts: Parameters<typeof breakLines>[2]) => breakLines(items, 10, opts).map((l) => Number(l.ratio.toFixed(2)));
    expect(ratios({})).toEqual([1.11, 1.25, 0]);
    expect(ratios({ looseDemerits: 1e6 })).toEqual([1.67, 0.74, 0]);
  });

  it('breaks a Latin list that lost its spaces after a separator, never inside a number', () => {
    const lines = set('的表面标记物有CD8,CD9,CD44,CD73和CD90等多种分子，吲哚胺2,3-双加氧酶', 12 * EM);
    expect(lines.some((l) => /^CD\d/.test(l.text) || /,$/.test(l.text))).toBe(true);
    expect(lines.some((l) => /2,$/.test(l.text))).toBe(false);
  });

  it('keeps seed body lines within the stretch tolerance', () => {
    for (const text of SEED.slice(0, 3)) {
      for (const l of set(text, 231, { indent: 21 }, real, { font: 'serif', size: 10.5 })) {
        expect(l.ratio).toBeGreaterThanOrEqual(-1);
        expect(l.ratio).toBeLessThanOrEqual(3);
      }
    }
  });
});

describe('spaces in reference entries', () => {
  it('keeps the space after `王颖翠.` with keepSpaces, and drops it in running text', () => {
    const text = '王颖翠. 人脐带间充质干细胞[D]. 昆明: 昆明医科大学, 2019.';
    const gap = (line: SetLine) => {
      const dot = pieceAt(line, '.');
      const next = pieceAt(line, '人');
      return next.x - (dot.x + dot.advance);
    };
    const kept = set(text, 400, { align: 'left', keepSpaces: true }, real);
    const dropped = set(text, 400, { align: 'left' }, real);
    expect(kept).toHaveLength(1);
    expect(gap(kept[0]!)).toBeCloseTo(real.advance('serif', ' ', EM), 6);
    expect(gap(dropped[0]!)).toBeCloseTo(0, 6);
    // after the colon and the comma too
    expect(pieceAt(kept[0]!, '昆', 1).x).toBeGreaterThan(pieceAt(dropped[0]!, '昆', 1).x);
  });
});

describe('natural width', () => {
  it('is the width of the one line setParagraph gives when nothing needs breaking', () => {
    const texts = ['表1 MSCs对SLE患者的影响', 'CD4⁺ T细胞（n=12）', 'IL-10, TNF-α and IFN-γ', '王颖翠. 人脐带间充质干细胞[D]. 昆明: 2019.', '“引号”与（括号），。', ''];
    for (const text of texts) {
      for (const style of [serif, { font: 'sans', size: 9 } as TextStyle]) {
        const inl = [{ kind: 'text' as const, text, style }];
        const lines = setParagraph(inl, { width: 1e5, em: style.size, align: 'left', noSingleCharLastLine: false }, real).lines;
        expect(lines.length).toBeLessThanOrEqual(1);
        expect(naturalWidth(inl, { em: style.size }, real)).toBeCloseTo(lines[0]?.width ?? 0, 6);
      }
    }
  });
});
