/**
 * Document outline (bookmarks) from flat entries with levels.
 */
import type { PDFDict, PDFDocument, PDFRef } from 'pdf-lib';
import { pdfLib } from './pdflib.js';
import type { OutlineEntry } from '../layout/types.js';

interface OutlineNode {
  entry: OutlineEntry;
  ref: PDFRef;
  children: OutlineNode[];
}

/** Build the outline tree; returns the outline root, or null when empty. */
export function buildOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): PDFRef | null {
  if (entries.length === 0) return null;
  const ctx = doc.context;
  const rootRef = ctx.nextRef();
  const top: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  for (const entry of entries) {
    const node: OutlineNode = { entry, ref: ctx.nextRef(), children: [] };
    while (stack.length && stack[stack.length - 1]!.entry.level >= entry.level) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.children : top).push(node);
    stack.push(node);
  }
  const count = (nodes: OutlineNode[]): number => nodes.reduce((s, n) => s + 1 + count(n.children), 0);
  const emit = (nodes: OutlineNode[], parent: PDFRef) => {
    nodes.forEach((n, i) => {
      const dict: Record<string, unknown> = {
        Title: pdfLib.PDFHexString.fromText(n.entry.title),
        Parent: parent,
        Dest: pdfLib.PDFString.of(n.entry.target),
      };
      if (i > 0) dict.Prev = nodes[i - 1]!.ref;
      if (i < nodes.length - 1) dict.Next = nodes[i + 1]!.ref;
      if (n.children.length) {
        dict.First = n.children[0]!.ref;
        dict.Last = n.children[n.children.length - 1]!.ref;
        dict.Count = count(n.children);
      }
      ctx.assign(n.ref, ctx.obj(dict as Parameters<typeof ctx.obj>[0]) as unknown as PDFDict);
      emit(n.children, n.ref);
    });
  };
  emit(top, rootRef);
  ctx.assign(
    rootRef,
    ctx.obj({ Type: pdfLib.PDFName.of('Outlines'), First: top[0]!.ref, Last: top[top.length - 1]!.ref, Count: count(top) }),
  );
  return rootRef;
}
