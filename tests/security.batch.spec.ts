/**
 * Batches under hostile conditions: inputs with the same output folder name,
 * worker processes that die, hang or answer nonsense, inputs the build would
 * overwrite. The command runs as a child process (`bin/zhpub.js`, built by
 * `npm run build`), its workers being the command itself; worker faults are
 * made by `ZHPUB_TEST_WORKER_FAULT` (pipeline/worker.ts), which only tests set.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchStems } from '../pipeline/io.js';
import { overwriteRefusals } from '../src/cli/main.js';
import { ROOT } from './helpers/seed.js';

const BIN = path.join(ROOT, 'bin/zhpub.js');
const BUNDLE = path.join(ROOT, 'dist/zhpub.cjs');
const DIST_POOL = path.join(ROOT, 'dist/pipeline/pool.js');

/** A short article: title, author, a section with a paragraph that names it. */
const article = (name: string) => `${name}的城市绿地研究\n\n张三\n\n1 引言\n\n本文讨论${name}的城市绿地与公共空间。\n`;

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'zhpub-batch-'));
}

/** Write `files` (relative path → text) below `dir`; their paths, in order. */
function writeInputs(dir: string, files: Record<string, string>): string[] {
  return Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  });
}

function zhpub(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'build', ...args, '--format', 'md', '--no-progress'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return { code: r.status, signal: r.signal, err: r.stderr };
}

interface Entry {
  input: string;
  folder: string;
  status: 'built' | 'failed';
  error?: string;
  files?: string[];
  findings: Array<{ ruleId: string; severity: string; message: string }>;
}

function readReport(out: string): { articles: Entry[]; summary: { built: number; failed: number } } {
  return JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
}

/** The parent ended by itself: no signal, no stack trace, no Node crash output. */
function expectCleanExit(r: ReturnType<typeof zhpub>) {
  expect(r.signal).toBeNull();
  expect(r.err).not.toMatch(/\n\s+at |Unhandled|ERR_IPC|uncaught/i);
}

describe('batch output folder names', () => {
  it('inputs with the same stem get <stem>, <stem>-2, ... in input order, ignoring case', () => {
    const stems = batchStems(['x/a.txt', 'y/a.md', 'A.xml', 'a-2.txt', 'b.txt', 'report.json.txt'], ['report.json']);
    expect(stems.map((s) => s.stem)).toEqual(['a', 'a-3', 'A-4', 'a-2', 'b', 'report.json-2']);
    expect(stems[1]).toMatchObject({ natural: 'a', clashWith: 'x/a.txt' });
    expect(stems[5]).toMatchObject({ clashWith: 'report.json', reserved: true });
    expect(stems[4]!.clashWith).toBeUndefined();
  });

  it('refuses inputs inside an article folder of the build, by real path', () => {
    const dir = tmp();
    const out = path.join(dir, 'out');
    const [own, other, free, link] = writeInputs(dir, { 'out/article/article.md': 'x', 'out/a/article.md': 'y', 'out/free.md': 'z', 'in/b.txt': 'w' });
    // a symlink elsewhere whose target is inside an article folder
    const viaLink = path.join(dir, 'in/link.md');
    symlinkSync(own!, viaLink);
    const refused = overwriteRefusals([own!, other!, free!, link!, viaLink], ['article', 'article-2', 'free', 'a', 'link'], out, true);
    expect(refused[0]).toMatch(/out\/article\/article\.md: input lies inside its own output folder/);
    expect(refused[1]).toMatch(/out\/a\/article\.md: input lies inside the output folder .*out\/a of .*b\.txt/);
    expect(refused[2]).toBeNull();
    expect(refused[3]).toMatch(/b\.txt: its output folder .*out\/a holds the input .*out\/a\/article\.md/);
    expect(refused[4]).toMatch(/link\.md: input lies inside the output folder .*out\/article of .*article\.md/);
  });
});

describe.skipIf(!existsSync(BUNDLE))('hostile batches (the built command)', () => {
  it('inputs with clashing stems are built into distinct folders with a batch-stem-clash finding', () => {
    const dir = tmp();
    const out = path.join(dir, 'out');
    const inputs = writeInputs(dir, {
      'in/a.txt': article('甲'),
      'in/a.md': article('乙'),
      'in/x/article.txt': article('丙'),
      'in/y/article.txt': article('丁'),
    });
    const r = zhpub([...inputs, '--out', out, '--jobs', '2']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/4 built/);
    const folders = readdirSync(out).filter((n) => !n.startsWith('.') && n !== 'report.json').sort();
    expect(folders).toEqual(['a', 'a-2', 'article', 'article-2']);
    const md = folders.map((f) => readFileSync(path.join(out, f, 'article.md'), 'utf8'));
    expect(new Set(md).size).toBe(4);
    expect(md[0]).toContain('甲');
    expect(md[1]).toContain('乙');
    expect(md[2]).toContain('丙');
    expect(md[3]).toContain('丁');
    const report = readReport(out);
    expect(report.articles.map((a) => [a.input, a.folder, a.status])).toEqual([
      [inputs[0], 'a', 'built'],
      [inputs[1], 'a-2', 'built'],
      [inputs[2], 'article', 'built'],
      [inputs[3], 'article-2', 'built'],
    ]);
    const clash = report.articles[1]!.findings.find((f) => f.ruleId === 'batch-stem-clash');
    expect(clash?.severity).toBe('warning');
    expect(clash?.message).toContain(inputs[0]);
    expect(clash?.message).toContain(inputs[1]);
    expect(clash?.message).toContain(path.join(out, 'a-2'));
    expect(report.articles[3]!.findings.some((f) => f.ruleId === 'batch-stem-clash')).toBe(true);
    expect(report.articles[0]!.findings.some((f) => f.ruleId === 'batch-stem-clash')).toBe(false);
  });

  it('a worker killed mid-batch, one that hangs past the article time limit and one that answers nonsense fail their articles only; the rest are built and report.json lists every input', () => {
    const dir = tmp();
    const out = path.join(dir, 'out');
    const inputs = writeInputs(dir, {
      'in/one.txt': article('一'),
      'in/two-crash.txt': article('二'),
      'in/three-hang.txt': article('三'),
      'in/four-garble.txt': article('四'),
      'in/five.txt': article('五'),
    });
    const r = zhpub([...inputs, '--out', out, '--jobs', '2'], { ZHPUB_TEST_WORKER_FAULT: 'kill:crash,hang:hang,garble:garble', ZHPUB_ARTICLE_TIMEOUT: '4' });
    expect(r.code).toBe(2);
    expectCleanExit(r);
    expect(r.err).toMatch(/two-crash\.txt: failed: .*worker process building it died \(signal SIGKILL\)/);
    const report = readReport(out);
    expect(report.articles.map((a) => [path.basename(a.input), a.status])).toEqual([
      ['one.txt', 'built'],
      ['two-crash.txt', 'failed'],
      ['three-hang.txt', 'failed'],
      ['four-garble.txt', 'failed'],
      ['five.txt', 'built'],
    ]);
    expect(report.articles[1]!.error).toMatch(new RegExp(`^${inputs[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*died \\(signal SIGKILL\\)`));
    expect(report.articles[2]!.error).toMatch(/three-hang\.txt: not built: took longer than 4 s/);
    expect(report.articles[3]!.error).toMatch(/four-garble\.txt: not built: .*malformed result/);
    expect(report.summary).toMatchObject({ built: 2, failed: 3 });
    for (const name of ['one', 'five']) expect(existsSync(path.join(out, name, 'article.md'))).toBe(true);
  });

  it('three worker deaths in a row: the batch ends cleanly with report.json, exit 2', () => {
    const dir = tmp();
    const out = path.join(dir, 'out');
    const inputs = writeInputs(dir, {
      'in/c1-crash.txt': article('一'),
      'in/c2-crash.txt': article('二'),
      'in/c3-crash.txt': article('三'),
      'in/d4.txt': article('四'),
      'in/d5.txt': article('五'),
    });
    const r = zhpub([...inputs, '--out', out, '--jobs', '2'], { ZHPUB_TEST_WORKER_FAULT: 'kill:crash' });
    expect(r.code).toBe(2);
    expectCleanExit(r);
    expect(r.err).toMatch(/2 built .* 3 failed; report in/);
    const report = readReport(out);
    expect(report.articles.map((a) => a.status)).toEqual(['failed', 'failed', 'failed', 'built', 'built']);
    for (const a of report.articles.slice(0, 3)) expect(a.error).toContain(a.input);
  });

  it('an input inside its own output folder is refused, named, and left unchanged', () => {
    const dir = tmp();
    const out = path.join(dir, 'out');
    const [own, other, b] = writeInputs(dir, {
      'out/article/article.md': article('旧'),
      'out/b/article.md': article('旧乙'),
      'in/b.txt': article('乙'),
    });
    const before = [readFileSync(own!, 'utf8'), readFileSync(other!, 'utf8')];
    // one article: refused, exit 2, nothing written
    const single = zhpub([own!, '--out', out]);
    expect(single.code).toBe(2);
    expect(single.err).toContain(`${own}: input lies inside its own output folder`);
    // a batch: the inputs inside article folders (and the article writing there) refused, the rest built
    const good = writeInputs(dir, { 'in/good.txt': article('好') })[0]!;
    const batch = zhpub([own!, other!, b!, good, '--out', out, '--jobs', '2']);
    expect(batch.code).toBe(2);
    expectCleanExit(batch);
    const report = readReport(out);
    expect(report.articles.map((a) => [path.basename(a.input), a.status])).toEqual([
      ['article.md', 'failed'],
      ['article.md', 'failed'],
      ['b.txt', 'failed'],
      ['good.txt', 'built'],
    ]);
    expect(report.articles[0]!.error).toContain(`${own}: input lies inside its own output folder`);
    expect(report.articles[1]!.error).toContain(`${other}: input lies inside the output folder`);
    expect(report.articles[2]!.error).toContain(`${b}: its output folder`);
    expect([readFileSync(own!, 'utf8'), readFileSync(other!, 'utf8')]).toEqual(before);
    expect(readdirSync(path.join(out, 'article'))).toEqual(['article.md']);
    expect(readdirSync(path.join(out, 'b'))).toEqual(['article.md']);
  });
});

describe.skipIf(!existsSync(DIST_POOL))('the worker pool (compiled)', () => {
  async function pool() {
    return (await import(DIST_POOL)) as typeof import('../pipeline/pool.js');
  }
  const options = { formats: ['md' as const], variant: 'tw' as const, pdf: {} };

  async function withFault<T>(fault: string, fn: () => Promise<T>): Promise<T> {
    const saved = process.env.ZHPUB_TEST_WORKER_FAULT;
    process.env.ZHPUB_TEST_WORKER_FAULT = fault;
    try {
      return await fn();
    } finally {
      if (saved === undefined) delete process.env.ZHPUB_TEST_WORKER_FAULT;
      else process.env.ZHPUB_TEST_WORKER_FAULT = saved;
    }
  }

  it('stops replacing workers past the limit; every input still gets a result', async () => {
    const { buildMany } = await pool();
    const dir = tmp();
    const inputs = writeInputs(dir, { 'k1.txt': article('一'), 'k2.txt': article('二'), 'k3.txt': article('三'), 'k4.txt': article('四') });
    const seen: number[] = [];
    const results = await withFault('kill:k', () =>
      buildMany(inputs, options, { outDir: path.join(dir, 'out') }, 2, (r) => seen.push(r.id), { maxRespawns: 1 }),
    );
    expect(seen.sort()).toEqual([0, 1, 2, 3]);
    expect(results.every((r) => r.error?.startsWith(r.input))).toBe(true);
    expect(results.filter((r) => /building it died/.test(r.error!))).toHaveLength(3);
    expect(results.filter((r) => /kept dying/.test(r.error!))).toHaveLength(1);
  });

  it('an exception of the caller stops the batch cleanly: the rest reported, then the error', async () => {
    const { buildMany } = await pool();
    const dir = tmp();
    const inputs = writeInputs(dir, { 'e1.txt': article('一'), 'e2.txt': article('二'), 'e3.txt': article('三'), 'e4.txt': article('四') });
    const seen: number[] = [];
    const running = buildMany(inputs, options, { outDir: path.join(dir, 'out') }, 2, (r) => {
      seen.push(r.id);
      if (seen.length === 1) throw new Error('disk full');
    });
    await expect(running).rejects.toThrow('disk full');
    expect(seen.sort()).toEqual([0, 1, 2, 3]);
  });
});
