/**
 * zhpub command line. Wires the pipeline's stages together; knows no stage's internals.
 *
 *   zhpub build <files or folders...> [--out dir] [--format md,jats,pdf,handout,refs] [--force] [--jobs n] [--watch] [--json]
 *   zhpub check <file> [--json]
 *   zhpub refs parse [file|-] | refs format [file|-] --style house|gbt7714|vancouver|apa | refs check <article>
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import { ALL_FORMATS, type BuildOptions } from '../../pipeline/graph.js';
import { buildOne, InputError, type BuildResult } from '../../pipeline/run.js';
import { writeAtomic, inside } from '../../pipeline/io.js';
import { TOOL_VERSION } from '../../pipeline/version.js';
import { hasErrors } from '../findings/index.js';
import { buildOptionsSchema, checkOptionsSchema, parseArgv, UsageError, validate } from './args.js';
import { humanReport, jsonFindings } from './report.js';
import { refsCommand } from './refs.js';

export const USAGE = `zhpub ${TOOL_VERSION}: bilingual scholarly document pipeline

Usage:
  zhpub build <files or folders...> [--out dir] [--format md,jats,pdf,handout,refs]
              [--force] [--jobs n] [--watch] [--json] [--verbose] [--variant tw|hk]
  zhpub check <file> [--json] [--verbose]
  zhpub refs parse [file|-]
  zhpub refs format [file|-] [--style house|gbt7714|vancouver|apa]
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
        return await refsCommand(positionals, flags, io);
      default:
        throw new UsageError(`unknown command \`${command}\``);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`zhpub: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof InputError) {
      io.err(`zhpub: ${error.message}`);
      return 2;
    }
    const e = error as NodeJS.ErrnoException;
    io.err(`zhpub: ${e.code ? `${e.code}: ` : ''}${e.message}`);
    return 2;
  }
}

/** Files to build: files as given, folders expanded to their article files (sorted). */
export async function collectInputs(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch {
      throw new InputError(`${p}: no such file or folder`);
    }
    if (s.isDirectory()) {
      const names = (await readdir(p)).filter((n) => !n.startsWith('.') && /\.(txt|md|markdown|xml)$/i.test(n)).sort();
      out.push(...names.map((n) => path.join(p, n)));
    } else out.push(p);
  }
  return out;
}

async function buildCommand(positionals: string[], flags: Record<string, unknown>, io: Io): Promise<number> {
  const opts = validate(buildOptionsSchema, { paths: positionals, ...flags });
  const inputs = await collectInputs(opts.paths);
  if (!inputs.length) throw new InputError(`no article files (.txt, .md, .xml) in ${opts.paths.join(', ')}`);
  const options: BuildOptions = { formats: opts.format, variant: opts.variant };
  const batch = inputs.length > 1;
  const results: Array<{ input: string; result?: BuildResult; error?: string }> = [];
  for (const input of inputs) {
    try {
      const result = await buildOne(input, options, { outDir: opts.out, force: opts.force });
      results.push({ input, result });
      if (batch && !opts.json) {
        const errors = result.file.messages.filter((m) => m.fatal === true).length;
        const warnings = result.file.messages.filter((m) => m.fatal === false).length;
        io.err(`${input}: built ${result.files.map((f) => f.name).join(', ')} (${errors} errors, ${warnings} warnings)`);
      }
    } catch (error) {
      if (!(error instanceof InputError) && !batch) throw error;
      const message = error instanceof Error ? error.message : String(error);
      results.push({ input, error: message });
      if (!batch) throw error;
      if (!opts.json) io.err(`${input}: failed: ${message}`);
    }
  }
  const files = results.filter((r) => r.result).map((r) => r.result!.file);
  if (batch) {
    const summary = {
      built: results.filter((r) => r.result).length,
      withErrors: results.filter((r) => r.result && hasErrors(r.result.file)).length,
      failed: results.filter((r) => r.error).length,
    };
    const report = {
      summary,
      articles: results.map((r) => ({ input: r.input, error: r.error, findings: r.result ? jsonFindings([r.result.file], false) : [] })),
    };
    await writeAtomic(inside(opts.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
    if (opts.json) io.out(JSON.stringify(jsonFindings(files, true), null, 2));
    else io.err(`${summary.built} built (${summary.withErrors} with errors), ${summary.failed} failed; findings in ${path.join(opts.out, 'report.json')}`);
    return summary.failed ? 2 : summary.withErrors ? 1 : 0;
  }
  const result = results[0]!.result!;
  if (opts.json) io.out(JSON.stringify(jsonFindings([result.file], false), null, 2));
  else {
    const text = humanReport([result.file], { verbose: opts.verbose });
    if (text) io.err(text);
    io.err(`wrote ${result.files.map((f) => path.join(result.outDir, f.name)).join(', ')}`);
  }
  return hasErrors(result.file) ? 1 : 0;
}

async function checkCommand(positionals: string[], flags: Record<string, unknown>, io: Io): Promise<number> {
  const opts = validate(checkOptionsSchema, { paths: positionals, ...flags });
  const result = await buildOne(opts.paths[0]!, { formats: [...ALL_FORMATS].filter((f) => f !== 'pdf' && f !== 'handout'), variant: 'tw' }, {
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
