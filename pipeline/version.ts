/**
 * The tool's version and a fingerprint of its code, both part of every cache
 * key: results cached by one build of the tool are never reused by another.
 */
import { readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOL_VERSION = '0.1.0';

let fingerprint: string | undefined;

/** Hash of the names, sizes and modification times of the tool's own code and assets. */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '..');
  const h = createHash('sha256').update(TOOL_VERSION);
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|ts|csl|xml|json)$/.test(e.name)) {
        const s = statSync(p);
        h.update(`${p}\0${s.size}\0${s.mtimeMs}\0`);
      }
    }
  };
  for (const d of ['src', 'pipeline']) walk(path.join(root, d));
  walk(path.resolve(root, root.endsWith('dist') ? '../assets' : 'assets'));
  fingerprint = h.digest('hex').slice(0, 16);
  return fingerprint;
}
