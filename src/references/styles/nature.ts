/**
 * Nature and the styles like it (Science, Cell's short form): names
 * family-first with `&`, the year in parentheses at the end.
 *
 *     Smith, J. & Doe, B. Title. J. Nutr. 14, 123–130 (2020).
 *     Smith, J. Book Title 2nd edn (Springer, 2015).
 *     Smith, J. Chapter. in Book (eds Doe, A. & Roe, B.) 10–20 (Springer, 2015).
 */
import type { Draft, ParseIssue } from '../draft.js';
import { assignNames } from '../draft.js';
import { normalizePages, PAGE_SRC, PAGES_SRC, parseEdition, stopsOutsideBrackets } from '../tokens.js';
import { readNamesToStop } from './inverted-names.js';
import { applyPublisher, cleanTail, readEditors, THESIS_RE } from './source.js';

/** The year at the end, alone or after a publisher: `(2020)`, `(Springer, 2015)`. */
export const NATURE_END = /\((?:(?<pub>[^()]*?),\s*)?(?<year>\d{4})[a-z]?\)\s*\.?\s*$/u;
const JOURNAL = new RegExp(String.raw`^(?<pre>.+?)\s+(?<vol>[A-Za-z]?\d+[A-Za-z]?(?:[–-]\d+)?)(?:\s*\((?<iss>[^()]{1,12})\))?,\s*(?<pg>${PAGES_SRC})\s*$`, 'u');
const CHAPTER = new RegExp(String.raw`^(?<title>.+?)[.?!]\s+in\s+(?<book>.+?)(?:\s*\((?:eds?\.?)\s+(?<eds>[^()]+)\))?(?:\s+(?<pg>${PAGE_SRC}))?\s*$`, 'u');
const LOOSE_PAGES = new RegExp(String.raw`^(?<ct>.+?)\s+(?<pg>${PAGE_SRC})$`, 'u');
const ABBREVIATED = /^(?:\p{Lu}[\p{L}\-’']*\.?|of|and|&|the|in|for|on|de|der|und|la|le|des|[A-Z]+|\([^()]+\))$/u;

/** Read a Nature-style reference into `d`; false when it is not one. */
export function readNature(input: string, d: Draft, issues: ParseIssue[]): boolean {
  const s = cleanTail(d, input);
  const end = NATURE_END.exec(s);
  if (!end || end.index === undefined) return false;
  const names = readNamesToStop(s, end.index);
  if (!names || names.end >= end.index) return false;
  assignNames(d, { names: names.names, etAl: names.etAl, persons: true, ok: true }, 'author');
  d.issued = { 'date-parts': [[Number(end.groups!.year)]] };
  const body = s.slice(names.end, end.index).trim().replace(/\.$/, '');
  // `Title. in Book (eds …) 10–20 (Publisher, 2015)`, or proceedings without a publisher: `in Proc of X 61–70 (2010)`
  const chapter = CHAPTER.exec(body);
  if (chapter?.groups) {
    d.title = chapter.groups.title!.trim();
    d.containerTitle = chapter.groups.book!.trim();
    d.type = /\b(?:Proc|Proceedings|Conference|Symposium|Workshop|Meeting|Congress)\b|会议/u.test(d.containerTitle) ? 'paper-conference' : 'chapter';
    if (chapter.groups.eds) d.editor = readEditors(chapter.groups.eds);
    if (chapter.groups.pg) d.page = normalizePages(chapter.groups.pg);
    if (end.groups!.pub) applyPublisher(d, end.groups!.pub);
    return true;
  }
  if (end.groups!.pub !== undefined) {
    d.type = 'book';
    const ed = /^(?<title>.+?)\s+(?<ed>\d+(?:st|nd|rd|th)\s+edn?\.?|Rev\.? edn?\.?|\p{Script=Han}{1,12}[本版])$/iu.exec(body);
    d.title = splitNumber(d, ed?.groups ? ed.groups.title! : body);
    if (ed?.groups) d.edition = parseEdition(ed.groups.ed!.replace(/edn/, 'ed')) ?? ed.groups.ed!;
    applyPublisher(d, end.groups!.pub);
    return true;
  }
  const journal = JOURNAL.exec(body);
  if (journal?.groups) {
    const split = splitJournal(journal.groups.pre!);
    d.type = 'article-journal';
    d.title = split.title;
    d.containerTitle = split.journal;
    d.volume = journal.groups.vol!;
    if (journal.groups.iss) d.issue = journal.groups.iss;
    d.page = normalizePages(journal.groups.pg!);
    if (!split.journal) issues.push({ kind: 'parse', message: `could not tell the title from the journal in “${journal.groups.pre}”` });
    return true;
  }
  readLoose(d, body);
  return true;
}

/** No volume: `Title. Journal 12–13`, `Title. 硕士学位论文, University`, `Title. Container`, or a title alone. */
function readLoose(d: Draft, body: string): void {
  const stop = stopsOutsideBrackets(body)[0];
  if (stop === undefined) {
    d.type = d.type === 'document' ? 'webpage' : d.type;
    d.title = body;
    return;
  }
  d.title = body.slice(0, stop).trim();
  const rest = body.slice(stop + 1).trim();
  const pages = LOOSE_PAGES.exec(rest);
  const thesis = /^(?<genre>[^,]+),\s*(?<pub>.+)$/u.exec(rest);
  if (thesis?.groups && THESIS_RE.test(thesis.groups.genre!)) {
    d.type = 'thesis';
    d.genre = thesis.groups.genre;
    d.publisher = thesis.groups.pub;
  } else if (pages?.groups) {
    d.type = 'article-journal';
    d.containerTitle = pages.groups.ct;
    d.page = normalizePages(pages.groups.pg!);
  } else {
    d.type = 'article-journal';
    d.containerTitle = rest;
  }
}

/** `Title. J. Nutr.`: the journal is the shortest tail of capitalised (abbreviated) words after a stop. */
function splitJournal(pre: string): { title: string; journal?: string } {
  const stops = stopsOutsideBrackets(pre);
  for (const at of stops) {
    const tail = pre.slice(at + 1).trim();
    if (tail.split(/\s+/).every((w) => ABBREVIATED.test(w))) {
      return { title: pre.slice(0, at + (pre[at] === '.' ? 0 : 1)).trim(), journal: tail };
    }
  }
  const last = stops[stops.length - 1];
  if (last === undefined) return { title: pre };
  return { title: pre.slice(0, last + (pre[last] === '.' ? 0 : 1)).trim(), journal: pre.slice(last + 1).trim() };
}

/** `全智能节电器 200610171314.3`, `… GB/T 25100—2010`: a patent or standard number after the title. */
function splitNumber(d: Draft, title: string): string {
  const m = /^(?<title>.+?)\s+(?<num>(?:[A-Z]{1,5}(?:\/[A-Z])?\s*)?\d[\d.]{4,}(?:\s*[—–-]\s*\d{4})?)$/u.exec(title);
  if (!m?.groups) return title;
  d.number = m.groups.num!;
  if (d.type === 'book') d.type = /^[A-Z]/.test(m.groups.num!) ? 'standard' : 'patent';
  return m.groups.title!;
}
