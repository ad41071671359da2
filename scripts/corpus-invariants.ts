/**
 * Corpus-wide invariants of structure recognition, as a report: the checks of
 * `tests/helpers/corpus-ingest.ts` (from `scripts/corpus-checks.ts`) run on every
 * article of the shared corpus (`../shared/corpus/chinaxiv`), each article
 * built as the tests build it (ingest → normalize → referencesStage → enrich,
 * then the Markdown and the JATS).
 *
 * Usage, from the project root:
 *
 *     npx tsc -p tsconfig.build.json && node dist/scripts/corpus-invariants.js
 *         [--check ID] [--max N] [--all] [--json] [--corpus DIR]
 *
 * Prints, per check, the number of articles failing it and, for each failing
 * article (worst first), the first N (default 3) offending items with their
 * input line numbers. `--check` runs one check (ids: han, keywords, escapes,
 * escapes-markdown-asterisk, caption-headings, english-block,
 * reference-list); `--all` lists every offending item; `--json` prints the
 * whole result as JSON. Exit 0 (a report, not a gate); 2 on bad arguments.
 * Without the corpus it says it skipped, exit 0.
 */
import { buildModel } from './model.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKS, failuresOf, formatFailure, prepareArticle, type Article } from './corpus-checks.js';
import { projectRoot } from './root.js';

interface Options {
  check?: string;
  max: number;
  json: boolean;
  corpus?: string;
}

class UsageError extends Error {}


function parseArgs(argv: string[]): Options {
  const options: Options = { max: 3, json: false };
  const value = (arg: string, i: number): [string, number] => {
    if (arg.includes('=')) return [arg.slice(arg.indexOf('=') + 1), i];
    const next = argv[i + 1];
    if (next === undefined) throw new UsageError(`${arg}: a value is needed`);
    return [next, i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') options.json = true;
    else if (arg === '--all') options.max = Infinity;
    else if (arg === '--check' || arg.startsWith('--check=')) {
      const [v, j] = value(arg, i);
      i = j;
      if (!CHECKS.some((c) => c.id === v)) throw new UsageError(`--check: expected one of ${CHECKS.map((c) => c.id).join(', ')}`);
      options.check = v;
    } else if (arg === '--max' || arg.startsWith('--max=')) {
      const [v, j] = value(arg, i);
      i = j;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new UsageError('--max: expected a whole number');
      options.max = n;
    } else if (arg === '--corpus' || arg.startsWith('--corpus=')) {
      const [v, j] = value(arg, i);
      i = j;
      options.corpus = resolve(v);
    } else throw new UsageError(`unknown argument ${arg}`);
  }
  return options;
}

function build(dir: string): Article[] {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort();
  return names.map((name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    const { tree, file } = buildModel(text, join(dir, name));
    return prepareArticle(name, text, tree, file.messages);
  });
}

function main(): number {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`corpus-invariants: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const dir = options.corpus ?? resolve(projectRoot(), '../shared/corpus/chinaxiv');
  if (!existsSync(dir)) {
    console.log(`corpus-invariants: skipped, ${dir} is not present`);
    return 0;
  }
  const started = Date.now();
  const articles = build(dir);
  const checks = options.check ? CHECKS.filter((c) => c.id === options.check) : CHECKS;
  const results = checks.map((c) => ({ check: c, failures: failuresOf(c, articles) }));
  const broken = articles.filter((a) => a.outputError);

  if (options.json) {
    const json = {
      corpus: dir,
      articles: articles.length,
      outputErrors: broken.map((a) => ({ article: a.name, error: a.outputError })),
      checks: results.map(({ check, failures }) => ({
        id: check.id,
        title: check.title,
        knownGap: check.knownGap ?? false,
        failing: failures.length,
        total: failures.reduce((n, f) => n + f.count, 0),
        failures: failures.map((f) => ({ ...f, offences: f.offences.slice(0, options.max) })),
      })),
    };
    console.log(JSON.stringify(json, null, 2));
    return 0;
  }

  console.log(`${articles.length} articles of ${dir} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const a of broken) console.log(`  output error: ${a.name}: ${a.outputError}`);
  for (const { check, failures } of results) {
    const total = failures.reduce((n, f) => n + f.count, 0);
    const verdict = failures.length ? `${failures.length} article(s) failing, ${total} ${check.id === 'han' ? 'characters missing' : 'offences'}` : 'passes';
    console.log(`\n## ${check.id}${check.knownGap ? ' (known gap)' : ''}: ${verdict}\n   ${check.title}`);
    for (const f of failures) console.log(formatFailure(f, options.max));
  }
  console.log('\nSummary:');
  for (const { check, failures } of results) {
    console.log(`  ${check.id.padEnd(26)} ${failures.length ? `${String(failures.length).padStart(3)} failing` : '     pass'}${check.knownGap ? '  (known gap)' : ''}`);
  }
  return 0;
}

process.exitCode = main();
