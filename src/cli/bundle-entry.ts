/**
 * Entry of the single-file build (`dist/zhpub.cjs`): the command line, and
 * the batch worker that the same file serves when forked by the pool.
 */
export { main } from './main.js';

/** Become a batch worker process (answers the pool's jobs). */
export async function startWorker(): Promise<void> {
  await import('../../pipeline/worker.js');
}

export { workersMaxRssKb } from '../../pipeline/pool.js';
