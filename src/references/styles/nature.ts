/**
 * Nature and the styles like it (Science, Cell's short form): names
 * family-first with `&`, the year in parentheses at the end.
 *
 *     Smith, J. & Doe, B. Title. J. Nutr. 14, 123–130 (2020).
 *     Smith, J. Book Title 2nd edn (Springer, 2015).
 *     Smith, J. Report Title RMRS-GTR-262 (Forest Service, 2011).   (report, patent, standard: the number after the title)
 *     Smith, J. Chapter. in Book (eds Doe, A. & Roe, B.) 10–20 (Springer, 2015).
 *     Smith, J. Thesis title. PhD thesis, University (2015).         (the genre may be missing: `Title. University (2015).`)
 *     Smith, J. Page title. (2015).                                  (a web page: no container)
 *     Book Title 2nd edn (Springer, 2015).                           (no author: the title first)
 */
import type { Draft, ParseIssue } from '../draft.js';
import { assignNames } from '../draft.js';
import { normalizePages, PAGE_SRC, PAGES_SRC, parseEdition, stopsOutsideBrackets } from '../tokens.js';
import { readNamesToStop } from './inverted-names.js';
import { applyPublisher, cleanTail, readEditors, THESIS_RE } from './source.js';

/** The year at the end, alone or after a publisher: `(2020)`, `(Springer, 2015)`, `(ASME, c1971)`. */
export const NATURE_END = /\((?:(?<pub>[^()]*?),\s*)?c?(?<year>\d{4})[a-z]?\)\s*\.?\s*$/u;
const JOURNAL = new RegExp(String.raw`^(?<pre>.+?)\s+(?<vol>[A-Za-z]?\d+[A-Za-z]?(?:[–-]\d+)?)(?:\s*\((?<iss>[^()]{1,12})\))?,\s*(?<pg>${PAGES_SRC})\s*$`, 'u');
/** A chapter's pages, also by section: `117–211`, `1.1-1.36` (`1. 1-1. 36` when a space was added). */
const HOST_PAGES_SRC = String.raw`(?:\d+\.\s?\d+\s*[-–—]\s*\d+\.\s?\d+|${PAGE_SRC})`;
/** `Title. in Book (ed Doe, A.) 1.1-1.36`: the pages after a space, or right after the editors' bracket. */
const CHAPTER = new RegExp(
  String.raw`^(?<title>.+?)[.?!]\s+in\s+(?<book>.+?)(?:\s*\((?:eds?\.?)\s+(?<eds>[^()]+)\))?(?:(?:(?<=\))\s*|\s+)(?<pg>${HOST_PAGES_SRC}))?\s*$`,
  'u',
);
const LOOSE_PAGES = new RegExp(String.raw`^(?<ct>.+?)\s+(?<pg>${PAGE_SRC})$`, 'u');
const ABBREVIATED = /^(?:\p{Lu}[\p{L}\-’'.]*\.?|of|and|&|the|in|for|on|de|der|und|la|le|des|[A-Z]+|\([^()]+\))$/u;
/** The edition after a book's title: `2nd edn`, `Rev. edn`, `Rev. ed.`, `同文书局影印本`, `第 2 版`. */
const EDITION_AT_END = /^(?<title>.+?)\s+(?<ed>\d+(?:st|nd|rd|th)\s+edn?\.?|Rev\.?\s*edn?\.?|(?:第\s*)?[\p{Script=Han}\d]{1,12}[本版])$/iu;

/**
 * A report, patent or standard number at the end of the title, as Nature
 * prints it before the year: `GB/T 3792.4—2009`, `ISO 15836:2009`,
 * `PB 91-194001` (letters, a space, digits); `RMRS-GTR-262`, `US6915001`,
 * `7178999X-2006BAK04A10/10.2013` (one token of capitals and digits, three
 * digits at least); `200610171314.3` (a Chinese patent: digits alone, seven
 * in a row at least, so years `1949-2009` stay in the title). A stop inside may have gained a space (`3792. 4`). After a
 * colon the number is the title's own (`名称代码: GB/T 2659—1986`).
 */
const NUMBER_AT_END = new RegExp(
  String.raw`^(?<title>.+?[^:：])\s+(?<num>` +
    String.raw`[A-Z]{1,5}(?:\/[A-Z]{1,2})?\s(?=[\d.:\s—–-]*\d{4})\d+(?:[.:]\s?\d+)*(?:\s?[—–-]\s?\d+)?` +
    String.raw`|(?=[A-Z\d\-/.\s]*[A-Z])(?=(?:[^\d]*\d){3})[A-Z\d]+(?:[-/.]\s?[A-Z\d]+)*` +
    String.raw`|\d{7,}(?:[-/.]\s?\d+)*` +
    String.raw`)$`,
  'u',
);

/** A stop between words (not `200610171314. 3`, a number that gained a space). */
const STOP_BEFORE_WORD = /[.?!]\s+(?!\d)/u;

/** Read a Nature-style reference into `d`; false when it is not one. */
export function readNature(input: string, d: Draft, issues: ParseIssue[]): boolean {
  const s = respaceStops(cleanTail(d, input));
  const end = NATURE_END.exec(s);
  if (!end || end.index === undefined) return false;
  const pub = end.groups!.pub;
  const start = readAuthors(d, s, end.index, pub !== undefined);
  if (start === undefined) return false;
  d.issued = { 'date-parts': [[Number(end.groups!.year)]] };
  const body = s.slice(start, end.index).trim().replace(/\.$/, '');
  if (readChapter(d, body)) {
    if (pub) applyPublisher(d, pub);
    return true;
  }
  if (pub !== undefined) {
    d.type = 'book';
    readBookTitle(d, body);
    applyPublisher(d, pub);
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
  if (!STOP_BEFORE_WORD.test(body) && NUMBER_AT_END.test(body)) {
    d.type = 'report';
    d.title = splitNumber(d, body);
    return true;
  }
  readLoose(d, body);
  return true;
}

/**
 * The names before the title, assigned to `d`; returns where the title
 * starts: 0 for a work without author, which starts with its title (a book
 * `康熙字典 (中华书局, 1962).`, a chapter `宋史卷三. in 宋史 49 (…)`, a
 * standard `Title ISO 15836:2009 (2009).`); undefined when neither reading fits.
 */
function readAuthors(d: Draft, s: string, limit: number, hasPublisher: boolean): number | undefined {
  const names = readNamesToStop(s, limit);
  const rest = names ? s.slice(names.end, limit).trim() : '';
  // `卷 39 乞致仕第一. in 苏魏公文集`: what ends at the stop before `in` is the title
  if (names && rest && !/^in\s/u.test(rest)) {
    assignNames(d, { names: names.names, etAl: names.etAl, persons: true, ok: true }, 'author');
    return names.end;
  }
  const whole = s.slice(0, limit).trim().replace(/\.$/, '');
  if (hasPublisher || CHAPTER.test(whole) || (!STOP_BEFORE_WORD.test(whole) && NUMBER_AT_END.test(whole))) return 0;
  return undefined;
}

/** `Title. in Book (eds …) 10–20`, or proceedings without a publisher: `in Proc of X 61–70`. */
function readChapter(d: Draft, body: string): boolean {
  const chapter = CHAPTER.exec(body);
  if (!chapter?.groups) return false;
  d.title = chapter.groups.title!.trim();
  d.containerTitle = chapter.groups.book!.trim();
  d.type = /\b(?:Proc|Proceedings|Conference|Symposium|Workshop|Meeting|Congress)\b|会议/u.test(d.containerTitle) ? 'paper-conference' : 'chapter';
  if (chapter.groups.eds) d.editor = readEditors(chapter.groups.eds);
  if (chapter.groups.pg) d.page = normalizePages(chapter.groups.pg.replace(/\.\s+/gu, '.'));
  return true;
}

/** `Title 2nd edn`, `Title GB/T 25100—2010`, `康熙字典: 水部 同文书局影印本`: the title, the edition, the number (in that order). */
function readBookTitle(d: Draft, body: string): void {
  const title = splitNumber(d, body);
  const ed = EDITION_AT_END.exec(title);
  d.title = ed?.groups ? ed.groups.title! : title;
  if (ed?.groups) d.edition = parseEdition(ed.groups.ed!.replace(/edn/, 'ed')) ?? ed.groups.ed!;
}

/**
 * No volume: `Title. Journal 12–13`, `Title. 硕士学位论文, University`,
 * `Title. University` (a thesis whose genre is not printed), `Title. Container`,
 * or a title alone.
 */
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
  } else if (/^\d+$/u.test(rest)) {
    // a periodical as a whole: `临床内科杂志. 1 (1984).`, the title and the first volume
    d.type = 'periodical';
    d.volume = rest;
  } else if (pages?.groups) {
    d.type = 'article-journal';
    d.containerTitle = pages.groups.ct;
    d.page = normalizePages(pages.groups.pg!);
  } else if (isPublisher(rest)) {
    d.type = 'thesis';
    d.publisher = rest;
  } else {
    d.type = 'article-journal';
    d.containerTitle = rest;
  }
}

/**
 * `昆明医科大学`, `Univ. of California`, `John Wiley & Sons`: a university or
 * a publishing house, which Nature prints where a journal would stand only
 * for a thesis (or a book printed as one).
 */
function isPublisher(text: string): boolean {
  if (/(?:Journal|Review|Letters|Bulletin|Proceedings|Transactions|学报|杂志|期刊|通讯)/iu.test(text)) return false;
  return (
    /(?:大学|学院|研究院|研究所|科学院|出版社|书局|公司)$/u.test(text) ||
    /\b(?:Univ(?:ersity|ersidade|ersidad|ersité|ersität)?|College|Institute|Press|Publishers?|Publishing|Sons|Inc|Ltd|Verlag)\b/u.test(text)
  );
}

/** `Title. J. Nutr.`: the journal is the shortest tail of capitalised (abbreviated) words after a stop. */
function splitJournal(pre: string): { title: string; journal?: string } {
  const stops = stopsOutsideBrackets(pre);
  for (const at of stops) {
    const tail = pre.slice(at + 1).trim();
    // `J. Southeast Univ.(Nat. Sci.Ed.)`: the words inside a bracket are read as words
    if (tail.replace(/[()]/gu, ' ').trim().split(/\s+/).every((w) => ABBREVIATED.test(w))) {
      return { title: pre.slice(0, at + (pre[at] === '.' ? 0 : 1)).trim(), journal: tail };
    }
  }
  const last = stops[stops.length - 1];
  if (last === undefined) return { title: pre };
  return { title: pre.slice(0, last + (pre[last] === '.' ? 0 : 1)).trim(), journal: pre.slice(last + 1).trim() };
}

/** `全智能节电器 200610171314.3`, `… GB/T 25100—2010`: a report, patent or standard number after the title. */
function splitNumber(d: Draft, title: string): string {
  const m = NUMBER_AT_END.exec(title);
  if (!m?.groups) return title;
  const num = m.groups.num!;
  d.number = num;
  if (/^(?:[A-Z]{1,5}\/[A-Z]{1,2}|GB|ISO|IEC|EN|DIN|JIS|ANSI|ASTM|BS)\s[\d.:\s]+(?:[—–-]\s?\d{4}|:\s?\d{4})?$/u.test(num)) d.type = 'standard';
  else if (/^(?:[A-Z]{2}\d{5,}[A-Z]?\d?|\d{8,}(?:\.\s?\d)?)$/u.test(num)) d.type = 'patent';
  else d.type = 'report';
  return m.groups.title!;
}

/**
 * `healing.Biomaterials 196`, `王颖翠.人脐带`, `pyroxenes.in Pyroxense`,
 * `Winslet, M.Low-rank`: a stop that lost its space after a word, or after
 * the initial that ends a family-first name, gets it back, so the stops
 * between the parts show again. Runs of initials (`P.R.`, `U.S.Department`,
 * `J.Southeast`), a given-first name (`Harald A.Oye`) and numbers (`3792.4`)
 * stay; a Han word's stop before a digit is a stop (`临床内科杂志.1`).
 */
const GLUED_STOP = /(?<=[\p{L}\d)]{2}|\p{Script=Han}|,\s?\p{Lu})\.(?=[\p{Lu}\p{Script=Han}]|in\s)|(?<=\p{Script=Han})\.(?=\d)/gu;

function respaceStops(s: string): string {
  return s.replace(GLUED_STOP, (stop, at: number) => (/,\s?\p{Lu}$/u.test(s.slice(0, at)) && !/^\p{Lu}\p{Ll}/u.test(s.slice(at + 1)) ? stop : '. '));
}
