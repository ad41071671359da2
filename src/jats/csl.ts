/**
 * CSL-JSON items ↔ JATS `element-citation`.
 *
 * The mapping is written so that every field it knows comes back unchanged
 * when our own output is read again; fields it does not know are listed by
 * `unmappedCslFields` so the caller can report them.
 *
 * - `page`: a range `a-b` → `fpage`/`lpage`; one page → `fpage`; an
 *   e-locator (`e000704`) → `elocation-id`; anything else → `page-range`.
 *   `number` (report, standard, patent numbers) →
 *   `elocation-id content-type="number"`.
 * - `custom.etAl` / `editorEtAl` / `translatorEtAl` → `etal` in the person
 *   group; `custom.gbtType` → `specific-use="gbt7714-J"`; `custom.carrier`
 *   → `publication-format` (`OL` ↔ `online`, others in lower case);
 *   `custom.placeUnknown` / `publisherUnknown` → `publisher-loc` /
 *   `publisher-name` with `specific-use="unknown"` and `[S.l.]` / `[s.n.]`.
 * - `container-title-short` → a second `source specific-use="short"`;
 *   `genre`, `medium`, `note` → `comment content-type=...`;
 *   `number-of-pages` → `size units="pages"`; `event-date` → `conf-date`.
 * - `id`: not written when it is the entry's identifier (`ref-4`), which is
 *   what a reader gets back; otherwise `element-citation id`.
 */
import type { Element as XElement, ElementContent } from 'xast';
import type { Element } from 'libxmljs2';
import { el } from './build.js';
import { attr, kids, textOf } from './dom.js';
import { hasHan } from './chars.js';
import { CSL_TYPES as CSL_TYPE_LIST, type CslDate, type CslItem, type CslName, type CslType } from '../model/csl.js';

export type { CslDate, CslItem, CslName };

/** An item as read from a citation element, before it gets its id and is checked. */
export type CslDraft = Partial<CslItem>;

/** CSL type → JATS `publication-type`. */
const TYPE_TO_JATS: Record<string, string> = {
  'article-journal': 'journal',
  'article-magazine': 'magazine',
  'article-newspaper': 'newspaper',
  article: 'preprint',
  book: 'book',
  chapter: 'book',
  thesis: 'thesis',
  'paper-conference': 'confproc',
  report: 'report',
  webpage: 'webpage',
  patent: 'patent',
  dataset: 'data',
  software: 'software',
  standard: 'standard',
  document: 'other',
};

/** JATS `publication-type` (ours and common ones from elsewhere) → CSL type. */
const JATS_TO_TYPE: Record<string, CslType> = {
  journal: 'article-journal',
  magazine: 'article-magazine',
  newspaper: 'article-newspaper',
  preprint: 'article',
  book: 'book',
  thesis: 'thesis',
  dissertation: 'thesis',
  confproc: 'paper-conference',
  'conf-proc': 'paper-conference',
  conference: 'paper-conference',
  report: 'report',
  webpage: 'webpage',
  web: 'webpage',
  website: 'webpage',
  patent: 'patent',
  data: 'dataset',
  dataset: 'dataset',
  software: 'software',
  standard: 'standard',
  other: 'document',
};

const CSL_TYPES: ReadonlySet<string> = new Set(CSL_TYPE_LIST);

/** Types whose `title` is a part of a larger work named by `container-title`. */
const PART_TYPES = new Set([
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'chapter', 'entry', 'entry-dictionary',
  'entry-encyclopedia', 'paper-conference', 'post', 'post-weblog', 'review', 'review-book', 'webpage',
]);

const KNOWN_FIELDS = new Set([
  'type', 'author', 'editor', 'translator', 'title', 'container-title', 'container-title-short', 'collection-title',
  'issued', 'accessed', 'event-date', 'volume', 'issue', 'page', 'number', 'number-of-pages', 'edition', 'DOI', 'PMID',
  'PMCID', 'ISBN', 'ISSN', 'URL', 'publisher', 'publisher-place', 'event-title', 'event-place', 'language', 'custom',
  'genre', 'medium', 'note', 'id', 'version', 'scale', 'dimensions',
]);

const KNOWN_CUSTOM = new Set(['etAl', 'editorEtAl', 'translatorEtAl', 'gbtType', 'carrier', 'placeUnknown', 'publisherUnknown']);
const ETAL_KEY = { author: 'etAl', editor: 'editorEtAl', translator: 'translatorEtAl' } as const;
const COMMENT_FIELDS = ['genre', 'medium', 'note', 'scale', 'dimensions'] as const;
const NAME_FIELDS = new Set(['family', 'given', 'literal', 'suffix']);

const PERSON_ROLES = ['author', 'editor', 'translator'] as const;

/** Fields of the item that the JATS citation cannot carry (besides `id`). */
export function unmappedCslFields(item: CslItem): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(item)) {
    if (value === undefined) continue;
    if (!KNOWN_FIELDS.has(key)) out.push(key);
    else if (key === 'language' && typeof value === 'string' && !jatsLangOfCsl(value)) out.push(key);
    else if (key === 'custom' && value && typeof value === 'object') {
      for (const sub of Object.keys(value)) if (!KNOWN_CUSTOM.has(sub)) out.push(`custom.${sub}`);
    } else if ((key === 'issued' || key === 'accessed' || key === 'event-date') && value && typeof value === 'object') {
      const date = value as CslDate;
      const parts = date['date-parts'];
      if (!Array.isArray(parts) || parts.length !== 1 || Object.keys(date).some((k) => k !== 'date-parts')) out.push(key);
    } else if ((PERSON_ROLES as readonly string[]).includes(key) && Array.isArray(value)) {
      for (const name of value as CslName[]) {
        for (const k of Object.keys(name)) if (!NAME_FIELDS.has(k)) out.push(`${key}.${k}`);
      }
    }
  }
  return [...new Set(out)];
}

const CARRIER_TO_FORMAT: Record<string, string> = { OL: 'online' };
const FORMAT_TO_CARRIER: Record<string, string> = {
  online: 'OL',
  electronic: 'OL',
  cd: 'CD',
  'cd-rom': 'CD-ROM',
  mt: 'MT',
  dk: 'DK',
  dvd: 'DVD',
  disk: 'DISK',
};

/** `zh-CN` → `zh` (the form JATS4R shows); other tags unchanged. */
export function jatsLangOfCsl(language: string | undefined): string | undefined {
  if (!language) return undefined;
  if (/^zh(-CN|-Hans)?$/i.test(language)) return 'zh';
  // xml:lang is an NMTOKEN in the DTD: only well-formed language tags go in.
  return /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(language) ? language : undefined;
}

function cslLangOfJats(lang: string | undefined): string | undefined {
  if (!lang) return undefined;
  return lang === 'zh' ? 'zh-CN' : lang;
}

function isChineseItem(item: CslItem): boolean {
  if (item.language) return /^zh/i.test(item.language);
  return hasHan(`${item.title ?? ''}${item['container-title'] ?? ''}`);
}

function nameNode(name: CslName, eastern: boolean): XElement {
  if (name.literal !== undefined || (name.family === undefined && name.given === undefined)) {
    return el('collab', {}, name.literal ?? '');
  }
  const style = eastern || hasHan(`${name.family ?? ''}${name.given ?? ''}`) ? 'eastern' : 'western';
  if (name.family === undefined) {
    return el('string-name', { 'name-style': style }, el('given-names', {}, name.given ?? ''));
  }
  return el(
    'name',
    { 'name-style': style },
    el('surname', {}, name.family),
    name.given !== undefined ? el('given-names', {}, name.given) : undefined,
    name.suffix !== undefined ? el('suffix', {}, name.suffix) : undefined,
  );
}

function str(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = String(value);
  return s === '' ? undefined : s;
}

function datePartsOf(date: CslDate | undefined): Array<number | string> | undefined {
  const parts = date?.['date-parts']?.[0];
  return Array.isArray(parts) && parts.length ? parts : undefined;
}

const pad2 = (v: number | string) => String(v).padStart(2, '0');

/**
 * Build `<element-citation>` for one CSL item; `options.id` is written as
 * its `id` (for an item id that differs from the entry's identifier).
 */
export function elementCitation(item: CslItem, options: { id?: string } = {}): XElement {
  const type = item.type;
  const children: Array<ElementContent | undefined> = [];
  const eastern = isChineseItem(item);

  for (const role of PERSON_ROLES) {
    const names = item[role];
    const etAl = item.custom?.[ETAL_KEY[role]] === true;
    if ((!names || !names.length) && !etAl) continue;
    children.push(
      el(
        'person-group',
        { 'person-group-type': role },
        (names ?? []).map((n) => nameNode(n, eastern)),
        etAl ? el('etal') : undefined,
      ),
    );
  }

  const title = str(item.title);
  const container = str(item['container-title']);
  const partLevel = (type !== undefined && PART_TYPES.has(type)) || container !== undefined;
  if (partLevel) {
    if (title !== undefined) children.push(el(type === 'chapter' ? 'chapter-title' : 'article-title', {}, title));
    if (container !== undefined) children.push(el('source', {}, container));
  } else if (title !== undefined) children.push(el('source', {}, title));
  const containerShort = str(item['container-title-short']);
  if (containerShort !== undefined) children.push(el('source', { 'specific-use': 'short' }, containerShort));

  const series = str(item['collection-title']);
  if (series !== undefined) children.push(el('series', {}, series));
  const edition = str(item.edition);
  if (edition !== undefined) children.push(el('edition', {}, edition));
  const version = str(item.version);
  if (version !== undefined) children.push(el('version', {}, version));
  const eventTitle = str(item['event-title']);
  if (eventTitle !== undefined) children.push(el('conf-name', {}, eventTitle));
  const eventPlace = str(item['event-place']);
  if (eventPlace !== undefined) children.push(el('conf-loc', {}, eventPlace));
  const place = str(item['publisher-place']);
  if (place !== undefined) children.push(el('publisher-loc', {}, place));
  else if (item.custom?.placeUnknown === true) {
    children.push(el('publisher-loc', { 'specific-use': 'unknown' }, eastern ? '出版地不详' : 'S.l.'));
  }
  const publisher = str(item.publisher);
  if (publisher !== undefined) children.push(el('publisher-name', {}, publisher));
  else if (item.custom?.publisherUnknown === true) {
    children.push(el('publisher-name', { 'specific-use': 'unknown' }, eastern ? '出版者不详' : 's.n.'));
  }
  const eventDate = datePartsOf(item['event-date'] as CslDate | undefined);
  if (eventDate) {
    const iso = isoOfParts(eventDate);
    children.push(el('conf-date', { 'iso-8601-date': iso }, iso));
  }

  const issued = datePartsOf(item.issued);
  if (issued) {
    const [y, m, d] = issued;
    if (d !== undefined) children.push(el('day', {}, pad2(d)));
    if (m !== undefined) children.push(el('month', {}, pad2(m)));
    if (y !== undefined) children.push(el('year', {}, String(y)));
  }

  const volume = str(item.volume);
  if (volume !== undefined) children.push(el('volume', {}, volume));
  const issue = str(item.issue);
  if (issue !== undefined) children.push(el('issue', {}, issue));

  const page = str(item.page);
  if (page !== undefined) {
    const range = /^([^\s,-]+)-([^\s,-]+)$/.exec(page);
    if (/^[A-Za-z]+\d+$/.test(page)) children.push(el('elocation-id', {}, page));
    else if (range) children.push(el('fpage', {}, range[1]!), el('lpage', {}, range[2]!));
    else if (/^[^\s,–—-]+$/.test(page)) children.push(el('fpage', {}, page));
    else children.push(el('page-range', {}, page));
  }
  const number = str(item.number);
  if (number !== undefined) children.push(el('elocation-id', { 'content-type': 'number' }, number));
  const pages = str(item['number-of-pages']);
  if (pages !== undefined) children.push(el('size', { units: 'pages' }, pages));

  const accessed = datePartsOf(item.accessed);
  if (accessed) {
    const iso = isoOfParts(accessed);
    children.push(el('date-in-citation', { 'content-type': 'access-date', 'iso-8601-date': iso }, iso));
  }
  const isbn = str(item.ISBN);
  if (isbn !== undefined) children.push(el('isbn', {}, isbn));
  const issn = str(item.ISSN);
  if (issn !== undefined) children.push(el('issn', {}, issn));
  for (const [key, idType] of [
    ['DOI', 'doi'],
    ['PMID', 'pmid'],
    ['PMCID', 'pmcid'],
  ] as const) {
    const value = str(item[key]);
    if (value !== undefined) children.push(el('pub-id', { 'pub-id-type': idType }, value));
  }
  const url = str(item.URL);
  if (url !== undefined) children.push(el('ext-link', { 'ext-link-type': 'uri', 'xlink:href': url }, url));
  for (const key of COMMENT_FIELDS) {
    const value = str(item[key]);
    if (value !== undefined) children.push(el('comment', { 'content-type': key }, value));
  }

  const pubType = type === undefined ? undefined : (TYPE_TO_JATS[type] ?? type);
  const gbt = typeof item.custom?.gbtType === 'string' ? `gbt7714-${item.custom.gbtType}` : undefined;
  const carrier = typeof item.custom?.carrier === 'string' ? item.custom.carrier : undefined;
  return el(
    'element-citation',
    {
      id: options.id,
      'publication-type': pubType,
      'publication-format': carrier ? (CARRIER_TO_FORMAT[carrier] ?? carrier.toLowerCase()) : undefined,
      'specific-use': gbt,
      'xml:lang': jatsLangOfCsl(item.language),
    },
    children.filter((c): c is ElementContent => c !== undefined),
  );
}

function isoOfParts(parts: Array<number | string>): string {
  return parts.map((p, i) => (i === 0 ? String(p) : pad2(p))).join('-');
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

function monthNumber(value: string): number | undefined {
  if (/^\d{1,2}$/.test(value)) return Number(value);
  return MONTHS[value.slice(0, 3).toLowerCase()];
}

function readName(node: Element): CslName | undefined {
  const name = node.name();
  if (name === 'collab' || name === 'collab-alternatives') {
    const literal = textOf(name === 'collab' ? node : kids(node)[0]);
    return literal ? { literal } : undefined;
  }
  if (name === 'name-alternatives') {
    const first = kids(node).find((k) => k.name() === 'name' || k.name() === 'string-name');
    return first ? readName(first) : undefined;
  }
  if (name !== 'name' && name !== 'string-name') return undefined;
  const out: CslName = {};
  for (const k of kids(node)) {
    const v = textOf(k);
    if (!v) continue;
    if (k.name() === 'surname') out.family = v;
    else if (k.name() === 'given-names') out.given = v;
    else if (k.name() === 'suffix') out.suffix = v;
  }
  if (out.family === undefined && out.given === undefined) {
    const literal = textOf(node);
    return literal ? { literal } : undefined;
  }
  return out;
}

function isoParts(iso: string): number[] | undefined {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number);
}

/**
 * Read a CSL item from an `element-citation` (or a `mixed-citation` that
 * tags its parts). Returns undefined when the element tags nothing useful.
 */
export function readCitation(node: Element): CslDraft | undefined {
  const item: CslDraft = {};
  const pubType = attr(node, 'publication-type');
  let sawTitle = false;
  let articleTitle: string | undefined;
  let chapterTitle: string | undefined;
  let source: string | undefined;
  let year: number | string | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let fpage: string | undefined;
  let lpage: string | undefined;
  let elocation: string | undefined;
  const custom: NonNullable<CslDraft['custom']> = {};

  const visit = (parent: Element) => {
    for (const k of kids(parent)) {
      const v = textOf(k);
      switch (k.name()) {
        case 'person-group': {
          const role = attr(k, 'person-group-type') ?? 'author';
          const key = role === 'editor' ? 'editor' : role === 'translator' ? 'translator' : role === 'author' ? 'author' : undefined;
          if (!key) break;
          const names: CslName[] = item[key] ?? [];
          for (const n of kids(k)) {
            if (n.name() === 'etal') {
              custom[ETAL_KEY[key]] = true;
              continue;
            }
            const name = readName(n);
            if (name) names.push(name);
          }
          if (names.length) item[key] = names;
          break;
        }
        case 'name':
        case 'string-name':
        case 'collab': {
          const name = readName(k);
          if (name) (item.author ??= []).push(name);
          break;
        }
        case 'etal':
          custom.etAl = true;
          break;
        case 'article-title':
          if (v) articleTitle = v;
          sawTitle = true;
          break;
        case 'chapter-title':
          if (v) chapterTitle = v;
          sawTitle = true;
          break;
        case 'data-title':
        case 'part-title':
          if (v && articleTitle === undefined) articleTitle = v;
          sawTitle = true;
          break;
        case 'source':
          if (!v) break;
          if (attr(k, 'specific-use') === 'short') item['container-title-short'] = v;
          else source = v;
          break;
        case 'series':
          if (v) item['collection-title'] = v;
          break;
        case 'edition':
          if (v) item.edition = v;
          break;
        case 'version':
          if (v) item.version = v;
          break;
        case 'conf-name':
          if (v) item['event-title'] = v;
          break;
        case 'conf-loc':
          if (v) item['event-place'] = v;
          break;
        case 'publisher-loc':
          if (attr(k, 'specific-use') === 'unknown') custom.placeUnknown = true;
          else if (v) item['publisher-place'] = v;
          break;
        case 'publisher-name':
          if (attr(k, 'specific-use') === 'unknown') custom.publisherUnknown = true;
          else if (v) item.publisher = v;
          break;
        case 'conf-date': {
          const parts = isoParts(attr(k, 'iso-8601-date') ?? v);
          if (parts) item['event-date'] = { 'date-parts': [parts] };
          break;
        }
        case 'size':
          if (v && attr(k, 'units') === 'pages') item['number-of-pages'] = v;
          break;
        case 'comment': {
          const type = attr(k, 'content-type');
          if (v && type && (COMMENT_FIELDS as readonly string[]).includes(type)) item[type as (typeof COMMENT_FIELDS)[number]] = v;
          break;
        }
        case 'year': {
          const iso = attr(k, 'iso-8601-date');
          const digits = /\d{4}/.exec(iso ?? v)?.[0];
          if (digits) year = Number(digits);
          break;
        }
        case 'month':
          if (v) month = monthNumber(v);
          break;
        case 'day':
          if (/^\d{1,2}$/.test(v)) day = Number(v);
          break;
        case 'date': {
          visit(k);
          break;
        }
        case 'volume':
          if (v) item.volume = v;
          break;
        case 'issue':
          if (v) item.issue = v;
          break;
        case 'fpage':
          if (v) fpage = v;
          break;
        case 'lpage':
          if (v) lpage = v;
          break;
        case 'page-range':
          if (v) item.page = v;
          break;
        case 'elocation-id':
          if (!v) break;
          if (attr(k, 'content-type') === 'number') item.number = v;
          else elocation = v;
          break;
        case 'date-in-citation': {
          const type = attr(k, 'content-type');
          const parts = isoParts(attr(k, 'iso-8601-date') ?? v);
          if (parts && (type === 'access-date' || type === 'accessed' || !type)) item.accessed = { 'date-parts': [parts] };
          break;
        }
        case 'isbn':
          if (v) item.ISBN = v;
          break;
        case 'issn':
          if (v) item.ISSN = v;
          break;
        case 'pub-id': {
          const t = (attr(k, 'pub-id-type') ?? '').toLowerCase();
          if (!v) break;
          if (t === 'doi') item.DOI = v;
          else if (t === 'pmid') item.PMID = v;
          else if (t === 'pmcid') item.PMCID = v;
          break;
        }
        case 'ext-link':
        case 'uri': {
          const href = attr(k, 'href', 'xlink') ?? v;
          if (href) item.URL = href;
          break;
        }
        default:
          break;
      }
    }
  };
  visit(node);

  let type: CslType | undefined = pubType ? (JATS_TO_TYPE[pubType] ?? (CSL_TYPES.has(pubType) ? (pubType as CslType) : 'document')) : undefined;
  if (type === 'book' && chapterTitle !== undefined) type = 'chapter';
  if (type === undefined) {
    // No publication-type (JATS from elsewhere): guess from the parts tagged.
    type = chapterTitle !== undefined ? 'chapter' : articleTitle !== undefined && source !== undefined ? 'article-journal' : item.publisher ? 'book' : 'document';
  }
  item.type = type;

  const partTitle = chapterTitle ?? articleTitle;
  if ((type !== undefined && PART_TYPES.has(type)) || sawTitle) {
    if (partTitle !== undefined) item.title = partTitle;
    if (source !== undefined) item['container-title'] = source;
  } else if (source !== undefined) item.title = source;

  if (year !== undefined) {
    const parts: number[] = [Number(year)];
    if (month !== undefined) {
      parts.push(month);
      if (day !== undefined) parts.push(day);
    }
    item.issued = { 'date-parts': [parts] };
  }
  if (item.page === undefined && fpage !== undefined) item.page = lpage !== undefined ? `${fpage}-${lpage}` : fpage;
  if (item.page === undefined && elocation !== undefined) item.page = elocation;

  const gbt = /^gbt7714-([A-Z]{1,2})$/.exec(attr(node, 'specific-use') ?? '');
  if (gbt) custom.gbtType = gbt[1];
  const format = attr(node, 'publication-format');
  const carrier = format ? FORMAT_TO_CARRIER[format.toLowerCase()] : undefined;
  if (carrier) custom.carrier = carrier;
  if (Object.keys(custom).length) item.custom = custom;

  const lang = cslLangOfJats(attr(node, 'lang', 'xml'));
  if (lang) item.language = lang;

  const meaningful = Object.keys(item).some((k) => k !== 'type' && k !== 'language');
  return meaningful ? item : undefined;
}
