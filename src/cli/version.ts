/**
 * `zhpub --version`: the tool's version and the versions of the components
 * whose behaviour shows in the output (parser, references, PDF, XML
 * validation and the JATS DTDs), and Node's.
 *
 * Versions are read from each package's package.json, found by walking up
 * the node_modules folders from this module (a package's `exports` may hide
 * its package.json from `require`). The single-file build carries the
 * versions of the packages bundled into it (injected by scripts/bundle.ts as
 * `__ZHPUB_COMPONENTS__`), since their package.json files are not what runs;
 * libxmljs2, left outside the bundle, is asked itself.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL_VERSION } from '../../pipeline/version.js';
import { JATS_PUBLIC_ID } from '../jats/dtd.js';

/** Packages whose versions `--version` reports, in order. */
export const COMPONENTS = ['unified', 'remark-parse', '@citation-js/core', 'pdf-lib', 'libxmljs2', '@jats4r/dtds'] as const;

declare const __ZHPUB_COMPONENTS__: Record<string, string> | undefined;

/** The version in a package's package.json, or null when it is not installed. */
export function packageVersion(name: string, from = path.dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: look further up
    }
    if (path.dirname(dir) === dir) return null;
  }
}

interface Libxml {
  version?: string;
  libxml_version?: string;
}

/** libxmljs2 and the libxml2 it was built with, asked of the loaded module. */
function libxml(): { version: string | null; libxml2: string | null } {
  try {
    const lib = createRequire(import.meta.url)('libxmljs2') as Libxml;
    return { version: lib.version ?? packageVersion('libxmljs2'), libxml2: lib.libxml_version ?? null };
  } catch {
    return { version: packageVersion('libxmljs2'), libxml2: null };
  }
}

/** name → version (null: not found) of each component. */
export function componentVersions(): Record<string, string | null> {
  const injected = typeof __ZHPUB_COMPONENTS__ !== 'undefined' ? __ZHPUB_COMPONENTS__ : undefined;
  const out: Record<string, string | null> = {};
  for (const name of COMPONENTS) out[name] = injected?.[name] ?? packageVersion(name);
  return out;
}

/** The text `zhpub --version` prints. */
export function versionText(): string {
  const v = componentVersions();
  const xml = libxml();
  const jats = /v(\d+\.\d+)/.exec(JATS_PUBLIC_ID)?.[1] ?? '?';
  const line = (name: string, version: string | null, note = '') => `  ${name} ${version ?? 'not found'}${note}`;
  return [
    `zhpub ${TOOL_VERSION}`,
    'Components:',
    line('unified', v.unified!),
    line('remark-parse', v['remark-parse']!),
    line('@citation-js/core', v['@citation-js/core']!),
    line('pdf-lib', v['pdf-lib']!),
    line('libxmljs2', xml.version ?? v.libxmljs2!, xml.libxml2 ? ` (libxml2 ${xml.libxml2})` : ''),
    line('@jats4r/dtds', v['@jats4r/dtds']!, ` (JATS ${jats} Journal Publishing DTD)`),
    `  Node.js ${process.version}`,
  ].join('\n');
}
