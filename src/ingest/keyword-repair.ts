/**
 * Keyword lists whose separators the extraction lost.
 *
 * Printed keyword lists are often separated by wide spaces, which the
 * extractor collapses or drops (`代谢过程酶糖基化反应蛋白质`, `Cell Metabolic
 * process Enzyme`). Keywords are terms of the article: they recur in its
 * title, abstract and body. So a list without visible separators is cut anew
 * into as many keywords as the other language's list has, choosing the cut
 * whose pieces the article itself uses most; the new cut is kept only when it
 * explains more of the list than the old one. Lists written with `；,，、`
 * are left as printed.
 */
import { HAN, HAN_RE } from '../text/chars.js';

export interface KeywordLists {
  zh: string[];
  en: string[];
}

export interface KeywordSources {
  /** The list as printed, after its label (codes cut off). */
  zhRaw?: string;
  enRaw?: string;
  /** The article's whole text (the keyword lines included: their own occurrences are discounted). */
  text: string;
}

const DELIMITED = /[;；,，、]/;
const LATIN_GAP = new RegExp(`[^a-z0-9${HAN}-]+`, 'g');
/** The longest keyword, in atoms (Han characters or Latin words). */
const MAX_ATOMS = 16;

export function repairKeywords(lists: KeywordLists, sources: KeywordSources): KeywordLists | null {
  const zhRaw = bare(sources.zhRaw);
  const enRaw = bare(sources.enRaw);
  const zhFree = !!zhRaw && !DELIMITED.test(zhRaw) && HAN_RE.test(zhRaw);
  const enFree = !!enRaw && !DELIMITED.test(enRaw);
  if (!zhFree && !enFree) return null;
  // The article without its keyword lines: a keyword counts as used when it stands on its own there.
  let text = sources.text;
  for (const raw of [zhRaw, enRaw]) if (raw) text = text.replace(raw, ' ');
  const zhAtoms = zhFree ? hanAtoms(zhRaw!) : null;
  const enAtoms = enFree ? wordAtoms(enRaw!) : null;

  const counts: number[] = [];
  if (!zhFree && lists.zh.length) counts.push(lists.zh.length);
  else if (!enFree && lists.en.length) counts.push(lists.en.length);
  else {
    if (lists.zh.length) counts.push(lists.zh.length);
    if (enAtoms) counts.push(capitalGroups(enAtoms.map((a) => a.text)).length);
  }
  const zhGlued = lists.zh.some((k) => ACRONYM_GLUE.test(k));
  let best: { zh: string[]; en: string[]; score: number } | null = null;
  for (const n of counts) {
    if (n < 2) continue;
    const zh = zhAtoms && (n !== lists.zh.length || zhGlued) ? cutAtoms(zhAtoms, n, new Usage(text, true), true) : null;
    const en = enAtoms && n !== lists.en.length ? cutAtoms(enAtoms, n, new Usage(text, false), false) : null;
    if (zh === undefined || en === undefined || (!zh && !en)) continue;
    const out = { zh: zh?.pieces ?? lists.zh, en: en?.pieces ?? lists.en };
    if (out.zh.length && out.en.length && out.zh.length !== out.en.length) continue;
    const score = (zh?.covered ?? 0) + (en?.covered ?? 0);
    if (!best || score > best.score) best = { ...out, score };
  }
  return best && { zh: best.zh, en: best.en };
}

const ACRONYM_GLUE = /[A-Z]{2,}[A-Z][a-z]/;

function bare(s?: string): string | undefined {
  return s?.replace(/^[\s:：\]］】)）]+|[\s。.[【(（]+$/g, '') || undefined;
}

/** Whether a piece of a keyword list occurs in the article on its own (not run into its neighbours in the list). */
class Usage {
  private readonly text: string;
  constructor(text: string, private readonly han: boolean) {
    this.text = han ? compact(text) : ` ${latinKey(text)} `;
  }
  private key(atoms: Atom[]): string {
    return this.han ? compact(atoms.map((a) => a.text).join('')) : latinKey(atoms.map((a) => a.text).join(' '));
  }
  used(atoms: Atom[], from: number, to: number): boolean {
    const word = this.key(atoms.slice(from, to));
    if (!word) return false;
    const piece = this.han ? word : ` ${word} `;
    const before = from > 0 ? this.key([atoms[from - 1]!]) : '';
    const after = to < atoms.length ? this.key([atoms[to]!]) : '';
    const left = this.han ? before : ` ${before}`;
    const right = this.han ? after : `${after} `;
    for (let at = this.text.indexOf(piece); at >= 0; at = this.text.indexOf(piece, at + 1)) {
      const end = at + piece.length;
      const ledBy = !!before && this.text.slice(at - left.length, at) === left;
      const runOn = !!after && this.text.slice(end, end + right.length) === right;
      if (!ledBy && !runOn) return true;
    }
    return false;
  }
}

interface Atom {
  text: string;
  /** Printed with white space before it. */
  spaced: boolean;
}

/** Han characters one by one, Latin and digit runs whole (split where an acronym runs into a word: `RNAQbeta`). */
export function hanAtoms(raw: string): Atom[] {
  const atoms: Atom[] = [];
  const re = /(\s*)([A-Za-z0-9α-ωΑ-Ω][A-Za-z0-9α-ωΑ-Ω.+\-'/]*|\S)/gu;
  for (const m of raw.trim().matchAll(re)) {
    const pieces = m[2]!.replace(/([A-Z]{2,})(?=[A-Z][a-z])/g, '$1\u0000').split('\u0000');
    pieces.forEach((p, k) => atoms.push({ text: p, spaced: k === 0 && m[1]!.length > 0 }));
  }
  return atoms;
}

export function wordAtoms(raw: string): Atom[] {
  return raw
    .trim()
    .split(/\s+/)
    .map((text) => ({ text, spaced: true }));
}

/** English words grouped where a capitalized word (not an acronym) starts a new keyword. */
export function capitalGroups(words: string[]): string[] {
  const groups: string[][] = [];
  for (const w of words) {
    if (!groups.length || /^[A-Z][a-z]/.test(w)) groups.push([w]);
    else groups[groups.length - 1]!.push(w);
  }
  return groups.map((g) => g.join(' '));
}

/**
 * Atoms cut into n keywords: the most of the list in keywords the article
 * uses, then the most cuts where the list printed a space (Chinese) or a
 * capital (English). Undefined when the cut does not explain the list: an
 * English keyword the article does not use, or more than one Chinese one
 * (the one allowed must stand between printed spaces).
 */
function cutAtoms(atoms: Atom[], n: number, usage: Usage, han: boolean): { pieces: string[]; covered: number } | undefined {
  const printedCut = (at: number) => at === 0 || at === atoms.length || (han ? atoms[at]!.spaced : /^[A-Z][a-z]/.test(atoms[at]!.text));
  const cut = bestCut(atoms.length, n, (from, to) => {
    const piece = atoms
      .slice(from, to)
      .map((a, k) => (k > 0 && a.spaced ? ' ' : '') + a.text)
      .join('');
    const used = usage.used(atoms, from, to);
    return { piece, gain: used ? compact(piece).length : 0, bonus: printedCut(from) ? 1 : 0, lost: used ? 0 : han && printedCut(from) && printedCut(to) ? 1 : n };
  });
  if (!cut || cut.reduce((sum, p) => sum + p.lost, 0) > (han ? 1 : 0)) return undefined;
  const total = compact(atoms.map((a) => a.text).join('')).length;
  return { pieces: cut.map((p) => p.piece), covered: cut.reduce((sum, p) => sum + p.gain, 0) / total };
}

/** A keyword of a cut: its text, the characters it explains, a tie-breaker, and how much it counts against the cut. */
type Piece = { piece: string; gain: number; bonus: number; lost: number };

/** Dynamic programming over cut points: maximize total gain, then bonus, for exactly n pieces. */
function bestCut(len: number, n: number, rate: (from: number, to: number) => Piece): Piece[] | null {
  if (n > len) return null;
  type Cell = { gain: number; bonus: number; from: number } | null;
  const table: Cell[][] = Array.from({ length: n + 1 }, () => Array<Cell>(len + 1).fill(null));
  table[0]![0] = { gain: 0, bonus: 0, from: -1 };
  const memo = new Map<number, Piece>();
  const rated = (from: number, to: number) => {
    const key = from * 1024 + to;
    let r = memo.get(key);
    if (!r) memo.set(key, (r = rate(from, to)));
    return r;
  };
  for (let k = 1; k <= n; k++) {
    for (let to = k; to <= len; to++) {
      let cell: Cell = null;
      for (let from = Math.max(k - 1, to - MAX_ATOMS); from < to; from++) {
        const prev = table[k - 1]![from];
        if (!prev) continue;
        const r = rated(from, to);
        const gain = prev.gain + r.gain;
        const bonus = prev.bonus + r.bonus;
        if (!cell || gain > cell.gain || (gain === cell.gain && bonus > cell.bonus)) cell = { gain, bonus, from };
      }
      table[k]![to] = cell;
    }
  }
  if (!table[n]![len]) return null;
  const out: Piece[] = [];
  for (let k = n, to = len; k > 0; k--) {
    const from = table[k]![to]!.from;
    out.unshift(rated(from, to));
    to = from;
  }
  return out;
}

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

function latinKey(s: string): string {
  return s.toLowerCase().replace(LATIN_GAP, ' ').trim();
}
