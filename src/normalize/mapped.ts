/**
 * A string whose every code unit remembers its source offset, so that rules
 * rewriting it can still report where in the source each change was made.
 */
export class MappedString {
  value: string;
  /** map[i] = source offset of value[i]; map[value.length] = end offset. */
  map: number[];

  constructor(value: string, start: number | null) {
    this.value = value;
    this.map = Array.from({ length: value.length + 1 }, (_, i) => (start === null ? -1 : start + i));
  }

  static concat(parts: MappedString[]): MappedString {
    const out = new MappedString('', null);
    out.value = parts.map((p) => p.value).join('');
    out.map = [];
    // A loop, not a spread: a part may hold millions of offsets.
    for (const p of parts) for (let i = 0; i < p.value.length; i++) out.map.push(p.map[i]!);
    out.map.push(parts.length ? parts[parts.length - 1]!.map[parts[parts.length - 1]!.value.length]! : -1);
    return out;
  }

  slice(start: number, end = this.value.length): MappedString {
    const out = new MappedString('', null);
    out.value = this.value.slice(start, end);
    out.map = this.map.slice(start, end + 1);
    return out;
  }

  /**
   * Replace every match of `re` (global) with `replacer(match)`; returns the
   * changes made as [sourceStart, sourceEnd, before, after].
   */
  replace(re: RegExp, replacer: (m: RegExpExecArray, value: string) => string | null): Array<Change> {
    return this.replaceMatches(allMatches(re, this.value), replacer);
  }

  /** Replace the given matches of the current value (in order, not overlapping), as `replace` does. */
  replaceMatches(matches: Iterable<RegExpExecArray>, replacer: (m: RegExpExecArray, value: string) => string | null): Array<Change> {
    const changes: Change[] = [];
    let out = '';
    const map: number[] = [];
    let last = 0;
    const source = this.value;
    for (const m of matches) {
      const rep = replacer(m, source);
      if (rep === null || rep === m[0]) continue;
      out += source.slice(last, m.index);
      for (let i = last; i < m.index; i++) map.push(this.map[i]!);
      const s0 = this.map[m.index]!;
      const s1 = this.map[m.index + m[0].length]!;
      // Keep per-character offsets where the replacement keeps a prefix of the match.
      for (let i = 0; i < rep.length; i++) {
        const keep = i < m[0].length && rep[i] === m[0][i];
        map.push(keep ? this.map[m.index + i]! : s0);
      }
      out += rep;
      changes.push({ start: s0, end: s1, before: m[0], after: rep, index: out.length - rep.length });
      last = m.index + m[0].length;
    }
    if (!changes.length) return changes;
    out += source.slice(last);
    for (let i = last; i <= source.length; i++) map.push(this.map[i]!);
    this.value = out;
    this.map = map;
    return changes;
  }
}

/** Every non-empty match of a global expression. */
function* allMatches(re: RegExp, source: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    if (m[0].length === 0) re.lastIndex++;
    else yield m;
  }
}

export interface Change {
  start: number;
  end: number;
  before: string;
  after: string;
  /** Index of the replacement in the new value. */
  index: number;
}
