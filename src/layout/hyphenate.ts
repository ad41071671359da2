/**
 * Where an English word may be hyphenated at a line's end: the TeX patterns
 * for US English (the `hyphen` package), only inside a purely alphabetic
 * word of six letters or more, lower case but for its first letter, at
 * least two letters before the break and three after. A term with digits
 * or capitals inside (`MSCs`, `IL-10`, `CD4`) is never hyphenated, nor is a
 * word at an explicit hyphen or slash (a compound breaks after its own
 * hyphen, see paragraph.ts).
 */
// the file itself: the package has no exports map, and Node does not import a directory
import hyphen from 'hyphen/en/index.js';

const cache = new Map<string, number[]>();
const WORD = /^[A-Za-z][a-z]{5,}$/;

/** Offsets inside `word` where it may break with a hyphen (none when the word is not one to hyphenate). */
export function hyphenationPoints(word: string): number[] {
  if (!WORD.test(word)) return [];
  let points = cache.get(word);
  if (!points) {
    const marked = hyphen.hyphenateSync(word.toLowerCase(), { hyphenChar: "\u00ad", minWordLength: 6 });
    points = [];
    let at = 0;
    for (const ch of marked) {
      if (ch === '\u00ad') {
        if (at >= 2 && word.length - at >= 3) points.push(at);
      } else at++;
    }
    if (cache.size > 50_000) cache.clear();
    cache.set(word, points);
  }
  return points;
}

/**
 * The hyphenation points of a token's letters (`chars`, one character each):
 * for each maximal run of Latin letters, its points, as offsets in the token;
 * none when the token has a digit or a capital after its first letter.
 */
export function tokenHyphenation(chars: readonly string[]): number[] {
  if (chars.some((c, i) => /[0-9]/.test(c) || (i > 0 && /[A-Z]/.test(c)))) return [];
  const out: number[] = [];
  let i = 0;
  while (i < chars.length) {
    if (!/[A-Za-z]/.test(chars[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && /[A-Za-z]/.test(chars[j]!)) j++;
    // a run beside a hyphen or slash is part of a compound or a pair: left whole
    const beside = /[-\u2010/]/.test(chars[i - 1] ?? '') || /[-\u2010/]/.test(chars[j] ?? '');
    if (!beside) for (const p of hyphenationPoints(chars.slice(i, j).join(''))) out.push(i + p);
    i = j;
  }
  return out;
}
