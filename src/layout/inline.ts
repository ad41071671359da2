/**
 * mdast phrasing content → inline items for the paragraph setter.
 */
import type { PhrasingContent, RootContent } from 'mdast';
import type { Inline, TextStyle } from './paragraph.js';
import type { MathBox } from './types.js';
import { stringFormulas, stringPhrasing } from '../math/strings.js';
import { texProblem } from '../math/tex.js';

type AnyNode = PhrasingContent | RootContent;

/**
 * The typeset box of a formula, or null when it cannot be typeset (then its
 * TeX is printed as written).
 */
/** The monospace face beside the body's: its letters are wider and taller, so it is set a little smaller. */
export const MONO_SCALE = 0.9;

export type MathLookup = (tex: string, display: boolean) => MathBox | null;

/**
 * Convert phrasing content; emphasis becomes oblique (its Latin letters and
 * digits in the italic face), strong the sans face, a formula its typeset box
 * (its TeX as written when it has none).
 */
export function phrasingToInlines(nodes: readonly AnyNode[], style: TextStyle, math?: MathLookup): Inline[] {
  const out: Inline[] = [];
  const walk = (list: readonly AnyNode[], s: TextStyle) => {
    for (const node of list) {
      switch (node.type) {
        case 'text':
          // TeX the extraction left in text the model keeps as a string (metadata, references, figure
          // captions): typeset when the article's formulas are; what cannot be read stays as written.
          if (math && node.value.includes('$') && stringFormulas(node.value).length) walk(stringPhrasing(node.value, (tex) => texProblem(tex, false)) as AnyNode[], s);
          else out.push({ kind: 'text', text: node.value, style: s });
          break;
        case 'inlineCode':
          out.push({ kind: 'text', text: node.value, style: s });
          break;
        case 'emphasis':
          walk(node.children, { ...s, oblique: true });
          break;
        case 'strong':
          walk(node.children, { ...s, font: 'sans' });
          break;
        case 'superscript':
          walk(node.children, { ...s, script: 'sup' });
          break;
        case 'subscript':
          walk(node.children, { ...s, script: 'sub' });
          break;
        case 'citation':
          out.push({ kind: 'citation', numbers: node.numbers, style: s });
          break;
        case 'inlineMath': {
          const box = node.data?.invalid ? null : (math?.(node.value, false) ?? null);
          out.push(box ? { kind: 'math', box, style: s } : { kind: 'text', text: node.value, style: { ...s, font: 'mono', oblique: false, size: s.size * MONO_SCALE } });
          break;
        }
        case 'break':
          out.push({ kind: 'text', text: ' ', style: s });
          break;
        case 'html':
        case 'image':
        case 'imageReference':
        case 'footnoteReference':
          break;
        default:
          if ('children' in node && Array.isArray(node.children)) walk(node.children as AnyNode[], s);
          else if ('value' in node && typeof node.value === 'string') out.push({ kind: 'text', text: node.value, style: s });
      }
    }
  };
  walk(nodes, style);
  return out;
}

/** Inline text in one style. */
export function textInline(text: string, style: TextStyle): Inline {
  return { kind: 'text', text, style };
}

/** A web address in a reference (`http://…`, `https://…`, `ftp://…`), without the punctuation that ends the sentence after it. */
const ADDRESS = /(?:https?|ftp):\/\/[^\s<>"'，。；、）」】]+|\bDOI\s*[:：]\s*10\.\d{4,9}\/[^\s<>"'，。；、）」】]+/giu;

/** What an address links to: itself, or a DOI's resolver address. */
function addressOf(text: string): string {
  const doi = /^DOI\s*[:：]\s*(10\..+)$/iu.exec(text);
  return doi ? `https://doi.org/${doi[1]!}` : text;
}

/**
 * Text inlines with their web addresses and DOIs linked (`link`), for a
 * reference entry: `…. http://x.cn/a.html.` links `http://x.cn/a.html`,
 * `DOI:10.1038/nature13308` links `https://doi.org/10.1038/nature13308`.
 */
export function linkAddresses(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (inline.kind !== 'text' || inline.link) {
      out.push(inline);
      continue;
    }
    let last = 0;
    for (const m of inline.text.matchAll(ADDRESS)) {
      const text = m[0].replace(/[.,;:)\]]+$/u, '');
      if (m.index! > last) out.push({ ...inline, text: inline.text.slice(last, m.index) });
      out.push({ ...inline, text, link: addressOf(text) });
      last = m.index! + text.length;
    }
    if (last < inline.text.length) out.push(last === 0 ? inline : { ...inline, text: inline.text.slice(last) });
  }
  return out;
}
