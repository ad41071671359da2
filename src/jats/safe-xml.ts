/**
 * Guards for reading XML that may be hostile: JATS from elsewhere, or a text
 * file that starts like JATS.
 *
 * libxml2 reads a document's own DOCTYPE: its internal subset may declare
 * entities that name local files (`<!ENTITY x SYSTEM "file:///etc/passwd">`),
 * external parameter entities, or entities that expand to gigabytes
 * (billion laughs); its system id names a DTD that libxml2 would load. So
 * before parsing, the DOCTYPE is taken out whole (its lines kept as blank
 * lines, so that line numbers stay right), and every entity reference that is
 * neither one of XML's five nor one of the JATS DTD's character entities is
 * turned into its literal text (`&amp;name;`). Only then may the caller parse
 * with our own DTD loaded for those character entities: the document has no
 * declaration of its own left for libxml2 to act on.
 *
 * The scanners here are linear in the length of the text (no backtracking
 * regular expression over the whole document).
 */

/** The five entities every XML parser knows. */
export const XML_PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

/** A document the guards refuse (a DOCTYPE that cannot be taken apart). */
export class UnsafeXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeXmlError';
  }
}

/** What a DOCTYPE's internal subset held. */
export interface SubsetSummary {
  /** Names of general entities it declared. */
  entities: string[];
  /** Names of parameter entities it declared. */
  parameterEntities: string[];
  /** System ids of the external entities (general or parameter) it declared. */
  externalIds: string[];
  /** `%name;` references in the subset. */
  parameterRefs: number;
  /** ELEMENT, ATTLIST and NOTATION declarations. */
  otherDeclarations: number;
}

export interface DoctypeInfo {
  /** Offset of `<!DOCTYPE`. */
  start: number;
  /** Offset just after its closing `>`. */
  end: number;
  name: string;
  publicId?: string;
  systemId?: string;
  /** Present when the DOCTYPE has an internal subset (`[...]`), even an empty one. */
  subset?: SubsetSummary;
}

export interface Prolog {
  doctype?: DoctypeInfo;
  /** Offset of the first thing after the prolog (the root element's `<`, when well-formed). */
  rootAt: number;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** A few characters of the text, quoted on one line. */
function snippet(xml: string, at: number): string {
  return JSON.stringify(xml.slice(at, at + 12));
}

function malformed(xml: string, at: number, what: string): UnsafeXmlError {
  return new UnsafeXmlError(`The DOCTYPE declaration is not well-formed: ${what} (line ${lineOf(xml, at)})`);
}

/** Index just past `close`, searching from `from`; -1 when it never comes. */
function after(xml: string, close: string, from: number): number {
  const i = xml.indexOf(close, from);
  return i === -1 ? -1 : i + close.length;
}

/**
 * The end of a markup declaration (`<!ENTITY ...>` and the like) starting at
 * `from`: the first `>` outside quoted literals.
 */
function declarationEnd(xml: string, from: number): number {
  let quote = 0;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i + 1;
    else if (c === 0x3c) return -1; // `<` outside a literal: not a declaration
  }
  return -1;
}

const NAME_RE = /[^\s"'<>[\]%&;/=]+/y;

function readName(xml: string, at: number): { name: string; end: number } | undefined {
  NAME_RE.lastIndex = at;
  const m = NAME_RE.exec(xml);
  return m ? { name: m[0], end: at + m[0].length } : undefined;
}

function skipSpace(xml: string, at: number): number {
  while (at < xml.length && isSpace(xml.charCodeAt(at))) at++;
  return at;
}

function readLiteral(xml: string, at: number): { value: string; end: number } | undefined {
  const q = xml[at];
  if (q !== '"' && q !== "'") return undefined;
  const close = xml.indexOf(q, at + 1);
  if (close === -1) return undefined;
  return { value: xml.slice(at + 1, close), end: close + 1 };
}

const ENTITY_DECL = /^<!ENTITY[ \t\r\n]+(%[ \t\r\n]+)?([^ \t\r\n]+)[ \t\r\n]*(?:(SYSTEM|PUBLIC)[ \t\r\n]*("[^"]*"|'[^']*')(?:[ \t\r\n]*("[^"]*"|'[^']*'))?)?/;

function readSubset(xml: string, from: number): { summary: SubsetSummary; end: number } {
  const summary: SubsetSummary = { entities: [], parameterEntities: [], externalIds: [], parameterRefs: 0, otherDeclarations: 0 };
  let i = from;
  while (i < xml.length) {
    const c = xml.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 0x5d /* ] */) return { summary, end: i + 1 };
    if (c === 0x25 /* % */) {
      const name = readName(xml, i + 1);
      if (!name || xml[name.end] !== ';') throw malformed(xml, i, 'a `%` that is no parameter entity reference');
      summary.parameterRefs++;
      i = name.end + 1;
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const end = after(xml, '-->', i + 4);
      if (end === -1) throw malformed(xml, i, 'a comment that never ends');
      i = end;
      continue;
    }
    if (xml.startsWith('<?', i)) {
      const end = after(xml, '?>', i + 2);
      if (end === -1) throw malformed(xml, i, 'a processing instruction that never ends');
      i = end;
      continue;
    }
    if (xml.startsWith('<!', i) && !xml.startsWith('<![', i)) {
      const end = declarationEnd(xml, i + 2);
      if (end === -1) throw malformed(xml, i, 'a declaration that never ends');
      const decl = xml.slice(i, end);
      const entity = ENTITY_DECL.exec(decl);
      if (entity) {
        (entity[1] ? summary.parameterEntities : summary.entities).push(entity[2]!);
        const systemId = entity[3] === 'SYSTEM' ? entity[4] : entity[3] === 'PUBLIC' ? (entity[5] ?? entity[4]) : undefined;
        if (systemId) summary.externalIds.push(systemId.slice(1, -1));
      } else summary.otherDeclarations++;
      i = end;
      continue;
    }
    throw malformed(xml, i, `unexpected ${snippet(xml, i)} in the internal subset`);
  }
  throw malformed(xml, from, 'the internal subset never ends');
}

function readDoctype(xml: string, start: number): DoctypeInfo {
  let i = skipSpace(xml, start + '<!DOCTYPE'.length);
  const name = readName(xml, i);
  if (!name) throw malformed(xml, start, 'no document type name');
  const info: DoctypeInfo = { start, end: -1, name: name.name };
  i = skipSpace(xml, name.end);
  if (xml.startsWith('SYSTEM', i) || xml.startsWith('PUBLIC', i)) {
    const kind = xml.slice(i, i + 6);
    i = skipSpace(xml, i + 6);
    const first = readLiteral(xml, i);
    if (!first) throw malformed(xml, i, `${kind} without a quoted id`);
    i = skipSpace(xml, first.end);
    if (kind === 'SYSTEM') info.systemId = first.value;
    else {
      info.publicId = first.value;
      const second = readLiteral(xml, i);
      if (second) {
        info.systemId = second.value;
        i = skipSpace(xml, second.end);
      }
    }
  }
  if (xml[i] === '[') {
    const subset = readSubset(xml, i + 1);
    info.subset = subset.summary;
    i = skipSpace(xml, subset.end);
  }
  if (xml[i] !== '>') throw malformed(xml, i, `unexpected ${snippet(xml, i)}`);
  info.end = i + 1;
  return info;
}

/**
 * The document's prolog: its DOCTYPE, if any, and where the root element
 * starts. Throws `UnsafeXmlError` for a DOCTYPE that cannot be taken apart,
 * or for a second DOCTYPE.
 */
export function readProlog(xml: string): Prolog {
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  let doctype: DoctypeInfo | undefined;
  for (;;) {
    i = skipSpace(xml, i);
    if (xml.startsWith('<?', i)) {
      const end = after(xml, '?>', i + 2);
      if (end === -1) break;
      i = end;
    } else if (xml.startsWith('<!--', i)) {
      const end = after(xml, '-->', i + 4);
      if (end === -1) break;
      i = end;
    } else if (xml.startsWith('<!DOCTYPE', i)) {
      if (doctype) throw new UnsafeXmlError(`A second DOCTYPE declaration (line ${lineOf(xml, i)})`);
      doctype = readDoctype(xml, i);
      i = doctype.end;
    } else break;
  }
  return { doctype, rootAt: i };
}

/** The text with `[start, end)` replaced by the line breaks it held (line numbers after it stay right). */
export function blankOut(xml: string, start: number, end: number): string {
  const breaks = xml.slice(start, end).replace(/[^\n]+/g, '');
  return xml.slice(0, start) + breaks + xml.slice(end);
}

export interface EntityUse {
  count: number;
  /** Offset of the first reference. */
  first: number;
}

export interface EntityRewrite {
  xml: string;
  /** Non-predefined references that were kept for the DTD to expand. */
  known: Map<string, EntityUse>;
  /** References turned into literal text. */
  unknown: Map<string, EntityUse>;
}

const REF_NAME = /[^\s&;<>"'#]+;/y;

/**
 * Turn every general entity reference outside comments, CDATA sections and
 * processing instructions whose name `isKnown` rejects (and that is not one
 * of XML's five) into literal text: `&name;` → `&amp;name;`. Character
 * references (`&#...;`) are left for the parser to check.
 */
export function rewriteEntities(xml: string, from: number, isKnown: (name: string) => boolean): EntityRewrite {
  const known = new Map<string, EntityUse>();
  const unknown = new Map<string, EntityUse>();
  const parts: string[] = [];
  let copied = 0;
  let i = from;
  const n = xml.length;
  // The next `<` and `&` at or after `i`, searched again only once passed (linear overall).
  let lt = -2;
  let amp = -2;
  while (i < n) {
    if (lt !== -1 && lt < i) lt = xml.indexOf('<', i);
    if (amp !== -1 && amp < i) amp = xml.indexOf('&', i);
    if (amp === -1 && lt === -1) break;
    if (lt !== -1 && (amp === -1 || lt < amp)) {
      // Skip the insides of comments, CDATA sections and PIs; a `<` of a tag is just passed.
      let end = lt + 1;
      if (xml.startsWith('<!--', lt)) end = after(xml, '-->', lt + 4);
      else if (xml.startsWith('<![CDATA[', lt)) end = after(xml, ']]>', lt + 9);
      else if (xml.startsWith('<?', lt)) end = after(xml, '?>', lt + 2);
      if (end === -1) break; // never closed: the parser reports it
      i = end;
      continue;
    }
    // An entity reference?
    REF_NAME.lastIndex = amp + 1;
    const m = REF_NAME.exec(xml);
    if (!m) {
      i = amp + 1;
      continue;
    }
    const name = m[0].slice(0, -1);
    const end = amp + 1 + m[0].length;
    if (!XML_PREDEFINED.has(name)) {
      const keep = isKnown(name);
      const map = keep ? known : unknown;
      const use = map.get(name);
      if (use) use.count++;
      else map.set(name, { count: 1, first: amp });
      if (!keep) {
        parts.push(xml.slice(copied, amp + 1), 'amp;');
        copied = amp + 1;
      }
    }
    i = end;
  }
  parts.push(xml.slice(copied));
  return { xml: parts.join(''), known, unknown };
}

/** Line and column (1-based) of each offset, found in one pass. */
export function positions(xml: string, offsets: number[]): Map<number, { line: number; column: number }> {
  const out = new Map<number, { line: number; column: number }>();
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  let line = 1;
  let lineStart = 0;
  let at = 0;
  for (const offset of sorted) {
    for (let nl = xml.indexOf('\n', at); nl !== -1 && nl < offset; nl = xml.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
      at = nl + 1;
    }
    out.set(offset, { line, column: offset - lineStart + 1 });
  }
  return out;
}
