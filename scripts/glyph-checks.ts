/**
 * Checks of typeset pages from their glyph boxes, whoever drew them: the
 * glyphs pdf.js reads back from a PDF (scripts/typo-glyphs.ts, `glyphRuns`)
 * or the text runs the layout places (`layoutRuns`: what the PDF draws,
 * before it is written).
 *
 * - `overlaps`: no two glyphs of different lines overlap (a box is the
 *   glyph's advance wide, from 0.2 em below its baseline to 0.8 em above;
 *   glyphs of one line never count: that is kerning, compressed punctuation
 *   or a superscript beside its word);
 * - `missingWords`: the English abstract is whole: each of its words of four
 *   letters or more is in the pages' text (hyphens, spaces, running heads and
 *   folios ignored, so a word hyphenated at a line or page end counts).
 */
import type { FontMetrics, LayoutResult } from '../src/layout/types.js';
import type { PdfPage } from './typo-glyphs.js';

export interface Overlap {
  page: number;
  a: string;
  b: string;
}

/**
 * Text on one baseline in one size: its visible characters with their pen
 * positions and advances (a glyph read back from a PDF is a run of one).
 */
export interface TextRun {
  chars: string[];
  xs: number[];
  ws: number[];
  y: number;
  size: number;
}

/** A page's text runs, and its height (for the running heads and folios). */
export interface RunPage {
  height: number;
  runs: TextRun[];
}

/** The glyphs a PDF reader gives back, each a run of one (blank and zero-width glyphs left out). */
export function glyphRuns(pages: readonly PdfPage[]): RunPage[] {
  return pages.map((p) => ({
    height: p.height,
    runs: p.glyphs.filter((g) => g.ch.trim() && g.w > 0).map((g) => ({ chars: [g.ch], xs: [g.x], ws: [g.w], y: g.y, size: g.size })),
  }));
}

/**
 * The text runs the layout places, as the PDF draws them: each character at
 * its pen position (the run's spacing added after each), advance from the
 * font metrics; blanks left out. Formulas are drawn as outlines and have
 * none, as in the PDF.
 */
export function layoutRuns(result: LayoutResult, metrics: FontMetrics): RunPage[] {
  return result.pages.map((page) => {
    const runs: TextRun[] = [];
    for (const box of page.boxes) {
      if (box.kind !== 'text') continue;
      const run: TextRun = { chars: [], xs: [], ws: [], y: box.y, size: box.size };
      let x = box.x;
      let i = 0;
      for (const ch of box.text) {
        const w = metrics.advance(box.font, ch, box.size);
        if (ch.trim() && w > 0) {
          run.chars.push(ch);
          run.xs.push(x);
          run.ws.push(w);
        }
        x += w + (box.spacing?.[i] ?? 0);
        i++;
      }
      if (run.chars.length) runs.push(run);
    }
    return { height: page.height, runs };
  });
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const CELL = 12;

/** A glyph's box: its advance wide, from 0.2 em below its baseline to 0.8 em above. */
function glyphBox(r: TextRun, i: number): Box {
  return { x0: r.xs[i]!, x1: r.xs[i]! + r.ws[i]!, y0: r.y - 0.2 * r.size, y1: r.y + 0.8 * r.size };
}

/** The box of a whole run. */
function runBox(r: TextRun): Box {
  const last = r.chars.length - 1;
  return { x0: r.xs[0]!, x1: r.xs[last]! + r.ws[last]!, y0: r.y - 0.2 * r.size, y1: r.y + 0.8 * r.size };
}

/** Share of the smaller box that two boxes have in common. */
function shared(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  const area = (x: Box) => (x.x1 - x.x0) * (x.y1 - x.y0);
  return (w * h) / Math.max(1e-6, Math.min(area(a), area(b)));
}

interface Baseline {
  y: number;
  size: number;
  x0: number;
  x1: number;
  line: number;
}

/**
 * The line of each run: runs on one baseline, and the smaller runs raised or
 * lowered beside them (superscripts, subscripts, citation marks: within half
 * the line's size of its baseline and next to it).
 */
function linesOf(runs: readonly TextRun[], boxes: readonly Box[]): number[] {
  const byY = new Map<number, Baseline>();
  const baselineOf: Baseline[] = [];
  runs.forEach((r, i) => {
    const key = Math.round(r.y * 2) / 2;
    let b = byY.get(key);
    if (!b) byY.set(key, (b = { y: r.y, size: 0, x0: Infinity, x1: -Infinity, line: byY.size }));
    b.size = Math.max(b.size, r.size);
    b.x0 = Math.min(b.x0, boxes[i]!.x0);
    b.x1 = Math.max(b.x1, boxes[i]!.x1);
    baselineOf.push(b);
  });
  const baselines = [...byY.values()].sort((a, b) => b.size - a.size);
  for (const small of baselines) {
    const host = baselines.find(
      (big) => big.size * 0.85 > small.size && Math.abs(big.y - small.y) <= big.size / 2 && small.x0 < big.x1 + big.size && small.x1 > big.x0 - big.size,
    );
    if (host) small.line = host.line;
  }
  return baselineOf.map((b) => b.line);
}

/**
 * Glyphs of different lines whose boxes share more than a quarter of the
 * smaller one, by page. Runs whose boxes meet are compared glyph by glyph;
 * runs that do not meet cannot hold such glyphs.
 */
export function overlaps(pages: readonly RunPage[], limit = 5): Overlap[] {
  const out: Overlap[] = [];
  pages.forEach((page, p) => {
    const runs = page.runs;
    const boxes = runs.map(runBox);
    const line = linesOf(runs, boxes);
    const grid = new Map<number, number[]>();
    const checked = new Int32Array(runs.length).fill(-1);
    runs.forEach((run, i) => {
      const box = boxes[i]!;
      for (let cx = Math.floor(box.x0 / CELL); cx <= Math.floor(box.x1 / CELL); cx++) {
        for (let cy = Math.floor(box.y0 / CELL); cy <= Math.floor(box.y1 / CELL); cy++) {
          const key = cx * 4096 + cy;
          let cell = grid.get(key);
          if (!cell) grid.set(key, (cell = []));
          for (const j of cell) {
            if (checked[j] === i || line[j] === line[i]) continue;
            checked[j] = i;
            if (shared(box, boxes[j]!) > 0) compareGlyphs(runs[j]!, run, p + 1, out, limit);
          }
          cell.push(i);
        }
      }
    });
  });
  return out;
}

/** Glyph pairs of two runs of different lines that overlap. */
function compareGlyphs(a: TextRun, b: TextRun, page: number, out: Overlap[], limit: number): void {
  for (let i = 0; i < a.chars.length; i++) {
    const ga = glyphBox(a, i);
    for (let k = 0; k < b.chars.length; k++) {
      if (out.length < limit && shared(ga, glyphBox(b, k)) > 0.25) out.push({ page, a: a.chars[i]!, b: b.chars[k]! });
    }
  }
}

/** The English abstract's words (four letters or more) that the pages' text lacks. */
export function missingWords(pages: readonly RunPage[], abstract: string): string[] {
  // running heads and folios (the top and bottom 7 % of a page) left out: a word hyphenated across a page runs on
  const text = pages
    .flatMap((p) => p.runs.filter((r) => r.y > p.height * 0.07 && r.y < p.height * 0.93).map((r) => r.chars.join('')))
    .join('')
    .replace(/[\s\-‐]+/gu, '');
  const words = abstract
    .replace(/\$[^$]*\$/g, ' ')
    .split(/[\s\-‐/]+/u)
    .map((w) => w.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, ''))
    .filter((w) => /^[A-Za-z]{4,}$/.test(w));
  return [...new Set(words.filter((w) => !text.includes(w)))];
}
