'use strict';
/**
 * Loads a single-file CommonJS build (`dist/zhpub.cjs`, `dist/zhpub-mathjax.cjs`, ...)
 * with a V8 code cache beside it (`<file>.v8cache`), so that a new process
 * does not parse and compile the code again.
 *
 * ZHPUB_CODE_CACHE=off ignores the code cache; =write rewrites it when the
 * process exits (the build does this once, after a run over the bundled
 * article, so the cache covers every stage). A missing or rejected cache is
 * written at exit too.
 */
const { isAscii } = require('node:buffer');
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/** The exports of the CommonJS file `file`, run with its code cache. */
function loadCached(file) {
  // Written in ASCII (scripts/bundle.ts): read as Latin-1, one byte a character,
  // no decoding; a file that is not ASCII after all is read as UTF-8.
  const bytes = readFileSync(file);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cacheFile = `${file}.v8cache`;
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
    filename: file,
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
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

module.exports = { loadCached };
