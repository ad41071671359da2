/**
 * Checks of the typeset PDF over the corpus, from the PDF's own glyph boxes
 * (scripts/typo-glyphs.ts reads the positions pdf.js's operator list gives):
 *
 * - `overlap`: no two glyphs of different lines overlap (a box is the
 *   glyph's advance wide, from 0.2 em below its baseline to 0.8 em above;
 *   glyphs of one line never count: that is kerning, compressed punctuation
 *   or a superscript beside its word);
 * - `abstract`: the English abstract, when the article has one, is whole:
 *   each of its words of four letters or more is in the PDF's text (hyphens,
 *   spaces, running heads and folios ignored, so a word hyphenated at a line
 *   or page end counts).
 *
 * Usage, after `npm run build`:
 *
 *     node dist/scripts/corpus-pdf.js [--limit N] [files.md ...]
 *
 * Without files: every article of ../shared/corpus/chinaxiv. Prints one line
 * per article with a problem and a summary; exits 1 when any check fails.
 */
import { buildModel } from './model.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderArticle } from '../src/render/index.js';
import { readGlyphs, type PdfGlyph, type PdfPage } from './typo-glyphs.js';
import { projectRoot } from './root.js';

export interface Overlap {
  page: number;
  a: string;
  b: string;
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  y: number;
  g: PdfGlyph;
}

const CELL = 12;

function boxOf(g: PdfGlyph): Box {
  return { x0: g.x, x1: g.x + g.w, y0: g.y - 0.2 * g.size, y1: g.y + 0.8 * g.size, y: g.y, g };
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
 * The line of each glyph: glyphs on one baseline, and the smaller glyphs
 * raised or lowered beside them (superscripts, subscripts, citation marks:
 * within half the line's size of its baseline and next to it).
 */
function linesOf(glyphs: readonly PdfGlyph[]): Map<PdfGlyph, number> {
  const byY = new Map<number, Baseline>();
  const baselineOf = new Map<PdfGlyph, Baseline>();
  for (const g of glyphs) {
    const key = Math.round(g.y * 2) / 2;
    let b = byY.get(key);
    if (!b) byY.set(key, (b = { y: g.y, size: 0, x0: Infinity, x1: -Infinity, line: byY.size }));
    b.size = Math.max(b.size, g.size);
    b.x0 = Math.min(b.x0, g.x);
    b.x1 = Math.max(b.x1, g.x + g.w);
    baselineOf.set(g, b);
  }
  const baselines = [...byY.values()].sort((a, b) => b.size - a.size);
  for (const small of baselines) {
    const host = baselines.find(
      (big) => big.size * 0.85 > small.size && Math.abs(big.y - small.y) <= big.size / 2 && small.x0 < big.x1 + big.size && small.x1 > big.x0 - big.size,
    );
    if (host) small.line = host.line;
  }
  return new Map([...baselineOf].map(([g, b]) => [g, b.line]));
}

/** Glyphs of different lines whose boxes share more than a quarter of the smaller one, by page. */
export function overlaps(pages: readonly PdfPage[], limit = 5): Overlap[] {
  const out: Overlap[] = [];
  pages.forEach((page, p) => {
    const grid = new Map<string, Box[]>();
    const glyphs = page.glyphs.filter((g) => g.ch.trim() && g.w > 0);
    const line = linesOf(glyphs);
    for (const g of glyphs) {
      const box = boxOf(g);
      const seen = new Set<Box>();
      for (let cx = Math.floor(box.x0 / CELL); cx <= Math.floor(box.x1 / CELL); cx++) {
        for (let cy = Math.floor(box.y0 / CELL); cy <= Math.floor(box.y1 / CELL); cy++) {
          const key = `${cx},${cy}`;
          const cell = grid.get(key) ?? [];
          for (const other of cell) {
            if (seen.has(other) || line.get(other.g) === line.get(g)) continue;
            seen.add(other);
            if (shared(box, other) > 0.25 && out.length < limit) out.push({ page: p + 1, a: other.g.ch, b: g.ch });
          }
          cell.push(box);
          grid.set(key, cell);
        }
      }
    }
  });
  return out;
}

/** The English abstract's words (four letters or more) that the PDF's text lacks. */
export function missingWords(pages: readonly PdfPage[], abstract: string): string[] {
  // running heads and folios (the top and bottom 7 % of a page) left out: a word hyphenated across a page runs on
  const text = pages
    .flatMap((p) => p.glyphs.filter((g) => g.y > p.height * 0.07 && g.y < p.height * 0.93).map((g) => g.ch))
    .join('')
    .replace(/[\s\-‐]+/gu, '');
  const words = abstract
    .replace(/\$[^$]*\$/g, ' ')
    .split(/[\s\-‐/]+/u)
    .map((w) => w.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, ''))
    .filter((w) => /^[A-Za-z]{4,}$/.test(w));
  return [...new Set(words.filter((w) => !text.includes(w)))];
}


export interface PdfCheck {
  name: string;
  overlaps: Overlap[];
  missing: string[];
  pages: number;
}

export async function checkArticle(file: string): Promise<PdfCheck> {
  const { tree } = buildModel(readFileSync(file, 'utf8'), file);
  const { pdf } = await renderArticle(tree, { inputDir: path.dirname(file), date: new Date('2024-01-01T00:00:00Z') });
  const pages = await readGlyphs(pdf);
  const abstract = tree.data.meta.abstract?.en;
  return { name: path.basename(file), overlaps: overlaps(pages), missing: abstract ? missingWords(pages, abstract) : [], pages: pages.length };
}

async function main(argv: string[]): Promise<number> {
  let limit = Infinity;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--limit') limit = Number(argv[++i]);
    else files.push(argv[i]!);
  }
  if (!files.length) {
    const dir = path.resolve(projectRoot(), '..', 'shared', 'corpus', 'chinaxiv');
    if (!existsSync(dir)) {
      console.log(`corpus-pdf: skipped, ${dir} is absent`);
      return 0;
    }
    files.push(...readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => path.join(dir, f)));
  }
  const started = Date.now();
  let overlapping = 0;
  let cut = 0;
  let done = 0;
  for (const file of files.slice(0, limit)) {
    const r = await checkArticle(file);
    done++;
    if (r.overlaps.length) {
      overlapping++;
      console.log(`${r.name}: overlapping lines on page ${r.overlaps.map((o) => `${o.page} (${o.a}/${o.b})`).join(', ')}`);
    }
    if (r.missing.length) {
      cut++;
      console.log(`${r.name}: English abstract words missing from the PDF: ${r.missing.slice(0, 8).join(', ')}`);
    }
  }
  console.log(`${done} articles, ${((Date.now() - started) / 1000).toFixed(0)} s: ${overlapping} with overlapping lines, ${cut} with English abstract words missing`);
  return overlapping || cut ? 1 : 0;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
