import type { Node } from 'unist';
import type { PhrasingContent, RootContent } from 'mdast';
import type { Citation } from './types.js';

/** Plain text of phrasing content; citations print as `[4-5]`. */
export function plainText(nodes: readonly (PhrasingContent | RootContent)[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'citation') out += `[${citationLabel(node.numbers)}]`;
    else if ('value' in node && typeof node.value === 'string') out += node.value;
    else if ('children' in node) out += plainText(node.children as PhrasingContent[]);
  }
  return out;
}

/** `[4,5]` → `4-5`; `[21,22,23]` → `21-23`; `[1,3]` → `1,3`. */
export function citationLabel(numbers: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < numbers.length) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j > i ? `${numbers[i]}-${numbers[j]}` : String(numbers[i]));
    i = j + 1;
  }
  return parts.join(',');
}

/** Parse `4-5`, `21–23`, `1,3,5-7` into reference numbers; null if malformed. */
export function parseCitationLabel(label: string): number[] | null {
  const numbers: number[] = [];
  for (const raw of label.split(/[,，、;；]/)) {
    const part = raw.trim();
    const range = /^(\d{1,4})\s*[-–—~～]\s*(\d{1,4})$/.exec(part);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b < a || b - a > 200) return null;
      for (let n = a; n <= b; n++) numbers.push(n);
    } else if (/^\d{1,4}$/.test(part)) numbers.push(Number(part));
    else return null;
  }
  return numbers.length ? numbers : null;
}

export function makeCitation(numbers: number[], position?: Node['position']): Citation {
  const node: Citation = { type: 'citation', numbers, children: [] };
  if (position) node.position = position;
  return node;
}

/** A deep copy without `position` (and without empty `data`), for comparing models. */
export function withoutPositions<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => withoutPositions(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'position' || key === 'positions' || key === 'authorMarks' || v === undefined) continue;
      if (key === 'data' && v && typeof v === 'object' && Object.keys(v).length === 0) continue;
      out[key] = withoutPositions(v);
    }
    return out as T;
  }
  return value;
}

/** Merge adjacent text nodes in every parent (positions span both). */
export function mergeAdjacentText(node: Node): void {
  const parent = node as Node & { children?: Node[] };
  if (!Array.isArray(parent.children)) return;
  const merged: Node[] = [];
  for (const child of parent.children) {
    const last = merged[merged.length - 1] as (Node & { value?: string }) | undefined;
    const cur = child as Node & { value?: string };
    if (last && last.type === 'text' && cur.type === 'text') {
      last.value = (last.value ?? '') + (cur.value ?? '');
      if (last.position && cur.position) last.position = { start: last.position.start, end: cur.position.end };
      continue;
    }
    if (cur.type === 'text' && cur.value === '') continue;
    merged.push(child);
    mergeAdjacentText(child);
  }
  parent.children = merged;
}

/**
 * Give every float a unique identifier: a second `T2` (a table continued, or
 * numbered twice by the source) becomes `T2-2`. Returns the renamed floats.
 */
export function uniqueFloatIds(tree: { children: Node[] }): Array<{ node: Node; from: string; to: string }> {
  const seen = new Set<string>();
  const renamed: Array<{ node: Node; from: string; to: string }> = [];
  for (const child of tree.children) {
    const f = child as Node & { identifier?: string };
    if ((f.type !== 'tableFloat' && f.type !== 'figureFloat') || !f.identifier) continue;
    let id = f.identifier;
    for (let k = 2; seen.has(id); k++) id = `${f.identifier}-${k}`;
    if (id !== f.identifier) {
      renamed.push({ node: f, from: f.identifier, to: id });
      f.identifier = id;
    }
    seen.add(id);
  }
  return renamed;
}
