/**
 * Normalization rules. Each has a stable id; each change it makes becomes a
 * finding with the source position, the text before and after.
 *
 * GB/T 15834: full-width `，；：（）！？` in Chinese text, half-width in English
 * runs; no literal spaces between Han and Latin or digits (the typesetter
 * adds the glue); split Greek letters and spaced hyphens re-joined.
 */
import { GREEK, HAN, isFullwidthPunct, isHan } from '../text/chars.js';

export interface Rule {
  id: string;
  /** Short description for the finding message. */
  describe: (before: string, after: string) => string;
  re: RegExp;
  replace: (m: RegExpExecArray, value: string) => string | null;
  /** Optional pre-pass computing a per-value decision (e.g. parenthesis pairs). */
  prepare?: (value: string) => void;
}

const G = `[${GREEK}]`;

/** `TNF- α` → `TNF-α`; `NF- κ B` → `NF-κB`; `TGF- β 1` → `TGF-β1`; `LC3- II` → `LC3-II`. */
export const greekRejoin: Rule = {
  id: 'greek-rejoin',
  describe: (b, a) => `Split Greek letter re-joined: \`${b}\` → \`${a}\``,
  re: new RegExp(
    `([A-Za-z0-9]-)[ \\u00a0]+(${G})(?:[ \\u00a0]+([A-Z0-9]{1,2})(?![A-Za-z0-9]))?(?:[ \\u00a0]+(?=[-/)）\\]]))?|(?<=[A-Za-z0-9]-)(${G})[ \\u00a0]+(?=[-/)）\\]])|(?<![A-Za-z0-9])(${G})[ \\u00a0]+-(?=[A-Za-z])`,
    'g',
  ),
  replace: (m) => {
    if (m[4]) return m[4];
    if (m[5]) return `${m[5]}-`;
    return `${m[1]}${m[2]}${m[3] ?? ''}`;
  },
};

export const hyphenSplit: Rule = {
  id: 'hyphen-split',
  describe: (b, a) => `Spaced hyphen re-joined: \`${b}\` → \`${a}\``,
  re: /([A-Za-z0-9])[ \u00a0]+-[ \u00a0]+(?=[A-Za-z0-9])|([A-Za-z0-9])-[ \u00a0]+(?=(?:I{1,3}|IV|VI{0,3})(?![A-Za-z]))/g,
  replace: (m) => `${m[1] ?? m[2]}-`,
};

export const superscriptSpace: Rule = {
  id: 'superscript-space',
  describe: (b, a) => `Space before a superscript removed: \`${b}\` → \`${a}\``,
  re: /([A-Za-z0-9])[ \u00a0]+([⁺⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+|\([+\-−]\))/g,
  replace: (m) => `${m[1]}${m[2]}`,
};

const FW: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）' };

function prevNonSpace(value: string, i: number): string | undefined {
  for (let k = i - 1; k >= 0; k--) if (value[k] !== ' ' && value[k] !== '\u00a0') return value[k];
  return undefined;
}
function nextNonSpace(value: string, i: number): string | undefined {
  for (let k = i + 1; k < value.length; k++) if (value[k] !== ' ' && value[k] !== '\u00a0') return value[k];
  return undefined;
}
const hanSide = (ch: string | undefined) => isHan(ch) || (ch !== undefined && '，。、；：？！”’》」』】）'.includes(ch));

let parenDecision = new Map<number, string>();

/** Half-width punctuation in Chinese context becomes full-width. */
export const punctHalfwidth: Rule = {
  id: 'punct-halfwidth-in-han',
  describe: (b, a) => `Half-width \`${b.trim()}\` in Chinese text → \`${a.trim()}\``,
  prepare: (value) => {
    parenDecision = new Map();
    const stack: number[] = [];
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (c === '(' || c === '（') stack.push(i);
      else if ((c === ')' || c === '）') && stack.length) pairs.push([stack.pop()!, i]);
    }
    for (const [open, close] of pairs) {
      if (value[open] === '（' && value[close] === '）') continue;
      const before = prevNonSpace(value, open);
      const after = nextNonSpace(value, close);
      const inner = value.slice(open + 1, close);
      const han = isHan(before) || isFullwidthPunct(before) || isHan(after) || new RegExp(`[${HAN}]`).test(inner);
      if (han) {
        if (value[open] === '(') parenDecision.set(open, '（');
        if (value[close] === ')') parenDecision.set(close, '）');
      }
    }
  },
  re: /[,;:!?()]/g,
  replace: (m, value) => {
    const c = m[0];
    const i = m.index;
    if (c === '(' || c === ')') return parenDecision.get(i) ?? null;
    const prev = value[i - 1];
    const next = value[i + 1];
    if (/\d/.test(prev ?? '') && /\d/.test(next ?? '')) return null; // 2,3-dioxygenase; 10:30
    if (c === ':' && next === '/') return null; // URLs
    const p = prevNonSpace(value, i);
    const n = nextNonSpace(value, i);
    if (c === '!' || c === '?') return hanSide(p) ? FW[c]! : null;
    return hanSide(p) || isHan(n) ? FW[c]! : null;
  },
};

/** A Latin full stop right after Han text that ends a sentence. */
export const periodHalfwidth: Rule = {
  id: 'punct-halfwidth-in-han',
  describe: (b, a) => `Half-width \`${b.trim()}\` in Chinese text → \`${a.trim()}\``,
  re: new RegExp(`(?<=[${HAN}])\\.(?=$|[${HAN}]|[ \\u00a0]+[${HAN}])`, 'g'),
  replace: () => '。',
};

/** No literal spaces between Han and Latin/digits, nor around full-width punctuation. */
export const spaceHanLatin: Rule = {
  id: 'space-han-latin',
  describe: (b) => `Space between Han and Latin text removed (\`${b}\`)`,
  re: new RegExp(
    `(?<=[${HAN}])[ \\u00a0\\u3000]+(?=[A-Za-z0-9${GREEK}(\\[<“"‘'’”%+\\-~])|(?<=[A-Za-z0-9${GREEK})\\]>”"’'%+⁺⁻])[ \\u00a0\\u3000]+(?=[${HAN}])|(?<=[${HAN}])[ \\u00a0\\u3000]+(?=[${HAN}])`,
    'g',
  ),
  replace: () => '',
};

export const spaceFullwidth: Rule = {
  id: 'space-fullwidth',
  describe: () => 'Space beside full-width punctuation removed',
  re: /(?<=[，。、；：？！（）《》「」『』【】“”‘’])[ \u00a0\u3000]+|[ \u00a0\u3000]+(?=[，。、；：？！（）《》「」『』【】])/g,
  replace: () => '',
};

/** Control characters and non-characters have no place in article text. */
export const controlChars: Rule = {
  id: 'char-control',
  describe: (b) => `Control character U+${b.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} removed`,
  re: /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g,
  replace: () => '',
};

/** Rules for Chinese running text (body, headings, captions, Chinese metadata). */
export const HAN_TEXT_RULES: Rule[] = [controlChars, greekRejoin, hyphenSplit, superscriptSpace, punctHalfwidth, periodHalfwidth, spaceFullwidth, spaceHanLatin];

// ---- references ----

export const refSpaceBeforeType: Rule = {
  id: 'ref-space-before-type',
  describe: (b, a) => `Space before the document-type mark removed: \`${b}\` → \`${a}\``,
  re: /[ \u00a0]+(\[(?:[A-Z]{1,2})(?:\/OL)?\])/g,
  replace: (m) => m[1]!,
};

export const refSlashSpace: Rule = {
  id: 'ref-slash-space',
  describe: (b, a) => `Space after a slash removed: \`${b}\` → \`${a}\``,
  re: /([A-Za-z0-9])\/[ \u00a0]+(?=[A-Za-z])/g,
  replace: (m) => `${m[1]}/`,
};

export const refCommaSpace: Rule = {
  id: 'ref-separator',
  describe: (b, a) => `Reference separator normalized: \`${b}\` → \`${a}\``,
  re: /[ \u00a0]*,[ \u00a0]*/g,
  replace: (m, value) => {
    const prev = value[m.index - 1];
    const next = value[m.index + m[0].length];
    if (/\d/.test(prev ?? '') && /\d/.test(next ?? '') && m[0] === ',') {
      // 2020,16(1) — a year then a volume: in the publication part only.
      const tail = value.slice(0, m.index);
      if (!/\]\.\s*[^\]]*$/.test(tail)) return null;
    }
    if (next === undefined) return null;
    return ', ';
  },
};

export const refColonPages: Rule = {
  id: 'ref-separator',
  describe: (b, a) => `Reference separator normalized: \`${b}\` → \`${a}\``,
  re: /\)[ \u00a0]*:[ \u00a0]+(?=[\de])|(\d)[ \u00a0]*:[ \u00a0]+(?=[\de]\d*)/g,
  replace: (m) => (m[1] ? `${m[1]}:` : '):'),
};

/** `昆明:昆明医科大学` → `昆明: 昆明医科大学` (place: publisher; a title's colon likewise). */
export const refColonSpace: Rule = {
  id: 'ref-separator',
  describe: (b, a) => `Reference separator normalized: \`${b}\` → \`${a}\``,
  re: /(?<=[^\d\s:)]):(?=[^\s\d/:])/g,
  replace: () => ': ',
};

export const REFERENCE_RULES: Rule[] = [controlChars, greekRejoin, hyphenSplit, superscriptSpace, refSlashSpace, refSpaceBeforeType, refCommaSpace, refColonPages, refColonSpace];
