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
import { normalizePages, parseEdition, parseEnglishDate, splitVolume, stopsOutsideBrackets } from '../tokens.js';
import { namesOfPieces, readInvertedNames } from './inverted-names.js';
import { applyJournal, applyPublisher, cleanTail, readEditors, readJournalComma, splitTitleNote, THESIS_RE } from './source.js';

const HOST_PAGES = /\s*\(?(?:pp?\.)\s*(?<pg>[A-Za-z]?\d+(?:\s*[-–—]\s*[A-Za-z]?\d+)?)\)?/u;

/** The date after the names: `(2020)`, `(2020a)`, `(2020, March 5)`, `(n.d.)`. */
export const AUTHOR_DATE_RE = /\(\s*(?<date>c?\d{4}[a-z]?(?:,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?)?|n\.\s?d\.)\s*\)/u;

/** Where the names end and the date begins, when the string reads as author-date. */
export function authorDateSplit(s: string): { names: string; date: string; body: string } | undefined {
  const m = AUTHOR_DATE_RE.exec(s);
  if (!m || m.index === undefined || m.index === 0 || m.index > 600) return undefined;
  const names = s.slice(0, m.index).trim().replace(/,$/, '').trim();
  if (!names || /[“”"]|(?:^|\s)‘/u.test(names)) return undefined;
  const body = s.slice(m.index + m[0].length).replace(/^\s*[.,:]?\s*/, '');
  return { names, date: m.groups!.date!, body };
}

function readNames(d: Draft, input: string): boolean {
  // `Doe, A., & Roe, B. (Eds.)`: editors in the authors' place
  const eds = /^(?<names>.+?)\s*\((?:Eds?|eds?)\.?\)\.?$/u.exec(input.trim());
  const text = eds?.groups ? eds.groups.names! : input;
  const role = eds ? 'editor' : 'author';
  const inverted = readInvertedNames(text);
  if (inverted && inverted.end >= text.replace(/[.\s]+$/, '').length) {
    assignNames(d, { names: inverted.names, etAl: inverted.etAl, persons: true, ok: true }, role);
    return true;
  }
  const plain = text.trim().replace(/\.$/, '');
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
export function readAuthorDate(s: string, d: Draft, issues: ParseIssue[]): boolean {
  const split = authorDateSplit(s);
  if (!split) return false;
  let body = split.body;
  if (!readNames(d, split.names)) {
    // APA puts the title first when there is no author: `Title. (1988). In …`
    if (!/\.$/.test(split.names) || /[;:]\s*\d|\d{4}\s*[;,]/.test(split.names)) return false;
    body = `“${split.names.replace(/\.$/, '')}” ${body}`;
  }
  const year = /^c?(\d{4})/.exec(split.date);
  if (year) {
    const parts = parseEnglishDate(split.date.replace(/^c/, '').replace(/[a-z](?=,|$)/, '')) ?? [Number(year[1])];
    d.issued = { 'date-parts': [parts] };
  }
  readBody(d, body, issues);
  return true;
}

function readBody(d: Draft, body: string, issues: ParseIssue[]): void {
  let rest = body.trim();
  // a quoted title (Harvard, Chicago): `‘Title’, Journal, …` / `“Title,” in …`
  const quoted = /^[“‘"](?<title>.+?)[,.]?[”’"][,.]?\s*(?<rest>.*)$/u.exec(rest);
  let title: string | undefined;
  if (quoted?.groups) {
    title = quoted.groups.title!.trim();
    rest = quoted.groups.rest!.trim();
  }
  const chapter = /(?:^|[.,]\s+)[Ii]n:?\s+(?<host>.+)$/u.exec(rest);
  if (chapter?.groups && chapter.index !== undefined && (title !== undefined || chapter.index > 0)) {
    if (title === undefined) title = rest.slice(0, chapter.index).trim();
    readHost(d, chapter.groups.host!, issues);
  } else {
    const parts = title === undefined ? splitTitle(rest) : { title, tail: rest };
    title = parts.title;
    readTail(d, parts.tail, issues);
  }
  if (title !== undefined) title = splitGenre(d, title);
  if (title !== undefined) {
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
    if (note.title) d.title = note.title;
  }
}

/** `Title. Journal, 14(10), 123–130` → the title and what follows it. */
function splitTitle(rest: string): { title: string; tail: string } {
  const stops = stopsOutsideBrackets(rest);
  // the last stop before a journal statement, else the first stop
  for (let k = stops.length - 1; k >= 0; k--) {
    const tail = rest.slice(stops[k]! + 1).trim();
    if (readJournalComma(tail) && !/[.?!]\s/.test(tail.replace(/\b\p{Lu}[\p{L}]{0,4}\.\s/gu, ''))) {
      return { title: rest.slice(0, stops[k]! + (rest[stops[k]!] === '.' ? 0 : 1)).trim(), tail };
    }
  }
  if (!stops.length) return { title: rest, tail: '' };
  const first = stops[0]!;
  return { title: rest.slice(0, first + (rest[first] === '.' ? 0 : 1)).trim(), tail: rest.slice(first + 1).trim() };
}

/** A report number standing as a part of its own: `RMRS-GTR-262`, `PB 91-194001` (capitals and digits, not a year). */
const REPORT_NUMBER = /^(?!\d{4}$)(?=[^\p{Script=Han}]*\d)[A-Z\d][A-Z\d\-–\/.]*(?:\s[A-Z\d][A-Z\d\-–\/.]*)?$/u;

/** `, p. 55` / `, pp. 1–7` at the end of a publisher statement. */
const TRAILING_PAGES = /[,.]?\s*pp?\.\s*(?<pg>[A-Za-z]?\d+(?:\s*[-–—]\s*[A-Za-z]?\d+)?)\s*$/u;

function readTail(d: Draft, tail: string, issues: ParseIssue[]): void {
  let t = cleanTail(d, tail);
  if (!t) return;
  const journal = readJournalComma(t);
  // `Journal, 14(10), 123–130`, or `Proceedings, 17–38` when no `Place: Publisher` follows
  if (journal && (journal.volume || journal.issue || !/:\s/.test(t)) && !REPORT_NUMBER.test(journal.containerTitle)) {
    applyJournal(d, journal);
    return;
  }
  const pages = TRAILING_PAGES.exec(t);
  if (pages?.groups && pages.index !== undefined) {
    d.page = normalizePages(pages.groups.pg!);
    t = t.slice(0, pages.index).trim();
  }
  // `. ` ends a part, but not after an initial (`Rotterdam: A. A. Balkema`)
  const segs = t.split(/(?<!(?:^|[\s.])\p{Lu})\.\s+/u).map((x) => x.trim().replace(/\.$/, '')).filter(Boolean);
  const statement = segs.findIndex((seg) => /:\s/.test(seg) && !parseEdition(seg));
  segs.forEach((seg, i) => {
    const edition = parseEdition(seg);
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
    } else if (/^Translated by\s/i.test(seg)) {
      const list = parseNameList(commaList(seg.replace(/^Translated by\s+/i, '')));
      if (list.names.length) d.translator = list.names;
    } else if (i < statement && !d.containerTitle) {
      // a part before the publisher statement: the work this one is part of (proceedings)
      d.containerTitle = seg;
      d.type = /\b(?:Proc|Proceedings|Conference|Symposium|Workshop|Congress)\b|会议/u.test(seg) ? 'paper-conference' : 'chapter';
    } else if (!d.publisher && (statement < 0 || i === statement)) {
      applyPublisher(d, seg);
      if (d.type === 'document') d.type = 'book';
    } else issues.push({ kind: 'parse', message: `text after the publisher: “${seg}”` });
  });
}

/** A host work after `In`: editors, its title, pages, publisher. */
function readHost(d: Draft, host: string, issues: ParseIssue[]): void {
  d.type = 'chapter';
  let h = cleanTail(d, host);
  const pages = HOST_PAGES.exec(h);
  if (pages?.groups && pages.index !== undefined) {
    d.page = normalizePages(pages.groups.pg!);
    h = (h.slice(0, pages.index) + h.slice(pages.index + pages[0].length)).trim();
  }
  // `A. Doe (Ed.), Book` / `A. Doe (ed.) Book` / `Doe A, editor. Book`
  const eds = /^(?<eds>.+?)\s*(?:\((?:Eds?|eds?)\.?\)|,\s*(?:editors?|eds?\.?))[,.]?\s+(?<rest>.+)$/u.exec(h);
  if (eds?.groups) {
    const editors = readEditors(eds.groups.eds!);
    if (editors?.length) d.editor = editors;
    h = eds.groups.rest!;
  }
  const [book, ...more] = h.split(/\s*\.\s+/u);
  const vol = splitVolume(book!.replace(/[.,]$/, '').trim());
  d.containerTitle = vol.title;
  if (vol.volume) d.volume = vol.volume;
  const pub = more.join('. ').replace(/[.,]$/, '').trim();
  if (pub) applyPublisher(d, pub.replace(/,\s*$/, ''));
  if (!d.containerTitle) issues.push({ kind: 'parse', message: `could not read the host work in “${host}”` });
}

/** `Title [Doctoral dissertation, University]`, `Title [硕士学位论文]`, `Title [Data set]`: the genre in brackets. */
function splitGenre(d: Draft, title: string): string {
  const m = /^(?<title>.+?)\s*\[(?<genre>[^\]]+)\]\.?$/u.exec(title.trim());
  if (!m?.groups) return title;
  const [genre, ...place] = m.groups.genre!.split(/\s*,\s*/);
  if (THESIS_RE.test(genre!)) {
    d.type = 'thesis';
    if (place.length && !d.publisher) d.publisher = place.join(', ');
  }
  d.genre = genre;
  return m.groups.title!;
}

/** `A, B & C` / `A and B` → `A, B, C`: the list as the GB/T name reader takes it. */
function commaList(text: string): string {
  return text.replace(/\s*,?\s+(?:&|and)\s+/gu, ', ');
}
