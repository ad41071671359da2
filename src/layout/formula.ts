/**
 * Display formulas: the typeset box centred in the column on a line of its
 * own, with its number (`(1)`) at the right margin; a formula wider than
 * the room it has is scaled down to fit. One that cannot be typeset is set
 * as its TeX, as written, in a paragraph of its own.
 */
import type { Math } from 'mdast-util-math';
import type { FlowItem, FlowLine } from './flow.js';
import { MONO_SCALE, type MathLookup } from './inline.js';
import type { Ctx } from './journal.js';
import type { Inline, ParagraphOptions, Piece, SetLine } from './paragraph.js';
import { columnWidth } from './style.js';
import type { FontId, FontMetrics, MathBox } from './types.js';

type SetFn = (ctx: Ctx, inlines: Inline[], opts: ParagraphOptions) => SetLine[];

/** Space above and below a display formula, in em of the body text. */
const DISPLAY_GAP = 0.45;

export function displayFormulaFlow(ctx: Ctx, node: Math, set: SetFn): FlowItem[] {
  const { style } = ctx;
  const size = style.bodySize;
  const width = columnWidth(style);
  const box = node.data?.invalid ? null : (ctx.math?.(node.value, true) ?? null);
  const label = node.data?.label;
  const labelLine = label ? set(ctx, [{ kind: 'text', text: label, style: { font: 'serif', size } }], { width, em: size, align: 'left' })[0] : undefined;
  if (!box) {
    const text = label ? `${node.value}  ${label}` : node.value;
    // TeX that cannot be typeset is shown as written, in the monospace face
    const inlines: Inline[] = [{ kind: 'text', text: node.value, style: { font: 'mono', size: size * MONO_SCALE } }];
    if (label) inlines.push({ kind: 'text', text: `  ${label}`, style: { font: 'serif', size } });
    const lines = set(ctx, inlines, { width, em: size, align: 'left' });
    return lines.map<FlowLine>((line) => ({ kind: 'line', height: style.bodyLeading, baseline: style.bodyLeading * 0.72, line, dx: 0 }));
  }
  const labelWidth = labelLine?.width ?? 0;
  // Centred in the column; a number keeps an em of space from the formula on both sides.
  const room = labelWidth ? width - 2 * (labelWidth + size) : width;
  const scale = Math.min(1, room / Math.max(box.width * size, 1e-6));
  const s = size * scale;
  const w = box.width * s;
  const pieces: Piece[] = [{ x: (width - w) / 2, text: '', font: 'serif', size: s, rise: 0, advance: w, math: box }];
  if (labelLine) for (const p of labelLine.pieces) pieces.push({ ...p, x: p.x + width - labelWidth });
  const above = Math.max(box.height * s, 0.8 * size) + DISPLAY_GAP * size;
  const below = Math.max(box.depth * s, 0.25 * size) + DISPLAY_GAP * size;
  const line: SetLine = { pieces, links: [], width, target: width, ratio: 0, last: true, text: label ? `${node.value} ${label}` : node.value };
  return [{ kind: 'line', height: above + below, baseline: above, line, dx: 0 }];
}

/**
 * The lookup with each formula's text (characters the math fonts lack) in
 * a face of the document that has them, or `?` where neither has one, and
 * its TeX (the tagged PDF's alternative text).
 */
export function fittedLookup(lookup: MathLookup, metrics: FontMetrics): MathLookup {
  const fitted = new Map<MathBox, MathBox>();
  return (tex, display) => {
    const box = lookup(tex, display);
    if (!box) return box;
    let out = fitted.get(box);
    if (!out || out.tex !== tex) {
      out = { ...box, tex, texts: box.texts.length ? box.texts.map((t) => ({ ...t, ...faceFor(t.text, metrics) })) : box.texts };
      fitted.set(box, out);
    }
    return out;
  };
}

function faceFor(text: string, metrics: FontMetrics): { font: FontId; text: string } {
  for (const font of ['serif', 'sans'] as FontId[]) if ([...text].every((c) => metrics.has(font, c))) return { font, text };
  return { font: 'serif', text: [...text].map((c) => (metrics.has('serif', c) ? c : '?')).join('') };
}
