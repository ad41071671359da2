/**
 * Vancouver / NLM (and the ICMJE form medical journals print):
 *
 *     Smith J, Doe B. Title. J Nutr. 2020 Mar 5;14(10):123-30.
 *     Smith J. Book title. 2nd ed. New York: Springer; 2015.
 *     Smith J. Chapter. In: Doe A, editor. Book. Berlin: Springer; 2015. p. 10-20.
 *     WHO. Page title [Internet]. 2019 [cited 2020 Jan 2]. Available from: …
 *     Smith J. Title [dissertation]. Boston: Univ; 2010.
 *     Doe J. Headline. The Daily Times. 2002 Aug 12;Sect. A:2 (col. 4).
 *
 * Names and title are split as GB/T 7714 splits them (the two styles write
 * names alike); the rest is read by the semicolon after the date.
 */
import type { Draft, ParseIssue } from '../draft.js';
import { assignNames } from '../draft.js';
import { splitHead } from '../head.js';
import { ABBREVIATIONS, normalizePages, PAGES_SRC, parseEdition, parseEnglishDate, VOLUME_RE } from '../tokens.js';
import { applyPublisher, cleanTail, readEditors, THESIS_RE } from './source.js';

const DATE = String.raw`\d{4}(?:\s+[A-Za-z]{3,9}\.?(?:\s+\d{1,2})?)?(?:\s*[-–]\s*(?:[A-Za-z]{3,9}\.?\s*)?\d{0,4})?`;
/** A character of a journal's name: not `.` or `;`, nor the `?`, `!` that end a title (`如何突围? 人民日报`). */
const NO_STOP = String.raw`(?:[^.;?!]|[?!](?!\s))`;
/** `Journal. 2020 Mar 5;14(10):123-30` at the end of the string. */
const JOURNAL = new RegExp(
  String.raw`(?:^|(?<=[.?!])\s+)(?<ct>${NO_STOP}+?(?:\.(?!\s)${NO_STOP}*?)*?)\.\s*(?<date>${DATE})\s*;\s*(?<vol>[^():;\s]+)?\s*(?:\((?<iss>[^()]+)\))?\s*(?::\s*(?<pg>${PAGES_SRC}))?\s*\.?\s*$`,
  'u',
);
/**
 * A newspaper article: the date with month and day, then the section and
 * page, `The Daily Times. 2002 Aug 12;Sect. A:2 (col. 4)`, (citation-js)
 * `中国青年报. 2000 Nov 20:15`, or on line without a page, `人民日报. 2013 Jan 12`.
 */
const NEWSPAPER = new RegExp(
  String.raw`(?:^|(?<=[.?!])\s+)(?<ct>${NO_STOP}+?)\.\s*(?<date>\d{4}\s+[A-Za-z]{3,9}\.?\s+\d{1,2})\s*(?:(?:;\s*(?:Sect\.\s*)?[^:;]{1,20})?:\s*(?<pg>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)(?:\s*\(col\.\s*\d+\))?)?\s*\.?\s*$`,
  'u',
);
/** `p. 17–8`, `pp. 10-20`, `p. 1.1-1.36` (pages numbered by section). */
const PAGES_AFTER = /\bp{1,2}\.\s*(?<pg>[A-Za-z]?\d+(?:\.\d+)?(?:\s*[-–—]\s*[A-Za-z]?\d+(?:\.\d+)?)?)/u;
/** `; 2015` / `; c1980` after the publisher. */
const PUBLISHER_DATE = new RegExp(String.raw`\s*;\s*c?(?<date>${DATE})(?=\s*\.|\s*$|\s*\()`, 'u');
/** A patent number, `US6915001`, `200610171314.3`, and with the check digit pushed off, `01128777. 2`. */
const PATENT_NO = String.raw`[A-Z]{0,4}\d[\d.]{4,}(?:\s\d(?=,))?[A-Z\d]*`;
/** Signs of the family, any one enough: `2020;14`, `Place: Publisher; 2015`, `Publisher; 2015` at the end, `[Internet]`, `[cited …]`, a newspaper's `2000 Nov 20:15`. */
export const VANCOUVER_SIGN = new RegExp(
  String.raw`;\s*${PATENT_NO},\s*\d{4}\b|\.\s*${DATE}\s*;\s*[\dA-Za-z(]|:\s*[^;:]{2,80};\s*c?\d{4}|\[Internet\]|\[cited\b|Available from:?|\.\s+In:\s|\.\s*\d{4}\.\s*pp?\.\s*\d|;\s*c?\d{4}(?:\.|$)|\.\s*\d{4}\s+[A-Z][a-z]{2}\s+\d{1,2}:\s*\d`,
  'u',
);

/** Read a Vancouver reference into `d`; false when the string shows no sign of one. */
export function readVancouver(input: string, d: Draft, issues: ParseIssue[]): boolean {
  if (!VANCOUVER_SIGN.test(input)) return false;
  let s = cleanTail(d, takeCited(d, input));
  // `Title [Internet].2012`: the period after the bracket still ends the title
  const internet = /\s*\[Internet\](?:\.\s*)?/iu.exec(s);
  if (internet) {
    s = s.replace(internet[0], internet[0].includes('.') ? '. ' : '');
    d.type = 'webpage';
  }
  const rest = readHead(d, s);
  if (readJournal(d, rest) || readNewspaper(d, rest)) return true;
  readMonograph(d, rest, issues);
  return true;
}

/**
 * Names, then what follows them. A work with no author begins with its title
 * (Citing Medicine): `Chapter title. In: Book. Place: Publisher; 1988.`, so
 * a head followed at once by `In:` is the title, not a name.
 */
function readHead(d: Draft, s: string): string {
  const { names, title: rest } = splitHead(s);
  if (!names) return rest;
  if (/^In:/u.test(rest)) {
    const title = s.slice(0, s.length - rest.length).trim().replace(/\.$/u, '');
    if (title) {
      d.title = title;
      return rest;
    }
  }
  // `中国地理学会. 地理学报. 1934;(1–3)`: a periodical's title read as a second part of its body's name
  const only = names.names.length === 1 ? names.names[0]!.literal : undefined;
  const last = only ? /^(?<body>.+?)\.\s+(?<title>[^.]+)$/u.exec(only) : null;
  if (last?.groups && /^(?:Vol\.\s*\d+\.\s*)?\d{4}[^;]{0,12};/u.test(rest)) {
    assignNames(d, { ...names, names: [{ literal: last.groups.body! }] }, 'author');
    return `${last.groups.title!}. ${rest}`;
  }
  assignNames(d, names, 'author');
  return rest;
}

/**
 * `Title. Journal. 2020;14(10):123-30`; the same with the space after the
 * title lost, `Title.Journal. 2020;…`; or a whole periodical under its
 * issuing body, `Body. Journal. Vol. 1. 1984;1(1)` / `Body. Journal. 1957;(1–4)`.
 */
function readJournal(d: Draft, rest: string): boolean {
  const journal = JOURNAL.exec(rest);
  if (!journal?.groups || journal.index === undefined) return false;
  let before = rest.slice(0, journal.index);
  let ct = journal.groups.ct!.trim();
  const glued = /^(?<title>.+?(?:\p{Ll}{2}|\p{Script=Han}))\.(?<ct>(?:\p{Lu}|\p{Script=Han}).*)$/u.exec(ct);
  const volumeOnly = /^(?<title>.+?)\.\s*Vol\.?$/u.exec(before.trim());
  if (!before && glued?.groups) {
    before = glued.groups.title!;
    ct = glued.groups.ct!;
  }
  if ((volumeOnly?.groups && /^\d+$/u.test(ct)) || (!before && !journal.groups.pg && d.author)) {
    d.type = 'periodical';
    setTitle(d, volumeOnly?.groups?.title ?? ct);
  } else if (before) {
    d.type = 'article-journal';
    setTitle(d, before);
    d.containerTitle = ct;
  } else return false;
  setDate(d, journal.groups.date!);
  if (journal.groups.vol) d.volume = journal.groups.vol;
  if (journal.groups.iss) d.issue = journal.groups.iss.trim().replace(/\s*[–—]\s*/gu, '-');
  if (journal.groups.pg) d.page = normalizePages(journal.groups.pg);
  return true;
}

function readNewspaper(d: Draft, rest: string): boolean {
  const paper = NEWSPAPER.exec(rest);
  if (!paper?.groups || paper.index === undefined || paper.index <= 0) return false;
  // `Title. 京政办发[2005]37号. 2005 Jul 12`: a document number before the date, not a newspaper
  if (!paper.groups.pg && DOCUMENT_NO.test(paper.groups.ct!.trim())) return false;
  d.type = 'article-newspaper';
  setTitle(d, rest.slice(0, paper.index));
  d.containerTitle = paper.groups.ct!.trim();
  setDate(d, paper.groups.date!);
  if (paper.groups.pg) d.page = normalizePages(paper.groups.pg);
  return true;
}

/**
 * `2000 [cited 2014 Aug 29]. p. 17–8.` → the access date, and the string
 * without the bracket, so the year still ends its statement (`2000. p. 17–8.`).
 */
function takeCited(d: Draft, text: string): string {
  const cited = /\s*\[cited:?\s*(?<date>[^\]]+)\]/iu.exec(text);
  if (!cited?.groups) return text;
  const parts = parseEnglishDate(cited.groups.date!.trim());
  if (parts) d.accessed = { 'date-parts': [parts] };
  return text.slice(0, cited.index) + text.slice(cited.index + cited[0].length);
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

/** A period that extraction glued to the next part, where the two sides cannot be one abbreviation. */
const GLUED_STOPS = [
  String.raw`(?<=(?:\p{Script=Han}|\p{Ll}{2}|[\])])\.)(?=\p{Script=Han}|\p{Lu}|\[|\d+(?:st|nd|rd|th)\s)`, // `研究.上海:`, `ed.New York:`, `研究.[北京]:`, `systems.7th ed.`
  String.raw`(?<=\d\.)(?=\p{Script=Han}|\[)`, // `NIOSH/00151490.[S.l.];`
  String.raw`(?<=\p{L}{2}\.)(?=\d{4}\.)`, // `Workshop on Evaluation.2017. p. 796–801`
  String.raw`(?<=\b\d{4}\.)(?=pp?\.\s*\d)`, // `2014.p.1746–51`
];
const PART_STOP = new RegExp(
  String.raw`(?<=[.?!])(?<!\b(?:${ABBREVIATIONS})\.)\s+|(?<!\b(?:${ABBREVIATIONS})\.)(?:${GLUED_STOPS.join('|')})`,
  'gu',
);

/**
 * Where the parts of a statement begin: after `. ` (not after an
 * abbreviation such as `Rev. ed.`), and after a glued period (above).
 * Never inside brackets: `[S. l.]`.
 */
function partStarts(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(PART_STOP)) {
    if (bracketDepth(text.slice(0, m.index)) === 0) out.push(m.index! + m[0].length);
  }
  return out;
}

function bracketDepth(text: string): number {
  return (text.match(/[[(]/gu)?.length ?? 0) - (text.match(/[\])]/gu)?.length ?? 0);
}

function splitParts(text: string): string[] {
  const starts = [0, ...partStarts(text), text.length];
  return starts
    .slice(0, -1)
    .map((a, i) => text.slice(a, starts[i + 1]).trim())
    .filter(Boolean);
}

/**
 * `…. Place: Publisher; 2015` → the publisher statement and where it starts:
 * at the last part start that does not follow an initial (`D.C.`, `A. A. Balkema`).
 */
function publisherStatement(rest: string): { start: number; end: number; pub: string; date: string } | undefined {
  const date = PUBLISHER_DATE.exec(rest);
  if (!date?.groups || date.index === undefined) return undefined;
  const before = rest.slice(0, date.index);
  const starts = [0, ...partStarts(before).filter((i) => !/(?:^|[\s.])\p{Lu}\.\s*$/u.test(before.slice(0, i)))];
  let start = starts[starts.length - 1]!;
  // `Berkeley: Univ. of California`: a period after an abbreviated word inside the statement
  const previous = starts[starts.length - 2];
  if (previous !== undefined && !before.slice(start).includes(':') && /^[^:.]{1,40}:\s+(?:[\p{L}&]+\s+)*\p{Lu}\p{L}{0,5}\.\s+$/u.test(before.slice(previous, start))) start = previous;
  return { start, end: date.index + date[0].length, pub: before.slice(start).trim(), date: date.groups.date! };
}

/** `Title. 中国; 200610171314.3, 2006.` / `US; US6915001, 2005`: a patent, with its country and number. */
const PATENT = new RegExp(String.raw`^(?<title>.+?)\.\s*(?<place>[^.;]{1,30});\s*(?<num>${PATENT_NO}),\s*(?<year>\d{4})\b`, 'u');
/** `Report No.: 2004-101`, `Report nos.: 7178999X-2006BAK04A10/10.2013`, `Report RMRS-GTR-262`. */
const REPORT_NO = /(?:^|[.?!]\s*)Report\s+(?:nos?\.?\s*:?\s*)?(?<no>[^\s;][^;]*?)\.?(?=\.\s|\s*$)/iu;
/** A Chinese official document number (发文字号): `京政办发[2005]37号`, `国发〔2010〕12号`. */
const DOCUMENT_NO = /^\p{Script=Han}{2,12}\s*[[〔［(（]\d{4}[\]〕］)）]\s*\d{1,4}\s*号$/u;
/** `[S.l.]`, `[S. l.]`, `[s.l.]` (and OCR's `[S.1.]`): sine loco, the place unknown. */
const UNKNOWN_PLACE = /^\[\s*s\.?\s*[l1I]\.?\s*\]$/iu;

function readPatent(d: Draft, rest: string): boolean {
  const patent = PATENT.exec(rest);
  if (!patent?.groups) return false;
  setTitle(d, patent.groups.title!);
  d.type = 'patent';
  d.place = patent.groups.place!.trim();
  d.number = patent.groups.num!.replace(/\s/gu, '');
  setDate(d, patent.groups.year!);
  return true;
}

/** Books, chapters, theses, reports and web pages: parts up to `Place: Publisher; Year`. */
function readMonograph(d: Draft, rest: string, issues: ParseIssue[]): void {
  if (readPatent(d, rest)) return;
  const pub = publisherStatement(rest);
  const before = pub ? rest.slice(0, pub.start) : rest;
  const after = pub ? rest.slice(pub.end) : '';
  const segs = splitParts(before);
  if (!d.title) setTitle(d, segs.shift() ?? '');
  if (d.type === 'document') d.type = 'book';
  readParts(d, segs, !pub, issues);
  if (pub) {
    if (UNKNOWN_PLACE.test(pub.pub)) d.place = pub.pub;
    else if (pub.pub && !/^\d{4}/.test(pub.pub)) readPublisher(d, pub.pub);
    setDate(d, pub.date);
  } else if (!d.issued) {
    // a year that ends a part (`report. 2011. p. 8–9`) before one inside the title (`the 2010 strategy`)
    const year = /(?:^|[\s.])(\d{4})(?=\.|$)/.exec(rest) ?? /(?:^|\s)(\d{4})(?:\s|$|\.)/.exec(rest);
    if (year) setDate(d, year[1]!);
  }
  if (d.type === 'chapter' && /\b(?:Proc|Proceedings|Conference|Symposium|Workshop|Meeting|Congress)\b|会议/u.test(d.containerTitle ?? '')) d.type = 'paper-conference';
  const pages = PAGES_AFTER.exec(pub ? after : rest);
  if (pages?.groups) d.page = normalizePages(pages.groups.pg!);
  const report = REPORT_NO.exec(pub ? after : rest);
  if (report?.groups) {
    d.type = 'report';
    d.number = report.groups.no!.trim();
  }
}

/**
 * `New York: McGraw-Hill`, and the forms a place takes here: supplied in
 * brackets around an unknown place, `[[S. l.]]: Univ`, or glued to its
 * state, `Burr Ridge,Ill.` (read as `Burr Ridge, Ill.`).
 */
function readPublisher(d: Draft, text: string): void {
  applyPublisher(d, text);
  if (d.place) d.place = d.place.replace(/^\[(\[[^[\]]*\])\]$/u, '$1').replace(/,(?=\p{L})/gu, ', ');
}

/**
 * The parts between the title and the publisher: edition, volume (`Vol. 2`,
 * `第 1 卷`, `上`), host book, thesis genre, and when no publisher follows,
 * the date and a document number.
 */
function readParts(d: Draft, segs: string[], noPublisher: boolean, issues: ParseIssue[]): void {
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!.replace(/\.$/, '');
    const edition = parseEdition(seg);
    // `In: Doe A, editor. Book`, or with `In:` dropped: `Doe A, editor. Book`
    const host = /^In:?\s*(?<eds>.+)$/u.exec(seg) ?? /^(?<eds>[^.]+,\s*editors?)$/u.exec(seg);
    if (new RegExp(String.raw`^${DATE}$`, 'u').test(seg)) {
      if (noPublisher && !d.issued) setDate(d, seg);
    } else if (/^(?:c\d{4}|pp?\.\s*\S+|Report\b.*)$/iu.test(seg)) continue; // pages and report number, read below
    else if (edition && !d.edition) d.edition = edition;
    else if (VOLUME_RE.test(seg) && !d.volume) d.volume = seg.replace(/^vol(?:ume)?\.?\s*/iu, '');
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
    } else if (DOCUMENT_NO.test(seg)) {
      d.type = 'legislation';
      d.number = seg;
    } else issues.push({ kind: 'parse', message: `text before the publisher: “${seg}”` });
  }
}
