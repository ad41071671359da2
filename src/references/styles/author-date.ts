/**
 * Author-date references (APA, Harvard, Chicago author-date), as Chinese
 * articles cite English works:
 *
 *     Smith, J., & Doe, B. (2020). Title. Journal, 14(10), 123–130.
 *     Smith, J. and Doe, B. (2020) ‘Title’, Journal, 14(10), pp. 123–130.
 *     Smith, J. (2015). Book title (2nd ed.). Publisher.
 *     Smith, J. (2015). Chapter. In A. Doe (Ed.), Book (pp. 10–20). Publisher.
 *     World Health Organization. (2019). Page title. Available at: …
 *
 * The names end at the date in parentheses; what follows is read by its
 * shape (quoted title, journal statement, `In` + editors, publisher).
 */
import type { Draft, ParseIssue } from '../draft.js';
import { assignNames } from '../draft.js';
import { isOrgPiece } from '../head.js';
import { parseNameList, parseWesternOrg } from '../names.js';
import { normalizePages, PAGE_SRC, PAGES_SRC, parseEdition, parseEnglishDate, splitVolume, stopsOutsideBrackets } from '../tokens.js';
import { namesOfPieces, readInvertedNames } from './inverted-names.js';
import { applyJournal, applyPublisher, cleanTail, readEditors, readJournalComma, splitTitleNote, THESIS_RE } from './source.js';

const HOST_PAGES = /\s*\(?(?:pp?\.)\s*(?<pg>[A-Za-z]?\d+(?:\.\d+)*(?:\s*[-–—]\s*[A-Za-z]?\d+(?:\.\d+)*)?)\)?/u;

/** The date after the names: `(2020)`, `(2020a)`, `(2020, March 5)`, `(n.d.)`, `(no date)` (Harvard). */
export const AUTHOR_DATE_RE = /\(\s*(?<date>c?\d{4}[a-z]?(?:,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?)?|n\.\s?d\.|no date)\s*\)/u;

/** Where the names end and the date begins, when the string reads as author-date. */
export function authorDateSplit(s: string): { names: string; date: string; body: string; stop: boolean } | undefined {
  const m = AUTHOR_DATE_RE.exec(s);
  if (!m || m.index === undefined || m.index === 0 || m.index > 600) return undefined;
  const names = s.slice(0, m.index).trim().replace(/,$/, '').trim();
  // quotes in the names are a title's, and only a title standing alone there (Harvard, no author) is read
  if (!names || (/[“”"]|(?:^|\s)‘/u.test(names) && !QUOTED_WHOLE.test(names))) return undefined;
  const after = s.slice(m.index + m[0].length);
  const body = after.replace(/^\s*[.,:]?\s*/, '');
  // APA closes the date with a stop: `(2020).`; Harvard does not: `(2020) Title`
  return { names, date: m.groups!.date!, body, stop: /^\s*\./u.test(after) };
}

/** `“Information and documentation—…”`: a quoted title, whole. */
const QUOTED_WHOLE = /^(?:“[^“”]+”|"[^"]+")$/u;

/**
 * `Online Computer Library Center, Inc`, `International Federation of Library
 * Association and Institutions`, `Commonwealth Libraries Bureau of Library
 * Development. Pennsylvania Department of Education Office`: one body (or
 * a body and its division), in Latin script, no initials, whose comma (if
 * any) only sets off `Inc` / `Ltd`.
 */
function wholeOrganisation(plain: string): boolean {
  if (HAN_RE.test(plain) || /(?:^|[\s,])\p{Lu}\.(?:\s|,|$)/u.test(plain)) return false;
  const body = plain.replace(/,\s*(?:Inc|Ltd|Co|Corp|LLC|GmbH|plc)\.?$/iu, '');
  if (body.includes(',')) return false;
  // `, Inc` marks a company whatever its words
  return body !== plain ? parseWesternOrg(body) !== null : body.split(/\.\s+/u).every((part) => isOrgPiece(part));
}

function readNames(d: Draft, input: string): boolean {
  // `Doe, A., & Roe, B. (Eds.)`: editors in the authors' place
  const eds = /^(?<names>.+?)\s*\((?:Eds?|eds?)\.?\)\.?$/u.exec(input.trim());
  const text = eds?.groups ? eds.groups.names! : input;
  const role = eds ? 'editor' : 'author';
  const plain = text.trim().replace(/\.$/, '');
  if (wholeOrganisation(plain)) {
    assignNames(d, { names: [{ literal: plain }], etAl: false, persons: false, ok: true }, role);
    return true;
  }
  const inverted = readInvertedNames(text);
  if (inverted && inverted.end >= text.replace(/[.\s]+$/, '').length) {
    assignNames(d, { names: inverted.names, etAl: inverted.etAl, persons: true, ok: true }, role);
    return true;
  }
  const pieces = namesOfPieces(text);
  if (pieces) {
    assignNames(d, { names: pieces.names, etAl: pieces.etAl, persons: true, ok: true }, role);
    return true;
  }
  const list = parseNameList(commaList(plain));
  if (list.ok) {
    assignNames(d, list, role);
    return true;
  }
  const org = isOrgPiece(plain) || parseWesternOrg(plain) ? { literal: plain } : undefined;
  if (org) {
    d.author = [org];
    return true;
  }
  return false;
}

/** Read an author-date reference into `d`; false when the string is not one. */
/** APA's law or regulation: `Name of Act, Pub. L. No. 111-148, 124 Stat. 119 (2010).`, `通知, Pub. L. No. 京政办发[2005]37号 (2005).` */
const APA_LAW = /^(?<title>[^,]+(?:,(?!\s*Pub\.)[^,]+)*),\s*Pub\.\s*L\.\s*No\.\s*(?<num>[^()]+?)(?:,\s*(?<vol>\d+)\s+Stat\.\s*(?<pg>\d+))?\s*\((?<year>\d{4})\)\.?$/u;

export function readAuthorDate(s: string, d: Draft, issues: ParseIssue[]): boolean {
  const law = APA_LAW.exec(s.trim())?.groups;
  if (law) {
    d.type = 'legislation';
    d.title = law.title!.trim();
    d.number = law.num!.trim();
    if (law.vol) {
      d.containerTitle = 'Stat.';
      d.volume = law.vol;
      d.page = law.pg!;
    }
    d.issued = { 'date-parts': [[Number(law.year)]] };
    return true;
  }
  const split = authorDateSplit(s);
  if (!split) return false;
  let body = split.body;
  // APA's chapter without author: `卷 39 乞致仕第一. (1988). In 苏魏公文集 …` (a chapter's own title never starts `In`)
  const noAuthor = QUOTED_WHOLE.test(split.names) || /^In\s/u.test(body);
  if (noAuthor || !readNames(d, split.names)) {
    const head = titleFirst(split.names);
    if (head === undefined) return false;
    body = `${head} ${body}`;
  }
  const year = /^c?(\d{4})/.exec(split.date);
  if (year) {
    const parts = parseEnglishDate(split.date.replace(/^c/, '').replace(/[a-z](?=,|$)/, '')) ?? [Number(year[1])];
    d.issued = { 'date-parts': [parts] };
  }
  readBody(d, body, issues);
  if (split.stop) publisherIsAuthor(d);
  return true;
}

/**
 * APA leaves out the publisher when it is the author (an organisation):
 * `中华医学会湖北分会. (1984). 临床内科杂志. 1(1).`
 */
function publisherIsAuthor(d: Draft): void {
  const [only, ...more] = d.author ?? [];
  if (d.publisher || d.containerTitle || more.length || !only?.literal) return;
  if (['book', 'periodical', 'report', 'standard'].includes(d.type ?? '')) d.publisher = only.literal;
}

/**
 * A work without author puts its title in the names' place, quoted here for
 * the body reader: APA `Title (ISO 15836:2009). (2009).`, Harvard
 * `“Title” (2009)`, `Title: version 1.1 (2012)`, `Title. 同文书局影印本 (1962)`
 * (title and edition). Undefined when the text is not a title alone.
 */
function titleFirst(names: string): string | undefined {
  if (QUOTED_WHOLE.test(names)) return names;
  const bare = names.replace(/\s*\([^()]*\)\.?$/u, '');
  // a journal statement (`2003;12`, `15:3`) is another style's, not a title
  if (/[;:]\s*\d|\d{4}\s*[;,]/.test(bare)) return undefined;
  if (/\.$/.test(names)) return `“${names.replace(/\.$/, '')}”`;
  // a stop inside a number (`version 1. 1`: a space put in) ends nothing
  const stops = stopsOutsideBrackets(names).filter((i) => !/\d$/u.test(names.slice(0, i)) || !/^\s\d/u.test(names.slice(i + 1)));
  if (!stops.length) return `“${names}”`;
  const last = stops[stops.length - 1]!;
  const edition = parseEdition(names.slice(last + 1).trim());
  if (edition && stops.length === 1) return `“${names.slice(0, last)}” ${names.slice(last + 1).trim()}.`;
  return undefined;
}

/**
 * `…during infection.Sci Rep, 11(1)`, `…的影响.中国水产科学, 13(6)`, `(p. 55).中国农业出版社`, `临床内科杂志.1(1)`:
 * a stop that lost its space after a word or a bracket gets it back; a stop
 * after an initial (`Xiao, J.Z.`) or in an abbreviated journal name
 * (`Trans.Indian Inst.Met.`) is left alone.
 */
function spaceGluedStops(text: string): string {
  return text
    .replace(/(?<=\p{Ll}{2}|[\p{Script=Han})\]])(?<!(?:^|[\s.(])\p{Lu}\p{Ll}{1,4})\.(?=[\p{Lu}\p{Script=Han}])/gu, '. ')
    .replace(/(?<=\p{Script=Han})\.(?=\d)/gu, '. ');
}

function readBody(d: Draft, body: string, issues: ParseIssue[]): void {
  let rest = spaceGluedStops(body.trim());
  // a quoted title (Harvard, Chicago): `‘Title’, Journal, …` / `“Title,” in …`
  const quoted = quotedTitle(rest);
  let title: string | undefined;
  if (quoted) {
    title = quoted.title;
    rest = quoted.rest;
  }
  const chapter = /(?:^|[.,]\s+)[Ii]n:?\s+(?<host>.+)$/u.exec(rest);
  if (chapter?.groups && chapter.index !== undefined && (title !== undefined || chapter.index > 0)) {
    if (title === undefined) title = rest.slice(0, chapter.index).trim();
    readHost(d, chapter.groups.host!, issues);
  } else {
    const parts = title === undefined ? splitTitle(rest) : { title, tail: rest };
    title = parts.title;
    readTail(d, parts.tail, issues, quoted?.closedBy);
  }
  if (title !== undefined) applyTitle(d, splitGenre(d, title));
}

/** The title and what APA prints after it: `(2nd ed.)`, `(p. 29)`, `(RMRS-GTR-262; pp. 8–9)`, a volume `: 第 1 卷`. */
function applyTitle(d: Draft, title: string): void {
  const note = splitTitleNote(title.replace(/[.,]$/, '').trim());
  if (note.edition) d.edition = note.edition;
  if (note.page) d.page = note.page;
  if (note.volume) d.volume = note.volume;
  if (note.translator) {
    const list = parseNameList(commaList(note.translator));
    if (list.names.length) d.translator = list.names;
  }
  if (note.number) {
    d.number = note.number;
    if (d.type === 'book' && /^[A-Z]{1,5}(?:\/[A-Z])?\s*[\d.]+\s*[—–-]\s*\d{4}$/u.test(note.number)) d.type = 'standard';
  }
  // a book's volume after its title: `国史旧闻: 第 1 卷 (p. 29)`, `理论物理概论: 上`
  const vol = d.containerTitle || d.volume ? { title: note.title } : splitVolume(note.title);
  if (vol.volume) d.volume = vol.volume;
  if (vol.title) d.title = vol.title;
}

const CLOSING: Record<string, string> = { '“': '”', '‘': '’', '"': '"' };

/**
 * `“Innate Immune Cells’ Contribution to …,” Front Immunol, …`,
 * `“‘北斗一号’监控管理网设计与实现,” 测绘科学, …`, `‘Title’, Journal, …`: a title
 * in quotes, closed by the mark that pairs with the opening one where a
 * part ends (a space or the end follows); an apostrophe or an inner quote
 * does not close it. `“北斗一号”监控管理网…` (quotes inside an unquoted title) is not one.
 */
function quotedTitle(text: string): { title: string; rest: string; closedBy: string } | undefined {
  const close = CLOSING[text[0] ?? ''];
  if (!close) return undefined;
  for (let i = text.indexOf(close, 1); i > 0; i = text.indexOf(close, i + 1)) {
    const after = text.slice(i + 1);
    if (!/^[,.]?(?:\s|$)/u.test(after)) continue;
    // `‘…’` also closes an apostrophe (`Cells’ Contribution`): a single quote closes only after a stop or before a comma
    if (close === '’' && !/[,.?!]$/u.test(text.slice(0, i)) && !after.startsWith(',')) continue;
    const inside = text.slice(1, i).trim();
    const title = inside.replace(/[,.]$/u, '').trim();
    const closedBy = /[,.]$/u.exec(inside)?.[0] ?? /^[,.]/u.exec(after)?.[0] ?? '';
    if (title) return { title, rest: after.replace(/^[,.]/u, '').trim(), closedBy };
  }
  return undefined;
}

/** `Title. Journal, 14(10), 123–130` → the title and what follows it. */
function splitTitle(rest: string): { title: string; tail: string } {
  const stops = stopsOutsideBrackets(rest);
  // the last stop before a journal statement, else the first stop; a stop
  // after an initial only when no other works (`… aggregate. J. Southeast Univ., 44, 1240`)
  const journalAt = stops.filter((stop) => {
    const tail = rest.slice(stop + 1).trim();
    // a journal's name starts with a word, not a bracket (`Univ. (Nat. Sci.), 44`)
    return /^[\p{L}\d]/u.test(tail) && readJournalComma(tail) && !/[.?!]\s/.test(tail.replace(/\b\p{Lu}[\p{L}]{0,4}\.\s/gu, ''));
  });
  const word = journalAt.filter((stop) => !/(?:^|\s)\p{Lu}$/u.test(rest.slice(0, stop)));
  const at = word.at(-1) ?? journalAt.at(-1);
  if (at !== undefined) return { title: rest.slice(0, at + (rest[at] === '.' ? 0 : 1)).trim(), tail: rest.slice(at + 1).trim() };
  if (!stops.length) return { title: rest, tail: '' };
  const first = stops[0]!;
  return { title: rest.slice(0, first + (rest[first] === '.' ? 0 : 1)).trim(), tail: rest.slice(first + 1).trim() };
}

/** A report number standing as a part of its own: `RMRS-GTR-262`, `PB 91-194001` (capitals and digits, not a year). */
const REPORT_NUMBER = /^(?!\d{4}$)(?=[^\p{Script=Han}]*\d)[A-Z\d][A-Z\d\-–\/.]*(?:\s[A-Z\d][A-Z\d\-–\/.]*)?$/u;

/** `, p. 55` / `, pp. 1–7` / `, p. 1.1-1.36` (a space may have crept in: `1. 1-1. 36`) at the end of a publisher statement. */
const TRAILING_PAGES = /[,.]?\s*pp?\.\s*(?<pg>[A-Za-z]?\d+(?:\.\s?\d+)*(?:\s*[-–—]\s*[A-Za-z]?\d+(?:\.\s?\d+)*)?)\s*$/u;

function readTail(d: Draft, tail: string, issues: ParseIssue[], closedBy?: string): void {
  let t = cleanTail(d, tail);
  if (!t) return;
  if (readPeriodical(d, t, closedBy)) return;
  // a periodical as a whole (APA): `临床内科杂志. 1(1).`, `图书馆学通讯. (1–4).`
  const run = /^(?<vol>\d+)?\s*\((?<iss>[^()]+)\)$/u.exec(t);
  if (run?.groups) {
    d.type = 'periodical';
    if (run.groups.vol) d.volume = run.groups.vol;
    d.issue = normalizePages(run.groups.iss!);
    return;
  }
  const journal = readJournalComma(t);
  // `Journal, 14(10), 123–130`, or `Proceedings, 17–38` when no `Place: Publisher` follows
  if (journal && (journal.volume || journal.issue || !/:\s/.test(t)) && !REPORT_NUMBER.test(journal.containerTitle)) {
    applyJournal(d, journal);
    return;
  }
  const pages = TRAILING_PAGES.exec(t);
  if (pages?.groups && pages.index !== undefined) {
    d.page = normalizePages(pages.groups.pg!.replace(/\.\s/gu, '.'));
    t = t.slice(0, pages.index).trim();
  }
  const segs = partsOf(t);
  // Harvard's patent: `“Title.” 中国.` / `“Title.” US.` (the country, where the publisher statement stands)
  if (closedBy === '.' && segs.length === 1 && COUNTRY.test(segs[0]!) && !isOrgPiece(segs[0]!)) {
    d.place = segs[0];
    return;
  }
  // the publisher statement is the last part with a colon (`文献工作国家标准汇编: 3. Edited by …. 北京: 中国标准出版社`)
  const statement = segs.findLastIndex((seg) => /:\s/.test(seg) && !parseEdition(seg));
  segs.forEach((seg, i) => readPart(d, seg, i, statement, issues));
}

/** A country as a patent names it: `中国`, `日本`, `US`, `CN`. */
const COUNTRY = /^(?:\p{Script=Han}{2,4}|[A-Z]{2,3})$/u;

/** One part of a publication statement, at index `i`; `statement` is the index of `Place: Publisher` (or -1). */
function readPart(d: Draft, seg: string, i: number, statement: number, issues: ParseIssue[]): void {
  const edition = parseEdition(seg);
  const by = /^(?<role>Translated|Edited) by\s+(?<names>.+)$/iu.exec(seg);
  if (edition && !d.edition) d.edition = edition;
  else if (THESIS_RE.test(seg)) {
    d.type = 'thesis';
    d.genre = seg;
  } else if (/^(?:Report|Technical report|Working paper)\b/i.test(seg)) {
    d.type = 'report';
    d.genre = seg;
  } else if (REPORT_NUMBER.test(seg) && !d.number) {
    // a report number: `RMRS-GTR-262`, `PB 91-194001`
    d.number = seg;
    if (d.type === 'document' || d.type === 'book') d.type = 'report';
  } else if (by?.groups) {
    // Harvard's secondary contributors: `Translated by A. Doe`, `Edited by 全国文献工作标准化委员会`
    const names = /^t/i.test(by.groups.role!) ? parseNameList(commaList(by.groups.names!)).names : readEditors(by.groups.names!);
    if (names?.length) d[/^t/i.test(by.groups.role!) ? 'translator' : 'editor'] = names;
  } else if (i < statement && !d.containerTitle) {
    // a part before the publisher statement: the work this one is part of (proceedings)
    d.containerTitle = seg;
    d.type = /\b(?:Proc|Proceedings|Conference|Symposium|Workshop|Congress)\b|会议/u.test(seg) ? 'paper-conference' : 'chapter';
  } else if (!d.publisher && (statement < 0 || i === statement)) {
    applyPublisher(d, seg);
    if (d.type === 'document') d.type = 'book';
  } else issues.push({ kind: 'parse', message: `text after the publisher: “${seg}”` });
}

/** `12 January` / `January 12`: the day a newspaper came out. */
const DAY_MONTH = String.raw`(?:\d{1,2}\s+\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+\s+\d{1,2})`;

/**
 * Harvard, after a title quoted with a comma (`“Title,” …`), prints the
 * periodical even without volume or pages: `核技术 [Preprint]`,
 * `人民日报, 12 January, p. 2`, `Proceedings of X, Y, and Z, p. 21`.
 */
const HARVARD_PERIODICAL = new RegExp(
  String.raw`^(?<ct>[^\[\]]+?)(?:\s*\[Preprint\])?(?:,\s*${DAY_MONTH})?(?:,\s*pp?\.\s*(?<pg>${PAGES_SRC}))?$`,
  'u',
);

/** APA dates a newspaper to the day and prints its page bare: `(2000, November 20). Title. 中国青年报, 15.` */
const APA_NEWSPAPER = new RegExp(String.raw`^(?<ct>[^,\[\]]+?(?:,\s*[^,\d\s][^,]*?)*)(?:,\s*(?:pp?\.\s*)?(?<pg>${PAGE_SRC}))?$`, 'u');

/** A periodical named without volume: read when the style's context makes it one (see above). */
function readPeriodical(d: Draft, t: string, closedBy?: string): boolean {
  // one part only: no stop (but for abbreviations) and no `Place: Publisher`
  if (/:\s/u.test(t) || /\.\s/u.test(t.replace(/\b(?:\p{Lu}\p{L}{0,4}|pp?)\.\s/gu, ''))) return false;
  const daily = (d.issued?.['date-parts']?.[0]?.length ?? 0) >= 3;
  const m = closedBy === ',' ? HARVARD_PERIODICAL.exec(t) : daily && closedBy === undefined ? APA_NEWSPAPER.exec(t) : null;
  const journal = readJournalComma(t);
  if (!m?.groups || journal?.issue || (journal?.volume && closedBy === ',')) return false;
  d.type = daily ? 'article-newspaper' : 'article-journal';
  d.containerTitle = m.groups.ct!.trim();
  if (m.groups.pg) d.page = normalizePages(m.groups.pg);
  return true;
}

/** A host work after `In`: editors, its title, pages, edition, publisher. */
function readHost(d: Draft, host: string, issues: ParseIssue[]): void {
  d.type = 'chapter';
  let h = cleanTail(d, host);
  // `A. Doe (Ed.), Book` / `A. Doe (ed.) Book` / `Doe A, editor. Book`
  const eds = /^(?<eds>.+?)\s*(?:\((?:Eds?|eds?)\.?\)|,\s*(?:editors?|eds?\.?))[,.]?\s+(?<rest>.+)$/u.exec(h);
  if (eds?.groups) {
    const editors = readEditors(eds.groups.eds!);
    if (editors?.length) d.editor = editors;
    h = eds.groups.rest!;
  }
  // Harvard ends with the pages: `…: McGraw-Hill, p. 1.1-1.36`
  const trailing = TRAILING_PAGES.exec(h);
  if (trailing?.groups && trailing.index !== undefined) {
    d.page = normalizePages(trailing.groups.pg!.replace(/\.\s/gu, '.'));
    h = h.slice(0, trailing.index).trim();
  }
  const [book = '', ...more] = partsOf(h);
  // APA: `Book (6th ed., p. 1.1-1.36)`, `Book (pp. 10–20)`
  const note = splitTitleNote(book);
  if (note.page) d.page = note.page;
  if (note.edition) d.edition = note.edition;
  let title = note.title;
  const pages = HOST_PAGES.exec(title);
  if (!d.page && pages?.groups && pages.index !== undefined) {
    d.page = normalizePages(pages.groups.pg!);
    title = (title.slice(0, pages.index) + title.slice(pages.index + pages[0].length)).trim();
  }
  const vol = splitVolume(title.replace(/[.,]$/, '').trim());
  d.containerTitle = vol.title;
  if (note.volume ?? vol.volume) d.volume = note.volume ?? vol.volume;
  // Harvard prints the edition after the book: `Book. 6th ed. New York: McGraw-Hill`
  const edition = more.length ? parseEdition(more[0]!) : undefined;
  if (edition) {
    if (!d.edition) d.edition = edition;
    more.shift();
  }
  const pub = more.join('. ').replace(/[.,]$/, '').trim();
  if (pub) applyPublisher(d, pub.replace(/,\s*$/, ''));
  if (!d.containerTitle) issues.push({ kind: 'parse', message: `could not read the host work in “${host}”` });
}

/**
 * The parts of a publication statement, split where a stop outside brackets
 * ends one: not after an initial (`Rotterdam: A. A. Balkema`) nor before a
 * lower-case word (`Univ. of California`, `Rev. ed.`). Each part loses its final stop.
 */
function partsOf(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const stop of stopsOutsideBrackets(text)) {
    const before = text.slice(0, stop);
    const next = text.slice(stop + 1);
    // not after an initial, not before a lower-case word, not inside a number (`10. 2013`: a space put in)
    if (text[stop] !== '.' || /(?:^|[\s.])\p{Lu}$/u.test(before) || /^\s+\p{Ll}/u.test(next) || (/\d$/u.test(before) && /^\s+\d/u.test(next))) continue;
    out.push(text.slice(from, stop));
    from = stop + 1;
  }
  out.push(text.slice(from));
  return out.map((x) => x.trim().replace(/\.$/, '')).filter(Boolean);
}

/** `Title [Doctoral dissertation, University]`, `Title [硕士学位论文]`, `Title [Data set]`: the genre in brackets. */
function splitGenre(d: Draft, title: string): string {
  const m = /^(?<title>.+?)\s*\[(?<genre>[^\]]+)\]\.?$/u.exec(title.trim());
  if (!m?.groups) return title;
  const [genre, ...place] = m.groups.genre!.split(/\s*,\s*/);
  if (THESIS_RE.test(genre!)) {
    d.type = 'thesis';
    if (place.length && !d.publisher) d.publisher = place.join(', ');
  } else if (isInstitution(m.groups.genre!)) {
    // APA prints a thesis without a genre as `[University]`: `Title (pp. 17–18) [中国科学技术大学]`
    d.type = 'thesis';
    if (!d.publisher) d.publisher = m.groups.genre!.trim();
    return m.groups.title!;
  }
  d.genre = genre;
  return m.groups.title!;
}

/**
 * `中国科学技术大学`, `John Wiley & Sons`, `Univ. of California`: a body's name, not
 * a genre (`Data set`, `Computer software` are written in sentence case).
 */
function isInstitution(text: string): boolean {
  const t = text.trim();
  if (isOrgPiece(t)) return true;
  const words = t.split(/\s+/u).filter((w) => !/^(?:of|and|for|the|&|de)$/u.test(w));
  return !HAN_RE.test(t) && words.length >= 2 && parseWesternOrg(t) !== null && words.every((w) => /^[\p{Lu}\d]/u.test(w));
}

const HAN_RE = /\p{Script=Han}/u;

/** `A, B & C` / `A and B` → `A, B, C`: the list as the GB/T name reader takes it. */
function commaList(text: string): string {
  return text.replace(/\s*,?\s+(?:&|and)\s+/gu, ', ');
}
