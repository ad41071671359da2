/** Whether a tree has formulas: what decides that the math libraries are loaded at all. */
import type { Node, Parent } from 'unist';
import type { ArticleMeta } from '../model/meta.js';
import { metaHasFormulas, stringFormulas } from './strings.js';

/** Does the tree hold a formula (in its metadata strings, blocks, paragraphs, captions or cells)? */
export function hasFormulas(node: Node): boolean {
  if (node.type === 'math' || node.type === 'inlineMath') return true;
  if (node.type === 'root' && metaHasFormulas((node.data as { meta?: ArticleMeta } | undefined)?.meta)) return true;
  // TeX left in text the model keeps as written (figure captions, references) is typeset too.
  if (node.type === 'text') return (node as unknown as { value: string }).value.includes('$') && stringFormulas((node as unknown as { value: string }).value).length > 0;
  const kids = (node as Parent).children;
  if (Array.isArray(kids) && kids.some(hasFormulas)) return true;
  const rec = node as unknown as Record<string, unknown>;
  return ['caption', 'captionEn'].some((k) => Array.isArray(rec[k]) && (rec[k] as Node[]).some(hasFormulas));
}
