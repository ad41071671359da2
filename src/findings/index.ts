/**
 * Findings are vfile messages with a stable rule id, a severity and a source
 * position. Every stage reports through `report()`; one reporter prints them.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Node, Point, Position } from 'unist';

export type Severity = 'error' | 'warning' | 'info';

export interface FindingOptions {
  ruleId: string;
  severity?: Severity;
  place?: Point | Position | Node | null;
  /** Text before a normalization change. */
  before?: string;
  /** Text after a normalization change. */
  after?: string;
  /** Which stage reported it (ingest, normalize, references, jats, ...). */
  stage?: string;
}

export function report(file: VFile, reason: string, options: FindingOptions): VFileMessage {
  const { ruleId, severity = 'warning', before, after, stage } = options;
  let place: Point | Position | undefined;
  const p = options.place as (Node & Position & Point) | null | undefined;
  if (p) {
    if ('type' in p && typeof p.type === 'string') place = (p as Node).position;
    else place = p as Point | Position;
  }
  // A vfile message is an Error whose stack is set to '' at once: capturing
  // one first is wasted work (builds record hundreds of findings).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let message: VFileMessage;
  try {
    message = file.message(reason, { place, ruleId, source: 'zhpub' });
  } finally {
    Error.stackTraceLimit = limit;
  }
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
  if (before !== undefined) message.actual = before;
  if (after !== undefined) message.expected = [after];
  if (stage) (message as VFileMessage & { stage?: string }).stage = stage;
  return message;
}

export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

export interface FindingJson {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number | null;
  column: number | null;
  file?: string;
  before?: string;
  after?: string;
}

export function findingToJson(message: VFileMessage, file?: string): FindingJson {
  const out: FindingJson = {
    ruleId: message.ruleId ?? 'unknown',
    severity: severityOf(message),
    message: message.reason,
    line: message.line ?? null,
    column: message.column ?? null,
  };
  if (file) out.file = file;
  if (message.actual !== undefined && message.actual !== null) out.before = message.actual;
  if (message.expected && message.expected.length) out.after = message.expected[0];
  return out;
}

export function hasErrors(file: VFile): boolean {
  return file.messages.some((m) => m.fatal === true);
}
