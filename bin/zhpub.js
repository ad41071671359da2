#!/usr/bin/env node
/**
 * The `zhpub` command. Runs the single-file build `dist/zhpub.cjs` when it
 * exists (made by `npm run build`), with a V8 code cache beside it so that a
 * new process does not parse and compile the code again; otherwise the
 * compiled modules in `dist/`. The code cache: bin/code-cache.cjs.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const BUNDLE = `${DIST}zhpub.cjs`;
const { loadCached } = createRequire(import.meta.url)('./code-cache.cjs');

// Output piped into `head` and closed early: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const cli = existsSync(BUNDLE) ? loadCached(BUNDLE) : await import('../dist/src/cli/bundle-entry.js');

if (process.env.ZHPUB_WORKER === '1') {
  // forked by a batch build (pipeline/pool.ts)
  await cli.startWorker();
} else {
  process.exitCode = await cli.main(process.argv.slice(2));
  if (process.env.ZHPUB_REPORT_RSS) {
    // Peak memory of this process plus its batch workers (for the benchmark).
    process.stderr.write(`zhpub-max-rss-kb ${process.resourceUsage().maxRSS + cli.workersMaxRssKb}\n`);
  }
}
