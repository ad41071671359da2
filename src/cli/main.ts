/**
 * zhpub command line. Wires the pipeline's stages together; knows no stage's internals.
 *
 *   zhpub build <files or folders...> [--out dir] [--format md,jats,pdf,handout,refs] [--force] [--jobs n] [--watch] [--json]
 *   zhpub check <file> [--json]
 *   zhpub refs parse [file|-] | refs format [file|-] --style house|gbt7714|vancouver|apa | refs check <article>
 */
import { watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import { ALL_FORMATS, type BuildOptions } from '../../pipeline/graph.js';
import { buildOne, InputError, type RunOptions } from '../../pipeline/run.js';
import { inside, outputStem, batchStems, realPath, within, OrderedJsonArray, StreamedFile, type BatchStem } from '../../pipeline/io.js';
import type { JobResult } from '../../pipeline/worker.js';
import { TOOL_VERSION } from '../../pipeline/version.js';
import { hasErrors, type FindingJson } from '../findings/index.js';
import { buildOptionsSchema, checkOptionsSchema, parseArgv, UsageError, validate, type BuildCli } from './args.js';
import { humanReport, jsonFindings } from './report.js';
import { ConfigError, loadConfig } from '../config/index.js';

export const USAGE = `zhpub ${TOOL_VERSION}: bilingual scholarly document pipeline

Usage:
  zhpub build <files or folders...> [--out dir] [--format md,jats,pdf,handout,refs]
              [--force] [--jobs n] [--watch] [--json] [--verbose] [--variant tw|hk]
              [--body-size pt] [--config zhpub.config.json]
  zhpub check <file> [--json] [--verbose] [--config file]
  zhpub refs parse [file|-]
  zhpub refs format [file|-] [--style house|gbt7714|gbt7714-2025|vancouver|apa]
  zhpub refs check <article>

Inputs: article text (.txt), Markdown written by zhpub (.md), JATS (.xml).
Exit status: 0 fine, 1 a finding of error severity, 2 usage or input/output error.`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
};

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return command ? 0 : 2;
    }
    if (command === '--version') {
      io.out(TOOL_VERSION);
      return 0;
    }
    const { positionals, flags } = parseArgv(rest);
    if (flags.help) {
      io.out(USAGE);
      return 0;
    }
    switch (command) {
      case 'build':
        return await buildCommand(positionals, flags, io);
      case 'check':
        return await checkCommand(positionals, flags, io);
      case 'refs':
        return await (await import('./refs.js')).refsCommand(positionals, flags, io);
      default:
        throw new UsageError(`unknown command \`${command}\``);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`zhpub: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof InputError || error instanceof ConfigError) {
      io.err(`zhpub: ${error.message}`);
      return 2;
    }
    const e = error as NodeJS.ErrnoException;
    io.err(`zhpub: ${e.code ? `${e.code}: ` : ''}${e.message}`);
    return 2;
  }
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

async function buildCommand(positionals: string[], flags: Record<string, unknown>, io: Io): Promise<number> {
  const opts = validate(buildOptionsSchema, { paths: positionals, ...flags });
  const config = await loadConfig(opts.config);
  const options: BuildOptions = { formats: opts.format, variant: opts.variant, pdf: opts.bodySize ? { bodySize: opts.bodySize } : {}, journal: config.journal };
  const once = () => buildInputs(opts, options, io);
  const code = await once();
  if (!opts.watch) return code;
  return watchInputs(opts.paths, once, io);
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

async function buildInputs(opts: BuildCli, options: BuildOptions, io: Io): Promise<number> {
  const { files: inputs, batch } = await collectInputs(opts.paths);
  if (!inputs.length) throw new InputError(`no article files (.txt, .md, .xml) in ${opts.paths.join(', ')}`);
  if (!batch) {
    const refused = overwriteRefusals(inputs, [outputStem(inputs[0]!)], opts.out, false)[0];
    if (refused) throw new InputError(refused);
    const result = await buildOne(inputs[0]!, options, { outDir: opts.out, force: opts.force });
    if (opts.json) io.out(JSON.stringify(jsonFindings([result.file], false), null, 2));
    else {
      const text = humanReport([result.file], { verbose: opts.verbose });
      if (text) io.err(text);
      io.err(`wrote ${result.files.map((f) => path.join(result.outDir, f.name)).join(', ')}`);
    }
    return hasErrors(result.file) ? 1 : 0;
  }
  // Each input its own output folder (clashing names numbered), no input overwritten.
  const stems = batchStems(inputs, [BATCH_REPORT]);
  const refused = overwriteRefusals(
    inputs,
    stems.map((s) => s.stem),
    opts.out,
    true,
  );
  const clashes = stems.map((s, i) => (s.clashWith === undefined || refused[i] ? null : clashFinding(inputs[i]!, s, opts.out)));
  if (!opts.json) for (const c of clashes) if (c) io.err(`warning: ${c.message} [${c.ruleId}]`);
  const todo = inputs.flatMap((_, i) => (refused[i] ? [] : [i]));
  const runs: RunOptions[] = todo.map((i) => ({ outDir: opts.out, force: opts.force, stem: stems[i]!.stem }));

  const { buildMany, defaultJobs } = await import('../../pipeline/pool.js');
  const progress = new Progress(inputs.length, opts.progress ?? (process.stderr.isTTY === true && !opts.json), io);
  // The report and the --json findings are written as articles finish (in input
  // order), so that a long batch never holds every article's findings.
  const reportFile = new StreamedFile(inside(opts.out, BATCH_REPORT));
  reportFile.write('{\n  "articles": ');
  const report = new OrderedJsonArray(reportFile.write, 2);
  let jsonOut = '';
  const findingsOut = opts.json ? new OrderedJsonArray((t) => (jsonOut += t)) : null;
  const summary = { built: 0, withFindings: 0, withErrors: 0, failed: 0 };
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
    findingsOut?.add(
      index,
      findings.map((f) => ({ ...f, file: r.input })),
    );
    delete r.findings;
    const reason = r.error?.startsWith(`${r.input}: `) ? r.error.slice(r.input.length + 2) : r.error;
    const line = r.error ? `${r.input}: failed: ${reason}` : `${r.input}: built ${r.files!.join(', ')} (${errors} errors, ${warnings} warnings)`;
    progress.tick(++done, path.basename(r.input), opts.json ? null : line);
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
    io.out(jsonOut);
  } else
    io.err(
      `${summary.built} built (${summary.withFindings} with findings, ${summary.withErrors} with errors), ${summary.failed} failed; report in ${path.join(opts.out, BATCH_REPORT)}`,
    );
  return summary.failed ? 2 : summary.withErrors ? 1 : 0;
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

async function watchInputs(paths: string[], rebuild: () => Promise<number>, io: Io): Promise<number> {
  io.err(`watching ${paths.join(', ')} (Ctrl-C to stop)`);
  let timer: NodeJS.Timeout | null = null;
  let running = Promise.resolve(0);
  const trigger = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() => rebuild().catch((e: Error) => (io.err(`zhpub: ${e.message}`), 2)));
    }, 150);
  };
  const watchers = paths.map((p) => watch(p, { persistent: true }, (_event, name) => {
    if (!name || /\.(txt|md|markdown|xml)$/i.test(String(name)) || !name.includes('.')) trigger();
  }));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  for (const w of watchers) w.close();
  await running;
  return 0;
}

async function checkCommand(positionals: string[], flags: Record<string, unknown>, io: Io): Promise<number> {
  const opts = validate(checkOptionsSchema, { paths: positionals, ...flags });
  const config = await loadConfig(opts.config);
  const result = await buildOne(opts.paths[0]!, { formats: [...ALL_FORMATS].filter((f) => f !== 'pdf' && f !== 'handout'), variant: 'tw', journal: config.journal }, {
    outDir: '.',
    write: false,
    cache: false,
  });
  printFindings([result.file], opts.json, opts.verbose, io);
  return hasErrors(result.file) ? 1 : 0;
}

export function printFindings(files: VFile[], json: boolean, verbose: boolean, io: Io): void {
  if (json) io.out(JSON.stringify(jsonFindings(files, false), null, 2));
  else {
    const text = humanReport(files, { verbose });
    io.out(text || 'no findings');
  }
}
