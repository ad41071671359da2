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
export function readOtherFamily(s: string, d: Draft, issues: ParseIssue[]): StyleFamily | undefined {
  for (const [family, read] of READERS) {
    const draft: Draft = { ...d };
    const found: ParseIssue[] = [];
    if (!read(s, draft, found)) continue;
    if (!draft.title && !draft.containerTitle) continue;
    Object.assign(d, draft);
    issues.push(...found);
    return family;
  }
  return undefined;
}
