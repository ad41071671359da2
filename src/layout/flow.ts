/**
 * Flow items and their placement into columns and pages.
 *
 * Coordinates here are measured from the top of the page downwards; boxes
 * are converted to the PDF convention (baseline from the bottom) when drawn.
 */
import type { SetLine } from './paragraph.js';
import type { Box, Destination, FloatTag, FontId, GlyphRun, LinkArea } from './types.js';

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
}

export interface FlowFloat {
  kind: 'float';
  tag: FloatTag;
  span: 'column' | 'page';
  height: number;
  draw: (sink: Sink, x: number, top: number) => void;
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

/** Draw a set line with its baseline at `baselineTop` (from the page top). */
export function drawSetLine(sink: Sink, line: SetLine, x: number, baselineTop: number, artifact = false): void {
  const y0 = sink.pageHeight - baselineTop;
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
    const cps = codePoints(p.text);
    if (run !== null && run.font === p.font && run.size === p.size && run.y === y && run.skew === p.skew && run.gray === p.gray) {
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
      run = r;
      spaced = false;
      end = px + p.advance;
    }
  }
  flush();
  for (const l of line.links) {
    const size = line.pieces[0]?.size ?? 10;
    sink.links.push({ x: x + l.x, y: y0 - size * 0.15, width: l.width, height: size * 1.05, target: l.target });
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
 * Place items in columns, page after page. Page-wide floats go to the top of
 * the next page (or of the current one while it is still empty); column
 * floats stay where they are if they fit, else go to the top of the next
 * column. A column may be limited in height (to balance the last page).
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

  const placeColumnQueue = () => {
    while (columnQueue.length) {
      const f = columnQueue[0]!;
      if (!columnEmpty && y + f.height > bottom) break;
      columnQueue.shift();
      placements.push({ page, x: geo.columns[col]!.x, top: y, item: f });
      y += f.height;
      columnEmpty = false;
    }
  };

  const startPage = (p: number, itemIndex: number) => {
    page = p;
    firstItemOfPage[p] = itemIndex;
    pageTop = geo.frame(p).top;
    while (pageQueue.length) {
      const f = pageQueue.shift()!;
      placements.push({ page, x: geo.fullX, top: pageTop, item: f });
      pageTop += f.height;
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
        const fresh = col === 0 && columnEmpty && y === pageTop;
        if (fresh && pageQueue.length === 0) {
          placements.push({ page, x: geo.fullX, top: pageTop, item });
          pageTop += item.height;
          y = pageTop;
          bottom = bottomOf(page, pageTop);
        } else pageQueue.push(item);
      } else if (columnQueue.length === 0 && (columnEmpty || y + item.height <= bottom)) {
        placements.push({ page, x: geo.columns[col]!.x, top: y, item });
        y += item.height;
        columnEmpty = false;
      } else columnQueue.push(item);
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
    if (!columnEmpty && y + need > bottom + 0.01) nextColumn(i);
    placements.push({ page, x: geo.columns[col]!.x + item.dx, top: y, item });
    y += item.height;
    columnEmpty = false;
  }
  // Floats still waiting go on pages of their own.
  while (pageQueue.length || columnQueue.length) {
    if (pageQueue.length) startPage(page + 1, items.length);
    else nextColumn(items.length);
    if (columnQueue.length && columnEmpty) {
      const f = columnQueue.shift()!;
      placements.push({ page, x: geo.columns[col]!.x, top: y, item: f });
      y += f.height;
      columnEmpty = false;
    }
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
