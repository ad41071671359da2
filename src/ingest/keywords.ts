/**
 * Keyword lists: cut where the classification codes begin (中图分类号,
 * 文献标识码, 文章编号, DOI, CLC number) or a page-foot note runs in
 * (`*Corresponding author`, 通信作者, 收稿日期), split on `；;，,、`, and on white
 * space where that is how the list is written (`冬小麦　夏玉米　增产`).
 */
import { parseCodes } from './codes.js';
import { NOTE_LABELS, labelAtStart, type LabelKind } from './labels.js';

const STOP = /\s*[【[]?(?:中\s*图\s*(?:法\s*)?分\s*类\s*号|分类号|文献标[识志]码|文章编号|DOI\s*[:：]|CLC(?:\s+number)?\b|Document\s+code|Article\s+ID|[*＊]?\s*(?:Corresponding\s+authors?\b|通[信讯]作者|收稿日期|基金项目|作者简介))/i;

/** The keyword text up to the first code label (the offset where the codes start, or the length). */
export function keywordsEnd(text: string): number {
  const m = STOP.exec(text);
  return m ? m.index : text.length;
}

export function splitKeywords(text: string, lang: 'zh' | 'en'): string[] {
  const list = text.slice(0, keywordsEnd(text)).trim();
  const separators = /[;；,，、]/.test(list) ? /\s*[;；,，、]\s*/ : lang === 'zh' ? /[\s\u3000]+/ : /\s{2,}|\u3000+/;
  return list
    .split(separators)
    .map((k) => k.trim().replace(/^[:：]\s*/, '').replace(/[。.;；,，]+$/, '').trim())
    .filter(Boolean);
}

/** Where Chinese prose starts after the last English keyword (`…; budget;建立健全…`), or -1. */
export function englishKeywordsGlue(text: string): number {
  const m = /[;；,，.。]\s*(?=[\u4e00-\u9fff]{4})/.exec(text);
  return m && /[A-Za-z]/.test(text.slice(0, m.index)) ? m.index + m[0].length : -1;
}

/**
 * What follows a keyword list on its line: a page-foot note run in
 * (`*Corresponding author, …`, its label kind and where its value starts),
 * the classification codes, or other text.
 */
export function afterKeywords(text: string): { note: LabelKind; value: number } | 'codes' | 'other' {
  const star = /^[*＊]\s*/.exec(text)?.[0].length ?? 0;
  const label = labelAtStart(text.slice(star));
  if (label && NOTE_LABELS.has(label.kind)) return { note: label.kind, value: star + label.rest };
  const codes = parseCodes(text);
  return Object.values(codes).some((v) => v !== undefined && !(Array.isArray(v) && !v.length)) ? 'codes' : 'other';
}
