/**
 * `build --watch` keeps watching through editor-style saves (a temporary file
 * renamed over the input), deletions and re-creations, and with --json
 * prints one JSON document per build, one per line (JSON Lines). Runs the
 * built command (`npm run build`) as a child process.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchTargets } from '../src/cli/watch.js';
import { ROOT } from './helpers/seed.js';

const BIN = path.join(ROOT, 'bin/zhpub.js');
const BUNDLE = path.join(ROOT, 'dist/zhpub.cjs');

const article = (word: string) => `城市绿地研究\n\n张三\n\n1 引言\n\n本文讨论${word}的城市绿地。\n`;

/** A running `zhpub … --watch --json`: its JSON lines as they come. */
function watching(args: string[]) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, ...args]);
  const docs: unknown[] = [];
  const raw: string[] = [];
  let pending = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      raw.push(line);
      docs.push(JSON.parse(line));
    }
  });
  child.stderr.on('data', (d) => (err += d));
  const waitFor = async (pred: () => boolean, what: string, ms = 4000) => {
    const until = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; stderr: ${err}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { child, docs, raw, waitFor, stderr: () => err };
}

/** Save as editors do: write a temporary file beside the input, rename it over the input. */
async function editorSave(file: string, text: string, n: number): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.swp${n}`);
  await writeFile(tmp, text);
  await rename(tmp, file);
}

describe('watch targets', () => {
  it('a file is watched through its folder, filtered by its name and its figure images', () => {
    const [t] = watchTargets([path.join(os.tmpdir(), 'a.txt')]);
    expect(t!.dir).toBe(path.resolve(os.tmpdir()));
    expect(t!.matches('a.txt')).toBe(true);
    expect(t!.matches('a.F1.png')).toBe(true);
    for (const other of ['.a.txt.swp1', 'a.txt~', 'b.txt', 'a', '4913', 'ab.png']) expect(t!.matches(other), other).toBe(false);
  });
});

describe.skipIf(!existsSync(BUNDLE))('zhpub build --watch (the built command)', () => {
  it('rebuilds after each of three editor-style saves, and after the input is deleted and written again', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zhpub-watch-'));
    const input = path.join(dir, 'a.txt');
    const out = path.join(dir, 'out');
    const md = path.join(out, 'a', 'article.md');
    await writeFile(input, article('起初'));
    const w = watching(['build', input, '--out', out, '--format', 'md', '--watch', '--json']);
    try {
      await w.waitFor(() => w.docs.length === 1 && w.stderr().includes('watching'), 'the first build', 8000);
      for (const [i, word] of ['甲地', '乙地', '丙地'].entries()) {
        await editorSave(input, article(word), i);
        await w.waitFor(() => w.docs.length === i + 2, `rebuild ${i + 1}`);
        expect(await readFile(md, 'utf8')).toContain(word);
      }
      // deleted: a failed build, reported as a JSON document; written again: built again
      await rm(input);
      await w.waitFor(() => w.docs.length === 5, 'the failed build');
      expect(w.docs[4]).toEqual([expect.objectContaining({ file: input, ruleId: 'input-failed', severity: 'error' })]);
      await writeFile(input, article('丁地'));
      await w.waitFor(() => w.docs.length === 6, 'the build after re-creation');
      expect(await readFile(md, 'utf8')).toContain('丁地');
    } finally {
      w.child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) => w.child.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    // JSON Lines: every document one line, an array of findings naming the input
    expect(w.raw).toHaveLength(6);
    for (const doc of w.docs) {
      expect(Array.isArray(doc)).toBe(true);
      for (const f of doc as Array<{ file: string }>) expect(f.file).toBe(input);
    }
    expect(w.stderr()).not.toMatch(/\n\s+at |Error:/);
  });
});
