/** Character classes shared by the stages. */

/** Han ideographs (CJK Unified, Ext A, Compatibility) and the iteration mark 〇. */
export const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u3007';
export const HAN_RE = new RegExp(`[${HAN}]`);
export const HAN_G = new RegExp(`[${HAN}]`, 'g');
/** Full-width punctuation of Chinese text. */
export const FW_PUNCT = '，。、；：？！（）《》〈〉「」『』【】〔〕“”‘’…—～·';
export const GREEK = 'α-ωΑ-Ω';
export const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ';

export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN_RE.test(ch);
}

export function isFullwidthPunct(ch: string | undefined): boolean {
  return ch !== undefined && FW_PUNCT.includes(ch);
}

export function isLatinOrDigit(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9\u00C0-\u024F]/.test(ch);
}

export function isLatinLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z\u00C0-\u024F]/.test(ch);
}

/** Share of Han characters among letters (Han + Latin). */
export function hanRatio(text: string): number {
  let han = 0;
  let latin = 0;
  for (const ch of text) {
    if (isHan(ch)) han++;
    else if (/[A-Za-z]/.test(ch)) latin++;
  }
  return han + latin === 0 ? 0 : han / (han + latin);
}

const SUP_DIGITS: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
};

export function superscriptDigitsToAscii(s: string): string {
  return s.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => SUP_DIGITS[c] ?? c);
}
