/**
 * The tool's version and a fingerprint of its code, both part of every cache
 * key: results cached by one build of the tool are never reused by another.
 */
import { readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOL_VERSION = '0.1.0';

declare const __ZHPUB_BUNDLE__: boolean | undefined;

let fingerprint: string | undefined;

/** Hash of the names, sizes and modification times of the tool's own code and assets. */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const self = fileURLToPath(import.meta.url);
  const here = path.dirname(self);
  const root = path.resolve(here, '..');
  const h = createHash('sha256').update(TOOL_VERSION);
  const stamp = (p: string) => {
    const s = statSync(p);
    h.update(`${p}\0${s.size}\0${s.mtimeMs}\0`);
  };
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
      else if (/\.(js|ts|csl|xml|json)$/.test(e.name)) stamp(p);
    }
  };
  if (typeof __ZHPUB_BUNDLE__ !== 'undefined') {
    // the single-file build (dist/zhpub.cjs) is all the code
    stamp(self);
    walk(path.resolve(root, 'assets'));
  } else {
    for (const d of ['src', 'pipeline']) walk(path.join(root, d));
    walk(path.resolve(root, root.endsWith('dist') ? '../assets' : 'assets'));
  }
  fingerprint = h.digest('hex').slice(0, 16);
  return fingerprint;
}
