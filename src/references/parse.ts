/**
 * GB/T 7714 reference strings (2015 and 2025 editions) to CSL-JSON.
 *
 * A reference is read in the order the standard lays it out:
 *
 *     Responsibility. Title[: other title][Type/Carrier]. Further
 *     responsibility. Edition. Place: Publisher, Year: Pages[Accessed]. URL. DOI
 *
 * with the variants for analytics (`Title[M]//Host responsibility. Host
 * title. Place: Publisher, Year: Pages`), serial articles (`Journal, Year,
 * Volume(Issue): Pages`), newspapers (`Paper, YYYY-MM-DD(Page)`) and
 * electronic resources (`(Published)[Accessed]`). Separators are accepted in
 * half and full width (`. , : ( ) [ ]` and `． ， ： （ ） ［ ］ 。`), spaced or
 * compact. Text inside a field (a title, a journal name) is kept as written.
 *
 * The parser never throws: whatever it cannot read is reported in
 * `issues` (`parse` for structure, `missing` for required fields of the
 * type) and the item holds what could be read.
 */
import type { CslDate, CslItem, CslType } from './csl.js';
import { splitHead } from './head.js';
import { readOtherFamily } from './styles/detect.js';
import { assignNames, buildItem, type Draft, type DetailedParseResult, type ParseIssue, type ParseResult } from './draft.js';
import { DATE_SRC, joinBrokenLinks, splitVolume, dateOf, parseDateText, parseEdition, protectAbbreviations, splitSegments, trimSeps, unprotect, yearField } from './tokens.js';
import { parseNameList, type Role } from './names.js';

export type { DetailedParseResult, ParseIssue, ParseResult } from './draft.js';
export { parseDateText } from './tokens.js';

/** A DOI (`10.1038/nature13308`) or a short DOI (`10/f2vbrs`, shortdoi.org). */
const DOI_SRC = String.raw`10\.\d{3,9}\/\S+|10\/[A-Za-z\d]{3,12}(?![\w\/])`;
/** `DOI: 10.…` anywhere, also glued to the end of a URL before it (`…/a.htmlDOI:10.1000/182`). */
const DOI_LABELLED_RE = new RegExp(String.raw`(?:^|[\s.．。,，]|(?<=[\p{L}\d]))(?:DOI|doi)\s*[:：]\s*(${DOI_SRC})`, 'u');
/** A reference that is only a DOI. */
const DOI_ALONE_RE = new RegExp(String.raw`^(?:doi\s*[:：]?\s*)?(${DOI_SRC})$`, 'iu');

/** GB/T 7714 document-type codes (2015, plus `G` from 2005 and `PP` from 2025). */
export const TYPE_CODES = ['M', 'C', 'G', 'N', 'J', 'D', 'R', 'S', 'P', 'DB', 'CP', 'EB', 'A', 'CM', 'DS', 'Z', 'PP'] as const;
export type TypeCode = (typeof TYPE_CODES)[number];

const TYPE_RE = new RegExp(
  String.raw`[\[［【]\s*(?<code>${[...TYPE_CODES].sort((a, b) => b.length - a.length).join('|')})\s*(?:[\/／]\s*(?<carrier>OL|CD|CD-ROM|MT|DK|DVD|DISK)\s*)?[\]］】]`,
  'u',
);

/** The CSL type for a code, for a whole work and for an analytic (`//`). */
export function cslTypeFor(code: TypeCode, analytic: boolean): CslType {
  switch (code) {
    case 'M':
    case 'G':
      return analytic ? 'chapter' : 'book';
    case 'C':
      return analytic ? 'paper-conference' : 'book';
    case 'N':
      return 'article-newspaper';
    case 'J':
      return 'article-journal';
    case 'D':
      return 'thesis';
    case 'R':
      return 'report';
    case 'S':
      return 'standard';
    case 'P':
      return 'patent';
    case 'DB':
    case 'DS':
      return 'dataset';
    case 'CP':
      return 'software';
    case 'EB':
      return 'webpage';
    case 'A':
      return 'collection';
    case 'CM':
      return 'map';
    case 'PP':
      return 'article';
    default:
      return 'document';
  }
}

/** Fields a reference of each CSL type needs; `a|b` means either. */
export const REQUIRED_FIELDS: Partial<Record<CslType, string[]>> = {
  'article-journal': ['author', 'title', 'container-title', 'issued', 'volume|issue', 'page'],
  'article-newspaper': ['title', 'container-title', 'issued'],
  periodical: ['title'],
  book: ['author|editor', 'title', 'publisher', 'issued'],
  chapter: ['title', 'container-title', 'publisher', 'issued', 'page'],
  'paper-conference': ['title', 'container-title', 'publisher', 'issued', 'page'],
  thesis: ['author', 'title', 'publisher', 'issued'],
  report: ['title', 'issued'],
  standard: ['title', 'number'],
  patent: ['title', 'number', 'issued'],
  webpage: ['title', 'URL'],
  dataset: ['title'],
  collection: ['title'],
  map: ['title'],
  software: ['title'],
  article: ['title'],
  document: ['title'],
};

const FIELD_LABELS: Record<string, string> = {
  author: 'authors',
  editor: 'editors',
  title: 'title',
  'container-title': 'journal or host title',
  issued: 'year',
  volume: 'volume',
  issue: 'issue',
  page: 'pages or article number',
  publisher: 'publisher',
  number: 'number',
  URL: 'URL',
};

/** Names of required fields the item lacks (`volume|issue` when both are absent). */
export function missingFields(item: CslItem): string[] {
  const required = REQUIRED_FIELDS[item.type] ?? ['title'];
  const has = (f: string): boolean => {
    const v = (item as Record<string, unknown>)[f];
    if (Array.isArray(v)) return v.length > 0;
    return v !== undefined && v !== null && v !== '';
  };
  const missing: string[] = [];
  for (const spec of required) {
    const alternatives = spec.split('|');
    if (!alternatives.some(has)) missing.push(spec);
  }
  return missing;
}

export function describeField(spec: string): string {
  return spec
    .split('|')
    .map((f) => FIELD_LABELS[f] ?? f)
    .join(' or ');
}

// ---------------------------------------------------------------------------
// small pieces

const ID_LATIN = String.raw`(?:[A-Z][A-Za-z]*[\s\/-]*)*\d[\dA-Za-z.\/\-—–]*(?:\s*[:：]\s*\d{4})?`;
const ID_HAN = String.raw`\p{Script=Han}{1,10}\s*[\[［〔(（]\s*\d{4}\s*[\]］〕)）]\s*\d+\s*号`;
const TITLE_NUMBER_RE = new RegExp(String.raw`^(?<title>.+?)\s*[:：]\s*(?<num>${ID_HAN}|${ID_LATIN})$`, 'u');
const OFFICIAL_NUMBER_RE = new RegExp(String.raw`^(?<title>.+?)\s*[:：]\s*(?<num>${ID_HAN})$`, 'u');
const LEADING_STANDARD_RE = /^(?<num>(?:[A-Z][A-Za-z]*[\s\/-]*)+\d[\d.]*(?:\s*[—–-]\s*\d{4}|\s*[:：]\s*\d{4})?)\s+(?<title>\S.*)$/u;

/** `Title: GB/T 25100—2010` → number; 2025 standards put it first. */
function splitNumber(title: string, code: TypeCode): { title: string; number?: string } {
  const m = TITLE_NUMBER_RE.exec(title);
  if (m?.groups && !/^\d{4}$/.test(m.groups.num!.trim())) return { title: m.groups.title!.trim(), number: m.groups.num!.trim() };
  if (code === 'S') {
    const lead = LEADING_STANDARD_RE.exec(title);
    if (lead?.groups && /[—–:：-]\s*\d{4}$|\/|^[A-Z]{2,}\s*\d{3,}/.test(lead.groups.num!)) {
      return { title: lead.groups.title!.trim(), number: lead.groups.num!.trim() };
    }
  }
  return { title };
}

const MONTHS =
  'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const EVENT_DATE_RE = new RegExp(
  String.raw`[,，]\s*(?<date>(?:${MONTHS})\.?\s+\d{1,2}(?:\s*[-–—]\s*(?:(?:${MONTHS})\.?\s+)?\d{1,2})?\s*[,，]\s*\d{4})`,
  'u',
);

/** Strip a meeting's date and place from a proceedings title. */
function splitEvent(title: string): { title: string; date?: string; place?: string } {
  const m = EVENT_DATE_RE.exec(title);
  if (!m || m.index === undefined) return { title };
  const before = title.slice(0, m.index);
  const after = trimSeps(title.slice(m.index + m[0].length));
  const pieces = before.split(/\s*[,，]\s*/u);
  const places: string[] = [];
  while (pieces.length > 1) {
    const last = pieces[pieces.length - 1]!;
    if (places.length < 3 && /^\p{Lu}/u.test(last) && last.split(/\s+/).length <= 3 && !/:/.test(last)) {
      places.unshift(last);
      pieces.pop();
    } else break;
  }
  const place = [...places, ...(after ? [after] : [])].join(', ');
  const out: { title: string; date?: string; place?: string } = { title: pieces.join(', ').trim(), date: m.groups!.date! };
  if (place) out.place = place;
  return out;
}

// ---------------------------------------------------------------------------
// responsibility and title

// ---------------------------------------------------------------------------
// publication statements

// a period inside a place (`Washington, D.C.`) is not followed by a space, a
// Han character, or (after a lower-case word, `ed.London`) a capital; but
// spaced initials stay together (`Washington, D. C.`)
const PLACE_SRC = String.raw`(?:[^.．。:：\[\]［］]|[.．](?![\s\u0001\p{Script=Han}])(?:(?<!\p{Ll}\p{Ll}[.．])|(?!\p{Lu}))|(?<=(?:^|[\s,，])\p{Lu})[.．]\s(?=\p{Lu}[.．])|[\[［][^\]］]*[\]］])*?`;
const PUBDATE_SRC = String.raw`c?\d{4}(?:-\d{1,2}-\d{1,2}|\s*[-—–]\s*(?:\d{4})?)?[a-z]?`;
const PUBINFO_RE = new RegExp(
  String.raw`(?:^|[.．。][\s\u0001]*)(?<place>${PLACE_SRC})\s*[:：]\s*(?<pub>[^:：]+?)\s*[,，]\s*(?<date>${PUBDATE_SRC})\s*(?:[(（](?<alt>[^)）]*)[)）])?\s*(?:[:：]\s*(?<pg>[^:：]+?))?\s*$`,
  'u',
);
const UNKNOWN_PLACE_PUB_RE = /[\[［]\s*(?:S\.\s*l\.\s*[:：]\s*s\.\s*n\.|出版地不详\s*[:：]\s*出版者不详)\s*[\]］]/iu;
const UNKNOWN_PLACE_RE = /^[\[［]\s*(?:S\.\s*l\.|出版地不详)\s*[\]］]$/iu;
const UNKNOWN_PUB_RE = /^[\[［]\s*(?:s\.\s*n\.|出版者不详)\s*[\]］]$/iu;
/** `Publisher, Year: Pages` when the place is left out. */
const PUB_NO_PLACE_RE = new RegExp(
  String.raw`(?:^|[.．。][\s\u0001]*)(?<pub>\p{Lu}(?:[^.．。:：\[\]［］,，]|[.．](?![\s\u0001])|[,，]\s*(?:Inc|Ltd|Co|Corp|LLC)\.?(?=\s*[,，]))*?|\p{Script=Han}[^.．。:：\[\]［］,，\d]*?)\s*[,，]\s*(?<date>${PUBDATE_SRC})\s*(?:[(（](?<alt>[^)）]*)[)）])?\s*(?:[:：]\s*(?<pg>[^:：]+?))?\s*$`,
  'u',
);
const YEAR_PAGES_RE = new RegExp(
  String.raw`(?:^|[.．。,，][\s\u0001]*)(?<date>${PUBDATE_SRC})\s*(?:[(（](?<alt>[^)）]*)[)）])?\s*(?:[:：]\s*(?<pg>[^:：]+?))?\s*$`,
  'u',
);
const PAREN_DATE_RE = new RegExp(String.raw`(?:^|[.．。,，][\s\u0001]*)[(（]\s*(?<date>${DATE_SRC})\s*[)）]\s*$`, 'u');
/** A repository and its release date (`[DS/OL]. 国家地球系统科学数据中心(2025-07-07)`, `[PP/OL]. V2. arXiv (2012-03-18)`). */
const PUB_PAREN_DATE_RE = new RegExp(
  String.raw`(?:^|[.．。][\s\u0001]*)(?<pub>[^.．。:：()（）\[\]［］\d][^.．。:：()（）\[\]［］]*?)\s*[(（]\s*(?<date>${DATE_SRC})\s*[)）]\s*$`,
  'u',
);
/** A version (`V2`, `v1.3`, `Version 2`, `版本 2`). */
const VERSION_RE = /^(?:[Vv]\s*|Version\s+|版本\s*[:：]?\s*)\d+(?:\.\d+)*$/u;
const ACCESS_RE = new RegExp(String.raw`[\[［]\s*(?:引用日期\s*[:：]?\s*)?(?<date>${DATE_SRC})\s*[\]］]\s*$`, 'u');

interface PubInfo {
  place?: string;
  publisher?: string;
  issued?: CslDate;
  page?: string;
  placeUnknown?: boolean;
  publisherUnknown?: boolean;
  /** Text before the statement. */
  before: string;
}

/** Read `Place: Publisher, Year: Pages` (or `Year: Pages`, `(YYYY-MM-DD)`) at the end of `s`. */
function readPubInfo(s: string): PubInfo | undefined {
  // `IEEE Press, 2018.2403-2412.`: pages run into the year with a period, read as `2018: 2403-2412`.
  let text = protectAbbreviations(s.replace(/([,，]\s*(?:1[5-9]|20)\d{2})[.．](\d+\s*[-–—~]\s*\d+)[.．]?\s*$/, '$1: $2'));
  const unknownBoth = UNKNOWN_PLACE_PUB_RE.test(text);
  if (unknownBoth) text = text.replace(UNKNOWN_PLACE_PUB_RE, '');
  const read = (m: RegExpExecArray): PubInfo => {
    const g = m.groups!;
    const out: PubInfo = { before: unprotect(text.slice(0, m.index)) };
    const place = g.place === undefined ? '' : unprotect(g.place).trim();
    const pub = g.pub === undefined ? '' : unprotect(g.pub).trim();
    if (unknownBoth || UNKNOWN_PLACE_RE.test(place)) out.placeUnknown = true;
    else if (place) out.place = place;
    if (unknownBoth || UNKNOWN_PUB_RE.test(pub)) out.publisherUnknown = true;
    else if (pub) out.publisher = pub;
    const issued = yearField(g.date!);
    if (issued) out.issued = issued;
    if (g.pg) out.page = g.pg.trim();
    return out;
  };
  if (!unknownBoth) {
    const m = PUBINFO_RE.exec(text);
    if (m) return read(m);
    const np = PUB_NO_PLACE_RE.exec(text);
    if (np && !/^\d/.test(np.groups!.pub!.trim())) return read(np);
  }
  const y = YEAR_PAGES_RE.exec(text);
  if (y) return read(y);
  const p = PAREN_DATE_RE.exec(text);
  if (p) return read(p);
  const r = PUB_PAREN_DATE_RE.exec(text);
  if (r) return read(r);
  return undefined;
}

const JOURNAL_RE =
  /^(?<ct>.+?)(?:\s*[,，]\s*|\s+)(?<year>\d{4})[a-z]?\s*(?:(?:[,，]\s*|\s+)(?<vol>[^,，:：(（)）\s][^,，:：(（)）]*?))?\s*(?:[(（]\s*(?<iss>[^)）]+?)\s*[)）])?\s*(?:[:：]\s*(?<pg>.+?))?\s*$/u;
const PAGES_LIKE = /^[A-Za-z]{0,3}\d[\w.]*(?:\s*[-–—~+,，]\s*[A-Za-z]{0,3}\d[\w.]*)*$/u;

function journalGroups(text: string, strictPages: boolean): Record<string, string | undefined> | undefined {
  const m = JOURNAL_RE.exec(text);
  if (!m?.groups) return undefined;
  if (strictPages && m.groups.pg && !PAGES_LIKE.test(m.groups.pg.trim())) return undefined;
  return m.groups;
}

const NEWSPAPER_RE = new RegExp(
  String.raw`^(?<ct>.+?)\s*[,，]\s*(?<date>${DATE_SRC})\s*(?:[(（]\s*(?<pg>[^)）]+?)\s*[)）])?\s*$`,
  'u',
);
const PERIODICAL_RE = /^(?<year>\d{4})\s*(?:[,，]\s*(?<vol>\d+))?\s*(?:[(（]\s*(?<iss>[^)）]+?)\s*[)）])?\s*(?:[-—–].*)?$/u;

// ---------------------------------------------------------------------------
// the parser

/** Responsibility statements and editions between the title and the publication statement. */
function readMiddle(d: Draft, text: string, issues: ParseIssue[]): void {
  for (const seg of splitSegments(text)) {
    const edition = parseEdition(seg);
    if (edition && !d.edition) {
      d.edition = edition;
      continue;
    }
    if (VERSION_RE.test(seg) && !d.version) {
      d.version = seg.replace(/^(?:Version|版本)\s*[:：]?\s*/u, 'V').replace(/^v\s*/u, 'V').replace(/^V\s+/u, 'V');
      continue;
    }
    if (d.type === 'thesis' && !d.genre && THESIS_GENRE_RE.test(seg)) {
      d.genre = seg;
      continue;
    }
    const english = /^(translated|edited|compiled)\s+by\s+(.+)$/i.exec(seg);
    if (english) {
      const names = parseNameList(english[2]!);
      if (names.ok) {
        assignNames(d, names, /^trans/i.test(english[1]!) ? 'translator' : 'editor');
        continue;
      }
    }
    const names = parseNameList(seg);
    if (names.ok && names.role) {
      assignNames(d, names, names.role);
      continue;
    }
    if (d.type === 'periodical') {
      const p = PERIODICAL_RE.exec(seg);
      if (p?.groups) {
        if (!d.issued) d.issued = yearField(p.groups.year!);
        if (p.groups.vol) d.volume = p.groups.vol;
        if (p.groups.iss) d.issue = p.groups.iss;
        continue;
      }
    }
    (d.note ??= []).push(seg);
    issues.push({ kind: 'parse', message: `could not read “${seg}”` });
  }
}

/** A proceedings title (not a place of publication). */
const PROCEEDINGS_RE = /\b(?:Proc(?:eedings)?|Conference|Symposium|Workshop|Congress|Meeting)\b|会议|论文集|研讨会/i;

const THESIS_GENRE_RE = /^(?:(?:博士|硕士|学士)(?:学位)?论文|(?:doctoral|master'?s?|ph\.?\s?d\.?|bachelor'?s?)\s+(?:thesis|dissertation)|dissertation|thesis)$/iu;

function readHost(d: Draft, text: string, issues: ParseIssue[]): void {
  // `Host responsibility. Host title: volume. Edition. Place: Publisher, Year: Pages`
  const pub = readPubInfo(text);
  let rest = text;
  if (pub) {
    applyPub(d, pub);
    rest = pub.before;
  } else {
    issues.push({ kind: 'parse', message: 'could not read the place, publisher and year of the host publication' });
  }
  let segs = splitSegments(rest);
  while (segs.length > 1) {
    const last = segs[segs.length - 1]!;
    const edition = parseEdition(last);
    if (!edition) break;
    d.edition = edition;
    segs = segs.slice(0, -1);
  }
  const hostHead = splitHead(protectAbbreviations(segs.join('. ')));
  if (hostHead.names) {
    const names = { ...hostHead.names, names: hostHead.names.names.map((n) => (n.literal ? { literal: unprotect(n.literal) } : n)) };
    assignNames(d, names, 'editor');
  }
  let host = unprotect(hostHead.title);
  if (!host && d.place && PROCEEDINGS_RE.test(d.place)) {
    // `//Proc of the Conference…: IEEE Press, 2018`: the place left out, the host title read as one.
    host = d.place;
    delete d.place;
  }
  if (!host) {
    issues.push({ kind: 'parse', field: 'container-title', message: 'no host title after “//”' });
    return;
  }
  const vol = splitVolume(host);
  host = vol.title;
  if (vol.volume) d.volume = vol.volume;
  if (d.code === 'C') {
    const ev = splitEvent(host);
    host = ev.title;
    if (ev.date) d.eventDate = ev.date;
    if (ev.place) d.eventPlace = ev.place;
  }
  d.containerTitle = host;
}

/** An edition the extraction ran into the place (`6th ed Lanham: AltaMira Press`). */
const EDITION_IN_PLACE_RE = /^(?<edn>\d+(?:st|nd|rd|th)?\s*(?:ed|edn)\.?|Rev\.?\s*ed\.?)\s+(?<place>\p{Lu}.*)$/u;

function applyPub(d: Draft, pub: PubInfo): void {
  const edition = pub.place ? EDITION_IN_PLACE_RE.exec(pub.place)?.groups : undefined;
  if (edition && !d.edition) {
    d.edition = parseEdition(edition.edn!) ?? edition.edn!;
    pub.place = edition.place!;
  }
  if (pub.place) d.place = pub.place;
  if (pub.publisher) d.publisher = pub.publisher;
  if (pub.placeUnknown) d.placeUnknown = true;
  if (pub.publisherUnknown) d.publisherUnknown = true;
  if (pub.issued) d.issued = pub.issued;
  if (pub.page) d.page = pub.page;
}

function readSerial(d: Draft, text: string, issues: ParseIssue[]): void {
  const t = trimSeps(text);
  if (!t) {
    issues.push({ kind: 'parse', field: 'container-title', message: 'nothing after the type code' });
    return;
  }
  // a whole periodical: `1984, 1(1)-. Place: Publisher, 1984-`
  const asJournal = JOURNAL_RE.exec(t)?.groups;
  const journalDetails = Boolean(asJournal && (asJournal.vol || asJournal.iss || asJournal.pg));
  if (/^\d{4}\s*(?:[,，(（]|[-—–]|$)/u.test(t) || (!journalDetails && PUBINFO_RE.test(t))) {
    d.type = 'periodical';
    const pub = readPubInfo(t);
    if (pub) applyPub(d, pub);
    readMiddle(d, pub ? pub.before : t, issues);
    return;
  }
  const segs = splitSegments(t);
  // the journal statement is usually the first segment; a journal name may
  // contain periods (`Proc. Natl. Acad. Sci.`), so fall back to the whole text
  let groups = journalGroups(segs[0] ?? '', true);
  let rest = segs.slice(1);
  if (!groups) {
    groups = journalGroups(t, true) ?? journalGroups(t, false);
    rest = [];
  }
  if (groups) {
    d.containerTitle = groups.ct!.trim();
    d.issued = { 'date-parts': [[Number(groups.year)]] };
    if (groups.vol) d.volume = groups.vol.trim();
    if (groups.iss) d.issue = groups.iss.trim();
    if (groups.pg) d.page = groups.pg.trim();
    if (rest.length) {
      const extra = rest.join('. ');
      (d.note ??= []).push(extra);
      issues.push({ kind: 'parse', message: `text after the journal statement: “${extra}”` });
    }
    return;
  }
  const first = segs[0]!;
  const comma = first.search(/[,，]/u);
  d.containerTitle = (comma > 0 ? first.slice(0, comma) : first).trim();
  const year = /(?:^|\D)(\d{4})(?:\D|$)/.exec(first.slice(Math.max(comma, 0)));
  if (year) d.issued = { 'date-parts': [[Number(year[1])]] };
  issues.push({ kind: 'parse', message: `could not read year, volume, issue and pages in “${first}”` });
}

function readNewspaper(d: Draft, text: string, issues: ParseIssue[]): void {
  const t = trimSeps(text);
  const m = NEWSPAPER_RE.exec(t);
  if (m?.groups) {
    d.containerTitle = m.groups.ct!.trim();
    const issued = dateOf(parseDateText(m.groups.date!));
    if (issued) d.issued = issued;
    if (m.groups.pg) d.page = m.groups.pg.trim();
    return;
  }
  readSerial(d, text, issues);
  d.type = 'article-newspaper';
}

/** `Place: Publisher` with no year (a standard dated by its number, an undated work). */
const PLACE_PUBLISHER_RE = new RegExp(
  String.raw`(?:^|[.．。][\s\u0001]*)(?<place>[^.．。:：\[\]［］\d]${PLACE_SRC})\s*[:：]\s*(?<pub>[^.．。:：,，\d][^.．。:：,，]*?)\s*$`,
  'u',
);

function readMonograph(d: Draft, text: string, issues: ParseIssue[]): void {
  const t = trimSeps(text);
  if (!t) return;
  const pub = readPubInfo(t) ?? readPlacePublisher(t);
  if (pub) {
    applyPub(d, pub);
    readMiddle(d, pub.before, issues);
    return;
  }
  const date = parseDateText(t);
  if (date) {
    d.issued = dateOf(date);
    return;
  }
  readMiddle(d, t, issues);
}

function readPlacePublisher(t: string): PubInfo | undefined {
  const m = PLACE_PUBLISHER_RE.exec(t);
  if (!m?.groups) return undefined;
  return { before: t.slice(0, m.index), place: m.groups.place!.trim(), publisher: m.groups.pub!.trim() };
}

/** A map's scale after its title (`中华人民共和国地图: 1∶25 000`, `Geological map: 1:50,000`). */
const SCALE_RE = /^(?<title>.+?)\s*[:：]\s*(?<scale>1\s*[∶:：]\s*\d[\d\s,，]*(?:万|千|000)?)$/u;
/** A physical size (`128cm×84cm`, `60 × 90 cm`). */
const DIMENSIONS_RE = /^\d+(?:\.\d+)?\s*(?:cm|mm|m)?\s*[×xX*]\s*\d+(?:\.\d+)?\s*(?:cm|mm|m)$/u;
/** The year in a standard's number (`GB/T 3792—2021`, `ISO 15836:2009`). */
const STANDARD_YEAR_RE = /(?:[—–-]|[:：])\s*((?:19|20)\d{2})$/u;

/** What only maps and standards print: a scale, a size, a year inside the number. */
function readTypeDetails(d: Draft): void {
  if (d.type === 'map') {
    const scale = d.title ? SCALE_RE.exec(d.title)?.groups : undefined;
    if (scale) {
      d.title = scale.title!;
      d.scale = scale.scale!.trim();
    }
    if (d.page && DIMENSIONS_RE.test(d.page)) {
      d.dimensions = d.page;
      delete d.page;
    }
  }
  if (d.type === 'standard' && !d.issued && d.number) {
    const year = STANDARD_YEAR_RE.exec(d.number);
    if (year) d.issued = { 'date-parts': [[Number(year[1])]] };
  }
}

/**
 * Chinese journals often follow a reference with its English translation in
 * the same line (`...2007, 15(3):198-202 Zhang Y F, Zhong W H. Title[J]. ...`).
 * When a second type code follows, cut the tail where the second
 * reference's names begin.
 */
function cutSecondReference(tail: string): { tail: string; second?: string } {
  if (tail.startsWith('//')) return { tail };
  const m = TYPE_RE.exec(tail);
  if (!m || m.index === undefined) return { tail };
  const before = tail.slice(0, m.index);
  // two numbered references run together: `...:1-7. [2] ZENG H W, ...`
  const marker = /(?:^|[\s.．。])[\[［]\d{1,3}[\]］]\s*/u.exec(before);
  if (marker && marker.index > 0) {
    return { tail: before.slice(0, marker.index).trim(), second: tail.slice(marker.index + marker[0].length).trim() };
  }
  for (const boundary of before.matchAll(/[\s(（.．。]+/gu)) {
    const start = boundary.index! + boundary[0].length;
    if (start <= 1 || start >= before.length) continue;
    // names begin with a capital or a Han character
    if (!/[\p{Lu}\p{Script=Han}]/u.test(before[start]!)) continue;
    // the names of the second reference come first; a window keeps this linear
    const head = splitHead(before.slice(start, start + 300));
    if (!head.names || !head.title) continue;
    const lead = before.slice(0, start);
    if (!head.names.persons && !/[\d)）]\s*[.．。]?\s*[(（]?\s*$/u.test(lead)) continue;
    return {
      tail: lead.replace(/[\s(（]+$/u, ''),
      second: tail.slice(start).replace(/[)）]\s*[.．]?$/u, '').trim(),
    };
  }
  return { tail };
}

function cleanUrl(url: string): string {
  return url.replace(/[.,;，。；)）\]］]+$/u, '');
}

/** Read one GB/T 7714 reference; never throws. */
export function parseReferenceDetailed(input: string, id = 'ref'): DetailedParseResult {
  const issues: ParseIssue[] = [];
  let s = input.replace(/[\s\u3000\u2003\u00a0]+/gu, ' ').trim();
  s = s.replace(/^(?:[\[［【]\s*\d+\s*[\]］】]|\d+\s*[.．、)）](?!\d)|[(（]\d+[)）])[\s.．、]*/u, '');

  const d: Draft = { type: 'document' };

  const links = joinBrokenLinks(s);
  s = links.text;
  for (const r of links.repaired) issues.push({ kind: 'repair', message: `a space inside an address removed: “${r}”` });

  // DOI and URL first: they may contain any punctuation
  const doi = DOI_LABELLED_RE.exec(s);
  if (doi) {
    d.DOI = cleanUrl(doi[1]!);
    s = (s.slice(0, doi.index) + ' ' + s.slice(doi.index + doi[0].length)).trim();
  }
  const bare = DOI_ALONE_RE.exec(s);
  if (bare && !d.DOI) {
    d.DOI = cleanUrl(bare[1]!);
    s = '';
  }
  const url = /(?:https?|ftp):\/\/\S+/iu.exec(s);
  if (url) {
    d.URL = cleanUrl(url[0]);
    s = (s.slice(0, url.index) + ' ' + s.slice(url.index + url[0].length)).trim();
    // a DOI resolver link, or a publisher link with the DOI in its path (`/doi/10.1002/...`)
    const doiUrl =
      /^https?:\/\/(?:dx\.)?doi\.org\/(10\.\d{3,9}\/\S+)$/i.exec(d.URL) ??
      /^https?:\/\/[^/]+(?:\/[^/]+)*?\/doi\/(?:(?:abs|full|pdf|ipdf|epdf|book|chapter)\/)?(10\.\d{3,9}\/[^/?#\s]+)/i.exec(d.URL);
    if (doiUrl && !d.DOI) d.DOI = decodeURIComponent(doiUrl[1]!);
  }
  // what removing them leaves: `[2013-03-20]. . ` → `[2013-03-20]`
  s = s.replace(/([.．。])(?:\s*[.．。])+(?=\s|$)/gu, '$1').replace(/[\s.．。,，;；]+$/u, '').trim();
  const inChinese = /\s*[(（]\s*in\s+Chinese\s*[)）]\s*[.．]?$/iu.exec(s);
  if (inChinese) {
    s = s.slice(0, inChinese.index).replace(/[\s.．。,，]+$/u, '');
    (d.note ??= []).push('in Chinese');
  }

  const typeMatch = TYPE_RE.exec(s);
  if (!typeMatch) {
    if (!s && d.DOI) {
      issues.push({ kind: 'parse', message: 'only a DOI: the work it names is not described' });
      return finish(d, id, issues);
    }
    const family = readOtherFamily(s, d, issues);
    if (family) return { ...finish(d, id, issues), family };
  }
  let head: string;
  let tail: string;
  if (typeMatch?.groups && typeMatch.index !== undefined) {
    d.code = typeMatch.groups.code as TypeCode;
    if (typeMatch.groups.carrier) d.carrier = typeMatch.groups.carrier;
    head = s.slice(0, typeMatch.index).trim();
    tail = s.slice(typeMatch.index + typeMatch[0].length).trim();
  } else {
    issues.push({ kind: 'parse', field: 'type', message: 'no document-type code such as [J] or [M]' });
    // guess: a journal statement or a publication statement after the title
    const segs = splitSegments(s);
    const j = segs.findIndex((seg, i) => i > 0 && JOURNAL_RE.test(seg) && /[,，]\s*\d{4}\s*[,，(（:：]/u.test(seg));
    const p = segs.findIndex((seg, i) => i > 0 && PUBINFO_RE.test(seg));
    if (j > 0) {
      d.code = 'J';
      head = segs.slice(0, j).join('. ');
      tail = '. ' + segs.slice(j).join('. ');
    } else if (p > 0) {
      d.code = 'M';
      head = segs.slice(0, p).join('. ');
      tail = '. ' + segs.slice(p).join('. ');
    } else {
      d.code = 'Z';
      head = s;
      tail = '';
    }
  }
  const code = d.code!;
  const second = cutSecondReference(tail);
  if (second.second) {
    tail = second.tail;
    (d.note ??= []).push(second.second);
    issues.push({ kind: 'parse', message: `another reference (or its translation) follows in the same entry: “${second.second}”` });
  }
  const analytic = tail.startsWith('//');
  d.type = cslTypeFor(code, analytic);

  // extraction reads 0 as O in years (`2O14`, `20oo`)
  tail = tail.replace(/(?<![\p{L}\d])[12][\dOo]{3}(?![\p{L}\d])/gu, (y) => (/\d.*\d/.test(y) ? y.replace(/[Oo]/g, '0') : y));

  // access date `[2013-03-20]` (after pages or the date)
  const access = ACCESS_RE.exec(tail);
  if (access?.groups && access.index !== undefined) {
    const accessed = dateOf(parseDateText(access.groups.date!));
    if (accessed) d.accessed = accessed;
    tail = tail.slice(0, access.index).trim();
  }

  // responsibility and title
  const { names, title: rawTitle } = splitHead(head);
  if (names) {
    const role: Role = !analytic && (code === 'C' || code === 'G') ? 'editor' : 'author';
    assignNames(d, names, role);
  }
  let title = rawTitle.trim();
  if (!analytic && ['M', 'C', 'G'].includes(code)) {
    const v = splitVolume(title);
    title = v.title;
    if (v.volume) d.volume = v.volume;
  }
  if (!analytic && ['S', 'P', 'R', 'A'].includes(code)) {
    // a space after the point inside a number (`GB/T 3792. 4—2009`, `200610171314. 3`)
    const joined = title.replace(/(?<=[:：][^:：]*\d)\.\s+(?=\d[^:：]*$)/u, '.');
    if (joined !== title) issues.push({ kind: 'repair', message: `a space inside a number removed: “${title.slice(title.search(/[:：][^:：]*$/u) + 1).trim()}”` });
    title = joined;
    const n = splitNumber(title, code);
    title = n.title;
    if (n.number) d.number = n.number;
  } else if (!analytic) {
    // an official document number (`京政办发[2005]37号`) is unmistakable in any type
    const n = OFFICIAL_NUMBER_RE.exec(title);
    if (n?.groups) {
      title = n.groups.title!.trim();
      d.number = n.groups.num!.trim();
    }
  }
  if (!analytic && code === 'C') {
    const ev = splitEvent(title);
    title = ev.title;
    if (ev.date) d.eventDate = ev.date;
    if (ev.place) d.eventPlace = ev.place;
  }
  if (title) d.title = title;
  else issues.push({ kind: 'parse', field: 'title', message: 'no title before the type code' });

  // the rest
  if (analytic) readHost(d, tail.slice(2), issues);
  else if (code === 'J') readSerial(d, tail, issues);
  else if (code === 'N') readNewspaper(d, tail, issues);
  else readMonograph(d, tail, issues);

  readTypeDetails(d);
  if (d.type === 'patent' && d.number && !d.place) {
    const country = /^([A-Z]{2})\s*\d/.exec(d.number);
    if (country) d.place = country[1];
  }

  return { ...finish(d, id, issues), family: 'gbt7714' };
}

function finish(d: Draft, id: string, issues: ParseIssue[]): DetailedParseResult {
  const item = buildItem(d, id);
  for (const spec of missingFields(item)) {
    issues.push({ kind: 'missing', field: spec, message: `missing ${describeField(spec)}` });
  }
  return { item, issues };
}

/** Read one GB/T 7714 reference (leading `[n]` optional). */
export function parseReference(s: string, id = 'ref'): ParseResult {
  const { item, issues } = parseReferenceDetailed(s, id);
  return { item, problems: issues.map((i) => i.message) };
}

/** One reference per non-empty line (leading `[n]`, `n.` or `- ` optional); ids `ref-1`, `ref-2`, ... */
export function parseReferenceLines(text: string): CslItem[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-*•]\s+/u, '').trim())
    .filter((line) => line.length > 0)
    .map((line, i) => parseReference(line, `ref-${i + 1}`).item);
}
