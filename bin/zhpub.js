#!/usr/bin/env node
/**
 * The `zhpub` command. Runs the single-file build `dist/zhpub.cjs` when it
 * exists (made by `npm run build`), with a V8 code cache beside it so that a
 * new process does not parse and compile the code again; otherwise the
 * compiled modules in `dist/`.
 *
 * ZHPUB_CODE_CACHE=off ignores the code cache; =write rewrites it when the
 * process exits (the build does this once, after a run over the bundled
 * article, so the cache covers every stage).
 */
import { isAscii } from 'node:buffer';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const BUNDLE = path.join(DIST, 'zhpub.cjs');

function loadBundle() {
  // Written in ASCII (scripts/bundle.ts): read as Latin-1, one byte a character,
  // no decoding; a file that is not ASCII after all is read as UTF-8.
  const bytes = readFileSync(BUNDLE);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cacheFile = `${BUNDLE}.v8cache`;
  const policy = process.env.ZHPUB_CODE_CACHE ?? 'on';
  let cachedData;
  if (policy === 'on') {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: BUNDLE,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const stale = policy === 'write' || (policy === 'on' && (!cachedData || script.cachedDataRejected));
  if (stale) {
    // Written at exit, so that it holds every function this run compiled.
    process.once('exit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // a read-only install runs without the cache
      }
    });
  }
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(BUNDLE), mod, BUNDLE, DIST);
  return mod.exports;
}

// Output piped into `head` and closed early: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const cli = existsSync(BUNDLE) ? loadBundle() : await import('../dist/src/cli/bundle-entry.js');

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
