/**
 * OpenCC's Simplified → Traditional conversion (opencc-js, `cn2t`), with
 * tries that grow with the text. opencc-js builds all 50 000 phrases into
 * two tries before converting a word (about 200 ms per process); a handout
 * uses a few thousand of them. Here each dictionary is indexed by the first
 * two characters of its keys (the first one for one-character keys), and a
 * group's trie takes in the entries of a start when that start first
 * appears in a text the group reads. A key can only match where its start
 * is, so every match opencc-js would find is there. The phrases also do the
 * cutting into segments: the segmenting dictionaries are the first group's
 * phrases (its other dictionary holds single characters only), so a match of
 * that group longer than one character is a segment.
 *
 * Where a preset does not have that shape, opencc-js's own converter is used.
 * The output is opencc-js's, character for character (tested on the seed and
 * the corpus).
 */
import { Converter, Locale, Trie } from 'opencc-js/cn2t';

type Dict = string | string[][];
type Convert = (s: string) => string;

interface Config {
  normalizationChain?: Dict[][];
  segmentation?: Dict | Dict[];
  conversionChain: Dict[][];
}

function trieOf(group: readonly Dict[]): Trie {
  const t = new Trie();
  t.loadDictGroup(group as Dict[]);
  return t;
}

/**
 * Entries of a serialized dictionary (`"k v|k v"`), in order, by the start of
 * their key: one-unit keys by that unit, longer keys by their first two
 * UTF-16 units (a key can only match where its first two units are).
 */
export interface DictIndex {
  readonly kind: 'span' | 'map';
  single(unit: number): string[] | undefined;
  pair(code: number): string[] | undefined;
}

/**
 * OpenCC's dictionaries are sorted by key, so the entries of one start sit
 * together: the index is the sorted list of starts with the span of text
 * each covers (one pass, no entry split until a start is asked for). A
 * dictionary out of order gets a map of its entries instead.
 */
class SpanIndex implements DictIndex {
  readonly kind = 'span';
  private constructor(
    private readonly dict: string,
    private readonly codes: [Uint32Array, Uint32Array],
    private readonly spans: [Uint32Array, Uint32Array],
    private readonly counts: [number, number],
  ) {}

  static build(dict: string): DictIndex {
    const cap = Math.ceil(dict.length / 2) + 1;
    const codes: [Uint32Array, Uint32Array] = [new Uint32Array(cap), new Uint32Array(cap)];
    const spans: [Uint32Array, Uint32Array] = [new Uint32Array(cap * 2), new Uint32Array(cap * 2)];
    const counts: [number, number] = [0, 0];
    for (let pos = 0; pos < dict.length; ) {
      const bar = dict.indexOf('|', pos);
      const end = bar < 0 ? dict.length : bar;
      const kind = dict.charCodeAt(pos + 1) === 32 ? 0 : 1;
      const code = kind ? dict.charCodeAt(pos) * 65536 + dict.charCodeAt(pos + 1) : dict.charCodeAt(pos);
      const n = counts[kind];
      if (n && codes[kind][n - 1] === code) spans[kind][2 * n - 1] = end;
      else {
        // out of order: not a sorted dictionary
        if (n && codes[kind][n - 1]! > code) return MapIndex.build(dict);
        codes[kind][n] = code;
        spans[kind][2 * n] = pos;
        spans[kind][2 * n + 1] = end;
        counts[kind] = n + 1;
      }
      pos = end + 1;
    }
    return new SpanIndex(dict, codes, spans, counts);
  }

  private find(kind: 0 | 1, code: number): string[] | undefined {
    const codes = this.codes[kind];
    let lo = 0;
    let hi = this.counts[kind] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = codes[mid]!;
      if (c === code) return this.dict.slice(this.spans[kind][2 * mid], this.spans[kind][2 * mid + 1]).split('|');
      if (c < code) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  single(unit: number) {
    return this.find(0, unit);
  }
  pair(code: number) {
    return this.find(1, code);
  }
}

/** Entries by start in maps, for a dictionary whose entries are not sorted. */
class MapIndex implements DictIndex {
  readonly kind = 'map';
  private readonly singles = new Map<number, string[]>();
  private readonly pairs = new Map<number, string[]>();
  static build(dict: string): DictIndex {
    const index = new MapIndex();
    for (const entry of dict.split('|')) {
      const single = entry.charCodeAt(1) === 32;
      const code = single ? entry.charCodeAt(0) : entry.charCodeAt(0) * 65536 + entry.charCodeAt(1);
      const map = single ? index.singles : index.pairs;
      const list = map.get(code);
      if (list) list.push(entry);
      else map.set(code, [entry]);
    }
    return index;
  }
  single(unit: number) {
    return this.singles.get(unit);
  }
  pair(code: number) {
    return this.pairs.get(code);
  }
}

const indexCache = new Map<string, DictIndex>();
/** The index of a serialized dictionary (built once per dictionary). */
export function indexOf(dict: string): DictIndex {
  let index = indexCache.get(dict);
  if (!index) indexCache.set(dict, (index = SpanIndex.build(dict)));
  return index;
}

/** A dictionary group whose trie takes in the entries that can match in the texts it reads. */
class GrowingGroup {
  readonly trie = new Trie();
  private readonly units = new Set<number>();
  private readonly pairs = new Set<number>();
  private readonly indexes: DictIndex[];
  /** `replaced`: entries put in place of the dictionaries' own for the same keys. */
  constructor(
    dicts: readonly string[],
    private readonly replaced?: ReadonlyMap<string, string>,
  ) {
    // opencc-js loads a group last dictionary first, so that the first one wins
    this.indexes = [...dicts].reverse().map(indexOf);
    if (replaced) for (const [k, v] of replaced) this.trie.addWord(k, v);
  }
  private add(entries: string[] | undefined): void {
    if (!entries) return;
    for (const entry of entries) {
      const [k, v] = entry.split(' ');
      if (v === undefined) throw new TypeError('OpenCC dictionary entry without a replacement');
      if (this.replaced?.has(k!)) continue;
      this.trie.addWord(k!, v);
    }
  }
  /** Take in the entries whose key starts with a unit or pair of units of `text` not read before. */
  read(text: string): Trie {
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (!this.units.has(unit)) {
        this.units.add(unit);
        // the group's dictionaries in loading order for this start, so that precedence holds
        for (const index of this.indexes) this.add(index.single(unit));
      }
      if (i + 1 < text.length) {
        const pair = unit * 65536 + text.charCodeAt(i + 1);
        if (!this.pairs.has(pair)) {
          this.pairs.add(pair);
          for (const index of this.indexes) this.add(index.pair(pair));
        }
      }
    }
    return this.trie;
  }
}

const singleCodePoint = (s: string) => s.length === 1 || (s.length === 2 && s.codePointAt(0)! > 0xffff);

/** Does the dictionary have a key of one character (`single`) or of several (`!single`)? One scan of the text. */
function hasKey(d: Dict, single: boolean): boolean {
  if (typeof d !== 'string') return d.some((p) => singleCodePoint(p[0]!) === single);
  return (single ? /(?:^|\|)[^| ] /u : /(?:^|\|)[^| ]{2,} /u).test(d);
}

function idsArity(cp: number): number {
  if (cp >= 0x2ff0 && cp <= 0x2ff1) return 2;
  if (cp >= 0x2ff2 && cp <= 0x2ff3) return 3;
  if (cp >= 0x2ff4 && cp <= 0x2fff) return 2;
  return 0;
}

const cpLength = (s: string, i: number) => (s.codePointAt(i)! > 0xffff ? 2 : 1);

/** End of an ideographic description sequence at `i` (0: none), read as opencc-js reads it. */
function idsEnd(s: string, i: number): number {
  const arity = idsArity(s.codePointAt(i)!);
  if (!arity) return 0;
  let end = i + cpLength(s, i);
  for (let k = 0; k < arity; k++) {
    if (end >= s.length) return 0;
    end = idsEnd(s, end) || end + cpLength(s, end);
  }
  return end;
}

function unmatchedLength(s: string, i: number): number {
  const e = idsEnd(s, i);
  return e > i ? e - i : cpLength(s, i);
}

/** Cut as a trie of the phrases alone would: matches of one character do not count. */
function segment(t: Trie, s: string): string[] {
  return segmentWithTerms(t, null, s).parts;
}

/**
 * Cut as `segment` does, with the terms of `terms` as phrases too: where a
 * term starts, it is a segment when it is at least as long as the phrase that
 * starts there (a term starting inside a phrase is not seen, as OpenCC sees
 * no phrase there either). `fixed[k]` is the term's form for a term segment.
 */
function segmentWithTerms(t: Trie, terms: Trie | null, s: string): { parts: string[]; fixed: Array<string | undefined> } {
  const parts: string[] = [];
  const fixed: Array<string | undefined> = [];
  let pending = -1;
  const flush = (i: number) => {
    if (pending >= 0) {
      parts.push(s.slice(pending, i));
      fixed.push(undefined);
    }
    pending = -1;
  };
  for (let i = 0; i < s.length; ) {
    const m = t.matchPrefix(s, i);
    const phraseEnd = m && !singleCodePoint(s.slice(i, m.end)) ? m.end : 0;
    const term = terms?.matchPrefix(s, i);
    if (term && term.end >= phraseEnd) {
      flush(i);
      parts.push(s.slice(i, term.end));
      fixed.push(term.value);
      i = term.end;
    } else if (phraseEnd) {
      flush(i);
      parts.push(s.slice(i, phraseEnd));
      fixed.push(undefined);
      i = phraseEnd;
    } else {
      if (pending < 0) pending = i;
      i += unmatchedLength(s, i);
    }
  }
  flush(s.length);
  return { parts, fixed };
}

/**
 * Without OpenCC's phrase trie at hand (opencc-js's own converter): the run
 * cut at the terms, leftmost first and the longest of those starting at one
 * place, the text between them converted alone.
 */
function cutAtTerms(convert: Convert, terms: ReadonlyMap<string, string>): Convert {
  const keys = [...terms.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const pattern = new RegExp(keys.join('|'), 'gu');
  return (run) => {
    let out = '';
    let last = 0;
    for (const m of run.matchAll(pattern)) {
      out += convert(run.slice(last, m.index)) + terms.get(m[0])!;
      last = m.index + m[0].length;
    }
    return last === 0 ? convert(run) : out + convert(run.slice(last));
  };
}

/** The segmenting dictionaries are the first ones of the first converting group, the rest single characters. */
function sharesFirstGroup(config: Config): boolean {
  const seg = config.segmentation;
  const first = config.conversionChain[0];
  if (!seg || !first) return false;
  const segDicts = Array.isArray(seg) && seg.every((d) => typeof d === 'string') ? (seg as string[]) : [seg as Dict];
  if (segDicts.length >= first.length || segDicts.some((d, i) => d !== first[i])) return false;
  return !segDicts.some((d) => hasKey(d, true)) && !first.slice(segDicts.length).some((d) => hasKey(d, false));
}

type Target = 'tw' | 'twp' | 'hk' | 'hkp';
const configOf = (to: Target) => (Locale.configs as unknown as Record<string, Config | undefined>)[`s2${to}`];

/** Whether the target's preset has the shape this module needs (else opencc-js's converter runs). */
export function usesGrowingTries(to: Target): boolean {
  const config = configOf(to);
  return config !== undefined && fits(config);
}

function fits(config: Config): boolean {
  return sharesFirstGroup(config) && config.conversionChain.every((g) => g.every((d) => typeof d === 'string' && d !== ''));
}

/** The project's own entries on top of OpenCC's dictionaries (see `simplifiedToTraditional`). */
export interface UserPhrases {
  /** Simplified terms → their form: phrases that take part in the cutting into segments. */
  terms?: ReadonlyMap<string, string>;
  /**
   * Simplified words → their form, in place of what the conversion chain's
   * later groups (the regional phrases: Taiwan's 參數 → 引數) make of the
   * word; their longer phrases that hold the word still apply.
   */
  regional?: ReadonlyMap<string, string>;
}

/**
 * The converter for `s2<to>` (as opencc-js `Converter({ from: 'cn', to })`).
 *
 * `user` adds the project's entries the way OpenCC's own user dictionaries
 * work. `terms` take part in the cutting into segments (a term wins over a
 * phrase of OpenCC's that starts at the same place and is not longer), and
 * a term's segment is written as the term's form, untouched by the
 * conversion chain. `regional` entries replace the regional group's entries
 * for the same words, keyed by the word as the first group writes it
 * (参数 → 參數). Everything else is converted exactly as without them;
 * without `user` the output is opencc-js's, character for character.
 */
export function simplifiedToTraditional(to: Target, user: UserPhrases = {}): Convert {
  const { terms, regional } = user;
  const config = configOf(to);
  if (!config || !fits(config)) {
    const convert = Converter({ from: 'cn', to });
    const all = new Map([...(regional ?? []), ...(terms ?? [])]);
    return all.size ? cutAtTerms(convert, all) : convert;
  }
  const normalize = (config.normalizationChain ?? []).map(trieOf);
  const normalized = (s: string) => normalize.reduce((text, t) => t.convert(text), s);
  const first = new GrowingGroup(config.conversionChain[0] as string[]);
  let replaced: Map<string, string> | undefined;
  if (regional?.size) {
    replaced = new Map();
    for (const [word, form] of regional) {
      const text = normalized(word);
      const trie = first.read(text);
      replaced.set(segment(trie, text).map((p) => trie.convert(p)).join(''), form);
    }
  }
  const chain = [first, ...config.conversionChain.slice(1).map((g) => new GrowingGroup(g as string[], replaced))];
  let termTrie: Trie | null = null;
  if (terms?.size) {
    termTrie = new Trie();
    for (const [k, v] of terms) termTrie.addWord(k, v);
  }
  return (s: string) => {
    const text = normalized(s);
    if (!termTrie) {
      let segments = segment(chain[0]!.read(text), text);
      for (const group of chain) {
        const trie = group.read(segments.join(''));
        segments = segments.map((p) => trie.convert(p));
      }
      return segments.join('');
    }
    const { parts, fixed } = segmentWithTerms(chain[0]!.read(text), termTrie, text);
    let segments = parts;
    for (const group of chain) {
      const trie = group.read(segments.filter((_, k) => fixed[k] === undefined).join(''));
      segments = segments.map((p, k) => (fixed[k] === undefined ? trie.convert(p) : p));
    }
    return segments.map((p, k) => fixed[k] ?? p).join('');
  };
}
