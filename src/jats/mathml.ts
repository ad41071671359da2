/**
 * Formulas in JATS: `inline-formula` / `disp-formula` (with its `label`)
 * holding `alternatives` with the MathML (`mml:math`, converted from the TeX
 * by temml) and the TeX in `tex-math`. A formula whose TeX cannot be read
 * (`math-invalid`) or converted holds its `tex-math` only.
 *
 * temml gives MathML as text; `mathmlTree` reads that text (temml's own
 * output: elements, attributes, text, the five XML entities and character
 * references) into xast, every element name prefixed `mml:`.
 */
import type { Element as XElement, ElementContent } from 'xast';
import type { InlineMath, Math } from 'mdast-util-math';
import { el, txt } from './build.js';
import { texToMathml } from '../math/tex.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? m;
  });
}

const TOKEN = /<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** MathML text (one `<math>` element) as an xast `mml:math` element; throws on anything else. */
export function mathmlTree(markup: string): XElement {
  const root: XElement = el('mml:root');
  const stack: XElement[] = [root];
  for (const m of markup.matchAll(TOKEN)) {
    const top = stack[stack.length - 1]!;
    if (m[1]) {
      if (stack.length < 2 || top.name !== `mml:${m[1]}`) throw new Error(`MathML: unexpected </${m[1]}>`);
      stack.pop();
    } else if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of m[3]!.matchAll(ATTR)) if (a[1] !== 'xmlns') attrs[a[1]!] = decode(a[2] ?? a[3] ?? '');
      const node = el(`mml:${m[2]}`, attrs);
      top.children.push(styled(node));
      if (!m[4]) stack.push(node);
    } else if (m[5]) {
      if (stack.length > 1) top.children.push(txt(decode(m[5])));
    }
  }
  const math = root.children[0];
  if (stack.length !== 1 || root.children.length !== 1 || math?.type !== 'element' || math.name !== 'mml:math') throw new Error('MathML: not one <math> element');
  repair(math);
  return math;
}

const TOKENS = new Set(['mml:mi', 'mml:mn', 'mml:mo', 'mml:mtext', 'mml:ms']);
const ARITY: Record<string, number> = { 'mml:msub': 2, 'mml:msup': 2, 'mml:munder': 2, 'mml:mover': 2, 'mml:mfrac': 2, 'mml:mroot': 2, 'mml:msubsup': 3, 'mml:munderover': 3 };

/**
 * MathML Core shapes MathML 3 does not allow, as the MathML 3 DTD takes
 * them: a token holding elements becomes an `mrow`; a script or fraction
 * with more children than it takes has the first ones grouped in an `mrow`.
 */
function repair(node: XElement): void {
  for (const child of node.children) if (child.type === 'element') repair(child);
  if (TOKENS.has(node.name) && node.children.some((c) => c.type === 'element')) {
    node.name = 'mml:mrow';
    node.attributes = {};
    node.children = node.children.filter((c) => c.type === 'element');
  }
  const arity = ARITY[node.name];
  const kids = node.children.filter((c): c is XElement => c.type === 'element');
  if (arity && kids.length > arity) node.children = [el('mml:mrow', {}, kids.slice(0, kids.length - arity + 1)), ...kids.slice(kids.length - arity + 1)];
  else if (arity && kids.length < arity) throw new Error(`MathML: ${node.name} with ${kids.length} children`);
}

/** MathML Core attributes that MathML 3 allows on `mstyle` only. */
const STYLE_ONLY = ['scriptlevel', 'displaystyle'] as const;

/** An element with `scriptlevel` or `displaystyle` wrapped in an `mstyle` that carries them (MathML 3). */
function styled(node: XElement): XElement {
  if (node.name === 'mml:mstyle' || node.name === 'mml:math' || !STYLE_ONLY.some((a) => a in node.attributes)) return node;
  const moved: Record<string, string> = {};
  for (const a of STYLE_ONLY) {
    const v = node.attributes[a];
    if (v !== undefined && v !== null) moved[a] = v;
    delete node.attributes[a];
  }
  return el('mml:mstyle', moved, node);
}

/** `alternatives` with MathML and TeX, or the `tex-math` alone when the TeX cannot be converted. */
function formulaContent(node: InlineMath | Math, display: boolean): ElementContent {
  const tex = el('tex-math', {}, node.value);
  if (node.data?.invalid) return tex;
  let math: XElement;
  try {
    math = mathmlTree(texToMathml(node.value, display));
  } catch {
    return tex;
  }
  return el('alternatives', {}, math, tex);
}

export function inlineFormula(node: InlineMath): XElement {
  return el('inline-formula', {}, formulaContent(node, false));
}

export function dispFormula(node: Math, id: string): XElement {
  const label = node.data?.label;
  return el('disp-formula', { id }, label ? el('label', {}, label) : undefined, formulaContent(node, true));
}
