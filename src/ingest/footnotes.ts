/**
 * Page-foot notes of the first page, wherever the extraction put them:
 * 收稿日期 (with 修回日期, 录用日期), 基金项目, 作者简介, 通信作者, 责任编辑, in
 * Chinese or English. A note continued on the next line is joined.
 */
import type { ArticleMeta, Bilingual } from '../model/meta.js';
import type { LabelKind } from './labels.js';

/** Dates as `2023-08-31`, `2023.8.31`, `2023年8月31日` or `2023 - 08 - 31`. */
export function parseDate(text: string): string | null {
  const m = /(\d{4})\s*[-./年—－]\s*(\d{1,2})\s*[-./月—－]\s*(\d{1,2})/.exec(text);
  if (!m) return null;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const EMAIL = /([A-Za-z0-9._%+-]+)\s*(?:\$\s*@\s*\$|@)\s*([A-Za-z0-9-]+(?:\s*\.\s*[A-Za-z0-9-]+)*\s*\.\s*[A-Za-z]{2,})/;

/** The first e-mail address in a text, mended when the extraction spaced it (`wfli $@$ zju.edu.cn`). */
export function findEmail(text: string): string | undefined {
  const m = EMAIL.exec(text);
  return m ? `${m[1]}@${m[2]!.replace(/\s+/g, '')}` : undefined;
}

export interface Correspondence {
  name?: string;
  email?: string;
}

/** `*通信作者：李卫芬，教授，E-mail: …` or `Corresponding author: LI Weifen, E-mail: …`. */
export function parseCorrespondence(value: string): Correspondence {
  const out: Correspondence = {};
  const email = findEmail(value);
  if (email) out.email = email;
  const name = /^[\s:：]*([^,，;；:：(（]+?)\s*(?:[,，;；(（]|$)/.exec(value);
  if (name && !/@|e-?mail|电子|邮箱|\d/i.test(name[1]!) && name[1]!.length <= 40) out.name = name[1]!.trim();
  return out;
}

const lang = (s: string): 'zh' | 'en' => (/[\u4e00-\u9fff]/.test(s) ? 'zh' : 'en');

function addBilingual(current: Bilingual | undefined, text: string): Bilingual {
  const l = lang(text);
  const value = current?.[l] ? `${current[l]}${l === 'en' ? ' ' : ''}${text}` : text;
  return { ...current, [l]: value };
}

/** Put one labelled note into the metadata; returns false when the value carried nothing usable. */
export function applyNote(meta: ArticleMeta, kind: LabelKind, value: string): boolean {
  // `(收稿日期：…)`: a note printed in parentheses, both of them removed (a grant number's own stay).
  let text = value.replace(/^[\s:：]+/, '').trim();
  if (/^[(（]/.test(text)) text = text.slice(1).trim();
  if (/[)）]$/.test(text) && (text.match(/[(（]/g) ?? []).length < (text.match(/[)）]/g) ?? []).length) text = text.slice(0, -1).trim();
  if (!text) return false;
  switch (kind) {
    case 'received':
      return applyDates(meta, text);
    case 'funding':
      meta.funding = addBilingual(meta.funding, text);
      return true;
    case 'bio':
      meta.authorNotes = addBilingual(meta.authorNotes, text);
      return true;
    case 'editor':
      meta.editor = text;
      return true;
    default:
      return false;
  }
}

function applyDates(meta: ArticleMeta, text: string): boolean {
  const received = parseDate(text);
  if (received && !meta.received) meta.received = received;
  const revised = /(?:修回日期|修订日期|Revised)\s*[:：]?\s*(.+)$/i.exec(text);
  if (revised) meta.revised = parseDate(revised[1]!) ?? meta.revised;
  const accepted = /(?:录用日期|接受日期|接收日期|Accepted)\s*[:：]?\s*(.+)$/i.exec(text);
  if (accepted) meta.accepted = parseDate(accepted[1]!) ?? meta.accepted;
  return !!received;
}

/** Is `next` the rest of a note cut at the line's end? */
export function continuesNote(previous: string, next: string): boolean {
  if (!next || next.length > 200) return false;
  if (/[。.]$/.test(previous.trim())) return false;
  return !/^[#!|<]/.test(next);
}
