/**
 * Extraction clean-up before recognition: Markdown escapes written by the
 * extractor (`\*`, `\#`, `\~` outside `$…$` math) are removed, keeping a map
 * from the cleaned text back to the source offsets so that every position
 * still points into the file as written.
 */

/** Characters an extractor escapes in Markdown; outside math a backslash before them is markup. */
const ESCAPABLE = new Set('*#_~[]()<>!|+-.`{}&%'.split(''));

export interface OffsetMap {
  /** Cleaned offsets at which the distance to the source grows, ascending. */
  at: number[];
  /** Source offset minus cleaned offset from `at[i]` on. */
  delta: number[];
}

export interface Cleaned {
  text: string;
  map: OffsetMap;
  /** How many escapes were removed. */
  escapes: number;
}

/** Remove Markdown escapes outside `$…$` / `$$…$$`; linear in the text. */
export function removeEscapes(source: string): Cleaned {
  const out: string[] = [];
  const map: OffsetMap = { at: [], delta: [] };
  let inMath = false;
  // `$$ … $$` may span lines (not a blank one).
  let inDisplay = false;
  let removed = 0;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\n') {
      inMath = false;
      if (inDisplay && /^[ \t]*(?:\n|$)/.test(source.slice(i + 1, i + 80))) inDisplay = false;
    } else if (ch === '$' && source[i - 1] !== '\\') {
      if (source[i + 1] === '$' && !inMath) {
        inDisplay = !inDisplay;
        i++;
      } else inMath = !inMath;
    } else if (ch === '\\' && !inMath && !inDisplay && ESCAPABLE.has(source[i + 1] ?? '')) {
      out.push(source.slice(from, i));
      from = i + 1;
      removed++;
      map.at.push(i + 1 - removed);
      map.delta.push(removed);
      i++; // the escaped character stays as text
    }
  }
  out.push(source.slice(from));
  return { text: out.join(''), map, escapes: removed };
}

/** The source offset of a cleaned offset. */
export function toSourceOffset(map: OffsetMap | undefined, offset: number): number {
  if (!map || !map.at.length) return offset;
  let lo = 0;
  let hi = map.at.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map.at[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? offset : offset + map.delta[found]!;
}
