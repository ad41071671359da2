/** File output: atomic writes (temp file + rename), only below the output folder. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** A safe folder name from an input file name (never from document content). */
export function outputStem(inputPath: string): string {
  const base = path.basename(inputPath).replace(/\.(txt|md|markdown|xml|jats)$/i, '');
  const safe = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_').slice(0, 120);
  return safe || 'article';
}

/** Resolve `name` inside `dir`, refusing anything that escapes it. */
export function inside(dir: string, name: string): string {
  const root = path.resolve(dir);
  const full = path.resolve(root, name);
  if (full !== root && !full.startsWith(root + path.sep)) throw new Error(`refusing to write outside ${root}: ${name}`);
  return full;
}
