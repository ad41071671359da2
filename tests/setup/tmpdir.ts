/**
 * One temporary folder per test run: every test that asks the system for a
 * temporary folder (`os.tmpdir()`, `mkdtemp`), and every process it starts,
 * works below it, and it is removed when the run ends; a run leaves nothing
 * behind (hundreds of folders of built articles otherwise).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const saved = process.env.TMPDIR;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhpub-test-run-'));
  // the test workers start after this and inherit it
  process.env.TMPDIR = dir;
  return () => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(dir, { recursive: true, force: true });
  };
}
