/**
 * The single-file build (`dist/zhpub.cjs`, made by `npm run build`, which
 * `npm ci` runs) behind `bin/zhpub.js`: the same files as the library run
 * in-process, for one article (every format) and for a batch whose worker
 * processes are the command itself.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { ROOT, SEED_PATH } from './helpers/seed.js';

const BIN = path.join(ROOT, 'bin/zhpub.js');
const BUNDLE = path.join(ROOT, 'dist/zhpub.cjs');
const EPOCH = '1700000000';
const quiet = { out: () => {}, err: () => {} };

function runBin(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, ...env } });
}

/** A preload that reports on standard error every file of `dist/` whose name starts with `zhpub` that the process reads. */
function readWatcher(dir: string): NodeJS.ProcessEnv {
  const hook = path.join(dir, 'reads.cjs');
  writeFileSync(
    hook,
    `const fs = require('node:fs'); const read = fs.readFileSync;
     fs.readFileSync = function (file, ...rest) { if (/zhpub[^/]*\\.cjs$/.test(String(file))) process.stderr.write('read ' + require('node:path').basename(String(file)) + '\\n'); return read.call(this, file, ...rest); };`,
  );
  return { NODE_OPTIONS: `--require ${hook}` };
}

const MATH_FIXTURE = path.join(ROOT, 'tests/fixtures/math/formulas.md');

async function inProcess(args: string[]): Promise<number> {
  const saved = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  try {
    return await main(args, quiet);
  } finally {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  }
}

/** Every file of every article folder under `out` (not the cache, not the batch report with its timings). */
function articleFiles(out: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const dir of readdirSync(out, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name.startsWith('.')) continue;
    for (const f of readdirSync(path.join(out, dir.name))) files.set(`${dir.name}/${f}`, readFileSync(path.join(out, dir.name, f)));
  }
  return files;
}

function expectSameFiles(a: Map<string, Buffer>, b: Map<string, Buffer>) {
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [name, data] of a) expect(data.equals(b.get(name)!), name).toBe(true);
}

describe.skipIf(!existsSync(BUNDLE))('single-file build', () => {
  it('writes the same files as the library for the seed, every format', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'zhpub-bundle-'));
    const r = runBin(['build', SEED_PATH, '--out', path.join(tmp, 'bin'), '--force'], readWatcher(tmp));
    expect(r.status, r.stderr).toBe(0);
    // the main file only: the seed has no formulas, so neither math file is loaded
    expect(r.stderr.match(/^read .*$/gm)).toEqual(['read zhpub.cjs']);
    expect(await inProcess(['build', SEED_PATH, '--out', path.join(tmp, 'lib'), '--force'])).toBe(0);
    const bin = articleFiles(path.join(tmp, 'bin'));
    expect(bin.size).toBe(11);
    expectSameFiles(bin, articleFiles(path.join(tmp, 'lib')));
  });

  it('typesets formulas with the math code from its own files, as the library does', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'zhpub-bundle-math-'));
    const args = (out: string) => ['build', MATH_FIXTURE, '--out', path.join(tmp, out), '--format', 'md,jats,pdf', '--force'];
    const r = runBin(args('bin'), readWatcher(tmp));
    expect(r.status, r.stderr).toBe(0);
    expect(new Set(r.stderr.match(/^read .*$/gm))).toEqual(new Set(['read zhpub.cjs', 'read zhpub-temml.cjs', 'read zhpub-mathjax.cjs']));
    expect(await inProcess(args('lib'))).toBe(0);
    const bin = articleFiles(path.join(tmp, 'bin'));
    expect(readFileSync(path.join(tmp, 'bin/formulas/article.xml'), 'utf8')).toContain('<mml:math');
    expectSameFiles(bin, articleFiles(path.join(tmp, 'lib')));
  });

  it('leaves the compiled modules of dist/ runnable on their own in Node (what the scripts and the benchmark import)', () => {
    const script = `
      const { buildOne } = await import(${JSON.stringify(path.join(ROOT, 'dist/pipeline/run.js'))});
      const r = await buildOne(${JSON.stringify(SEED_PATH)}, { formats: ['md', 'pdf'], variant: 'tw' }, { outDir: 'unused', write: false, cache: false });
      console.log(r.files.map((f) => f.name).sort().join(','));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('article.md,article.pdf');
  });

  it('runs a batch on worker processes that are the command itself', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'zhpub-bundle-batch-'));
    const inputs = path.join(tmp, 'in');
    await import('node:fs/promises').then((fs) => fs.mkdir(inputs));
    copyFileSync(SEED_PATH, path.join(inputs, 'a.txt'));
    copyFileSync(SEED_PATH, path.join(inputs, 'b.txt'));
    const r = runBin(['build', inputs, '--out', path.join(tmp, 'bin'), '--format', 'md,jats,refs', '--jobs', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('2 built');
    expect(await inProcess(['build', inputs, '--out', path.join(tmp, 'lib'), '--format', 'md,jats,refs', '--jobs', '1'])).toBe(0);
    const bin = articleFiles(path.join(tmp, 'bin'));
    expect(bin.size).toBe(12);
    expectSameFiles(bin, articleFiles(path.join(tmp, 'lib')));
  });

  it('is plain ASCII (V8 keeps its source one byte a character) and has no dynamic import (code from the cache cannot run one)', () => {
    for (const file of [BUNDLE, path.join(ROOT, 'dist/zhpub-temml.cjs'), path.join(ROOT, 'dist/zhpub-mathjax.cjs')]) {
      const code = readFileSync(file);
      expect(code.some((b) => b > 0x7f), file).toBe(false);
      expect(code.toString('latin1').match(/[^\w$.]import\(/g), file).toBeNull();
    }
    // MathJax is not in the main file
    expect(readFileSync(BUNDLE, 'latin1')).not.toContain('MathJax');
  });

  it('rebuilds on a change in --watch mode', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'zhpub-bundle-watch-'));
    const inputs = path.join(tmp, 'in');
    await import('node:fs/promises').then((fs) => fs.mkdir(inputs));
    const input = path.join(inputs, 'a.txt');
    copyFileSync(SEED_PATH, input);
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'build', inputs, '--out', path.join(tmp, 'out'), '--format', 'md', '--watch']);
    let log = '';
    child.stderr.on('data', (d) => (log += d));
    const waitFor = async (re: RegExp, count: number) => {
      const seen = () => (log.match(new RegExp(re.source, 'g')) ?? []).length;
      for (let i = 0; i < 200 && seen() < count; i++) await new Promise((r) => setTimeout(r, 50));
    };
    try {
      await waitFor(/watching/, 1);
      await import('node:fs/promises').then((fs) => fs.appendFile(input, '\n'));
      await waitFor(/built article\.md/, 2);
    } finally {
      child.kill();
    }
    expect(log).toContain('watching');
    expect(log.match(/built article\.md/g)?.length).toBeGreaterThanOrEqual(2);
    expect(log).not.toMatch(/Error|ERR_/);
  });

  it('stops quietly when its output pipe closes early', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" check "${SEED_PATH}" --json | head -c 20`], { encoding: 'utf8' });
    expect(r.stdout.length).toBe(20);
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });
});
