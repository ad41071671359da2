/**
 * Batch builds: a pool of worker processes (default: one per core), one bad
 * article never stopping the batch. With one job, articles build in-process.
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { BuildOptions } from './graph.js';
import { buildOne, InputError, type RunOptions } from './run.js';
import { findingToJson } from '../src/findings/index.js';
import type { Job, JobResult } from './worker.js';
import { relieveMemory } from './memory.js';

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

export async function buildMany(
  inputs: string[],
  options: BuildOptions,
  run: RunOptions,
  jobs: number,
  onDone: (r: JobResult, done: number) => void,
): Promise<JobResult[]> {
  const results: JobResult[] = new Array(inputs.length);
  let done = 0;
  const entry = workerEntry();
  const n = Math.max(1, Math.min(jobs, inputs.length));
  if (n === 1 || !entry) {
    for (let i = 0; i < inputs.length; i++) {
      results[i] = await buildInProcess(i, inputs[i]!, options, run);
      // memory matters only if another article follows
      if (i + 1 < inputs.length) relieveMemory();
      onDone(results[i]!, ++done);
    }
    return results;
  }
  let next = 0;
  const peaks: number[] = [];
  await Promise.all(
    Array.from({ length: n }, () =>
      new Promise<void>((resolve) => {
        const worker = fork(entry.file, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: entry.env });
        let current = -1;
        let finished = false;
        const slot = peaks.push(0) - 1;
        const finish = () => {
          if (finished) return;
          finished = true;
          resolve();
        };
        const feed = () => {
          if (next >= inputs.length) {
            worker.disconnect();
            finish();
            return;
          }
          current = next++;
          worker.send({ id: current, input: inputs[current]!, options, run } satisfies Job);
        };
        worker.on('message', (r: JobResult) => {
          peaks[slot] = Math.max(peaks[slot]!, r.maxRssKb ?? 0);
          results[r.id] = r;
          current = -1;
          onDone(r, ++done);
          feed();
        });
        worker.on('exit', (code) => {
          // A crashed worker fails the article it held; the rest continue.
          if (current >= 0 && !results[current]) {
            results[current] = { id: current, input: inputs[current]!, error: `worker exited with code ${code}` };
            onDone(results[current]!, ++done);
          }
          finish();
        });
        feed();
      }),
    ),
  );
  workersMaxRssKb = peaks.reduce((a, b) => a + b, 0);
  // Anything left by a crashed worker builds here.
  for (let i = 0; i < inputs.length; i++) {
    if (!results[i]) {
      results[i] = await buildInProcess(i, inputs[i]!, options, run);
      onDone(results[i]!, ++done);
    }
  }
  return results;
}

async function buildInProcess(id: number, input: string, options: BuildOptions, run: RunOptions): Promise<JobResult> {
  try {
    const r = await buildOne(input, options, run);
    return { id, input, files: r.files.map((f) => f.name), findings: r.file.messages.map((m) => findingToJson(m)), stats: r.stats };
  } catch (error) {
    return { id, input, error: error instanceof Error ? error.message : String(error), inputError: error instanceof InputError };
  }
}

/** Peak memory of the worker processes of the last batch, summed (an upper bound of their concurrent peak), in kB. */
export let workersMaxRssKb = 0;

export function defaultJobs(): number {
  return availableParallelism();
}
