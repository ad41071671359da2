/**
 * Draw a uniform random sample of the warning/error findings over the shared
 * corpus, for a person to judge against the source.
 *
 * Every article of `../shared/corpus/chinaxiv/*.md` is built into the model as
 * the tests do (ingest → normalize → referencesStage → enrich); every finding
 * whose severity is warning or error (`fatal` false or true) goes into one
 * pool, and `--count` of them (default 20) are drawn without replacement with
 * a seeded PRNG (mulberry32, `--seed N`, default 1). For each: file,
 * line:column, severity, rule id, message and the source lines around it
 * (line ±2, each cut to 300 characters). First the totals by rule id.
 *
 * Usage, from the project root after `tsc -p tsconfig.build.json`:
 *
 *     node dist/scripts/findings-sample.js [--seed N] [--count N]
 *
 * Exit 0; 2 on bad arguments. Without the shared folder it says it skipped.
 */
import { buildModel } from './model.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './random.js';
import { severityOf, type Severity } from '../src/findings/index.js';
import { projectRoot } from './root.js';

interface Options {
  seed: number;
  count: number;
}

interface Finding {
  file: string;
  line: number | null;
  column: number | null;
  severity: Severity;
  ruleId: string;
  message: string;
}


function parseArgs(argv: string[]): Options | string {
  const options: Options = { seed: 1, count: 20 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name !== '--seed' && name !== '--count') return `unknown argument ${arg} (usage: findings-sample [--seed N] [--count N])`;
    const value = Number(inline ?? argv[++i]);
    if (!Number.isInteger(value) || value < 0) return `${name}: expected a non-negative integer`;
    if (name === '--seed') options.seed = value;
    else options.count = value;
  }
  return options;
}

/** `count` distinct items, uniformly (partial Fisher–Yates on a copy). */
function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}

/** The warning/error findings of one article, built as tests/helpers/seed.ts `model()` builds it. */
function findingsOf(path: string, name: string): Finding[] {
  const { file } = buildModel(readFileSync(path, 'utf8'), name);
  return file.messages
    .filter((m) => m.fatal === true || m.fatal === false)
    .map((m) => ({ file: name, line: m.line ?? null, column: m.column ?? null, severity: severityOf(m), ruleId: m.ruleId ?? 'unknown', message: m.reason }));
}

function context(lines: string[], line: number | null): string[] {
  if (line === null) return ['    (no source position)'];
  const out: string[] = [];
  for (let n = Math.max(1, line - 2); n <= Math.min(lines.length, line + 2); n++) {
    const text = lines[n - 1]!;
    const cut = text.length > 300 ? `${text.slice(0, 300)}…` : text;
    out.push(`  ${n === line ? '>' : ' '} ${String(n).padStart(4)} | ${cut}`);
  }
  return out;
}

function run(root: string, options: Options): number {
  const corpus = resolve(root, '..', 'shared', 'corpus', 'chinaxiv');
  if (!existsSync(corpus)) {
    console.log(`findings-sample: skipped, ${corpus} is absent (the shared corpus is not on this machine).`);
    return 0;
  }
  const names = readdirSync(corpus).filter((n) => n.endsWith('.md')).sort();
  const all: Finding[] = [];
  for (const name of names) {
    try {
      all.push(...findingsOf(join(corpus, name), name));
    } catch (error) {
      console.log(`pipeline error on ${name}: ${(error as Error).message}`);
    }
  }
  const byRule = new Map<string, { warning: number; error: number }>();
  for (const f of all) {
    const tally = byRule.get(f.ruleId) ?? { warning: 0, error: 0 };
    if (f.severity === 'error') tally.error++;
    else tally.warning++;
    byRule.set(f.ruleId, tally);
  }
  console.log(`${all.length} warning/error findings over ${names.length} articles, by rule id:`);
  for (const [rule, t] of [...byRule].sort((a, b) => b[1].warning + b[1].error - (a[1].warning + a[1].error) || a[0].localeCompare(b[0]))) {
    console.log(`  ${rule.padEnd(32)} ${String(t.warning + t.error).padStart(5)}  (warning ${t.warning}, error ${t.error})`);
  }
  console.log(`\nSample of ${Math.min(options.count, all.length)}, seed ${options.seed} (mulberry32, uniform over all warning/error findings):`);
  const texts = new Map<string, string[]>();
  sample(all, options.count, mulberry32(options.seed)).forEach((f, i) => {
    const lines = texts.get(f.file) ?? readFileSync(join(corpus, f.file), 'utf8').split(/\r?\n/);
    texts.set(f.file, lines);
    console.log(`\n#${i + 1} ${f.file}:${f.line ?? '?'}:${f.column ?? '?'}  ${f.severity}  ${f.ruleId}`);
    console.log(`  ${f.message}`);
    console.log(context(lines, f.line).join('\n'));
  });
  return 0;
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  if (typeof options === 'string') {
    console.error(`findings-sample: ${options}`);
    process.exitCode = 2;
    return;
  }
  process.exitCode = run(projectRoot(), options);
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) main();
