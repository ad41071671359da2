/**
 * The English front block: title, pinyin byline, affiliations, Abstract and
 * Key words, with or without labels' brackets, before the Chinese body or
 * after the references. Recognized only when an Abstract label follows the
 * title within a few lines.
 */
import { joinLines, structuredParts } from './abstract.js';
import { joinAffiliationLines, looksLikeAffiliation, parenOpen, parseAffiliationLine, type ParsedAffiliation } from './affiliations.js';
import { enBylineEnd, looksLikeEnByline, parseEnAuthors, type ParsedName } from './authors.js';
import { isPinyinWord } from '../text/names.js';
import { afterKeywords, englishKeywordsGlue, splitKeywords, keywordsEnd } from './keywords.js';
import { PAGE_NOTES, labelAtStart, splitAtLabels, type LabelKind } from './labels.js';
import { sliceLine, trimLine, type Line } from './source.js';
import type { AbstractPart } from '../model/meta.js';

export interface EnglishBlock {
  title?: Line;
  authors: ParsedName[];
  affiliations: ParsedAffiliation[];
  abstract?: { text: string; lines: Line[]; parts?: AbstractPart[] };
  keywords?: { list: string[]; line: Line };
  /** Text after the keywords on their line (classification codes). */
  codes?: Line;
  /** The body's first paragraph, glued to the end of the keywords (`…; budget;建立…`). */
  bodyHead?: Line;
  /** Lines of the block that were not recognized. */
  skipped: Line[];
  /** Labelled notes met inside the block (`基金项目：…` run into the affiliations). */
  notes?: Line[];
  /** Index of the block's first line in the lines it was read from. */
  from?: number;
  /** The lines the block took, when it was read from lines after the references. */
  used?: Set<Line>;
  /** Number of input lines the block used. */
  consumed: number;
}

const isLatinLine = (t: string) => !/[\u4e00-\u9fff]/.test(t.replace(/\$[^$]*\$/g, '')) && /[A-Za-z]{3,}/.test(t);

/** Where the Abstract label is, looking at most `reach` lines ahead of `from`. */
function findAbstract(lines: Line[], from: number, reach: number): number {
  for (let i = from; i < Math.min(lines.length, from + reach); i++) {
    const label = labelAtStart(lines[i]!.text)?.kind;
    if (label === 'abstract-en') return i;
    if (label && !PAGE_NOTES.has(label)) return -1;
  }
  return -1;
}

export function recognizeEnglishBlock(input: Line[], from: number): EnglishBlock | null {
  const lines = input.flatMap((l, i) => (i >= from && i < from + 12 ? splitAtLabels(l) : [l]));
  const block: EnglishBlock = { authors: [], affiliations: [], skipped: [], consumed: 0 };
  const at = findAbstract(lines, from, 10);
  let i: number;
  if (at >= 0 && lines.slice(from, at).every((l) => isLatinLine(l.text) || /^[(（]?\d/.test(l.text))) {
    headLines(block, lines.slice(from, at));
    i = abstractLines(block, lines, at);
    i = keywordLines(block, lines, i);
  } else {
    // No Abstract: a title, then a byline, then affiliations.
    const end = unlabelledEnd(lines, from);
    if (end < 0) return null;
    headLines(block, lines.slice(from, end));
    i = end;
  }
  // Map back to the caller's line count (splitting may have added lines).
  const last = lines[i - 1]!;
  const lastIndex = input.findIndex((l, k) => k >= from && l.end >= last.end);
  block.consumed = Math.max(1, (lastIndex < 0 ? input.length - 1 : lastIndex) - from + 1);
  return block;
}

/** End of an English block without Abstract: title line(s), byline, affiliation lines; -1 if it is not one. */
function unlabelledEnd(lines: Line[], from: number): number {
  const title = lines[from]?.text ?? '';
  if (!isLatinLine(title) || /[.]$/.test(title) || title.length > 400) return -1;
  if (splitEnTitleByline(lines[from]!).length === 2) return affiliationsEnd(lines, from + 1);
  const by = looksLikeEnByline(lines[from + 1]?.text ?? '') ? from + 1 : looksLikeEnByline(lines[from + 2]?.text ?? '') && isLatinLine(lines[from + 1]!.text) ? from + 2 : -1;
  if (by < 0) return -1;
  return affiliationsEnd(lines, by + 1);
}

/** The notes a block may hold between its lines (`基金项目：…` run into the affiliations). */

function affiliationsEnd(lines: Line[], from: number): number {
  let i = from;
  const isNote = (t: string) => PAGE_NOTES.has(labelAtStart(t)?.kind as LabelKind);
  const isAff = (t: string) => (looksLikeAffiliation(t, 'en') || /^[(（]\s*\d/.test(t) || /^[A-Z][a-z]+\s*[;；]\s*\d/.test(t)) && isLatinLine(t) && !labelAtStart(t);
  while (i < lines.length && i < from + 7 && (isAff(lines[i]!.text) || isNote(lines[i]!.text))) i++;
  // Notes at the end belong to the page, not the block: leave them to the caller.
  while (i > from && isNote(lines[i - 1]!.text)) i--;
  return i;
}

/** `… of Weaning Piglets DENG Bo WU JieGUO Hongbing…`: a title line with the byline glued to its end. */
export function splitEnTitleByline(line: Line): Line[] {
  const re = /\s(?=[A-Z]{2,}\s*[A-Z][a-z])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line.text))) {
    const rest = line.text.slice(m.index + 1);
    const several = parseEnAuthors({ text: rest, start: 0, end: rest.length }).length >= 2 || /[\d*]/.test(rest);
    if (m.index > 15 && /\s/.test(line.text.slice(0, m.index)) && several && looksLikeEnByline(rest)) {
      return [trimLine(sliceLine(line, 0, m.index)), trimLine(sliceLine(line, m.index + 1))];
    }
  }
  // `… onboard Insight-HXMT Zhao Haisheng, Liu Congzhan, Li Xiaobo`: names in title case, every word pinyin.
  const names = TITLE_CASE_BYLINE.exec(line.text);
  if (names && names.index > 15) {
    const words = names[0].replace(/[\d*,，]/g, ' ').trim().split(/\s+/);
    if (words.every(isPinyinWord)) return [trimLine(sliceLine(line, 0, names.index)), trimLine(sliceLine(line, names.index))];
  }
  return [line];
}

/** The given name of the byline's last author at the start of the next line, before the affiliations (`Zhigang* (`). */
const WRAPPED_GIVEN = /^([A-Z][a-z]+(?:-[a-z]+)?)([\d,*]*)\s*(?=[(（])/;

/** Two or more `Surname Given` names, comma-separated, ending the line. */
const TITLE_CASE_BYLINE = /(?<=\s)(?:[A-Z][a-z]+ [A-Z][a-z]+(?:-[a-z]+)?[\d*]*\s*[,，]\s*)+[A-Z][a-z]+ [A-Z][a-z]+(?:-[a-z]+)?[\d*]*\s*$/;

function headLines(block: EnglishBlock, lines: Line[]): void {
  const titleParts: Line[] = [];
  const affLines: Line[] = [];
  const head = lines.flatMap((l, k) => (k === 0 ? splitEnTitleByline(l) : [l]));
  for (const raw of head) {
    const line = trimLine(raw.text.startsWith('#') ? sliceLine(raw, /^#+\s*/.exec(raw.text)![0].length) : raw);
    const early = !block.affiliations.length && !affLines.length;
    const note = labelAtStart(line.text)?.kind;
    if (note && PAGE_NOTES.has(note)) {
      (block.notes ??= []).push(line);
      continue;
    }
    const wrapped = block.authors.length ? WRAPPED_GIVEN.exec(line.text) : null;
    const last = block.authors[block.authors.length - 1];
    if (wrapped && last && /^[A-Z]{2,}$/.test(last.name)) {
      // `… WANG Shaokun SONG` / `Zhigang* (College of …)`: a name broken at the line end.
      last.name = `${last.name} ${wrapped[1]}`;
      if (wrapped[2]!.includes('*')) last.corresponding = true;
      const rest = trimLine(sliceLine(line, wrapped[0].length));
      if (rest.text) affLines.push(rest);
      continue;
    }
    if (!block.authors.length && early && !titleParts.length) titleParts.push(line);
    else if (early && looksLikeEnByline(line.text)) addByline(block, line, affLines);
    else if (!block.authors.length && early && !/[.]$/.test(titleParts[0]!.text) && !looksLikeAffiliation(line.text, 'en')) titleParts.push(line);
    else if (looksLikeAffiliation(line.text, 'en') || /^[(（]/.test(line.text) || (affLines.length && parenOpen(affLines))) addAffiliation(block, line, affLines);
    else block.skipped.push(line);
  }
  if (affLines.length) block.affiliations.push(...parseAffiliationLine(joinAffiliationLines(affLines, ' '), 'en'));
  if (titleParts.length) {
    const first = titleParts[0]!;
    const last = titleParts[titleParts.length - 1]!;
    // A footnote mark after the title (`…Japonicas'`, `…Autophagy*`) is not part of it.
    const text = joinLines(titleParts.map((p) => p.text)).replace(/(?<=[A-Za-z)])['’*∗¹²³]+$/, '');
    block.title = { text, start: first.start, end: last.end };
  }
}

/** An English page note's label: the corresponding author, the funding, the dates. */
const EN_NOTE = /Correspond(?:ing\s+authors?|ent)\s*[:：]|Supported\s+by\b|Foundation\s+items?\s*[:：]|(?:Manuscript\s+)?[Rr]eceived\s*(?:date\s*)?[:：]?\s*(?=\d)/g;

/**
 * Notes glued after an English affiliation's country or postcode
 * (`…Shenyang 110819,China Correspondent:LIU … Supported by … Manuscript
 * received 2016-04-13`): the affiliation, then each note a line of its own.
 */
function splitGluedEnNotes(line: Line): Line[] {
  const cuts: number[] = [];
  EN_NOTE.lastIndex = 0;
  for (let m = EN_NOTE.exec(line.text); m; m = EN_NOTE.exec(line.text)) {
    if (cuts.length || /(?:China|\d{6})[.;；,，]?\s*$/.test(line.text.slice(0, m.index))) cuts.push(m.index);
  }
  if (!cuts.length) return [line];
  return [0, ...cuts].map((from, i) => trimLine(sliceLine(line, from, cuts[i] ?? line.text.length))).filter((l) => l.text);
}

/** A byline (a second byline line adds to the first); affiliations after it start the affiliation lines. */
function addByline(block: EnglishBlock, line: Line, affLines: Line[]): void {
  // Affiliations in parentheses after the names, or numbered and glued after them (`Xu Xunhang 1 School of …`).
  const end = enBylineEnd(line.text);
  block.authors.push(...parseEnAuthors(sliceLine(line, 0, end)));
  if (end > 0 && end < line.text.length) addAffiliation(block, trimLine(sliceLine(line, end)), affLines);
}

/** An affiliation line; notes glued after it are notes. */
function addAffiliation(block: EnglishBlock, line: Line, affLines: Line[]): void {
  const [aff, ...notes] = splitGluedEnNotes(line);
  if (aff) affLines.push(aff);
  if (notes.length) (block.notes ??= []).push(...notes);
}

function abstractLines(block: EnglishBlock, lines: Line[], at: number): number {
  const first = lines[at]!;
  const rest = labelAtStart(first.text)!.rest;
  const parts: Line[] = [trimLine(sliceLine(first, rest))];
  // Hard-wrapped: every Latin line up to the Key words label; without that label, the first paragraph only.
  let i = at + 1;
  let end = at + 1;
  while (end < lines.length && end < at + 40 && isLatinLine(lines[end]!.text) && !labelAtStart(lines[end]!.text) && !/^#/.test(lines[end]!.text)) end++;
  if (labelAtStart(lines[end]?.text ?? '')?.kind === 'keywords-en') {
    for (; i < end; i++) parts.push(lines[i]!);
  }
  const text = joinLines(parts.map((p) => p.text));
  if (text) block.abstract = { text, lines: parts, parts: structuredParts(text, 'en') };
  return i;
}

function keywordLines(block: EnglishBlock, lines: Line[], i: number): number {
  const line = lines[i];
  if (!line || labelAtStart(line.text)?.kind !== 'keywords-en') return i;
  const value = trimLine(sliceLine(line, labelAtStart(line.text)!.rest));
  let end = keywordsEnd(value.text);
  const glued = englishKeywordsGlue(value.text.slice(0, end));
  if (glued >= 0) {
    block.bodyHead = trimLine(sliceLine(value, glued));
    end = glued;
  }
  block.keywords = { list: splitKeywords(value.text.slice(0, end), 'en'), line: sliceLine(value, 0, end) };
  if (glued < 0 && end < value.text.length) {
    const rest = trimLine(sliceLine(value, end));
    // Codes after the keywords, or a page-foot note run in (`*Corresponding author, …`): a note, or a line left out with a finding.
    const after = afterKeywords(rest.text);
    if (after === 'codes') block.codes = rest;
    else if (after === 'other') block.skipped.push(rest);
    else (block.notes ??= []).push(rest);
  }
  return i + 1;
}

/**
 * The English title and byline glued to the end of the last reference
 * (`…2011,32(23):16-19. Effects of Diets … Lambs CUI Xiaopeng HOU …`), when
 * the English Abstract follows: that line cut in two, the English part a
 * line of its own. The other lines are returned as they are.
 */
export function splitEnglishFromReferences(lines: Line[]): Line[] {
  const abstractAt = lines.findIndex((l) => /^(?:[[【]\s*)?Abstract\b/i.test(l.text));
  if (abstractAt < 1) return lines;
  for (let i = abstractAt - 1; i >= Math.max(0, abstractAt - 3); i--) {
    const line = lines[i]!;
    const m = GLUED_TITLE.exec(line.text);
    if (m?.indices?.[1]) {
      const [titleStart, titleEnd] = m.indices[1];
      // The reference, the title (its footnote mark left out, quoted by no one: a digit), the byline.
      const parts = [sliceLine(line, 0, titleStart), sliceLine(line, titleStart, titleEnd), sliceLine(line, m.index + m[0].length)].map(trimLine);
      return [...lines.slice(0, i), ...parts, ...lines.slice(i + 1)];
    }
    // The title ending the reference's line, the byline the next line (`…2882-2894. Effects of … Cattle` / `XU Lanjiao1 BAO …`).
    const end = TITLE_AT_END.exec(line.text);
    const next = lines[i + 1];
    if (end?.indices?.[1] && next && i + 1 < abstractAt && looksLikeEnByline(next.text)) {
      const [titleStart] = end.indices[1];
      return [...lines.slice(0, i), trimLine(sliceLine(line, 0, titleStart)), trimLine(sliceLine(line, titleStart)), ...lines.slice(i + 1)];
    }
  }
  return lines;
}

/**
 * After a reference's last period, or its last number and a space: a
 * capitalized title of three words or more ending the line (a heading's
 * `BIM-5D Fine …` is no reference end).
 */
const TITLE_AT_END = /^[^#].{10,}?(?:[.。]\s*|\d\s+)([A-Z][A-Za-z-]*(?:\s+[A-Za-z-]+,?){2,30})\s*$/d;

/**
 * After a reference's last number or period: a capitalized title of three
 * words or more, then (after a footnote mark, or glued: `…HensHAO Yangyang`)
 * a byline of capitalized surnames.
 */
const GLUED_TITLE = /[\d.。]\s*((?:[A-Z][A-Za-z-]*)(?:\s+[A-Za-z-]+?,?){2,30}?)(\d?)\s*(?=[A-Z]{2,}\s+[A-Z][a-z]+\S*\s+[A-Z]{2,}\s*[A-Z][a-z])/d;
