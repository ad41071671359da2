/**
 * mdast phrasing content → inline items for the paragraph setter.
 */
import type { PhrasingContent, RootContent } from 'mdast';
import type { Inline, TextStyle } from './paragraph.js';

type AnyNode = PhrasingContent | RootContent;

/** Convert phrasing content; emphasis becomes a synthetic oblique, strong the sans face. */
export function phrasingToInlines(nodes: readonly AnyNode[], style: TextStyle): Inline[] {
  const out: Inline[] = [];
  const walk = (list: readonly AnyNode[], s: TextStyle) => {
    for (const node of list) {
      switch (node.type) {
        case 'text':
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
