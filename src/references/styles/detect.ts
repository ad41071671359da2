/**
 * Which style family wrote a reference that carries no GB/T 7714 type code,
 * and its reading: author-date (APA, Harvard, Chicago), Nature, Vancouver.
 * Each reader declines a string that does not have its shape, so the order
 * only matters where two could read it: the date right after the names is
 * the strongest sign, the year at the very end next, the semicolon after
 * the date last.
 */
import type { Draft, ParseIssue } from '../draft.js';
import { readAuthorDate } from './author-date.js';
import { readNature } from './nature.js';
import { readVancouver } from './vancouver.js';

export type StyleFamily = 'gbt7714' | 'author-date' | 'nature' | 'vancouver';

const READERS: Array<[StyleFamily, (s: string, d: Draft, issues: ParseIssue[]) => boolean]> = [
  ['author-date', readAuthorDate],
  ['nature', readNature],
  ['vancouver', readVancouver],
];

/** Read `s` with the first family that recognises it; `d` and `issues` are left untouched when none does. */
export function readOtherFamily(input: string, d: Draft, issues: ParseIssue[]): StyleFamily | undefined {
  // These families are written with half-width separators; a copy typed or converted in full width reads the same.
  const s = respaced(halfWidthSeparators(input));
  for (const [family, read] of READERS) {
    const draft: Draft = { ...d };
    const found: ParseIssue[] = [];
    if (!read(s, draft, found)) continue;
    if (!draft.title && !draft.containerTitle) continue;
    if (family === 'author-date' && natureWithNames(s, d, draft)) continue;
    Object.assign(d, draft);
    issues.push(...found);
    return family;
  }
  return undefined;
}

/**
 * `Bawden, D. Origins of digital literacy. (2008).`: a Nature web page (no
 * container) reads as APA's title-first form too, `Title. (2008).`, with the
 * names inside the title; when Nature's reading finds the names, it is the one.
 */
function natureWithNames(s: string, d: Draft, authorDate: Draft): boolean {
  if (authorDate.author?.length || authorDate.editor?.length || authorDate.type === 'legislation') return false;
  const nature: Draft = { ...d };
  return readNature(s, nature, []) && !!nature.author?.length && !!nature.title;
}

const HALF: Record<string, string> = { '，': ', ', '．': '. ', '：': ': ', '；': '; ', '（': ' (', '）': ') ', '［': '[', '］': ']', '＆': '&' };

/** `Smith，J．（2020）．` → `Smith, J. (2020).`: full-width separators as half-width ones, spaced as English prints them. */
export function halfWidthSeparators(text: string): string {
  if (!/[，．：；（）［］＆]/u.test(text)) return text;
  return text
    .replace(/[，．：；（）［］＆]/gu, (c) => HALF[c]!)
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/\s+([.,;:])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * `Smith,J.,& Doe,B.(2020).Title.Journal,14(10),123–130`: when most
 * separators lost the space after them (extraction does this), the spaces
 * are put back, so the readers see the form the style prints. Addresses are
 * already out of the string by then.
 */
export function respaced(text: string): string {
  const GLUED = /[,;:)](?=[\p{L}\d(&])|\.(?=[\p{Lu}\p{Script=Han}\d(&]|(?:and|in|eds?)\s)/gu;
  const glued = text.match(GLUED)?.length ?? 0;
  const spaced = text.match(/[.,;:)]\s/gu)?.length ?? 0;
  if (glued < 3 || glued <= spaced) return text;
  return text.replace(GLUED, '$& ').replace(/(?<=\S)\(/gu, ' (');
}
