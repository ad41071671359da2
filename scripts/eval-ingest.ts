/**
 * Score structure recognition (titles, authors, affiliations, abstracts,
 * keywords, CLC codes, funding, dates, e-mail, references, tables, figures)
 * on the hand-labelled corpus articles, field by field.
 *
 * Labels: `../shared/corpus/labels/*.json` and the project's own
 * `tests/fixtures/labels/*.json` (same schema; a label in both places: the
 * project's copy wins). Each names an article of `../shared/corpus/chinaxiv/`,
 * which is built into the model as the tests do (ingest → normalize →
 * referencesStage → enrich) and compared by `scripts/ingest-score.ts`.
 *
 * Usage, from the project root after `tsc -p tsconfig.build.json`:
 *
 *     node dist/scripts/eval-ingest.js [--json] [--field NAME]
 *
 * Prints a table (field, correct/total, accuracy), then the articles that miss
 * each field below 100 % (`--field` restricts this listing to one field), then
 * the articles that have references but no recognised reference list. Exit 0
 * (a measurement, not a gate); 2 when a labels folder is unreadable or the
 * arguments are wrong. Without the shared folder it says it skipped, exit 0.
 */
import { buildModel } from './model.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FIELDS,
  failedArticle,
  parseLabel,
  referenceTexts,
  scoreArticle,
  summarize,
  type FieldName,
  type FieldTally,
  type IngestLabel,
  type Value,
  type Verdict,
} from './ingest-score.js';
import { projectRoot } from './root.js';

interface Options {
  json: boolean;
  field?: FieldName;
}

interface ArticleResult {
  file: string;
  verdicts: Verdict[];
  /** The label lists references, the model has no reference list. */
  noReferenceList: boolean;
  error?: string;
}

interface Problem {
  label: string;
  problem: string;
}

class UsageError extends Error {}


function parseArgs(argv: string[]): Options {
  const options: Options = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') options.json = true;
    else if (arg === '--field' || arg.startsWith('--field=')) {
      const name = arg.includes('=') ? arg.slice('--field='.length) : argv[++i];
      if (!name || !(FIELDS as readonly string[]).includes(name)) throw new UsageError(`--field: expected one of ${FIELDS.join(', ')}`);
      options.field = name as FieldName;
    } else throw new UsageError(`unknown argument ${arg} (usage: eval-ingest [--json] [--field NAME])`);
  }
  return options;
}

/** The label files of a folder by file name; throws when the folder is unreadable. */
function labelFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) files.set(name, join(dir, name));
  return files;
}

/** Shared labels, overridden by the project's own labels of the same name. */
function allLabelFiles(sharedDir: string, projectDir: string): Map<string, string> {
  const files = labelFiles(sharedDir);
  if (existsSync(projectDir)) for (const [name, path] of labelFiles(projectDir)) files.set(name, path);
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

function readLabel(path: string): IngestLabel | string {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
  const parsed = parseLabel(data);
  if (parsed.ok) return parsed.label;
  const more = parsed.problems.length > 3 ? `; (${parsed.problems.length - 3} more)` : '';
  return parsed.problems.slice(0, 3).join('; ') + more;
}


function evaluateArticle(label: IngestLabel, articlePath: string): ArticleResult {
  try {
    const { tree } = buildModel(readFileSync(articlePath, 'utf8'), articlePath);
    const noReferenceList = label.references_count > 0 && referenceTexts(tree) === null;
    return { file: label.file, verdicts: scoreArticle(label, tree), noReferenceList };
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    return { file: label.file, verdicts: failedArticle(label, message), noReferenceList: false, error: message };
  }
}

function show(value: Value, max = 60): string {
  let s: string;
  if (value === null) s = '(none)';
  else if (Array.isArray(value)) s = value.length ? value.join(' | ') : '(none)';
  else s = String(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function tableText(tallies: FieldTally[]): string {
  const width = Math.max(...FIELDS.map((f) => f.length), 'field'.length);
  const lines = [`${'field'.padEnd(width)}  ${'correct'.padStart(7)}  ${'accuracy'.padStart(8)}`];
  for (const t of tallies) lines.push(`${t.field.padEnd(width)}  ${`${t.correct}/${t.total}`.padStart(7)}  ${`${t.accuracy.toFixed(1)} %`.padStart(8)}`);
  const correct = tallies.reduce((n, t) => n + t.correct, 0);
  const total = tallies.reduce((n, t) => n + t.total, 0);
  const overall = total ? (100 * correct) / total : 100;
  lines.push(`${'all fields'.padEnd(width)}  ${`${correct}/${total}`.padStart(7)}  ${`${overall.toFixed(1)} %`.padStart(8)}`);
  return lines.join('\n');
}

/** The misses of each field below 100 % (of `only`, when given). */
function misses(results: ArticleResult[], tallies: FieldTally[], only?: FieldName): Map<FieldName, { file: string; expected: Value; got: Value }[]> {
  const out = new Map<FieldName, { file: string; expected: Value; got: Value }[]>();
  for (const t of tallies) {
    if (t.correct === t.total || (only && t.field !== only)) continue;
    const rows = results.flatMap((r) => r.verdicts.filter((v) => v.field === t.field && !v.correct).map((v) => ({ file: r.file, expected: v.expected, got: v.got })));
    out.set(t.field, rows);
  }
  return out;
}

function missesText(byField: ReturnType<typeof misses>): string {
  const lines: string[] = [];
  for (const [field, rows] of byField) {
    lines.push('', `${field}: ${rows.length} missed`);
    for (const row of rows) lines.push(`  ${row.file}`, `    expected: ${show(row.expected)}`, `    got:      ${show(row.got)}`);
  }
  return lines.join('\n');
}

function report(results: ArticleResult[], problems: Problem[], options: Options): string {
  const tallies = summarize(results.map((r) => r.verdicts));
  const byField = misses(results, tallies, options.field);
  const noList = results.filter((r) => r.noReferenceList).map((r) => r.file);
  const errors = results.filter((r) => r.error).map((r) => ({ file: r.file, error: r.error }));
  if (options.json) {
    const detail = Object.fromEntries([...byField].map(([f, rows]) => [f, rows]));
    return JSON.stringify({ articles: results.length, fields: tallies, misses: detail, noReferenceList: noList, errors, skippedLabels: problems }, null, 2);
  }
  const lines = [`Structure recognition on ${results.length} labelled articles`, tableText(tallies), missesText(byField)];
  lines.push('', `references labelled but no reference list recognised (${noList.length}): ${noList.join(', ') || '(none)'}`);
  for (const e of errors) lines.push(`pipeline error on ${e.file}: ${e.error}`);
  for (const p of problems) lines.push(`skipped label ${p.label}: ${p.problem}`);
  return lines.join('\n');
}

function run(root: string, options: Options): number {
  const shared = resolve(root, '..', 'shared');
  if (!existsSync(shared)) {
    console.log(`eval-ingest: skipped, ${shared} is absent (the shared corpus is not on this machine).`);
    return 0;
  }
  const corpus = join(shared, 'corpus', 'chinaxiv');
  let files: Map<string, string>;
  try {
    files = allLabelFiles(join(shared, 'corpus', 'labels'), join(root, 'tests', 'fixtures', 'labels'));
  } catch (error) {
    console.error(`eval-ingest: cannot read the labels: ${(error as Error).message}`);
    return 2;
  }
  const results: ArticleResult[] = [];
  const problems: Problem[] = [];
  for (const [name, path] of files) {
    const label = readLabel(path);
    if (typeof label === 'string') problems.push({ label: name, problem: label });
    else if (!existsSync(join(corpus, basename(label.file)))) problems.push({ label: name, problem: `article ${label.file} is not in ${corpus}` });
    else results.push(evaluateArticle(label, join(corpus, basename(label.file))));
  }
  console.log(report(results, problems, options));
  return 0;
}

function main(): void {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`eval-ingest: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  process.exitCode = run(projectRoot(), options);
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) main();
