/**
 * The journal page: title block, two-column body, floats, references,
 * running head, page numbers and first-page footnote.
 */
import type { PhrasingContent, Table, TableCell } from 'mdast';
import type { ArticleMeta } from '../model/meta.js';
import type { ArticleRoot, FigureFloat, ReferenceEntry, TableFloat } from '../model/types.js';
import { plainText } from '../model/util.js';
import { composeBalanced, drawSetLine, drawTagged, tagBoxes, type FlowFloat, type FlowItem, type FlowLine, type Geometry, type Sink } from './flow.js';
import { resolveLabels, type LayoutLabels } from './labels.js';
import { linkAddresses, phrasingToInlines, type MathLookup } from './inline.js';
import { displayFormulaFlow, fittedLookup } from './formula.js';
import { naturalWidth, setParagraph, type Inline, type ParagraphOptions, type SetLine, type TextStyle } from './paragraph.js';
import { columnGap, columnWidth, leftMargin, textWidth, type JournalStyle } from './style.js';
import type { FontMetrics, LayoutResult, OutlineEntry, Page, StructRole, StructTag } from './types.js';
import { pushAll, maxOf } from '../text/arrays.js';
import { paragraphPieces } from './chunks.js';

export interface ImageInfo {
  /** Absolute path of the file. */
  path: string;
  format: 'png' | 'jpeg';
  /** Pixel size. */
  width: number;
  height: number;
}

export interface LayoutOptions {
  /** Images that exist beside the input, by the `url` written in the model. */
  images?: Record<string, ImageInfo>;
  /** Fixed words printed by the layout (摘要, 参考文献, …); defaults: `defaultLabels`. */
  labels?: Partial<LayoutLabels>;
  /**
   * Page furniture of a document of its own made from the article (the
   * handout): `head` is its running head (cut with `…` to fit the line) and
   * its pages are numbered from 1 as `1/2` (page/total), instead of the
   * journal's running head and the article's page numbers.
   */
  ownPages?: { head: string };
  /** The typeset formulas (see `MathLookup`); without it formulas are printed as their TeX. */
  math?: MathLookup;
}

/** Baseline from the top of a line item whose extra height sits above it. */
function baselineOf(height: number, leading: number, size: number): number {
  return height - leading + leading / 2 + 0.38 * size;
}

export interface Ctx {
  style: JournalStyle;
  metrics: FontMetrics;
  labels: LayoutLabels;
  warnings: string[];
  /** Typeset formulas (none: every formula printed as its TeX). */
  math?: MathLookup;
  /** The last key given to an element of the document's structure. */
  structKeys: number;
}

/** A new element of the document's structure. */
function structOf(ctx: Ctx, role: StructRole, parent?: StructTag, alt?: string): StructTag {
  const tag: StructTag = { role, key: ++ctx.structKeys };
  if (parent) tag.parent = parent;
  if (alt) tag.alt = alt;
  return tag;
}

/** The lines of `flow` that have no element yet become part of `struct`. */
function tagFlow(flow: FlowItem[], struct: StructTag): FlowItem[] {
  for (const it of flow) if (it.kind === 'line' && !it.struct) it.struct = struct;
  return flow;
}

function set(ctx: Ctx, inlines: Inline[], opts: ParagraphOptions): SetLine[] {
  const r = setParagraph(inlines, opts, ctx.metrics);
  pushAll(ctx.warnings, r.warnings);
  return r.lines;
}

function linesToFlow(lines: SetLine[], leading: number, size: number, dx = 0): FlowLine[] {
  const baseline = baselineOf(leading, leading, size);
  return lines.map((line) => {
    const [above, below] = formulaRoom(line, leading, size);
    return { kind: 'line', height: leading + above + below, baseline: baseline + above, line, dx };
  });
}

/**
 * Room a line's inline formulas need beyond its own, above and below, in
 * whole lines (the baseline grid stays): a formula may rise to 0.3 em below
 * the baseline above (clear of its descenders) and sink to 0.85 em above the
 * baseline below (clear of its Han characters), no further.
 */
function formulaRoom(line: SetLine, leading: number, size: number): [number, number] {
  let top = 0;
  let bottom = 0;
  for (const p of line.pieces) {
    if (!p.math) continue;
    top = Math.max(top, p.math.height * p.size + p.rise);
    bottom = Math.max(bottom, p.math.depth * p.size - p.rise);
  }
  const lines = (over: number) => (over > 0.01 ? Math.ceil(over / leading) * leading : 0);
  return [lines(top - (leading - 0.3 * size)), lines(bottom - (leading - 0.85 * size))];
}

const t = (text: string, style: TextStyle): Inline => ({ kind: 'text', text, style });

/**
 * A metadata string (title, abstract, affiliation, note) as inlines: its
 * `$…$` formulas typeset when the article's formulas are (TeX that cannot be
 * read printed as written, as in the body).
 */
function mt(ctx: Ctx, text: string, style: TextStyle): Inline[] {
  return ctx.math ? phrasingToInlines([{ type: 'text', value: text }], style, ctx.math) : [t(text, style)];
}

function superscriptLabels(labels: string[], style: TextStyle): Inline[] {
  return labels.length ? [t(labels.join(','), { ...style, script: 'sup' })] : [];
}

// ---------------------------------------------------------------- title block

function titleBlock(ctx: Ctx, meta: ArticleMeta): FlowItem[] {
  const { style, labels } = ctx;
  const W = textWidth(style);
  const out: FlowItem[] = [];
  const space = (h: number) => out.push({ kind: 'space', height: h });
  const centered = (inlines: Inline[], size: number, leading: number, width = W) => {
    const lines = set(ctx, inlines, { width, em: size, align: 'center', noSingleCharLastLine: true });
    pushAll(out, tagFlow(linesToFlow(lines, leading, size, (W - width) / 2), structOf(ctx, 'P')));
  };
  const serif = (size: number): TextStyle => ({ font: 'serif', size });
  const sans = (size: number): TextStyle => ({ font: 'sans', size });

  const affLabel = new Map(meta.affiliations.map((a) => [a.id, a.label]));
  const multiAff = meta.affiliations.length > 1;

  if (meta.title.zh) {
    // One line when it fits within an em of each margin; else balanced lines broken between words.
    const lines = set(ctx, mt(ctx, meta.title.zh, sans(style.titleSize)), {
      width: W - 2 * style.titleSize,
      em: style.titleSize,
      align: 'center',
      words: true,
    });
    const flow = tagFlow(linesToFlow(lines, style.titleLeading, style.titleSize, style.titleSize), structOf(ctx, 'H1')) as FlowLine[];
    if (flow[0]) {
      flow[0].dest = 'title';
      flow[0].outline = { title: meta.title.zh, level: 1 };
    }
    pushAll(out, flow);
    space(6);
  }
  if (meta.authors.length) {
    const inl: Inline[] = [];
    meta.authors.forEach((a, i) => {
      if (i) inl.push(t('，', serif(style.authorSize)));
      inl.push(t(a.name.zh ?? a.name.en ?? '', serif(style.authorSize)));
      if (multiAff) pushAll(inl, superscriptLabels(a.affiliations.map((id) => affLabel.get(id) ?? ''), serif(style.authorSize)));
    });
    centered(inl, style.authorSize, style.authorSize * 1.6);
    space(2);
  }
  const affZh = meta.affiliations.filter((a) => a.zh);
  if (affZh.length) {
    const text = affZh.map((a) => (multiAff ? `${a.label}.${a.zh!.text}` : a.zh!.text)).join('；');
    centered(mt(ctx, `（${text}）`, serif(style.smallSize)), style.smallSize, style.smallLeading, W - 4 * style.smallSize);
    space(8);
  }
  const inset = 2 * style.smallSize;
  const block = (label: string, body: Inline[], size = style.smallSize) => {
    const inl: Inline[] = [t(label, sans(size)), { kind: 'space', width: size }, ...body];
    const lines = set(ctx, inl, { width: W - 2 * inset, em: size });
    pushAll(out, tagFlow(linesToFlow(lines, style.smallLeading, size, inset), structOf(ctx, 'P')));
  };
  if (meta.abstract?.zh) block(labels.abstract, mt(ctx, meta.abstract.zh, serif(style.smallSize)));
  if (meta.keywords.zh?.length) block(labels.keywords, mt(ctx, meta.keywords.zh.join('；'), serif(style.smallSize)));
  {
    const inl: Inline[] = [];
    const field = (label: string, value: string) => {
      if (inl.length) inl.push({ kind: 'space', width: 2 * style.smallSize });
      inl.push(t(`${label}：`, sans(style.smallSize)), t(value, serif(style.smallSize)));
    };
    if (meta.clc?.length) field(labels.clc, meta.clc.join('；'));
    if (meta.documentCode) field(labels.documentCode, meta.documentCode);
    if (meta.articleNumber) field(labels.articleNumber, meta.articleNumber.text);
    if (meta.doi) field('DOI', meta.doi);
    if (inl.length) {
      const lines = set(ctx, inl, { width: W - 2 * inset, em: style.smallSize, align: 'left' });
      pushAll(out, tagFlow(linesToFlow(lines, style.smallLeading, style.smallSize, inset), structOf(ctx, 'P')));
    }
  }
  if (meta.title.en) {
    space(12);
    const lines = set(ctx, mt(ctx, meta.title.en, sans(style.titleEnSize)), {
      width: W - 4 * style.titleEnSize,
      em: style.titleEnSize,
      align: 'center',
    });
    pushAll(out, tagFlow(linesToFlow(lines, style.titleEnSize * 1.4, style.titleEnSize, 2 * style.titleEnSize), structOf(ctx, 'H1')));
    space(4);
  }
  const enAuthors = meta.authors.filter((a) => a.name.en);
  if (enAuthors.length) {
    const size = 10;
    const inl: Inline[] = [];
    enAuthors.forEach((a, i) => {
      if (i) inl.push(t(', ', serif(size)));
      inl.push(t(a.name.en!, serif(size)));
      if (multiAff) pushAll(inl, superscriptLabels(a.affiliations.map((id) => affLabel.get(id) ?? ''), serif(size)));
    });
    centered(inl, size, 15);
    space(2);
  }
  const affEn = meta.affiliations.filter((a) => a.en);
  if (affEn.length) {
    const size = 8.5;
    const text = affEn.map((a) => (multiAff ? `${a.label}. ${a.en!.text}` : a.en!.text)).join('; ');
    centered(mt(ctx, `(${text})`, serif(size)), size, 12, W - 4 * style.smallSize);
    space(6);
  }
  if (meta.abstract?.en) block(labels.abstractEn, mt(ctx, meta.abstract.en, serif(style.smallSize)));
  if (meta.keywords.en?.length) block(labels.keywordsEn, mt(ctx, meta.keywords.en.join('; '), serif(style.smallSize)));
  const corr = correspondence(meta);
  if (corr.en || corr.email) {
    const parts = [corr.en, corr.email ? `Email: ${corr.email}` : undefined].filter(Boolean).join(', ');
    block(labels.correspondingEn, [t(parts, serif(style.smallSize))]);
  }
  return out;
}

function correspondence(meta: ArticleMeta): { zh?: string; en?: string; email?: string } {
  const author = meta.authors.find((a) => a.corresponding);
  return {
    zh: meta.correspondence?.name?.zh ?? author?.name.zh,
    en: meta.correspondence?.name?.en ?? author?.name.en,
    email: meta.correspondence?.email ?? author?.email,
  };
}

/** `收稿日期：…`, `修回日期：…`, `录用日期：…` for the dates the article has. */
function footnoteDates(labels: LayoutLabels, meta: ArticleMeta): string[] {
  const dates: Array<[string, string | undefined]> = [
    [labels.received, meta.received],
    [labels.revised, meta.revised],
    [labels.accepted, meta.accepted],
  ];
  return dates.filter(([, date]) => date).map(([label, date]) => `${label}：${date}`);
}

function footnoteLines(ctx: Ctx, meta: ArticleMeta): SetLine[] {
  const { style, labels } = ctx;
  const size = style.footnoteSize;
  const serif: TextStyle = { font: 'serif', size };
  const sans: TextStyle = { font: 'sans', size };
  const out: SetLine[] = [];
  const line = (label: string, value: string) =>
    pushAll(out, set(ctx, [t(label, sans), ...mt(ctx, value, serif)], { width: textWidth(style), em: size, align: 'left' }));
  const dates = footnoteDates(labels, meta);
  if (dates.length) {
    const [first, ...rest] = dates.join('；').split('：');
    line(`${first}：`, rest.join('：'));
  }
  const funding = meta.funding?.zh ?? meta.funding?.en;
  if (funding) line(`${labels.funding}：`, funding);
  const notes = meta.authorNotes?.zh ?? meta.authorNotes?.en;
  if (notes) line(`${labels.authorNotes}：`, notes);
  if (meta.doi) line('DOI：', meta.doi);
  const corr = correspondence(meta);
  if (corr.zh || corr.email) line(`${labels.corresponding}：`, [corr.zh, corr.email ? `Email：${corr.email}` : ''].filter(Boolean).join('，'));
  return out;
}

/**
 * The title block cut into the parts each page takes (`room`: the height
 * the first page has above its footnote, then any later page's), a part
 * ending at a line that does not fit; space items at a cut are dropped.
 */
function splitTitleBlock(items: FlowItem[], room: [first: number, later: number]): FlowItem[][] {
  const parts: FlowItem[][] = [[]];
  let used = 0;
  for (const it of items) {
    const limit = parts.length === 1 ? room[0] : room[1];
    if (used + it.height > limit + 0.01 && parts.at(-1)!.length) {
      if (it.kind === 'space') continue;
      parts.push([]);
      used = 0;
    }
    parts.at(-1)!.push(it);
    used += it.height;
  }
  return parts;
}

// ---------------------------------------------------------------- body

function headingFlow(ctx: Ctx, text: string, depth: number, label: string | undefined, id: string): FlowItem[] {
  const { style } = ctx;
  const size = depth <= 2 ? style.headingSize : style.subheadingSize;
  const hs: TextStyle = { font: 'sans', size };
  let body = text.trim();
  if (label && body.startsWith(label)) body = body.slice(label.length).trim();
  const inl: Inline[] = label ? [t(label, hs), { kind: 'space', width: size }, ...mt(ctx, body, hs)] : mt(ctx, body, hs);
  // Broken between words; a wrapped heading hangs after its number.
  const hang = label ? ctx.metrics.advance('sans', label, size) + size : 0;
  const lines = set(ctx, inl, { width: columnWidth(style), em: size, align: 'left', words: true });
  const wrapped = lines.length > 1 && hang ? set(ctx, inl, { width: columnWidth(style) - hang, em: size, align: 'left', words: true }) : lines;
  const L = style.bodyLeading;
  const flow = wrapped.map<FlowLine>((line, i) => {
    const extra = i === 0 && depth <= 2 ? L / 2 : 0;
    return {
      kind: 'line',
      height: L + extra,
      baseline: baselineOf(L + extra, L, size),
      line,
      dx: i > 0 ? hang : 0,
      keepWithNext: wrapped.length - i - 1 + 2,
    };
  });
  if (depth <= 2 && flow.length) flow[flow.length - 1]!.height += L / 2;
  if (flow[0]) {
    flow[0].dest = id;
    flow[0].outline = { title: label ? `${label} ${body}` : body, level: depth <= 2 ? 1 : 2 };
  }
  return flow;
}

function paragraphFlow(ctx: Ctx, children: PhrasingContent[]): FlowItem[] {
  const { style } = ctx;
  const inl = phrasingToInlines(children, { font: 'serif', size: style.bodySize }, ctx.math);
  const lines: SetLine[] = [];
  paragraphPieces(inl).forEach((piece, k) => {
    pushAll(lines, set(ctx, piece, { width: columnWidth(style), em: style.bodySize, indent: k === 0 ? style.indentEms * style.bodySize : 0 }));
  });
  return keptTogether(linesToFlow(lines, style.bodyLeading, style.bodySize));
}

/**
 * No widows and no orphans: a block's first line never ends a column alone
 * (it keeps the next line with it), nor does its last line start one (the
 * line before keeps it). A block of two or three lines stays whole.
 */
function keptTogether(flow: FlowLine[]): FlowLine[] {
  if (flow.length < 2) return flow;
  for (const line of [flow[0]!, flow[flow.length - 2]!]) line.keepWithNext = Math.max(line.keepWithNext ?? 0, 1);
  return flow;
}

function roundUp(h: number, step: number): number {
  return Math.ceil(h / step - 1e-6) * step;
}

/** Caption of a float: label (if any), an em space, caption text (if any), then `suffix`. */
function captionInlines(label: string, caption: PhrasingContent[], size: number, suffix = '', math?: MathLookup): Inline[] {
  const style: TextStyle = { font: 'sans', size };
  const hasLabel = label.trim() !== '';
  const hasText = plainText(caption).trim() !== '';
  const out: Inline[] = [];
  if (hasLabel) out.push(t(label.trim(), style));
  if (hasLabel && hasText) out.push({ kind: 'space', width: size });
  if (hasText) pushAll(out, phrasingToInlines(caption, style, math));
  if (suffix) out.push(t(suffix, style));
  return out;
}

/** A float's English caption line (`Table 1 …`, `Fig. 1 …`), set in the caption style; none when it has none. */
function captionEnLines(ctx: Ctx, node: TableFloat | FigureFloat, width: number, size: number): SetLine[] {
  if (!node.captionEn?.length) return [];
  return set(ctx, phrasingToInlines(node.captionEn, { font: 'sans', size }, ctx.math), { width, em: size, align: 'center' });
}

/**
 * A three-line table (caption above, with its English line under it). A
 * table too tall for the space it is given breaks between rows: every part
 * after the first repeats the header row under a continued caption (`续表1`;
 * an unlabelled table's caption followed by `（续）`, without the English
 * line), and every part holds at least one row below the
 * header.
 */
function tableFlow(ctx: Ctx, node: TableFloat): FlowFloat {
  const { style, labels } = ctx;
  const size = style.smallSize;
  const leading = size * 1.45;
  const table = node.children[0] as Table;
  const rows = table.children;
  const ncols = Math.max(maxOf(rows.map((r) => r.children.length), 1), 1);
  const pad = size * 0.75;
  const cellInl = (cell: TableCell | undefined, header: boolean) =>
    cell ? phrasingToInlines(cell.children, { font: header ? 'sans' : 'serif', size }, ctx.math) : [];
  const natural = new Array<number>(ncols).fill(0);
  // Narrowest width of a column: its widest unbreakable token (a Latin word
  // or number; a Han character is one em).
  const minimum = new Array<number>(ncols).fill(size);
  rows.forEach((row, r) => {
    for (let c = 0; c < ncols; c++) {
      natural[c] = Math.max(natural[c]!, naturalWidth(cellInl(row.children[c], r === 0), { em: size }, ctx.metrics), size);
      const cell = row.children[c];
      if (cell) {
        const font = r === 0 ? 'sans' : 'serif';
        for (const token of plainText(cell.children).split(/[\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+/u)) {
          if (token && [...token].every((ch) => ctx.metrics.has(font, ch))) minimum[c] = Math.max(minimum[c]!, ctx.metrics.advance(font, token, size));
        }
      }
    }
  });
  const need = natural.reduce((s, w) => s + w + 2 * pad, 0);
  const colW = columnWidth(style);
  const fullW = textWidth(style);
  const span: 'column' | 'page' = need <= colW ? 'column' : 'page';
  const width = span === 'column' ? colW : fullW;
  let widths: number[];
  if (need <= width) {
    const extra = (width - need) / ncols;
    widths = natural.map((w) => w + 2 * pad + extra);
  } else {
    // Every column gets its minimum; the rest goes where text is longest.
    const avail = width - 2 * pad * ncols;
    const minSum = minimum.reduce((s, w) => s + w, 0);
    if (minSum >= avail) widths = minimum.map((w) => (w / minSum) * avail + 2 * pad);
    else {
      const extra = natural.map((w, c) => Math.max(0, w - minimum[c]!));
      const extraSum = extra.reduce((s, w) => s + w, 0) || 1;
      widths = minimum.map((w, c) => w + ((avail - minSum) * extra[c]!) / extraSum + 2 * pad);
    }
  }
  const aligns = table.align ?? [];
  const setRows = rows.map((row, r) =>
    Array.from({ length: ncols }, (_, c) =>
      set(ctx, cellInl(row.children[c], r === 0), {
        width: widths[c]! - 2 * pad,
        em: size,
        align: aligns[c] === 'left' ? 'left' : aligns[c] === 'right' ? 'right' : 'center',
        noSingleCharLastLine: false,
      }),
    ),
  );
  const vpad = 2.5;
  const rowHeights = setRows.map((cells) => Math.max(1, ...cells.map((l) => l.length)) * leading + 2 * vpad);
  const setCaption = (inl: Inline[]) => set(ctx, inl, { width: width - 2 * size, em: size, align: 'center' });
  const zhLines = setCaption(captionInlines(node.label, node.caption, size, '', ctx.math));
  const capLines = [...zhLines, ...captionEnLines(ctx, node, width - 2 * size, size)];
  const label = node.label.trim();
  const contLines =
    rows.length > 2
      ? setCaption(
          label
            ? captionInlines(`${labels.continuedPrefix}${label}`, node.caption, size, '', ctx.math)
            : captionInlines('', node.caption, size, labels.continuedSuffix, ctx.math),
        )
      : capLines;
  const heavy = 0.75;
  const light = 0.4;
  const L = style.bodyLeading;
  const headH = rows.length ? rowHeights[0]! + light : light;
  const capHeight = (lines: SetLine[]) => lines.length * leading + 3;
  /** Drawn height of the part with body rows [from, to). */
  const bodyOf = (from: number, to: number) => {
    // A table whose rows the extraction lost is its caption alone.
    let h = capHeight(from === 1 ? capLines : contLines) + (rows.length ? headH + heavy * 2 : 0);
    for (let r = from; r < to; r++) h += rowHeights[r]!;
    return h;
  };
  const heightOf = (from: number, to: number) => roundUp(bodyOf(from, to) + L * 0.75, L);
  const dest = node.identifier;

  // Table > Caption, TR > TH/TD; the parts of a broken table are one table, its repeated header row drawn again.
  const tableTag = structOf(ctx, 'Table');
  const captionTag = structOf(ctx, 'Caption', tableTag);
  const rowTags = rows.map(() => structOf(ctx, 'TR', tableTag));
  const cellTags = rows.map((r, i) => r.children.map(() => structOf(ctx, i === 0 ? 'TH' : 'TD', rowTags[i])));

  /** The part of the table with body rows [from, to) under the header row. */
  const part = (from: number, to: number): FlowFloat => {
    const first = from === 1;
    const caption = first ? capLines : contLines;
    const body = bodyOf(from, to);
    const height = heightOf(from, to);
    const float: FlowFloat = {
      kind: 'float',
      tag: 'Table',
      struct: tableTag,
      span,
      height,
      draw(sink, x, top) {
        let y = top + (height - body - L * 0.25) / 2;
        if (first) sink.destinations.push({ name: dest, x, y: sink.pageHeight - y });
        drawTagged(sink, captionTag, () => caption.forEach((l, i) => drawSetLine(sink, l, x + size, y + i * leading + baselineOf(leading, leading, size))));
        y += capHeight(caption);
        if (!rows.length) return;
        const rule = (yy: number, w: number) =>
          sink.boxes.push({ kind: 'rule', x1: x, y1: sink.pageHeight - yy, x2: x + width, y2: sink.pageHeight - yy, width: w });
        const row = (r: number) => {
          let cx = x;
          setRows[r]!.forEach((lines, c) => {
            const h = lines.length * leading;
            const y0 = y + vpad + (rowHeights[r]! - 2 * vpad - h) / 2;
            drawTagged(sink, cellTags[r]?.[c] ?? rowTags[r], () => lines.forEach((l, i) => drawSetLine(sink, l, cx + pad, y0 + i * leading + baselineOf(leading, leading, size))));
            cx += widths[c]!;
          });
          y += rowHeights[r]!;
        };
        rule(y + heavy / 2, heavy);
        y += heavy;
        if (rows.length) row(0);
        rule(y + light / 2, light);
        y += light;
        for (let r = from; r < to; r++) row(r);
        rule(y + heavy / 2, heavy);
      },
    };
    if (to - from >= 2) {
      float.split = (space, force) => {
        // The most rows that fit, keeping at least one for the rest.
        let k = from;
        while (k + 1 < to && heightOf(from, k + 1) <= space + 0.01) k++;
        if (k === from) {
          if (!force) return null;
          k = from + 1;
        }
        return { head: part(from, k), rest: part(k, to) };
      };
    }
    return float;
  };
  return part(1, Math.max(1, rows.length));
}

function figureFlow(ctx: Ctx, node: FigureFloat, images: Record<string, ImageInfo>): FlowFloat {
  const { style } = ctx;
  const size = style.smallSize;
  const leading = size * 1.45;
  const width = columnWidth(style);
  const image = node.url ? images[node.url] : undefined;
  let frameW = width;
  let frameH = width * 0.62;
  if (image) {
    frameH = (image.height / image.width) * width;
    const maxH = style.bodyLeading * 22;
    if (frameH > maxH) {
      frameW = (maxH / frameH) * width;
      frameH = maxH;
    }
  }
  const capLines = [
    ...set(ctx, captionInlines(node.label, node.caption, size, '', ctx.math), { width: width - 2 * size, em: size, align: 'center' }),
    ...captionEnLines(ctx, node, width - 2 * size, size),
  ];
  const credit = node.credit?.trim();
  const creditLines = credit
    ? set(ctx, [t(/^[（(]/.test(credit) ? credit : `（${credit}）`, { font: 'serif', size: style.footnoteSize })], {
        width: width - 2 * size,
        em: style.footnoteSize,
        align: 'center',
      })
    : [];
  const body = frameH + 4 + capLines.length * leading + creditLines.length * style.footnoteLeading;
  const height = roundUp(body + style.bodyLeading * 0.75, style.bodyLeading);
  // Figure (its text alternative the caption) > Caption
  const figureTag = structOf(ctx, 'Figure', undefined, [node.label, plainText(node.caption)].filter(Boolean).join(' ') || ctx.labels.imageMissing);
  const captionTag = structOf(ctx, 'Caption', figureTag);
  return {
    kind: 'float',
    tag: 'Figure',
    struct: figureTag,
    span: 'column',
    height,
    draw(sink, x, top) {
      let y = top + (height - body) / 2;
      sink.destinations.push({ name: node.identifier, x, y: sink.pageHeight - y });
      const fx = x + (width - frameW) / 2;
      if (image) {
        sink.boxes.push({ kind: 'image', x: fx, y: sink.pageHeight - y - frameH, width: frameW, height: frameH, path: image.path, format: image.format });
      } else {
        sink.boxes.push({ kind: 'frame', x: fx, y: sink.pageHeight - y - frameH, width: frameW, height: frameH, lineWidth: 0.5, fill: 0.96 });
        const ph = setParagraph([t(ctx.labels.imageMissing, { font: 'serif', size, gray: 0.55 })], { width: frameW, em: size, align: 'center' }, ctx.metrics).lines;
        ph.forEach((l) => drawSetLine(sink, l, fx, y + frameH / 2 + 0.38 * size, true));
      }
      y += frameH + 4;
      drawTagged(sink, captionTag, () => {
        capLines.forEach((l) => {
          drawSetLine(sink, l, x + size, y + baselineOf(leading, leading, size));
          y += leading;
        });
        creditLines.forEach((l) => {
          drawSetLine(sink, l, x + size, y + baselineOf(style.footnoteLeading, style.footnoteLeading, style.footnoteSize));
          y += style.footnoteLeading;
        });
      });
    },
  };
}

function referenceText(entry: ReferenceEntry): PhrasingContent[] {
  const formatted = entry.data?.formatted;
  if (formatted?.trim()) return [{ type: 'text', value: formatted.trim() }];
  return entry.children;
}

function referencesFlow(ctx: Ctx, entries: ReferenceEntry[]): FlowItem[] {
  const { style } = ctx;
  const size = style.referenceSize;
  const leading = style.referenceLeading;
  const rs: TextStyle = { font: 'serif', size };
  const labels = entries.map((e) => `[${e.number}]`);
  const labelW = Math.max(0, ...labels.map((l) => ctx.metrics.advance('serif', l, size))) + size * 0.4;
  const out: FlowItem[] = [];
  const list = structOf(ctx, 'L');
  entries.forEach((entry, i) => {
    const content = referenceText(entry);
    const inl = linkAddresses(phrasingToInlines(content, rs, ctx.math));
    // Justified, Chinese and English entries alike (English words hyphenate).
    // The house style's spaces (`王颖翠. 人脐带…`) are part of the entry.
    const lines = set(ctx, inl, { width: columnWidth(style) - labelW, em: size, keepSpaces: true });
    // L > LI > Lbl (the number) and LBody (the entry)
    const item = structOf(ctx, 'LI', list);
    const lbl = structOf(ctx, 'Lbl', item);
    const flow = tagFlow(linesToFlow(lines, leading, size, labelW), structOf(ctx, 'LBody', item)) as FlowLine[];
    const label = labels[i]!;
    const labelLine = setParagraph([t(label, rs)], { width: labelW, em: size, align: 'left', noSingleCharLastLine: false }, ctx.metrics).lines[0];
    if (flow[0] && labelLine) {
      flow[0].dest = entry.identifier || `ref-${entry.number}`;
      flow[0].extra = (sink, x, top) => drawTagged(sink, lbl, () => drawSetLine(sink, labelLine, x - labelW, top + baselineOf(leading, leading, size)));
    }
    // At least two lines of an entry together at a column's end and start.
    pushAll(out, keptTogether(flow));
  });
  return out;
}

function bodyFlow(ctx: Ctx, tree: ArticleRoot, options: LayoutOptions): FlowItem[] {
  const { style } = ctx;
  const out: FlowItem[] = [];
  let sectionCount = 0;
  let hadReferenceHeading = false;
  const children = tree.children;
  children.forEach((node, idx) => {
    switch (node.type) {
      case 'heading': {
        const text = plainText(node.children);
        if (text.trim() === ctx.labels.references || /^参考文献$/.test(text.trim())) hadReferenceHeading = true;
        sectionCount++;
        const id = `sec-${sectionCount}`;
        pushAll(out, tagFlow(headingFlow(ctx, text, node.depth, node.data?.label, id), structOf(ctx, node.depth <= 2 ? 'H2' : 'H3')));
        break;
      }
      case 'paragraph':
        pushAll(out, tagFlow(paragraphFlow(ctx, node.children), structOf(ctx, 'P')));
        break;
      case 'math':
        pushAll(out, tagFlow(displayFormulaFlow(ctx, node, set), structOf(ctx, 'P')));
        break;
      case 'tableFloat':
        out.push(tableFlow(ctx, node));
        break;
      case 'figureFloat':
        out.push(figureFlow(ctx, node, options.images ?? {}));
        break;
      case 'referenceList': {
        if (tree.data.meta.editor) pushAll(out, tagFlow(editorLine(ctx, tree.data.meta.editor), structOf(ctx, 'P')));
        const prev = children[idx - 1];
        if (!hadReferenceHeading && !(prev && prev.type === 'heading')) {
          const size = style.headingSize;
          const heading = ctx.labels.references;
          const lines = set(ctx, [t(heading, { font: 'sans', size: style.smallSize + 1 })], { width: columnWidth(style), em: size, align: 'left' });
          const L = style.bodyLeading;
          const h = structOf(ctx, 'H2');
          out.push(
            ...lines.map<FlowLine>((line, i) => ({
              struct: h,
              kind: 'line',
              height: i === 0 ? L * 1.5 : L,
              baseline: baselineOf(i === 0 ? L * 1.5 : L, L, size),
              line,
              dx: 0,
              keepWithNext: 2,
              ...(i === 0 ? { dest: 'references', outline: { title: heading, level: 1 } } : {}),
            })),
          );
        }
        pushAll(out, referencesFlow(ctx, node.children));
        break;
      }
      case 'thematicBreak':
      case 'yaml':
      case 'html':
      case 'definition':
        break;
      case 'list':
        for (const item of node.children) {
          const text = plainText(item.children);
          pushAll(out, tagFlow(paragraphFlow(ctx, [{ type: 'text', value: text }]), structOf(ctx, 'P')));
        }
        break;
      default:
        if ('children' in node && Array.isArray(node.children)) {
          pushAll(out, tagFlow(paragraphFlow(ctx, [{ type: 'text', value: plainText(node.children as PhrasingContent[]) }]), structOf(ctx, 'P')));
        }
    }
  });
  if (!children.some((c) => c.type === 'referenceList') && tree.data.meta.editor) pushAll(out, tagFlow(editorLine(ctx, tree.data.meta.editor), structOf(ctx, 'P')));
  return out;
}

function editorLine(ctx: Ctx, editor: string): FlowItem[] {
  const { style } = ctx;
  const size = style.smallSize;
  const lines = set(ctx, [t(`（${ctx.labels.editor}：${editor}）`, { font: 'serif', size })], { width: columnWidth(style), em: size, align: 'right' });
  return linesToFlow(lines, style.bodyLeading, size);
}

// ---------------------------------------------------------------- pages

function runningHead(ctx: Ctx, meta: ArticleMeta, sink: Sink, pageNumber: number): void {
  const { style } = ctx;
  const size = style.headerSize;
  const x0 = leftMargin(style);
  const W = textWidth(style);
  const an = meta.articleNumber;
  const issue = ctx.labels.issue.replace(/\{year\}/g, String(an?.year ?? '')).replace(/\{issue\}/g, String(an?.issue ?? ''));
  const journal = meta.journal?.title.zh ?? meta.journal?.title.en;
  const volume = meta.journal?.volume ? `第${meta.journal.volume}卷` : '';
  const issueText = volume ? issue.replace(/年/, `年${volume}`) : issue;
  const info = [journal, an ? `ISSN ${an.issn}` : '', an ? issueText : ''].filter(Boolean).join('　');
  const num = `· ${pageNumber} ·`;
  const odd = pageNumber % 2 === 1;
  const hs: TextStyle = { font: 'serif', size };
  const left = set(ctx, [t(odd ? info : num, hs)], { width: W, em: size, align: 'left' });
  const right = set(ctx, [t(odd ? num : info, hs)], { width: W, em: size, align: 'right' });
  for (const l of [...left, ...right]) drawSetLine(sink, l, x0, style.headerBaseline, true);
  const ry = sink.pageHeight - (style.headerBaseline + 4);
  sink.boxes.push({ kind: 'rule', x1: x0, y1: ry, x2: x0 + W, y2: ry, width: 0.5, artifact: true });
}

/** The longest start of `text` (with `…` when cut) that sets on one line of `width`. */
function fitLine(ctx: Ctx, text: string, style: TextStyle, width: number): string {
  const fits = (s: string) => naturalWidth([t(s, style)], { em: style.size }, ctx.metrics) <= width;
  const whole = text.replace(/\s+/gu, ' ').trim();
  // No line of text width holds 400 characters: a longer text is cut without
  // setting it whole (an extracted title can be a run-on page of text).
  const MAX = 400;
  const chars = [...whole].slice(0, MAX + 1);
  if (chars.length <= MAX && fits(whole)) return whole;
  const cut = (n: number) => `${chars.slice(0, n).join('').replace(/[\s\p{P}]+$/u, '')}…`;
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(cut(mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? cut(lo) : '…';
}

/**
 * The running head of a document of its own (the handout): its head on the
 * left, `page/total` on the right, a rule under them; all of it page
 * furniture.
 */
function ownRunningHead(ctx: Ctx, head: string, sink: Sink, page: number, total: number): void {
  const { style } = ctx;
  const size = style.headerSize;
  const x0 = leftMargin(style);
  const W = textWidth(style);
  const hs: TextStyle = { font: 'serif', size };
  const folio = `${page}/${total}`;
  const folioLines = set(ctx, [t(folio, hs)], { width: W, em: size, align: 'right' });
  const folioWidth = ctx.metrics.advance('serif', folio, size);
  const text = fitLine(ctx, head, hs, W - folioWidth - 2 * size);
  const headLines = text ? set(ctx, [t(text, hs)], { width: W, em: size, align: 'left' }) : [];
  for (const l of [...headLines, ...folioLines]) drawSetLine(sink, l, x0, style.headerBaseline, true);
  const ry = sink.pageHeight - (style.headerBaseline + 4);
  sink.boxes.push({ kind: 'rule', x1: x0, y1: ry, x2: x0 + W, y2: ry, width: 0.5, artifact: true });
}

/** Lay out the article: pages of positioned boxes, outline and warnings. */
export function layoutArticle(tree: ArticleRoot, style: JournalStyle, metrics: FontMetrics, options: LayoutOptions = {}): LayoutResult {
  const ctx: Ctx = { style, metrics, labels: resolveLabels(options.labels), warnings: [], structKeys: 0 };
  if (options.math) ctx.math = fittedLookup(options.math, metrics);
  const meta = tree.data.meta;
  const x0 = leftMargin(style);
  const W = textWidth(style);
  const H = style.pageHeight;
  const own = options.ownPages;
  const firstPage = own ? 1 : (meta.articleNumber?.firstPage ?? 1);

  // First-page footnote: its room is kept before anything else is placed.
  const foot = footnoteLines(ctx, meta);
  const footH = foot.length * style.footnoteLeading;
  const footTop = H - style.marginBottom - footH;
  const bottom0 = foot.length ? footTop - 8 : H - style.marginBottom;

  // Title block across the text width, from the first page on: what does not
  // fit above the footnote continues at the top of the next page.
  const titleParts = splitTitleBlock(titleBlock(ctx, meta), [bottom0 - style.marginTop, H - style.marginBottom - style.marginTop]);
  const lastPart = titleParts.length - 1;
  const partHeight = titleParts[lastPart]!.reduce((s, it) => s + it.height, 0);
  const bodyTopOfLast = style.marginTop + roundUp(partHeight + style.bodyLeading, style.bodyLeading);

  const geo: Geometry = {
    columns: [
      { x: x0, width: columnWidth(style) },
      { x: x0 + columnWidth(style) + columnGap(style), width: columnWidth(style) },
    ],
    fullX: x0,
    fullWidth: W,
    frame: (p) => {
      const bottom = p === 0 ? bottom0 : H - style.marginBottom;
      // pages the title block fills have no room for the body
      if (p < lastPart) return { top: bottom, bottom };
      return { top: p === lastPart ? Math.min(bodyTopOfLast, bottom) : style.marginTop, bottom };
    },
  };

  const flow = bodyFlow(ctx, tree, options);
  const composed = composeBalanced(flow, geo);

  const pages: Page[] = [];
  const sinks: Sink[] = [];
  for (let p = 0; p < Math.max(composed.pageCount, titleParts.length); p++) {
    sinks.push({ boxes: [], links: [], destinations: [], pageHeight: H });
  }
  const outline: OutlineEntry[] = [];

  // Title block and footnote first, so that the reading order is title,
  // footnote, body.
  titleParts.forEach((part, p) => {
    const sink = sinks[p]!;
    let y = style.marginTop;
    for (const it of part) {
      if (it.kind === 'line') {
        if (it.dest) sink.destinations.push({ name: it.dest, x: x0 + it.dx, y: H - y });
        if (it.outline) outline.push({ ...it.outline, target: it.dest! });
        drawTagged(sink, it.struct, () => drawSetLine(sink, it.line, x0 + it.dx, y + it.baseline));
      }
      y += it.height;
    }
  });
  {
    const sink = sinks[0]!;
    if (foot.length) {
      sink.boxes.push({ kind: 'rule', x1: x0, y1: H - footTop + 3, x2: x0 + W / 4, y2: H - footTop + 3, width: 0.5 });
      drawTagged(sink, structOf(ctx, 'Note'), () =>
        foot.forEach((l, i) =>
          drawSetLine(sink, l, x0, footTop + i * style.footnoteLeading + baselineOf(style.footnoteLeading, style.footnoteLeading, style.footnoteSize)),
        ),
      );
    }
  }

  for (const pl of composed.placements) {
    const sink = sinks[pl.page]!;
    const it = pl.item;
    if (it.kind === 'line') {
      if (it.dest) sink.destinations.push({ name: it.dest, x: pl.x, y: H - pl.top });
      if (it.outline && it.dest) outline.push({ ...it.outline, target: it.dest });
      drawTagged(sink, it.struct, () => {
        it.extra?.(sink, pl.x, pl.top);
        drawSetLine(sink, it.line, pl.x, pl.top + it.baseline);
      });
    } else if (it.kind === 'float') {
      const from = sink.boxes.length;
      it.draw(sink, pl.x, pl.top);
      for (let i = from; i < sink.boxes.length; i++) sink.boxes[i]!.tag = it.tag;
      tagBoxes(sink, from, it.struct);
    }
  }

  sinks.forEach((sink, p) => {
    const number = firstPage + p;
    if (own) ownRunningHead(ctx, own.head, sink, number, sinks.length);
    else runningHead(ctx, meta, sink, number);
    pages.push({
      index: p,
      width: style.pageWidth,
      height: H,
      number,
      label: String(number),
      boxes: sink.boxes,
      links: sink.links,
      destinations: sink.destinations,
    });
  });
  return { pages, outline, warnings: [...new Set(ctx.warnings)] };
}
