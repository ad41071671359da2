/** Character classes shared by the stages. */

/** Han ideographs (CJK Unified, Ext A, Compatibility) and the iteration mark 〇. */
export const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u3007';
export const HAN_RE = new RegExp(`[${HAN}]`);
/** Full-width punctuation of Chinese text. */
export const FW_PUNCT = '，。、；：？！（）《》〈〉「」『』【】〔〕“”‘’…—～·';
export const GREEK = 'α-ωΑ-Ω';
/** A character of Chinese text: Han, full-width punctuation, CJK symbols and full-width forms (no space beside it). */
export const CJK_RE = new RegExp(`[${HAN}${FW_PUNCT}\\u3000-\\u303f\\uff00-\\uffef]`);

/** NFKC, case-folded, without spaces and punctuation: the form in which names and titles are compared. */
export function foldKey(value: unknown): string {
  return String(value ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{Z}\s]+/gu, '');
}

export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN_RE.test(ch);
}

export function isFullwidthPunct(ch: string | undefined): boolean {
  return ch !== undefined && FW_PUNCT.includes(ch);
}

export function isLatinLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z\u00C0-\u024F]/.test(ch);
}

const SUP_DIGITS: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
};

export function superscriptDigitsToAscii(s: string): string {
  return s.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => SUP_DIGITS[c] ?? c);
}
