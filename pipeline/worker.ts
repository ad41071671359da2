/**
 * A batch worker process: builds the articles it is sent, one at a time. Each
 * worker loads its modules (and fonts, on first use) once and keeps them.
 * Processes rather than threads, since the XML validator's native module
 * loads once per process.
 */
import { buildOne, InputError } from './run.js';
import type { BuildOptions } from './graph.js';
import type { RunOptions } from './run.js';
import { findingToJson } from '../src/findings/index.js';
import { relieveMemory } from './memory.js';

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
}

const send = (r: JobResult) => {
  relieveMemory();
  process.send?.({ ...r, maxRssKb: process.resourceUsage().maxRSS });
};

process.on('message', async (job: Job) => {
  try {
    const r = await buildOne(job.input, job.options, job.run);
    const out: JobResult = {
      id: job.id,
      input: job.input,
      files: r.files.map((f) => f.name),
      findings: r.file.messages.map((m) => findingToJson(m)),
      stats: r.stats,
    };
    send(out);
  } catch (error) {
    send({
      id: job.id,
      input: job.input,
      error: error instanceof Error ? error.message : String(error),
      inputError: error instanceof InputError,
    } satisfies JobResult);
  }
});
