/**
 * Validate JATS offline: against the JATS 1.3 DTD (libxmljs2 with the local
 * DTDs from `@jats4r/dtds`), plus checks a DTD cannot make.
 *
 * libxmljs2 0.33 has no way to parse a DTD once and validate many documents
 * against it (no binding for xmlParseDTD / xmlValidateDtd), so every call
 * loads the DTD suite again; that is most of the time a validation takes.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

// ---------------------------------------------------------------- MathML

/**
 * libxml2 compiles the MathML 3 content models anew for every document it
 * validates (about 0.3 s for an article's formulas), so a batch would pay it
 * for every article. DTD validity is local: an element is valid when its
 * attributes and the sequence of its children match its declaration. So
 * every MathML element (and the element holding each `mml:math`) of a
 * document that validated clean is remembered by its signatures (see
 * `signatures`: each attribute and, where the DTD allows it, each kind of
 * child apart, a math expression being one wherever any may stand); a later document is validated with the formulas whose
 * elements all have remembered signatures taken out (lines kept), the others
 * in place, against the same DTD. `npm run build` validates a set of common
 * formulas (mathml-warmup.ts) and writes what it learned to
 * `dist/mathml-known.json`, which every process starts from.
 */
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
const MATHML_ELEMENT = /<mml:math\b[\s\S]*?<\/mml:math>/g;
/** MathML signatures known valid, by DTD file. */
const validMath = new Map<string, Set<string>>();
let snapshotRead = false;

/** The MathML signatures known valid, by DTD file name, with the hash of the MathML module they hold for. */
export interface KnownMathSnapshot {
  mathml: string;
  known: Record<string, string[]>;
}

/** Where `npm run build` writes the snapshot: `dist/mathml-known.json`. */
const SNAPSHOT_NAME = 'mathml-known.json';

function mathModuleHash(dtd: string): string {
  try {
    return createHash('sha256').update(readFileSync(join(dirname(dtd), 'mathml3.dtd'))).digest('hex');
  } catch {
    return '';
  }
}

export function knownMathSnapshot(dtd: string): KnownMathSnapshot {
  const known: Record<string, string[]> = {};
  for (const [file, set] of validMath) known[basename(file)] = [...set].sort();
  return { mathml: mathModuleHash(dtd), known };
}

/** Take a snapshot in (ignored when it was made for another MathML module). */
export function rememberKnownMath(snapshot: KnownMathSnapshot, dtd: string): boolean {
  if (!snapshot.mathml || snapshot.mathml !== mathModuleHash(dtd)) return false;
  for (const [name, list] of Object.entries(snapshot.known)) {
    const file = join(dirname(dtd), name);
    const set = validMath.get(file) ?? new Set<string>();
    for (const sig of list) if (typeof sig === 'string') set.add(sig);
    validMath.set(file, set);
  }
  return true;
}

/** Forget the MathML known valid (for tests of the learning itself); the build's snapshot is not read again. */
export function forgetKnownMath(): void {
  validMath.clear();
  snapshotRead = true;
}

/** The build's snapshot, read once per process (from `dist/`, found upwards from this module). */
function readSnapshot(dtd: string): void {
  if (snapshotRead) return;
  snapshotRead = true;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    for (const file of [join(dir, SNAPSHOT_NAME), join(dir, 'dist', SNAPSHOT_NAME)]) {
      try {
        rememberKnownMath(JSON.parse(readFileSync(file, 'utf8')) as KnownMathSnapshot, dtd);
        return;
      } catch {
        // not there, or not a snapshot: learn as documents come
      }
    }
    dir = dirname(dir);
  }
}

/**
 * What the MathML DTD itself says that makes validity easy to remember:
 * elements whose children are each valid on their own, whatever their order
 * (`<!ELEMENT %mrow.qname; (%MathExpression;)*>`, `(%ImpliedMrow;)`,
 * `(%TableRowExpression;)*`: any number; `+`: one or more; `mfrac`: a fixed
 * number of expressions), and attributes declared only as CDATA (`class`,
 * `style`, `lspace`: any value is valid).
 */
type ChildCount = '*' | '+' | number;
interface ChildModel {
  count: ChildCount;
  /** `MathExpression` when any math expression may stand there (shared by many elements), else the element's own name. */
  of: string;
}
interface MathDtdFacts {
  children: ReadonlyMap<string, ChildModel>;
  anyValue: ReadonlySet<string>;
  /** Attribute names some element requires (`#REQUIRED`). */
  required: ReadonlySet<string>;
  /** The CDATA attributes each element declares: valid with any value on it, nothing to learn. */
  cdataOf: ReadonlyMap<string, ReadonlySet<string>>;
}
let dtdFacts: MathDtdFacts | undefined;

function mathDtdFacts(dtd: string): MathDtdFacts {
  if (dtdFacts) return dtdFacts;
  const children = new Map<string, ChildModel>();
  const cdata = new Set<string>();
  const enumerated = new Set<string>();
  const required = new Set<string>();
  let cdataOf = new Map<string, Set<string>>();
  try {
    const text = readFileSync(join(dirname(dtd), 'mathml3.dtd'), 'utf8');
    const implied = /<!ENTITY % ImpliedMrow "\(%MathExpression;\)\*">/.test(text);
    for (const m of text.matchAll(/<!ELEMENT %([A-Za-z]+)\.qname;\s+([^>]*)>/g)) {
      const model = m[2]!.replace(/\s+/g, '');
      const name = m[1]!;
      const of = model === '(%MathExpression;)*' || model === '(%MathExpression;)+' || (implied && model === '(%ImpliedMrow;)') ? 'MathExpression' : name;
      if (/^\([^(),]+\)\*$/.test(model) || (implied && model === '(%ImpliedMrow;)')) children.set(name, { count: '*', of });
      else if (/^\([^(),]+\)\+$/.test(model)) children.set(name, { count: '+', of });
      else if (/^\(\(%MathExpression;\)(?:,\(%MathExpression;\))*\)$/.test(model)) {
        children.set(name, { count: model.split('%MathExpression;').length - 1, of: 'MathExpression' });
      }
    }
    for (const m of text.matchAll(/(?:^|\s)([A-Za-z][\w.:-]*)\s+(CDATA|\()/g)) (m[2] === 'CDATA' ? cdata : enumerated).add(m[1]!);
    for (const m of text.matchAll(/(?:^|\s)([A-Za-z][\w.:-]*)\s+(?:CDATA|ID|IDREF|NMTOKEN|\([^)]*\))\s+#REQUIRED/g)) required.add(m[1]!);
    cdataOf = cdataAttributes(text);
  } catch {
    // without the file every element is remembered with its exact children and attribute values
  }
  dtdFacts = { children, anyValue: new Set([...cdata].filter((name) => !enumerated.has(name))), required, cdataOf };
  return dtdFacts;
}

/**
 * The CDATA attributes of each element of the MathML module (`class`,
 * `style`, `lspace`…), read from its `<!ATTLIST>` declarations with the
 * module's parameter entities expanded: any value of them is valid there.
 */
export function cdataAttributes(dtdText: string): Map<string, Set<string>> {
  const entities = new Map<string, string>();
  for (const m of dtdText.matchAll(/<!ENTITY\s+%\s+([\w.-]+)\s+"([^"]*)"\s*>/g)) if (!entities.has(m[1]!)) entities.set(m[1]!, m[2]!);
  const expand = (body: string, depth = 0): string =>
    depth > 8 ? body : body.replace(/%([\w.-]+);/g, (_, name: string) => expand(entities.get(name) ?? '', depth + 1));
  const out = new Map<string, Set<string>>();
  for (const m of dtdText.matchAll(/<!ATTLIST\s+%([A-Za-z]+)\.qname;([^>]*)>/g)) {
    const names = out.get(m[1]!) ?? new Set<string>();
    for (const a of expand(m[2]!).matchAll(/(?:^|\s)([A-Za-z][\w.:-]*)\s+CDATA\s/g)) names.add(a[1]!);
    out.set(m[1]!, names);
  }
  return out;
}

/** An attribute's value as far as validity goes: any value of a CDATA attribute is one; digits never make an enumerated value. */
function valueOf(name: string, value: string, anyValue: ReadonlySet<string>): string {
  return anyValue.has(name) || /\d/.test(value) ? '#' : value;
}

/**
 * The signatures of an element. A MathML element: its name with the
 * required attributes it has and the count of its children, each attribute
 * apart (declared for it, value allowed) and, when its children are each
 * valid on their own, each kind of child apart. Any other element (the one
 * holding `mml:math`): its name, attributes and children in order.
 */
function signatures(el: Element, facts: MathDtdFacts, into: Set<string>): void {
  const children = el
    .childNodes()
    .map((n) => (n.type() === 'element' ? (n as Element).name() : n.type() === 'text' && (n as unknown as { text(): string }).text().trim() ? '#' : ''))
    .filter(Boolean);
  const name = `${el.namespace()?.href() ?? ''}|${el.name()}`;
  const attrs = el.attrs().map((a) => [a.name(), a.value()] as const);
  const mathml = el.namespace()?.href() === MATHML_NS;
  if (!mathml) {
    const all = attrs.map(([n, v]) => `${n}=${valueOf(n, v, facts.anyValue)}`).sort();
    into.add(`${name}|${all.join(' ')}|${children.join(',')}`);
    return;
  }
  const declared = facts.cdataOf.get(el.name());
  for (const [n, v] of attrs) if (!declared?.has(n)) into.add(`${name}@${n}=${valueOf(n, v, facts.anyValue)}`);
  const head = `${name}|${attrs.filter(([n]) => facts.required.has(n)).map(([n]) => n).sort().join(' ')}`;
  const model = facts.children.get(el.name());
  if (model === undefined) {
    into.add(`${head}|${children.join(',')}`);
    return;
  }
  const { count, of } = model;
  into.add(`${head}|${count === '*' ? '*' : count === '+' ? (children.length ? '+' : '0') : children.length === count ? `=${count}` : `#${children.length}`}`);
  for (const child of new Set(children)) into.add(`${of === 'MathExpression' ? of : name}>${child}`);
}

interface MathPlan {
  /** The document with the `mml:math` elements known valid taken out (line breaks kept). */
  text: string;
  /** Every signature of the document's MathML, remembered when it validates. */
  learn: string[];
}

/** How to validate a document's MathML; undefined without formulas (or when it cannot be read without the DTD). */
function mathPlan(xml: string, dtd: string): MathPlan | undefined {
  if (!xml.includes('<mml:math')) return undefined;
  readSnapshot(dtd);
  const valid = validMath.get(dtd);
  let plain: Document;
  try {
    plain = libxml.parseXml(xml, { nonet: true });
  } catch {
    return undefined;
  }
  const roots = plain.find('//mml:math', { mml: MATHML_NS }) as Element[];
  if (!roots.length) return undefined;
  const facts = mathDtdFacts(dtd);
  const learn = new Set<string>();
  const known = roots.map((root) => {
    const found = new Set<string>();
    for (const el of [root, ...(root.find('.//mml:*', { mml: MATHML_NS }) as Element[])]) signatures(el, facts, found);
    const parent = root.parent();
    if (parent && 'name' in parent) signatures(parent as Element, facts, found);
    let all = true;
    for (const sig of found) {
      learn.add(sig);
      if (!valid?.has(sig)) all = false;
    }
    return all;
  });
  // The text's `mml:math` elements are the parsed ones, in order; if they are not, nothing is taken out.
  const matches = xml.match(MATHML_ELEMENT)?.length ?? 0;
  if (matches !== roots.length) return { text: xml, learn: [...learn] };
  let k = 0;
  const text = xml.replace(MATHML_ELEMENT, (m) => (known[k++] ? '\n'.repeat(m.split('\n').length - 1) : m));
  return { text, learn: [...learn] };
}

function learnMath(dtd: string, signatures: string[]): void {
  const set = validMath.get(dtd) ?? new Set<string>();
  if (set.size > 200_000) set.clear();
  for (const sig of signatures) set.add(sig);
  validMath.set(dtd, set);
}

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
  for (const ref of root.find<Element>('//ref-list/ref[@id]')) {
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
  const options = dtd ? { dtdload: true, dtdvalid: true, nonet: true } : { nonet: true };
  const plan = dtd ? mathPlan(local, dtd) : undefined;
  try {
    doc = libxml.parseXml(plan?.text ?? local, options);
    if (plan && dtd && doc.errors.length === 0) learnMath(dtd, plan.learn);
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
