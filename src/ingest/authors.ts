/**
 * Author lines: names split from their affiliation marks, from each other
 * and from glued text. Chinese bylines (`舒兆平¹,袁媛²`, `李　晶`, `万 津1*徐 兵」`)
 * and pinyin bylines in any case and order (`SHU Zhaoping¹, YUAN Yuan²`,
 * `Sang Gaoli1`, `CAI Yongjun1,2 ZHANG Xiangkun1`, `FENG Jian-ChangAO Wen`).
 */
import { superscriptDigitsToAscii } from '../text/chars.js';
import { COMPOUND_SURNAMES, SURNAMES, isPinyinWord, surnameLength, surnameRank } from '../text/names.js';
import { sliceLine, type Line } from './source.js';

export interface ParsedName {
  name: string;
  marks: string[];
  corresponding: boolean;
  line: Line;
}

const HAN_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const FILL = '\u0001';
/** Characters printed for affiliation marks, including OCR readings of a superscript 1 (`」’`). */
const MARK_CHAR = /[0-9⁰¹²³⁴⁵⁶⁷⁸⁹*∗†‡」’‘'`]/;

/** `$^ { 1 , 2 }$` → the marks it holds, same length, so that offsets stay exact. */
export function maskMath(text: string): string {
  return text.replace(/\$[^$]*\$/g, (m) => m.replace(/[^0-9*,，]/g, FILL));
}

interface Token {
  name: string;
  start: number;
  end: number;
  marks: string;
}

/** Chinese byline → names with marks. Stops at an opening parenthesis (the affiliations). */
export function parseZhAuthors(line: Line): ParsedName[] {
  const text = maskMath(line.text);
  const tokens: Token[] = [];
  let cur: Token | null = null;
  const close = () => {
    if (cur) tokens.push(cur);
    cur = null;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '（') break;
    if (HAN_CHAR.test(ch)) {
      if (cur && cur.marks) close();
      if (!cur) cur = { name: '', start: i, end: i, marks: '' };
      cur.name += ch;
      cur.end = i + 1;
    } else if (ch === ' ' || ch === '\u3000') {
      // No name has one character: `李　晶` is padded, and `王 敏孙育平` runs on into the next name.
      if (cur && !cur.marks && cur.name.length === 1 && HAN_CHAR.test(text[i + 1] ?? '')) continue;
      close();
    } else if (ch === FILL) continue;
    else if (MARK_CHAR.test(ch) || (/[lI|]/.test(ch) && cur && !/[A-Za-z]/.test(text[i + 1] ?? ''))) {
      const last: Token | undefined = cur ?? tokens[tokens.length - 1];
      if (last) last.marks += ch;
    } else if (/[,，、;；]/.test(ch)) {
      if (cur && cur.marks && /\d/.test(text[i + 1] ?? '')) cur.marks += ',';
      else close();
    } else close();
  }
  close();
  return mendSingles(tokens.flatMap((t) => splitRun(t))).map((t) => toParsed(line, t));
}

/**
 * A one-character token is the end of a padded name run into the name before
 * it (`周梦佳徐　帅` is 周梦佳 and 徐帅); otherwise it stays (a name the
 * extraction cut short, kept rather than dropped) when marks follow it.
 */
function mendSingles(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (t.name.length === 1 && prev && prev.name.length >= 4 && !prev.marks && surnameLength(prev.name.slice(-1))) {
      out[out.length - 1] = { ...prev, name: prev.name.slice(0, -1), end: prev.end - 1 };
      out.push({ ...t, name: prev.name.slice(-1) + t.name, start: prev.end - 1 });
    } else if (t.name.length >= 2 || t.marks) out.push(t);
  }
  return out;
}

/** A run of five or more characters is several names written without separators. */
function splitRun(t: Token): Token[] {
  if (t.name.length <= 4) return [t];
  const parts = segmentNames(t.name);
  if (!parts) return [t];
  const out: Token[] = [];
  let at = 0;
  parts.forEach((p, k) => {
    out.push({ name: p, start: t.start + at, end: t.start + at + p.length, marks: k === parts.length - 1 ? t.marks : '' });
    at += p.length;
  });
  return out;
}

/** Cut a run into names of two or three characters, each starting with a surname; null when none fits. */
export function segmentNames(run: string): string[] | null {
  const best: Array<string[] | null> = new Array(run.length + 1).fill(null);
  best[0] = [];
  for (let i = 0; i < run.length; i++) {
    if (!best[i]) continue;
    for (const len of [3, 2, 4]) {
      const part = run.slice(i, i + len);
      if (part.length !== len || !surnameLength(part)) continue;
      if (len === 4 && !COMPOUND_SURNAMES.has(part.slice(0, 2))) continue;
      const next = [...best[i]!, part];
      if (!best[i + len] || preferNames(next, best[i + len]!)) best[i + len] = next;
    }
  }
  return best[run.length];
}

/** Fewer names first; then the more common surnames; then more three-character names (the common length). */
function preferNames(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return a.length < b.length;
  const rank = (x: string[]) => x.reduce((n, p) => n + surnameRank(p), 0);
  if (rank(a) !== rank(b)) return rank(a) < rank(b);
  const threes = (x: string[]) => x.filter((p) => p.length === 3).length;
  if (threes(a) !== threes(b)) return threes(a) > threes(b);
  return (a[0]?.length ?? 0) > (b[0]?.length ?? 0);
}

function toParsed(line: Line, t: Token): ParsedName {
  return {
    name: t.name,
    marks: marksOf(t.marks),
    corresponding: /[*∗†]/.test(t.marks),
    line: sliceLine(line, t.start, t.end),
  };
}

/** Each superscript digit is a mark of its own (`¹²` and `1²` are 1 and 2); `」’` read as 1. */
export function marksOf(text: string): string[] {
  const ascii = superscriptDigitsToAscii(text.replace(/\u0001/g, ',').replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => `,${c},`)).replace(/[」’‘'`lI|]/g, ',1,');
  return ascii
    .split(/[,，.*∗†‡\s]/)
    .map((s) => s.trim())
    .filter((s) => /^\d{1,2}$/.test(s));
}

/** Does the start of `text` look like a Chinese byline (two or more short names)? */
export function looksLikeZhByline(text: string): boolean {
  const end = zhBylineEnd(text);
  const head = text.slice(0, end);
  if (/[。：:]/.test(head) || head.length > 160) return false;
  const names = parseZhAuthors({ text: head, start: 0, end: head.length });
  if (!names.length) return false;
  const short = names.filter((n) => n.name.length <= 4);
  const named = short.filter((n) => surnameLength(n.name) > 0);
  const hanInHead = (head.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const covered = (list: ParsedName[]) => list.reduce((n, x) => n + x.name.length, 0);
  // Names with known surnames cover the line, or short names separated by commas do (`承琪，朱洪亮，辛阳`).
  const byDictionary = named.length >= 1 && covered(named) >= hanInHead * 0.8;
  const bySeparators = short.length >= 2 && covered(short) === hanInHead && /[，,、]/.test(head) && named.length >= short.length / 2;
  return (byDictionary || bySeparators) && (named.length >= 2 || end < text.length || /[0-9¹²³*]/.test(head));
}

/** Where the names of a Chinese byline end: an opening parenthesis or affiliations glued after the marks (`金双根1,2,31．中国科学院…`). */
export function zhBylineEnd(text: string): number {
  const paren = text.search(/[(（]/);
  if (paren >= 0) return paren;
  const glued = /\d(?=[.．、]\s*[\u4e00-\u9fff]{2,}.*(?:大学|学院|研究|中心|实验室|公司|所|院|局|站))/.exec(text);
  return glued ? glued.index : text.length;
}

/** Pinyin byline → names with marks. Stops at an opening parenthesis. */
export function parseEnAuthors(line: Line): ParsedName[] {
  const text = maskMathKeepLetters(line.text);
  const end = enBylineEnd(text);
  const out: ParsedName[] = [];
  // Names are letters with inner spaces, hyphens and apostrophes; math filler may sit inside (`Q i` in TeX).
  const re = /[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F\-. \u0001]*[A-Za-z\u00C0-\u024F]|[A-Za-z\u00C0-\u024F](?=['’][a-z])(?:['’][a-z]+)+/g;
  const head = text.slice(0, end).replace(/(?<=[a-z])['’](?=[A-Z])/g, ',').replace(/(?<=[a-z])['’](?=[a-z])/g, '\u0002');
  const spans: Array<{ start: number; end: number }> = [];
  let m: RegExpExecArray | null;
  const letters = head.replace(/\u0002/g, 'a');
  while ((m = re.exec(letters))) spans.push({ start: m.index, end: m.index + m[0].length });
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k]!;
    const after = head.slice(s.end, spans[k + 1]?.start ?? head.length);
    for (const piece of splitGluedNames(letters, s.start, s.end)) {
      const raw = [...line.text.slice(piece.start, piece.end)].filter((_, k) => text[piece.start + k] !== FILL).join('');
      const { name, mark } = cleanEnName(raw.replace(/\d+/g, ''));
      const marks = (piece.end === s.end ? after : '') + mark;
      out.push({ name, marks: marksOf(marks), corresponding: /[*∗†]/.test(marks), line: sliceLine(line, piece.start, piece.end) });
    }
  }
  return out.filter((n) => n.name.length >= 2);
}

/** TeX in a byline: commands, braces and spaces become filler, letters and marks stay (same length). */
function maskMathKeepLetters(text: string): string {
  return text.replace(/\$[^$]*\$/g, (m) => m.replace(/\\[a-zA-Z]+|[{}^_$\s]/g, (x) => FILL.repeat(x.length)));
}

/** Where the names end: an opening parenthesis, or a numbered affiliation glued after them (`Xu Xunhang 1 School of …`). */
export function enBylineEnd(text: string): number {
  const paren = text.search(/[(（]/);
  // the affiliation's name: a capitalized word, then up to ten words (`of`, `and` among them) to the institution's kind
  const glued = /\s\d\s*\.?\s*(?=[A-Z][A-Za-z'’]*(?:[\s,]+[A-Za-z'’&]+){0,10}?[\s,]+(?:University|Institute|College|School|Laborator|Center|Centre|Department|Academy|Hospital|Key\s)|(?:University|Institute|College|School|Laborator|Center|Centre|Department|Academy|Hospital|Key\s))/.exec(text);
  const ends = [paren, glued ? glued.index : -1].filter((x) => x >= 0);
  return ends.length ? Math.min(...ends) : text.length;
}

/** `Jifal` → `Jifa` + mark 1: a pinyin syllable never ends in l, an OCR reading of a superscript 1. */
function cleanEnName(raw: string): { name: string; mark: string } {
  const name = raw.replace(/\u0001/g, '').replace(/\s+/g, ' ').trim();
  const m = /^(.*[aeiouvngr])l$/.exec(name);
  if (m && /\s/.test(name) && /^[A-Z]+\s|\s[A-Z][a-z]+l$/.test(name)) return { name: m[1]!, mark: '1' };
  return { name, mark: '' };
}

/** `CAI Yongjun ZHANG Xiangkun`, `FENG Jian-ChangAO Wen`: several names in one span of letters. */
function splitGluedNames(text: string, start: number, end: number): Array<{ start: number; end: number }> {
  const span = text.slice(start, end);
  const cuts: number[] = [0];
  // A capitalised surname glued to the previous given name, or starting after it with a space.
  const re = /(?<=[a-z])(?=[A-Z]{2,})|(?<=[a-z]) (?=[A-Z]{2,})/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(span))) {
    if (!m[0]) re.lastIndex++;
    const at = m.index + (span[m.index] === ' ' ? 1 : 0);
    if (at > cuts[cuts.length - 1]!) cuts.push(at);
  }
  // Title-case names separated by single spaces, two words each (`Sang Gaoli Zheng Zengguo`).
  if (cuts.length === 1) {
    const words = [...span.matchAll(/\S+/g)];
    if (words.length >= 4 && words.length % 2 === 0 && words.every((w) => /^[A-Z][a-z]+(?:-[a-z]+)?$/.test(w[0]) && isPinyinWord(w[0]))) {
      for (let k = 2; k < words.length; k += 2) cuts.push(words[k]!.index!);
    }
  }
  const pieces = cuts.map((c, i) => ({ start: start + c, end: start + (cuts[i + 1] ?? span.length) }));
  return pieces.map((p) => ({ start: p.start, end: p.start + text.slice(p.start, p.end).trimEnd().length }));
}

/** Does this line look like a pinyin byline? */
export function looksLikeEnByline(text: string): boolean {
  const head = text.slice(0, enBylineEnd(text));
  if (/\b(?:of|and|the|for|in|on|University|Institute|College|School|Laboratory|Center|Centre|Department)\b/i.test(head)) return false;
  const names = parseEnAuthors({ text: head, start: 0, end: head.length });
  if (!names.length) return false;
  const wordy = names.filter((n) => n.name.split(/\s+/).length > 4);
  const pinyinShape = names.length === 1 && /^(?:[A-Z]{2,}\s+[A-Z][a-z]+(?:-?[a-z]+)?|[A-Z][a-z]+\s+[A-Z]{2,})$/.test(names[0]!.name);
  return !wordy.length && (names.length >= 2 || pinyinShape || /[0-9¹²³*(（]/.test(text));
}

export { SURNAMES };
