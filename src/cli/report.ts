/**
 * Printing findings. By default one line each, in the layout compilers use and
 * editors jump to:
 *
 *   file:line:col: severity: message [rule-id]
 *   file: severity: message [rule-id]          (no position)
 *
 * `--reporter vfile` gives vfile-reporter's blocks instead; `--json` the data.
 * Info findings (recorded normalization changes) are counted, and shown only
 * with `verbose`; `quiet` shows errors only.
 */
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { findingToJson, type FindingJson } from '../findings/index.js';

export type Reporter = 'line' | 'vfile';

export interface ReportOptions {
  verbose?: boolean;
  quiet?: boolean;
  reporter?: Reporter;
  color?: boolean;
  /** End with the count of info findings not shown (default true). */
  infoCount?: boolean;
}

/** One input's findings (as data, so that results from batch workers print the same). */
export interface FileFindings {
  file: string;
  findings: FindingJson[];
}

/** The findings of a vfile, as data. */
export function fileFindings(file: VFile, name = file.path): FileFindings {
  return { file: name, findings: file.messages.map((m) => findingToJson(m)) };
}

/** Is the finding printed under these options? */
function shown(f: FindingJson, options: ReportOptions): boolean {
  if (options.quiet) return f.severity === 'error';
  return options.verbose === true || f.severity !== 'info';
}

/** One finding as one line. */
export function findingLine(file: string, f: FindingJson): string {
  const message = f.message.replace(/\s*\n\s*/g, ' ').trim();
  const at = f.line != null ? `${file}:${f.line}:${f.column ?? 1}` : file;
  return `${at}: ${f.severity}: ${message} [${f.ruleId}]`;
}

/**
 * The findings of some inputs as text (empty when nothing is shown), with a
 * last line counting the info findings left out (not with `quiet`).
 */
export function humanReport(files: FileFindings[], options: ReportOptions = {}): string {
  let out: string;
  if (options.reporter === 'vfile') {
    const vfiles = files.map((f) => toVFile(f.file, f.findings.filter((x) => shown(x, options))));
    out = vfiles.some((f) => f.messages.length) ? reporter(vfiles, { color: options.color ?? false, verbose: false, quiet: true }) : '';
  } else
    out = files
      .flatMap((f) => inSourceOrder(f.findings.filter((x) => shown(x, options))).map((x) => findingLine(f.file, x)))
      .join('\n');
  const hidden = options.verbose || options.quiet || options.infoCount === false ? 0 : files.reduce((n, f) => n + f.findings.filter((x) => x.severity === 'info').length, 0);
  if (hidden) out += `${out ? '\n' : ''}${hidden} info findings (recorded changes) not shown; use --verbose or --json`;
  return out;
}

/** Findings without a position first (about the whole file), then by line and column; otherwise as found. */
function inSourceOrder(findings: FindingJson[]): FindingJson[] {
  const key = (f: FindingJson) => (f.line == null ? [-1, -1] : [f.line, f.column ?? 1]);
  return findings
    .map((f, i) => ({ f, i, k: key(f) }))
    .sort((a, b) => a.k[0]! - b.k[0]! || a.k[1]! - b.k[1]! || a.i - b.i)
    .map((x) => x.f);
}

/** Findings back into a vfile, for vfile-reporter. */
function toVFile(path: string, findings: FindingJson[]): VFile {
  const file = new VFile({ path });
  for (const f of findings) {
    const place = f.line != null ? { line: f.line, column: f.column ?? 1 } : undefined;
    const m = file.message(f.message, { place, ruleId: f.ruleId, source: 'zhpub' });
    m.fatal = f.severity === 'error' ? true : f.severity === 'warning' ? false : undefined;
  }
  return file;
}

/** Findings as data, each naming its file. */
export function jsonFindings(files: FileFindings[]): FindingJson[] {
  return files.flatMap((f) => f.findings.map((x) => ({ ...x, file: f.file })));
}

/**
 * An input that could not be built or checked, in `--json` output: an entry
 * shaped like a finding (rule `input-failed`, severity error) with its error.
 */
export function failureEntry(file: string, error: string): FindingJson {
  const message = error.startsWith(`${file}: `) ? error.slice(file.length + 2) : error;
  return { ruleId: 'input-failed', severity: 'error', message, line: null, column: null, file };
}

/** A JSON document for standard output: indented, or one line (JSON Lines, for --watch). */
export function jsonText(value: unknown, oneLine: boolean): string {
  return oneLine ? JSON.stringify(value) : JSON.stringify(value, null, 2);
}
