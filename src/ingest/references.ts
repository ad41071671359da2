/**
 * The reference list of an extracted article: its heading, its entries, and
 * the lines after it that are not references.
 *
 * Entries are numbered (`[1]`, `［1］`, `[1].`, `1.`, `1)`, `(1)`, `1 `) or
 * author–year (unnumbered, one a line or several glued on one line). An entry
 * cut at a page break is joined; the English translation printed after a
 * Chinese entry is kept in that entry. What follows the list (the English
 * title block, `Abstract:`, `Key words:`, biographies, footnotes, watermarks,
 * image lines, captions, tables) is handed back as `rest` for the caller.
 * Every entry keeps exact source positions; every guess is an info finding.
 */
import type { PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../findings/index.js';
import type { ReferenceEntry, ReferenceList } from '../model/types.js';
import { isRevisionNote } from './noise.js';
import { sliceLine, trimLine, type Line, type SourceText } from './source.js';

const STAGE = 'ingest';

const HAN = /[\u3400-\u9fff]/;
const HAN_G = /[\u3400-\u9fff]/g;
/** A year (OCR may print 0 as O): `2015`, `2O14`, `2015a`, the start of `1959-2004`. */
const YEAR = /(?<![\dA-Za-z])(?:1[6-9]|2[0Oo])[\dOo]{2}[a-z]?(?=$|[\s.．,，:：;；)）\]\-–])/;
/** A document type mark: `[J]`, `[M]`, `[EB/OL]`, `[J/OL]`, `[C]//`. */
const TYPE_MARK = /\[[A-Z]{1,2}(?:\/[A-Z]{1,2})?[\]］」]|［[A-Z]{1,2}[\]］]/;

// ---- heading ----

const HEADING_ZH =
  /^(?:#{1,6}\s*)?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．]?\s*)?(?:[[【〔(（]\s*)?(?:主要)?参\s*考\s*文\s*献(?:\s*[\]】〕)）])?(?:\s*[(（]?\s*(?:References?|REFERENCES?|Bibliography)\s*[)）]?)?/;
const HEADING_EN =
  /^(?:#{1,6}\s*)?(?:\d{1,2}\s*[.、．]?\s*)?(?:[[【(（]\s*)?(?:References?|REFERENCES?|Bibliography|BIBLIOGRAPHY|Literature\s+Cited)(?:\s*[\]】)）])?/;

/** Is this line a reference-list heading? Returns the offset where entries start on the same line (text.length when none). */
export function matchReferencesHeading(text: string): { rest: number } | null {
  const m = HEADING_ZH.exec(text) ?? HEADING_EN.exec(text);
  if (!m) return null;
  const sep = /^\s*[:：]?\s*/.exec(text.slice(m[0].length))![0];
  const rest = m[0].length + sep.length;
  if (rest === text.length) return { rest };
  const tail = text.slice(rest);
  // Entries on the heading line: `参考文献：[1] 张三…`, `参考文献：CAO M, …, 2012.`
  const label = /^[[［](\d{1,3})[\]］]/.exec(tail);
  if (label && (Number(label[1]) === 1 || /[:：]/.test(sep))) return { rest };
  if (/[:：]/.test(sep) && (/^1[.、．)]\s*\S/.test(tail) || authorYearStart(tail, { pinyin: true, corporate: true }))) return { rest };
  return null;
}

/**
 * A heading printed at the end of a body line (`…结果更好。参考文献:`): where
 * the heading starts on the line, or null. Entries start on the next line.
 */
export function matchTrailingReferencesHeading(text: string): { at: number } | null {
  const m = /(?:^|[。.!！?？)）]\s*)((?:#{1,6}\s*)?(?:[[【]\s*)?参\s*考\s*文\s*献(?:\s*[\]】])?\s*[:：]?)\s*$/.exec(text);
  if (!m) return null;
  return { at: m.index + m[0].indexOf(m[1]!) };
}

// ---- author–year openings ----

interface AuthorYearOptions {
  /** Accept full pinyin names (`Wang Xiaoming`): only at the start of a line. */
  pinyin: boolean;
  /** Accept a corporate author (`Compilation Committee of …`): only after an entry's end. */
  corporate: boolean;
}

const PARTICLE = '(?:(?:van|von|de|der|da|di|du|le|la|el|al)\\s+)?';
/** `WANG Q C.`, `Park M-HY`, `Smith J`, `LIUX` (initials glued), `AL-SAYED NA.` */
const SURNAME_INITIALS = new RegExp(`^${PARTICLE}\\p{Lu}[\\p{Script=Latin}'’\\-]*\\p{Script=Latin}\\.?\\s*[A-Z][A-Z.\\-\\s]{0,6}$`, 'u');
/** `M. Garcia-Lopez`, `J.H. Smith`, `Weingärtner O` (letters with diacritics) */
const INITIALS_SURNAME = /^(?:[A-Z]\.\s*){1,3}\p{Lu}[\p{Script=Latin}'’\-]+$/u;
const PINYIN = /^[A-Z][a-z]+\s?[A-Z][a-z]+(?:-[a-z]+)?$/;
const HAN_NAME = /^[\u3400-\u9fff·]{2,5}$/;
const CORPORATE = /^(?:[A-Z][A-Za-z'’\-.&]*|[\u3400-\u9fff]{2,24})(?:\s+(?:[A-Z][A-Za-z'’\-.&]*|of|the|and|for|in|on|at|de|du|&)){0,16}$/;

function isPersonalName(token: string, pinyin: boolean): boolean {
  return SURNAME_INITIALS.test(token) || INITIALS_SURNAME.test(token) || HAN_NAME.test(token) || (pinyin && PINYIN.test(token));
}

/** The author names before the year of an author–year entry. */
function authorTokens(prefix: string): string[] {
  return prefix
    .replace(/[(（]\s*$/, '')
    .split(/[,，;；&、]|\band\b|\bet\s*a[l1]\b\.?|\beta[l1]\b\.?|等/)
    .map((t) => t.trim().replace(/^\.\s*/, ''))
    .filter((t) => t && t !== '.');
}

/** Does this text open with an author list followed by a year (`ZHANG SM, LI XY, et al, 2015.`)? */
function authorYearStart(text: string, options: AuthorYearOptions): boolean {
  const head = text.slice(0, 260);
  const y = YEAR.exec(head);
  let prefix: string;
  if (y) prefix = head.slice(0, y.index);
  else if (options.corporate && /[,，]\s*$/.test(text) && text.length < 200) prefix = text; // the year is on the next line
  else return false;
  if (!prefix || !/[,，.．\s(（]$/.test(prefix)) return false;
  if (TYPE_MARK.test(prefix) || /\[|\/\/|https?:|[:："“”]/.test(prefix)) return false;
  const tokens = authorTokens(prefix);
  if (!tokens.length) return false;
  const first = tokens[0]!;
  if (!isPersonalName(first, options.pinyin) && !(options.corporate && CORPORATE.test(first))) return false;
  return tokens.slice(1).every((t) => isPersonalName(t, options.pinyin));
}

// ---- lines that are not references ----

const REST_PATTERNS: Array<[RegExp, string]> = [
  [/^!\[[^\]]*\]\(/, 'image'],
  [/^C\s*h\s*i\s*n\s*a\s*X\s*i\s*v\s*合\s*作\s*期\s*刊/i, 'watermark'],
  [/^<\/?(?:html|body|table|tr|td|th)\b/i, 'table'],
  [/^(?:图|表)\s*\d{1,2}(?:[-.]\d{1,2})?(?![\d,，])/, 'caption'],
  [/^(?:Fig\.?|Figure|Tab\.|Table)\s*\d{1,2}\b/i, 'caption'],
  [/^图\s*版|^Plate\s*[IVX\d]/, 'caption'],
  [/^[(（]?\s*(?:第一|通[信讯])?作者简介|^(?:First\s*author|About\s+the\s+authors?|Biography|Biographies)\b/i, 'biography'],
  [/^[*＊]?\s*(?:通[信讯]作者|Corresponding\s+authors?)/i, 'note'],
  [/^[(（]?\s*(?:基金项目|Foundation\s+items?|Funding\s*[:：])/i, 'note'],
  [/^[(（]?\s*(?:收稿日期|修回日期|Received\s*(?:date)?\s*[:：])/i, 'note'],
  [/^[(（]?\s*(?:本文)?(?:责任)?编辑\s*[:：]/, 'note'],
  [/^注\s*[:：]/, 'note'],
  [/^(?:附页|第一作者|通讯地址)\s*[:：]/, 'note'],
  [/^[(（]\s*(?:下转|上接|转|接)第?\s*\d+\s*页/, 'note'],
  [/^[-—–\s]*\d{1,3}[-—–\s]*$/, 'page number'],
];

/** Rest lines that the lines after them (up to the next entry) belong to. */
const ASIDES = new Set(['note', 'biography', 'image', 'caption']);

/** Lines after which the rest of the file is not the reference list. */
const TERMINATORS: Array<[RegExp, string]> = [
  [/^(?:[[【]\s*)?Abstract\b/i, 'abstract'],
  [/^(?:[[【]\s*)?Key\s*-?\s*words?\b/i, 'keywords'],
  [/^(?:附\s*录|致\s*谢|Appendix|Acknowledge?ments?)(?![A-Za-z])/i, 'appendix'],
];

/** Why this line is not a reference (null when it may be one). */
function restReason(text: string): string | null {
  if (isRevisionNote(text)) return 'revision note';
  for (const [re, reason] of REST_PATTERNS) if (re.test(text)) return reason;
  if (matchReferencesHeading(text)?.rest === text.length) return 'heading';
  return isBodyText(text) ? 'body text' : null;
}

/** A paragraph of body text printed inside the list (a page-layout accident): sentences, no document type, no volume(issue). */
function isBodyText(text: string): boolean {
  if ((text.match(HAN_G) ?? []).length <= 40 || !/。/.test(text) || !/，[^，]*，/.test(text)) return false;
  return !TYPE_MARK.test(text) && !/^[[［(（]?\d{1,3}[\]］)）.、]/.test(text) && !/(?:19|20)\d{2}\s*[,，]\s*\d+\s*[(（]/.test(text);
}

/**
 * Does this line end the list (everything from here on is rest)? So does a
 * Markdown heading that is not a reference: the English title, an appendix.
 */
function terminatorReason(p: Prepared): string | null {
  const text = p.line.text;
  for (const [re, reason] of TERMINATORS) if (re.test(text)) return reason;
  // The English title, names and affiliations run together with `Abstract:` on one line.
  const abstract = /(?:^|[\s)）])Abstract\s*[:：]/.exec(text);
  if (abstract && !TYPE_MARK.test(text.slice(0, abstract.index)) && !HAN.test(text)) return 'abstract';
  if (!p.heading || restReason(text) !== null || leadLabel(text, 0) || TYPE_MARK.test(text) || YEAR.test(text)) return null;
  if (HAN.test(text) ? text.length <= 40 : !looksLikeReference(text)) return 'heading';
  return null;
}

/** Does this line carry the marks of a reference (so the English block cannot have started yet)? */
function looksLikeReference(text: string): boolean {
  if (HAN.test(text)) return true;
  if (TYPE_MARK.test(text) || YEAR.test(text) || /\bet\s*al\b|\/\/|https?:|doi/i.test(text)) return true;
  return /\d+\s*[-–~]\s*\d+/.test(text) || /^\s*[[［]\d{1,3}[\]］]/.test(text);
}

// ---- preparing lines ----

interface Prepared {
  /** The line as given. */
  orig: Line;
  /** Trimmed, without a bullet, a Markdown `#`, a manuscript line number or a stray mark before a label. */
  line: Line;
  /** The line was a Markdown heading. */
  heading: boolean;
}

/** Manuscript line numbers (`196 [2]SMITH J …`, `197 growth and …`): runs of lines numbered n, n+1, n+2. */
function lineNumberRuns(lines: Line[]): boolean[] {
  const nums = lines.map((l) => {
    const m = /^(\d{1,4})\s+(?=\S)/.exec(l.text);
    return m ? Number(m[1]) : null;
  });
  const marked = nums.map((n, i) => n !== null && (nums[i - 1] === n - 1 || nums[i + 1] === n + 1));
  const strip = marked.map(() => false);
  let i = 0;
  while (i < marked.length) {
    if (!marked[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < marked.length && marked[j + 1]) j++;
    const run = lines.slice(i, j + 1);
    const labelled = run.some((l) => /^\d{1,4}\s+[[［]\d{1,3}[\]］]/.test(l.text));
    if (j - i >= 2 && (labelled || nums[i]! > i + 10)) for (let k = i; k <= j; k++) strip[k] = true;
    i = j + 1;
  }
  return strip;
}

/** A garbled line number or mark before a label (`4 [5]…`, `.83 [17]…`, `∠b5 [3U]…`), or before a continuation (`.84 质的…`). */
const STRAY_MARK = /^(?:(?:[.．]?\d{1,4}|[^\s\u3400-\u9fff[［]{1,4})\s+(?=[[［]\d{1,3}[A-Za-z]?[\]］])|[.．]\d{1,4}\s+)/;

function prepareLines(lines: Line[]): Prepared[] {
  const trimmed = lines.map(trimLine).filter((l) => l.text);
  const strip = lineNumberRuns(trimmed);
  return trimmed.map((orig, i) => {
    let line = orig;
    if (strip[i]) line = trimLine(sliceLine(line, /^\d{1,4}\s+/.exec(line.text)![0].length));
    const hash = /^#{1,6}\s*/.exec(line.text);
    if (hash) line = trimLine(sliceLine(line, hash[0].length));
    const mark = /^[-*•·]\s+/.exec(line.text) ?? STRAY_MARK.exec(line.text);
    if (mark) line = trimLine(sliceLine(line, mark[0].length));
    return { orig, line, heading: !!hash };
  });
}

/** Where the list ends (`at`): the first terminator (`k`), moved back over the English title, names and affiliations before it. */
function listEnd(lines: Prepared[]): { at: number; k: number } {
  const k = lines.findIndex((p) => terminatorReason(p) !== null);
  if (k < 0) return { at: lines.length, k: lines.length };
  let at = k;
  while (at > 1 && (restReason(lines[at - 1]!.line.text) !== null || !looksLikeReference(lines[at - 1]!.line.text))) at--;
  return { at, k };
}

// ---- numbering ----

interface Label {
  n: number;
  at: number;
  /** Offset where the entry's text starts. */
  body: number;
  /** The label as printed, when the extraction damaged it (`3]`, `[]`, `[41`, `[3U]`). */
  damaged?: string;
}

const BRACKET_LABEL = /^[[［【「〔](\d{1,3})[\]］】」〕]\.?\s*/;
const DAMAGED_LABEL =
  /^['’‘`]?(?:[[［【「〔](\d{1,3})[A-Za-z]?(?:[\]］】」〕]|(?=[^\d\]］】」〕\s,，.\-–]))|[[［【「〔]\s*[\]］】」〕]|(\d{1,3})[\]］】」〕]|[)）][\]］】」〕]|[\]］】」〕](?=[A-Z\u3400-\u9fff]))\.?\s*/;

/** A damaged label: its number as read when it is the next one (or the one after), else the next one. */
function damagedLabel(text: string, expected: number): Label | null {
  const m = DAMAGED_LABEL.exec(text);
  if (!m || m[0].length === text.length) return null;
  const read = Number(m[1] ?? m[2] ?? NaN);
  const n = read === expected || read === expected + 1 ? read : expected;
  return { n, at: 0, body: m[0].length, damaged: m[0].trim() };
}

/** A number label at the start of a line: `[1]` (any number), or `1.` `1)` `(1)` `1 ` when it is the next one expected. */
function leadLabel(text: string, expected: number): Label | null {
  const bracket = BRACKET_LABEL.exec(text);
  if (bracket && Number(bracket[1]) > 0) return { n: Number(bracket[1]), at: 0, body: bracket[0].length };
  const other = /^[(（](\d{1,3})[)）]\s*(?=\S)/.exec(text) ?? /^(\d{1,3})(?:[.．、)）]\s*|\s+|(?=[\u3400-\u9fff]))(?=\S)/.exec(text);
  if (other && Number(other[1]) === expected) return { n: expected, at: 0, body: other[0].length };
  return damagedLabel(text, expected);
}

/** All labels on a line: one at the start, then `[n]` labels of the next numbers glued after an entry's end. */
function labelsOf(text: string, expected: number): Label[] {
  const out: Label[] = [];
  const lead = leadLabel(text, expected);
  if (lead) {
    out.push(lead);
    expected = lead.n + 1;
  }
  const re = /[[［](\d{1,3})[\]］]\.?\s*/g;
  re.lastIndex = lead ? lead.body : 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const n = Number(m[1]);
    const before = text[m.index - 1];
    const after = text[m.index + m[0].length];
    if (m.index === 0 || n !== expected || !before || !/[\s.．。,，;；\]】)）\d]/.test(before)) continue;
    if (!after || /[\d\-–,，]/.test(after)) continue;
    out.push({ n, at: m.index, body: m.index + m[0].length });
    expected = n + 1;
  }
  return out;
}

type Style = 'numbered' | 'author-year' | 'plain';

/** Numbered when labels are at least half as common as author–year openings. */
function detectStyle(lines: Prepared[]): Style {
  let labels = 0;
  let authorYear = 0;
  let expected = 1;
  for (const { line } of lines) {
    const lead = leadLabel(line.text, expected);
    if (lead) {
      labels++;
      expected = lead.n + 1;
    } else if (authorYearStart(line.text, { pinyin: true, corporate: false })) authorYear++;
  }
  if (labels && labels * 2 >= authorYear) return 'numbered';
  return authorYear ? 'author-year' : 'plain';
}

// ---- building entries ----

interface Draft {
  number: number;
  parts: Line[];
  /** The label's line, for the position of an entry whose text is on the next line. */
  anchor: Line;
  unnumbered?: boolean;
  authorYear?: boolean;
  translated?: boolean;
}

interface Ctx {
  src: SourceText;
  file: VFile;
  style: Style;
  entries: Draft[];
}

function info(ctx: Ctx, ruleId: string, message: string, at: Line): void {
  report(ctx.file, message, { ruleId, severity: 'info', place: ctx.src.position(at.start, at.end), stage: STAGE });
}

function lastPartText(e: Draft | undefined): string {
  return e?.parts[e.parts.length - 1]?.text ?? '';
}

function pushEntry(ctx: Ctx, number: number, part: Line, extra: Partial<Draft> = {}): void {
  ctx.entries.push({ number, parts: part.text ? [part] : [], anchor: part, ...extra });
}

function pushUnnumbered(ctx: Ctx, part: Line): void {
  const n = (ctx.entries[ctx.entries.length - 1]?.number ?? 0) + 1;
  const authorYear = authorYearStart(part.text, { pinyin: true, corporate: true });
  pushEntry(ctx, n, part, { unnumbered: true, authorYear });
}

/** Is `next` the rest of a reference cut at a page break? */
function isContinuation(prev: string, next: string): boolean {
  if (!next) return false;
  if (/^[\d(（]/.test(next) && /[:：,，(（]\s*$/.test(prev)) return true;
  if (/^[a-z]/.test(next)) return true;
  if (!/[.。]$/.test(prev.trim())) return true;
  // `…的影响[J].` ends with a document type: the journal and year follow.
  if (/(?:\[[A-Z]{1,2}(?:\/[A-Z]{1,2})?[\]］」]|［[A-Z]{1,2}[\]］])\s*[.．]?$/.test(prev.trim())) return true;
  return false;
}

/** An entry with neither a year nor a document type yet (`[1]Smith J,Brown K.` alone on its line) goes on. */
function isIncomplete(e: Draft): boolean {
  const text = e.parts.map((p) => p.text).join(' ');
  return !YEAR.test(text) && !TYPE_MARK.test(text) && !/https?:|www\.|doi/i.test(text);
}

/** Latin text after the last Chinese character of the entry so far (its own English translation, if any). */
function latinTail(text: string): number {
  let last = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    if (HAN.test(text[i]!)) {
      last = i;
      break;
    }
  }
  return last < 0 ? -1 : (text.slice(last + 1).match(/[A-Za-z]/g) ?? []).length;
}

/** Is `part` the English translation of the Chinese entry `last` (same number, in parentheses, or on the next line)? */
function isTranslation(last: Draft | undefined, part: Line, authorYear: boolean): boolean {
  if (!last || last.translated || !last.parts.length) return false;
  const text = last.parts.map((p) => p.text).join('');
  const tail = latinTail(lastPartText(last));
  if (!HAN.test(text) || tail < 0 || tail >= 12) return false;
  if (HAN.test(part.text) || !/^[(（]?\s*[A-Z]/.test(part.text)) return false;
  if ((part.text.match(/[A-Za-z]/g) ?? []).length < 12) return false;
  if (!authorYear) return true;
  const year = YEAR.exec(part.text)?.[0];
  return !!year && text.includes(year.replace(/[Oo]/g, '0'));
}

function appendTranslation(ctx: Ctx, last: Draft, part: Line): void {
  last.parts.push(part);
  last.translated = true;
  info(ctx, 'ingest-reference-translation', `The English translation of reference [${last.number}] is kept in that entry`, part);
}

function appendContinuation(ctx: Ctx, last: Draft, part: Line): void {
  last.parts.push(part);
  info(ctx, 'ingest-reference-joined', `Reference [${last.number}] continues on a new line; joined`, part);
}

/** A line (or the start of one) without a label. */
function addUnlabelled(ctx: Ctx, part: Line): void {
  if (!part.text) return;
  const last = ctx.entries[ctx.entries.length - 1];
  if (last && isTranslation(last, part, false)) appendTranslation(ctx, last, part);
  else if (last && (isContinuation(lastPartText(last), part.text) || (!last.unnumbered && isIncomplete(last)))) appendContinuation(ctx, last, part);
  else pushUnnumbered(ctx, part);
}

/** A labelled part: a new entry, or the translation of the entry printed with the same number. */
function addLabelled(ctx: Ctx, label: Label, part: Line): void {
  const last = ctx.entries[ctx.entries.length - 1];
  if (last && label.n === last.number && isTranslation(last, part, false)) appendTranslation(ctx, last, part);
  else {
    pushEntry(ctx, label.n, part);
    if (label.damaged) info(ctx, 'ingest-reference-label', `Reference label \`${label.damaged}\` is damaged; read as [${label.n}]`, part);
  }
}

function addNumberedLine(ctx: Ctx, line: Line): void {
  const expected = (ctx.entries[ctx.entries.length - 1]?.number ?? 0) + 1;
  const labels = labelsOf(line.text, expected);
  if (!labels.length || labels[0]!.at > 0) addUnlabelled(ctx, trimLine(sliceLine(line, 0, labels[0]?.at ?? line.text.length)));
  labels.forEach((s, k) => {
    const end = k + 1 < labels.length ? labels[k + 1]!.at : line.text.length;
    const part = trimLine(sliceLine(line, s.body, end));
    if (k > 0) info(ctx, 'ingest-reference-split', `Reference [${s.n}] starts inside the line of the one before; split`, part);
    addLabelled(ctx, s, part);
  });
}

/** Offsets where another author–year entry starts inside a line (`…1016.] WANG SQ, LI QY, et al, 2015.…`). */
function gluedStarts(text: string): number[] {
  const out: number[] = [];
  const re = /[.．\]】)）]\s*(?=[A-Z])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const at = m.index + m[0].length;
    const afterBracket = /[\]】]/.test(m[0][0]!);
    if (authorYearStart(text.slice(at), { pinyin: false, corporate: afterBracket })) out.push(at);
  }
  return out;
}

/** Does `next` start a new author–year entry after `prev`? */
function startsAuthorYear(prev: string, next: string): boolean {
  if (/^[a-z]/.test(next)) return false;
  if (/(?:[,，:：;；(（\-–/&]|\bet\s*al\.?|\b(?:of|and|the|in|for|on|with))\s*$/i.test(prev)) return false;
  const ended = /[.．。\]】)）]\s*$/.test(prev);
  return authorYearStart(next, { pinyin: ended, corporate: ended });
}

function addAuthorYearLine(ctx: Ctx, line: Line): void {
  const cuts = [0, ...gluedStarts(line.text), line.text.length];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const part = trimLine(sliceLine(line, cuts[k]!, cuts[k + 1]!));
    if (!part.text) continue;
    const last = ctx.entries[ctx.entries.length - 1];
    if (k > 0) {
      info(ctx, 'ingest-reference-split', 'An author–year reference starts inside the line of the one before; split', part);
      pushUnnumbered(ctx, part);
    } else if (!last || startsAuthorYear(lastPartText(last), part.text)) pushUnnumbered(ctx, part);
    else if (isTranslation(last, part, true)) appendTranslation(ctx, last, part);
    else appendContinuation(ctx, last, part);
  }
}

// ---- findings and the tree ----

function reportNumbering(ctx: Ctx): void {
  const { entries, src, file } = ctx;
  const unnumbered = entries.filter((e) => e.unnumbered);
  if (unnumbered.length && unnumbered.length === entries.length) {
    const authorYear = ctx.style === 'author-year' && unnumbered.filter((e) => e.authorYear).length >= 0.8 * unnumbered.length;
    const first = entries[0]!.anchor;
    const message = authorYear
      ? `The reference list is in author–year style (not numbered): its ${entries.length} entries are numbered in order`
      : `The reference list is not numbered (author–year style?): its ${entries.length} entries are numbered in order`;
    report(file, message, { ruleId: 'ref-unnumbered', severity: authorYear ? 'info' : 'warning', place: src.position(first.start, first.end), stage: STAGE });
    return;
  }
  for (const e of unnumbered) {
    report(file, `Reference without a number; numbered ${e.number}`, { ruleId: 'ref-unnumbered', place: src.position(e.anchor.start, e.anchor.end), stage: STAGE });
  }
}

function entryNode(e: Draft, src: SourceText): ReferenceEntry {
  const kids: PhrasingContent[] = [];
  e.parts.forEach((p, k) => {
    if (k > 0) {
      const prev = e.parts[k - 1]!.text;
      if (/[A-Za-z,;.]$/.test(prev) && /^[A-Za-z]/.test(p.text)) kids.push({ type: 'text', value: ' ' });
    }
    kids.push({ type: 'text', value: p.text, position: src.position(p.start, p.end) });
  });
  const first = e.parts[0] ?? e.anchor;
  const last = e.parts[e.parts.length - 1] ?? e.anchor;
  return {
    type: 'referenceEntry',
    number: e.number,
    identifier: `ref-${e.number}`,
    children: kids,
    position: src.position(first.start, last.end),
  };
}

/** `[10]`, `[1]`, `[12]`: a label that breaks a run by one is a misread of the number between. */
function repairSequence(ctx: Ctx): void {
  const es = ctx.entries;
  for (let i = 1; i + 1 < es.length; i++) {
    const [prev, e, next] = [es[i - 1]!, es[i]!, es[i + 1]!];
    if (e.unnumbered || next.number !== prev.number + 2 || e.number === prev.number + 1) continue;
    info(ctx, 'ingest-reference-label', `Reference label [${e.number}] between [${prev.number}] and [${next.number}] read as [${prev.number + 1}]`, e.parts[0] ?? e.anchor);
    e.number = prev.number + 1;
  }
}

function buildList(ctx: Ctx): ReferenceList {
  const children = ctx.entries.map((e) => entryNode(e, ctx.src));
  const seen = new Set<number>();
  for (const c of children) {
    if (seen.has(c.number)) report(ctx.file, `Reference number ${c.number} appears twice`, { ruleId: 'ref-number-duplicate', severity: 'error', place: c, stage: STAGE });
    seen.add(c.number);
  }
  return { type: 'referenceList', children };
}

// ---- the recognizer ----

/** Split the lines after the heading into entries; lines that are not references come back in `rest` (in order, with a reason). */
export function recognizeReferences(
  lines: Line[],
  src: SourceText,
  file: VFile,
): { list: ReferenceList; rest: Array<{ line: Line; reason: string }> } {
  const prepared = prepareLines(lines);
  const end = listEnd(prepared);
  const ctx: Ctx = { src, file, style: detectStyle(prepared.slice(0, end.at)), entries: [] };
  const rest: Array<{ line: Line; reason: string }> = [];
  // After a footnote, a biography, an image or a caption, lines are rest until the next entry starts.
  let aside: string | null = null;
  for (const p of prepared.slice(0, end.at)) {
    const reason: string | null = restReason(p.line.text) ?? (aside && !startsEntry(ctx, p.line.text) ? aside : null);
    if (reason) {
      rest.push({ line: p.orig, reason });
      if (ASIDES.has(reason)) aside = reason;
      continue;
    }
    aside = null;
    if (ctx.style === 'author-year') addAuthorYearLine(ctx, p.line);
    else addNumberedLine(ctx, p.line);
  }
  let after = 'English block';
  prepared.slice(end.at).forEach((p, i) => {
    if (end.at + i >= end.k) after = terminatorReason(p) ?? after;
    rest.push({ line: p.orig, reason: restReason(p.line.text) ?? after });
  });
  repairSequence(ctx);
  if (ctx.entries.length) reportNumbering(ctx);
  return { list: buildList(ctx), rest };
}

/** Does this line open an entry of the list's style (ending a run of footnote lines)? */
function startsEntry(ctx: Ctx, text: string): boolean {
  const expected = (ctx.entries[ctx.entries.length - 1]?.number ?? 0) + 1;
  if (ctx.style === 'author-year') return authorYearStart(text, { pinyin: true, corporate: false });
  return leadLabel(text, expected) !== null;
}
