/**
 * Model → JATS 1.3 (Journal Publishing), built as an xast tree and
 * serialized by xast-util-to-xml.
 *
 * Tagging choices (read back by `read.ts`):
 * - Bilingual front matter: `trans-title-group`, `name-alternatives` (eastern
 *   zh name, western en name), `aff-alternatives` (one `aff` per language),
 *   `trans-abstract`, one `kwd-group` per language.
 * - Citations: a citation group `^[4-5,7]` becomes
 *   `<sup>[<xref ref-type="bibr" rid="B4 B5">4-5</xref>,<xref ref-type="bibr" rid="B7">7</xref>]</sup>`:
 *   one `xref` per printed item, a range's `xref` listing every reference in
 *   the range in `rid`, so each cited reference is linked while the printed
 *   text stays as in the source.
 * - `见图1` / `见表1` link the label to the float with `xref`.
 * - References: `citation-alternatives` holding an `element-citation` built
 *   from the CSL item and a `mixed-citation` with the reference as printed;
 *   only the `mixed-citation` when there is no CSL item.
 * - Funding note (基金项目): `funding-group` with one `funding-statement` per
 *   language; notes on the authors (作者简介): `fn fn-type="other"` per
 *   language in `author-notes`, after `corresp`; accepted date:
 *   `history/date[@date-type="accepted"]`.
 * - Structured abstract: one `sec` per part (see `abstract.ts`).
 * - A float's English caption line: a second `caption xml:lang="en"`, the
 *   Chinese one then marked `xml:lang="zh"`.
 */
import { toXml } from 'xast-util-to-xml';
import type { Element as XElement, ElementContent, Root as XRoot, RootContent as XRootContent } from 'xast';
import type { VFile } from 'vfile';
import type { List, PhrasingContent, RootContent, Table } from 'mdast';
import type {
  ArticleRoot,
  FigureFloat,
  ReferenceEntry,
  ReferenceList,
  TableFloat,
} from '../model/types.js';
import type { AbstractPart, Affiliation, AffiliationPart, ArticleMeta, Bilingual } from '../model/meta.js';
import { citationLabel, plainText } from '../model/util.js';
import { report } from '../findings/index.js';
import { AS_PRINTED, joinAbstractParts } from './abstract.js';
import { el, elIf, txt, type Kids } from './build.js';
import { hasHan, isAsciiId } from './chars.js';
import { elementCitation, jatsLangOfCsl, unmappedCslFields, type CslItem } from './csl.js';
import {
  JATS_ARCHIVING_MATHML_PUBLIC_ID,
  JATS_ARCHIVING_MATHML_SYSTEM_ID,
  JATS_ARCHIVING_PUBLIC_ID,
  JATS_ARCHIVING_SYSTEM_ID,
  JATS_MATHML_PUBLIC_ID,
  JATS_MATHML_SYSTEM_ID,
  JATS_PUBLIC_ID,
  JATS_SYSTEM_ID,
} from './dtd.js';
import { dispFormula, inlineFormula } from './mathml.js';
import { splitChineseName, splitLatinName } from './names.js';
import { pushAll } from '../text/arrays.js';

export type ArticleType = 'research-article' | 'review-article' | (string & {});

export interface ToJatsOptions {
  /** Findings (unlinked citations, dropped fields) are reported here. */
  file?: VFile;
  /**
   * Tag set. Default: Journal Publishing when the ISSN is known, else
   * Journal Archiving and Interchange (Publishing requires an ISSN in
   * journal-meta, which a preprint does not have).
   */
  tagSet?: 'publishing' | 'archiving';
  /** `article-type`; derived from the title when not given. */
  articleType?: ArticleType;
}

interface Ctx {
  file?: VFile;
  /** Reference number → ref id (the first entry with that number). */
  refIds: Map<number, string>;
  /** Each reference entry's own id. */
  entryIds: Map<ReferenceEntry, string>;
  /** Float label without spaces (`图1`) → float id and xref type. */
  floats: Map<string, { id: string; refType: 'fig' | 'table' }>;
  floatIds: Map<TableFloat | FigureFloat, string>;
  ids: Set<string>;
  secCount: number;
  /** Formulas written (the MathML 3 DTD is named when there are any), and display formulas numbered. */
  formulas: number;
  dispFormulas: number;
}

/** Elements whose content is elements only: a newline goes between children. */
const BLOCKY = new Set([
  'article', 'front', 'journal-meta', 'article-meta', 'article-categories', 'subj-group', 'title-group',
  'trans-title-group', 'contrib-group', 'contrib', 'name-alternatives', 'aff-alternatives', 'author-notes', 'history',
  'abstract', 'trans-abstract', 'kwd-group', 'counts', 'body', 'sec', 'back', 'ref-list', 'ref',
  'citation-alternatives', 'table-wrap', 'caption', 'table', 'thead', 'tbody', 'fig', 'glossary', 'def-list',
  'def-item', 'def', 'notes', 'list', 'list-item', 'disp-quote', 'journal-title-group', 'publisher', 'fn',
  'funding-group',
]);

function indent(node: XElement): void {
  for (const child of node.children) if (child.type === 'element') indent(child);
  if (!BLOCKY.has(node.name) || node.children.length === 0) return;
  const out: ElementContent[] = [txt('\n')];
  for (const child of node.children) out.push(child, txt('\n'));
  node.children = out;
}

/** `review-article` for reviews (综述, 研究进展, review, advances), else `research-article`. */
export function deriveArticleType(meta: ArticleMeta): ArticleType {
  const title = `${meta.title.zh ?? ''} ${meta.title.en ?? ''}`;
  return /综述|进展|述评|review|advances|progress/i.test(title) ? 'review-article' : 'research-article';
}

function uniqueId(ctx: Ctx, wanted: string | undefined, fallback: string): string {
  let id = isAsciiId(wanted) ? wanted : fallback;
  if (ctx.ids.has(id)) {
    let n = 2;
    while (ctx.ids.has(`${id}-${n}`)) n++;
    id = `${id}-${n}`;
  }
  ctx.ids.add(id);
  return id;
}

/** An id had to differ from the model's (duplicate or not an ASCII name). */
function idChanged(ctx: Ctx, node: RootContent, reason: string): void {
  if (!ctx.file) return;
  report(ctx.file, `${reason} (ids must be unique ASCII names)`, { ruleId: 'jats-id-changed', severity: 'warning', place: node, stage: 'jats' });
}

// ---------------------------------------------------------------- phrasing

function citationNodes(numbers: number[], ctx: Ctx, node: PhrasingContent): ElementContent[] {
  const runs: number[][] = [];
  for (const n of numbers) {
    const last = runs[runs.length - 1];
    if (last && n === last[last.length - 1]! + 1 && ctx.refIds.has(n) && ctx.refIds.has(last[last.length - 1]!)) last.push(n);
    else runs.push([n]);
  }
  const inner: ElementContent[] = [txt('[')];
  runs.forEach((run, i) => {
    if (i > 0) inner.push(txt(','));
    const label = citationLabel(run);
    const ids = run.map((n) => ctx.refIds.get(n));
    if (ids.every((id): id is string => id !== undefined)) {
      inner.push(el('xref', { 'ref-type': 'bibr', rid: ids.join(' ') }, label));
    } else {
      // Kept as a marked number so that a reader gets the citation back, unlinked.
      inner.push(el('named-content', { 'content-type': 'citation-unresolved' }, label));
      if (ctx.file) {
        // What it says of the source, `cite-unresolved` says with its own severity: here it is a note on the output.
        report(ctx.file, `Citation [${label}] names no reference in the list; left unlinked in JATS`, {
          ruleId: 'jats-citation-unresolved',
          severity: 'info',
          place: node,
          stage: 'jats',
        });
      }
    }
  });
  inner.push(txt(']'));
  return [el('sup', {}, inner)];
}

const FLOAT_REF = /([见如（(、和与及])(\s?)([图表]\s?\d+)(?!\d)/g;

function linkFloats(value: string, ctx: Ctx): ElementContent[] {
  if (!ctx.floats.size || !/[图表]/.test(value)) return [txt(value)];
  const out: ElementContent[] = [];
  let last = 0;
  for (const m of value.matchAll(FLOAT_REF)) {
    const target = ctx.floats.get(m[3]!.replace(/\s/g, ''));
    if (!target) continue;
    const start = m.index! + m[1]!.length + m[2]!.length;
    if (start > last) out.push(txt(value.slice(last, start)));
    out.push(el('xref', { 'ref-type': target.refType, rid: target.id }, m[3]!));
    last = start + m[3]!.length;
  }
  if (last < value.length) out.push(txt(value.slice(last)));
  return out;
}

interface PhrasingOptions {
  floats?: boolean;
}

function phrasing(nodes: readonly PhrasingContent[], ctx: Ctx, opts: PhrasingOptions = {}): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        pushAll(out, (opts.floats ? linkFloats(node.value, ctx) : [txt(node.value)]));
        break;
      case 'emphasis':
        out.push(el('italic', {}, phrasing(node.children, ctx, opts)));
        break;
      case 'strong':
        out.push(el('bold', {}, phrasing(node.children, ctx, opts)));
        break;
      case 'delete':
        out.push(el('strike', {}, phrasing(node.children, ctx, opts)));
        break;
      case 'superscript':
        out.push(el('sup', {}, phrasing(node.children, ctx, opts)));
        break;
      case 'subscript':
        out.push(el('sub', {}, phrasing(node.children, ctx, opts)));
        break;
      case 'inlineCode':
        out.push(el('monospace', {}, node.value));
        break;
      case 'link':
        out.push(el('ext-link', { 'ext-link-type': 'uri', 'xlink:href': node.url }, phrasing(node.children, ctx, opts)));
        break;
      case 'citation':
        pushAll(out, citationNodes(node.numbers, ctx, node));
        break;
      case 'break':
        out.push(txt('\n'));
        break;
      case 'image':
        if (node.url) out.push(el('inline-graphic', { 'xlink:href': node.url }));
        break;
      case 'inlineMath':
        ctx.formulas++;
        out.push(inlineFormula(node));
        break;
      default: {
        const any = node as { value?: unknown; children?: PhrasingContent[] };
        if (Array.isArray(any.children)) pushAll(out, phrasing(any.children, ctx, opts));
        else if (typeof any.value === 'string') out.push(txt(any.value));
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- front

function contribs(meta: ArticleMeta, corrId: string | undefined, affIds: Map<string, string>): XElement | undefined {
  if (!meta.authors.length) return undefined;
  return el(
    'contrib-group',
    {},
    meta.authors.map((author) => {
      const names: XElement[] = [];
      if (author.name.zh) {
        const p = splitChineseName(author.name.zh);
        names.push(
          el('name', { 'name-style': 'eastern', 'xml:lang': 'zh' }, el('surname', {}, p.surname), p.given ? el('given-names', {}, p.given) : undefined),
        );
      }
      if (author.name.en) {
        const p = splitLatinName(author.name.en);
        names.push(
          el('name', { 'name-style': 'western', 'xml:lang': 'en' }, el('surname', {}, p.surname), p.given ? el('given-names', {}, p.given) : undefined),
        );
      }
      const nameNode = names.length > 1 ? el('name-alternatives', {}, names) : names[0];
      return el(
        'contrib',
        { 'contrib-type': 'author', corresp: author.corresponding ? 'yes' : undefined },
        nameNode,
        author.email ? el('email', {}, author.email) : undefined,
        author.affiliations.map((aff) => {
          const rid = affIds.get(aff);
          return rid ? el('xref', { 'ref-type': 'aff', rid }, meta.affiliations.find((a) => a.id === aff)?.label ?? '') : undefined;
        }),
        author.corresponding && corrId ? el('xref', { 'ref-type': 'corresp', rid: corrId }, '*') : undefined,
      );
    }),
  );
}

const AFF_FIELDS = [
  ['institution', 'institution'],
  ['postcode', 'postal-code'],
  ['country', 'country'],
  ['province', 'state'],
  ['city', 'city'],
] as const;

/**
 * One `aff`: the affiliation text as printed, with the parts found in it
 * tagged in place; parts not found in the text follow it, marked
 * `content-type="structured"` so a reader can tell them from the text.
 */
function affNode(part: AffiliationPart, label: string, attrs: Record<string, string | undefined>): XElement {
  const text = part.text;
  const claimed: Array<{ start: number; end: number; name: string; value: string }> = [];
  const missing: Array<{ name: string; value: string }> = [];
  for (const [field, name] of AFF_FIELDS) {
    const value = part[field];
    if (!value) continue;
    let from = 0;
    let found = -1;
    while ((found = text.indexOf(value, from)) !== -1) {
      const end = found + value.length;
      if (!claimed.some((c) => found < c.end && end > c.start)) break;
      from = found + 1;
    }
    if (found === -1) missing.push({ name, value });
    else claimed.push({ start: found, end: found + value.length, name, value });
  }
  claimed.sort((a, b) => a.start - b.start);
  const content: Kids = [el('label', {}, label)];
  let at = 0;
  for (const c of claimed) {
    if (c.start > at) content.push(text.slice(at, c.start));
    content.push(el(c.name, {}, c.value));
    at = c.end;
  }
  if (at < text.length) content.push(text.slice(at));
  for (const m of missing) content.push(el(m.name, { 'content-type': 'structured' }, m.value));
  return el('aff', attrs, content);
}

function affiliations(list: Affiliation[], affIds: Map<string, string>): XElement[] {
  return list.map((aff) => {
    const id = affIds.get(aff.id)!;
    if (aff.zh && aff.en) {
      return el(
        'aff-alternatives',
        { id },
        affNode(aff.zh, aff.label, { 'xml:lang': 'zh' }),
        affNode(aff.en, aff.label, { 'xml:lang': 'en' }),
      );
    }
    const part = aff.zh ?? aff.en;
    if (!part) return el('aff', { id }, el('label', {}, aff.label));
    return affNode(part, aff.label, { id, 'xml:lang': aff.zh ? 'zh' : 'en' });
  });
}

function correspNode(meta: ArticleMeta, id: string): XElement | undefined {
  const c = meta.correspondence;
  if (c) {
    const kids: Kids = [];
    if (c.name?.zh) kids.push('通信作者：', el('named-content', { 'content-type': 'name', 'xml:lang': 'zh' }, c.name.zh));
    if (c.name?.en) {
      kids.push(
        c.name.zh ? '（' : 'Corresponding author: ',
        el('named-content', { 'content-type': 'name', 'xml:lang': 'en' }, c.name.en),
        c.name.zh ? '）' : undefined,
      );
    }
    if (c.email) kids.push(c.name?.zh ? '，E-mail：' : c.name?.en ? ', Email: ' : 'E-mail: ', el('email', {}, c.email));
    return el('corresp', { id }, kids);
  }
  // No correspondence block: point at the corresponding author's e-mail.
  const author = meta.authors.find((a) => a.corresponding);
  if (!author) return undefined;
  return el(
    'corresp',
    { id, 'specific-use': 'derived' },
    author.email ? ['E-mail: ', el('email', {}, author.email)] : '*',
  );
}

function isoDateNode(iso: string, type: string): XElement | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  return el('date', { 'date-type': type, 'iso-8601-date': iso }, el('day', {}, m[3]!), el('month', {}, m[2]!), el('year', {}, m[1]!));
}

function paragraphs(text: string): XElement[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => el('p', {}, p));
}

function historyNode(meta: ArticleMeta): XElement | undefined {
  const dates = [
    meta.received ? isoDateNode(meta.received, 'received') : undefined,
    meta.revised ? isoDateNode(meta.revised, 'rev-recd') : undefined,
    meta.accepted ? isoDateNode(meta.accepted, 'accepted') : undefined,
  ].filter((d): d is XElement => d !== undefined);
  return dates.length ? el('history', {}, dates) : undefined;
}

/** One `sec` per part of a structured abstract: the label as its title, the text as its paragraphs. */
function abstractSecs(parts: readonly AbstractPart[]): XElement[] {
  return parts.map((part) => el('sec', {}, el('title', {}, part.label), paragraphs(part.text)));
}

/**
 * The abstract in one language (`abstract` for Chinese, `trans-abstract`
 * for English): structured when the model has its parts, followed by the
 * whole text as printed when the parts joined do not give it back (see
 * `abstract.ts`).
 */
function abstractNodes(meta: ArticleMeta, lang: 'zh' | 'en'): XElement[] {
  const name = lang === 'zh' ? 'abstract' : 'trans-abstract';
  const attrs = { 'xml:lang': lang === 'zh' ? undefined : lang };
  const text = meta.abstract?.[lang];
  const parts = meta.abstractParts?.[lang];
  if (!parts?.length) return text ? [el(name, attrs, paragraphs(text))] : [];
  const out = [el(name, attrs, abstractSecs(parts))];
  if (text && text !== joinAbstractParts(parts, lang)) out.push(el(name, { ...attrs, 'specific-use': AS_PRINTED }, paragraphs(text)));
  return out;
}

/** The funding note as printed, one `funding-statement` per language. */
function fundingGroup(funding: Bilingual | undefined): XElement | undefined {
  const statements = (['zh', 'en'] as const)
    .filter((lang) => funding?.[lang])
    .map((lang) => el('funding-statement', { 'xml:lang': lang }, funding![lang]!));
  return statements.length ? el('funding-group', {}, statements) : undefined;
}

/** `author-notes`: the correspondence, then the notes on the authors (作者简介), one `fn` per language. */
function authorNotes(corresp: XElement | undefined, notes: Bilingual | undefined): XElement | undefined {
  const fns = (['zh', 'en'] as const)
    .filter((lang) => notes?.[lang])
    .map((lang) => el('fn', { 'fn-type': 'other', 'xml:lang': lang }, paragraphs(notes![lang]!)));
  return corresp || fns.length ? el('author-notes', {}, corresp, fns) : undefined;
}

function front(meta: ArticleMeta, ctx: Ctx): XElement {
  const num = meta.articleNumber;
  const issn = num?.issn;
  // Without an ISSN the document is written for the Archiving DTD, where
  // journal-meta is optional (see toJatsTree).
  const j = meta.journal;
  const journalTitles =
    j && (j.title.zh || j.title.en)
      ? el(
          'journal-title-group',
          {},
          j.title.zh ? el('journal-title', { 'xml:lang': 'zh' }, j.title.zh) : undefined,
          j.title.zh && j.title.en ? el('trans-title-group', { 'xml:lang': 'en' }, el('trans-title', {}, j.title.en)) : undefined,
          !j.title.zh && j.title.en ? el('journal-title', { 'xml:lang': 'en' }, j.title.en) : undefined,
          j.abbrev ? el('abbrev-journal-title', { 'abbrev-type': 'publisher' }, j.abbrev) : undefined,
        )
      : undefined;
  const publisher =
    j?.publisher && (j.publisher.zh || j.publisher.en)
      ? el('publisher', {}, el('publisher-name', { 'xml:lang': j.publisher.zh ? 'zh' : 'en' }, (j.publisher.zh ?? j.publisher.en)!))
      : undefined;
  const journalMeta = issn
    ? el(
        'journal-meta',
        {},
        el('journal-id', { 'journal-id-type': 'issn' }, issn),
        journalTitles,
        el('issn', { 'publication-format': 'print' }, issn),
        publisher,
      )
    : undefined;

  const subjGroups: XElement[] = [];
  if (meta.clc?.length) {
    subjGroups.push(el('subj-group', { 'subj-group-type': 'clc' }, meta.clc.map((c) => el('subject', {}, c))));
  }
  if (meta.documentCode) {
    subjGroups.push(el('subj-group', { 'subj-group-type': 'document-code' }, el('subject', {}, meta.documentCode)));
  }

  const affIds = new Map<string, string>();
  for (const aff of meta.affiliations) affIds.set(aff.id, uniqueId(ctx, aff.id, `aff${affIds.size + 1}`));
  const hasCorresp = !!meta.correspondence || meta.authors.some((a) => a.corresponding);
  const corrId = hasCorresp ? uniqueId(ctx, 'cor1', 'cor1') : undefined;
  const corresp = corrId ? correspNode(meta, corrId) : undefined;

  const kwdGroups: XElement[] = [];
  if (meta.keywords.zh?.length) {
    kwdGroups.push(el('kwd-group', { 'xml:lang': 'zh', 'kwd-group-type': 'author' }, meta.keywords.zh.map((k) => el('kwd', {}, k))));
  }
  if (meta.keywords.en?.length) {
    kwdGroups.push(
      el(
        'kwd-group',
        { 'xml:lang': 'en', 'kwd-group-type': meta.keywords.enDerived ? 'derived' : 'author' },
        meta.keywords.en.map((k) => el('kwd', {}, k)),
      ),
    );
  }

  const articleMeta = el(
    'article-meta',
    {},
    meta.doi ? el('article-id', { 'pub-id-type': 'doi' }, meta.doi) : undefined,
    num ? el('article-id', { 'pub-id-type': 'publisher-id' }, num.text) : undefined,
    subjGroups.length ? el('article-categories', {}, subjGroups) : undefined,
    el(
      'title-group',
      {},
      el('article-title', { 'xml:lang': meta.title.zh ? undefined : meta.title.en ? 'en' : undefined }, meta.title.zh ?? meta.title.en ?? ''),
      meta.title.zh && meta.title.en
        ? el('trans-title-group', { 'xml:lang': 'en' }, el('trans-title', {}, meta.title.en))
        : undefined,
    ),
    contribs(meta, corrId, affIds),
    affiliations(meta.affiliations, affIds),
    authorNotes(corresp, meta.authorNotes),
    num
      ? el('pub-date', { 'publication-format': 'print', 'date-type': 'pub', 'iso-8601-date': String(num.year) }, el('year', {}, String(num.year)))
      : undefined,
    meta.journal?.volume ? el('volume', {}, meta.journal.volume) : undefined,
    num ? el('issue', {}, String(num.issue)) : undefined,
    num ? el('fpage', {}, String(num.firstPage)) : undefined,
    num ? el('lpage', {}, String(num.lastPage)) : undefined,
    historyNode(meta),
    abstractNodes(meta, 'zh'),
    abstractNodes(meta, 'en'),
    kwdGroups,
    fundingGroup(meta.funding),
    num ? el('counts', {}, el('page-count', { count: String(num.pageCount) })) : undefined,
  );
  return el('front', {}, journalMeta, articleMeta);
}

// ---------------------------------------------------------------- body

/**
 * A float's captions: the Chinese one, then the English line when the
 * article prints one (`caption*` in `fig` and `table-wrap`), each then
 * marked with its language.
 */
function captions(float: TableFloat | FigureFloat, ctx: Ctx): XElement[] {
  const en = float.captionEn?.length ? float.captionEn : undefined;
  const out: XElement[] = [];
  if (float.caption.length) out.push(el('caption', { 'xml:lang': en ? 'zh' : undefined }, el('title', {}, phrasing(float.caption, ctx))));
  if (en) out.push(el('caption', { 'xml:lang': 'en' }, el('title', {}, phrasing(en, ctx))));
  return out;
}

/** The DTD's `align` values that a model alignment can take. */
function alignOf(value: unknown): string | undefined {
  return value === 'left' || value === 'right' || value === 'center' ? value : undefined;
}

function tableNode(float: TableFloat, ctx: Ctx): XElement {
  const table = float.children[0] as Table | undefined;
  const rows = table?.children ?? [];
  const align = table?.align ?? [];
  const row = (r: (typeof rows)[number], cell: 'th' | 'td') =>
    el(
      'tr',
      {},
      r.children.map((c, i) => el(cell, { align: alignOf(align[i]) }, phrasing(c.children, ctx))),
    );
  const [head, ...bodyRows] = rows;
  // A table whose rows were lost: its label and caption only.
  const tableEl = rows.length
    ? el(
        'table',
        { frame: 'hsides', rules: 'groups' },
        // One `col` per column alignment, so the model's `align` comes back as it was.
        table?.align ? table.align.map((a) => el('col', { align: alignOf(a) })) : undefined,
        head && bodyRows.length ? el('thead', {}, row(head, 'th')) : undefined,
        el('tbody', {}, head && !bodyRows.length ? row(head, 'th') : undefined, bodyRows.map((r) => row(r, 'td'))),
      )
    : undefined;
  const id = ctx.floatIds.get(float) ?? uniqueId(ctx, float.identifier, 'T1');
  return el(
    'table-wrap',
    { id },
    elIf('label', float.label),
    captions(float, ctx),
    tableEl,
  );
}

function figureNode(float: FigureFloat, ctx: Ctx): XElement {
  const id = ctx.floatIds.get(float) ?? uniqueId(ctx, float.identifier, 'F1');
  return el(
    'fig',
    { id },
    elIf('label', float.label),
    captions(float, ctx),
    float.url ? el('graphic', { 'xlink:href': float.url }) : undefined,
    float.credit ? el('attrib', {}, float.credit) : undefined,
  );
}

function listNode(list: List, ctx: Ctx): XElement {
  return el(
    'list',
    { 'list-type': list.ordered ? 'order' : 'bullet' },
    list.children.map((item) => {
      const blocks = item.children.flatMap((b) => block(b as RootContent, ctx));
      return el('list-item', {}, blocks.length ? blocks : el('p'));
    }),
  );
}

function block(node: RootContent, ctx: Ctx): XElement[] {
  switch (node.type) {
    case 'paragraph':
      return [el('p', {}, phrasing(node.children, ctx, { floats: true }))];
    case 'tableFloat':
      return [tableNode(node, ctx)];
    case 'figureFloat':
      return [figureNode(node, ctx)];
    case 'list':
      return [listNode(node, ctx)];
    case 'blockquote':
      return [el('disp-quote', {}, node.children.flatMap((b) => block(b, ctx)))];
    case 'code':
      return [el('preformat', {}, node.value)];
    case 'math': {
      ctx.formulas++;
      const n = ++ctx.dispFormulas;
      return [dispFormula(node, uniqueId(ctx, `E${n}`, `E${n}`))];
    }
    case 'thematicBreak':
      return [];
    default: {
      const text = plainText([node]);
      if (ctx.file) {
        report(ctx.file, `A ${node.type} node has no JATS form here; written as a plain paragraph`, {
          ruleId: 'jats-node-flattened',
          severity: 'info',
          place: node,
          stage: 'jats',
        });
      }
      return text.trim() ? [el('p', {}, text)] : [];
    }
  }
}

function body(children: RootContent[], ctx: Ctx): XElement | undefined {
  const top: ElementContent[] = [];
  const stack: Array<{ node: XElement; depth: number }> = [];
  const target = () => (stack.length ? stack[stack.length - 1]!.node.children : top);
  for (const child of children) {
    if (child.type === 'referenceList') continue;
    if (child.type === 'heading') {
      while (stack.length && stack[stack.length - 1]!.depth >= child.depth) stack.pop();
      const natural = 2 + stack.length;
      ctx.secCount++;
      const label = child.data?.label;
      const sec = el(
        'sec',
        // A heading deeper or shallower than its nesting says keeps its depth.
        { id: uniqueId(ctx, `sec${ctx.secCount}`, `sec${ctx.secCount}`), 'specific-use': child.depth !== natural ? `depth-${child.depth}` : undefined },
        label ? el('label', {}, label) : undefined,
        child.children.length || !label ? el('title', {}, phrasing(child.children, ctx)) : undefined,
      );
      target().push(sec);
      stack.push({ node: sec, depth: child.depth });
      continue;
    }
    pushAll(target(), block(child, ctx));
  }
  return top.length ? el('body', {}, top) : undefined;
}

// ---------------------------------------------------------------- back

function refNode(entry: ReferenceEntry, id: string, ctx: Ctx): XElement {
  const csl = entry.data?.csl;
  const text = plainText(entry.children);
  const mixedLang = csl ? jatsLangOfCsl(csl.language) : hasHan(text) ? 'zh' : undefined;
  const mixed = el('mixed-citation', { 'xml:lang': mixedLang }, phrasing(entry.children, ctx));
  let citation: XElement = mixed;
  if (csl && typeof csl === 'object') {
    const dropped = unmappedCslFields(csl);
    // The item id comes back as the entry identifier unless written out.
    let citationId: string | undefined;
    if (csl.id !== undefined && csl.id !== entry.identifier) {
      if (isAsciiId(csl.id) && !ctx.ids.has(csl.id)) citationId = uniqueId(ctx, csl.id, csl.id);
      else dropped.push('id');
    }
    const element = elementCitation(csl, { id: citationId });
    // An item with no field JATS can carry has only its printed form.
    if (element.children.length) citation = el('citation-alternatives', {}, element, mixed);
    if (dropped.length && ctx.file) {
      report(ctx.file, `Reference [${entry.number}]: ${dropped.join(', ')} not carried into element-citation`, {
        ruleId: 'jats-csl-field-dropped',
        severity: 'info',
        place: entry,
        stage: 'jats',
      });
    }
  }
  return el('ref', { id }, el('label', {}, String(entry.number)), citation);
}

function back(tree: ArticleRoot, lists: ReferenceList[], ctx: Ctx): XElement | undefined {
  const parts: XElement[] = [];
  const entries = lists.flatMap((l) => l.children);
  if (entries.length) {
    parts.push(
      el('ref-list', {}, el('title', {}, '参考文献'), entries.map((e) => refNode(e, ctx.entryIds.get(e)!, ctx))),
    );
  }
  const glossary = tree.data.glossary;
  if (glossary?.length) {
    parts.push(
      el(
        'glossary',
        {},
        el('title', {}, '缩略语'),
        el(
          'def-list',
          {},
          glossary.map((g) =>
            el(
              'def-item',
              {},
              el('term', { 'xml:lang': 'zh' }, g.zh),
              g.en ? el('def', { 'xml:lang': 'en' }, el('p', {}, g.en)) : undefined,
              g.abbr ? el('def', { 'specific-use': 'abbreviation' }, el('p', {}, g.abbr)) : undefined,
            ),
          ),
        ),
      ),
    );
  }
  const editor = tree.data.meta.editor;
  if (editor) parts.push(el('notes', { 'notes-type': 'editor' }, el('title', {}, '本文编辑'), el('p', {}, editor)));
  return parts.length ? el('back', {}, parts) : undefined;
}

// ---------------------------------------------------------------- entry

/** The article as an xast tree (declaration, doctype, `article`). */
export function toJatsTree(tree: ArticleRoot, options: ToJatsOptions = {}): XRoot {
  const meta = tree.data.meta;
  const ctx: Ctx = {
    file: options.file,
    refIds: new Map(),
    entryIds: new Map(),
    floats: new Map(),
    floatIds: new Map(),
    ids: new Set(),
    secCount: 0,
    formulas: 0,
    dispFormulas: 0,
  };

  const hasIssn = !!meta.articleNumber?.issn;
  const archiving = (options.tagSet ?? (hasIssn ? 'publishing' : 'archiving')) === 'archiving';
  if (!hasIssn && ctx.file) {
    report(
      ctx.file,
      archiving
        ? 'No ISSN is known: JATS written for the Archiving and Interchange DTD (Journal Publishing requires an ISSN)'
        : 'No ISSN is known: the Journal Publishing DTD requires one in journal-meta',
      { ruleId: 'jats-issn-missing', severity: archiving ? 'info' : 'warning', stage: 'jats' },
    );
  }

  const lists = tree.children.filter((c): c is ReferenceList => c.type === 'referenceList');
  for (const entry of lists.flatMap((l) => l.children)) {
    const id = uniqueId(ctx, `B${entry.number}`, `B${entry.number}`);
    ctx.entryIds.set(entry, id);
    if (!ctx.refIds.has(entry.number)) ctx.refIds.set(entry.number, id);
    else idChanged(ctx, entry, `Reference number ${entry.number} appears twice; the second is ${id} in JATS`);
  }
  let tables = 0;
  let figures = 0;
  for (const child of tree.children) {
    if (child.type !== 'tableFloat' && child.type !== 'figureFloat') continue;
    const isTable = child.type === 'tableFloat';
    const fallback = isTable ? `T${++tables}` : `F${++figures}`;
    const id = uniqueId(ctx, child.identifier, fallback);
    ctx.floatIds.set(child, id);
    if (id !== child.identifier) idChanged(ctx, child, `${child.label}: identifier ${JSON.stringify(child.identifier)} is ${id} in JATS`);
    const key = child.label.replace(/\s/g, '');
    if (!ctx.floats.has(key)) ctx.floats.set(key, { id, refType: isTable ? 'table' : 'fig' });
  }

  const article = el(
    'article',
    {
      'xmlns:xlink': 'http://www.w3.org/1999/xlink',
      'xmlns:mml': 'http://www.w3.org/1998/Math/MathML',
      'article-type': options.articleType ?? deriveArticleType(meta),
      'dtd-version': '1.3',
      'xml:lang': 'zh',
    },
    front(meta, ctx),
    body(tree.children, ctx),
    back(tree, lists, ctx),
  );
  indent(article);
  const children: XRootContent[] = [
    { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' },
    txt('\n'),
    doctype(archiving, ctx.formulas > 0),
    txt('\n'),
    article,
    txt('\n'),
  ];
  return { type: 'root', children };
}

/** The tag set's document type; its MathML 3 variant when the article has formulas. */
function doctype(archiving: boolean, mathml: boolean): XRootContent {
  if (archiving) {
    return mathml
      ? { type: 'doctype', name: 'article', public: JATS_ARCHIVING_MATHML_PUBLIC_ID, system: JATS_ARCHIVING_MATHML_SYSTEM_ID }
      : { type: 'doctype', name: 'article', public: JATS_ARCHIVING_PUBLIC_ID, system: JATS_ARCHIVING_SYSTEM_ID };
  }
  return mathml
    ? { type: 'doctype', name: 'article', public: JATS_MATHML_PUBLIC_ID, system: JATS_MATHML_SYSTEM_ID }
    : { type: 'doctype', name: 'article', public: JATS_PUBLIC_ID, system: JATS_SYSTEM_ID };
}

/** The article as a JATS 1.3 Journal Publishing document. */
export function toJats(tree: ArticleRoot, options: ToJatsOptions = {}): string {
  const xml = toXml(toJatsTree(tree, options), { closeEmptyElements: true, tightClose: true });
  // `]]>` may not appear in character data; the serializer escapes only `<` and `&`.
  return xml.replaceAll(']]>', ']]&gt;');
}
