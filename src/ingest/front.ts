/**
 * Front-block segmentation: walks the lines from the top, splitting lines
 * the extraction ran together at their labels, and hands each part to its
 * recognizer: the head (title, byline, affiliations) before 摘要, the
 * abstract, the keywords, the classification codes and the English block.
 * Returns where the body starts and every front line it could not place.
 */
import type { Position } from 'unist';
import type { ArticleMeta } from '../model/meta.js';
import { joinLines, structuredParts } from './abstract.js';
import { joinAffiliationLines, looksLikeAffiliation, parenOpen, parseAffiliationLine, type ParsedAffiliation } from './affiliations.js';
import { looksLikeZhByline, parseZhAuthors, zhBylineEnd, type ParsedName } from './authors.js';
import { parseCodes, type Codes } from './codes.js';
import { recognizeEnglishBlock, type EnglishBlock } from './english.js';
import { afterKeywords, englishKeywordsGlue, keywordsEnd, splitKeywords } from './keywords.js';
import { NOTE_LABELS, labelAtStart, splitAtLabels, type LabelKind } from './labels.js';
import { sliceLine, trimLine, type Line } from './source.js';
import { isTitleLike, splitTitleByline } from './title.js';

export type PositionMap = Record<string, Position>;

export interface Skipped {
  line: Line;
  reason: string;
}

export interface FrontParts {
  title?: Line;
  zhAuthors: ParsedName[];
  zhAffs: ParsedAffiliation[];
  abstractZh?: { text: string; lines: Line[] };
  keywordsZh?: { list: string[]; line: Line };
  codes: Array<{ codes: Codes; line: Line }>;
  english?: EnglishBlock;
  /** Labelled notes met in the front block (基金项目, 收稿日期, …). */
  notes: Array<{ kind: LabelKind; value: Line; line: Line }>;
  skipped: Skipped[];
  /** Index of the first body line. */
  bodyStart: number;
  /** The body's first paragraph, when it is glued to the end of a front line (`Key words: …; budget;建立…`). */
  bodyHead?: Line;
}

const FRONT_LABELS = new Set<LabelKind>(['abstract-zh', 'keywords-zh', 'clc', 'doi', 'abstract-en', 'keywords-en']);

/** Labels that end the head; a DOI line printed above the title does not. */
const HEAD_ENDS = new Set<LabelKind>(['abstract-zh', 'keywords-zh', 'clc', 'abstract-en', 'keywords-en']);

/** Index of the first front label within the first lines, or -1. */
function firstFrontLabel(lines: Line[], reach: number): number {
  for (let i = 0; i < Math.min(lines.length, reach); i++) {
    if (splitAtLabels(lines[i]!).some((p) => HEAD_ENDS.has(labelAtStart(p.text)?.kind as LabelKind))) return i;
  }
  return -1;
}

/** Is one of the pieces after `piece` on its line (`…的趋势。关键词：…`) a label of these kinds? */
function laterPieceIs(pieces: Line[], piece: Line, kinds: LabelKind[]): boolean {
  return pieces.slice(pieces.indexOf(piece) + 1).some((p) => kinds.includes(labelAtStart(p.text)?.kind as LabelKind));
}

/** Is a front label (keywords, codes) within the next `reach` lines? */
function labelAhead(lines: Line[], from: number, reach: number, kinds: LabelKind[]): boolean {
  for (let i = from; i < Math.min(lines.length, from + reach); i++) {
    if (splitAtLabels(lines[i]!).some((p) => kinds.includes(labelAtStart(p.text)?.kind as LabelKind))) return true;
  }
  return false;
}

export function recognizeFront(lines: Line[]): FrontParts {
  const parts: FrontParts = { zhAuthors: [], zhAffs: [], codes: [], notes: [], skipped: [], bodyStart: 0 };
  const first = firstFrontLabel(lines, 60);
  const headEnd = first >= 0 ? first : headWithoutLabels(lines);
  const head: Line[] = lines.slice(0, headEnd);
  let i = headEnd;
  let state: 'head' | 'abs-zh' | 'after' = first >= 0 ? 'head' : 'after';
  const absLines: Line[] = [];
  for (; i < lines.length; i++) {
    const pieces = splitAtLabels(lines[i]!);
    let stop = false;
    for (const piece of pieces) {
      const label = labelAtStart(piece.text);
      if (label?.kind === 'references') {
        stop = true;
        break;
      }
      if (label && (FRONT_LABELS.has(label.kind) || NOTE_LABELS.has(label.kind))) {
        if (label.kind === 'abstract-en') {
          const skip = takeEnglishAbstract(parts, lines, i);
          state = 'after';
          if (skip > 0) {
            i += skip - 1;
            break;
          }
          continue;
        }
        if (label.kind === 'keywords-zh' && !piece.text.slice(0, label.rest).includes('关')) {
          parts.skipped.push({ line: sliceLine(piece, 0, label.rest), reason: 'the keyword label, misread by OCR' });
        }
        state = takeLabelled(parts, label.kind, piece, label.rest, absLines) ?? state;
        continue;
      }
      if (state === 'head') head.push(piece);
      // A hard-wrapped abstract (a manuscript's short numbered lines) runs further to its keywords.
      else if (state === 'abs-zh' && (laterPieceIs(pieces, piece, ['keywords-zh', 'clc']) || labelAhead(lines, i + 1, piece.text.replace(/\$[^$]*\$/g, '$').length < 80 ? 40 : 12, ['keywords-zh', 'clc']))) absLines.push(piece);
      // A note's e-mail broken onto its own line is not an English title.
      else if (parts.notes.length && /^\S+@\S+\.[A-Za-z]{2,}[。.]?$/.test(piece.text.trim())) parts.skipped.push({ line: piece, reason: 'the end of a note (an e-mail on its own line)' });
      else if (!parts.english && /^[#\s]*[A-Za-z]/.test(piece.text) && (parts.english = recognizeEnglishBlock(lines, i) ?? undefined)) {
        parts.english.from = i;
        i += parts.english.consumed - 1;
        state = 'after';
        break;
      } else if (labelAhead(lines, i + 1, 2, ['abstract-zh', 'keywords-zh', 'clc', 'doi', 'abstract-en', 'keywords-en'])) {
        parts.skipped.push({ line: piece, reason: 'a front-matter line between labelled parts' });
      } else {
        stop = true;
        break;
      }
    }
    if (stop) break;
  }
  parts.bodyStart = i;
  if (absLines.length) parts.abstractZh = { text: joinLines(absLines.map((l) => l.text)), lines: absLines };
  recognizeHead(parts, head);
  return parts;
}

/** An Abstract label met in the front: the English block from here (merged into one met before). Returns the lines used. */
function takeEnglishAbstract(parts: FrontParts, lines: Line[], i: number): number {
  const block = recognizeEnglishBlock(lines, i);
  if (!block) return 0;
  block.from = i;
  if (!parts.english) parts.english = block;
  else {
    parts.english.abstract ??= block.abstract;
    parts.english.keywords ??= block.keywords;
    parts.english.codes ??= block.codes;
  }
  return block.consumed;
}

/** Without 摘要 or 关键词: the head runs to the first line of prose or the first numbered section. */
function headWithoutLabels(lines: Line[]): number {
  const limit = Math.min(lines.length, 12);
  for (let i = 0; i < limit; i++) {
    const t = lines[i]!.text;
    const prose = /[。！？]$/.test(t) || (t.length > 80 && /[。，]/.test(t));
    if (prose || /^!\[/.test(t) || /^<|\t/.test(t) || (i > 0 && /^#*\s*\d{1,2}(?:\.\d)?\s*[\u4e00-\u9fff]/.test(t))) return i;
  }
  return Math.min(limit, 3);
}

function takeLabelled(parts: FrontParts, kind: LabelKind, piece: Line, rest: number, absLines: Line[]): 'abs-zh' | 'after' | undefined {
  const value = trimLine(sliceLine(piece, rest));
  switch (kind) {
    case 'abstract-zh':
      if (value.text) absLines.push(value);
      return 'abs-zh';
    case 'keywords-zh': {
      const end = keywordsEnd(value.text);
      parts.keywordsZh = { list: splitKeywords(value.text, 'zh'), line: sliceLine(value, 0, end) };
      if (end < value.text.length) takeAfterKeywords(parts, trimLine(sliceLine(value, end)));
      return 'after';
    }
    case 'clc':
    case 'doi': {
      // `中图分类号：S826文献标识码：A文章编号：川金丝猴(…)别名…`: the body's first paragraph run into the codes.
      const glued = bodyAfterCodes(piece.text);
      parts.codes.push({ codes: parseCodes(piece.text.slice(0, glued)), line: sliceLine(piece, 0, glued) });
      if (glued < piece.text.length) parts.bodyHead = trimLine(sliceLine(piece, glued));
      return 'after';
    }
    case 'keywords-en': {
      let end = keywordsEnd(value.text);
      const glued = englishKeywordsGlue(value.text.slice(0, end));
      if (glued >= 0) {
        parts.bodyHead = trimLine(sliceLine(value, glued));
        end = glued;
      }
      const keywords = { list: splitKeywords(value.text.slice(0, end), 'en'), line: sliceLine(value, 0, end) };
      if (parts.english && !parts.english.keywords) parts.english.keywords = keywords;
      else if (!parts.english) parts.english = { authors: [], affiliations: [], skipped: [], consumed: 0, keywords };
      else parts.skipped.push({ line: piece, reason: 'a second list of English keywords' });
      if (glued < 0 && end < value.text.length) takeAfterKeywords(parts, trimLine(sliceLine(value, end)));
      return undefined;
    }
    default:
      parts.notes.push({ kind, value, line: piece });
      return undefined;
  }
}

const JUNK: Array<[RegExp, string]> = [
  [/\[[A-Z]{1,2}\]\s*[.．]?.*(?:19|20)\d{2}/, 'a citation of the article itself'],
  [/^(?:https?:\/\/|www\.)|\S+@\S+\.\w+/, 'a web address or e-mail line of the journal'],
  [/^(?:编号|稿件编号|Manuscript)\s*[:：]?\s*\S+$/, 'a manuscript number'],
  [/(?:第\s*\d+\s*卷|Vol\.\s*\d+|No\.\s*\d+|\d{4}\s*年\s*\d+\s*月)/, 'the journal’s volume and issue line'],
  [/(?:通栏|半栏)/, 'an editor’s note on figure sizes'],
];

/** Title, byline and affiliations from the lines above 摘要. */
function recognizeHead(parts: FrontParts, head: Line[]): void {
  const expected = parts.english?.authors.length ?? 0;
  let step: 'title' | 'byline' | 'affs' = 'title';
  const affLines: Line[] = [];
  for (let k = 0; k < head.length; k++) {
    const line = head[k]!;
    const note = labelAtStart(line.text);
    if (note?.kind === 'doi') {
      parts.codes.push({ codes: parseCodes(line.text), line });
      continue;
    }
    if (note && NOTE_LABELS.has(note.kind)) {
      parts.notes.push({ kind: note.kind, value: trimLine(sliceLine(line, note.rest)), line });
      continue;
    }
    if (step !== 'title' && !parts.english?.title && /^[#\s]*[A-Za-z]/.test(line.text)) {
      const block = recognizeEnglishBlock(head, k);
      if (block) {
        // Merged with an Abstract met below the head.
        parts.english = parts.english ? { ...block, abstract: parts.english.abstract ?? block.abstract, keywords: parts.english.keywords ?? block.keywords, codes: parts.english.codes ?? block.codes } : block;
        k += block.consumed - 1;
        continue;
      }
    }
    const text = line.text.replace(/^#+\s*/, '');
    const junk = JUNK.find(([re]) => re.test(text));
    if (junk && step === 'title') {
      parts.skipped.push({ line, reason: junk[1] });
      continue;
    }
    const beforeParen = text.split(/[(（]/)[0]!;
    if (step === 'title' && (isTitleLike(text) || (line === head[0] && /^[\u4e00-\u9fff]{2,}$/.test(text))) && !looksLikeAffiliation(beforeParen, 'zh') && !(looksLikeZhByline(text) && !/\S{12,}/.test(text))) {
      const [title, byline] = splitTitleByline(line, expected);
      parts.title = title;
      step = 'byline';
      if (byline) {
        takeByline(parts, byline, affLines);
        step = 'affs';
      }
      continue;
    }
    if (step !== 'affs' && !parts.zhAuthors.length && looksLikeZhByline(text)) {
      takeByline(parts, trimLine(sliceLine(line, line.text.length - text.length)), affLines);
      step = 'affs';
      continue;
    }
    // A byline printed over two lines (`曾　燕1牛李丽2…林奕岑` / `1曾　东1**倪学勤1**`): the second adds its names.
    if (step === 'affs' && parts.zhAuthors.length && !affLines.length && looksLikeZhByline(text.replace(/^\d[\d,，]*/, '')) && !looksLikeAffiliation(text, 'zh')) {
      const before = parts.zhAuthors;
      takeByline(parts, trimLine(sliceLine(line, line.text.length - text.length)), affLines);
      parts.zhAuthors = [...before, ...parts.zhAuthors];
      continue;
    }
    if (step === 'byline' && parts.title && isTitleLike(text) && text.length <= 30 && !looksLikeAffiliation(text, 'zh')) {
      parts.title = { text: parts.title.text + text, start: parts.title.start, end: line.end };
      continue;
    }
    if (looksLikeAffiliation(text, 'zh') || (/^[(（]/.test(text) && /[\u4e00-\u9fff]/.test(text)) || (affLines.length && parenOpen(affLines))) {
      affLines.push(line);
      continue;
    }
    parts.skipped.push({ line, reason: step === 'title' ? 'a line above the title' : 'a front-matter line that is neither byline nor affiliation' });
  }
  if (affLines.length) parts.zhAffs.push(...parseAffiliationLine(joinAffiliationLines(affLines, ''), 'zh'));
}


function takeByline(parts: FrontParts, line: Line, affLines: Line[]): void {
  // Affiliations in parentheses after the names, or glued after the marks (`金双根1,2,31．中国科学院…`).
  const at = zhBylineEnd(line.text);
  parts.zhAuthors = parseZhAuthors(sliceLine(line, 0, at));
  // Characters of the byline no name took (OCR debris such as `一`): said, with the line quoted.
  const left = [...line.text.slice(0, at).replace(/\$[^$]*\$/g, '')].filter((c) => /[\u4e00-\u9fff]/.test(c));
  for (const n of parts.zhAuthors) for (const c of n.name) left.splice(left.indexOf(c), left.includes(c) ? 1 : 0);
  if (left.length) parts.skipped.push({ line, reason: `characters of the byline not read as a name (${left.join('')})` });
  if (at > 0 && at < line.text.length) affLines.push(sliceLine(line, at));
}

export type { ArticleMeta };

/** Where prose starts after the codes of a classification line (an empty 文章编号 followed by a sentence), or the length. */
function bodyAfterCodes(text: string): number {
  const m = /文章编号\s*[:：]\s*(?=[\u4e00-\u9fff])/.exec(text);
  if (!m) return text.length;
  const rest = text.slice(m.index + m[0].length);
  return (rest.match(/[\u4e00-\u9fff]/g) ?? []).length >= 15 ? m.index + m[0].length : text.length;
}

/** What follows a keyword list on its line: the classification codes, or a page-foot note run in (`*Corresponding author, …`). */
function takeAfterKeywords(parts: FrontParts, rest: Line): void {
  const after = afterKeywords(rest.text);
  if (after === 'codes') parts.codes.push({ codes: parseCodes(rest.text), line: rest });
  else if (after === 'other') parts.skipped.push({ line: rest, reason: 'text run into the keyword line' });
  else parts.notes.push({ kind: after.note, value: trimLine(sliceLine(rest, after.value)), line: rest });
}
