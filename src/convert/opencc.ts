/**
 * OpenCC's Simplified → Traditional conversion (opencc-js, `cn2t`), built
 * with one trie fewer. opencc-js builds the 50 000 phrases into two tries: one
 * to cut the text into segments, and the same phrases plus the single
 * characters to convert each segment. The segmenting trie holds no
 * single-character entry, so the converting trie can cut too: its longest
 * match counts as a segment when it is longer than one character. That
 * saves about half of the converter's start-up.
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
  const out: string[] = [];
  let pending = -1;
  for (let i = 0; i < s.length; ) {
    const m = t.matchPrefix(s, i);
    if (m && !singleCodePoint(s.slice(i, m.end))) {
      if (pending >= 0) out.push(s.slice(pending, i));
      pending = -1;
      out.push(s.slice(i, m.end));
      i = m.end;
    } else {
      if (pending < 0) pending = i;
      i += unmatchedLength(s, i);
    }
  }
  if (pending >= 0) out.push(s.slice(pending));
  return out;
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

/** Whether the target's preset has the shape that lets one trie both cut and convert. */
export function sharesTrie(to: Target): boolean {
  const config = configOf(to);
  return config !== undefined && sharesFirstGroup(config);
}

/** The converter for `s2<to>` (as opencc-js `Converter({ from: 'cn', to })`). */
export function simplifiedToTraditional(to: Target): Convert {
  const config = configOf(to);
  if (!config || !sharesFirstGroup(config)) return Converter({ from: 'cn', to });
  const normalize = (config.normalizationChain ?? []).map(trieOf);
  const chain = config.conversionChain.map(trieOf);
  const first = chain[0]!;
  return (s: string) => {
    let text = s;
    for (const t of normalize) text = t.convert(text);
    let out = '';
    for (const piece of segment(first, text)) {
      let p = piece;
      for (const t of chain) p = t.convert(p);
      out += p;
    }
    return out;
  };
}
