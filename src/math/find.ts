/** Whether a tree has formulas: what decides that the math libraries are loaded at all. */
import type { Node, Parent } from 'unist';

/** Does the tree hold a formula (in its blocks, paragraphs, captions or cells)? */
export function hasFormulas(node: Node): boolean {
  if (node.type === 'math' || node.type === 'inlineMath') return true;
  const kids = (node as Parent).children;
  if (Array.isArray(kids) && kids.some(hasFormulas)) return true;
  const rec = node as unknown as Record<string, unknown>;
  return ['caption', 'captionEn'].some((k) => Array.isArray(rec[k]) && (rec[k] as Node[]).some(hasFormulas));
}
