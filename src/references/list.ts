/**
 * A reference list is written in one style. Each entry is read on its own
 * (the readers of the families decline strings that do not have their
 * shape, so an entry two families read alike is rare); the list's family is
 * the one most of its entries were read as, and an entry of another family
 * is pointed out (`ref-style-mixed`): an editor unifies the list.
 */
import type { DetailedParseResult } from './draft.js';
import { parseReferenceDetailed } from './parse.js';
import type { StyleFamily } from './styles/detect.js';

/** At least this many entries, and this share of the entries whose family is known, make a list's family. */
const MIN_ENTRIES = 3;
const MIN_SHARE = 2 / 3;

export interface ReadList {
  results: DetailedParseResult[];
  /** The list's family, when enough of its entries agree. */
  family?: StyleFamily;
}

/** Read the entries of one list: `texts[i]` gets the id `ids[i]`. */
export function parseReferenceList(texts: readonly string[], ids: readonly string[]): ReadList {
  const results = texts.map((text, i) => parseReferenceDetailed(text, ids[i]));
  const family = listFamily(results);
  return family ? { results, family } : { results };
}

/** The family of an entry, when its reading says it: GB/T 7714 only with a type code. */
export function entryFamily(r: DetailedParseResult): StyleFamily | undefined {
  if (r.family === 'gbt7714' && r.issues.some((i) => i.field === 'type')) return undefined;
  return r.family;
}

/** The family most entries were read as, when they are enough of them. */
export function listFamily(results: readonly DetailedParseResult[]): StyleFamily | undefined {
  const counts = new Map<StyleFamily, number>();
  let known = 0;
  for (const r of results) {
    const family = entryFamily(r);
    if (!family) continue;
    known++;
    counts.set(family, (counts.get(family) ?? 0) + 1);
  }
  for (const [family, n] of counts) if (n >= MIN_ENTRIES && n >= known * MIN_SHARE) return family;
  return undefined;
}

/** How the families are named in findings. */
export const FAMILY_NAMES: Record<StyleFamily, string> = {
  gbt7714: 'GB/T 7714',
  'author-date': 'author-date (APA, Harvard)',
  nature: 'Nature',
  vancouver: 'Vancouver',
};
