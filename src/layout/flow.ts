/**
 * Flow items and their placement into columns and pages.
 *
 * Coordinates here are measured from the top of the page downwards; boxes
 * are converted to the PDF convention (baseline from the bottom) when drawn.
 */
import type { SetLine } from './paragraph.js';
import type { Box, Destination, FloatTag, FontId, GlyphRun, InlineRole, LinkArea, MathBox, StructTag } from './types.js';

/** Everything drawn on one page, collected while placing. */
export interface Sink {
  boxes: Box[];
  links: LinkArea[];
  destinations: Destination[];
  pageHeight: number;
}

export interface FlowLine {
  kind: 'line';
  /** Height taken in the column, including any space above the baseline box. */
  height: number;
  /** Baseline distance from the top of the item. */
  baseline: number;
  line: SetLine;
  /** Horizontal offset within the column. */
  dx: number;
  /** Keep this many following items in the same column. */
  keepWithNext?: number;
  /** Named destination at the top of this line. */
  dest?: string;
  outline?: { title: string; level: number };
  /** Extra drawing (reference labels) relative to the item's position. */
  extra?: (sink: Sink, x: number, top: number) => void;
  /** Its element in the document's structure. */
  struct?: StructTag;
}

export interface FlowFloat {
  kind: 'float';
  tag: FloatTag;
  /** Its element in the document's structure (the parts of a broken table share it). */
  struct?: StructTag;
  span: 'column' | 'page';
  height: number;
  draw: (sink: Sink, x: number, top: number) => void;
  /**
   * Break the float so that its first part is at most `space` high (a table
   * between rows, its header repeated on the rest). Null when no useful
   * first part fits; with `force`, the smallest first part is returned even
   * if it does not fit (null only when the float cannot be broken at all).
   */
  split?: (space: number, force: boolean) => FloatParts | null;
}

export interface FloatParts {
  head: FlowFloat;
  rest: FlowFloat;
}

export interface FlowSpace {
  kind: 'space';
  height: number;
}

export type FlowItem = FlowLine | FlowFloat | FlowSpace;

function codePoints(text: string): number {
  if (text.length === 1) return 1;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // count all but low surrogates
  }
  return n;
}

/**
 * Give the boxes drawn since `from` that have no element yet (and are not
 * page furniture) the element `struct`; a link or formula drawn among them
 * without a parent becomes its child.
 */
export function tagBoxes(sink: Sink, from: number, struct: StructTag | undefined): void {
  if (!struct) return;
  for (let i = from; i < sink.boxes.length; i++) {
    const box = sink.boxes[i]!;
    if (box.struct) adoptInline(box.struct, struct);
    else if (!('artifact' in box && box.artifact)) box.struct = struct;
  }
}

/** The element `parent` takes a link or formula that has none yet. */
function adoptInline(tag: StructTag, parent: StructTag): void {
  if (!tag.parent && (tag.role === 'Link' || tag.role === 'Formula')) tag.parent = parent;
}

/** Keys of inline elements: negative, apart from the layout's block elements (counted up from 1). */
let inlineKeys = 0;

/** A new link or formula element; its parent is the element its line is drawn for (see `tagBoxes`). */
function inlineTag(role: InlineRole, alt?: string): StructTag {
  const tag: StructTag = { role, key: --inlineKeys };
  if (alt) tag.alt = alt;
  return tag;
}

/** The Link element of each of the line's links (none for page furniture). */
function linkTags(line: SetLine, artifact: boolean): (StructTag | undefined)[] | undefined {
  if (!line.links.length || artifact) return undefined;
  return line.links.map(() => inlineTag('Link'));
}

/** The element of the link whose area holds the piece starting at `x` (line coordinates). */
function linkAt(line: SetLine, tags: (StructTag | undefined)[] | undefined, x: number): StructTag | undefined {
  if (!tags) return undefined;
  const i = line.links.findIndex((l) => x >= l.x - 1e-6 && x < l.x + l.width - 1e-6);
  return i < 0 ? undefined : tags[i];
}

/** Draw with the boxes drawn tagged `struct` (see `tagBoxes`). */
export function drawTagged(sink: Sink, struct: StructTag | undefined, draw: () => void): void {
  const from = sink.boxes.length;
  draw();
  tagBoxes(sink, from, struct);
}

/** Draw a set line with its baseline at `baselineTop` (from the page top); the text of each link is a Link element, each formula a Formula. */
export function drawSetLine(sink: Sink, line: SetLine, x: number, baselineTop: number, artifact = false): void {
  const y0 = sink.pageHeight - baselineTop;
  const links = linkTags(line, artifact);
  let run: GlyphRun | null = null;
  let end = 0;
  let spaced = false;
  const flush = () => {
    if (!run) return;
    if (!spaced) delete run.spacing;
    sink.boxes.push(run);
    run = null;
  };
  for (const p of line.pieces) {
    const px = x + p.x;
    const y = y0 + p.rise;
    if (p.math) {
      flush();
      drawFormula(sink, p.math, px, y, p.size, artifact);
      continue;
    }
    const cps = codePoints(p.text);
    const link = linkAt(line, links, p.x);
    if (run !== null && run.font === p.font && run.size === p.size && run.y === y && run.skew === p.skew && run.gray === p.gray && run.struct === link) {
      const r: GlyphRun = run;
      const gap = px - end;
      if (Math.abs(gap) > 1e-6) spaced = true;
      r.spacing!.push(gap);
      for (let i = 1; i < cps; i++) r.spacing!.push(0);
      r.text += p.text;
      end = px + p.advance;
    } else {
      flush();
      const r: GlyphRun = { kind: 'text', font: p.font as FontId, size: p.size, x: px, y, text: p.text, spacing: [] };
      for (let i = 1; i < cps; i++) r.spacing!.push(0);
      if (p.skew) r.skew = p.skew;
      if (p.gray !== undefined) r.gray = p.gray;
      if (artifact) r.artifact = true;
      if (link) r.struct = link;
      run = r;
      spaced = false;
      end = px + p.advance;
    }
  }
  flush();
  line.links.forEach((l, i) => {
    const size = line.pieces[0]?.size ?? 10;
    const area: LinkArea = { x: x + l.x, y: y0 - size * 0.15, width: l.width, height: size * 1.05, target: l.target };
    const struct = links?.[i];
    if (struct) area.struct = struct;
    sink.links.push(area);
  });
}

/** A formula's outlines, and its text in the document's fonts, with its baseline at y (PDF convention). */
function drawFormula(sink: Sink, box: MathBox, x: number, y: number, size: number, artifact: boolean): void {
  const from = sink.boxes.length;
  if (box.ops || box.glyphs.length) {
    const { ops, coords, glyphs } = box;
    sink.boxes.push({ kind: 'math', x, y, size, width: box.width * size, height: box.height * size, depth: box.depth * size, ops, coords, glyphs });
  }
  for (const t of box.texts) {
    const run: GlyphRun = { kind: 'text', font: t.font ?? 'serif', size: t.size * size, x: x + t.x * size, y: y + t.y * size, text: t.text };
    if (t.italic) run.skew = Math.tan((12 * Math.PI) / 180);
    if (artifact) run.artifact = true;
    sink.boxes.push(run);
  }
  if (!artifact) {
    const formula = inlineTag('Formula', box.tex);
    for (let i = from; i < sink.boxes.length; i++) sink.boxes[i]!.struct = formula;
  }
}

export interface PageFrame {
  /** Top of the body area (below the title block on the first page). */
  top: number;
  /** Bottom of the body area. */
  bottom: number;
}

export interface Geometry {
  columns: { x: number; width: number }[];
  /** Left edge and width of the full text block (for page-wide floats). */
  fullX: number;
  fullWidth: number;
  frame(page: number): PageFrame;
}

export interface Placement {
  page: number;
  x: number;
  top: number;
  item: FlowItem;
}

export interface ComposeResult {
  placements: Placement[];
  pageCount: number;
  /** Index of the first flow item placed on each page. */
  firstItemOfPage: number[];
}

/**
 * How much of a float may be placed where there is `space` left: only the
 * whole float; the whole float or a first part of it; or, where no later
 * place offers more room, something in any case.
 */
type FitMode = 'whole' | 'split' | 'force';

function fit(f: FlowFloat, space: number, mode: FitMode): { place: FlowFloat; rest?: FlowFloat } | null {
  if (f.height <= space + 0.01) return { place: f };
  if (mode === 'whole') return null;
  const parts = f.split?.(space, false);
  if (parts) return { place: parts.head, rest: parts.rest };
  if (mode === 'split') return null;
  const forced = f.split?.(space, true);
  return forced ? { place: forced.head, rest: forced.rest } : { place: f };
}

/**
 * Place items in columns, page after page, keeping everything inside the
 * page frames.
 *
 * Page-wide floats go to the top of the page while nothing but page-wide
 * floats is on it, if they fit; otherwise to the top of the next page.
 * Column floats stay where they are if they fit, else go to the top of the
 * next column. A float that does not fit at the top of an empty page (or an
 * empty column) is broken there if it can be (tables); one that can be
 * neither broken nor moved to a roomier place is placed whole. A column may
 * be limited in height (to balance the last page).
 */
export function compose(items: readonly FlowItem[], geo: Geometry, limit?: { page: number; height: number }): ComposeResult {
  const placements: Placement[] = [];
  const pageQueue: FlowFloat[] = [];
  const columnQueue: FlowFloat[] = [];
  const firstItemOfPage: number[] = [];
  let page = 0;
  let col = 0;
  let pageTop = 0;
  let y = 0;
  let bottom = 0;
  let columnEmpty = true;

  const bottomOf = (p: number, top: number) => {
    const b = geo.frame(p).bottom;
    return limit && limit.page === p ? Math.min(b, top + limit.height) : b;
  };

  /** Whether no later column or page can offer more than `space` (the next page with room is no taller; pages a title block fills have none). */
  const noBetterPlace = (space: number) => {
    let next = geo.frame(page + 1);
    for (let p = page + 2; next.bottom - next.top <= 0.01 && p < page + 64; p++) next = geo.frame(p);
    return space >= next.bottom - next.top - 0.01;
  };
  /** What may be placed at the top of an empty area with `space` left. */
  const freshMode = (space: number): FitMode => (noBetterPlace(space) ? 'force' : 'split');

  const placeColumnQueue = () => {
    while (columnQueue.length) {
      const f = columnQueue[0]!;
      const space = bottom - y;
      const r = fit(f, space, columnEmpty ? freshMode(space) : 'whole');
      if (!r) break;
      columnQueue.shift();
      if (r.rest) columnQueue.unshift(r.rest);
      placements.push({ page, x: geo.columns[col]!.x, top: y, item: r.place });
      y += r.place.height;
      columnEmpty = false;
      if (r.rest) break;
    }
  };

  const startPage = (p: number, itemIndex: number) => {
    // Every page takes at least one line or float part; a guard all the same.
    if (p > 100_000) throw new Error('page composition does not converge');
    page = p;
    firstItemOfPage[p] = itemIndex;
    const frame = geo.frame(p);
    pageTop = frame.top;
    while (pageQueue.length) {
      const f = pageQueue[0]!;
      const space = frame.bottom - pageTop;
      const r = fit(f, space, pageTop === frame.top ? freshMode(space) : 'whole');
      if (!r) break;
      pageQueue.shift();
      if (r.rest) pageQueue.unshift(r.rest);
      placements.push({ page, x: geo.fullX, top: pageTop, item: r.place });
      pageTop += r.place.height;
      if (r.rest) break;
    }
    col = 0;
    y = pageTop;
    bottom = bottomOf(p, pageTop);
    columnEmpty = true;
    placeColumnQueue();
  };

  const nextColumn = (itemIndex: number) => {
    if (col + 1 < geo.columns.length) {
      col++;
      y = pageTop;
      columnEmpty = true;
      placeColumnQueue();
    } else startPage(page + 1, itemIndex);
  };

  startPage(0, 0);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'float') {
      if (item.span === 'page') {
        const frame = geo.frame(page);
        const atTop = col === 0 && columnEmpty && y === pageTop && pageQueue.length === 0;
        const space = frame.bottom - pageTop;
        const r = atTop ? fit(item, space, pageTop === frame.top ? freshMode(space) : 'whole') : null;
        if (r) {
          placements.push({ page, x: geo.fullX, top: pageTop, item: r.place });
          pageTop += r.place.height;
          y = pageTop;
          bottom = bottomOf(page, pageTop);
          if (r.rest) pageQueue.push(r.rest);
        } else pageQueue.push(item);
      } else {
        const space = bottom - y;
        const r = columnQueue.length === 0 ? fit(item, space, columnEmpty ? freshMode(space) : 'whole') : null;
        if (r) {
          placements.push({ page, x: geo.columns[col]!.x, top: y, item: r.place });
          y += r.place.height;
          columnEmpty = false;
          if (r.rest) columnQueue.push(r.rest);
        } else columnQueue.push(item);
      }
      continue;
    }
    if (item.kind === 'space') {
      if (columnEmpty) continue;
      if (y + item.height > bottom) {
        nextColumn(i + 1);
        continue;
      }
      y += item.height;
      continue;
    }
    let need = item.height;
    const keep = item.keepWithNext ?? 0;
    for (let k = 1, n = 0; n < keep && i + k < items.length; k++) {
      const next = items[i + k]!;
      if (next.kind === 'float') continue;
      need += next.height;
      if (next.kind === 'line') n++;
    }
    // Move on until the line (with the lines kept with it) fits; an empty
    // column takes the line alone if it fits, or in any case when no later
    // column could offer more room.
    for (;;) {
      const space = bottom - y;
      if (need <= space + 0.01) break;
      if (columnEmpty && (item.height <= space + 0.01 || noBetterPlace(space))) break;
      nextColumn(i);
    }
    placements.push({ page, x: geo.columns[col]!.x + item.dx, top: y, item });
    y += item.height;
    columnEmpty = false;
  }
  // Floats still waiting go on the following columns and pages.
  while (pageQueue.length || columnQueue.length) {
    if (pageQueue.length) startPage(page + 1, items.length);
    else nextColumn(items.length);
  }
  return { placements, pageCount: page + 1, firstItemOfPage };
}

/**
 * Compose, then shorten the columns of the last page so that they end at
 * about the same height (a journal's last page is balanced).
 */
export function composeBalanced(items: readonly FlowItem[], geo: Geometry): ComposeResult {
  const first = compose(items, geo);
  const last = first.pageCount - 1;
  const isPageFloat = (p: Placement) => p.item.kind === 'float' && p.item.span === 'page';
  const onLast = first.placements.filter((p) => p.page === last && !isPageFloat(p));
  if (onLast.length === 0 || geo.columns.length < 2) return first;
  const frame = geo.frame(last);
  const pageFloats = first.placements.filter((p) => p.page === last && isPageFloat(p));
  const top = frame.top + pageFloats.reduce((s, p) => s + p.item.height, 0);
  const full = frame.bottom - top;
  const content = onLast.reduce((s, p) => s + p.item.height, 0);
  let lo = Math.max(0, Math.floor(content / geo.columns.length) - 1);
  let hi = Math.ceil(full);
  let best = first;
  // Binary search the smallest column height that keeps the page count.
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const trial = compose(items, geo, { page: last, height: mid });
    if (trial.pageCount === first.pageCount) {
      best = trial;
      hi = mid;
    } else lo = mid + 1;
  }
  return best;
}
