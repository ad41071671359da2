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
 *     node dist/scripts/eval-refs.js [--verbose] [--json] [--rendered]
 *
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

interface Example {
  id: string;
  string: string;
  csl: Record<string, unknown>;
  type_id: string;
  lang: string;
  check: { visible_fields: string[]; authors_in_string: number; et_al: boolean; fields_not_in_string: string[] };
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

type Name = { family?: string; given?: string; literal?: string };

const SCORED_FIELDS = [
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

function firstDate(d: unknown): number[] | undefined {
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

function add(into: Counts, c: Partial<Counts>): void {
  into.tp += c.tp ?? 0;
  into.fp += c.fp ?? 0;
  into.fn += c.fn ?? 0;
}

function hasValue(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v !== undefined && v !== null && v !== '';
}

interface ItemScore {
  counts: Record<string, Counts>;
  errors: string[];
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
  const errors: string[] = [];
  const extras: string[] = [];
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
      errors.push(`author[${i}]: expected ${JSON.stringify(g ?? null)}, got ${JSON.stringify(p ?? null)}`);
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
      errors.push(`${field}: expected ${JSON.stringify(g)}, got nothing`);
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
      errors.push(`${field}: expected ${JSON.stringify(g)}, got ${JSON.stringify(p)}`);
    }
  }
  return { counts, errors, extras };
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

function table(title: string, report: Report): string {
  const lines = [title, `${'field'.padEnd(16)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   tp/fp/fn`];
  const row = (name: string, c: Counts): string => {
    const { p, r, f1 } = prf(c);
    return `${name.padEnd(16)} ${p.toFixed(3).padStart(6)} ${r.toFixed(3).padStart(6)} ${f1.toFixed(3).padStart(6)}   ${c.tp}/${c.fp}/${c.fn}`;
  };
  for (const [name, c] of Object.entries(report.fields)) if (c.tp + c.fp + c.fn) lines.push(row(name, c));
  lines.push(row('overall', report.overall));
  const extra = report.extras.reduce((n, e) => n + e.fields.length, 0);
  lines.push(`extra fields (predicted, absent from the ground truth, not scored): ${extra}`);
  return lines.join('\n');
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
    // a number or year inside a standard number does not show the field
    const withoutNumber = ex.csl.number ? text.split(String(ex.csl.number)).join(' ') : text;
    const shown = normalize(withoutNumber);
    // a field is visible when its value shows in the rendered string
    const visible = ex.check.visible_fields.filter((f) => {
      const v = ex.csl[f];
      if (f === 'number') return hasValue(v) && normalize(text).includes(normalize(v));
      if (f === 'issued') {
        const d = firstDate(v);
        return d !== undefined && withoutNumber.includes(String(d[0]));
      }
      return hasValue(v) && shown.includes(normalize(v));
    });
    // the styles print the editors of a whole work in the author position
    const csl: Record<string, unknown> = { ...ex.csl };
    if (!csl.author && Array.isArray(csl.editor) && !/\[C\]|\[G\]|\]\/\//.test(text)) csl.author = csl.editor;
    let authors = 0;
    for (const name of ((csl.author as Name[] | undefined) ?? []).filter((n) => n.literal !== 'others')) {
      const key = normalize(name.literal ?? name.family);
      if (!key || !shown.includes(key)) break;
      authors++;
    }
    out.push({ id: ex.id, string: text, csl, visible, authors });
  }
  return out;
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const root = projectRoot();
  const file = resolve(root, '..', 'shared', 'refs', 'gbt7714-2015-examples.jsonl');
  if (!existsSync(file)) {
    console.log(`eval-refs: skipped, ${file} is absent (the shared development set is not on this machine).`);
    return;
  }
  const examples: Example[] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Example);
  const report = evaluate(
    examples.map((ex) => ({ id: ex.id, string: ex.string, csl: ex.csl, visible: ex.check.visible_fields, authors: ex.check.authors_in_string })),
  );
  if (args.has('--json')) {
    const out: Record<string, unknown> = {};
    for (const [f, c] of Object.entries(report.fields)) out[f] = { ...c, ...prf(c) };
    console.log(JSON.stringify({ examples: examples.length, fields: out, overall: { ...report.overall, ...prf(report.overall) } }, null, 2));
  } else {
    console.log(table(`GB/T 7714-2015 examples (${examples.length} references, visible fields only)`, report));
  }
  if (args.has('--verbose')) {
    for (const f of report.failures) console.log(`\n${f.id}  ${f.string}\n  ${f.errors.join('\n  ')}`);
    for (const e of report.extras) console.log(`\nextra ${e.id}: ${e.fields.join('; ')}`);
  }
  if (args.has('--rendered')) {
    const cslDir = resolve(root, '..', 'shared', 'csl');
    for (const [styleFile, name] of [
      ['china-national-standard-gb-t-7714-2015-numeric.csl', 'eval-gbt7714-2015-official'],
      ['china-national-standard-gb-t-7714-2025-numeric.csl', 'eval-gbt7714-2025-official'],
    ] as const) {
      const path = join(cslDir, styleFile);
      if (!existsSync(path)) {
        console.log(`\n${styleFile}: skipped, not in ../shared/csl`);
        continue;
      }
      const r = evaluate(await rendered(examples, path, name));
      console.log('\n' + table(`Ground truth rendered by ${styleFile}, parsed back`, r));
      if (args.has('--verbose')) for (const f of r.failures) console.log(`\n${f.id}  ${f.string}\n  ${f.errors.join('\n  ')}`);
    }
  }
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
