/**
 * Formulas typeset by MathJax (TeX in, SVG out, on its lite DOM: no
 * browser), turned into boxes the layout can place: width, height and depth
 * in em, and a drawing of filled outlines in em with y up and the origin on
 * the baseline at the left edge. Characters MathJax has no glyph for (a Han
 * character inside `\text{}`) come as text for the document's own fonts.
 *
 * This module and MathJax are loaded only for articles with formulas (see
 * libs.ts: from the single-file build they are a file of their own).
 */
import { mathjax as mj } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { MathML } from 'mathjax-full/js/input/mathml.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import 'mathjax-full/js/input/tex/configmacros/ConfigMacrosConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';
import 'mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';
import 'mathjax-full/js/input/tex/textmacros/TextMacrosConfiguration.js';
import 'mathjax-full/js/input/tex/upgreek/UpgreekConfiguration.js';
import 'mathjax-full/js/input/tex/cancel/CancelConfiguration.js';
import 'mathjax-full/js/input/tex/color/ColorConfiguration.js';
import { compactTex, formulaKey, MACROS } from './tex.js';
import { parsePath } from './path.js';
import type { MathBox, MathGlyph, MathOutline, MathText } from '../layout/types.js';

/** What the lite DOM offers that is used here. */
interface LiteNode {
  kind: string;
  value?: string;
  attributes?: Record<string, string>;
  children?: LiteNode[];
}

interface MathJaxDocument {
  convert(tex: string, options: Record<string, unknown>): LiteNode;
}

let texDocument: MathJaxDocument | undefined;
let mathmlDocument: MathJaxDocument | undefined;
let registered = false;

function register(): void {
  if (!registered) RegisterHTMLHandler(liteAdaptor());
  registered = true;
}

/** MathJax's MathML → SVG converter, made once per process. */
function fromMathml(): MathJaxDocument {
  if (mathmlDocument) return mathmlDocument;
  register();
  mathmlDocument = mj.document('', { InputJax: new MathML(), OutputJax: new SVG({ fontCache: 'none' }) }) as unknown as MathJaxDocument;
  return mathmlDocument;
}

/** MathJax's TeX → SVG converter, made once per process. */
function fromTex(): MathJaxDocument {
  if (texDocument) return texDocument;
  register();
  const tex = new TeX({
    packages: ['base', 'configmacros', 'ams', 'boldsymbol', 'textmacros', 'upgreek', 'cancel', 'color'],
    macros: mathjaxMacros(),
    formatError: (_jax: unknown, error: Error) => {
      throw error;
    },
  });
  texDocument = mj.document('', { InputJax: tex, OutputJax: new SVG({ fontCache: 'none' }) }) as unknown as MathJaxDocument;
  return texDocument;
}

/** The shared macros in MathJax's form (`name: body` or `[body, arguments]`). */
function mathjaxMacros(): Record<string, string | [string, number]> {
  const out: Record<string, string | [string, number]> = {};
  for (const [name, body] of Object.entries(MACROS)) {
    const args = Math.max(0, ...[...body.matchAll(/#(\d)/g)].map((m) => Number(m[1])));
    out[name.slice(1)] = args ? [body, args] : body;
  }
  return out;
}

const cache = new Map<string, MathBox | Error>();
const CACHE_LIMIT = 20_000;

/**
 * The box of a formula; throws when MathJax cannot read it. Given the
 * formula's MathML (temml's, which the check and the JATS made already),
 * MathJax sets that: reading MathML costs it a third of reading TeX. Its
 * TeX is the way when there is no MathML or MathJax cannot set it.
 */
export function typeset(tex: string, display: boolean, mathml?: string): MathBox {
  const key = formulaKey(tex, display);
  let box = cache.get(key);
  if (!box) {
    const options = { display, em: 16, ex: 8, containerWidth: 80 * 16 };
    let drawn: MathBox | undefined;
    if (mathml) {
      try {
        // temml spaces table columns with CSS padding, which MathJax does not lay out: its own spacing instead
        const svg = fromMathml().convert(mathml.replace(/\sstyle="[^"]*"/g, ''), options);
        // MathJax marks MathML it finds wrong with `merror` rather than throwing
        if (!hasError(svg)) drawn = toBox(svg);
      } catch {
        // set from its TeX
      }
    }
    try {
      box = drawn ?? toBox(fromTex().convert(compactTex(tex), options));
    } catch (error) {
      box = error instanceof Error ? error : new Error(String(error));
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, box);
  }
  if (box instanceof Error) throw box;
  return box;
}

function hasError(node: LiteNode): boolean {
  return node.attributes?.['data-mml-node'] === 'merror' || (node.children ?? []).some(hasError);
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/** An SVG `transform` attribute as a matrix (translate, scale, matrix). */
function transformOf(value: string | undefined): Matrix {
  let m = IDENTITY;
  if (!value) return m;
  for (const t of value.matchAll(/(translate|scale|matrix)\s*\(([^)]*)\)/g)) {
    const a = t[2]!.split(/[\s,]+/).filter(Boolean).map(Number);
    if (t[1] === 'translate') m = multiply(m, [1, 0, 0, 1, a[0] ?? 0, a[1] ?? 0]);
    else if (t[1] === 'scale') m = multiply(m, [a[0] ?? 1, 0, 0, a[1] ?? a[0] ?? 1, 0, 0]);
    else if (a.length === 6) m = multiply(m, a as Matrix);
  }
  return m;
}

interface Drawing {
  ops: string[];
  coords: number[];
  glyphs: MathGlyph[];
  texts: MathText[];
}

/** MathJax's `<mjx-container><svg>` as a box: SVG units are 1/1000 em, y down; the box's are em, y up. */
function toBox(container: LiteNode): MathBox {
  const svg = container.children?.find((c) => c.kind === 'svg');
  const view = svg?.attributes?.viewBox?.split(/\s+/).map(Number);
  if (!svg || !view || view.length !== 4 || view.some((v) => !Number.isFinite(v))) throw new Error('MathJax gave no picture');
  const drawing: Drawing = { ops: [], coords: [], glyphs: [], texts: [] };
  // SVG units, y down → em, y up.
  const toEm: Matrix = [0.001, 0, 0, -0.001, 0, 0];
  for (const child of svg.children ?? []) walk(child, toEm, drawing);
  return {
    width: view[2]! / 1000,
    height: -view[1]! / 1000,
    depth: (view[3]! + view[1]!) / 1000,
    ops: drawing.ops.join(''),
    coords: drawing.coords,
    glyphs: drawing.glyphs,
    texts: drawing.texts,
  };
}

function walk(node: LiteNode, matrix: Matrix, out: Drawing): void {
  const attrs = node.attributes ?? {};
  const m = multiply(matrix, transformOf(attrs.transform));
  switch (node.kind) {
    case 'path':
      if (!attrs.d || attrs.fill === 'none') return;
      // a glyph of MathJax's fonts (`data-c`: its character) is drawn from its shared outline
      if (attrs['data-c']) out.glyphs.push({ outline: glyphOutline(attrs.d), m: m.map((v) => Math.round(v * 1e8) / 1e8) as Matrix });
      else addPath(parsePath(attrs.d), m, out);
      return;
    case 'rect': {
      if (attrs.fill === 'none') return;
      const x = Number(attrs.x ?? 0);
      const y = Number(attrs.y ?? 0);
      const w = Number(attrs.width ?? 0);
      const h = Number(attrs.height ?? 0);
      addPath({ ops: 'MLLLZ', coords: [x, y, x + w, y, x + w, y + h, x, y + h] }, m, out);
      return;
    }
    case 'text': {
      const text = (node.children ?? []).map((c) => c.value ?? '').join('');
      const size = parseFloat(attrs['font-size'] ?? '1000') / 1000;
      // The text's own matrix flips y back: its size is the matrix's scale.
      const [x, y] = apply(m, Number(attrs.x ?? 0), Number(attrs.y ?? 0));
      if (text.trim()) out.texts.push({ text, x, y, size: size * Math.hypot(m[2], m[3]) * 1000, italic: attrs['font-style'] === 'italic' });
      return;
    }
    case 'svg': {
      // A nested picture (tables): its viewBox mapped onto x, y, width, height.
      const view = attrs.viewBox?.split(/\s+/).map(Number);
      let inner: Matrix = [1, 0, 0, 1, Number(attrs.x ?? 0), Number(attrs.y ?? 0)];
      if (view?.length === 4 && attrs.width && attrs.height && view[2] && view[3]) {
        const sx = parseFloat(attrs.width) / view[2];
        const sy = parseFloat(attrs.height) / view[3];
        inner = multiply(inner, [sx, 0, 0, sy, -view[0]! * sx, -view[1]! * sy]);
      }
      for (const child of node.children ?? []) walk(child, multiply(m, inner), out);
      return;
    }
    default:
      for (const child of node.children ?? []) walk(child, m, out);
  }
}

/** A glyph's outline is the same path data wherever the glyph stands: read once per process, one object. */
const glyphOutlines = new Map<string, MathOutline>();
let outlineCount = 0;

function glyphOutline(d: string): MathOutline {
  let outline = glyphOutlines.get(d);
  if (!outline) {
    if (glyphOutlines.size >= 20_000) glyphOutlines.clear();
    const { ops, coords } = parsePath(d);
    glyphOutlines.set(d, (outline = { id: `g${++outlineCount}`, ops, coords }));
  }
  return outline;
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function addPath(path: { ops: string; coords: number[] }, m: Matrix, out: Drawing): void {
  out.ops.push(path.ops);
  const c = path.coords;
  for (let i = 0; i < c.length; i += 2) {
    const [x, y] = apply(m, c[i]!, c[i + 1]!);
    out.coords.push(Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5);
  }
}
