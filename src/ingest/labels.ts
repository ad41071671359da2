/**
 * The printed labels of a Chinese article's front matter and page-foot
 * notes (摘要, 关键词, 中图分类号, 基金项目, Abstract, Key words, …), found at a
 * line's start or glued inside a line the extraction ran together.
 */
import { matchReferencesHeading } from './references.js';
import { sliceLine, trimLine, type Line } from './source.js';

export type LabelKind =
  | 'abstract-zh'
  | 'keywords-zh'
  | 'clc'
  | 'doi'
  | 'abstract-en'
  | 'keywords-en'
  | 'corresp'
  | 'funding'
  | 'bio'
  | 'received'
  | 'editor'
  | 'cite-as'
  | 'references';

/** Page-foot notes: funding, author notes, dates, correspondence. */
export const PAGE_NOTES: ReadonlySet<LabelKind> = new Set<LabelKind>(['funding', 'bio', 'received', 'corresp']);
/** Notes of any kind, the editor and the article's own citation line included. */
export const NOTE_LABELS: ReadonlySet<LabelKind> = new Set<LabelKind>([...PAGE_NOTES, 'editor', 'cite-as']);

/** Opening and closing brackets a label may be printed in: `【摘要】`, `[关键词]`. */
const O = '(?:[[【〔(（]\\s*)?';
const C = '(?:\\s*[\\]】〕)）])?';

const LABELS: Array<[LabelKind, string]> = [
  ['abstract-zh', `${O}摘\\s*要${C}`],
  // In brackets, an OCR misreading of 关 (`【大键词】`) is still the label.
  ['keywords-zh', `(?:${O}关\\s*键\\s*[词字]${C}|[【[][\\u4e00-\\u9fff]键\\s*[词字][】\\]])`],
  ['clc', `${O}(?:中\\s*图\\s*(?:法\\s*)?分\\s*类\\s*号|分类号)${C}`],
  ['doi', `${O}DOI${C}(?=\\s*[:：])`],
  ['abstract-en', `${O}(?:Abstract|ABSTRACT)(?![a-z])${C}`],
  ['keywords-en', `${O}(?:Key\\s*-?\\s*[Ww]ords?|KEY\\s*WORDS?|Keywords|KEYWORDS)(?![a-z])${C}`],
  ['corresp', `[*∗]?\\s*(?:通[信讯]作者|Corresponding\\s+authors?|Correspondent)`],
  ['funding', `${O}(?:基金项目|基金资助|资助项目|Foundation\\s+(?:items?|support|projects?)|Fund(?:ing)?\\s+(?:items?|projects?)|Supported\\s+by)${C}`],
  ['bio', `${O}(?:作者简介|第一作者简介|Biography|Biographies)${C}`],
  ['received', `${O}(?:收稿日期|收稿时间|Received\\s+date|(?:Manuscript\\s+)?[Rr]eceived)${C}(?=\\s*[:：]|\\s*\\d)`],
  ['editor', `${O}(?:本文)?(?:责任)?编辑${C}(?=\\s*[:：]|\\s+[\\u4e00-\\u9fff]{2,4}\\s*[)）]?$)`],
  ['cite-as', `${O}(?:本文)?引用格式${C}`],
];

/** A label may follow a heading mark or a manuscript's line number (`5 关键词：…`). */
const AT_START = LABELS.map(([kind, re]) => [kind, new RegExp(`^[#\\s]*(?:\\d{1,4}\\s+)?${re}\\s*[:：.]?\\s*`)] as const);

export interface LabelMatch {
  kind: LabelKind;
  /** Offset where the labelled value starts. */
  rest: number;
}

/** The label a line starts with, if any. */
export function labelAtStart(text: string): LabelMatch | null {
  const refs = matchReferencesHeading(text);
  if (refs) return { kind: 'references', rest: refs.rest };
  for (const [kind, re] of AT_START) {
    const m = re.exec(text);
    if (m && !(kind === 'received' && /^[#\s]*Received\s+\w/.test(text) && !/\d/.test(text.slice(0, 30)))) return { kind, rest: m[0].length };
  }
  return null;
}

/**
 * Labels that can be glued after other text: `…杭州310058）摘要：…`,
 * `…肉质关键词：品种；…`, `…家兔中图分类号：R329`. The code labels are
 * unambiguous anywhere; 摘要 and 关键词 need a colon or brackets.
 */
const INLINE = new RegExp(
  [
    '(?:中图(?:法)?分类号|文献标[识志]码|文章编号)',
    '[【[]?(?:摘\\s*要|关\\s*键\\s*[词字])(?:[】\\]]|\\s*[:：])',
    '(?:Abstract|Key\\s*-?\\s*[Ww]ords?|Keywords)\\s*[:：]',
    '[【[](?:DOI)[】\\]]',
    '[*＊]?(?:作者简介|基金项目|收稿日期|通[信讯]作者)\\s*[:：]',
  ].join('|'),
  'g',
);

/** Split a line before every glued label (only where the text before it is not empty). */
export function splitAtLabels(line: Line): Line[] {
  const cuts: number[] = [];
  INLINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = INLINE.exec(line.text))) {
    // Not after a manuscript's line number alone (`5 关键词：…`): the label starts the line.
    if (m.index > 0 && !/^[#\s]*\d{1,4}\s*$/.test(line.text.slice(0, m.index)) && isGluePoint(line.text, m.index, m[0])) cuts.push(m.index);
  }
  if (!cuts.length) return [line];
  const out: Line[] = [];
  let from = 0;
  for (const c of [...cuts, line.text.length]) {
    const piece = trimLine(sliceLine(line, from, c));
    if (piece.text) out.push(piece);
    from = c;
  }
  return out;
}

function isGluePoint(text: string, at: number, label: string): boolean {
  const before = text[at - 1]!;
  // 文献标识码 and 文章编号 follow 中图分类号 on the same printed line: split them off only after it.
  if (/^(?:文献标|文章编号)/.test(label)) return /中图(?:法)?分类号/.test(text.slice(0, at)) ? false : /关\s*键\s*[词字]|摘\s*要/.test(text.slice(0, at));
  if (/^[A-Z]/.test(label)) return /[\s)）.。]/.test(before);
  return true;
}
