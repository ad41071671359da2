/**
 * Validate JATS offline: against the JATS 1.3 DTD (libxmljs2 with the local
 * DTDs from `@jats4r/dtds`), plus checks a DTD cannot make.
 *
 * libxmljs2 0.33 has no way to parse a DTD once and validate many documents
 * against it (no binding for xmlParseDTD / xmlValidateDtd), so every call
 * loads the DTD suite again; that is most of the time a validation takes.
 */
import { performance } from 'node:perf_hooks';
import libxml from 'libxmljs2';
import type { Document, Element } from 'libxmljs2';
import type { VFile } from 'vfile';
import { report, type Severity } from '../findings/index.js';
import { withLocalDtd } from './dtd.js';

export { withLocalDtd };

export interface JatsProblem {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number | null;
  column: number | null;
}

export interface JatsValidation {
  /** No error-severity problem (DTD, unresolved rid, missing language). */
  valid: boolean;
  /** Error-severity problems. */
  errors: JatsProblem[];
  /** Warnings (missing pub-date, uncited references, DTD warnings). */
  warnings: JatsProblem[];
  /** False when the DTD files could not be found and only the other checks ran. */
  dtdChecked: boolean;
  /** Wall time of the DTD parse-and-validate step and of the other checks, ms. */
  timing: { dtdMs: number; checksMs: number };
}

function problem(
  ruleId: string,
  severity: Severity,
  message: string,
  line: number | null,
  column: number | null,
): JatsProblem {
  return { ruleId, severity, message, line, column };
}

const LANG_REQUIRED = [
  ['//trans-title-group[not(@xml:lang)]', 'trans-title-group'],
  ['//trans-abstract[not(@xml:lang)]', 'trans-abstract'],
  ['//kwd-group[not(@xml:lang)]', 'kwd-group'],
  ['//name-alternatives/*[not(@xml:lang)]', 'name in name-alternatives'],
  ['//aff-alternatives/aff[not(@xml:lang)]', 'aff in aff-alternatives'],
] as const;

/** Checks on the parsed document that the DTD cannot express. */
export function structuralChecks(doc: Document): JatsProblem[] {
  const out: JatsProblem[] = [];
  const root = doc.root();
  if (!root) return [problem('jats-xml-malformed', 'error', 'The document has no root element', null, null)];

  if (!root.find('//article-meta/pub-date').length) {
    // A preprint has no publication date: a note for the host, not an error in the source.
    out.push(problem('jats-pub-date-missing', 'info', 'article-meta has no pub-date (PMC and most hosts require one)', null, null));
  }

  const ids = new Set<string>();
  for (const node of root.find<Element>('//*[@id]')) ids.add(node.attr('id')!.value());
  const cited = new Set<string>();
  for (const node of root.find<Element>('//*[@rid]')) {
    for (const rid of node.attr('rid')!.value().split(/\s+/).filter(Boolean)) {
      if (node.name() === 'xref') cited.add(rid);
      if (!ids.has(rid)) {
        out.push(problem('jats-rid-unresolved', 'error', `${node.name()} rid="${rid}" names no element id`, node.line(), null));
      }
    }
  }
  for (const ref of root.find<Element>('//ref-list//ref[@id]')) {
    const id = ref.attr('id')!.value();
    if (!cited.has(id)) {
      // The source-level rule `ref-uncited` judges whether the article is wrong (citations lost by the extraction are not); this notes the output.
      out.push(problem('jats-ref-uncited', 'info', `Reference ${id} is not cited by any xref`, ref.line(), null));
    }
  }
  for (const [xpath, what] of LANG_REQUIRED) {
    for (const node of root.find<Element>(xpath)) {
      out.push(problem('jats-lang-missing', 'error', `${what} has no xml:lang`, node.line(), null));
    }
  }
  return out;
}

function toFindings(file: VFile, problems: JatsProblem[]): void {
  for (const p of problems) {
    const where = p.line ? ` (JATS line ${p.line}${p.column ? `:${p.column}` : ''})` : '';
    report(file, `${p.message}${where}`, { ruleId: p.ruleId, severity: p.severity, stage: 'jats' });
  }
}

/**
 * Validate a JATS document against the JATS 1.3 DTD named by its DOCTYPE
 * (Journal Publishing when it has none) and run the structural checks.
 * Every problem is also reported on `file` when one is given; positions are
 * lines of the JATS text and are given in the message.
 */
export function validateJats(xml: string, file?: VFile): JatsValidation {
  const problems: JatsProblem[] = [];
  const { xml: local, dtd } = withLocalDtd(xml);
  if (!dtd) {
    problems.push(problem('jats-dtd-unavailable', 'warning', 'The JATS 1.3 DTDs (@jats4r/dtds) were not found; DTD validation skipped', null, null));
  }
  const t0 = performance.now();
  let doc: Document | undefined;
  try {
    doc = libxml.parseXml(local, dtd ? { dtdload: true, dtdvalid: true, nonet: true } : { nonet: true });
  } catch (error) {
    const e = error as { message?: string; line?: number | null; column?: number | null };
    problems.push(problem('jats-xml-malformed', 'error', `Not well-formed XML: ${(e.message ?? String(error)).trim()}`, e.line ?? null, e.column || null));
  }
  const t1 = performance.now();
  if (doc) {
    for (const e of doc.errors) {
      const severity: Severity = (e.level ?? 2) >= 2 ? 'error' : 'warning';
      problems.push(problem('jats-dtd', severity, `DTD: "${(e.message ?? '').trim()}"`, e.line ?? null, e.column || null));
    }
    problems.push(...structuralChecks(doc));
  }
  const t2 = performance.now();
  if (file) toFindings(file, problems);
  const errors = problems.filter((p) => p.severity === 'error');
  return {
    valid: errors.length === 0,
    errors,
    warnings: problems.filter((p) => p.severity !== 'error'),
    dtdChecked: !!dtd && !!doc,
    timing: { dtdMs: t1 - t0, checksMs: t2 - t1 },
  };
}
