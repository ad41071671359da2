/**
 * zhpub command line. Wires the pipeline's stages together; knows no stage's internals.
 *
 *   zhpub build <files or folders...> [--out dir] [--format md,jats,pdf,handout,refs] [--watch] [--json] …
 *   zhpub build <file> --to FORMAT [-o FILE|-]
 *   zhpub check <files or folders...> [--json] [--quiet] [--reporter line|vfile]
 *   zhpub refs parse [file|-] | refs format [file|-] --style … | refs check <article>
 *   zhpub help [command] | zhpub --version
 *
 * The options of each command, their defaults and help are in args.ts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ALL_FORMATS, type BuildOptions } from '../../pipeline/graph.js';
import { buildOne, InputError, type RunOptions } from '../../pipeline/run.js';
import { inside, outputStem, batchStems, realPath, within, writeAtomic, OrderedJsonArray, StreamedFile, type BatchStem } from '../../pipeline/io.js';
import type { JobResult } from '../../pipeline/worker.js';
import { TOOL_VERSION } from '../../pipeline/version.js';
import { hasErrors, type FindingJson } from '../findings/index.js';
import {
  buildOptionsSchema,
  checkOptionsSchema,
  commandHelp,
  COMMANDS,
  describeIssues,
  FORMATS,
  parseArgv,
  refsHelp,
  REFS_OPTIONS,
  targetForFile,
  targetNamed,
  UsageError,
  validate,
  wantsHelp,
  type BuildCli,
  type Target,
} from './args.js';
import { failureEntry, fileFindings, findingLine, humanReport, jsonFindings, jsonText, type FileFindings, type ReportOptions } from './report.js';
import { ConfigError, configSchema, loadConfig, type Config } from '../config/index.js';
import { untilInterrupted, watchInputs } from './watch.js';

export interface Io {
  /** A line (or lines) for standard output; a newline is added when missing. */
  out: (s: string) => void;
  /** A line (or lines) for standard error. */
  err: (s: string) => void;
  /** Bytes or text for standard output as they are (`-o -`); absent: `out`. */
  write?: (data: string | Uint8Array) => void;
  /** Standard output is a terminal (binary output is refused there). */
  stdoutIsTTY?: boolean;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
  write: (data) => process.stdout.write(data),
  get stdoutIsTTY() {
    return process.stdout.isTTY === true;
  },
};

/** `zhpub --help`: the commands. */
export function globalUsage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return [
    `zhpub ${TOOL_VERSION}: bilingual scholarly document pipeline`,
    'Chinese journal articles to Markdown, JATS, PDF, handouts and references.',
    '',
    'Usage: zhpub <command> [options]',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`),
    '',
    'Options:',
    '  -h, --help     print this help (zhpub <command> --help: the options of a command)',
    '  -v, --version  print the versions of zhpub and of its components',
    '',
    'Examples:',
    '  zhpub check article.txt',
    '  zhpub build article.txt --out out',
    '  zhpub build article.txt --to jats -o -',
    '  zhpub build papers/ --out out --json > findings.json',
    '',
    'Inputs: article text (.txt), Markdown written by zhpub (.md), JATS (.xml).',
    'Exit status: 0 fine, 1 a finding of error severity, 2 usage or input/output error.',
  ].join('\n');
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command) {
      io.out(globalUsage());
      return 2;
    }
    if (command === '--help' || command === '-h') {
      io.out(globalUsage());
      return 0;
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      io.out((await import('./version.js')).versionText());
      return 0;
    }
    if (command === 'help') {
      const [topic, sub] = rest;
      if (!topic) io.out(globalUsage());
      else if (topic === 'refs' && sub && REFS_OPTIONS[sub]) io.out(refsHelp(sub));
      else io.out(commandHelp(topic));
      return 0;
    }
    switch (command) {
      case 'build':
      case 'check':
        if (wantsHelp(rest)) {
          io.out(commandHelp(command));
          return 0;
        }
        return command === 'build' ? await buildCommand(rest, io) : await checkCommand(rest, io);
      case 'refs':
        return await (await import('./refs.js')).refsCommand(rest, io);
      default:
        throw new UsageError(
          command.startsWith('-') ? `unknown option ${command}; options follow the command (zhpub build --help)` : `unknown command \`${command}\` (use build, check or refs; zhpub --help lists them)`,
        );
    }
  } catch (error) {
    io.err(`zhpub: ${errorText(error)}`);
    if (process.env.ZHPUB_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return 2;
  }
}

/** An error in one line: usage errors with a hint to the help, no stack trace. */
function errorText(error: unknown): string {
  if (error instanceof UsageError) return error.command && error.hint ? `${error.message} (see zhpub ${error.command} --help)` : error.message;
  if (error instanceof InputError || error instanceof ConfigError) return error.message;
  const e = error as NodeJS.ErrnoException;
  return `${e?.code ? `${e.code}: ` : ''}${e?.message ?? String(error)}`.split('\n')[0]!;
}

/** Files to build: files as given, folders expanded to their article files (sorted). */
export async function collectInputs(paths: string[]): Promise<{ files: string[]; batch: boolean }> {
  const out: string[] = [];
  let batch = paths.length > 1;
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch {
      throw new InputError(`${p}: no such file or folder`);
    }
    if (s.isDirectory()) {
      batch = true;
      const names = (await readdir(p)).filter((n) => !n.startsWith('.') && /\.(txt|md|markdown|xml)$/i.test(n)).sort();
      out.push(...names.map((n) => path.join(p, n)));
    } else out.push(p);
  }
  return { files: out, batch };
}

/**
 * The configuration, its problems named field by field in one line
 * (`zhpub.config.json: journal.title.zh: expected text, got 3`).
 */
export async function cliConfig(file: string | undefined): Promise<Config> {
  try {
    return await loadConfig(file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const name = file ?? 'zhpub.config.json';
    let data: unknown;
    try {
      data = JSON.parse(await readFile(name, 'utf8'));
    } catch {
      throw error;
    }
    const r = configSchema.safeParse(data);
    if (r.success) throw error;
    throw new ConfigError(`${name}: ${describeIssues(r.error, data)}`);
  }
}

function reportOptions(opts: { verbose: boolean; quiet: boolean; reporter: 'line' | 'vfile' }): ReportOptions {
  return { verbose: opts.verbose, quiet: opts.quiet, reporter: opts.reporter };
}

// ---------------------------------------------------------------- build

async function buildCommand(argv: string[], io: Io): Promise<number> {
  const specs = COMMANDS.build!.options;
  const { positionals, flags } = parseArgv(argv, specs, 'build');
  const opts = validate(buildOptionsSchema, { paths: positionals, ...flags }, 'build', specs);
  const single = opts.to || opts.output !== undefined ? singleOutput(opts) : null;
  const config = await cliConfig(opts.config);
  const options: BuildOptions = {
    formats: single ? [single.target.format] : (opts.format ?? [...FORMATS]),
    variant: opts.variant,
    pdf: opts.bodySize ? { bodySize: opts.bodySize } : {},
    journal: config.journal,
  };
  const once = single ? () => buildToOutput(opts, single, options, io) : () => buildInputs(opts, options, io);
  if (!opts.watch) return once();
  // In watch mode a failed build is reported and the watch goes on.
  const guarded = () => once().catch((error: unknown) => (io.err(`zhpub: ${errorText(error)}`), 2));
  await guarded();
  const watcher = watchInputs(opts.paths, guarded);
  if (!opts.quiet) io.err(`watching ${opts.paths.join(', ')} (Ctrl-C to stop)`);
  await untilInterrupted();
  await watcher.stop();
  return 0;
}

interface SingleOutput {
  target: Target;
  /** A file, or `-` for standard output. */
  output: string;
}

/** `--to` / `-o`: which format goes where; combinations that cannot work are usage errors. */
function singleOutput(opts: BuildCli): SingleOutput {
  const output = opts.output ?? '-';
  if (opts.format) throw new UsageError('--format builds article folders; with --to or -o name the one format with --to', 'build', true);
  if (opts.paths.length !== 1) throw new UsageError('--to and -o write one format of one input; name one file (several are built into folders with --out)', 'build', true);
  if (output !== '-' && sameFile(output, opts.paths[0]!)) throw new InputError(`${output}: is the input; not overwritten (choose another -o)`);
  if (output !== '-') {
    let isDir = false;
    try {
      isDir = statSync(output).isDirectory();
    } catch {
      // a new file
    }
    if (isDir) throw new UsageError(`-o ${output}: a folder; -o names an output file (or - for standard output), --out an output folder`, 'build', true);
  }
  const target = opts.to ?? (output === '-' ? targetNamed('markdown')! : targetForFile(output));
  if (!target)
    throw new UsageError(
      `-o ${output}: cannot tell the format from the file name; name it with --to${/\.[^./\\]+$/.test(output) ? '' : ' (an output folder is --out)'}`,
      'build',
      true,
    );
  if (output === '-' && opts.json) throw new UsageError('--json and the output would both go to standard output; write the output with -o FILE', 'build', true);
  if (output === '-' && opts.watch) throw new UsageError('--watch does not write to standard output; write the output with -o FILE', 'build', true);
  return { target, output };
}

/** Whether `a` and `b` name the same file (by real path; a file not there yet by its folder's real path). */
function sameFile(a: string, b: string): boolean {
  const real = (p: string) => realPath(p) ?? path.join(realPath(path.dirname(p)) ?? path.resolve(path.dirname(p)), path.basename(p));
  return real(a) === real(b);
}

/** One format of one input, to standard output or one file; findings to standard error. */
async function buildToOutput(opts: BuildCli, single: SingleOutput, options: BuildOptions, io: Io): Promise<number> {
  const input = opts.paths[0]!;
  const { target, output } = single;
  let info;
  try {
    info = statSync(input);
  } catch {
    throw new InputError(`${input}: no such file or folder`);
  }
  if (info.isDirectory()) throw new UsageError(`${input}: a folder; --to and -o write one input (build a folder with --out)`, 'build', true);
  if (output === '-' && target.binary && (io.stdoutIsTTY ?? false))
    throw new UsageError(`not writing ${target.name} (binary) to a terminal; redirect standard output or use -o FILE`, 'build', true);
  let result;
  try {
    result = await buildOne(input, options, { outDir: '.', write: false, cache: false });
  } catch (error) {
    if (!opts.json) throw error;
    return failedAsJson(input, error, opts, io);
  }
  const findings = fileFindings(result.file, input);
  if (opts.json) io.out(jsonText(jsonFindings([findings]), opts.watch));
  else {
    const text = humanReport([findings], reportOptions(opts));
    if (text) io.err(text);
  }
  const data = result.files.find((f) => f.name === target.file)?.data;
  if (data === undefined) throw new InputError(`${input}: no ${target.name} output was made`);
  if (output === '-') {
    if (io.write) io.write(data);
    else io.out(typeof data === 'string' ? data : Buffer.from(data).toString('latin1'));
  } else {
    let same = false;
    try {
      same = Buffer.from(typeof data === 'string' ? Buffer.from(data) : data).equals(readFileSync(output));
    } catch {
      // no such file yet
    }
    if (!same) await writeAtomic(output, data);
    if (!opts.quiet && !opts.json) io.err(same ? `${output}: up to date` : `wrote ${output}`);
  }
  return hasErrors(result.file) ? 1 : 0;
}

/** The batch report, beside the article folders. */
const BATCH_REPORT = 'report.json';

/**
 * Inputs the build would overwrite, each with the reason it is refused: an
 * input inside the output folder of an article of this build (its own or
 * another's: then that article is refused too), inside the stage cache, or
 * the batch report itself. Compared by real path (symlinks, the file system's
 * case); a folder that does not exist yet holds no input.
 */
export function overwriteRefusals(inputs: readonly string[], stems: readonly string[], out: string, batch: boolean): Array<string | null> {
  const refused: Array<string | null> = inputs.map(() => null);
  const real = inputs.map((i) => realPath(i));
  const refuse = (i: number, message: string) => (refused[i] ??= message);
  stems.forEach((stem, x) => {
    const folder = path.join(out, stem);
    const dir = realPath(inside(out, stem));
    if (!dir) return;
    real.forEach((r, i) => {
      if (!r || !within(r, dir)) return;
      if (i === x) refuse(i, `${inputs[i]}: input lies inside its own output folder ${folder}; not built, so that it is not overwritten (move it or choose another --out)`);
      else {
        refuse(i, `${inputs[i]}: input lies inside the output folder ${folder} of ${inputs[x]}; not built, so that it is not overwritten (move it or choose another --out)`);
        refuse(x, `${inputs[x]}: its output folder ${folder} holds the input ${inputs[i]}; not built, so that the input is not overwritten (move it or choose another --out)`);
      }
    });
  });
  const cache = realPath(inside(out, '.cache'));
  const report = batch ? realPath(inside(out, BATCH_REPORT)) : null;
  real.forEach((r, i) => {
    if (!r) return;
    if (cache && within(r, cache)) refuse(i, `${inputs[i]}: input lies inside the output folder's cache ${path.join(out, '.cache')}; not built, so that it is not overwritten`);
    if (report && r === report) refuse(i, `${inputs[i]}: input is the batch report ${path.join(out, BATCH_REPORT)} that this build writes; not built`);
  });
  return refused;
}

/** The finding of an input whose output folder name was taken (`batch-stem-clash`). */
function clashFinding(input: string, s: BatchStem, out: string): FindingJson {
  const message = s.reserved
    ? `output folder name \`${s.natural}\` of ${input} is the batch report's; written to ${path.join(out, s.stem)}`
    : `${s.clashWith} and ${input} have the same output folder name \`${s.natural}\`${outputStem(s.clashWith!) === s.natural ? '' : ' (ignoring case)'}; ${input} is written to ${path.join(out, s.stem)}`;
  return { ruleId: 'batch-stem-clash', severity: 'warning', message, line: null, column: null };
}

/** Every file below a folder (relative names with `/`) and a hash of its content; null when there is no folder. */
export function folderContents(dir: string): Map<string, string> | null {
  const out = new Map<string, string>();
  const walk = (d: string, prefix: string): boolean => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const e of entries) {
      const name = prefix + e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), `${name}/`);
      else {
        try {
          out.set(name, createHash('sha1').update(readFileSync(path.join(d, e.name))).digest('hex'));
        } catch {
          out.set(name, '');
        }
      }
    }
    return true;
  };
  return walk(dir, '') ? out : null;
}

/** The names of every file below a folder (relative, with `/`), or null when there is no folder. */
function folderNames(dir: string): Set<string> | null {
  const out = new Set<string>();
  const walk = (d: string, prefix: string): boolean => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${prefix}${e.name}/`);
      else out.add(prefix + e.name);
    }
    return true;
  };
  return walk(dir, '') ? out : null;
}

/** What a single build did to its folder: only the files that changed, or that it was up to date. */
function writtenLine(dir: string, before: Map<string, string> | null, after: Map<string, string> | null, allCached: boolean): string {
  const now = after ?? new Map<string, string>();
  const changed = [...now.keys()].filter((n) => before?.get(n) !== now.get(n)).sort();
  const removed = before ? [...before.keys()].filter((n) => !now.has(n)).sort() : [];
  if (!changed.length && !removed.length) return allCached ? `${dir}: up to date` : `${dir}: rebuilt; no file changed`;
  const parts: string[] = [];
  if (changed.length) parts.push(`wrote ${changed.map((n) => path.join(dir, n)).join(', ')}`);
  if (removed.length) parts.push(`removed ${removed.map((n) => path.join(dir, n)).join(', ')}`);
  return parts.join('; ');
}

/** The failed-input document of `--json` when the inputs cannot even be listed. */
function failedPaths(paths: string[], error: unknown): FindingJson[] {
  const message = errorText(error);
  const named = paths.filter((p) => message.startsWith(`${p}: `));
  return (named.length ? named : [paths.join(', ')]).map((p) => failureEntry(p, message));
}

async function buildInputs(opts: BuildCli, options: BuildOptions, io: Io): Promise<number> {
  let inputs: string[];
  let batch: boolean;
  try {
    ({ files: inputs, batch } = await collectInputs(opts.paths));
    if (!inputs.length) throw new InputError(`no article files (.txt, .md, .xml) in ${opts.paths.join(', ')}`);
  } catch (error) {
    if (!opts.json) throw error;
    io.err(`zhpub: ${errorText(error)}`);
    io.out(jsonText(failedPaths(opts.paths, error), opts.watch));
    return 2;
  }
  if (!batch) return buildSingle(inputs[0]!, opts, options, io);
  return buildBatch(inputs, opts, options, io);
}

/** One input into `<out>/<stem>/`. */
async function buildSingle(input: string, opts: BuildCli, options: BuildOptions, io: Io): Promise<number> {
  let result;
  let before: Map<string, string> | null = null;
  let dir = '';
  try {
    const stem = outputStem(input);
    const refused = overwriteRefusals([input], [stem], opts.out, false)[0];
    if (refused) throw new InputError(refused);
    dir = inside(opts.out, stem);
    before = folderContents(dir);
    result = await buildOne(input, options, { outDir: opts.out, force: opts.force });
  } catch (error) {
    if (!opts.json) throw error;
    return failedAsJson(input, error, opts, io);
  }
  const findings = fileFindings(result.file, input);
  if (opts.json) io.out(jsonText(jsonFindings([findings]), opts.watch));
  else {
    const text = humanReport([findings], reportOptions(opts));
    if (text) io.err(text);
    const allCached = result.stats.length > 0 && result.stats.every((s) => s.cached);
    if (!opts.quiet) io.err(writtenLine(path.join(opts.out, outputStem(input)), before, folderContents(dir), allCached));
  }
  return hasErrors(result.file) ? 1 : 0;
}

/** Several inputs (or a folder): each its own folder, a batch report, one line per article. */
async function buildBatch(inputs: string[], opts: BuildCli, options: BuildOptions, io: Io): Promise<number> {
  // Each input its own output folder (clashing names numbered), no input overwritten.
  const stems = batchStems(inputs, [BATCH_REPORT]);
  const refused = overwriteRefusals(
    inputs,
    stems.map((s) => s.stem),
    opts.out,
    true,
  );
  const clashes = stems.map((s, i) => (s.clashWith === undefined || refused[i] ? null : clashFinding(inputs[i]!, s, opts.out)));
  if (!opts.json && !opts.quiet) for (const c of clashes) if (c) io.err(`warning: ${c.message} [${c.ruleId}]`);
  const todo = inputs.flatMap((_, i) => (refused[i] ? [] : [i]));
  const runs: RunOptions[] = todo.map((i) => ({ outDir: opts.out, force: opts.force, stem: stems[i]!.stem }));
  // The files each article folder held before: a build whose stages all came from the cache and that
  // writes the same set is "up to date".
  const held = inputs.map((_, i) => (refused[i] ? null : folderNames(inside(opts.out, stems[i]!.stem))));

  const { buildMany, defaultJobs } = await import('../../pipeline/pool.js');
  const progress = new Progress(inputs.length, opts.progress ?? (process.stderr.isTTY === true && !opts.json && !opts.quiet), io);
  // The report and the --json findings are written as articles finish (in input
  // order), so that a long batch never holds every article's findings.
  const reportFile = new StreamedFile(inside(opts.out, BATCH_REPORT));
  reportFile.write('{\n  "articles": ');
  const report = new OrderedJsonArray(reportFile.write, 2);
  let jsonOut = '';
  const findingsOut = opts.json ? new OrderedJsonArray((t) => (jsonOut += t)) : null;
  const summary = { built: 0, withFindings: 0, withErrors: 0, failed: 0 };
  let upToDate = 0;
  const reported: boolean[] = inputs.map(() => false);
  let done = 0;
  /** One input's entry in the report (`index`: its place among the inputs). */
  const record = (index: number, r: JobResult) => {
    if (reported[index]) return;
    reported[index] = true;
    const findings = [...(clashes[index] ? [clashes[index]] : []), ...(r.findings ?? [])];
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    if (r.error) summary.failed++;
    else {
      summary.built++;
      if (errors + warnings > 0) summary.withFindings++;
      if (errors > 0) summary.withErrors++;
    }
    report.add(index, [
      {
        input: r.input,
        folder: stems[index]!.stem,
        status: r.error ? 'failed' : 'built',
        ...(r.error ? { error: r.error } : { files: r.files }),
        unresolved: findings.filter((f) => f.severity !== 'info'),
        findings,
        // each stage's time in milliseconds, or that its result came from the cache
        stages: (r.stats ?? []).map((st) => ({ stage: st.stage, ms: Math.round(st.ms * 10) / 10, cached: st.cached })),
      },
    ]);
    // --json: every input, a failed one as an `input-failed` entry with its error
    findingsOut?.add(index, [...findings.map((f) => ({ ...f, file: r.input })), ...(r.error ? [failureEntry(r.input, r.error)] : [])]);
    delete r.findings;
    const was = held[index];
    const fresh =
      !r.error &&
      was != null &&
      (r.stats?.length ?? 0) > 0 &&
      r.stats!.every((s) => s.cached) &&
      sameSet(was, new Set([...(r.files ?? []), 'report.json']));
    if (fresh) upToDate++;
    const reason = r.error?.startsWith(`${r.input}: `) ? r.error.slice(r.input.length + 2) : r.error;
    const line = r.error
      ? `${r.input}: failed: ${reason}`
      : fresh
        ? `${r.input}: up to date (${errors} errors, ${warnings} warnings)`
        : `${r.input}: built ${r.files!.join(', ')} (${errors} errors, ${warnings} warnings)`;
    // Under the article's line, its warnings and errors one per line (errors only with --quiet).
    const shown = findings.filter((f) => f.severity === 'error' || (!opts.quiet && f.severity === 'warning')).map((f) => findingLine(r.input, f));
    const text = opts.json ? null : opts.quiet ? (r.error ? line : shown.length ? shown.join('\n') : null) : [line, ...shown].join('\n');
    progress.tick(++done, path.basename(r.input), text);
  };
  const finish = () => {
    progress.end();
    report.end();
    reportFile.write(`,\n  "summary": ${JSON.stringify(summary, null, 2).replace(/\n/g, '\n  ')}\n}\n`);
    reportFile.finish();
  };
  try {
    refused.forEach((message, i) => {
      if (message) record(i, { id: i, input: inputs[i]!, error: message, inputError: true });
    });
    if (todo.length)
      await buildMany(
        todo.map((i) => inputs[i]!),
        options,
        runs,
        opts.jobs ?? defaultJobs(),
        (r) => record(todo[r.id]!, r),
      );
    finish();
  } catch (error) {
    // The report is written all the same: what was built, and why the rest was not.
    try {
      const why = error instanceof Error ? error.message : String(error);
      inputs.forEach((input, i) => {
        if (!reported[i]) record(i, { id: i, input, error: `${input}: not built: the batch stopped (${why})` });
      });
      finish();
    } catch {
      reportFile.abandon();
    }
    throw error;
  }
  if (findingsOut) {
    findingsOut.end();
    // JSON Lines in watch mode: the indented document on one line (newlines in it are only layout)
    io.out(opts.watch ? jsonOut.replace(/\n */g, '') : jsonOut);
  } else if (!opts.quiet)
    io.err(
      `${summary.built} built (${upToDate ? `${upToDate} up to date, ` : ''}${summary.withFindings} with findings, ${summary.withErrors} with errors), ${summary.failed} failed; report in ${path.join(opts.out, BATCH_REPORT)}`,
    );
  return summary.failed ? 2 : summary.withErrors ? 1 : 0;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** A progress bar on a terminal; one plain line per article otherwise. */
class Progress {
  private shown = false;
  constructor(
    private total: number,
    private bar: boolean,
    private io: Io,
  ) {}
  tick(done: number, name: string, line: string | null): void {
    if (this.bar) {
      const width = 30;
      const filled = Math.round((done / this.total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${this.total} ${name.slice(0, 40).padEnd(40)}`);
      this.shown = true;
    } else if (line) this.io.err(line);
  }
  end(): void {
    if (this.shown) process.stderr.write('\n');
  }
}

/** One input that could not be built, with --json: the error on stderr, an `input-failed` entry on stdout; exit status 2. */
function failedAsJson(input: string, error: unknown, opts: { watch: boolean }, io: Io): number {
  io.err(`zhpub: ${errorText(error)}`);
  io.out(jsonText([failureEntry(input, errorText(error))], opts.watch));
  return 2;
}

// ---------------------------------------------------------------- check

/** What `check` runs: every stage but the typesetting ones. */
const CHECK_FORMATS = ALL_FORMATS.filter((f) => f !== 'pdf' && f !== 'handout');

async function checkCommand(argv: string[], io: Io): Promise<number> {
  const specs = COMMANDS.check!.options;
  const { positionals, flags } = parseArgv(argv, specs, 'check');
  const opts = validate(checkOptionsSchema, { paths: positionals, ...flags }, 'check', specs);
  const config = await cliConfig(opts.config);
  const options: BuildOptions = { formats: CHECK_FORMATS, variant: 'tw', journal: config.journal };
  const run: RunOptions = { outDir: '.', write: false, cache: false };
  let inputs: string[];
  let batch: boolean;
  try {
    ({ files: inputs, batch } = await collectInputs(opts.paths));
    if (!inputs.length) throw new InputError(`no article files (.txt, .md, .xml) in ${opts.paths.join(', ')}`);
  } catch (error) {
    if (!opts.json) throw error;
    io.err(`zhpub: ${errorText(error)}`);
    io.out(jsonText(failedPaths(opts.paths, error), false));
    return 2;
  }
  const report = reportOptions(opts);

  if (!batch) {
    const input = inputs[0]!;
    let result;
    try {
      result = await buildOne(input, options, run);
    } catch (error) {
      if (!opts.json) throw error;
      io.err(`zhpub: ${errorText(error)}`);
      io.out(jsonText([failureEntry(input, errorText(error))], false));
      return 2;
    }
    printFindings([fileFindings(result.file, input)], opts, io);
    return hasErrors(result.file) ? 1 : 0;
  }

  // A batch: the inputs checked by the worker pool; findings printed in input order as they come.
  const { buildMany, defaultJobs } = await import('../../pipeline/pool.js');
  const waiting = new Map<number, JobResult>();
  let next = 0;
  let jsonOut = '';
  const jsonArray = opts.json ? new OrderedJsonArray((t) => (jsonOut += t)) : null;
  const tally = { checked: 0, withErrors: 0, withWarnings: 0, failed: 0, info: 0 };
  const show = (r: JobResult) => {
    const findings = r.findings ?? [];
    if (r.error) tally.failed++;
    else {
      tally.checked++;
      if (findings.some((f) => f.severity === 'error')) tally.withErrors++;
      else if (findings.some((f) => f.severity === 'warning')) tally.withWarnings++;
      tally.info += findings.filter((f) => f.severity === 'info').length;
    }
    if (jsonArray) {
      jsonArray.add(r.id, [...findings.map((f) => ({ ...f, file: r.input })), ...(r.error ? [failureEntry(r.input, r.error)] : [])]);
      return;
    }
    if (r.error) io.err(`${r.input}: failed: ${failureEntry(r.input, r.error).message}`);
    const text = humanReport([{ file: r.input, findings }], { ...report, infoCount: false });
    if (text) io.out(text);
  };
  await buildMany(inputs, options, run, opts.jobs ?? defaultJobs(), (r) => {
    waiting.set(r.id, r);
    while (waiting.has(next)) {
      const ready = waiting.get(next)!;
      waiting.delete(next++);
      show(ready);
    }
  });
  if (jsonArray) {
    jsonArray.end();
    io.out(jsonOut);
  } else if (!opts.quiet) {
    if (tally.info && !opts.verbose) io.err(`${tally.info} info findings (recorded changes) not shown; use --verbose or --json`);
    io.err(`${tally.checked} checked (${tally.withErrors} with errors, ${tally.withWarnings} with warnings only), ${tally.failed} failed`);
  }
  return tally.failed ? 2 : tally.withErrors ? 1 : 0;
}

/** Findings as `check` prints them: to standard output, as lines (or vfile blocks) or JSON. */
export function printFindings(files: FileFindings[], opts: { json: boolean; verbose: boolean; quiet: boolean; reporter: 'line' | 'vfile' }, io: Io): void {
  if (opts.json) io.out(jsonText(jsonFindings(files), false));
  else {
    const text = humanReport(files, reportOptions(opts));
    if (text) io.out(text);
    else if (!opts.quiet) io.out('no findings');
  }
}
