/** The project folder the scripts run from, compiled (`dist/scripts`) or not. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [resolve(here, '..'), resolve(here, '..', '..'), process.cwd()]) {
    if (existsSync(join(candidate, 'package.json')) && existsSync(join(candidate, 'src', 'ingest'))) return candidate;
  }
  return process.cwd();
}
