/**
 * Character classes for Chinese layout (W3C clreq, GB/T 15834).
 */

/** Full-width closing marks: ink in the left half, blank right half. */
export const CLOSING = new Set([...'、，。．；：！？）》」』】〕〗〙〛”’］｝〉']);
/** Full-width opening marks: blank left half, ink in the right half. */
export const OPENING = new Set([...'（《「『【〔〖〘〚“‘［｛〈']);
/** Marks that may not start a line besides the closing ones. */
export const NO_LINE_START = new Set([...'·・～〜‥ゝゞ々〻ー％‰℃']);
/** Other Chinese punctuation set as full-width atoms without compression. */
export const CJK_OTHER = new Set([...'…—⸺〜～・〃']);

export type CharClass =
  | 'han' // ideographs, kana, full-width letters and digits
  | 'open' // opening full-width mark
  | 'close' // closing full-width mark
  | 'cjk' // other full-width punctuation (…, —, ～)
  | 'latin' // letters, digits, Latin punctuation, Greek, symbols
  | 'space';

export function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x3040 && cp <= 0x30ff && cp !== 0x30fb) ||
    (cp >= 0x31f0 && cp <= 0x31ff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xff10 && cp <= 0xff19) ||
    (cp >= 0xff21 && cp <= 0xff3a) ||
    (cp >= 0xff41 && cp <= 0xff5a) ||
    cp === 0x3007 ||
    cp === 0x3005
  );
}

const classCache = new Map<string, CharClass>();

export function classify(ch: string): CharClass {
  let c = classCache.get(ch);
  if (c === undefined) {
    c = classifyUncached(ch);
    classCache.set(ch, c);
  }
  return c;
}

/** No-break spaces: kept as glyphs inside a Latin token, never a break. */
const NO_BREAK_SPACES = new Set(['\u00a0', '\u2007', '\u202f']);
/** Format characters dropped before setting (zero-width spaces and joiners, soft hyphen, BOM). */
export const IGNORED = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']);

function classifyUncached(ch: string): CharClass {
  if (NO_BREAK_SPACES.has(ch)) return 'latin';
  if (CLOSING.has(ch)) return 'close';
  if (OPENING.has(ch)) return 'open';
  if (CJK_OTHER.has(ch)) return 'cjk';
  if (/^\s$/u.test(ch)) return 'space';
  const cp = ch.codePointAt(0)!;
  if (isHan(cp)) return 'han';
  if (cp >= 0x3000 && cp <= 0x303f) return 'cjk';
  return 'latin';
}

/** Letters and digits of the Latin side (Han–Latin glue is added beside them). */
export function isAlnum(ch: string): boolean {
  return /^[\p{L}\p{N}%‰°℃]$/u.test(ch) || SCRIPT_FORMS.has(ch);
}

export function isLetter(ch: string): boolean {
  return /^\p{L}$/u.test(ch);
}

export function isLower(ch: string): boolean {
  return /^\p{Ll}$/u.test(ch);
}

/**
 * Superscript and subscript forms and the base character drawn, raised or
 * lowered, when the font has no glyph for the form itself.
 */
export const SCRIPT_FORMS: Map<string, { base: string; script: 'sup' | 'sub' }> = (() => {
  const map = new Map<string, { base: string; script: 'sup' | 'sub' }>();
  const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ';
  const supBase = '0123456789+−=()in';
  const sub = '₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₔₕₖₗₘₙₚₛₜ';
  const subBase = '0123456789+−=()aeoxəhklmnpst';
  [...sup].forEach((c, i) => map.set(c, { base: [...supBase][i]!, script: 'sup' }));
  [...sub].forEach((c, i) => map.set(c, { base: [...subBase][i]!, script: 'sub' }));
  return map;
})();
