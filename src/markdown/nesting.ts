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
