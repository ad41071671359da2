/**
 * The shared tokenizer of the reference parsers: field separators, dates,
 * editions and page ranges, as every style family writes them.
 */
import type { CslDate } from '../model/csl.js';

const SEP_RE = /[.．](?=\s|$)|[.．](?=[\p{Script=Han}“‘《(（\[［])|．|。/gu;

export interface Sep {
  index: number;
  /** Index of the first character after the separator and its spaces. */
  next: number;
}

export function separators(s: string): Sep[] {
  const out: Sep[] = [];
  SEP_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SEP_RE.exec(s))) {
    let next = m.index + m[0].length;
    while (next < s.length && /\s/.test(s[next]!)) next++;
    out.push({ index: m.index, next });
  }
  return out;
}

/** Abbreviations whose period is not a separator. */
/** Words whose period is not a separator (`Rev. ed.`, `Univ. of`). */
export const ABBREVIATIONS = 'Rev|Enl|Abr|Corr|Repr|Univ|Vol|No|Dept|St|Mt|Dr|Prof|vs|Suppl|Ser|Natl|Int|Acad';
const ABBREV_RE = new RegExp(String.raw`\b(${ABBREVIATIONS})\.\s`, 'g');

export function protectAbbreviations(s: string): string {
  return s.replace(ABBREV_RE, '$1.\u0001');
}
export function unprotect(s: string): string {
  return s.replace(/\u0001/g, ' ');
}

/** Split text at field separators (`. ` / `．` / `。`). */
export function splitSegments(s: string): string[] {
  const p = protectAbbreviations(s);
  const seps = separators(p);
  const out: string[] = [];
  let start = 0;
  for (const sep of seps) {
    out.push(p.slice(start, sep.index));
    start = sep.next;
  }
  out.push(p.slice(start));
  return out.map((x) => unprotect(x).trim()).filter((x) => x.length > 0);
}

export function trimSeps(s: string): string {
  return s.replace(/^[\s.．。,，;；]+/u, '').replace(/[\s.．。,，;；]+$/u, '');
}

const HAN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

export function hanNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/u.exec(s);
  if (m) return (m[1] ? HAN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? HAN_DIGITS[m[2]]! : 0);
  if (s.length === 1 && HAN_DIGITS[s]) return HAN_DIGITS[s];
  return undefined;
}

export const DATE_SRC = String.raw`\d{4}(?:\s*[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{1,2})?|年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|年)?`;

/** `2013-01-12`, `2013/1/12`, `2013年1月12日`, `2013-01`, `2013` → date parts. */
export function parseDateText(s: string): number[] | undefined {
  const m = /^(\d{4})(?:\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?(?:\s*(?:[-/.])?\s*(\d{1,2})\s*日?)?)?\s*年?$/u.exec(s.trim());
  if (!m) return undefined;
  const parts = [Number(m[1])];
  if (m[2]) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return [Number(m[1])];
    parts.push(month);
    if (m[3]) {
      const day = Number(m[3]);
      if (day >= 1 && day <= 31) parts.push(day);
    }
  }
  return parts;
}

export function dateOf(parts: number[] | undefined): CslDate | undefined {
  return parts ? { 'date-parts': [parts] } : undefined;
}

/** A year a reference can carry: from the first printed books to next year. */
export function plausibleYear(year: number): boolean {
  return year >= 1450 && year <= new Date().getFullYear() + 1;
}

/** `1957-1990` → a range; `1984-` → the start; `c1980` → 1980. */
export function yearField(s: string): CslDate | undefined {
  const t = s.trim();
  const range = /^c?(\d{4})\s*[-—–]\s*(\d{4})$/.exec(t);
  // `2403-2412` is a page range, not years.
  if (range) return plausibleYear(Number(range[1])) && plausibleYear(Number(range[2])) ? { 'date-parts': [[Number(range[1])], [Number(range[2])]] } : undefined;
  const open = /^c?(\d{4})\s*[-—–]$/.exec(t);
  if (open) return { 'date-parts': [[Number(open[1])]] };
  const plain = /^c?(\d{4})[a-z]?$/.exec(t);
  if (plain) return { 'date-parts': [[Number(plain[1])]] };
  return dateOf(parseDateText(t));
}

export function parseEdition(seg: string): string | undefined {
  const s = seg.trim();
  let m = /^(\d+)\s*(?:st|nd|rd|th)?\s*(?:ed|edn|edition)\.?$/i.exec(s);
  if (m) return m[1];
  m = /^(?:第\s*)?(\d+|[一二三四五六七八九十]+)\s*版$/u.exec(s);
  if (m) return String(hanNumber(m[1]!) ?? m[1]);
  if (/^(?:Rev|Revised|Enl|Enlarged|Abr|Abridged|New|Corr|Corrected|Updated|Expanded|Repr|Reprint)\b.*\bed(?:ition|n)?\.?$/i.test(s)) {
    return s.endsWith('.') || !/ed$/.test(s) ? s : `${s}.`;
  }
  if (/^[\p{Script=Han}\d\s]{1,14}[本版]$/u.test(s)) return s;
  return undefined;
}

/** One page or a page range as styles print them: `123`, `e1228`, `123–130`, `S12-S15`. */
export const PAGE_SRC = String.raw`[A-Za-z]{0,3}\d+[A-Za-z]?(?:\s*[-–—]\s*[A-Za-z]{0,3}\d+[A-Za-z]?)?`;
/** Pages as a list: `17, 19`, `22–4, 27`. */
export const PAGES_SRC = String.raw`${PAGE_SRC}(?:\s*,\s*${PAGE_SRC})*`;
/** A page range proper (two ends). */
export const PAGE_RANGE_SRC = String.raw`[A-Za-z]{0,3}\d+[A-Za-z]?\s*[-–—]\s*[A-Za-z]{0,3}\d+[A-Za-z]?`;

/**
 * A page range as CSL stores it: hyphen between the ends, the second end
 * written out in full (`123–30` → `123-130`, `1053–62` → `1053-1062`).
 */
export function normalizePages(pages: string): string {
  if (/[,，]/.test(pages)) return pages.split(/\s*[,，]\s*/).map(normalizePages).join(', ');
  const m = /^([A-Za-z]*)(\d+)\s*[-–—~]\s*([A-Za-z]*)(\d+)$/.exec(pages.trim());
  if (!m) return pages.trim().replace(/\s*[–—]\s*/g, '-');
  const [, p1, a, p2, b] = m as unknown as [string, string, string, string, string];
  const spelled = b.length < a.length ? a.slice(0, a.length - b.length) + b : b;
  const full = Number(spelled) >= Number(a) ? spelled : b;
  return `${p1}${a}-${p2 || p1}${full}`;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `Mar`, `March`, `Sept.` → 3; undefined for anything else. */
export function monthNumber(word: string): number | undefined {
  const i = MONTH_NAMES.indexOf(word.trim().toLowerCase().replace(/\.$/, '').slice(0, 3));
  return i >= 0 ? i + 1 : undefined;
}

/** `2020 Mar 5`, `2020 March`, `March 5, 2020`, `5 March 2020`, `2020` → date parts. */
export function parseEnglishDate(text: string): number[] | undefined {
  const t = text.trim().replace(/\.$/, '');
  let m = /^(\d{4})(?:\s+([A-Za-z]{3,9})\.?(?:\s+(\d{1,2}))?)?$/.exec(t);
  if (m) return dateParts(m[1]!, m[2], m[3]);
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  if (m) return dateParts(m[3]!, m[1], m[2]);
  m = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(t);
  if (m) return dateParts(m[3]!, m[2], m[1]);
  m = /^(\d{4}),?\s+([A-Za-z]{3,9})\.?(?:\s+(\d{1,2}))?$/.exec(t);
  if (m) return dateParts(m[1]!, m[2], m[3]);
  return parseDateText(t);
}

function dateParts(year: string, month: string | undefined, day: string | undefined): number[] | undefined {
  const parts = [Number(year)];
  const mo = month ? monthNumber(month) : undefined;
  if (month && mo === undefined) return undefined;
  if (mo !== undefined) {
    parts.push(mo);
    if (day && Number(day) >= 1 && Number(day) <= 31) parts.push(Number(day));
  }
  return parts;
}

export const VOLUME_RE =
  /^(?:第\s*[\d一二三四五六七八九十百千]+\s*(?:卷|册|辑|编|集|分册)|[上中下]\s*[册卷编集]?|[\d一二三四五六七八九十]+\s*卷|(?:卷|册)\s*[\d一二三四五六七八九十]+|\d{4}\s*年卷|vol(?:ume)?\.?\s*\d+|v\.\s*\d+)$/iu;

/** Split a volume designation off the end of a monograph title (`国史旧闻: 第 1 卷`, 2025: `国史旧闻: 卷 1`). */
export function splitVolume(title: string): { title: string; volume?: string } {
  const m = /^(?<title>.+)\s*[:：]\s*(?<vol>[^:：]+)$/u.exec(title);
  if (m?.groups && VOLUME_RE.test(m.groups.vol!.trim())) return { title: m.groups.title!.trim(), volume: m.groups.vol!.trim() };
  return { title };
}

/** Positions of `.`, `?`, `!` followed by a space, outside parentheses and brackets. */
export function stopsOutsideBrackets(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(' || c === '[' || c === '（' || c === '［') depth++;
    else if ((c === ')' || c === ']' || c === '）' || c === '］') && depth > 0) depth--;
    else if (depth === 0 && (c === '.' || c === '?' || c === '!') && /\s/.test(text[i + 1] ?? '') && /\S/.test(text.slice(i + 1))) out.push(i);
  }
  return out;
}

const LINK_START = /(?:https?|ftp):\/\/|(?<![\w/.])10\.\d{4,9}\//giu;
/** A page's file extension broken off after its period: `…/47e4f206. html`, `…/138-161e. htm`. */
const WEB_FILE_EXT = /^(?:s?html?|php|aspx?|jsp|pdf|xml|cgi)$/iu;

/**
 * A URL or DOI that extraction broke with a space (`http://apabi.lib.pku.edu.cn/ usp/pku`,
 * `detailNew? paperID=`, `10.3390/ biology2010378`): joined again. A space
 * is taken for a break only after `/ . - _ = ? &`, and only when what
 * follows is one token of URL characters (after `.`, one with a `/`, `.` or
 * `=` in it, or a file extension such as `html`), never a bracket, a Han character or `doi:`. Returns the text and
 * the repairs made.
 */
export function joinBrokenLinks(text: string): { text: string; repaired: string[] } {
  let out = text;
  const repaired: string[] = [];
  LINK_START.lastIndex = 0;
  for (let m = LINK_START.exec(out); m; m = LINK_START.exec(out)) {
    let end = m.index + m[0].length;
    for (;;) {
      while (end < out.length && !/\s/.test(out[end]!)) end++;
      const next = /^ ([\x21-\x7e]+)/.exec(out.slice(end));
      const last = out[end - 1]!;
      if (!next || !'/.-_=?&'.includes(last) || /^[([<{【（［]|^doi:/i.test(next[1]!)) break;
      const piece = next[1]!.replace(/[.,;]$/, '');
      if (last === '.' && !/[/.=]/.test(piece) && !WEB_FILE_EXT.test(piece)) break;
      repaired.push(`${out.slice(Math.max(m.index, end - 20), end)} ${next[1]!.slice(0, 20)}`);
      out = out.slice(0, end) + out.slice(end + 1);
    }
    LINK_START.lastIndex = end;
  }
  return { text: out, repaired };
}
