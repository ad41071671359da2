/**
 * Scoring of structure recognition against hand-written labels
 * (`../shared/corpus/labels/*.json`, `tests/fixtures/labels/*.json`; the
 * schema and the labelling guide are in the shared folder's README).
 *
 * Pure: `scoreArticle(label, tree)` compares one label with one model tree
 * and returns a verdict per field; `summarize` adds verdicts up per field.
 *
 * Strings compare after `canon` (Unicode NFKC, no white space, no `*`, `\`,
 * `$`, `^`, `{`, `}`, Latin letters in lower case); English names also ignore
 * hyphens (`Zhang Jia-qi` == `ZHANG Jiaqi`). Absence is a value: a label's
 * null / [] / 0 matches a missing or empty model field, and a value on one
 * side only is a miss.
 */
import { visit } from 'unist-util-visit';
import type { Node } from 'unist';
import { z } from 'zod';
import type { ArticleMeta } from '../src/model/meta.js';
import type { ArticleRoot, FigureFloat, ReferenceList, TableFloat } from '../src/model/types.js';
import { plainText } from '../src/model/util.js';

const text = z.string().nullable();
const texts = z.array(z.string());
const count = z.number().int().min(0);

/** One label file (extra keys are allowed and ignored). */
export const ingestLabelSchema = z.object({
  file: z.string().min(1),
  title_zh: text,
  title_en: text,
  authors_zh: texts,
  authors_en: texts,
  affiliations_zh_count: count,
  affiliations_en_count: count,
  abstract_zh_start: text,
  abstract_zh_end: text,
  abstract_en_start: text,
  abstract_en_end: text,
  keywords_zh: texts,
  keywords_en: texts,
  clc: texts,
  funding: z.boolean(),
  received: text,
  corresponding_email: text,
  references_count: count,
  references_first: text,
  references_last: text,
  references_numbered: z.boolean().optional(),
  tables: count,
  tables_with_caption: count,
  figures: count,
  notes: z.string().optional(),
});
export type IngestLabel = z.infer<typeof ingestLabelSchema>;

export const FIELDS = [
  'title_zh',
  'title_en',
  'authors_zh',
  'authors_en',
  'affiliations_zh_count',
  'affiliations_en_count',
  'abstract_zh_start',
  'abstract_zh_end',
  'abstract_en_start',
  'abstract_en_end',
  'keywords_zh',
  'keywords_en',
  'clc',
  'funding',
  'received',
  'corresponding_email',
  'references_count',
  'references_first',
  'references_last',
  'tables',
  'tables_with_caption',
  'figures',
] as const;
export type FieldName = (typeof FIELDS)[number];

/** A field's value on either side: absent, a string, a list, a number or a flag. */
export type Value = string | string[] | number | boolean | null;

export interface Verdict {
  field: FieldName;
  correct: boolean;
  expected: Value;
  got: Value;
}

export interface FieldTally {
  field: FieldName;
  correct: number;
  total: number;
  /** Percentage, 0–100. */
  accuracy: number;
}

/** Validate a parsed label file; the problems name the key. */
export function parseLabel(input: unknown): { ok: true; label: IngestLabel } | { ok: false; problems: string[] } {
  const result = ingestLabelSchema.safeParse(input);
  if (result.success) return { ok: true, label: result.data };
  return { ok: false, problems: result.error.issues.map((i) => `${i.path.join('.') || 'label'}: ${i.message}`) };
}

/**
 * NFKC, no white space, no TeX/Markdown marks, Latin letters in lower case,
 * and the full stop in one form (normalization rightly turns `.` after Han
 * text into `。`, GB/T 15834).
 */
export function canon(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\s*\\$^{}]/gu, '')
    .replace(/。/gu, '.')
    .replace(/\p{Script=Latin}/gu, (c) => c.toLowerCase());
}

/** `canon`, and hyphens ignored: the key of an English (pinyin) name. */
export function englishNameKey(name: string): string {
  return canon(name).replace(/[-‐‑‒–—]/gu, '');
}

function isAbsent(value: Value | undefined): boolean {
  if (value === null || value === undefined || value === false || value === 0) return true;
  if (typeof value === 'string') return canon(value) === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** Absent on both sides, or present on both and `same`. */
function compare<T extends Value>(expected: T | null, got: T | null, same: (e: T, g: T) => boolean): boolean {
  const eAbsent = isAbsent(expected);
  const gAbsent = isAbsent(got);
  if (eAbsent || gAbsent) return eAbsent && gAbsent;
  return same(expected as T, got as T);
}

const sameText = (e: string, g: string): boolean => canon(e) === canon(g);
const isPrefix = (e: string, g: string): boolean => canon(g).startsWith(canon(e));
const isSuffix = (e: string, g: string): boolean => canon(g).endsWith(canon(e));
const sameNumber = (e: number, g: number): boolean => e === g;
const sameFlag = (e: boolean, g: boolean): boolean => e === g;

function sameList(key: (s: string) => string): (e: string[], g: string[]) => boolean {
  return (e, g) => e.length === g.length && e.every((item, i) => key(item) === key(g[i]!));
}

/** What the model recognised, in the label's terms. */
export interface Recognised {
  title_zh: string | null;
  title_en: string | null;
  authors_zh: string[];
  authors_en: string[];
  affiliations_zh_count: number;
  affiliations_en_count: number;
  abstract_zh: string | null;
  abstract_en: string | null;
  keywords_zh: string[];
  keywords_en: string[];
  clc: string[];
  funding: boolean;
  received: string | null;
  corresponding_email: string | null;
  references: string[] | null;
  tables: number;
  tables_with_caption: number;
  figures: number;
}

function presentNames(meta: ArticleMeta, lang: 'zh' | 'en'): string[] {
  return meta.authors.map((a) => a.name[lang]).filter((n): n is string => !!n && n.trim() !== '');
}

function correspondingEmail(meta: ArticleMeta): string | null {
  return meta.correspondence?.email ?? meta.authors.find((a) => a.corresponding)?.email ?? null;
}

/** English keywords, unless the pipeline derived them (then they count as absent). */
function englishKeywords(meta: ArticleMeta): string[] {
  return meta.keywords.enDerived ? [] : (meta.keywords.en ?? []);
}

/** Plain text of each entry of the root's reference list, or null without a list. */
export function referenceTexts(tree: ArticleRoot): string[] | null {
  const list = tree.children.find((n) => (n as Node).type === 'referenceList') as ReferenceList | undefined;
  if (!list) return null;
  return list.children.filter((e) => e.type === 'referenceEntry').map((e) => plainText(e.children));
}

function nodesOfType<T extends Node>(tree: ArticleRoot, type: string): T[] {
  const found: T[] = [];
  visit(tree as Node, (node: Node) => {
    if (node.type === type) found.push(node as T);
  });
  return found;
}

function hasCaption(table: TableFloat): boolean {
  return plainText(table.caption ?? []).trim() !== '' || plainText(table.captionEn ?? []).trim() !== '';
}

/** Read the label's fields off a model tree. */
export function recognise(tree: ArticleRoot): Recognised {
  const meta = tree.data.meta;
  const tables = nodesOfType<TableFloat>(tree, 'tableFloat');
  return {
    title_zh: meta.title.zh ?? null,
    title_en: meta.title.en ?? null,
    authors_zh: presentNames(meta, 'zh'),
    authors_en: presentNames(meta, 'en'),
    affiliations_zh_count: meta.affiliations.filter((a) => a.zh).length,
    affiliations_en_count: meta.affiliations.filter((a) => a.en).length,
    abstract_zh: meta.abstract?.zh ?? null,
    abstract_en: meta.abstract?.en ?? null,
    keywords_zh: meta.keywords.zh ?? [],
    keywords_en: englishKeywords(meta),
    clc: meta.clc ?? [],
    funding: !!meta.funding,
    received: meta.received ?? null,
    corresponding_email: correspondingEmail(meta),
    references: referenceTexts(tree),
    tables: tables.length,
    tables_with_caption: tables.filter(hasCaption).length,
    figures: nodesOfType<FigureFloat>(tree, 'figureFloat').length,
  };
}

function verdict<T extends Value>(field: FieldName, expected: T | null, got: T | null, same: (e: T, g: T) => boolean): Verdict {
  return { field, correct: compare(expected, got, same), expected, got };
}

function titleVerdicts(label: IngestLabel, r: Recognised): Verdict[] {
  return [verdict('title_zh', label.title_zh, r.title_zh, sameText), verdict('title_en', label.title_en, r.title_en, sameText)];
}

function authorVerdicts(label: IngestLabel, r: Recognised): Verdict[] {
  return [
    verdict('authors_zh', label.authors_zh, r.authors_zh, sameList(canon)),
    verdict('authors_en', label.authors_en, r.authors_en, sameList(englishNameKey)),
    verdict('affiliations_zh_count', label.affiliations_zh_count, r.affiliations_zh_count, sameNumber),
    verdict('affiliations_en_count', label.affiliations_en_count, r.affiliations_en_count, sameNumber),
  ];
}

function abstractVerdicts(label: IngestLabel, r: Recognised): Verdict[] {
  return [
    verdict('abstract_zh_start', label.abstract_zh_start, r.abstract_zh, isPrefix),
    verdict('abstract_zh_end', label.abstract_zh_end, r.abstract_zh, isSuffix),
    verdict('abstract_en_start', label.abstract_en_start, r.abstract_en, isPrefix),
    verdict('abstract_en_end', label.abstract_en_end, r.abstract_en, isSuffix),
  ];
}

function frontMatterVerdicts(label: IngestLabel, r: Recognised): Verdict[] {
  return [
    verdict('keywords_zh', label.keywords_zh, r.keywords_zh, sameList(canon)),
    verdict('keywords_en', label.keywords_en, r.keywords_en, sameList(canon)),
    verdict('clc', label.clc, r.clc, sameList(canon)),
    verdict('funding', label.funding, r.funding, sameFlag),
    verdict('received', label.received, r.received, sameText),
    verdict('corresponding_email', label.corresponding_email, r.corresponding_email, sameText),
  ];
}

function referenceVerdicts(label: IngestLabel, r: Recognised): Verdict[] {
  const refs = r.references ?? [];
  return [
    verdict('references_count', label.references_count, refs.length, sameNumber),
    verdict('references_first', label.references_first, refs[0] ?? null, isPrefix),
    verdict('references_last', label.references_last, refs[refs.length - 1] ?? null, isPrefix),
  ];
}

function floatVerdicts(label: IngestLabel, r: Recognised): Verdict[] {
  return [
    verdict('tables', label.tables, r.tables, sameNumber),
    verdict('tables_with_caption', label.tables_with_caption, r.tables_with_caption, sameNumber),
    verdict('figures', label.figures, r.figures, sameNumber),
  ];
}

/** One verdict per field of `FIELDS`, in that order. */
export function scoreArticle(label: IngestLabel, tree: ArticleRoot): Verdict[] {
  const r = recognise(tree);
  return [
    ...titleVerdicts(label, r),
    ...authorVerdicts(label, r),
    ...abstractVerdicts(label, r),
    ...frontMatterVerdicts(label, r),
    ...referenceVerdicts(label, r),
    ...floatVerdicts(label, r),
  ];
}

/** Every field wrong: the pipeline failed on the article. */
export function failedArticle(label: IngestLabel, message: string): Verdict[] {
  return FIELDS.map((field) => ({ field, correct: false, expected: label[field], got: `pipeline error: ${message}` }));
}

/** Correct / total and accuracy per field, over all articles' verdicts. */
export function summarize(verdicts: readonly Verdict[][]): FieldTally[] {
  return FIELDS.map((field) => {
    const all = verdicts.flatMap((v) => v.filter((x) => x.field === field));
    const correct = all.filter((x) => x.correct).length;
    return { field, correct, total: all.length, accuracy: all.length ? (100 * correct) / all.length : 100 };
  });
}
