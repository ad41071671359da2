/**
 * The parts after the title that the English style families share: a
 * journal statement written with commas (`Journal, 14(10), 123–130`), a
 * publisher statement (`New York: Springer`), an edition (`2nd ed.`),
 * editors (`In A. Doe (Ed.),`), a thesis or report genre.
 */
import type { Draft } from '../draft.js';
import { parseNameList } from '../names.js';
import { normalizePages, PAGE_RANGE_SRC, PAGES_SRC, parseEdition, parseEnglishDate } from '../tokens.js';
import { readInvertedNames } from './inverted-names.js';

/**
 * `Journal, 14(10), 123–130` / `Journal, 14(10), pp. 123–130` / `Journal, 14, e1228` /
 * `Journal, (6), 1–9` / `Journal 14, 123–130` (Nature) / `Proceedings, 17–38` (pages alone) /
 * `Journal, 12(2), 22–24, 27` (a list of pages) / `Journal, 67–68, 9–16` (a double volume, before pages).
 */
const JOURNAL_COMMA = new RegExp(
  String.raw`^(?<ct>.+?)(?:(?:,\s*|\s+)(?<vol>[A-Z]?\d+[A-Za-z]?(?:\s*[-–—]\s*\d+(?=\s*,\s*(?:pp?\.\s*)?[A-Za-z]{0,3}\d))?)\s*(?:\((?<iss>[^()]{1,20})\))?|,\s*\((?<iss2>[^()]{1,20})\))(?:\s*,\s*(?:pp?\.\s*)?(?<pg>${PAGES_SRC}))?\s*\.?$`,
  'u',
);
const PAGES_ONLY = new RegExp(String.raw`^(?<ct>.+?),\s*(?:pp?\.\s*)?(?<pg>${PAGE_RANGE_SRC})\s*\.?$`, 'u');

export interface JournalParts {
  containerTitle: string;
  volume?: string;
  issue?: string;
  page?: string;
}

export function readJournalComma(text: string): JournalParts | undefined {
  const m = JOURNAL_COMMA.exec(text.trim()) ?? PAGES_ONLY.exec(text.trim());
  if (!m?.groups) return undefined;
  const ct = m.groups.ct!.trim().replace(/[,.]$/, '');
  // `…, p. 55`: pages, not a volume
  if (!/\p{L}/u.test(ct) || /[,\s]pp?\.?$/u.test(ct)) return undefined;
  const out: JournalParts = { containerTitle: ct };
  if (m.groups.vol) out.volume = normalizePages(m.groups.vol);
  const issue = m.groups.iss ?? m.groups.iss2;
  if (issue) out.issue = issue.trim();
  if (m.groups.pg) out.page = normalizePages(m.groups.pg);
  return out;
}

export function applyJournal(d: Draft, j: JournalParts): void {
  d.type = 'article-journal';
  d.containerTitle = j.containerTitle;
  if (j.volume) d.volume = j.volume;
  if (j.issue) d.issue = j.issue;
  if (j.page) d.page = j.page;
}

/** `New York: Springer` → place and publisher; `Springer` alone → publisher. */
export function applyPublisher(d: Draft, text: string): void {
  const t = text.trim().replace(/[.,;]$/, '').trim();
  if (!t) return;
  const m = /^(?<place>[^:;]{2,60}?)\s*:\s*(?<pub>.+)$/u.exec(t);
  if (m?.groups) {
    // `[Berkeley]`: a place the cataloguer supplied, in brackets
    d.place = m.groups.place!.trim().replace(/^\[([^\[\]]+)\]$/u, '$1');
    d.publisher = m.groups.pub!.trim();
  } else d.publisher = t;
}

/**
 * A report or standard number as APA prints it bare in the note after a
 * title: `RMRS-GTR-262`, `PB 91-194001`, `ISO 15836:2009`, `GB/T 3792.4—2009`
 * (capitals, then parts joined by `- / : .`, with a run of three digits; not
 * `COVID-19`).
 */
const REPORT_CODE = /^(?=.*\d{3})[A-Z][A-Z\d]*(?:\s?[-\/:.—–]\s?[A-Z\d]+|\s[A-Z\d]+)+$/u;

/**
 * What APA prints in parentheses after a title, split off into fields:
 * `(2nd ed.)`, `(p. 29)`, `(GB/T 25100—2010; pp. 2–3)`, `(Patent No. 2006101)`,
 * `(Report No. 12)`, `(Vol. 2)`.
 */
export function splitTitleNote(title: string): { title: string; edition?: string; page?: string; number?: string; volume?: string; translator?: string } {
  const m = /^(?<title>.+?)\s*\((?<note>[^()]+)\)\s*$/u.exec(title);
  if (!m?.groups) return { title };
  const out: ReturnType<typeof splitTitleNote> = { title: m.groups.title!.trim() };
  for (const part of m.groups.note!.split(/\s*;\s*|,\s+(?=pp?\.\s)/)) {
    const pages = /^pp?\.\s*(?<pg>.+)$/u.exec(part);
    const number = /^(?:(?:Patent|Report|Standard)\s+)?Nos?\.?\s*(?<no>.+)$/iu.exec(part);
    const volume = /^Vols?\.\s*(?<v>.+)$/iu.exec(part);
    const translator = /^(?<names>.+?),\s*(?:Trans|Tr)\.?$/u.exec(part);
    if (translator?.groups) {
      out.translator = translator.groups.names!;
      continue;
    }
    if (pages?.groups) out.page = normalizePages(pages.groups.pg!);
    else if (/\bed(?:n|ition)?\.?$/i.test(part) || parseEdition(part)) out.edition = parseEdition(part) ?? part;
    else if (number?.groups) out.number = number.groups.no!.trim();
    else if (volume?.groups) out.volume = volume.groups.v!.trim();
    else if (/^[A-Z]{1,5}(?:\/[A-Z])?\s*[\d.]+\s*[—–-]\s*\d{4}$/u.test(part) || REPORT_CODE.test(part)) out.number = part;
    else return { title };
  }
  return out;
}

/** `A. Doe (Ed.)`, `A. Doe & B. Roe (Eds.)`, `Doe A, editor`, `Doe, A. (ed.)`: the editors of a host work. */
export function readEditors(text: string): Draft['editor'] {
  const t = text
    .replace(/\s*\((?:Eds?|eds?)\.?\)\s*$/u, '')
    .replace(/,?\s*(?:editors?|eds?\.?)\s*$/iu, '')
    .trim();
  const inverted = readInvertedNames(t);
  if (inverted && inverted.end >= t.length - 1) return inverted.names;
  // `A. Doe`, `A. B. Doe and C. Roe`: given names first
  const pieces = t.split(/\s*(?:,\s*&\s*|,\s*and\s+|\s+&\s+|\s+and\s+|,\s*)\s*/u).filter(Boolean);
  const names = pieces.map((p) => {
    const m = /^(?<given>(?:\p{Lu}\p{Ll}?\.\s*-?\s*)+)(?<family>\p{Lu}[\p{L}'’\- ]+)$/u.exec(p.trim());
    return m?.groups ? { family: m.groups.family!.trim(), given: m.groups.given!.trim() } : null;
  });
  if (names.length && names.every(Boolean)) return names as NonNullable<Draft['editor']>;
  const list = parseNameList(t);
  return list.ok ? list.names : undefined;
}

/** `[Doctoral dissertation, University]`, `PhD thesis`, `Master's thesis`: a thesis genre. */
export const THESIS_RE = /\b(?:doctoral|master'?s?|ph\.?\s?d\.?)\s+(?:thesis|dissertation)\b|\bdissertation\b|\bthesis\b|学位论文/iu;

/** What URL and DOI removal leave: `Available at: .`, `(Accessed: 2 January 2020)`, `Retrieved from`. */
export function cleanTail(d: Draft, text: string): string {
  let t = text;
  const accessed = /\(?\s*(?:Accessed|Retrieved|cited)\s*:?\s*(?<date>[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*|\s+)\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|\d{4}\s+[A-Za-z]{3,9}\.?(?:\s+\d{1,2})?)\s*\)?[.,]?/iu.exec(t);
  if (accessed?.groups && accessed.index !== undefined) {
    const parts = parseEnglishDate(accessed.groups.date!);
    if (parts) d.accessed = { 'date-parts': [parts] };
    t = t.slice(0, accessed.index) + t.slice(accessed.index + accessed[0].length);
  }
  return t
    .replace(/\b(?:Available\s+(?:at|from)|Retrieved\s+from|doi)\s*:?\s*[.,]?/giu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[\s.,;:]+$/u, '')
    .trim();
}
