/**
 * The JATS 1.3 document type: public and system ids written into the output,
 * and the local copies of the DTDs (npm `@jats4r/dtds`) used to validate
 * offline.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const JATS_PUBLIC_ID = '-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN';
export const JATS_SYSTEM_ID = 'https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd';
export const JATS_DTD_FILE = 'JATS-journalpublishing1-3.dtd';

/** Journal Archiving and Interchange: used when no ISSN is known (Publishing requires one). */
export const JATS_ARCHIVING_PUBLIC_ID = '-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN';
export const JATS_ARCHIVING_SYSTEM_ID = 'https://jats.nlm.nih.gov/archiving/1.3/JATS-archivearticle1-3.dtd';

/** Public ids of the JATS 1.3 tag sets and the DTD file each names. */
const PUBLIC_TO_FILE: Record<string, string> = {
  [JATS_PUBLIC_ID]: JATS_DTD_FILE,
  '-//NLM//DTD JATS (Z39.96) Journal Publishing DTD with MathML3 v1.3 20210610//EN':
    'JATS-journalpublishing1-3-mathml3.dtd',
  '-//NLM//DTD JATS (Z39.96) Journal Publishing DTD with OASIS Tables v1.3 20210610//EN':
    'JATS-journalpublishing-oasis-article1-3.dtd',
  '-//NLM//DTD JATS (Z39.96) Journal Publishing DTD with OASIS Tables with MathML3 v1.3 20210610//EN':
    'JATS-journalpublishing-oasis-article1-3-mathml3.dtd',
  '-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN': 'JATS-archivearticle1-3.dtd',
  '-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD with MathML3 v1.3 20210610//EN':
    'JATS-archivearticle1-3-mathml3.dtd',
  '-//NLM//DTD JATS (Z39.96) Article Authoring DTD v1.3 20210610//EN': 'JATS-articleauthoring1-3.dtd',
  '-//NLM//DTD JATS (Z39.96) Article Authoring DTD with MathML3 v1.3 20210610//EN':
    'JATS-articleauthoring1-3-mathml3.dtd',
};

let schemaDir: string | null | undefined;

/** Folder holding the JATS 1.3 DTD suite, or null when the package is missing. */
export function jatsSchemaDir(): string | null {
  if (schemaDir !== undefined) return schemaDir;
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@jats4r/dtds/package.json');
    const dir = join(dirname(pkg), 'schema', '1.3');
    schemaDir = existsSync(join(dir, JATS_DTD_FILE)) ? dir : null;
  } catch {
    schemaDir = null;
  }
  return schemaDir;
}

/**
 * The local DTD file for a document's public id (or its system id's file
 * name); the Journal Publishing DTD when neither is known.
 */
export function localDtdFor(publicId: string | undefined, systemId: string | undefined): string | null {
  const dir = jatsSchemaDir();
  if (!dir) return null;
  let file = publicId ? PUBLIC_TO_FILE[publicId] : undefined;
  if (!file && systemId) {
    const base = /[^/\\]+\.dtd$/i.exec(systemId)?.[0];
    if (base && /1-3/.test(base) && existsSync(join(dir, base))) file = base;
  }
  return join(dir, file ?? JATS_DTD_FILE);
}

const DOCTYPE = /<!DOCTYPE\s+([^\s[>]+)(?:\s+PUBLIC\s+("[^"]*"|'[^']*')\s+("[^"]*"|'[^']*')|\s+PUBLIC\s+("[^"]*"|'[^']*')|\s+SYSTEM\s+("[^"]*"|'[^']*'))?/;

/**
 * Point the DOCTYPE's system id at the local DTD (adding a DOCTYPE when the
 * document has none), keeping every line where it was.
 */
export function withLocalDtd(xml: string): { xml: string; dtd: string | null } {
  const match = DOCTYPE.exec(xml);
  const unquote = (s: string | undefined) => (s ? s.slice(1, -1) : undefined);
  if (match) {
    const publicId = unquote(match[2] ?? match[4]);
    const systemId = unquote(match[3] ?? match[5]);
    const dtd = localDtdFor(publicId, systemId);
    if (!dtd) return { xml, dtd: null };
    const url = pathToFileURL(dtd).href;
    const replacement = `<!DOCTYPE ${match[1]} PUBLIC "${publicId ?? JATS_PUBLIC_ID}" "${url}"`;
    return { xml: xml.slice(0, match.index) + replacement + xml.slice(match.index + match[0].length), dtd };
  }
  const dtd = localDtdFor(JATS_PUBLIC_ID, JATS_SYSTEM_ID);
  if (!dtd) return { xml, dtd: null };
  const root = /<([A-Za-z_][\w.-]*)/.exec(xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, (m) => ' '.repeat(m.length)));
  if (!root) return { xml, dtd };
  const decl = `<!DOCTYPE ${root[1]} PUBLIC "${JATS_PUBLIC_ID}" "${pathToFileURL(dtd).href}">`;
  return { xml: xml.slice(0, root.index) + decl + xml.slice(root.index), dtd };
}
