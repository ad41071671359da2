/** The one reporter: human output like vfile-reporter (`file:line:column`), or JSON data. */
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { findingToJson, severityOf, type FindingJson } from '../findings/index.js';

export interface ReportOptions {
  verbose?: boolean;
  color?: boolean;
}

/** Human report; info findings (recorded normalization changes) only with `verbose`. */
export function humanReport(files: VFile[], options: ReportOptions = {}): string {
  const shown = files.map((f) => {
    const copy = new VFile({ path: f.path });
    copy.messages = f.messages.filter((m) => options.verbose || severityOf(m) !== 'info');
    return copy;
  });
  let out = reporter(shown, { color: options.color ?? false, verbose: false });
  const hidden = files.reduce((n, f) => n + f.messages.filter((m) => severityOf(m) === 'info').length, 0);
  if (!options.verbose && hidden) out += `${out ? '\n' : ''}${hidden} info findings (recorded changes) not shown; use --verbose or --json`;
  return out;
}

export function jsonFindings(files: VFile[], withFile: boolean): FindingJson[] {
  return files.flatMap((f) => f.messages.map((m) => findingToJson(m, withFile ? f.path : undefined)));
}
