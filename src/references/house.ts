/**
 * The house style (`assets/csl/zhpub-house.csl`) written out as code, for
 * the PDF: formatting a reference list this way takes a millisecond, where
 * starting the citation processor takes a few hundred.
 *
 * The CSL file stays the definition of the style. This module follows its
 * macros one for one and answers `null` for anything it does not model
 * exactly (names with particles or suffixes, literal dates, unusual page
 * ranges and editions, ...); those items go to the citation processor.
 * A test checks that every answer equals the processor's, over the seed,
 * the corpus and the labelled reference set.
 */
import { HAN, inferLanguage, type CslDate, type CslItem, type CslName } from './csl.js';
import { typeCode } from './codes.js';

/** A literal text in a group: printed, but it does not keep an empty group alive. */
interface Lit {
  lit: string;
}
type Part = string | Lit | undefined;

class Unsupported extends Error {}

/** Join `left` and `right` with `delim`, merging a period that would follow `.`, `?` or `!`. */
function joinPunct(left: string, delim: string, right: string): string {
  if (delim.startsWith('.') && /[.?!]$/.test(left)) delim = delim.slice(1);
  return left + delim + right;
}

/** A CSL group: empty when it calls variables and all of them are empty. */
function group(delim: string, parts: Part[]): string {
  let out = '';
  let any = false;
  let first = true;
  for (const p of parts) {
    if (p === undefined || p === '') continue;
    const text = typeof p === 'string' ? p : p.lit;
    if (typeof p === 'string') any = true;
    out = first ? text : joinPunct(out, delim, text);
    first = false;
  }
  const calls = parts.some((p) => p === undefined || typeof p === 'string');
  return calls && !any ? '' : out;
}

const affix = (prefix: string, s: string | undefined, suffix: string): string => (s ? prefix + s + suffix : '');

/** A plain text variable: the processor prints these unchanged. */
function variable(value: unknown): string {
  if (value === undefined || value === null) return '';
  const s = String(value);
  // Curly quotes, which the processor reads as markup (straight quotes and
  // angle brackets are shielded from it by format.ts); spacing it may tidy;
  // a space before `:;!?`, which it narrows to U+202F.
  if (/[\u2018\u2019\u201c\u201d]|^\s|\s$|\s{2}|\s[:;!?]/.test(s)) throw new Unsupported();
  return s;
}

// ---- names ----

const ROMAN_GIVEN = /^\p{Lu}\p{Ll}*\.?(?:-\p{Lu}\p{Ll}*\.?)*$/u;
const ROMAN_FAMILY = /^\p{Lu}\p{L}*(?:[-' ]\p{Lu}\p{L}*)*$/u;

function initials(given: string): string {
  const tokens = given.split(/[\s.]+/).filter(Boolean);
  if (!tokens.length) return '';
  return tokens
    .map((t) => {
      if (!ROMAN_GIVEN.test(t)) throw new Unsupported();
      return t
        .split('-')
        .map((p) => p[0])
        .join('-');
    })
    .join('');
}

function personName(n: CslName): string {
  if (n.suffix || n['non-dropping-particle'] || n['dropping-particle']) throw new Unsupported();
  if (n.literal !== undefined) return variable(n.literal);
  const family = n.family ?? '';
  const given = n.given ?? '';
  if (HAN.test(family) || HAN.test(given)) {
    if (!/^\p{Script=Han}+$/u.test(family) || (given && !/^\p{Script=Han}+$/u.test(given))) throw new Unsupported();
    return family + given;
  }
  if (!ROMAN_FAMILY.test(family)) throw new Unsupported();
  const init = initials(given);
  return init ? `${family} ${init}` : family;
}

/** A name list: three names, then et al. / 等 from the fourth, or where the source cut it. */
function nameList(names: CslName[] | undefined, cut: boolean | undefined, zh: boolean): string {
  if (!names?.length) return '';
  const etAl = zh ? '等' : 'et al.';
  const printed = names.map(personName);
  if (cut && names.length < 3) return [...printed, etAl].join(', ');
  if (cut || names.length >= 4) return [...printed.slice(0, 3), etAl].join(', ');
  return printed.join(', ');
}

// ---- dates ----

function dateParts(d: CslDate | undefined): number[][] | undefined {
  if (!d) return undefined;
  if (d.literal !== undefined || d.raw !== undefined || d.season !== undefined || d.circa !== undefined) throw new Unsupported();
  const parts = d['date-parts'];
  if (!parts?.length) return undefined;
  return parts.map((p) =>
    p.map((x) => {
      const n = Number(x);
      if (!Number.isInteger(n) || n <= 0) throw new Unsupported();
      return n;
    }),
  );
}

const pad2 = (n: number | undefined) => (n === undefined ? '' : `-${String(n).padStart(2, '0')}`);

function year(d: CslDate | undefined): string {
  const parts = dateParts(d);
  if (!parts) return '';
  if (parts.length === 2) {
    if (parts[0]!.length !== 1 || parts[1]!.length !== 1) throw new Unsupported();
    return parts[0]![0] === parts[1]![0] ? String(parts[0]![0]) : `${parts[0]![0]}-${parts[1]![0]}`;
  }
  return String(parts[0]![0]);
}

function fullDate(d: CslDate | undefined): string {
  const parts = dateParts(d);
  if (!parts) return '';
  if (parts.length !== 1) throw new Unsupported();
  const [y, m, day] = parts[0]!;
  if (m !== undefined && m > 12) throw new Unsupported();
  return `${y}${pad2(m)}${m === undefined ? '' : pad2(day)}`;
}

function accessed(item: CslItem): string {
  return affix('[', fullDate(item.accessed), ']');
}

// ---- numbers ----

const SIMPLE_PAGE = /^[A-Za-z]{0,2}\d+[A-Za-z]?(?:-[A-Za-z]{0,2}\d+[A-Za-z]?)?$/;

function page(item: CslItem): string {
  const p = variable(item.page);
  if (!p) return variable(item.dimensions);
  if (!SIMPLE_PAGE.test(p)) throw new Unsupported();
  return p;
}

function edition(item: CslItem, zh: boolean): string {
  const version = variable(item.version);
  if (!version) return editionOnly(item, zh);
  if (item.edition !== undefined) throw new Unsupported();
  return version;
}

function editionOnly(item: CslItem, zh: boolean): string {
  const e = variable(item.edition);
  if (!e) return '';
  if (/^\d+$/.test(e)) {
    if (zh) return `${e} 版`;
    const n = Number(e);
    const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
    return `${e}${suffix} ed.`;
  }
  if (/\d/.test(e)) throw new Unsupported();
  return e;
}

// ---- macros of the style ----

const ELECTRONIC = new Set(['webpage', 'post', 'post-weblog', 'dataset', 'software']);

function typeCodeGroup(item: CslItem): string {
  const carrier = item.custom?.carrier;
  const medium = typeof carrier === 'string' && carrier ? carrier : ELECTRONIC.has(item.type) && item.URL ? 'OL' : undefined;
  return `[${group('/', [typeCode(item), medium])}]`;
}

function titleCode(item: CslItem): string {
  let extra: Part;
  if (['book', 'classic', 'collection'].includes(item.type)) extra = variable(item.volume);
  else if (['standard', 'patent', 'report', 'legislation', 'regulation'].includes(item.type)) extra = variable(item.number);
  else if (item.type === 'map') extra = variable(item.scale);
  return group('', [group(': ', [variable(item.title), extra]), typeCodeGroup(item)]);
}

function creators(item: CslItem, zh: boolean): string {
  if (item.author?.length) return nameList(item.author, item.custom?.etAl, zh);
  if (!item['container-title'] && item.editor?.length) return nameList(item.editor, item.custom?.editorEtAl, zh);
  return '';
}

function translators(item: CslItem, zh: boolean): string {
  const names = nameList(item.translator, item.custom?.translatorEtAl, zh);
  return names ? `${names}, ${zh ? '译' : 'trans.'}` : '';
}

const FULL_DATE_TYPES = new Set(['patent', 'report', 'webpage', 'post', 'post-weblog', 'dataset', 'software', 'standard', 'article']);

function publication(item: CslItem): string {
  const date = FULL_DATE_TYPES.has(item.type) ? fullDate(item.issued) : year(item.issued);
  return group('', [
    group(', ', [group(': ', [variable(item['publisher-place']), variable(item.publisher)]), group(':', [date, page(item)])]),
    accessed(item),
  ]);
}

function serial(item: CslItem): string {
  const issue = affix('(', variable(item.issue), ')');
  const main = item.volume
    ? [year(item.issued), group(':', [group('', [variable(item.volume), issue]), page(item)])]
    : [group(':', [group('', [year(item.issued), issue]), page(item)])];
  return group('', [group(', ', [variable(item['container-title']), ...main]), accessed(item)]);
}

function newspaper(item: CslItem): string {
  return group('', [
    group(', ', [variable(item['container-title']), fullDate(item.issued)]),
    affix('(', page(item), ')'),
    accessed(item),
  ]);
}

function periodical(item: CslItem): string {
  return group('. ', [
    group('', [group(', ', [year(item.issued), variable(item.volume)]), affix('(', variable(item.issue), ')')]),
    group(', ', [group(': ', [variable(item['publisher-place']), variable(item.publisher)]), year(item.issued)]),
  ]);
}

function links(item: CslItem): string {
  return group('. ', [variable(item.URL), affix('DOI:', variable(item.DOI), '')]);
}

function entry(item: CslItem, zh: boolean): string {
  const type = item.type;
  let body: Part[];
  if (type === 'article-journal' || type === 'article-magazine') body = [titleCode(item), serial(item)];
  else if (type === 'periodical') body = [titleCode(item), periodical(item)];
  else if (type === 'article-newspaper') body = [titleCode(item), newspaper(item)];
  else if (item['container-title']) {
    const host = group('. ', [
      nameList(item.editor, item.custom?.editorEtAl, zh),
      group(': ', [variable(item['container-title']), variable(item.volume)]),
    ]);
    body = [group('//', [titleCode(item), host]), translators(item, zh), edition(item, zh), publication(item)];
  } else if (type === 'patent') body = [titleCode(item), group('', [fullDate(item.issued), accessed(item)])];
  else if (item.publisher || item['publisher-place'] || type === 'standard' || type === 'report')
    body = [titleCode(item), translators(item, zh), edition(item, zh), publication(item)];
  else body = [titleCode(item), translators(item, zh), edition(item, zh), group('', [affix('(', fullDate(item.issued), ')'), accessed(item)])];
  const text = group('. ', [creators(item, zh), ...body, links(item)]);
  return text ? joinPunct(text, '.', '') : '';
}

/**
 * One item in the house style, as the citation processor would print it
 * (without list numbering), or `null` when the item needs the processor.
 */
export function formatHouse(item: CslItem): string | null {
  try {
    const zh = /^zh/i.test(item.language ?? inferLanguage(item));
    return entry(item, zh) || null;
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}
