/**
 * The JATS 1.3 document type: public and system ids written into the output,
 * and the local copies of the DTDs (npm `@jats4r/dtds`) used to validate
 * offline.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { blankOut, readProlog } from './safe-xml.js';

export const JATS_PUBLIC_ID = '-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN';
export const JATS_SYSTEM_ID = 'https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd';
export const JATS_DTD_FILE = 'JATS-journalpublishing1-3.dtd';

/** Journal Archiving and Interchange: used when no ISSN is known (Publishing requires one). */
export const JATS_ARCHIVING_PUBLIC_ID = '-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN';
export const JATS_ARCHIVING_SYSTEM_ID = 'https://jats.nlm.nih.gov/archiving/1.3/JATS-archivearticle1-3.dtd';

/** The same tag sets with MathML 3: used when the article has formulas. */
export const JATS_MATHML_PUBLIC_ID = '-//NLM//DTD JATS (Z39.96) Journal Publishing DTD with MathML3 v1.3 20210610//EN';
export const JATS_MATHML_SYSTEM_ID = 'https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3-mathml3.dtd';
export const JATS_ARCHIVING_MATHML_PUBLIC_ID = '-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD with MathML3 v1.3 20210610//EN';
export const JATS_ARCHIVING_MATHML_SYSTEM_ID = 'https://jats.nlm.nih.gov/archiving/1.3/JATS-archivearticle1-3-mathml3.dtd';

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
 * The local DTD file of a JATS 1.3 tag set the document names by its public
 * id (or by its system id's file name); null when it names none of them.
 */
export function knownLocalDtd(publicId: string | undefined, systemId: string | undefined): string | null {
  const dir = jatsSchemaDir();
  if (!dir) return null;
  let file = publicId ? PUBLIC_TO_FILE[publicId] : undefined;
  if (!file && systemId) {
    const base = /[^/\\]+\.dtd$/i.exec(systemId)?.[0];
    if (base && /^JATS-[\w-]*1-3[\w-]*\.dtd$/.test(base) && existsSync(join(dir, base))) file = base;
  }
  return file ? join(dir, file) : null;
}

/**
 * The local DTD file for a document's public id (or its system id's file
 * name); the Journal Publishing DTD when neither is known.
 */
export function localDtdFor(publicId: string | undefined, systemId: string | undefined): string | null {
  const dir = jatsSchemaDir();
  if (!dir) return null;
  return knownLocalDtd(publicId, systemId) ?? join(dir, JATS_DTD_FILE);
}

let entityNames: ReadonlySet<string> | undefined;

/**
 * Names of the general entities the JATS 1.3 DTD suite declares: the
 * character entity sets (ISO 8879, ISO 9573-13, MathML aliases, JATS
 * characters). Read once from the `.ent` files; empty when the DTDs are
 * missing. Every DTD of the suite declares all of them.
 */
export function jatsEntityNames(): ReadonlySet<string> {
  if (entityNames) return entityNames;
  const names = new Set<string>();
  const dir = jatsSchemaDir();
  const walk = (d: string, depth: number) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory() && depth < 2) walk(full, depth + 1);
      else if (entry.isFile() && entry.name.endsWith('.ent')) {
        for (const m of readFileSync(full, 'utf8').matchAll(/<!ENTITY[ \t\r\n]+([^%\s"'>][^\s"'>]*)[ \t\r\n]/g)) names.add(m[1]!);
      }
    }
  };
  if (dir) {
    try {
      walk(dir, 0);
    } catch {
      names.clear();
    }
  }
  entityNames = names;
  return names;
}

/**
 * The document with its DOCTYPE (internal subset included) replaced by one
 * naming the local DTD, or a DOCTYPE naming it added when the document has
 * none; every line stays where it was. The document's own declarations are
 * never kept: they may name local files or expand without bound. A DOCTYPE
 * that cannot be taken apart leaves the text as it is, with no DTD.
 */
export function withLocalDtd(xml: string): { xml: string; dtd: string | null } {
  let prolog: ReturnType<typeof readProlog>;
  try {
    prolog = readProlog(xml);
  } catch {
    return { xml, dtd: null };
  }
  const { doctype } = prolog;
  const dtd = doctype ? localDtdFor(doctype.publicId, doctype.systemId) : localDtdFor(JATS_PUBLIC_ID, JATS_SYSTEM_ID);
  if (!dtd) return { xml, dtd: null };
  const url = pathToFileURL(dtd).href;
  if (doctype) {
    const publicId = doctype.publicId && PUBLIC_TO_FILE[doctype.publicId] ? doctype.publicId : JATS_PUBLIC_ID;
    const blank = blankOut(xml, doctype.start, doctype.end);
    const decl = `<!DOCTYPE ${doctype.name} PUBLIC "${publicId}" "${url}">`;
    return { xml: blank.slice(0, doctype.start) + decl + blank.slice(doctype.start), dtd };
  }
  const root = /<([A-Za-z_][\w.-]*)/y;
  root.lastIndex = prolog.rootAt;
  const name = root.exec(xml);
  if (!name) return { xml, dtd };
  const decl = `<!DOCTYPE ${name[1]} PUBLIC "${JATS_PUBLIC_ID}" "${url}">`;
  return { xml: xml.slice(0, prolog.rootAt) + decl + xml.slice(prolog.rootAt), dtd };
}
