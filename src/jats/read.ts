/**
 * JATS → model. Reads our own output back into the same model, and
 * reasonable JATS from elsewhere: `string-name`, `mixed-citation` only,
 * names without `name-alternatives`, nested `sec`, citation groups written
 * as `[<xref>4</xref>-<xref>5</xref>]`, named character entities.
 *
 * The input may be hostile (see `safe-xml.ts`): the document's DOCTYPE and
 * its internal subset are dropped before parsing, entity references that are
 * neither XML's nor the JATS DTD's are kept as literal text, and libxml2's
 * limits stay on (no `huge`). Only a document that uses entities the JATS DTD
 * defines (`&mdash;`) is parsed with the local DTD loaded; nothing the
 * document names is ever loaded.
 */
import { pathToFileURL } from 'node:url';
import libxml from 'libxmljs2';
import type { Document, Element, Node as XmlNode } from 'libxmljs2';
import type { VFile } from 'vfile';
import type { AlignType, BlockContent, List, ListItem, PhrasingContent, RootContent, Table, TableCell, TableRow } from 'mdast';
import type {
  ArticleRoot,
  Citation,
  FigureFloat,
  GlossaryEntry,
  ReferenceEntry,
  ReferenceList,
  TableFloat,
} from '../model/types.js';
import {
  describeZodError,
  metaSchema,
  type Affiliation,
  type AffiliationPart,
  type ArticleMeta,
  type Author,
  type Bilingual,
} from '../model/meta.js';
import { mergeAdjacentText, parseCitationLabel, plainText } from '../model/util.js';
import { AS_PRINTED, abstractText, joinAbstractParts, readAbstractParts } from './abstract.js';
import { report } from '../findings/index.js';
import { hasHan, isAsciiId } from './chars.js';
import { readCitation, type CslItem, type CslName } from './csl.js';
import { cslItemSchema } from '../model/csl.js';
import { foldKey } from '../text/chars.js';
import { attr, descendants, kid, kids, kidsNamed, squash, textOf } from './dom.js';
import { JATS_PUBLIC_ID, JATS_SYSTEM_ID, jatsEntityNames, knownLocalDtd, localDtdFor } from './dtd.js';
import { blankOut, positions, readProlog, rewriteEntities, type DoctypeInfo, type EntityUse } from './safe-xml.js';
import { joinChineseName, joinLatinName } from './names.js';
import { trimTex } from '../math/tex.js';
import { pushAll } from '../text/arrays.js';

type Lang = 'zh' | 'en';

interface Ctx {
  file?: VFile;
  articleLang: string;
  /** ref id → reference number */
  refNumbers: Map<string, number>;
  tables: number;
  figures: number;
  floatIds: Set<string>;
  /** Elements being read, one inside the other (see `MAX_NESTING`). */
  nesting: number;
  deepReported?: boolean;
  /** Formatting elements being read, one inside the other (see `MAX_FORMATTING`). */
  formatting: number;
  deepFormattingReported?: boolean;
}

function langKey(lang: string | undefined, sample = ''): Lang | undefined {
  if (lang) {
    if (/^zh/i.test(lang)) return 'zh';
    if (/^en/i.test(lang)) return 'en';
    return undefined;
  }
  return hasHan(sample) ? 'zh' : 'en';
}

function warn(ctx: Ctx, reason: string, ruleId: string, node?: Element): void {
  if (!ctx.file) return;
  const line = node?.line();
  report(ctx.file, line ? `${reason} (JATS line ${line})` : reason, { ruleId, severity: 'warning', stage: 'jats' });
}

// ---------------------------------------------------------------- parsing

/** Unknown entities reported one by one; the rest in one finding. */
const UNKNOWN_REPORTED = 20;

/** Attacker-chosen text quoted in a finding: no control characters, bounded length. */
function quoted(value: string, max = 100): string {
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `jats-doctype-removed`: what of the document's DOCTYPE is not read. */
function reportDoctype(file: VFile | undefined, xml: string, doctype: DoctypeInfo, jatsDtd: string | null): void {
  if (!file) return;
  const dropped: string[] = [];
  const { subset } = doctype;
  if (subset) {
    const parts: string[] = [];
    const names = [...subset.entities, ...subset.parameterEntities.map((n) => `%${n}`)];
    if (subset.entities.length) parts.push(plural(subset.entities.length, 'entity declaration'));
    if (subset.parameterEntities.length) parts.push(plural(subset.parameterEntities.length, 'parameter entity declaration'));
    if (names.length) {
      const shown = names.slice(0, 5).map((n) => quoted(n, 40)).join(', ');
      parts[parts.length - 1] += ` (${shown}${names.length > 5 ? ', …' : ''})`;
    }
    if (subset.externalIds.length) {
      parts.push(`${plural(subset.externalIds.length, 'external entity', 'external entities')} (${subset.externalIds.slice(0, 3).map((id) => `"${quoted(id)}"`).join(', ')}${subset.externalIds.length > 3 ? ', …' : ''}) not loaded`);
    }
    if (subset.parameterRefs) parts.push(plural(subset.parameterRefs, 'parameter entity reference'));
    if (subset.otherDeclarations) parts.push(plural(subset.otherDeclarations, 'other declaration'));
    dropped.push(`its internal subset is dropped${parts.length ? `: ${parts.join(', ')}` : ''}`);
  }
  if (!jatsDtd && (doctype.publicId || doctype.systemId)) {
    const ids = [doctype.publicId && `PUBLIC "${quoted(doctype.publicId)}"`, doctype.systemId && `"${quoted(doctype.systemId)}"`].filter(Boolean).join(' ');
    dropped.push(`the DTD it names (${ids}) is not loaded, only the JATS 1.3 DTD's character entities are read`);
  }
  if (!dropped.length) return;
  const place = positions(xml, [doctype.start]).get(doctype.start);
  report(file, `DOCTYPE <!DOCTYPE ${quoted(doctype.name, 40)}>: ${dropped.join('; ')}`, { ruleId: 'jats-doctype-removed', severity: 'info', place, stage: 'jats' });
}

/** `jats-entity-unknown`: references kept as literal text. */
function reportUnknown(file: VFile | undefined, xml: string, unknown: Map<string, EntityUse>): void {
  if (!file || !unknown.size) return;
  const uses = [...unknown].sort((a, b) => a[1].first - b[1].first);
  const shown = uses.slice(0, UNKNOWN_REPORTED);
  const where = positions(xml, shown.map(([, u]) => u.first));
  for (const [name, use] of shown) {
    const times = use.count > 1 ? ` (${use.count} times)` : '';
    report(file, `Entity &${quoted(name, 60)}; is neither XML's nor the JATS DTD's: kept as the text "&${quoted(name, 60)};"${times}`, {
      ruleId: 'jats-entity-unknown',
      severity: 'warning',
      place: where.get(use.first),
      stage: 'jats',
    });
  }
  const rest = uses.slice(UNKNOWN_REPORTED);
  if (rest.length) {
    const count = rest.reduce((n, [, u]) => n + u.count, 0);
    report(file, `${plural(rest.length, 'more unknown entity', 'more unknown entities')} (${plural(count, 'reference')}) kept as text`, {
      ruleId: 'jats-entity-unknown',
      severity: 'warning',
      stage: 'jats',
    });
  }
}

/** A parse error as a plain Error with a message saying what is wrong. */
function parseError(error: unknown): Error {
  const e = error as { message?: string; line?: number | null };
  let message = (e?.message ?? String(error)).trim().replace(/\s*\n\s*/g, ' ');
  if (/Excessive depth in document/.test(message)) message = 'elements nested more than 256 levels deep';
  else if (/entity reference loop|amplification/i.test(message)) message = `entities expand without bound (${message})`;
  return new Error(e?.line ? `${message} (line ${e.line})` : message);
}

function undeclared(doc: Document): string[] {
  return [...new Set(doc.errors.filter((e) => e.code === 26 || e.code === 27).map((e) => /Entity '([^']+)'/.exec(e.message ?? '')?.[1]).filter((n): n is string => !!n))];
}

/**
 * Parse untrusted JATS. The DOCTYPE goes (reported); entities that are
 * neither XML's nor the JATS DTD's become literal text (reported); the local
 * JATS DTD is loaded only when the document uses its entities. libxml2's
 * limits stay on: deeper than 256 levels, a text node over 10 MB and the
 * like throw.
 */
function parse(xml: string, file?: VFile): Document {
  const prolog = readProlog(xml);
  const { doctype } = prolog;
  let text = xml;
  let dtd: string | null = null;
  if (doctype) {
    text = blankOut(xml, doctype.start, doctype.end);
    dtd = knownLocalDtd(doctype.publicId, doctype.systemId);
    reportDoctype(file, xml, doctype, dtd);
  }
  dtd ??= localDtdFor(JATS_PUBLIC_ID, JATS_SYSTEM_ID);
  // The DTD's entity names are read (once) only when the document uses a name XML does not define.
  const isDtdEntity = (name: string) => !!dtd && jatsEntityNames().has(name);
  // Where our DOCTYPE goes, if one is needed: where the document's was, else before the root.
  const at = doctype?.start ?? prolog.rootAt;
  const rootName = /<([^\s"'<>[\]%&;/=!?]+)/y;
  rootName.lastIndex = prolog.rootAt;
  const root = rootName.exec(text)?.[1] ?? 'article';

  const attempt = (notDeclared: Set<string>) => {
    const rewrite = rewriteEntities(text, 0, (name) => isDtdEntity(name) && !notDeclared.has(name));
    let source = rewrite.xml;
    const useDtd = !!dtd && rewrite.known.size > 0;
    const url = dtd ? pathToFileURL(dtd).href : '';
    if (useDtd) source = `${source.slice(0, at)}<!DOCTYPE ${root} SYSTEM "${url}">${source.slice(at)}`;
    // Defence in depth: the only DOCTYPE left is ours, without a subset.
    const check = readProlog(source).doctype;
    if (check && (!useDtd || check.subset || check.publicId || check.systemId !== url)) {
      throw new Error('The DOCTYPE could not be taken out safely; the document is not read');
    }
    let doc: Document;
    try {
      doc = useDtd ? libxml.parseXml(source, { nonet: true, dtdload: true, noent: true }) : libxml.parseXml(source, { nonet: true });
    } catch (error) {
      throw parseError(error);
    }
    return { doc, unknown: rewrite.unknown };
  };

  let { doc, unknown } = attempt(new Set());
  // A name the .ent files list but the DTD does not declare: read it as unknown.
  const missing = undeclared(doc);
  if (missing.length) ({ doc, unknown } = attempt(new Set(missing)));
  reportUnknown(file, text, unknown);
  return doc;
}

// ---------------------------------------------------------------- phrasing

interface BibrMark {
  type: 'bibrMark';
  numbers: number[];
  text: string;
}

type Inline = PhrasingContent | BibrMark;

const SEPARATOR = /^\s*[,，、;；\-–—~～]\s*$/;
const DASH = /[-–—~～]/;
const INDENT = /\n[ \t]+|[ \t]+\n/g;

function textNode(value: string): PhrasingContent {
  return { type: 'text', value };
}

/** Reference numbers an `xref ref-type="bibr"` points at. */
function bibrNumbers(node: Element, ctx: Ctx): number[] {
  const rids = (attr(node, 'rid') ?? '').split(/\s+/).filter(Boolean);
  const numbers = rids.map((r) => ctx.refNumbers.get(r)).filter((n): n is number => n !== undefined);
  if (numbers.length === rids.length && numbers.length) return numbers;
  return parseCitationLabel(textOf(node)) ?? numbers;
}

function groupCitations(nodes: Inline[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let i = 0;
  while (i < nodes.length) {
    const node = nodes[i]!;
    if (node.type !== 'bibrMark') {
      out.push(node);
      i++;
      continue;
    }
    const numbers = [...node.numbers];
    let last = node.numbers;
    const labels = [node.text];
    let j = i + 1;
    while (j < nodes.length) {
      const direct = nodes[j]!;
      if (direct.type === 'bibrMark') {
        // Two links with nothing between them belong to one group.
        pushAll(numbers, direct.numbers);
        labels.push(direct.text);
        last = direct.numbers;
        j += 1;
        continue;
      }
      const sep = direct;
      const next = nodes[j + 1];
      if (!next || sep.type !== 'text' || !SEPARATOR.test(sep.value) || next.type !== 'bibrMark') break;
      if (DASH.test(sep.value) && last.length && next.numbers.length) {
        const a = last[last.length - 1]!;
        const b = next.numbers[0]!;
        for (let k = a + 1; k < b && b - a <= 200; k++) numbers.push(k);
      }
      pushAll(numbers, next.numbers);
      labels.push(next.text);
      last = next.numbers;
      j += 2;
    }
    // Author-year style link text is kept as text before the citation.
    const wording = labels.filter((l) => !/^[\d\s,，、;；\-–—~～[\]]*$/.test(l));
    if (wording.length) out.push(textNode(wording.join(' ')));
    const prev = out[out.length - 1];
    const after = nodes[j];
    if (prev?.type === 'text' && /[[［]\s*$/.test(prev.value) && after?.type === 'text' && /^\s*[\]］]/.test(after.value)) {
      prev.value = prev.value.replace(/[[［]\s*$/, '');
      if (prev.value === '') out.pop();
      const rest = after.value.replace(/^\s*[\]］]/, '');
      if (rest === '') j++;
      else nodes[j] = { type: 'text', value: rest };
    }
    if (numbers.length) out.push({ type: 'citation', numbers, children: [] } satisfies Citation);
    i = j;
  }
  return out;
}

/**
 * Elements nested deeper than this are read as their text: reading recurses
 * once per level. (libxml2 refuses documents deeper than 256 levels; this
 * keeps the reader bounded whatever the parser lets through.)
 */
const MAX_NESTING = 200;

/** True (and reported once) when `node` is nested too deep to be read element by element. */
function tooDeep(node: Element, ctx: Ctx): boolean {
  if (ctx.nesting < MAX_NESTING) return false;
  if (!ctx.deepReported) {
    ctx.deepReported = true;
    warn(ctx, `Elements nested more than ${MAX_NESTING} levels deep: <${node.name()}> and what it holds are read as plain text`, 'jats-nesting-deep', node);
  }
  return true;
}

/**
 * Formatting elements (`italic`, `sup`, ...) nested deeper than this are kept
 * as their text. No article nests formatting this deep, and writing Markdown
 * costs more than linear time in the depth (doubling per nested `sup`).
 */
const MAX_FORMATTING = 10;
const FORMATTING = new Set(['italic', 'bold', 'strike', 'sub', 'sup', 'ext-link', 'uri']);

function tooDeeplyFormatted(node: Element, ctx: Ctx): boolean {
  if (ctx.formatting < MAX_FORMATTING) return false;
  if (!ctx.deepFormattingReported) {
    ctx.deepFormattingReported = true;
    warn(ctx, `Formatting nested more than ${MAX_FORMATTING} levels deep: <${node.name()}> and what it holds are kept as plain text`, 'jats-nesting-deep', node);
  }
  return true;
}

/** The phrasing inside a formatting element, one level deeper. */
function formatted(node: Element, ctx: Ctx): PhrasingContent[] {
  ctx.formatting++;
  try {
    return phrasingOf(node, ctx);
  } finally {
    ctx.formatting--;
  }
}

function inline(node: Element, ctx: Ctx): Inline[] {
  if (tooDeep(node, ctx)) {
    const text = node.text().replace(INDENT, ' ');
    return text ? [textNode(text)] : [];
  }
  ctx.nesting++;
  try {
    return inlineChildren(node, ctx);
  } finally {
    ctx.nesting--;
  }
}

function inlineChildren(node: Element, ctx: Ctx): Inline[] {
  const out: Inline[] = [];
  for (const child of node.childNodes()) {
    const type = child.type() as string;
    if (type === 'text' || type === 'cdata') {
      out.push(textNode((child as unknown as { text(): string }).text().replace(INDENT, ' ')));
      continue;
    }
    if (type !== 'element') continue;
    const elc = child as Element;
    if (FORMATTING.has(elc.name()) && tooDeeplyFormatted(elc, ctx)) {
      const text = elc.text().replace(INDENT, ' ');
      if (text) out.push(textNode(text));
      continue;
    }
    switch (elc.name()) {
      case 'italic':
        out.push({ type: 'emphasis', children: formatted(elc, ctx) });
        break;
      case 'bold':
        out.push({ type: 'strong', children: formatted(elc, ctx) });
        break;
      case 'strike':
        out.push({ type: 'delete', children: formatted(elc, ctx) });
        break;
      case 'sub':
        out.push({ type: 'subscript', children: formatted(elc, ctx) });
        break;
      case 'sup': {
        const children = formatted(elc, ctx);
        if (children.length === 1 && children[0]!.type === 'citation') out.push(children[0]!);
        else out.push({ type: 'superscript', children });
        break;
      }
      case 'monospace':
        out.push({ type: 'inlineCode', value: elc.text() });
        break;
      case 'ext-link':
      case 'uri': {
        const url = attr(elc, 'href', 'xlink') ?? textOf(elc);
        out.push({ type: 'link', url, children: formatted(elc, ctx) });
        break;
      }
      case 'named-content':
        if (attr(elc, 'content-type') === 'citation-unresolved') {
          const numbers = parseCitationLabel(textOf(elc));
          if (numbers) {
            out.push({ type: 'bibrMark', numbers, text: textOf(elc) });
            break;
          }
        }
        pushAll(out, inline(elc, ctx));
        break;
      case 'xref': {
        if (attr(elc, 'ref-type') === 'bibr') {
          const numbers = bibrNumbers(elc, ctx);
          if (numbers.length) out.push({ type: 'bibrMark', numbers, text: textOf(elc) });
          else pushAll(out, inline(elc, ctx));
        } else pushAll(out, inline(elc, ctx));
        break;
      }
      case 'break':
        out.push(textNode('\n'));
        break;
      case 'inline-formula': {
        const tex = texOf(elc);
        if (tex !== undefined) out.push({ type: 'inlineMath', value: tex });
        else pushAll(out, inline(elc, ctx));
        break;
      }
      case 'fn':
      case 'inline-graphic':
      case 'alternatives':
        warn(ctx, `<${elc.name()}> inside text is not kept in the model`, 'jats-read-dropped', elc);
        break;
      default:
        // named-content, styled-content, sc, abbrev, inline-formula, ...: keep the text.
        pushAll(out, inline(elc, ctx));
    }
  }
  return out;
}

/** The TeX of a formula element (its `tex-math`, directly or in `alternatives`). */
function texOf(node: Element): string | undefined {
  const tex = kid(node, 'tex-math') ?? kid(kid(node, 'alternatives'), 'tex-math');
  if (!tex) return undefined;
  // The math of a whole LaTeX document (`\documentclass… $…$ \end{document}`), or of `\(…\)` / `$…$`.
  let value = trimTex(tex.text());
  const doc = /\\begin\{document\}([\s\S]*)\\end\{document\}/.exec(value);
  if (doc) value = trimTex(doc[1]!);
  const delimited = /^(?:\$\$([\s\S]*)\$\$|\$([\s\S]*)\$|\\\(([\s\S]*)\\\)|\\\[([\s\S]*)\\\])$/.exec(value);
  return delimited ? trimTex(delimited[1] ?? delimited[2] ?? delimited[3] ?? delimited[4]!) : value;
}

function phrasingOf(node: Element, ctx: Ctx): PhrasingContent[] {
  const holder = { type: 'paragraph', children: groupCitations(inline(node, ctx)) };
  mergeAdjacentText(holder as never);
  return holder.children;
}

/** Phrasing of a block-level element, with outer whitespace trimmed. */
function blockPhrasing(node: Element, ctx: Ctx): PhrasingContent[] {
  const children = phrasingOf(node, ctx);
  const first = children[0];
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '');
  const last = children[children.length - 1];
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  return children.filter((c) => !(c.type === 'text' && c.value === ''));
}

// ---------------------------------------------------------------- body

const BLOCK_IN_P = new Set(['table-wrap', 'fig', 'list', 'disp-quote', 'preformat', 'fig-group', 'table-wrap-group', 'boxed-text', 'disp-formula', 'def-list']);

function captionOf(caption: Element | undefined, ctx: Ctx): PhrasingContent[] {
  if (!caption) return [];
  const parts: PhrasingContent[][] = [];
  const title = kid(caption, 'title');
  if (title) parts.push(blockPhrasing(title, ctx));
  for (const p of kidsNamed(caption, 'p')) parts.push(blockPhrasing(p, ctx));
  const out: PhrasingContent[] = [];
  parts.filter((p) => p.length).forEach((p, i) => {
    if (i > 0) out.push(textNode(' '));
    pushAll(out, p);
  });
  const holder = { type: 'paragraph', children: out };
  mergeAdjacentText(holder as never);
  return holder.children;
}

/** An English caption beside the caption in the article's language (`xml:lang="en"` in a Chinese article). */
function isEnglishCaption(caption: Element, ctx: Ctx): boolean {
  return langKey(ctx.articleLang) !== 'en' && langKey(attr(caption, 'lang', 'xml') ?? ctx.articleLang) === 'en';
}

/** A float's caption and, when it has one, its English caption line. */
function captionsOf(node: Element, ctx: Ctx): Pick<TableFloat, 'caption' | 'captionEn'> {
  const all = kidsNamed(node, 'caption');
  const en = all.find((c) => isEnglishCaption(c, ctx));
  const out: Pick<TableFloat, 'caption' | 'captionEn'> = { caption: captionOf(all.find((c) => c !== en), ctx) };
  const captionEn = captionOf(en, ctx);
  if (captionEn.length) out.captionEn = captionEn;
  return out;
}

function floatId(ctx: Ctx, node: Element, prefix: 'T' | 'F'): string {
  const n = prefix === 'T' ? ++ctx.tables : ++ctx.figures;
  const id = attr(node, 'id');
  let out = isAsciiId(id) && !ctx.floatIds.has(id) ? id : `${prefix}${n}`;
  while (ctx.floatIds.has(out)) out = `${out}-${n}`;
  ctx.floatIds.add(out);
  return out;
}

function readTable(node: Element, ctx: Ctx): TableFloat {
  const identifier = floatId(ctx, node, 'T');
  const tableEl = descendants(node, 'table')[0];
  const rows: TableRow[] = [];
  let align: AlignType[] | undefined;
  if (tableEl) {
    const cols = descendants(tableEl, 'col');
    if (cols.length) align = cols.map((c) => alignOf(attr(c, 'align')));
    const trs = descendants(tableEl, 'tr');
    for (const tr of trs) {
      const cells: TableCell[] = kids(tr)
        .filter((c) => c.name() === 'th' || c.name() === 'td')
        .map((c) => ({ type: 'tableCell', children: blockPhrasing(c, ctx) }));
      rows.push({ type: 'tableRow', children: cells });
    }
    if (!align && trs[0]) {
      align = kids(trs[0])
        .filter((c) => c.name() === 'th' || c.name() === 'td')
        .map((c) => alignOf(attr(c, 'align')));
    }
  }
  const table: Table = { type: 'table', align: align ?? [], children: rows };
  return {
    type: 'tableFloat',
    identifier,
    label: textOf(kid(node, 'label')),
    ...captionsOf(node, ctx),
    children: [table],
  };
}

function alignOf(value: string | undefined): AlignType {
  return value === 'left' || value === 'right' || value === 'center' ? value : null;
}

function readFigure(node: Element, ctx: Ctx): FigureFloat {
  const fig: FigureFloat = {
    type: 'figureFloat',
    identifier: floatId(ctx, node, 'F'),
    label: textOf(kid(node, 'label')),
    ...captionsOf(node, ctx),
    children: [],
  };
  const credit = kidsNamed(node, 'attrib').map(textOf).filter(Boolean).join(' ');
  if (credit) fig.credit = credit;
  const graphic = descendants(node, 'graphic')[0];
  const url = graphic ? attr(graphic, 'href', 'xlink') : undefined;
  if (url) fig.url = url;
  return fig;
}

function readList(node: Element, ctx: Ctx): List {
  const type = attr(node, 'list-type');
  return {
    type: 'list',
    ordered: type === 'order' || type === 'alpha-lower' || type === 'alpha-upper' || type === 'roman-lower' || type === 'roman-upper',
    children: kidsNamed(node, 'list-item').map(
      (item): ListItem => ({ type: 'listItem', children: blocks(item, 2, ctx) as BlockContent[] }),
    ),
  };
}

function paragraphs(node: Element, ctx: Ctx): RootContent[] {
  // A `p` may hold display elements; they become blocks of their own.
  const out: RootContent[] = [];
  const hasBlock = kids(node).some((k) => BLOCK_IN_P.has(k.name()));
  if (!hasBlock) {
    const children = blockPhrasing(node, ctx);
    return children.length ? [{ type: 'paragraph', children }] : [];
  }
  let run: XmlNode[] = [];
  const flush = () => {
    if (!run.length) return;
    const holder = node.clone();
    for (const c of holder.childNodes()) c.remove();
    for (const c of run) holder.addChild(c.clone());
    const children = blockPhrasing(holder, ctx);
    if (children.length) out.push({ type: 'paragraph', children });
    run = [];
  };
  for (const child of node.childNodes()) {
    if (child.type() === 'element' && BLOCK_IN_P.has((child as Element).name())) {
      flush();
      pushAll(out, block(child as Element, 2, ctx));
    } else run.push(child);
  }
  flush();
  return out;
}

function block(node: Element, depth: number, ctx: Ctx): RootContent[] {
  if (tooDeep(node, ctx)) {
    const text = squash(node.text());
    return text ? [{ type: 'paragraph', children: [textNode(text)] }] : [];
  }
  ctx.nesting++;
  try {
    return blockOf(node, depth, ctx);
  } finally {
    ctx.nesting--;
  }
}

function blockOf(node: Element, depth: number, ctx: Ctx): RootContent[] {
  switch (node.name()) {
    case 'p':
      return paragraphs(node, ctx);
    case 'sec': {
      const level = Number(/^depth-(\d)$/.exec(attr(node, 'specific-use') ?? '')?.[1] ?? attr(node, 'disp-level'));
      const label = textOf(kid(node, 'label'));
      const title = kid(node, 'title');
      const heading: RootContent = {
        type: 'heading',
        depth: (Number.isInteger(level) && level >= 1 && level <= 6 ? level : Math.min(depth, 6)) as 1 | 2 | 3 | 4 | 5 | 6,
        children: title ? blockPhrasing(title, ctx) : [],
      };
      if (label) heading.data = { label };
      return [heading, ...blocks(node, depth + 1, ctx)];
    }
    case 'table-wrap':
      return [readTable(node, ctx)];
    case 'fig':
      return [readFigure(node, ctx)];
    case 'fig-group':
    case 'table-wrap-group':
    case 'boxed-text':
    case 'alternatives':
      return blocks(node, depth, ctx);
    case 'list':
      return [readList(node, ctx)];
    case 'disp-quote':
      return [{ type: 'blockquote', children: blocks(node, depth, ctx) as BlockContent[] }];
    case 'preformat':
    case 'code':
      return [{ type: 'code', value: node.text() }];
    case 'disp-formula': {
      const tex = texOf(node);
      if (tex !== undefined) {
        const label = textOf(kid(node, 'label'));
        return [label ? { type: 'math', value: tex, data: { label } } : { type: 'math', value: tex }];
      }
      const text = squash(node.text());
      return text ? [{ type: 'paragraph', children: [textNode(text)] }] : [];
    }
    case 'label':
    case 'title':
    case 'sec-meta':
    case 'object-id':
      return [];
    default:
      warn(ctx, `<${node.name()}> is not read into the model`, 'jats-read-dropped', node);
      return [];
  }
}

function blocks(container: Element, depth: number, ctx: Ctx): RootContent[] {
  return kids(container).flatMap((k) => block(k, depth, ctx));
}

// ---------------------------------------------------------------- back

function cslText(item: CslItem): string {
  const names = (item.author ?? []).map((n: CslName) => n.literal ?? [n.family, n.given].filter(Boolean).join(' '));
  if (item.custom?.etAl) names.push(item.language?.startsWith('zh') ? '等' : 'et al');
  const code: Record<string, string> = { 'article-journal': 'J', book: 'M', chapter: 'M', thesis: 'D', 'paper-conference': 'C', report: 'R', patent: 'P', standard: 'S', webpage: 'EB/OL', dataset: 'DS' };
  const year = item.issued?.['date-parts']?.[0]?.[0];
  let text = names.length ? `${names.join(', ')}. ` : '';
  if (item.title) text += `${item.title}${item.type && code[item.type] ? `[${code[item.type]}]` : ''}. `;
  const where = [item['container-title'] ?? (item.publisher ? `${item['publisher-place'] ? `${item['publisher-place']}: ` : ''}${item.publisher}` : undefined), year]
    .filter((v) => v !== undefined)
    .join(', ');
  text += where;
  if (item.volume !== undefined) text += `, ${item.volume}`;
  if (item.issue !== undefined) text += `(${item.issue})`;
  if (item.page !== undefined || item.number !== undefined) text += `: ${item.page ?? item.number}`;
  return `${text.trim().replace(/[.,]$/, '')}.`;
}

/** The CSL item a citation element tags, checked against the model's schema. */
function citationItem(node: Element | undefined, number: number, ctx: Ctx): CslItem | undefined {
  const draft = node ? readCitation(node) : undefined;
  if (!draft || !node) return undefined;
  const checked = cslItemSchema.safeParse({ ...draft, id: attr(node, 'id') || `ref-${number}` });
  if (checked.success) return checked.data;
  const fields = checked.error.issues.map((i) => i.path.join('.') || 'item').join(', ');
  warn(ctx, `Reference [${number}]: the tagged citation is not a valid item (${fields}); its printed text is read instead`, 'jats-citation-invalid', node);
  return undefined;
}

/**
 * Does the printed text still show what the tagged citation says? Compared
 * on the fields an edit changes and every style prints as written: title,
 * year, volume, issue, first page and the authors' family names.
 */
function printedAgrees(item: CslItem, printed: string): boolean {
  const text = foldKey(printed);
  // The item reads OCR-damaged numbers (`2O14`, `20oo`) as numbers; so does the comparison of numbers.
  const digits = foldKey(ocrDigits(printed));
  const year = item.issued?.['date-parts']?.[0]?.[0];
  const firstPage = item.page !== undefined ? String(item.page).split(/[-–—~]/)[0] : undefined;
  const names = (item.author ?? []).map((n) => n.family ?? n.literal);
  const numbers = [year, item.volume, item.issue, firstPage];
  return (
    inOrder(item.title, text) &&
    names.every((v) => v === undefined || text.includes(foldKey(v))) &&
    numbers.every((v) => v === undefined || digits.includes(foldKey(v)) || text.includes(foldKey(v)))
  );
}

/** The words of a title in the printed text, in their order (a URL the parser took out of the title leaves a gap). */
function inOrder(title: string | undefined, text: string): boolean {
  let at = 0;
  for (const word of (title ?? '').split(/\s+/).map(foldKey).filter(Boolean)) {
    const found = text.indexOf(word, at);
    if (found < 0) return false;
    at = found + word.length;
  }
  return true;
}

function ocrDigits(text: string): string {
  let out = text;
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(/(?<=\d)[Oo]|[Oo](?=\d)/g, '0').replace(/(?<=\d)[lI]|[lI](?=\d)/g, '1');
  }
  return out;
}

function readRefs(back: Element | undefined, ctx: Ctx): ReferenceEntry[] {
  if (!back) return [];
  const refs = descendants(back, 'ref');
  const entries: ReferenceEntry[] = [];
  refs.forEach((ref, index) => {
    const labelDigits = /\d+/.exec(textOf(kid(ref, 'label')))?.[0];
    const number = labelDigits ? Number(labelDigits) : index + 1;
    const id = attr(ref, 'id');
    if (id) ctx.refNumbers.set(id, number);
    const holder = kid(ref, 'citation-alternatives') ?? ref;
    const element = kid(holder, 'element-citation') ?? kid(holder, 'nlm-citation');
    const mixed = kid(holder, 'mixed-citation');
    const csl = citationItem(element ?? mixed, number, ctx);
    let children: PhrasingContent[] = mixed ? blockPhrasing(mixed, ctx) : [];
    if (!children.length && csl) children = [textNode(cslText(csl))];
    const entry: ReferenceEntry = { type: 'referenceEntry', number, identifier: `ref-${number}`, children };
    if (csl) entry.data = { csl, ...(element && mixed && !printedAgrees(csl, plainText(children)) ? { printedStale: true } : {}) };
    entries.push(entry);
  });
  return entries;
}

function readGlossary(back: Element | undefined): GlossaryEntry[] | undefined {
  if (!back) return undefined;
  const out: GlossaryEntry[] = [];
  for (const glossary of kidsNamed(back, 'glossary')) {
    for (const item of descendants(glossary, 'def-item')) {
      const term = textOf(kid(item, 'term'));
      const defs = kidsNamed(item, 'def');
      const abbr = defs.find((d) => attr(d, 'specific-use') === 'abbreviation');
      const en = defs.find((d) => d !== abbr && attr(d, 'lang', 'xml') === 'en');
      if (abbr || en || hasHan(term)) {
        const entry: GlossaryEntry = { zh: term };
        if (en) entry.en = textOf(en);
        if (abbr) entry.abbr = textOf(abbr);
        out.push(entry);
      } else {
        // An abbreviation list from elsewhere: term is the abbreviation.
        const def = textOf(defs[0]);
        const entry: GlossaryEntry = { zh: hasHan(def) ? def : term, abbr: term };
        if (def && !hasHan(def)) entry.en = def;
        out.push(entry);
      }
    }
  }
  return out.length ? out : undefined;
}

// ---------------------------------------------------------------- front

function nameString(node: Element, lang: Lang): string {
  if (node.name() === 'collab') return textOf(node);
  const surname = textOf(kid(node, 'surname'));
  const given = textOf(kid(node, 'given-names'));
  if (!surname && !given) return textOf(node);
  const parts = given ? { surname, given } : { surname };
  if (lang === 'zh') return joinChineseName(parts);
  if (attr(node, 'name-style') === 'eastern') return given ? `${surname} ${given}` : surname;
  return joinLatinName(parts);
}

function readAffPart(aff: Element): AffiliationPart | undefined {
  let text = '';
  const fields: Partial<Record<'institution' | 'city' | 'province' | 'postcode' | 'country', string>> = {};
  const set = (key: keyof typeof fields, value: string) => {
    if (!value) return;
    if (key === 'institution' && fields.institution) fields.institution += `, ${value}`;
    else if (!fields[key]) fields[key] = value;
  };
  const FIELD: Record<string, keyof typeof fields> = {
    institution: 'institution',
    city: 'city',
    state: 'province',
    'postal-code': 'postcode',
    country: 'country',
  };
  const walk = (node: Element) => {
    for (const child of node.childNodes()) {
      const type = child.type() as string;
      if (type === 'text' || type === 'cdata') {
        text += (child as unknown as { text(): string }).text();
        continue;
      }
      if (type !== 'element') continue;
      const elc = child as Element;
      const name = elc.name();
      if (name === 'label' || name === 'sup') continue;
      const field = FIELD[name];
      if (field) set(field, textOf(elc));
      if (attr(elc, 'content-type') === 'structured') continue;
      if (field) text += elc.text();
      else walk(elc);
    }
  };
  walk(aff);
  text = squash(text);
  if (!text) text = Object.values(fields).filter(Boolean).join(', ');
  if (!text) return undefined;
  const part: AffiliationPart = { text };
  if (fields.institution) part.institution = fields.institution;
  if (fields.city) part.city = fields.city;
  if (fields.province) part.province = fields.province;
  if (fields.postcode && /^\d{6}$/.test(fields.postcode)) part.postcode = fields.postcode;
  if (fields.country) part.country = fields.country;
  return part;
}

interface AffRead {
  aff: Affiliation;
  jatsIds: string[];
}

function readAffiliations(articleMeta: Element): AffRead[] {
  const nodes: Element[] = [];
  const collect = (parent: Element) => {
    for (const k of kids(parent)) {
      if (k.name() === 'aff' || k.name() === 'aff-alternatives') nodes.push(k);
      else if (k.name() === 'contrib-group' || k.name() === 'contrib') collect(k);
    }
  };
  collect(articleMeta);
  const out: AffRead[] = [];
  const usedIds = new Set<string>();
  nodes.forEach((node, index) => {
    const affs = node.name() === 'aff-alternatives' ? kidsNamed(node, 'aff') : [node];
    const jatsIds = [attr(node, 'id'), ...affs.map((a) => attr(a, 'id'))].filter((i): i is string => !!i);
    const label = textOf(kid(affs[0], 'label')) || String(index + 1);
    const aff: Affiliation = { id: '', label };
    for (const a of affs) {
      const part = readAffPart(a);
      if (!part) continue;
      const key = langKey(attr(a, 'lang', 'xml'), part.text) ?? langKey(undefined, part.text)!;
      if (!aff[key]) aff[key] = part;
    }
    const own = jatsIds.find((i) => /^aff\d+$/.test(i) && !usedIds.has(i));
    let id = own;
    if (!id) {
      let n = index + 1;
      while (usedIds.has(`aff${n}`)) n++;
      id = `aff${n}`;
    }
    usedIds.add(id);
    aff.id = id;
    out.push({ aff, jatsIds });
  });
  return out;
}

function readAuthors(articleMeta: Element, affs: AffRead[]): Author[] {
  const affByJatsId = new Map<string, string>();
  for (const a of affs) for (const j of a.jatsIds) affByJatsId.set(j, a.aff.id);
  const authors: Author[] = [];
  for (const group of kidsNamed(articleMeta, 'contrib-group')) {
    for (const contrib of kidsNamed(group, 'contrib')) {
      const type = attr(contrib, 'contrib-type');
      if (type && type !== 'author') continue;
      const name: Author['name'] = {};
      const alternatives = kid(contrib, 'name-alternatives');
      const nameNodes = (alternatives ? kids(alternatives) : kids(contrib)).filter((n) =>
        ['name', 'string-name', 'collab'].includes(n.name()),
      );
      for (const n of nameNodes) {
        const explicit = attr(n, 'lang', 'xml');
        const sample = textOf(n);
        const key = langKey(explicit, sample) ?? langKey(undefined, sample)!;
        const value = nameString(n, key);
        if (value && !name[key]) name[key] = value;
      }
      const affiliations: string[] = [];
      for (const xref of kidsNamed(contrib, 'xref')) {
        if (attr(xref, 'ref-type') !== 'aff') continue;
        for (const rid of (attr(xref, 'rid') ?? '').split(/\s+/).filter(Boolean)) {
          const id = affByJatsId.get(rid);
          if (id && !affiliations.includes(id)) affiliations.push(id);
        }
      }
      for (const inner of kids(contrib).filter((k) => k.name() === 'aff' || k.name() === 'aff-alternatives')) {
        const found = affs.find((a) => a.jatsIds.includes(attr(inner, 'id') ?? '\0'))?.aff.id ?? affs.find((a) => a.aff.label === textOf(kid(inner, 'label')))?.aff.id;
        if (found && !affiliations.includes(found)) affiliations.push(found);
      }
      const corresponding =
        attr(contrib, 'corresp') === 'yes' || kidsNamed(contrib, 'xref').some((x) => attr(x, 'ref-type') === 'corresp');
      const author: Author = { name, affiliations, corresponding };
      const email = textOf(kid(contrib, 'email') ?? kid(kid(contrib, 'address'), 'email'));
      if (email) author.email = email;
      authors.push(author);
    }
  }
  return authors;
}

function isoOf(node: Element | undefined): string | undefined {
  if (!node) return undefined;
  const iso = attr(node, 'iso-8601-date');
  if (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const y = textOf(kid(node, 'year'));
  const m = textOf(kid(node, 'month'));
  const d = textOf(kid(node, 'day'));
  if (/^\d{4}$/.test(y) && /^\d{1,2}$/.test(m) && /^\d{1,2}$/.test(d)) return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return undefined;
}

/**
 * Abstracts in both languages: the whole text and, for a structured
 * abstract, its parts. An abstract marked as printed holds the whole text
 * of the structured one before it (see `abstract.ts`).
 */
function readAbstracts(articleMeta: Element, ctx: Ctx, meta: ArticleMeta): void {
  const abstracts = kidsNamed(articleMeta, 'abstract').filter((a) => !attr(a, 'abstract-type') || attr(a, 'abstract-type') === 'structured');
  const printed: Bilingual = {};
  for (const a of [...abstracts, ...kidsNamed(articleMeta, 'trans-abstract')]) {
    const text = abstractText(a);
    const key = langKey(attr(a, 'lang', 'xml') ?? (a.name() === 'abstract' ? ctx.articleLang : undefined), text);
    if (!text || !key) continue;
    if (attr(a, 'specific-use') === AS_PRINTED) {
      printed[key] ??= text;
      continue;
    }
    if (meta.abstract?.[key]) continue;
    const parts = readAbstractParts(a);
    if (parts) (meta.abstractParts ??= {})[key] = parts;
    (meta.abstract ??= {})[key] = parts ? joinAbstractParts(parts, key) : text;
  }
  for (const key of ['zh', 'en'] as const) if (printed[key]) (meta.abstract ??= {})[key] = printed[key];
}

/** Text per language (`xml:lang`, else Chinese when it has Han characters) of the elements, the first of each language kept. */
function bilingualOf(nodes: Element[], read: (node: Element) => string): Bilingual | undefined {
  const out: Bilingual = {};
  for (const node of nodes) {
    const value = read(node);
    const key = langKey(attr(node, 'lang', 'xml'), value);
    if (value && key && !out[key]) out[key] = value;
  }
  return out.zh || out.en ? out : undefined;
}

/** The funding note as printed: the `funding-statement`s of the funding groups. */
function readFunding(articleMeta: Element): Bilingual | undefined {
  const statements = kidsNamed(articleMeta, 'funding-group').flatMap((g) => kidsNamed(g, 'funding-statement'));
  return bilingualOf(statements, textOf);
}

/** Notes on the authors (作者简介): the `fn fn-type="other"` of `author-notes`. */
function readAuthorNotes(articleMeta: Element): Bilingual | undefined {
  const fns = kidsNamed(kid(articleMeta, 'author-notes'), 'fn').filter((f) => attr(f, 'fn-type') === 'other');
  return bilingualOf(fns, abstractText);
}

function readMeta(root: Element, ctx: Ctx): ArticleMeta {
  const meta: ArticleMeta = { lang: 'zh', title: {}, authors: [], affiliations: [], keywords: {} };
  const front = kid(root, 'front');
  const articleMeta = kid(front, 'article-meta');
  const journalMeta = kid(front, 'journal-meta');
  if (!articleMeta) {
    warn(ctx, 'No article-meta: the model gets empty metadata', 'jats-read-meta');
    return meta;
  }
  const at = kid(kid(articleMeta, 'title-group'), 'article-title');
  if (at) {
    const value = textOf(at);
    const key = langKey(attr(at, 'lang', 'xml') ?? ctx.articleLang, value) ?? langKey(undefined, value)!;
    if (value) meta.title[key] = value;
  }
  for (const ttg of kidsNamed(kid(articleMeta, 'title-group'), 'trans-title-group')) {
    const value = textOf(kid(ttg, 'trans-title'));
    const key = langKey(attr(ttg, 'lang', 'xml'), value);
    if (value && key && !meta.title[key]) meta.title[key] = value;
  }

  const affs = readAffiliations(articleMeta);
  meta.affiliations = affs.map((a) => a.aff);
  meta.authors = readAuthors(articleMeta, affs);

  const corresp = kidsNamed(kid(articleMeta, 'author-notes'), 'corresp').find((c) => attr(c, 'specific-use') !== 'derived');
  if (corresp) {
    const name: { zh?: string; en?: string } = {};
    for (const nc of descendants(corresp, 'named-content')) {
      if (attr(nc, 'content-type') !== 'name') continue;
      const value = textOf(nc);
      const key = langKey(attr(nc, 'lang', 'xml'), value);
      if (value && key) name[key] = value;
    }
    const email = textOf(descendants(corresp, 'email')[0]);
    const c: NonNullable<ArticleMeta['correspondence']> = {};
    if (name.zh || name.en) c.name = name;
    if (email) c.email = email;
    if (c.name || c.email) meta.correspondence = c;
  }

  for (const g of descendants(kid(articleMeta, 'article-categories') ?? articleMeta, 'subj-group')) {
    const type = attr(g, 'subj-group-type');
    const subjects = kidsNamed(g, 'subject').map(textOf).filter(Boolean);
    if (type === 'clc' && subjects.length) meta.clc = [...(meta.clc ?? []), ...subjects];
    if (type === 'document-code' && subjects[0]) meta.documentCode = subjects[0];
  }

  for (const id of kidsNamed(articleMeta, 'article-id')) {
    if (attr(id, 'pub-id-type') === 'doi') meta.doi = textOf(id);
  }

  // Issue and pages, with the Chinese article number (文章编号) when known.
  const issns = kidsNamed(journalMeta, 'issn');
  const issn = (issns.find((i) => /print|ppub/.test(`${attr(i, 'publication-format')}${attr(i, 'pub-type')}`)) ?? issns[0]);
  const pubDates = kidsNamed(articleMeta, 'pub-date');
  const pubDate = pubDates.find((d) => /print|ppub/.test(`${attr(d, 'publication-format')}${attr(d, 'pub-type')}`)) ?? pubDates[0];
  const num = (v: string) => (/^\d+$/.test(v) ? Number(v) : undefined);
  const year = num(textOf(kid(pubDate, 'year')));
  const issue = num(textOf(kid(articleMeta, 'issue')));
  const fpage = num(textOf(kid(articleMeta, 'fpage')));
  const lpage = num(textOf(kid(articleMeta, 'lpage')));
  const countNode = kid(kid(articleMeta, 'counts'), 'page-count');
  const pageCount = num(countNode ? (attr(countNode, 'count') ?? '') : '') ?? (fpage !== undefined && lpage !== undefined ? lpage - fpage + 1 : undefined);
  const issnText = textOf(issn);
  if (/^\d{4}-\d{3}[\dX]$/.test(issnText) && year !== undefined && issue !== undefined && fpage !== undefined && lpage !== undefined && pageCount !== undefined) {
    const publisherId = kidsNamed(articleMeta, 'article-id').find((i) => attr(i, 'pub-id-type') === 'publisher-id');
    const text =
      publisherId && textOf(publisherId)
        ? textOf(publisherId)
        : `${issnText}(${year})${String(issue).padStart(2, '0')}-${String(fpage).padStart(4, '0')}-${String(pageCount).padStart(2, '0')}`;
    meta.articleNumber = { text, issn: issnText, year, issue, firstPage: fpage, pageCount, lastPage: lpage };
  }

  // The journal: titles, abbreviation, publisher, volume.
  const jtg = kid(journalMeta, 'journal-title-group');
  if (jtg) {
    const title: { zh?: string; en?: string } = {};
    for (const jt of kidsNamed(jtg, 'journal-title')) {
      const value = textOf(jt);
      const key = langKey(attr(jt, 'lang', 'xml'), value);
      if (value && key && !title[key]) title[key] = value;
    }
    for (const ttg of kidsNamed(jtg, 'trans-title-group')) {
      const value = textOf(kid(ttg, 'trans-title'));
      const key = langKey(attr(ttg, 'lang', 'xml'), value);
      if (value && key && !title[key]) title[key] = value;
    }
    if (title.zh || title.en) {
      const journal: NonNullable<ArticleMeta['journal']> = { title };
      const abbrev = textOf(kid(jtg, 'abbrev-journal-title'));
      if (abbrev) journal.abbrev = abbrev;
      const pub = kid(kid(journalMeta, 'publisher'), 'publisher-name');
      const pubName = textOf(pub);
      const pubKey = langKey(pub ? attr(pub, 'lang', 'xml') : undefined, pubName);
      if (pubName && pubKey) journal.publisher = { [pubKey]: pubName };
      const volume = textOf(kid(articleMeta, 'volume'));
      if (/^\d{1,4}$/.test(volume)) journal.volume = volume;
      meta.journal = journal;
    }
  }

  const history = kid(articleMeta, 'history');
  for (const d of kidsNamed(history, 'date')) {
    const type = attr(d, 'date-type');
    const iso = isoOf(d);
    if (!iso) continue;
    if (type === 'received') meta.received = iso;
    if (type === 'rev-recd' || type === 'revised') meta.revised = iso;
    if (type === 'accepted') meta.accepted = iso;
  }

  readAbstracts(articleMeta, ctx, meta);
  const funding = readFunding(articleMeta);
  if (funding) meta.funding = funding;
  const authorNotes = readAuthorNotes(articleMeta);
  if (authorNotes) meta.authorNotes = authorNotes;

  for (const g of kidsNamed(articleMeta, 'kwd-group')) {
    const words = descendants(g, 'kwd').map(textOf).filter(Boolean);
    const key = langKey(attr(g, 'lang', 'xml') ?? ctx.articleLang, words.join(''));
    if (!words.length || !key) continue;
    meta.keywords[key] = [...(meta.keywords[key] ?? []), ...words];
    if (key === 'en' && attr(g, 'kwd-group-type') === 'derived') meta.keywords.enDerived = true;
  }

  const back = kid(root, 'back');
  const editorNote = kidsNamed(back, 'notes').find((n) => attr(n, 'notes-type') === 'editor');
  const editor = editorNote ? kidsNamed(editorNote, 'p').map(textOf).join(' ') : '';
  if (editor) meta.editor = editor;
  return meta;
}

// ---------------------------------------------------------------- entry

export interface FromJatsOptions {
  file?: VFile;
}

/**
 * Read a JATS article into the model. Problems (unknown elements dropped,
 * metadata the schema rejects) are reported on `file`; a document that is
 * not well-formed throws.
 */
export function fromJats(xml: string, file?: VFile): ArticleRoot {
  const doc = parse(xml, file);
  const root = doc.root();
  if (!root || root.name() !== 'article') {
    throw new Error(`Not a JATS article: the root element is <${root?.name() ?? 'none'}>`);
  }
  const ctx: Ctx = {
    file,
    articleLang: attr(root, 'lang', 'xml') ?? 'en',
    refNumbers: new Map(),
    tables: 0,
    figures: 0,
    floatIds: new Set(),
    nesting: 0,
    formatting: 0,
  };
  const back = kid(root, 'back');
  // References first, so citations in the body resolve to their numbers.
  const entries = readRefs(back, ctx);
  const meta = readMeta(root, ctx);
  const children: RootContent[] = [];
  const body = kid(root, 'body');
  if (body) pushAll(children, blocks(body, 2, ctx));
  if (entries.length) children.push({ type: 'referenceList', children: entries } satisfies ReferenceList);

  const parsed = metaSchema.safeParse(meta);
  if (!parsed.success && file) {
    for (const line of describeZodError(parsed.error)) {
      report(file, `JATS front matter: ${line}`, { ruleId: 'jats-read-meta', severity: 'warning', stage: 'jats' });
    }
  }
  const data: ArticleRoot['data'] = { meta: parsed.success ? parsed.data : meta };
  const glossary = readGlossary(back);
  if (glossary) data.glossary = glossary;
  return { type: 'root', children, data };
}
