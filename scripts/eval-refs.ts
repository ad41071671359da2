/**
 * Score the GB/T 7714 reference parser on the standard's own examples
 * (`../shared/refs/gbt7714-2015-examples.jsonl`), field by field.
 *
 * Rules (from the data set's README):
 * - only the fields listed in `check.visible_fields` are scored, plus the
 *   first `check.authors_in_string` authors (a predicted author beyond them
 *   is a false positive); predicted fields the ground truth lacks altogether
 *   are not scored but counted and listed as "extra";
 * - names compare by concatenation for Chinese (`王颖翠` == `王` + `颖翠`) and
 *   by family name + initials for Western names;
 * - other fields compare after Unicode NFKC, case folding and removing
 *   spaces and punctuation; dates compare on the parts the string shows
 *   (the year, and month and day when the string prints the full date), on
 *   the first date of a range.
 *
 * Usage, from the project root after `tsc -p tsconfig.build.json`:
 *
 *     node dist/scripts/eval-refs.js [--verbose] [--json] [--rendered] [--no-styles]
 *
 * After the examples' table comes the generated multi-style evaluation
 * (scripts/eval-refs-styles.ts: seed, corpus and example items formatted in
 * GB/T 7714-2015, GB/T 7714-2025, CMA, Vancouver, APA, Harvard and a
 * Nature-like style, clean and damaged): F1 per style x field group for the
 * clean and for the damaged strings, and overall F1 per style x kind of
 * damage, against the targets of issue #15 (TARGETS; `*` marks a cell below
 * its target). `--no-styles` leaves it out.
 *
 * `--verbose` lists the examples' misses and, per style, the ten clean and
 * ten damaged strings that miss the most field groups (string, field,
 * expected, got). `--json` prints all of it as one JSON document.
 * `--rendered` also re-renders the ground-truth items with the official
 * GB/T 7714-2015 and -2025 CSL styles in ../shared/csl and scores the parser
 * on those strings (fields whose value shows in the rendered string).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReference } from '../src/references/parse.js';
import { foldKey, HAN, type CslItem } from '../src/references/csl.js';
import { projectRoot } from './root.js';
import type { StyleEvalResult, StyleResult, Tally } from './eval-refs-styles.js';

interface Example {
  id: string;
  string: string;
  csl: Record<string, unknown>;
  type_id: string;
  lang: string;
  check: { visible_fields: string[]; authors_in_string: number; et_al: boolean; fields_not_in_string: string[] };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export type Name = { family?: string; given?: string; literal?: string };

export const SCORED_FIELDS = [
  'author',
  'title',
  'container-title',
  'volume',
  'issue',
  'page',
  'number',
  'edition',
  'publisher',
  'publisher-place',
  'issued',
  'URL',
  'DOI',
] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

/** NFKC, case folding, no spaces or punctuation (the data set's comparison). */
const normalize = foldKey;

function initials(given: string | undefined): string {
  return (given ?? '')
    .split(/[\s.\-‐]+/u)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}

export function nameKey(name: Name): { concat: string; western?: string } {
  const concat = normalize(name.literal ?? `${name.family ?? ''}${name.given ?? ''}`);
  if (name.literal || HAN.test(`${name.family ?? ''}${name.given ?? ''}`)) return { concat };
  return { concat, western: `${normalize(name.family)}|${initials(name.given)}` };
}

export function sameName(a: Name, b: Name): boolean {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (ka.western && kb.western) return ka.western === kb.western;
  return ka.concat === kb.concat;
}

export function firstDate(d: unknown): number[] | undefined {
  const date = d as { 'date-parts'?: (number | string)[][]; literal?: string; raw?: string } | undefined;
  if (!date) return undefined;
  const parts = date['date-parts']?.[0];
  if (parts?.length) return parts.map(Number);
  const m = /(\d{4})/.exec(date.literal ?? date.raw ?? '');
  return m ? [Number(m[1])] : undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** How many date parts the string shows for the gold date. */
function visibleDateParts(gold: number[], s: string): number {
  if (gold.length === 3 && s.includes(`${gold[0]}-${pad(gold[1]!)}-${pad(gold[2]!)}`)) return 3;
  if (gold.length === 2 && s.includes(`${gold[0]}-${pad(gold[1]!)}`)) return 2;
  return 1;
}

export function add(into: Counts, c: Partial<Counts>): void {
  into.tp += c.tp ?? 0;
  into.fp += c.fp ?? 0;
  into.fn += c.fn ?? 0;
}

export function hasValue(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v !== undefined && v !== null && v !== '';
}

/** One scored field the parser got wrong or missed. */
export interface FieldMiss {
  /** `author[0]`, `title`, ... */
  field: string;
  expected: unknown;
  got: unknown;
}

export interface ItemScore {
  counts: Record<string, Counts>;
  errors: string[];
  misses: FieldMiss[];
  /** Predicted fields the ground truth lacks (not scored). */
  extras: string[];
}

/** Score one parsed item against the ground truth. */
export function scoreItem(
  text: string,
  gold: Record<string, unknown>,
  predicted: CslItem,
  visible: string[],
  authorsInString: number,
): ItemScore {
  const counts: Record<string, Counts> = {};
  const misses: FieldMiss[] = [];
  const extras: string[] = [];
  const miss = (field: string, expected: unknown, got: unknown): void => {
    misses.push({ field, expected, got });
  };
  const pred = predicted as unknown as Record<string, unknown>;
  for (const field of SCORED_FIELDS) counts[field] = { tp: 0, fp: 0, fn: 0 };

  // authors
  const goldAuthors = ((gold.author as Name[] | undefined) ?? []).filter((n) => n.literal !== 'others').slice(0, authorsInString);
  const predAuthors = (pred.author as Name[] | undefined) ?? [];
  for (let i = 0; i < Math.max(goldAuthors.length, predAuthors.length); i++) {
    const g = goldAuthors[i];
    const p = predAuthors[i];
    if (g && p && sameName(g, p)) counts.author!.tp++;
    else {
      if (p) counts.author!.fp++;
      if (g) counts.author!.fn++;
      miss(`author[${i}]`, g ?? null, p ?? null);
    }
  }

  for (const field of SCORED_FIELDS) {
    if (field === 'author') continue;
    const g = gold[field];
    const p = pred[field];
    const isVisible = visible.includes(field);
    if (!isVisible) {
      if (!hasValue(g) && hasValue(p)) extras.push(`${field}: ${JSON.stringify(p)}`);
      continue;
    }
    if (!hasValue(p)) {
      counts[field]!.fn++;
      miss(field, g, undefined);
      continue;
    }
    let equal: boolean;
    if (field === 'issued') {
      const gd = firstDate(g);
      const pd = firstDate(p);
      if (!gd || !pd) equal = false;
      else {
        const n = visibleDateParts(gd, text);
        equal = pd.length >= n && gd.slice(0, n).every((x, i) => x === pd[i]);
      }
    } else equal = normalize(g) === normalize(p);
    if (equal) counts[field]!.tp++;
    else {
      counts[field]!.fp++;
      counts[field]!.fn++;
      miss(field, g, p);
    }
  }
  const errors = misses.map((m) => `${m.field}: expected ${JSON.stringify(m.expected)}, got ${m.got === undefined ? 'nothing' : JSON.stringify(m.got)}`);
  return { counts, errors, misses, extras };
}

export function prf(c: Counts): { p: number; r: number; f1: number } {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  return { p, r, f1 };
}

interface Report {
  fields: Record<string, Counts>;
  overall: Counts;
  failures: { id: string; string: string; errors: string[] }[];
  extras: { id: string; fields: string[] }[];
}

export function evaluate(examples: { id: string; string: string; csl: Record<string, unknown>; visible: string[]; authors: number }[]): Report {
  const fields: Record<string, Counts> = {};
  for (const f of SCORED_FIELDS) fields[f] = { tp: 0, fp: 0, fn: 0 };
  const overall: Counts = { tp: 0, fp: 0, fn: 0 };
  const failures: Report['failures'] = [];
  const extras: Report['extras'] = [];
  for (const ex of examples) {
    const { item } = parseReference(ex.string);
    const score = scoreItem(ex.string, ex.csl, item, ex.visible, ex.authors);
    for (const f of SCORED_FIELDS) {
      add(fields[f]!, score.counts[f]!);
      add(overall, score.counts[f]!);
    }
    if (score.errors.length) failures.push({ id: ex.id, string: ex.string, errors: score.errors });
    if (score.extras.length) extras.push({ id: ex.id, fields: score.extras });
  }
  return { fields, overall, failures, extras };
}

/** Targets of issue #15: field-group F1 per style on clean and damaged strings, and on the standard's examples. */
export const TARGETS = { clean: 0.97, damaged: 0.93, examples: 0.99 } as const;

function table(title: string, report: Report, target?: number): string {
  const lines = [title, `${'field'.padEnd(16)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   tp/fp/fn`];
  const row = (name: string, c: Counts): string => {
    const { p, r, f1 } = prf(c);
    const mark = target !== undefined && f1 < target ? `   * below ${target}` : '';
    return `${name.padEnd(16)} ${p.toFixed(3).padStart(6)} ${r.toFixed(3).padStart(6)} ${f1.toFixed(3).padStart(6)}   ${c.tp}/${c.fp}/${c.fn}${mark}`;
  };
  for (const [name, c] of Object.entries(report.fields)) if (c.tp + c.fp + c.fn) lines.push(row(name, c));
  lines.push(row('overall', report.overall));
  const extra = report.extras.reduce((n, e) => n + e.fields.length, 0);
  lines.push(`extra fields (predicted, absent from the ground truth, not scored): ${extra}`);
  if (target !== undefined) lines.push(`target: F1 >= ${target} per field and overall (* marks a miss)`);
  return lines.join('\n');
}

function countsJson(c: Counts): Counts & { p: number; r: number; f1: number } {
  return { ...c, ...prf(c) };
}

function reportJson(report: Report): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [f, c] of Object.entries(report.fields)) fields[f] = countsJson(c);
  return { fields, overall: countsJson(report.overall) };
}

// ---------------------------------------------------------------------------
// What a formatted string shows (shared with scripts/eval-refs-styles.ts)

const ASCII_DIGIT = /[0-9]/;
const ASCII_ALNUM = /[A-Za-z0-9]/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The form in which a value is looked for in a string: NFKC, lower case. */
function looked(text: unknown): string {
  return String(text ?? '').normalize('NFKC').toLowerCase();
}

/**
 * A pattern for the value in a `looked` string: its letter-and-digit runs in
 * order, anything but letters and digits between them (`1-8` finds `1–8`),
 * not inside a longer number or Latin word (`1` does not find `2021`).
 */
function valuePattern(value: unknown, flags = 'u'): RegExp | undefined {
  const tokens = looked(value).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!tokens.length) return undefined;
  const first = tokens[0]![0]!;
  const last = tokens.at(-1)!.at(-1)!;
  const before = ASCII_DIGIT.test(first) ? '(?<![0-9])' : ASCII_ALNUM.test(first) ? '(?<![A-Za-z0-9])' : '';
  const after = ASCII_DIGIT.test(last) ? '(?![0-9])' : ASCII_ALNUM.test(last) ? '(?![A-Za-z0-9])' : '';
  return new RegExp(before + tokens.map(escapeRegExp).join('[^\\p{L}\\p{N}]*') + after, flags);
}

/**
 * True when `value` can be read off `text`: its folded form (foldKey) occurs
 * in the folded text; a short value (four folded characters or fewer, such
 * as a volume `1` or a year) must moreover stand as its own token, not inside
 * a longer number (`1` does not show in `2021`).
 */
export function shows(text: string, value: unknown): boolean {
  const folded = normalize(value);
  if (!folded || !normalize(text).includes(folded)) return false;
  return folded.length > 4 || valuePattern(value)!.test(looked(text));
}

/** How many times a short value stands in the text (long values: once when shown). */
function occurrences(text: string, value: unknown): number {
  if (!shows(text, value)) return 0;
  if (normalize(value).length > 4) return 1;
  return looked(text).match(valuePattern(value, 'gu')!)?.length ?? 0;
}

/**
 * The fields among `candidates` whose gold value shows in the formatted
 * string: the year for `issued`; a value counts only where it stands outside
 * the other gold values holding it (`北京` inside `北京大学出版社` does not
 * show the place, a patent number inside its URL does not show the number); a number or year inside a standard or report number
 * (`GB/T 7714-2015`) does not show another field; fields with the same value
 * (volume 10, issue 10) show as often as the value stands in the string, the
 * first ones first.
 */
export function visibleFields(text: string, gold: Record<string, unknown>, candidates: readonly string[]): string[] {
  const withoutNumber = hasValue(gold.number) ? text.split(String(gold.number)).join(' ') : text;
  const valueOf = (f: string): unknown => (f === 'issued' ? firstDate(gold.issued)?.[0] : gold[f]);
  const used = new Map<string, number>();
  return candidates.filter((f) => {
    const v = valueOf(f);
    if (f === 'author' || !hasValue(v)) return false;
    // a number counts where it stands outside the other gold values too (not only inside the URL: `…/patents/US6915001`)
    if (f === 'number') return occurrences(outsideOthers(text, gold, v), v) > 0;
    const key = normalize(v);
    const seen = (used.get(key) ?? 0) + 1;
    if (occurrences(outsideOthers(withoutNumber, gold, v), v) < seen) return false;
    used.set(key, seen);
    return true;
  });
}

/** The gold values that may hold another field's value (`北京` in `北京大学出版社`). */
function goldTexts(gold: Record<string, unknown>): string[] {
  const names = ['author', 'editor', 'translator'].flatMap((k) => ((gold[k] as Name[] | undefined) ?? []).map(nameShown));
  const values = ['title', 'container-title', 'collection-title', 'publisher', 'publisher-place', 'page', 'URL', 'DOI', 'volume', 'issue', 'edition'].map((k) => gold[k]);
  return [...names, ...values].filter((v) => hasValue(v)).map(String);
}

/** The text (in `looked` form) without the other gold values that contain `value`. */
function outsideOthers(text: string, gold: Record<string, unknown>, value: unknown): string {
  const key = normalize(value);
  let out = looked(text);
  for (const other of goldTexts(gold)) {
    const k = normalize(other);
    const pattern = k !== key && k.includes(key) ? valuePattern(other, 'gu') : undefined;
    if (pattern) out = out.replace(pattern, ' ');
  }
  return out;
}

function nameShown(name: Name): string {
  if (name.literal) return name.literal;
  const full = `${name.family ?? ''}${name.given ?? ''}`;
  // a Chinese name prints whole (`王颖翠`); a Western one by its family name
  return HAN.test(full) ? full : (name.family ?? '');
}

/**
 * The names a formatted string prints in the author position: the authors,
 * or, for a whole work without authors, its editors when they come before
 * the title (not the host editors of a GB/T analytic `[M]//`, nor the
 * editors of proceedings `[C]` / compilations `[G]`).
 */
export function printedAuthors(gold: Record<string, unknown>, text: string): Name[] | undefined {
  const authors = gold.author as Name[] | undefined;
  const editors = gold.editor as Name[] | undefined;
  if (authors?.length || !editors?.length) return authors;
  if (/\[C\]|\[G\]|\]\/\//.test(text)) return undefined;
  const lower = text.normalize('NFKC').toLowerCase();
  const at = lower.indexOf(nameShown(editors[0]!).normalize('NFKC').toLowerCase());
  const title = typeof gold.title === 'string' ? lower.indexOf(gold.title.normalize('NFKC').toLowerCase().slice(0, 12)) : -1;
  return at >= 0 && (title < 0 || at < title) ? editors : undefined;
}

/** How many of the names, from the first, the string shows (a list cut with et al. / 等 shows the first few). */
export function visibleAuthorCount(names: Name[] | undefined, text: string): number {
  let n = 0;
  for (const name of (names ?? []).filter((x) => x.literal !== 'others')) {
    if (!shows(text, nameShown(name))) break;
    n++;
  }
  return n;
}

async function rendered(examples: Example[], stylePath: string, name: string): Promise<{ id: string; string: string; csl: Record<string, unknown>; visible: string[]; authors: number }[]> {
  const { Cite, plugins } = await import('@citation-js/core');
  await import('@citation-js/plugin-csl');
  const csl = plugins.config.get('@csl');
  const sharedCsl = dirname(stylePath);
  if (!csl.styles.has(name)) csl.styles.add(name, readFileSync(stylePath, 'utf8'));
  if (!csl.locales.has('zh-CN')) csl.locales.add('zh-CN', readFileSync(join(sharedCsl, 'locales-zh-CN.xml'), 'utf8'));
  const out = [];
  for (const ex of examples) {
    const item = { ...ex.csl, id: ex.id };
    const entries = new Cite([item]).format('bibliography', { format: 'text', template: name, lang: 'zh-CN', asEntryArray: true }) as [string, string][];
    const text = (entries[0]?.[1] ?? '').trim();
    const visible = visibleFields(text, ex.csl, ex.check.visible_fields);
    const author = printedAuthors(ex.csl, text);
    const csl: Record<string, unknown> = { ...ex.csl, author };
    out.push({ id: ex.id, string: text, csl, visible, authors: visibleAuthorCount(author, text) });
  }
  return out;
}

// ---------------------------------------------------------------------------
// The multi-style evaluation's report (scripts/eval-refs-styles.ts does the work)

/** Field groups in the order the tables print them. */
export const FIELD_GROUPS: { field: ScoredField; label: string }[] = [
  { field: 'author', label: 'authors' },
  { field: 'title', label: 'title' },
  { field: 'container-title', label: 'contnr' },
  { field: 'volume', label: 'volume' },
  { field: 'issue', label: 'issue' },
  { field: 'page', label: 'page' },
  { field: 'issued', label: 'year' },
  { field: 'publisher', label: 'publ' },
  { field: 'publisher-place', label: 'place' },
  { field: 'edition', label: 'edn' },
  { field: 'URL', label: 'URL' },
  { field: 'DOI', label: 'DOI' },
  { field: 'number', label: 'number' },
];

const CELL = 7;

/** `0.973`, `0.912*` below the target, `—` when nothing was scored. */
function cell(c: Counts, target: number): string {
  if (!(c.tp + c.fp + c.fn)) return '—'.padStart(CELL);
  const f1 = prf(c).f1;
  return `${f1.toFixed(3)}${f1 < target ? '*' : ' '}`.padStart(CELL);
}

/** Cells below the target, of the cells with something scored. */
function misses(tallies: Tally[], target: number): { below: number; cells: number } {
  let below = 0;
  let cells = 0;
  for (const t of tallies) {
    for (const c of [...FIELD_GROUPS.map((g) => t.fields[g.field]!), t.overall]) {
      if (!(c.tp + c.fp + c.fn)) continue;
      cells++;
      if (prf(c).f1 < target) below++;
    }
  }
  return { below, cells };
}

/** F1 per style (rows) × field group (columns), plus overall. */
export function styleTable(title: string, rows: { name: string; tally: Tally }[], target: number): string {
  const head = `${'style'.padEnd(13)}${'strings'.padStart(8)} ${FIELD_GROUPS.map((g) => g.label.padStart(CELL)).join('')}${'overall'.padStart(CELL + 1)}`;
  const lines = [title, head];
  for (const { name, tally } of rows) {
    const cells = FIELD_GROUPS.map((g) => cell(tally.fields[g.field]!, target)).join('');
    lines.push(`${name.padEnd(13)}${String(tally.strings).padStart(8)} ${cells} ${cell(tally.overall, target)}`);
  }
  const m = misses(rows.map((r) => r.tally), target);
  lines.push(`target: F1 >= ${target}; * marks a miss (${m.below} of ${m.cells} cells); — nothing of the field shows in that style`);
  return lines.join('\n');
}

/** Overall F1 per style × kind of damage. */
function damageTable(result: StyleEvalResult, target: number): string {
  const kinds = Object.keys(result.styles[0]?.byDamage ?? {});
  const lines = ['Damaged strings: overall F1 by style x kind of damage (strings in brackets)', `${'style'.padEnd(13)}${kinds.map((k) => k.padStart(20)).join('')}`];
  for (const s of result.styles) {
    const cells = kinds.map((k) => {
      const t = s.byDamage[k as keyof StyleResult['byDamage']];
      return `${cell(t.overall, target).trim()} (${t.strings})`.padStart(20);
    });
    lines.push(`${s.style.padEnd(13)}${cells.join('')}`);
  }
  return lines.join('\n');
}

/** How many field groups a string misses (all its authors count as one). */
function groupsMissed(f: Tally['failed'][number]): number {
  return new Set(f.misses.map((m) => m.field.replace(/\[\d+\]$/u, ''))).size;
}

/** The strings that miss the most field groups (one string per item), worst first. */
export function worstStrings(tally: Tally, n = 10): Tally['failed'] {
  const seen = new Set<string>();
  const order = (a: Tally['failed'][number], b: Tally['failed'][number]): number =>
    groupsMissed(b) - groupsMissed(a) || b.misses.length - a.misses.length || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0);
  const sorted = [...tally.failed].sort(order);
  return sorted.filter((f) => !seen.has(f.itemId) && seen.add(f.itemId)).slice(0, n);
}

function show(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}

function worstText(style: string, label: string, tally: Tally): string {
  const lines = [`\n${style}: worst ${label} misses`];
  worstStrings(tally).forEach((f, i) => {
    lines.push(`${String(i + 1).padStart(3)}. ${f.text}   [${f.itemId}${f.variant === 'clean' ? '' : `, ${f.variant}`}]`);
    for (const m of f.misses) lines.push(`      ${m.field}: expected ${show(m.expected)}, got ${show(m.got)}`);
  });
  return lines.join('\n');
}

function stylesText(result: StyleEvalResult, verbose: boolean): string {
  const { items } = result;
  const parts = [
    `Multi-style evaluation: ${items.seed + items.corpus + items.gbt} items (seed ${items.seed}, corpus ${items.corpus}, GB/T examples ${items.gbt}), ${result.styles.length} styles, ${result.seconds.toFixed(1)} s` +
      (result.skipped.length ? `; skipped (files absent): ${result.skipped.join(', ')}` : ''),
    styleTable('Clean strings: F1 by style x field group', result.styles.map((s) => ({ name: s.style, tally: s.clean })), TARGETS.clean),
    styleTable('Damaged strings: F1 by style x field group', result.styles.map((s) => ({ name: s.style, tally: s.damaged })), TARGETS.damaged),
    damageTable(result, TARGETS.damaged),
  ];
  if (verbose) for (const s of result.styles) parts.push(worstText(s.style, 'clean', s.clean) + worstText(s.style, 'damaged', s.damaged));
  return parts.join('\n\n');
}

function tallyJson(t: Tally): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const g of FIELD_GROUPS) fields[g.label] = countsJson(t.fields[g.field]!);
  return { strings: t.strings, failed: t.failed.length, fields, overall: countsJson(t.overall) };
}

function mapValues<T, U>(o: Record<string, T>, fn: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fn(v)]));
}

function stylesJson(result: StyleEvalResult): Record<string, unknown> {
  return {
    items: result.items,
    seconds: result.seconds,
    skipped: result.skipped,
    targets: { clean: misses(result.styles.map((s) => s.clean), TARGETS.clean), damaged: misses(result.styles.map((s) => s.damaged), TARGETS.damaged) },
    byStyle: Object.fromEntries(
      result.styles.map((s) => [
        s.style,
        {
          formatted: s.formatted,
          clean: tallyJson(s.clean),
          damaged: tallyJson(s.damaged),
          byDamage: mapValues(s.byDamage, tallyJson),
          bySource: mapValues(s.bySource, tallyJson),
          worst: { clean: worstStrings(s.clean), damaged: worstStrings(s.damaged) },
        },
      ]),
    ),
  };
}

function readExamples(file: string): Example[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Example);
}

function printFailures(report: Report): void {
  for (const f of report.failures) console.log(`\n${f.id}  ${f.string}\n  ${f.errors.join('\n  ')}`);
}

/** `--rendered`: the ground truth re-rendered by the official GB/T styles, parsed back. */
async function renderedReports(examples: Example[], root: string): Promise<{ style: string; report?: Report }[]> {
  const cslDir = resolve(root, '..', 'shared', 'csl');
  const out: { style: string; report?: Report }[] = [];
  for (const [styleFile, name] of [
    ['china-national-standard-gb-t-7714-2015-numeric.csl', 'eval-gbt7714-2015-official'],
    ['china-national-standard-gb-t-7714-2025-numeric.csl', 'eval-gbt7714-2025-official'],
  ] as const) {
    const path = join(cslDir, styleFile);
    out.push({ style: styleFile, report: existsSync(path) ? evaluate(await rendered(examples, path, name)) : undefined });
  }
  return out;
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const json = args.has('--json');
  const verbose = args.has('--verbose');
  const root = projectRoot();
  const file = resolve(root, '..', 'shared', 'refs', 'gbt7714-2015-examples.jsonl');
  if (!existsSync(file)) {
    console.log(`eval-refs: skipped, ${file} is absent (the shared development set is not on this machine).`);
    return;
  }
  const examples = readExamples(file);
  const report = evaluate(
    examples.map((ex) => ({ id: ex.id, string: ex.string, csl: ex.csl, visible: ex.check.visible_fields, authors: ex.check.authors_in_string })),
  );
  const out: Record<string, unknown> = { examples: examples.length, ...reportJson(report), targets: TARGETS };
  if (!json) console.log(table(`GB/T 7714-2015 examples (${examples.length} references, visible fields only)`, report, TARGETS.examples));
  if (verbose && !json) {
    printFailures(report);
    for (const e of report.extras) console.log(`\nextra ${e.id}: ${e.fields.join('; ')}`);
  }
  if (args.has('--rendered')) {
    const reports = await renderedReports(examples, root);
    out.rendered = Object.fromEntries(reports.map((r) => [r.style, r.report ? reportJson(r.report) : null]));
    if (!json) {
      for (const r of reports) {
        if (!r.report) console.log(`\n${r.style}: skipped, not in ../shared/csl`);
        else console.log('\n' + table(`Ground truth rendered by ${r.style}, parsed back`, r.report));
        if (r.report && verbose) printFailures(r.report);
      }
    }
  }
  if (!args.has('--no-styles')) {
    const { runStyleEval } = await import('./eval-refs-styles.js');
    const result = runStyleEval({ root, examples });
    if (json) out.styles = stylesJson(result);
    else console.log('\n' + stylesText(result, verbose));
  }
  if (json) console.log(JSON.stringify(out, null, 2));
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
