/**
 * The seed article laid out on journal pages (no PDF involved).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seedModel } from './helpers/seed.js';
import { fontMetrics } from '../src/fonts/index.js';
import { layout } from '../src/layout/index.js';
import { columnWidth, defaultStyle, leftMargin, textWidth } from '../src/layout/style.js';
import type { GlyphRun, LayoutResult } from '../src/layout/types.js';
import type { ArticleRoot } from '../src/model/types.js';

const metrics = fontMetrics();
const style = defaultStyle;
let tree: ArticleRoot;
let result: LayoutResult;

const runWidth = (r: GlyphRun) => metrics.advance(r.font, r.text, r.size) + (r.spacing ?? []).reduce((s, x) => s + x, 0);

beforeAll(() => {
  tree = seedModel().tree;
  result = layout(tree, style, metrics);
});

describe('journal layout of the seed', () => {
  it('numbers pages from the first page of the article number', () => {
    expect(result.pages[0]!.number).toBe(75);
    result.pages.forEach((p, i) => {
      expect(p.number).toBe(75 + i);
      expect(p.label).toBe(String(75 + i));
    });
    expect(result.warnings).toEqual([]);
  });

  it('keeps all text inside the text block, and body text inside its column', () => {
    const x0 = leftMargin(style);
    const colW = columnWidth(style);
    const col2 = x0 + colW + style.columnGapEms * style.bodySize;
    for (const page of result.pages) {
      for (const b of page.boxes) {
        if (b.kind !== 'text') continue;
        const right = b.x + runWidth(b);
        expect(b.x).toBeGreaterThanOrEqual(x0 - 0.5 * b.size - 0.01);
        expect(right).toBeLessThanOrEqual(x0 + textWidth(style) + 0.5 * b.size + 0.01);
        expect(b.y).toBeGreaterThan(style.marginBottom - 20);
        expect(b.y).toBeLessThan(style.pageHeight - 30);
        // body text (10.5 pt, not a float) stays in one column
        if (b.size === style.bodySize && !b.tag && page.index > 0) {
          const inFirst = b.x < col2 - 1;
          if (inFirst) expect(right).toBeLessThanOrEqual(x0 + colW + 0.5 * b.size + 0.01);
          else expect(b.x).toBeGreaterThanOrEqual(col2 - 0.5 * b.size - 0.01);
        }
      }
    }
  });

  it('sets the table as a three-line table across both columns, caption above', () => {
    const rules = result.pages.flatMap((p) => p.boxes.filter((b) => b.kind === 'rule' && b.tag === 'Table'));
    expect(rules.length).toBe(3);
    for (const r of rules) if (r.kind === 'rule') expect(r.x2 - r.x1).toBeCloseTo(textWidth(style), 3);
    const widths = rules.map((r) => (r.kind === 'rule' ? r.width : 0));
    expect(widths[0]).toBeGreaterThan(widths[1]!); // heavier top and bottom rules
    expect(widths[2]).toBeGreaterThan(widths[1]!);
  });

  it('sets the figure in a column with a frame and the caption below', () => {
    const page = result.pages.find((p) => p.boxes.some((b) => b.kind === 'frame'))!;
    const frame = page.boxes.find((b) => b.kind === 'frame')!;
    expect(frame.kind === 'frame' && frame.width).toBeCloseTo(columnWidth(style), 3);
    const caption = page.boxes.find((b) => b.kind === 'text' && b.tag === 'Figure' && b.text.includes('图1'));
    expect(caption && frame.kind === 'frame' && caption.kind === 'text' && caption.y < frame.y).toBe(true);
  });

  it('places a destination for every reference and every link target', () => {
    const dests = new Set(result.pages.flatMap((p) => p.destinations.map((d) => d.name)));
    for (let n = 1; n <= 51; n++) expect(dests.has(`ref-${n}`)).toBe(true);
    const links = result.pages.flatMap((p) => p.links);
    expect(links.length).toBeGreaterThanOrEqual(51);
    for (const l of links) expect(dests.has(l.target)).toBe(true);
    for (const o of result.outline) expect(dests.has(o.target)).toBe(true);
    expect(result.outline.map((o) => o.target)).toEqual(['title', 'sec-1', 'sec-2', 'sec-3', 'sec-4', 'sec-5', 'references']);
  });

  it('never leaves a heading at the foot of a column', () => {
    for (const page of result.pages) {
      const body = page.boxes.filter((b): b is GlyphRun => b.kind === 'text' && !b.artifact && !b.tag);
      for (const d of page.destinations.filter((x) => x.name.startsWith('sec-'))) {
        const below = body.filter((b) => Math.abs(b.x - d.x) < 30 && b.y < d.y - 2 * style.bodyLeading && b.size === style.bodySize);
        expect(below.length, d.name).toBeGreaterThan(0);
      }
    }
  });

  it('balances the columns of the last page', () => {
    const last = result.pages[result.pages.length - 1]!;
    const mid = leftMargin(style) + columnWidth(style) + 1;
    const runs = last.boxes.filter((b): b is GlyphRun => b.kind === 'text' && !b.artifact);
    const bottom1 = Math.min(...runs.filter((b) => b.x < mid).map((b) => b.y));
    const bottom2 = Math.min(...runs.filter((b) => b.x >= mid).map((b) => b.y));
    expect(Math.abs(bottom1 - bottom2)).toBeLessThanOrEqual(3 * style.referenceLeading);
  });

  it('marks the running head and page number as page furniture', () => {
    for (const page of result.pages) {
      const furniture = page.boxes.filter((b) => b.kind === 'text' && b.artifact);
      expect(furniture.map((b) => (b.kind === 'text' ? b.text : '')).join('')).toContain(`·${page.number}·`);
    }
  });
});
