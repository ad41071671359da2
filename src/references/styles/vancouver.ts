/**
 * Vancouver / NLM (and the ICMJE form medical journals print):
 *
 *     Smith J, Doe B. Title. J Nutr. 2020 Mar 5;14(10):123-30.
 *     Smith J. Book title. 2nd ed. New York: Springer; 2015.
 *     Smith J. Chapter. In: Doe A, editor. Book. Berlin: Springer; 2015. p. 10-20.
 *     WHO. Page title [Internet]. 2019 [cited 2020 Jan 2]. Available from: …
 *     Smith J. Title [dissertation]. Boston: Univ; 2010.
 *
 * Names and title are split as GB/T 7714 splits them (the two styles write
 * names alike); the rest is read by the semicolon after the date.
 */
import type { Draft, ParseIssue } from '../draft.js';
import { assignNames } from '../draft.js';
import { splitHead } from '../head.js';
import { ABBREVIATIONS, normalizePages, PAGES_SRC, parseEdition, parseEnglishDate } from '../tokens.js';
import { applyPublisher, cleanTail, readEditors, THESIS_RE } from './source.js';

const DATE = String.raw`\d{4}(?:\s+[A-Za-z]{3,9}\.?(?:\s+\d{1,2})?)?(?:\s*[-–]\s*(?:[A-Za-z]{3,9}\.?\s*)?\d{0,4})?`;
/** `Journal. 2020 Mar 5;14(10):123-30` at the end of the string. */
const JOURNAL = new RegExp(
  String.raw`(?:^|[.?!]\s+)(?<ct>[^.;]+?(?:\.(?!\s)[^.;]*?)*?)\.\s*(?<date>${DATE})\s*;\s*(?<vol>[^():;\s]+)?\s*(?:\((?<iss>[^()]+)\))?\s*(?::\s*(?<pg>${PAGES_SRC}))?\s*\.?\s*$`,
  'u',
);
const PAGES_AFTER = /\bp{1,2}\.\s*(?<pg>[A-Za-z]?\d+(?:\s*[-–—]\s*[A-Za-z]?\d+)?)/u;
/** `; 2015` / `; c1980` after the publisher. */
const PUBLISHER_DATE = new RegExp(String.raw`\s*;\s*c?(?<date>${DATE})(?=\s*\.|\s*$|\s*\()`, 'u');
/** Signs of the family, any one enough: `2020;14`, `Place: Publisher; 2015`, `[Internet]`, `[cited …]`. */
export const VANCOUVER_SIGN = new RegExp(String.raw`;\s*[A-Z]{0,4}\d[\d.]{4,}[A-Z\d]*,\s*\d{4}\b|\.\s*${DATE}\s*;\s*[\dA-Za-z(]|:\s*[^;:]{2,80};\s*c?\d{4}|\[Internet\]|\[cited\b|Available from:?|\.\s+In:\s|\.\s+\d{4}\.\s+pp?\.\s*\d|;\s*c?\d{4}\.`, 'u');

/** Read a Vancouver reference into `d`; false when the string shows no sign of one. */
export function readVancouver(input: string, d: Draft, issues: ParseIssue[]): boolean {
  if (!VANCOUVER_SIGN.test(input)) return false;
  let s = cleanTail(d, input.replace(/\[cited\s+([^\]]+)\]/iu, '(cited $1)'));
  const internet = /\s*\[Internet\]/iu.exec(s);
  if (internet) {
    s = s.replace(internet[0], '');
    d.type = 'webpage';
  }
  const { names, title: rest } = splitHead(s);
  if (names) assignNames(d, names, 'author');
  const journal = JOURNAL.exec(rest);
  if (journal?.groups && journal.index !== undefined && journal.index > 0) {
    d.type = 'article-journal';
    setTitle(d, rest.slice(0, journal.index));
    d.containerTitle = journal.groups.ct!.trim();
    setDate(d, journal.groups.date!);
    if (journal.groups.vol) d.volume = journal.groups.vol;
    if (journal.groups.iss) d.issue = journal.groups.iss.trim();
    if (journal.groups.pg) d.page = normalizePages(journal.groups.pg);
    return true;
  }
  readMonograph(d, rest, issues);
  return true;
}

function setTitle(d: Draft, text: string): void {
  let t = text.trim().replace(/\.$/, '').trim();
  const genre = /\s*\[(?<g>[^\]]+)\]$/u.exec(t);
  if (genre?.groups) {
    t = t.slice(0, genre.index).trim();
    if (THESIS_RE.test(genre.groups.g!)) {
      d.type = 'thesis';
      d.genre = genre.groups.g;
    }
  }
  if (t) d.title = t;
}

function setDate(d: Draft, text: string): void {
  const parts = parseEnglishDate(text.replace(/\s*[-–].*$/, '')) ?? (/^\d{4}/.test(text) ? [Number(text.slice(0, 4))] : undefined);
  if (parts) d.issued = { 'date-parts': [parts] };
}

/** Books, chapters, theses, reports and web pages: segments up to `Place: Publisher; Year`. */
/**
 * `…. Place: Publisher; 2015` → the publisher statement and where it starts:
 * after the last `. ` that does not close an initial (`D.C.`, `A. A. Balkema`).
 */
function publisherStatement(rest: string): { start: number; end: number; pub: string; date: string } | undefined {
  const date = PUBLISHER_DATE.exec(rest);
  if (!date?.groups || date.index === undefined) return undefined;
  const before = rest.slice(0, date.index);
  const starts = [0];
  for (const m of before.matchAll(/\.\s+/gu)) {
    if (!/(?:^|[\s.])\p{Lu}$/u.test(before.slice(0, m.index!))) starts.push(m.index! + m[0].length);
  }
  let start = starts[starts.length - 1]!;
  // `Berkeley: Univ. of California`: a period after an abbreviated word inside the statement
  const previous = starts[starts.length - 2];
  if (previous !== undefined && !before.slice(start).includes(':') && /^[^:.]{1,40}:\s+(?:[\p{L}&]+\s+)*\p{Lu}\p{L}{0,5}\.\s+$/u.test(before.slice(previous, start))) start = previous;
  return { start, end: date.index + date[0].length, pub: before.slice(start).trim(), date: date.groups.date! };
}

/** Where a part ends: after `.`, `?`, `!`, but not after an abbreviation (`Rev. ed.`). */
const SEGMENT_END = new RegExp(String.raw`(?<=[.?!])(?<!\b(?:${ABBREVIATIONS})\.)\s+`, 'u');

/** `Title. 中国; 200610171314.3, 2006.` / `US; US6915001, 2005`: a patent, with its country and number. */
const PATENT = /^(?<title>.+?)\.\s+(?<place>[^.;]{1,30});\s*(?<num>[A-Z]{0,4}\d[\d.]{4,}[A-Z\d]*),\s*(?<year>\d{4})\b/u;

function readMonograph(d: Draft, rest: string, issues: ParseIssue[]): void {
  const patent = PATENT.exec(rest);
  if (patent?.groups) {
    setTitle(d, patent.groups.title!);
    d.type = 'patent';
    d.place = patent.groups.place!.trim();
    d.number = patent.groups.num!;
    setDate(d, patent.groups.year!);
    return;
  }
  const pub = publisherStatement(rest);
  const before = pub ? rest.slice(0, pub.start) : rest;
  const after = pub ? rest.slice(pub.end) : '';
  const segs = before.split(SEGMENT_END).map((x) => x.trim()).filter(Boolean);
  setTitle(d, segs.shift() ?? '');
  if (d.type === 'document') d.type = 'book';
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!.replace(/\.$/, '');
    const edition = parseEdition(seg);
    const host = /^In:?\s+(?<eds>.+)$/u.exec(seg);
    if (/^(?:c?\d{4}|pp?\.\s*\S+)$/u.test(seg)) continue; // year and pages, read below
    if (edition && !d.edition) d.edition = edition;
    else if (host?.groups) {
      d.type = 'chapter';
      if (/\beditors?\b|\beds?\b/i.test(host.groups.eds!)) {
        const editors = readEditors(host.groups.eds!);
        if (editors?.length) d.editor = editors;
        d.containerTitle = segs[++i]?.replace(/\.$/, '');
      } else d.containerTitle = host.groups.eds;
    } else if (THESIS_RE.test(seg)) {
      d.type = 'thesis';
      d.genre = seg;
    } else issues.push({ kind: 'parse', message: `text before the publisher: “${seg}”` });
  }
  if (pub) {
    if (pub.pub && !/^\d{4}/.test(pub.pub)) applyPublisher(d, pub.pub);
    setDate(d, pub.date);
  } else {
    const year = /(?:^|\s)(\d{4})(?:\s|$|\.)/.exec(rest);
    if (year) setDate(d, year[1]!);
  }
  if (d.type === 'chapter' && /\b(?:Proc|Proceedings|Conference|Symposium|Workshop|Meeting|Congress)\b|会议/u.test(d.containerTitle ?? '')) d.type = 'paper-conference';
  const pages = PAGES_AFTER.exec(pub ? after : rest);
  if (pages?.groups) d.page = normalizePages(pages.groups.pg!);
  const report = /Report\s+(?:No\.?:?\s*)?(?<no>[A-Z]*\s*\d[^.;]*)/u.exec(after);
  if (report?.groups) {
    d.type = 'report';
    d.number = report.groups.no!.trim();
  }
}
