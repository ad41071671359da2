/**
 * Between articles of a batch: native memory held by finished XML documents is
 * only released when V8 collects their small wrappers, which it sees no
 * reason to do. A full collection once memory passes a threshold keeps a
 * long batch flat.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
    // Put the flag back: V8's code cache is keyed by the flags (bin/zhpub.js).
    v8.setFlagsFromString('--no-expose-gc');
  } catch {
    collect = null;
  }
  return collect;
}

export function relieveMemory(thresholdMb = 160): void {
  if (process.memoryUsage().rss < thresholdMb * 1048576) return;
  collector()?.();
}
