/**
 * Batch builds: a pool of worker processes (default: one per core), one bad
 * article never stopping the batch. With one job, articles build in-process.
 *
 * A worker that dies (killed, out of memory, a crash in native code), takes
 * longer than the article time limit or answers nonsense fails the article it
 * held and is replaced by a new one, up to a limit (then the articles left are
 * reported as not built); nothing a worker does stops the batch or this
 * process, and every input gets a result.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { BuildOptions } from './graph.js';
import { buildOne, InputError, type RunOptions } from './run.js';
import { findingToJson } from '../src/findings/index.js';
import type { Job, JobResult } from './worker.js';
import { relieveMemory } from './memory.js';
import { errorNaming } from './io.js';

export type { JobResult };

declare const __ZHPUB_BUNDLE__: boolean | undefined;

/**
 * What a worker process runs: the command itself in worker mode when running
 * from the single-file build, else the compiled `worker.js` beside this
 * module (absent when running from TypeScript sources: then no workers).
 */
function workerEntry(): { file: string; env: NodeJS.ProcessEnv } | null {
  if (typeof __ZHPUB_BUNDLE__ !== 'undefined') {
    const file = fileURLToPath(new URL('../bin/zhpub.js', import.meta.url));
    return existsSync(file) ? { file, env: { ...process.env, ZHPUB_WORKER: '1' } } : null;
  }
  const file = fileURLToPath(new URL('./worker.js', import.meta.url));
  return existsSync(file) ? { file, env: process.env } : null;
}

export interface PoolLimits {
  /**
   * Longest one article may take in a worker, in milliseconds (0: no limit);
   * the worker is then stopped and replaced. Default: `ZHPUB_ARTICLE_TIMEOUT`
   * (seconds) when set, else 20 minutes. Not enforced in-process (one job).
   */
  timeoutMs?: number;
  /** How many workers are started in place of dead ones, in all (default: one per article plus one per worker). */
  maxRespawns?: number;
}

const DEFAULT_TIMEOUT_MS = 20 * 60_000;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long a worker told to stop may take to exit before it is killed. */
const DRAIN_GRACE_MS = 10_000;

function defaultTimeoutMs(): number {
  const env = process.env.ZHPUB_ARTICLE_TIMEOUT;
  const seconds = env === undefined || env.trim() === '' ? NaN : Number(env);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_TIMEOUT_MS;
}

/**
 * Build `inputs`, calling `onDone` once for each (in the order they finish;
 * `r.id` is the input's index). `run`: the same for every input, or one per
 * input (each article's output folder, `RunOptions.stem`). Resolves with every
 * input's result; rejects only when `onDone` throws (after the articles being
 * built have finished, the rest reported as not built).
 */
export async function buildMany(
  inputs: string[],
  options: BuildOptions,
  run: RunOptions | readonly RunOptions[],
  jobs: number,
  onDone: (r: JobResult, done: number) => void,
  limits: PoolLimits = {},
): Promise<JobResult[]> {
  const runFor = (i: number): RunOptions => (Array.isArray(run) ? (run as readonly RunOptions[])[i]! : (run as RunOptions));
  const results: JobResult[] = new Array(inputs.length);
  let done = 0;
  const entry = workerEntry();
  const n = Math.max(1, Math.min(jobs, inputs.length));
  if (n === 1 || !entry) {
    for (let i = 0; i < inputs.length; i++) {
      results[i] = await buildInProcess(i, inputs[i]!, options, runFor(i));
      // memory matters only if another article follows
      if (i + 1 < inputs.length) relieveMemory();
      onDone(results[i]!, ++done);
    }
    return results;
  }

  const timeoutMs = Math.min(limits.timeoutMs ?? defaultTimeoutMs(), MAX_TIMER_MS);
  const maxRespawns = limits.maxRespawns ?? inputs.length + n;
  const peaks: number[] = [];
  let next = 0;
  let live = 0;
  let respawns = 0;
  let deaths = 0;
  /** An exception of this process (from `onDone`, or a bug here): no more articles are sent. */
  let failure: { error: unknown } | null = null;

  interface Slot {
    worker?: ChildProcess;
    /** The input being built, or -1. */
    job: number;
    timer?: NodeJS.Timeout;
    /** Retired: dead, stopped or drained; its events are ignored. */
    gone: boolean;
    peak: number;
  }
  const slots = new Set<Slot>();

  return new Promise<JobResult[]>((resolve, reject) => {
    let settled = false;

    const complete = (r: JobResult) => {
      if (results[r.id]) return;
      results[r.id] = r;
      try {
        onDone(r, ++done);
      } catch (error) {
        failure ??= { error };
      }
    };

    /** Every worker gone: report what was not built, then settle. */
    const finishIfIdle = () => {
      if (live > 0 || settled) return;
      settled = true;
      workersMaxRssKb = peaks.reduce((a, b) => a + b, 0);
      const why = failure
        ? `the batch stopped (${failure.error instanceof Error ? failure.error.message : String(failure.error)})`
        : `worker processes kept dying (${deaths} died); no more were started`;
      for (let i = 0; i < inputs.length; i++) if (!results[i]) complete({ id: i, input: inputs[i]!, error: `${inputs[i]}: not built: ${why}` });
      if (failure) reject(failure.error);
      else resolve(results);
    };

    /** Run a handler; an exception of this process stops the batch cleanly instead of killing it. */
    const guard =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A): void => {
        try {
          fn(...args);
        } catch (error) {
          failure ??= { error };
          for (const s of [...slots]) {
            kill(s);
            retire(s, `the batch stopped (${error instanceof Error ? error.message : String(error)})`);
          }
          finishIfIdle();
        }
      };

    const kill = (slot: Slot) => {
      try {
        slot.worker?.kill('SIGKILL');
      } catch {
        // already gone
      }
    };

    /** A worker is done for (`why`: what happened, for the article it held); start another if work is left. */
    const retire = (slot: Slot, why: string) => {
      if (slot.gone) return;
      slot.gone = true;
      slots.delete(slot);
      clearTimeout(slot.timer);
      live--;
      deaths++;
      if (slot.job >= 0) {
        const i = slot.job;
        slot.job = -1;
        complete({ id: i, input: inputs[i]!, error: `${inputs[i]}: not built: ${why}` });
      }
      if (!failure && next < inputs.length && respawns < maxRespawns) {
        respawns++;
        spawn();
      }
      finishIfIdle();
    };

    /** No more work for this worker: let it exit (killed if it does not, soon). */
    const drain = (slot: Slot) => {
      if (slot.gone) return;
      slot.gone = true;
      slots.delete(slot);
      clearTimeout(slot.timer);
      live--;
      const worker = slot.worker;
      if (worker && worker.exitCode === null && worker.signalCode === null) {
        if (worker.connected) worker.disconnect();
        const t = setTimeout(() => worker.kill('SIGKILL'), DRAIN_GRACE_MS);
        worker.once('exit', () => clearTimeout(t));
      }
      finishIfIdle();
    };

    const feed = (slot: Slot) => {
      if (slot.gone) return;
      if (failure || next >= inputs.length) {
        drain(slot);
        return;
      }
      const id = next++;
      slot.job = id;
      if (timeoutMs > 0)
        slot.timer = setTimeout(
          guard(() => {
            kill(slot);
            retire(slot, `took longer than ${Math.round(timeoutMs / 1000)} s; its worker process was stopped`);
          }),
          timeoutMs,
        );
      slot.worker!.send(
        { id, input: inputs[id]!, options, run: runFor(id) } satisfies Job,
        guard((error: Error | null) => {
          if (!error || slot.gone) return;
          kill(slot);
          retire(slot, `could not be sent to a worker process (${error.message})`);
        }),
      );
    };

    const onMessage = (slot: Slot, message: unknown) => {
      if (slot.gone || slot.job < 0) return;
      const r = checkResult(message, slot.job, inputs[slot.job]!);
      if (!r) {
        kill(slot);
        retire(slot, 'its worker process sent a malformed result; the worker was stopped');
        return;
      }
      clearTimeout(slot.timer);
      peaks[slot.peak] = Math.max(peaks[slot.peak]!, typeof r.maxRssKb === 'number' ? r.maxRssKb : 0);
      slot.job = -1;
      const { exiting, ...result } = r;
      complete(result);
      if (exiting) {
        // the worker exits after an internal error: a new one takes over
        if (slot.worker?.connected) slot.worker.disconnect();
        retire(slot, '');
      } else feed(slot);
    };

    const spawn = () => {
      const slot: Slot = { job: -1, gone: false, peak: peaks.push(0) - 1 };
      slots.add(slot);
      live++;
      let worker: ChildProcess;
      try {
        worker = fork(entry.file, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: entry.env });
      } catch (error) {
        retire(slot, `no worker process could be started (${(error as Error).message})`);
        return;
      }
      slot.worker = worker;
      worker.on(
        'message',
        guard((message: unknown) => onMessage(slot, message)),
      );
      worker.on(
        'exit',
        guard((code: number | null, signal: NodeJS.Signals | null) => {
          retire(slot, `the worker process building it died (${signal ? `signal ${signal}` : `exit code ${code}`})`);
        }),
      );
      worker.on(
        'error',
        guard((error: Error) => {
          kill(slot);
          retire(slot, `its worker process failed (${error.message})`);
        }),
      );
      feed(slot);
    };

    guard(() => {
      for (let k = 0; k < n; k++) spawn();
    })();
  });
}

/** A worker's answer for input `id`, or null when it is not one (a worker is not trusted to be sane). */
function checkResult(message: unknown, id: number, input: string): (JobResult & { exiting?: boolean }) | null {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  const r = message as Record<string, unknown>;
  if (r.id !== id || r.input !== input) return null;
  const isStrings = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string');
  if (r.error !== undefined ? typeof r.error !== 'string' : !isStrings(r.files)) return null;
  if (r.findings !== undefined) {
    if (!Array.isArray(r.findings)) return null;
    for (const f of r.findings as unknown[]) {
      const x = f as Record<string, unknown> | null;
      if (typeof x !== 'object' || x === null || typeof x.ruleId !== 'string' || typeof x.severity !== 'string' || typeof x.message !== 'string') return null;
    }
  }
  if (r.stats !== undefined) {
    if (!Array.isArray(r.stats)) return null;
    for (const s of r.stats as unknown[]) {
      const x = s as Record<string, unknown> | null;
      if (typeof x !== 'object' || x === null || typeof x.stage !== 'string' || typeof x.ms !== 'number') return null;
    }
  }
  return r as unknown as JobResult & { exiting?: boolean };
}

async function buildInProcess(id: number, input: string, options: BuildOptions, run: RunOptions): Promise<JobResult> {
  try {
    const r = await buildOne(input, options, run);
    return { id, input, files: r.files.map((f) => f.name), findings: r.file.messages.map((m) => findingToJson(m)), stats: r.stats };
  } catch (error) {
    return { id, input, error: errorNaming(input, error), inputError: error instanceof InputError };
  }
}

/** Peak memory of the worker processes of the last batch, summed (an upper bound of their concurrent peak), in kB. */
export let workersMaxRssKb = 0;

export function defaultJobs(): number {
  return availableParallelism();
}
