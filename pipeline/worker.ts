/**
 * A batch worker process: builds the articles it is sent, one at a time. Each
 * worker loads its modules (and fonts, on first use) once and keeps them.
 * Processes rather than threads, since the XML validator's native module
 * loads once per process.
 *
 * The pool (pool.ts) replaces a worker that dies and fails the article it
 * held; a worker whose code throws outside the build reports the article as
 * failed first and then exits.
 */
import path from 'node:path';
import { buildOne, InputError } from './run.js';
import type { BuildOptions } from './graph.js';
import type { RunOptions } from './run.js';
import { findingToJson } from '../src/findings/index.js';
import { relieveMemory } from './memory.js';
import { errorNaming } from './io.js';


export interface Job {
  id: number;
  input: string;
  options: BuildOptions;
  run: RunOptions;
}

export interface JobResult {
  id: number;
  input: string;
  files?: string[];
  findings?: ReturnType<typeof findingToJson>[];
  error?: string;
  inputError?: boolean;
  stats?: Array<{ stage: string; ms: number; cached: boolean }>;
  /** Peak resident memory of the worker process so far, in kB. */
  maxRssKb?: number;
  /** The worker exits after this result (an uncaught exception): send it nothing more. */
  exiting?: boolean;
}

/** The article being built (what an uncaught exception fails). */
let current: Job | null = null;

const send = (r: JobResult, then?: () => void) => {
  relieveMemory();
  const message = { ...r, maxRssKb: process.resourceUsage().maxRSS };
  try {
    process.send?.(message, undefined, {}, () => then?.());
  } catch (error) {
    // e.g. a result that cannot be serialized: the article fails, the worker goes on
    process.send?.({ id: r.id, input: r.input, error: errorNaming(r.input, `its result could not be sent (${(error as Error).message})`) }, undefined, {}, () => then?.());
  }
};

/**
 * Tests only: `ZHPUB_TEST_WORKER_FAULT=<kill|hang|garble>:<text>[,...]` makes a
 * worker misbehave on an input whose file name contains <text> (kill itself,
 * never answer, answer nonsense), to test how the pool survives it. Unset
 * (the normal case) it does nothing.
 */
function testFault(input: string): 'kill' | 'hang' | 'garble' | null {
  for (const spec of (process.env.ZHPUB_TEST_WORKER_FAULT ?? '').split(',')) {
    const m = /^(kill|hang|garble):(.+)$/.exec(spec.trim());
    if (m && path.basename(input).includes(m[2]!)) return m[1] as 'kill' | 'hang' | 'garble';
  }
  return null;
}

process.on('message', async (job: Job) => {
  current = job;
  const fault = testFault(job.input);
  if (fault === 'kill') process.kill(process.pid, 'SIGKILL');
  if (fault === 'hang') return;
  if (fault === 'garble') {
    process.send?.({ id: job.id, files: 'not a list' });
    return;
  }
  let out: JobResult;
  try {
    const r = await buildOne(job.input, job.options, job.run);
    out = {
      id: job.id,
      input: job.input,
      files: r.files.map((f) => f.name),
      findings: r.file.messages.map((m) => findingToJson(m)),
      stats: r.stats,
    };
  } catch (error) {
    out = { id: job.id, input: job.input, error: errorNaming(job.input, error), inputError: error instanceof InputError };
  }
  current = null;
  send(out);
});

/** Code that throws outside the build (a callback, a stream): the article fails, then the worker exits (the pool starts another). */
function die(error: unknown): void {
  process.stderr.write(`zhpub worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  const job = current;
  current = null;
  if (!job || !process.connected) process.exit(70);
  // exit once the result is sent (or after a second, whatever happens to it)
  setTimeout(() => process.exit(70), 1000).unref();
  send({ id: job.id, input: job.input, error: errorNaming(job.input, `internal error: ${error instanceof Error ? error.message : String(error)}`), exiting: true }, () =>
    process.exit(70),
  );
}
process.on('uncaughtException', die);
process.on('unhandledRejection', die);

// The pool is gone (done, or itself died): stop rather than build on for nobody.
process.on('disconnect', () => process.exit(0));
