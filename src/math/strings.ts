/**
 * Formulas inside strings that hold no structure (titles, abstracts,
 * keywords, affiliations, notes): the `$…$` the extraction wrote there, read
 * the same way everywhere, so that the layout can typeset them and normalize
 * can judge them. The strings keep their TeX (the Markdown front matter and
 * the JATS print it as written).
 */
import type { PhrasingContent } from 'mdast';
import type { InlineMath } from 'mdast-util-math';
import type { ArticleMeta } from '../model/meta.js';
import { trimTex } from './tex.js';

/**
 * Inline `$…$`; display `$$…$$` is matched whole (group 1 empty) so that its
 * dollars pair with nothing else. The extraction spaces TeX out
 * (`\mathrm { C } \mathrm { = } 0`), so a formula may run long.
 */
export const MATH = /\$\$[\s\S]*?\$\$|\$([^$\n]{1,1500})\$/g;

/** Does `$…$` look like extracted TeX (rather than two dollar amounts)? */
export function looksLikeMath(body: string): boolean {
  // Prose between two stray dollars, not a formula.
  if ((body.match(/[\u4e00-\u9fff]/g) ?? []).length > 12) return false;
  if (/[\\^_{]/.test(body)) return true;
  // `$@$`, `$+$`, `$91.67%$`: a symbol or a percentage the extraction set as math, not two dollar amounts.
  if (/^\s*(?:[@+\-=<>*/%&#]|\d[\d\s]*(?:\.[\d\s]+)?\\?%)\s*$/.test(body)) return true;
  // `` $`+++++"$ ``: marks and quotes only (a table's grading), no dollar amount
  if (/^\s*[`'"]?(?:\s*[+\-*#]){2,}\s*[`'"]?\s*$/.test(body)) return true;
  // `$SREBP–1c$`: a name set as math (no dollar amount starts with a letter).
  if (/^[A-Za-z][A-Za-z0-9.–-]{0,15}$/.test(body)) return true;
  // `$2008,170(1):127438$`, `$0.45。$`: numbers the extraction set as math (a dollar amount ends where the next
  // `$` starts, after a space: `$5, $10`).
  if (/^\s*\d[\d\s.,:;()–+=%/-]*[\d)。，；]\s*$/.test(body)) return true;
  // `$p(x|b)$`, `$: = 7 . 5 6$`: a short formula with an operator (the extraction spaces it out).
  if (/^\s*[A-Za-z0-9:]{1,8}\s*[()|=<>+][A-Za-z0-9()|=<>+.,\s]{0,40}$/.test(body) && /[A-Za-z=]/.test(body)) return true;
  if (/^\s*[A-Za-z](?:\s*\d)*\s*$/.test(body)) return true; // `$T$`, `$n$`, `$x 1$`
  const tokens = body.trim().split(/\s+/);
  // `$* * P < 0 . 0 1$`: a significance mark and its level
  return tokens.length > 1 && tokens.every((t) => t.length === 1) && /^[\s\dA-Za-z.,<>=+\-−–×%()[\]/*]*$/.test(body);
}

/** `$^{[1]}$`: a citation mark, not a formula. */
export const CITATION_MATH = /^\s*\^\s*\{?\s*\[[^\]]*\]\s*\}?\s*$/;

/**
 * Each `$…$` and `$$…$$` of a string that reads as a formula, in order:
 * `accept` says whether a match is one (given its TeX and whether it was
 * written `$$…$$`). A match that is not one gives back its closing dollar,
 * which may open the next formula: in `$$ 透明 $$` (a lost arrow) or
 * `:-( $^{\prime}$` the stray dollars pair with nothing.
 */
export function* mathMatches(value: string, accept: (tex: string, display: boolean) => boolean): Generator<RegExpExecArray> {
  if (!value.includes('$')) return;
  const re = new RegExp(MATH.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) {
    const display = m[1] === undefined;
    if (accept(display ? m[0].slice(2, -2) : m[1]!, display)) yield m;
    else re.lastIndex = m.index + 1;
  }
}

/** Does a `$…$` (or `$$…$$` in running text) read as a formula? */
export function isFormula(tex: string): boolean {
  // a `$$…$$` body with a dollar inside is two stray `$$` around other formulas
  return !!tex.trim() && !tex.includes('$') && looksLikeMath(tex) && !CITATION_MATH.test(tex);
}

/** The formulas of a string: `[start, end, tex]` for each `$…$` that reads as TeX. */
export function stringFormulas(value: string): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  for (const m of mathMatches(value, isFormula)) {
    out.push([m.index, m.index + m[0].length, trimTex(m[1] ?? m[0].slice(2, -2))]);
  }
  return out;
}

/**
 * A string as phrasing: its text, and its formulas as inline math (marked
 * `invalid` with the reason when `problem` says the TeX cannot be read).
 */
export function stringPhrasing(value: string, problem?: (tex: string) => string | null): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const [start, end, tex] of stringFormulas(value)) {
    if (start > last) out.push({ type: 'text', value: value.slice(last, start) });
    const node: InlineMath = { type: 'inlineMath', value: tex };
    const why = problem?.(tex);
    if (why) node.data = { invalid: why } as InlineMath['data'];
    out.push(node as unknown as PhrasingContent);
    last = end;
  }
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
  return out;
}

/** The metadata strings that may hold formulas, by field (`abstract.zh`, `affiliations.0.en`, …). */
export function metaStrings(meta: ArticleMeta): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (key: string, value: string | undefined) => {
    if (value) out.push([key, value]);
  };
  for (const lang of ['zh', 'en'] as const) {
    add(`title.${lang}`, meta.title[lang]);
    add(`abstract.${lang}`, meta.abstract?.[lang]);
    (meta.keywords[lang] ?? []).forEach((k, i) => add(`keywords.${lang}.${i}`, k));
    meta.affiliations.forEach((a, i) => add(`affiliations.${i}.${lang}`, a[lang]?.text));
    add(`funding.${lang}`, meta.funding?.[lang]);
    add(`authorNotes.${lang}`, meta.authorNotes?.[lang]);
  }
  return out;
}

/** Does the metadata hold a formula? */
export function metaHasFormulas(meta: ArticleMeta | undefined): boolean {
  return !!meta && metaStrings(meta).some(([, v]) => stringFormulas(v).length > 0);
}
