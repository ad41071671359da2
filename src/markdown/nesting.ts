/**
 * Containers nested deeper than any article needs (block quotes in block
 * quotes, lists in lists) cost the parser time that grows with the square of
 * the depth, and every tree walk a stack frame per level. Lines that open
 * more than `MAX_DEPTH` levels are cut back to that depth before parsing: the
 * text stays, the excess nesting goes, and the caller reports it.
 */
export const MAX_DEPTH = 32;

export interface Capped {
  text: string;
  /** 1-based numbers of the lines cut back. */
  lines: number[];
}

const QUOTES = new RegExp(`^((?:[ \\t]{0,3}>[ \\t]?){${MAX_DEPTH}})(?:[ \\t]{0,3}>[ \\t]?)+`);
/** Two to four columns per list level: more than that many leading spaces is deeper than MAX_DEPTH lists. */
const INDENT_LIMIT = MAX_DEPTH * 4;

export function capNesting(markdown: string): Capped {
  if (!/^[ \t]*>[ \t]?[ \t]*>|^[ \t]{128}/m.test(markdown)) return { text: markdown, lines: [] };
  const lines = markdown.split('\n');
  const capped: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const before = line;
    line = line.replace(QUOTES, '$1');
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.replace(/\t/g, '    ').length > INDENT_LIMIT) line = ' '.repeat(INDENT_LIMIT) + line.slice(indent.length);
    if (line !== before) {
      lines[i] = line;
      capped.push(i + 1);
    }
  }
  return { text: capped.length ? lines.join('\n') : markdown, lines: capped };
}

/** Emphasis marks in a run longer than this are literal characters (`***` is the longest that means anything). */
const MAX_MARK_RUN = 3;
const MARK_RUN = new RegExp(`(?<!\\\\)([*_])\\1{${MAX_MARK_RUN},}`, 'g');

/**
 * Runs of more than three `*` or `_` inside text (not a line that is only
 * marks, a thematic break) become literal, escaped characters: the parser's
 * time on such runs grows with the square of their length.
 */
export function escapeMarkRuns(markdown: string): Capped {
  if (!/([*_])\1{3}/.test(markdown)) return { text: markdown, lines: [] };
  const lines = markdown.split('\n');
  const changed: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^[\s*_-]*$/.test(line)) continue;
    const out = line.replace(MARK_RUN, (run) => run.replace(/[*_]/g, '\\$&'));
    if (out !== line) {
      lines[i] = out;
      changed.push(i + 1);
    }
  }
  return { text: changed.length ? lines.join('\n') : markdown, lines: changed };
}

/** Nodes deeper than this in a parsed tree become their plain text. */
export const MAX_TREE_DEPTH = 64;

interface AnyNode {
  type: string;
  value?: string;
  children?: AnyNode[];
  position?: unknown;
}

/**
 * Replace every node deeper than `MAX_TREE_DEPTH` by a text node holding its
 * text (without recursion: the tree may be thousands of levels deep).
 * Returns how many nodes were flattened.
 */
export function flattenDeep(root: AnyNode, maxDepth = MAX_TREE_DEPTH): number {
  let flattened = 0;
  const stack: Array<{ node: AnyNode; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    const kids = node.children;
    if (!kids) continue;
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i]!;
      if (depth + 1 >= maxDepth && kid.children) {
        kids[i] = asText(node.type, textOf(kid), kid.position);
        flattened++;
      } else stack.push({ node: kid, depth: depth + 1 });
    }
  }
  return flattened;
}

/** Text in the form the parent may hold: a list item in a list, a paragraph in a block container. */
function asText(parentType: string, value: string, position: unknown): AnyNode {
  const text: AnyNode = { type: 'text', value, ...(position ? { position } : {}) };
  const paragraph: AnyNode = { type: 'paragraph', children: [text] };
  if (parentType === 'list') return { type: 'listItem', children: [paragraph] };
  if (['root', 'blockquote', 'listItem', 'footnoteDefinition'].includes(parentType)) return paragraph;
  if (parentType === 'table') return { type: 'tableRow', children: [{ type: 'tableCell', children: [text] }] };
  if (parentType === 'tableRow') return { type: 'tableCell', children: [text] };
  return text;
}

function textOf(node: AnyNode): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n.value === 'string') out += n.value;
    if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}
