/**
 * The YAML front matter of article.md: the metadata model (`ArticleMeta`,
 * bilingual `{zh, en}` maps) laid out so that pandoc and MyST read it.
 *
 * A plain key carries the document language (`lang`, zh for our articles);
 * the other language sits in a key of its own named `<key>-<lang>`:
 *
 *     lang: zh
 *     title: 间充质干细胞…            title-en: Mechanisms …
 *     author: [舒兆平, 袁媛, 付强]      (pandoc: names as strings)
 *     authors:                         (MyST: maps with name, affiliations, …)
 *       - name: 舒兆平
 *         name-en: SHU Zhaoping
 *         affiliations: [aff1]
 *         corresponding: false
 *     affiliations:
 *       - id: aff1
 *         label: "1"
 *         text: …  institution: …  city: …  province: …  postcode: …  country: …
 *         en: { text: …, institution: …, … }
 *     abstract: …                      abstract-en: …
 *     keywords: […]                    keywords-en: […]   keywords-en-derived: true
 *     date: 2023-08-31                 (repeats `received`, for pandoc and MyST)
 *     funding: …  funding-en: …  authorNotes: …  authorNotes-en: …
 *     abstractParts: […]  abstractParts-en: […]
 *     journal: { title, title-en, abbrev, publisher, publisher-en, volume }
 *     correspondence: { name, name-en, email }
 *     suppress-bibliography: true      (the printed list is the bibliography)
 *
 * An English-language article (`lang: en`) mirrors it: plain keys in
 * English, `title-zh`, `name-zh`, affiliations with a `zh:` part, and
 * `keywords-derived` for the derived English keywords.
 *
 * `author`, `date` and `suppress-bibliography` are derived: the reader checks
 * that `author` and `date` agree with `authors` and `received` and otherwise
 * ignores them. The earlier layout (`title: {zh, en}` maps, the model as is)
 * is still read.
 */
import { z } from 'zod';
import { describeZodError, metaSchema, type ArticleMeta } from '../model/meta.js';
import type { GlossaryEntry } from '../model/types.js';

export type Lang = 'zh' | 'en';
type Bi<T> = { zh?: T; en?: T };
/** The metadata with either document language (the model itself holds zh articles only). */
export type FrontMeta = Omit<ArticleMeta, 'lang'> & { lang: Lang };

export const SUPPRESS_BIBLIOGRAPHY = 'suppress-bibliography';
const ABSTRACT_TITLE = 'abstract-title';
const ABSTRACT_TITLES: Record<Lang, string> = { zh: '摘要', en: 'Abstract' };

/**
 * Keys that tell pandoc or MyST how to render (bibliography files, styles,
 * fonts, templates): not metadata of the article. Read without complaint and
 * left out of the model; the reader reports each as `meta-key-ignored`.
 */
export const RENDERING_KEYS: ReadonlySet<string> = new Set([
  'bibliography', 'csl', 'citation-style', 'link-citations', 'link-bibliography', 'nocite', 'reference-section-title',
  'header-includes', 'include-before', 'include-after', 'documentclass', 'classoption', 'geometry',
  'papersize', 'fontsize', 'mainfont', 'sansfont', 'monofont', 'CJKmainfont', 'CJKsansfont', 'CJKoptions', 'linestretch',
  'colorlinks', 'linkcolor', 'urlcolor', 'citecolor', 'toc', 'toc-depth', 'toc-title', 'numbersections', 'number-sections',
  'lof', 'lot', 'pagestyle', 'margin-left', 'margin-right', 'margin-top', 'margin-bottom', 'output', 'exports', 'export',
  'numbering', 'math', 'abbreviations', 'thumbnail', 'banner', 'site', 'project', 'kernelspec', 'jupytext',
]);
const LANGS: readonly Lang[] = ['zh', 'en'];
const PART_KEYS = ['text', 'institution', 'city', 'province', 'postcode', 'country'] as const;
/** Model fields whose value is a `{zh, en}` map: in the file `<field>` and `<field>-<other>`. */
const BILINGUAL_FIELDS = new Set(['title', 'abstract', 'keywords', 'funding', 'authorNotes', 'abstractParts', 'name', 'publisher']);

const otherOf = (lang: Lang): Lang => (lang === 'zh' ? 'en' : 'zh');
/** The file key of a bilingual field's value in language `l`. */
const keyOf = (base: string, l: Lang, lang: Lang) => (l === lang ? base : `${base}-${l}`);
/** The flag for derived English keywords: next to the English keywords. */
const derivedKey = (lang: Lang) => `${keyOf('keywords', 'en', lang)}-derived`;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function defined(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) if (v !== undefined) out[k] = v;
  return out;
}

/** The name pandoc shows for an author: in the document language, else the other one. */
function displayName(name: Bi<string>, lang: Lang): string {
  return name[lang] ?? name[otherOf(lang)] ?? '';
}

/* ------------------------------------------------------------------ out */

/** Front matter object for pandoc and MyST, keys in a fixed order. */
export function toFrontMatter(meta: FrontMeta, glossary?: GlossaryEntry[], options: { suppressBibliography?: boolean } = {}): Record<string, unknown> {
  const lang = meta.lang;
  const other = otherOf(lang);
  const out: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined) out[key] = value;
  };
  const putBoth = (base: string, value: Bi<unknown> | undefined) => {
    put(base, value?.[lang]);
    put(`${base}-${other}`, value?.[other]);
  };
  put('lang', lang);
  if (meta.journal) {
    const j = meta.journal;
    out.journal = defined([
      ['title', j.title[lang]],
      [`title-${other}`, j.title[other]],
      ['abbrev', j.abbrev],
      ['publisher', j.publisher?.[lang]],
      [`publisher-${other}`, j.publisher?.[other]],
      ['volume', j.volume],
    ]);
  }
  putBoth('title', meta.title);
  if (meta.authors.length) {
    out.author = meta.authors.map((a) => displayName(a.name, lang));
    out.authors = meta.authors.map((a) =>
      defined([
        ['name', a.name[lang]],
        [`name-${other}`, a.name[other]],
        ['affiliations', a.affiliations],
        ['corresponding', a.corresponding],
        ['email', a.email],
      ]),
    );
  }
  if (meta.affiliations.length) {
    out.affiliations = meta.affiliations.map((aff) => ({ id: aff.id, label: aff.label, ...aff[lang], ...(aff[other] ? { [other]: aff[other] } : {}) }));
  }
  putBoth('abstract', meta.abstract);
  // pandoc heads the abstract with this (its default is the English "Abstract").
  if (meta.abstract?.[lang]) put(ABSTRACT_TITLE, ABSTRACT_TITLES[lang]);
  putBoth('keywords', meta.keywords);
  put(derivedKey(lang), meta.keywords.enDerived);
  put('clc', meta.clc);
  put('documentCode', meta.documentCode);
  put('articleNumber', meta.articleNumber);
  put('doi', meta.doi);
  put('date', meta.received);
  put('received', meta.received);
  put('revised', meta.revised);
  put('accepted', meta.accepted);
  putBoth('funding', meta.funding);
  putBoth('authorNotes', meta.authorNotes);
  putBoth('abstractParts', meta.abstractParts);
  put('editor', meta.editor);
  if (meta.correspondence) {
    const c = meta.correspondence;
    out.correspondence = defined([
      ['name', c.name?.[lang]],
      [`name-${other}`, c.name?.[other]],
      ['email', c.email],
    ]);
  }
  if (glossary?.length) out.glossary = glossary;
  if (options.suppressBibliography) out[SUPPRESS_BIBLIOGRAPHY] = true;
  return out;
}

/* ------------------------------------------------------------------- in */

/** The layout written before pandoc/MyST keys: the model as is, `title: {zh, en}`. */
export function isModelLayout(record: Record<string, unknown>): boolean {
  const maps = ['title', 'abstract', 'keywords', 'funding', 'authorNotes', 'abstractParts'].some((k) => isRecord(record[k]));
  const authors = Array.isArray(record.authors) && record.authors.some((a) => isRecord(a) && isRecord(a.name));
  const journal = isRecord(record.journal) && isRecord(record.journal.title);
  const corresp = isRecord(record.correspondence) && isRecord(record.correspondence.name);
  return maps || authors || journal || corresp;
}

export interface Converted {
  /** The model object, not yet validated. */
  meta: Record<string, unknown>;
  /** The document language the keys were read with. */
  lang: Lang;
  /** The key the author list was read from (`authors`, or `author` alone). */
  authorsKey: 'authors' | 'author';
  /** Problems found on the way (each names the field). */
  problems: string[];
  /** Rendering keys of pandoc or MyST read and left out (see RENDERING_KEYS). */
  ignored: string[];
}

/** Pandoc/MyST layout → model object (unvalidated); the inverse of `toFrontMatter`. */
export function fromFrontMatter(input: Record<string, unknown>, root = 'front matter'): Converted {
  const record = { ...input };
  const problems: string[] = [];
  const lang: Lang = record.lang === 'en' ? 'en' : 'zh';
  const other = otherOf(lang);
  const take = (key: string) => {
    const v = record[key];
    delete record[key];
    return v;
  };
  const both = (base: string, src: Record<string, unknown> = record): Record<string, unknown> | undefined => {
    const l = src[base];
    const o = src[`${base}-${other}`];
    delete src[base];
    delete src[`${base}-${other}`];
    if (l === undefined && o === undefined) return undefined;
    return defined([
      [lang, l],
      [other, o],
    ]);
  };
  const meta: Record<string, unknown> = {};
  meta.lang = take('lang') ?? 'zh';

  const journal = take('journal');
  if (isRecord(journal)) {
    const j = { ...journal };
    meta.journal = { title: both('title', j) ?? {}, ...defined([['publisher', both('publisher', j)]]), ...j };
  } else if (journal !== undefined) meta.journal = journal;

  meta.title = both('title') ?? {};

  // Authors: `authors` (MyST) is the list; `author` (pandoc) repeats their names. A file with
  // only `author` (strings or maps, as pandoc and MyST both accept) is read from it.
  const names = take('author');
  const list = take('authors');
  const authorsKey = list === undefined && names !== undefined ? 'author' : 'authors';
  const source = authorsKey === 'author' ? names : list;
  if (source !== undefined) meta.authors = Array.isArray(source) ? source.map((a) => readAuthor(a, lang)) : source;
  else meta.authors = [];
  if (authorsKey === 'authors' && names !== undefined && Array.isArray(list)) {
    const want = list.map((a) => (typeof a === 'string' ? a : isRecord(a) ? displayName({ [lang]: a.name, [other]: a[`name-${other}`] } as Bi<string>, lang) : ''));
    if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) {
      problems.push(`${root}.author: a list of the authors' names (strings), as pandoc reads them`);
    } else if (names.length !== want.length) {
      problems.push(`${root}.author: ${names.length} name${names.length === 1 ? '' : 's'}, but authors lists ${want.length}; author repeats the names in authors`);
    } else {
      names.forEach((n, i) => {
        if (n !== want[i]) problems.push(`${root}.author.${i}: "${n}" differs from the name in authors.${i} ("${want[i]}"); author repeats the names in authors`);
      });
    }
  }

  const affiliations = take('affiliations');
  meta.affiliations = affiliations === undefined ? [] : Array.isArray(affiliations) ? affiliations.map((a, i) => readAffiliation(a, lang, `${root}.affiliations.${i}`, problems)) : affiliations;

  const abstract = both('abstract');
  if (abstract) meta.abstract = abstract;
  meta.keywords = { ...both('keywords'), ...defined([['enDerived', take(derivedKey(lang))]]) };
  for (const key of ['clc', 'documentCode', 'articleNumber', 'doi']) if (record[key] !== undefined) meta[key] = take(key);

  const date = take('date');
  if (date !== undefined) {
    if (record.received === undefined) problems.push(`${root}.date: repeats the received date; write it as received`);
    else if (date !== record.received) problems.push(`${root}.date: ${JSON.stringify(date)} differs from received (${JSON.stringify(record.received)}); date repeats it`);
  }
  for (const key of ['received', 'revised', 'accepted']) if (record[key] !== undefined) meta[key] = take(key);
  for (const key of ['funding', 'authorNotes', 'abstractParts']) {
    const v = both(key);
    if (v) meta[key] = v;
  }
  if (record.editor !== undefined) meta.editor = take('editor');
  const corresp = take('correspondence');
  if (isRecord(corresp)) {
    const c = { ...corresp };
    meta.correspondence = { ...defined([['name', both('name', c)]]), ...c };
  } else if (corresp !== undefined) meta.correspondence = corresp;

  // Written from the language; any heading the file gives is a rendering choice.
  const ignoredTitles: string[] = [];
  const abstractTitle = take(ABSTRACT_TITLE);
  if (abstractTitle !== undefined && abstractTitle !== ABSTRACT_TITLES[lang]) ignoredTitles.push(ABSTRACT_TITLE);
  const suppress = take(SUPPRESS_BIBLIOGRAPHY);
  if (suppress !== undefined && typeof suppress !== 'boolean') problems.push(`${root}.${SUPPRESS_BIBLIOGRAPHY}: true or false`);
  const ignored = [...ignoredTitles, ...Object.keys(record).filter((k) => RENDERING_KEYS.has(k))];
  for (const k of ignored) take(k);
  // Anything else stays, for the schema to name as unrecognized (spread, not assigned: a
  // `__proto__` key stays an own key).
  return { meta: { ...meta, ...record }, lang, authorsKey, problems, ignored };
}

function readAuthor(item: unknown, lang: Lang): unknown {
  const other = otherOf(lang);
  if (typeof item === 'string') return { name: { [lang]: item }, affiliations: [], corresponding: false };
  if (!isRecord(item)) return item;
  const { name, [`name-${other}`]: otherName, affiliations = [], corresponding = false, ...rest } = item;
  return {
    name: defined([
      [lang, name],
      [other, otherName],
    ]),
    affiliations,
    corresponding,
    ...rest,
  };
}

/** An affiliation: the document language's parts at its top level, the other language's under its code. */
function readAffiliation(item: unknown, lang: Lang, where: string, problems: string[]): unknown {
  if (!isRecord(item)) return item;
  const { id, label, [lang]: nested, ...rest } = item;
  const part: Record<string, unknown> = {};
  for (const k of PART_KEYS) {
    if (rest[k] !== undefined) part[k] = rest[k];
    delete rest[k];
  }
  const out: Record<string, unknown> = defined([
    ['id', id],
    ['label', label],
  ]);
  if (Object.keys(part).length) {
    out[lang] = part;
    if (nested !== undefined) problems.push(`${where}.${lang}: the ${lang} parts are written at the top level of the affiliation`);
  } else if (nested !== undefined) out[lang] = nested;
  return { ...out, ...rest };
}

/** A model field path as the file names it (`title.en` → `title-en`, `affiliations.0.zh.city` → `affiliations.0.city`). */
export function fileField(path: ReadonlyArray<PropertyKey>, lang: Lang, authorsKey: 'authors' | 'author' = 'authors'): string {
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const prev = path[i - 1];
    if (i === 0 && seg === 'authors') {
      out.push(authorsKey);
      continue;
    }
    if (LANGS.includes(seg as Lang) && i > 0) {
      if (typeof prev === 'number' && path[i - 2] === 'affiliations') {
        if (seg !== lang) out.push(String(seg));
        continue;
      }
      if (typeof prev === 'string' && BILINGUAL_FIELDS.has(prev)) {
        out[out.length - 1] = keyOf(prev, seg as Lang, lang);
        continue;
      }
    }
    if (seg === 'enDerived' && prev === 'keywords') {
      out[out.length - 1] = derivedKey(lang);
      continue;
    }
    out.push(String(seg));
  }
  return out.join('.');
}

const glossarySchema = z.array(z.object({ zh: z.string().min(1), en: z.string().min(1).optional(), abbr: z.string().min(1).optional() }).strict());

export interface FrontMatterRead {
  /** The validated metadata, or null when it failed validation. */
  meta: ArticleMeta | null;
  glossary?: GlossaryEntry[];
  /** One line per problem, each naming the field as the file writes it. */
  problems: string[];
  /** Rendering keys of pandoc or MyST left out of the model. */
  ignored: string[];
}

/** Read parsed YAML front matter (either layout) into validated metadata and the glossary. */
export function readFrontMatter(data: unknown, root = 'front matter'): FrontMatterRead {
  const record = isRecord(data) ? { ...data } : {};
  const problems: string[] = [];
  const ignored: string[] = [];
  let glossary: GlossaryEntry[] | undefined;
  if ('glossary' in record) {
    const g = glossarySchema.safeParse(record.glossary);
    if (g.success) glossary = g.data;
    else problems.push(...describeZodError(g.error, 'glossary'));
    delete record.glossary;
  }
  if (isModelLayout(record)) {
    const parsed = metaSchema.safeParse({ lang: 'zh', title: {}, authors: [], affiliations: [], keywords: {}, ...record });
    if (parsed.success) return { meta: parsed.data, glossary, problems, ignored };
    problems.push(...describeZodError(parsed.error, root));
    return { meta: null, glossary, problems, ignored };
  }
  const converted = fromFrontMatter(record, root);
  problems.push(...converted.problems);
  ignored.push(...converted.ignored);
  const parsed = metaSchema.safeParse(converted.meta);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fileField(issue.path, converted.lang, converted.authorsKey);
      problems.push(`${field ? `${root}.${field}` : root}: ${issue.message}`);
    }
  }
  return { meta: parsed.success && !converted.problems.length ? parsed.data : null, glossary, problems, ignored };
}
