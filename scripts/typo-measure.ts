/**
 * Typographic measurements of a two-column Chinese article PDF, from the
 * glyph positions alone (typo-glyphs.ts), not from any layout data, so that
 * the same code measures zhpub's PDF and Typst's.
 *
 * Heuristics, in the order they are applied:
 *
 * 1. Body text: the body size is the font size most Han glyphs are set in
 *    (10.5 pt in both PDFs); the body font is the font most of those glyphs
 *    use. A line is a body line when most of its own glyphs (superscripts
 *    excluded) are in the body font at the body size. Headings (another font
 *    or size), captions, tables, the abstract, running heads, page numbers,
 *    footnotes and references (all smaller) are therefore not body lines.
 * 2. Columns: every body-size glyph box is laid on a histogram of x (0.5 pt
 *    bins, all pages); the widest empty stretch whose middle lies in the
 *    middle 40 % of the page width is the gutter. A glyph belongs to the left
 *    or right column by its centre; a baseline that has a glyph overlapping
 *    the gutter is a spanning line (title, abstract, a full-width table) and
 *    is left out of everything below.
 * 3. Lines: glyphs of one page and column sharing a baseline (±0.25 pt) form
 *    a line. A smaller line whose baseline lies between 0.35 em below and
 *    0.6 em above a larger line's baseline (em of the larger line) and starts
 *    within its horizontal extent (±1 em) is a superscript/subscript run and is merged into
 *    that line (so `某[1]研究` keeps its Han characters apart).
 * 4. Column edges: the left edge of a column is the most frequent start x of
 *    its body lines; the right edge the most frequent end x.
 * 5. Paragraphs: a body line starts a paragraph when it starts 1.4–2.6 em
 *    right of its column's left edge (the 2 em first-line indent; every
 *    paragraph is indented, headings are not body lines). In reading order
 *    (page, left column then right, top to bottom), a body line ends its
 *    paragraph when the next body line starts one, when there is no next
 *    body line, or when it stops more than 1 em short of the column's right
 *    edge (a paragraph interrupted by a display element).
 * 6. Han gaps: a justified body line is a body line that does not end its
 *    paragraph. For two glyphs adjacent in such a line (by x, spaces not
 *    drawn as glyphs) that are both Han characters (Unicode script Han) at
 *    the body size, the gap is (x₂ − x₁) / size − 1 em (the advance of a
 *    solid Han character is 1 em). A line counts as stretched when the mean
 *    of its gaps exceeds 0.02 em; lines without two adjacent Han characters
 *    are not counted. "More than 0.15 em" counts lines whose mean gap
 *    exceeds 0.15 em; the maximum is the largest single gap.
 * 7. Widows and orphans, per column (its body lines only): a widow is a
 *    column's first body line that ends its paragraph without starting it
 *    (the paragraph began in an earlier column); an orphan is a column's last
 *    body line that starts a paragraph that continues in the next column.
 * 8. References: the line reading `参考文献` (or `References`) starts the
 *    list; the reference size is the size of the next line; the list is the
 *    following lines of that size in reading order (smaller lines such as
 *    running heads and page numbers are skipped, a larger line ends it). An
 *    entry starts with a line beginning `[n]` (or `n.`). An entry is split
 *    after its first line when that first line is the last reference line of
 *    its column and the next reference line (in the next column) does not
 *    start an entry.
 */
import type { PdfGlyph, PdfPage } from './typo-glyphs.js';

export interface Line {
  page: number;
  /** 0 left, 1 right (a single-column page: 0). */
  col: number;
  /** Baseline y (points, up). */
  y: number;
  /** Glyphs by x, merged superscripts included. */
  glyphs: PdfGlyph[];
  left: number;
  right: number;
  /** The size and font most of the line's own glyphs use. */
  size: number;
  font: string;
  text: string;
  body: boolean;
  /** Paragraph marks (body lines only). */
  first: boolean;
  last: boolean;
  /** Han gaps in em (justified body lines only). */
  gaps: number[];
}

export interface TypoResult {
  pages: number;
  bodySize: number;
  bodyFont: string;
  gutter: [number, number] | null;
  bodyLines: number;
  /** Justified body lines that have at least one pair of adjacent Han characters. */
  justified: number;
  /** Of those, lines whose mean Han gap exceeds 0.02 em. */
  stretched: number;
  /** Of those, lines whose mean Han gap exceeds 0.15 em. */
  over015: number;
  /** Largest single Han gap (em) in a justified line; largest line mean. */
  maxGap: number;
  maxMeanGap: number;
  /** Smallest single Han gap (em) in a justified line. */
  minGap: number;
  /** Space (em) between a Han character and a Latin letter or digit beside it in justified lines: median and largest. */
  hanLatin: { median: number; max: number; count: number };
  /** Non-final body lines more than 1 em short of the column edge. */
  shortLines: number;
  widows: number;
  orphans: number;
  referenceEntries: number;
  referencesSplitAfterFirst: number;
  lines: Line[];
  /** Where the widows, orphans and split entries are (page/column and text). */
  notes: string[];
}

const HAN = /^\p{Script=Han}$/u;
const ALNUM = /^[A-Za-z0-9]$/u;

function spread(values: number[]): { median: number; max: number; count: number } {
  if (!values.length) return { median: 0, max: 0, count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, max: sorted[sorted.length - 1]!, count: sorted.length };
}
export const STRETCHED_EM = 0.02;
export const WIDE_EM = 0.15;

function mode(values: number[], round = 10): number {
  const counts = new Map<number, number>();
  for (const v of values) {
    const k = Math.round(v * round) / round;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best = NaN;
  let n = -1;
  for (const [k, c] of counts) if (c > n || (c === n && k < best)) ((best = k), (n = c));
  return best;
}

function dominant<T>(items: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const it of items) counts.set(it, (counts.get(it) ?? 0) + 1);
  let best: T | undefined;
  let n = -1;
  for (const [k, c] of counts) if (c > n) ((best = k), (n = c));
  return best;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** The gutter between two columns, from the x coverage of body-size glyphs. */
export function findGutter(pages: PdfPage[], bodySize: number): [number, number] | null {
  const width = Math.max(...pages.map((p) => p.width), 1);
  const bins = new Array<number>(Math.ceil(width * 2) + 1).fill(0);
  for (const p of pages)
    for (const g of p.glyphs) {
      if (Math.abs(g.size - bodySize) > 0.05 || !g.ch.trim()) continue;
      for (let b = Math.max(0, Math.floor(g.x * 2)); b < Math.min(bins.length, Math.ceil((g.x + g.w) * 2)); b++) bins[b]!++;
    }
  const nonzero = bins.filter((c) => c > 0).sort((a, b) => a - b);
  if (!nonzero.length) return null;
  const floor = Math.max(0, nonzero[Math.floor(nonzero.length / 2)]! * 0.01);
  const firstBin = bins.findIndex((c) => c > floor);
  let lastBin = bins.length - 1;
  while (lastBin > 0 && bins[lastBin]! <= floor) lastBin--;
  let best: [number, number] | null = null;
  for (let b = firstBin; b <= lastBin; b++) {
    if (bins[b]! > floor) continue;
    let e = b;
    while (e + 1 <= lastBin && bins[e + 1]! <= floor) e++;
    const from = b / 2;
    const to = (e + 1) / 2;
    const mid = (from + to) / 2;
    if (mid > width * 0.3 && mid < width * 0.7 && (!best || to - from > best[1] - best[0])) best = [from, to];
    b = e;
  }
  return best;
}

/**
 * A baseline runs across the gutter (a spanning line) when a glyph covers the
 * gutter's middle or the two glyphs either side of it are less than 0.6 em
 * apart (a column line's punctuation may hang or be pulled into the gutter,
 * but two column lines stay at least about 1 em apart).
 */
function spans(row: PdfGlyph[], mid: number): boolean {
  let before: PdfGlyph | undefined;
  let after: PdfGlyph | undefined;
  for (const g of row) {
    if (g.x < mid && g.x + g.w > mid) return true;
    if (g.x + g.w <= mid && (!before || g.x + g.w > before.x + before.w)) before = g;
    if (g.x >= mid && (!after || g.x < after.x)) after = g;
  }
  return !!before && !!after && after.x - (before.x + before.w) < 0.6 * Math.min(before.size, after.size);
}

/** Groups a page's glyphs into lines per column (spanning baselines dropped). */
function pageLines(page: PdfPage, gutter: [number, number] | null): Line[] {
  const glyphs = page.glyphs.filter((g) => g.ch.trim() !== '' && g.size > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  // Baselines.
  const rows: PdfGlyph[][] = [];
  for (const g of glyphs) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0]!.y - g.y) <= 0.25) row.push(g);
    else rows.push([g]);
  }
  const lines: Line[] = [];
  for (const row of rows) {
    const mid = gutter ? (gutter[0] + gutter[1]) / 2 : Infinity;
    if (gutter && spans(row, mid)) continue;
    const cols: PdfGlyph[][] = [[], []];
    for (const g of row) cols[g.x + g.w / 2 > mid ? 1 : 0]!.push(g);
    cols.forEach((gs, col) => {
      if (!gs.length) return;
      gs.sort((a, b) => a.x - b.x);
      const size = mode(gs.map((g) => g.size), 100);
      const font = dominant(gs.filter((g) => round2(g.size) === size).map((g) => g.font)) ?? '';
      lines.push({
        page: page.number,
        col,
        y: gs[0]!.y,
        glyphs: gs,
        left: gs[0]!.x,
        right: Math.max(...gs.map((g) => g.x + g.w)),
        size,
        font,
        text: '',
        body: false,
        first: false,
        last: false,
        gaps: [],
      });
    });
  }
  // Merge superscript/subscript runs into the nearest larger line.
  const merged = new Set<Line>();
  for (const s of lines) {
    let target: Line | undefined;
    let bestDy = Infinity;
    for (const t of lines) {
      if (t === s || merged.has(t) || t.col !== s.col || t.size <= s.size + 0.5) continue;
      const dy = s.y - t.y;
      if (dy < -0.35 * t.size || dy > 0.6 * t.size) continue;
      if (s.left < t.left - t.size || s.left > t.right + t.size) continue;
      if (Math.abs(dy) < bestDy) ((bestDy = Math.abs(dy)), (target = t));
    }
    if (target) {
      target.glyphs.push(...s.glyphs);
      target.glyphs.sort((a, b) => a.x - b.x);
      target.left = Math.min(target.left, s.left);
      target.right = Math.max(target.right, s.right);
      merged.add(s);
    }
  }
  const out = lines.filter((l) => !merged.has(l));
  for (const l of out) l.text = l.glyphs.map((g) => g.ch).join('');
  // Reading order: left column top to bottom, then the right one.
  return out.sort((a, b) => a.col - b.col || b.y - a.y);
}

export function measure(pages: PdfPage[]): TypoResult {
  const han = pages.flatMap((p) => p.glyphs.filter((g) => HAN.test(g.ch)));
  const bodySize = mode(han.map((g) => g.size), 100);
  const bodyFont = dominant(han.filter((g) => round2(g.size) === bodySize).map((g) => g.font)) ?? '';
  const gutter = findGutter(pages, bodySize);
  const lines = pages.flatMap((p) => pageLines(p, gutter));
  const isBodyGlyph = (g: PdfGlyph) => Math.abs(g.size - bodySize) < 0.05 && g.font === bodyFont;
  for (const l of lines) {
    const own = l.glyphs.filter((g) => g.size >= l.size - 0.05);
    l.body = Math.abs(l.size - bodySize) < 0.05 && own.filter(isBodyGlyph).length * 2 > own.length;
  }
  const body = lines.filter((l) => l.body);
  // Column edges.
  const edges = [0, 1].map((col) => {
    const ls = body.filter((l) => l.col === col);
    return { left: mode(ls.map((l) => l.left)), right: mode(ls.map((l) => l.right)) };
  });
  const em = bodySize;
  for (const l of body) {
    const indent = (l.left - edges[l.col]!.left) / em;
    l.first = indent > 1.4 && indent < 2.6;
  }
  let shortLines = 0;
  body.forEach((l, i) => {
    const next = body[i + 1];
    const short = l.right < edges[l.col]!.right - em;
    l.last = !next || next.first || short;
    if (short && next && !next.first) shortLines++;
  });
  // Han gaps.
  let justified = 0;
  let stretched = 0;
  let over015 = 0;
  const looseLines: [Line, number][] = [];
  let maxGap = 0;
  let maxMeanGap = 0;
  let minGap = Infinity;
  const hanLatin: number[] = [];
  let widestHanLatin: { gap: number; line?: Line } = { gap: 0 };
  const bodySized = (g: PdfGlyph) => Math.abs(g.size - bodySize) < 0.05;
  for (const l of body) {
    if (l.last) continue;
    for (let i = 0; i + 1 < l.glyphs.length; i++) {
      const a = l.glyphs[i]!;
      const b = l.glyphs[i + 1]!;
      const mixed = (HAN.test(a.ch) && ALNUM.test(b.ch)) || (ALNUM.test(a.ch) && HAN.test(b.ch));
      if (mixed && bodySized(a) && bodySized(b)) {
        const gap = (b.x - a.x - a.w) / bodySize;
        hanLatin.push(gap);
        if (gap > widestHanLatin.gap) widestHanLatin = { gap, line: l };
      }
      if (!HAN.test(a.ch) || !HAN.test(b.ch) || !isBodyGlyph(a) || !isBodyGlyph(b)) continue;
      l.gaps.push((b.x - a.x) / a.size - 1);
    }
    if (!l.gaps.length) continue;
    justified++;
    const mean = l.gaps.reduce((s, g) => s + g, 0) / l.gaps.length;
    if (mean > STRETCHED_EM) stretched++;
    if (mean > WIDE_EM) (over015++, looseLines.push([l, mean]));
    maxGap = Math.max(maxGap, ...l.gaps);
    minGap = Math.min(minGap, ...l.gaps);
    maxMeanGap = Math.max(maxMeanGap, mean);
  }
  // Widows and orphans.
  const notes: string[] = [];
  const where = (l: Line) => `p${l.page} ${l.col ? 'right' : 'left'}: ${l.text.slice(0, 40)}`;
  if (widestHanLatin.line) notes.push(`widest Han–Latin space ${widestHanLatin.gap.toFixed(2)} em ${where(widestHanLatin.line)}`);
  for (const [l, mean] of looseLines) notes.push(`loose ${mean.toFixed(2)} em ${where(l)}`);
  let widows = 0;
  let orphans = 0;
  const columns = new Map<string, Line[]>();
  for (const l of body) {
    const k = `${l.page}/${l.col}`;
    (columns.get(k) ?? columns.set(k, []).get(k)!).push(l);
  }
  const colKeys = [...columns.keys()];
  colKeys.forEach((k, ci) => {
    const ls = columns.get(k)!;
    const top = ls[0]!;
    const bottom = ls[ls.length - 1]!;
    if (ci > 0 && top.last && !top.first) (widows++, notes.push(`widow ${where(top)}`));
    if (ci < colKeys.length - 1 && bottom.first && !bottom.last) (orphans++, notes.push(`orphan ${where(bottom)}`));
  });
  // References.
  const headIndex = lines.findIndex((l) => /^(参考文献|references)$/i.test(l.text.replace(/\s/g, '')));
  const refs: Line[] = [];
  if (headIndex >= 0 && headIndex + 1 < lines.length) {
    const refSize = lines[headIndex + 1]!.size;
    for (const l of lines.slice(headIndex + 1)) {
      if (l.size < refSize - 0.3) continue;
      if (l.size > refSize + 0.3) break;
      refs.push(l);
    }
  }
  const startsEntry = (l: Line) => /^([[［]\d+[\]］]|\d+[.．])/.test(l.text);
  let referencesSplitAfterFirst = 0;
  refs.forEach((l, i) => {
    const next = refs[i + 1];
    if (!next || (next.page === l.page && next.col === l.col)) return;
    if (startsEntry(l) && !startsEntry(next)) (referencesSplitAfterFirst++, notes.push(`split reference ${where(l)}`));
  });
  return {
    pages: pages.length,
    bodySize,
    bodyFont,
    gutter,
    bodyLines: body.length,
    justified,
    stretched,
    over015,
    maxGap,
    maxMeanGap,
    minGap: minGap === Infinity ? 0 : minGap,
    hanLatin: spread(hanLatin),
    shortLines,
    widows,
    orphans,
    referenceEntries: refs.filter(startsEntry).length,
    referencesSplitAfterFirst,
    lines,
    notes,
  };
}

/** The table rows for one measured PDF. */
export function rows(r: TypoResult): Array<[string, string]> {
  const pct = r.justified ? Math.round((100 * r.stretched) / r.justified) : 0;
  return [
    ['justified body lines with extra space between Han characters', `${pct} % (${r.stretched}/${r.justified})`],
    ['lines stretched more than 0.15 em per gap (line mean) / maximum gap', `${r.over015} / ${r.maxGap.toFixed(2)} em`],
    ['space between Han and Latin in justified lines (median / maximum)', `${r.hanLatin.median.toFixed(2)} / ${r.hanLatin.max.toFixed(2)} em`],
    ['widows (a paragraph\'s last line alone at a column top)', String(r.widows)],
    ['orphans (a paragraph\'s first line alone at a column bottom)', String(r.orphans)],
    ['reference entries split after their first line', `${r.referencesSplitAfterFirst} (of ${r.referenceEntries})`],
    ['pages / body lines', `${r.pages} / ${r.bodyLines}`],
  ];
}

/** A Markdown table: one row per measure, one column per PDF. */
export function table(labels: string[], results: TypoResult[]): string {
  const all = results.map(rows);
  const head = `| | ${labels.join(' | ')} |`;
  const rule = `|---|${labels.map(() => '---').join('|')}|`;
  const body = all[0]!.map(([name], i) => `| ${name} | ${all.map((r) => r[i]![1]).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}
