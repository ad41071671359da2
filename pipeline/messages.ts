/** Findings as data, to cross a cache file or a thread and come back as vfile messages. */
import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';

export type MessageJson = ReturnType<typeof messageToJson>;

export function messageToJson(m: VFileMessage) {
  return {
    reason: m.reason,
    ruleId: m.ruleId,
    source: m.source,
    fatal: m.fatal,
    place: m.place,
    actual: m.actual,
    expected: m.expected,
    stage: (m as VFileMessage & { stage?: string }).stage,
  };
}

export function restoreMessage(file: VFile, j: MessageJson): VFileMessage {
  const m = new VFileMessage(j.reason, { place: j.place ?? undefined, ruleId: j.ruleId ?? undefined, source: j.source ?? undefined });
  m.fatal = j.fatal;
  m.file = file.path ?? '';
  if (j.actual !== undefined) m.actual = j.actual;
  if (j.expected !== undefined) m.expected = j.expected;
  if (j.stage !== undefined) (m as VFileMessage & { stage?: string }).stage = j.stage;
  file.messages.push(m);
  return m;
}
