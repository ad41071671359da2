/**
 * A generated multi-style evaluation of the reference parser (issue #15).
 *
 * Items (CSL-JSON), gathered afresh at every run:
 * - `seed`: the references of the bundled seed article(s) in `source/`, built
 *   as the pipeline builds them (ingest → normalize → references);
 * - `corpus`: a deterministic sample of parsed reference entries of
 *   `../shared/corpus/chinaxiv/*.md` (articles and entries in seeded-hash
 *   order, at most a few per article; only items that validate and have an
 *   author, a title and a year, and no digit in a name). These gold items
 *   are the parser's own output: a clean string tests that its reading
 *   survives formatting, not that it was right;
 * - `gbt`: the ground-truth items of `../shared/refs/gbt7714-2015-examples.jsonl`.
 *
 * Each item is formatted with citation-js (text output, so no HTML) in the
 * official GB/T 7714-2015 and -2025 styles and the CMA house style (read from
 * `../shared/csl` at run time), in the `vancouver`, `apa` and `harvard1`
 * styles citation-js ships, and in our own Nature-like style
 * (`scripts/styles/nature.csl`). Locales: the GB/T styles format a Chinese
 * item with zh-CN and any other with en-US (so an English reference prints
 * `et al.` and `2nd ed.`, as Chinese journals print them); the CMA style
 * always runs under zh-CN (its English layout is chosen by the item's
 * `language`); the Western styles run under en-US for every item, as an
 * English-language list would print a Chinese reference.
 *
 * Number marks: kept as a real list prints them (`[12] `, `12. `, none for
 * the author-date styles), numbered by the item's place in the whole list;
 * the parser accepts and drops them, so they test that too.
 *
 * Damaged variants of every formatted string, deterministic (seeded by style,
 * item and kind), scored apart from the clean strings:
 * - `space-added`: a space after punctuation that had none (`2020;14(10):12` → `2020; 14(10): 12`);
 * - `space-removed`: the space after punctuation dropped (`Smith J, Doe B. Title` → `Smith J,Doe B.Title`);
 * - `width-swap`: `，：；（）` and `,:;()` swapped for each other, each mark with probability ½;
 * - `url-space`: a space inside the URL or DOI (as a PDF line break leaves it);
 * - `title-break`: a line break inside the title joined with a space
 *   (`系统性红斑 狼疮`; in Latin script a hyphenated word: `regen- erative`),
 *   when the title stands once in the string.
 * The first three leave URLs and DOIs alone.
 *
 * Scoring reuses scripts/eval-refs.ts: a field is scored when its gold value
 * shows in the clean string (`shows`: folded value found, short values as
 * whole tokens), the authors up to the first one the string does not show.
 */
import { mulberry32 } from './random.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { VFile } from 'vfile';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { ingest } from '../src/ingest/index.js';
import { normalize } from '../src/normalize/index.js';
import { referencesStage, referenceItems } from '../src/references/index.js';
import { parseReference } from '../src/references/parse.js';
import { HAN, inferLanguage, issuedYear, validateCslItem, type CslItem } from '../src/references/csl.js';
import {
  add,
  printedAuthors,
  scoreItem,
  SCORED_FIELDS,
  visibleAuthorCount,
  visibleFields,
  type Counts,
  type FieldMiss,
  type ItemScore,
} from './eval-refs.js';

// ---------------------------------------------------------------------------
// styles

export const STYLE_NAMES = ['gbt7714-2015', 'gbt7714-2025', 'cma', 'vancouver', 'apa', 'harvard1', 'nature'] as const;
export type StyleName = (typeof STYLE_NAMES)[number];

export interface StyleDef {
  name: StyleName;
  /** The template name citation-js knows the style by. */
  template: string;
  /** The CSL file to register, for styles citation-js does not ship. */
  file?: string;
  /** `by-language`: zh-CN for Chinese items, en-US for the others. */
  locale: 'by-language' | 'zh-CN' | 'en-US';
}

/** The project's own Nature-like style. */
export function natureStylePath(root: string): string {
  return join(root, 'scripts', 'styles', 'nature.csl');
}

/** The styles of the evaluation; the official ones come from `../shared/csl`. */
export function styleDefs(root: string): StyleDef[] {
  const shared = resolve(root, '..', 'shared', 'csl');
  return [
    { name: 'gbt7714-2015', template: 'eval-gbt7714-2015-official', file: join(shared, 'china-national-standard-gb-t-7714-2015-numeric.csl'), locale: 'by-language' },
    { name: 'gbt7714-2025', template: 'eval-gbt7714-2025-official', file: join(shared, 'china-national-standard-gb-t-7714-2025-numeric.csl'), locale: 'by-language' },
    { name: 'cma', template: 'eval-cma-official', file: join(shared, 'zhonghua-yixuehui-cma.csl'), locale: 'zh-CN' },
    { name: 'vancouver', template: 'vancouver', locale: 'en-US' },
    { name: 'apa', template: 'apa', locale: 'en-US' },
    { name: 'harvard1', template: 'harvard1', locale: 'en-US' },
    { name: 'nature', template: 'eval-nature', file: natureStylePath(root), locale: 'en-US' },
  ];
}

/** Register a style file with citation-js (once per template name). */
export function registerStyle(style: StyleDef): void {
  const csl = plugins.config.get('@csl');
  if (style.file && !csl.styles.has(style.template)) csl.styles.add(style.template, readFileSync(style.file, 'utf8'));
}

/** Register the official zh-CN locale unless a zh-CN locale is registered already. */
export function registerZhLocale(path: string): void {
  const csl = plugins.config.get('@csl');
  if (!csl.locales.has('zh-CN')) csl.locales.add('zh-CN', readFileSync(path, 'utf8'));
}

// ---------------------------------------------------------------------------
// items

export type ItemSource = 'seed' | 'corpus' | 'gbt';

export interface EvalItem {
  /** Unique over the whole evaluation: `seed:ref-3`, `corpus:<file>:ref-12`, `gbt:<example id>`. */
  id: string;
  source: ItemSource;
  csl: Record<string, unknown>;
}

function isChineseItem(csl: Record<string, unknown>): boolean {
  const language = typeof csl.language === 'string' ? csl.language : inferLanguage(csl as CslItem);
  return /^zh/i.test(language);
}

/** The reference items of one article, built as the pipeline builds them, in list order. */
export function articleItems(path: string): CslItem[] {
  const text = readFileSync(path, 'utf8');
  const file = new VFile({ path, value: text });
  const { tree } = ingest(text, file);
  normalize(tree, file);
  referencesStage(tree, file);
  return [...referenceItems(tree).entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item);
}

/** The seed article's references (every `source/*.txt`). */
export function seedItems(root: string): EvalItem[] {
  const dir = join(root, 'source');
  const files = readdirSync(dir).filter((n) => n.endsWith('.txt')).sort();
  return files.flatMap((name) =>
    articleItems(join(dir, name)).map((item) => ({ id: `seed:${files.length > 1 ? `${name}:` : ''}${item.id}`, source: 'seed' as const, csl: item })),
  );
}

/**
 * An item worth formatting: it validates and has an author, a title and a
 * year, and no name with a digit in it (`{literal: "1997"}`: an author-year
 * string the parser misread, which would make a wrong gold item).
 */
export function usableItem(item: CslItem): boolean {
  if (!validateCslItem(item).ok || !item.author?.length || !item.title || issuedYear(item) === undefined) return false;
  return !item.author.some((n) => /\d/u.test(`${n.literal ?? ''}${n.family ?? ''}${n.given ?? ''}`));
}

/** FNV-1a, 32 bits. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function bySeededHash<T>(values: T[], key: (v: T) => string, seed: string): T[] {
  return values.map((v) => ({ v, h: hash(`${seed}|${key(v)}`) })).sort((a, b) => a.h - b.h || (key(a.v) < key(b.v) ? -1 : 1)).map((x) => x.v);
}

/**
 * A deterministic sample of the corpus references: articles in seeded-hash
 * order, from each at most `perArticle` usable entries (in seeded-hash
 * order), until `limit` items.
 */
export function corpusItems(dir: string, limit = 150, perArticle = 6, seed = 'zhpub-refs-styles'): EvalItem[] {
  const files = bySeededHash(readdirSync(dir).filter((n) => n.endsWith('.md')), (n) => n, seed);
  const out: EvalItem[] = [];
  for (const name of files) {
    if (out.length >= limit) break;
    const items = articleItems(join(dir, name)).filter(usableItem);
    for (const item of bySeededHash(items, (i) => i.id, `${seed}|${name}`).slice(0, Math.min(perArticle, limit - out.length))) {
      out.push({ id: `corpus:${basename(name, '.md')}:${item.id}`, source: 'corpus', csl: item });
    }
  }
  return out;
}

/** The GB/T 7714-2015 examples' ground-truth items. */
export function exampleItems(examples: { id: string; csl: Record<string, unknown> }[]): EvalItem[] {
  return examples.map((ex) => ({ id: `gbt:${ex.id}`, source: 'gbt', csl: ex.csl }));
}

// ---------------------------------------------------------------------------
// formatting

/**
 * A copy for citeproc: the project's `custom` facts dropped, the data set's
 * `{literal: "others"}` (a cut list) dropped from the names (citeproc would
 * print it as a name), the evaluation's id.
 */
export function forFormatting(item: EvalItem): Record<string, unknown> {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(item.csl));
  delete copy.custom;
  for (const role of ['author', 'editor', 'translator']) {
    const names = copy[role] as { literal?: string }[] | undefined;
    if (Array.isArray(names)) copy[role] = names.filter((n) => n.literal !== 'others');
  }
  copy.id = item.id;
  return copy;
}

/** One line of text: no trailing newline, no line breaks, single spaces. */
export function flatten(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** The number mark a numeric style printed (`[3] `, `3. `), set to `n`. */
export function renumber(text: string, n: number): string {
  return text.replace(/^\[\d+\]/u, `[${n}]`).replace(/^\d+\.(?=\s)/u, `${n}.`);
}

function formatBatch(items: EvalItem[], template: string, lang: string): Map<string, string> {
  const entries = new Cite(items.map(forFormatting)).format('bibliography', { format: 'text', template, lang, asEntryArray: true }) as [string, string][];
  return new Map(entries.map(([id, text]) => [id, flatten(text)]));
}

/** Format a group; when citeproc fails on the batch, item by item, leaving out those it cannot format. */
function formatGroup(items: EvalItem[], template: string, lang: string): Map<string, string> {
  if (!items.length) return new Map();
  try {
    return formatBatch(items, template, lang);
  } catch {
    const out = new Map<string, string>();
    for (const item of items) {
      try {
        for (const [id, text] of formatBatch([item], template, lang)) out.set(id, text);
      } catch {
        // not formattable in this style: no string
      }
    }
    return out;
  }
}

/** Each item formatted in the style, by item id, numbered by its place in `items`. */
export function formatItems(items: EvalItem[], style: StyleDef): Map<string, string> {
  registerStyle(style);
  const groups = new Map<string, EvalItem[]>();
  for (const item of items) {
    const lang = style.locale === 'by-language' ? (isChineseItem(item.csl) ? 'zh-CN' : 'en-US') : style.locale;
    groups.set(lang, [...(groups.get(lang) ?? []), item]);
  }
  const texts = new Map<string, string>();
  for (const [lang, group] of groups) for (const [id, text] of formatGroup(group, style.template, lang)) texts.set(id, text);
  const out = new Map<string, string>();
  items.forEach((item, i) => {
    const text = texts.get(item.id);
    if (text) out.set(item.id, renumber(text, i + 1));
  });
  return out;
}

// ---------------------------------------------------------------------------
// damage

export const DAMAGE_KINDS = ['space-added', 'space-removed', 'width-swap', 'url-space', 'title-break'] as const;
export type DamageKind = (typeof DAMAGE_KINDS)[number];

/** A deterministic random number generator (mulberry32) seeded by a string. */
export function seededRandom(seed: string): () => number {
  return mulberry32(hash(seed));
}

/** URLs and DOIs, which the punctuation damage leaves alone. */
const LINK = /(?:https?|ftp):\/\/\S+|\b10\.\d{3,9}\/\S+/giu;

/** Apply `fn` to the text outside URLs and DOIs. */
function outsideLinks(text: string, fn: (part: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    out += fn(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + fn(text.slice(last));
}

/** A space after punctuation that had none, each with probability ⅔ (never at the end). */
export function addSpaces(text: string, rnd: () => number): string {
  return outsideLinks(text, (part) => part.replace(/([,.;:，．；：。])(?=[^\s,.;:，．；：。)\]）］])/gu, (p) => (rnd() < 2 / 3 ? `${p} ` : p)));
}

/** The spaces after punctuation removed, each with probability ⅔. */
export function removeSpaces(text: string, rnd: () => number): string {
  return outsideLinks(text, (part) => part.replace(/([,.;:，．；：。)\]）］])\s+(?=\S)/gu, (whole, p: string) => (rnd() < 2 / 3 ? p : whole)));
}

const TO_FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '(': '（', ')': '）' };
const TO_HALF: Record<string, string> = Object.fromEntries(Object.entries(TO_FULL).map(([h, f]) => [f, h]));

/** `,:;()` ↔ `，：；（）`, each mark swapped with probability ½. */
export function swapWidth(text: string, rnd: () => number): string {
  return outsideLinks(text, (part) => part.replace(/[,:;()，：；（）]/gu, (c) => (rnd() < 0.5 ? (TO_FULL[c] ?? TO_HALF[c] ?? c) : c)));
}

/** A space inside one URL or DOI: after a `/`, `.`, `-`, `_`, `=`, `?` or `&` past its first characters. */
export function spaceInUrl(text: string, rnd: () => number): string {
  const links = [...text.matchAll(LINK)].map((m) => ({ start: m.index, value: m[0].replace(/[.,;)\]]+$/u, '') }));
  if (!links.length) return text;
  const link = links[Math.floor(rnd() * links.length)]!;
  const skip = /^(?:https?|ftp):\/\//iu.exec(link.value)?.[0].length ?? 3;
  const cuts: number[] = [];
  for (let i = skip + 1; i < link.value.length - 1; i++) if ('/.-_=?&'.includes(link.value[i - 1]!)) cuts.push(i);
  if (!cuts.length) for (let i = skip + 1; i < link.value.length - 1; i++) cuts.push(i);
  if (!cuts.length) return text;
  const at = link.start + cuts[Math.floor(rnd() * cuts.length)]!;
  return `${text.slice(0, at)} ${text.slice(at)}`;
}

/** Where the title stands in the string (case-insensitive), or -1 when it is absent or stands there more than once. */
function titleIndex(text: string, title: string): number {
  const lower = text.toLowerCase();
  const key = title.toLowerCase();
  const at = lower.indexOf(key);
  return at >= 0 && lower.indexOf(key, at + 1) < 0 ? at : -1;
}

/**
 * A line break inside the title joined with a space: between two Han
 * characters (`系统性红斑 狼疮`), or else inside a word of six or more
 * letters, hyphenated (`regen- erative`).
 */
export function breakTitle(text: string, title: string, rnd: () => number): string {
  const at = title ? titleIndex(text, title) : -1;
  if (at < 0) return text;
  const shown = text.slice(at, at + title.length);
  const cuts: { i: number; mark: string }[] = [];
  for (let i = 1; i < shown.length; i++) if (HAN.test(shown[i - 1]!) && HAN.test(shown[i]!)) cuts.push({ i, mark: ' ' });
  if (!cuts.length) {
    for (const m of shown.matchAll(/\p{L}{6,}/gu)) for (let i = m.index + 3; i <= m.index + m[0].length - 3; i++) cuts.push({ i, mark: '- ' });
  }
  if (!cuts.length) return text;
  const cut = cuts[Math.floor(rnd() * cuts.length)]!;
  return `${text.slice(0, at + cut.i)}${cut.mark}${text.slice(at + cut.i)}`;
}

/** A damaged variant of `text`, or undefined when the damage does not apply (nothing would change). */
export function damage(text: string, kind: DamageKind, seed: string, title?: string): string | undefined {
  const rnd = seededRandom(`${seed}|${kind}`);
  let out: string;
  if (kind === 'space-added') out = addSpaces(text, rnd);
  else if (kind === 'space-removed') out = removeSpaces(text, rnd);
  else if (kind === 'width-swap') out = swapWidth(text, rnd);
  else if (kind === 'url-space') out = spaceInUrl(text, rnd);
  else out = breakTitle(text, title ?? '', rnd);
  return out === text ? undefined : out;
}

// ---------------------------------------------------------------------------
// generated strings and their scores

export type Variant = 'clean' | DamageKind;

export interface Generated {
  style: string;
  itemId: string;
  source: ItemSource;
  variant: Variant;
  text: string;
  /** The gold item, authors as the string prints them. */
  gold: Record<string, unknown>;
  /** Fields scored (seen in the clean string). */
  visible: string[];
  /** Authors scored, from the first. */
  authors: number;
}

const FIELDS_BUT_AUTHOR = SCORED_FIELDS.filter((f) => f !== 'author');

/** The clean string and its damaged variants for one formatted item. */
export function variants(style: string, item: EvalItem, text: string): Generated[] {
  const author = printedAuthors(item.csl, text);
  const gold: Record<string, unknown> = { ...item.csl, author };
  const base = { style, itemId: item.id, source: item.source, gold, visible: visibleFields(text, item.csl, FIELDS_BUT_AUTHOR), authors: visibleAuthorCount(author, text) };
  const out: Generated[] = [{ ...base, variant: 'clean', text }];
  const title = typeof item.csl.title === 'string' ? item.csl.title : undefined;
  for (const kind of DAMAGE_KINDS) {
    const damaged = damage(text, kind, `${style}|${item.id}`, title);
    if (damaged !== undefined) out.push({ ...base, variant: kind, text: damaged });
  }
  return out;
}

/** Parse a generated string and score it against its gold item. */
export function scoreGenerated(g: Generated): ItemScore {
  const { item } = parseReference(g.text);
  return scoreItem(g.text, g.gold, item, g.visible, g.authors);
}

export interface Miss extends FieldMiss {
  itemId: string;
  variant: Variant;
  text: string;
}

export interface Tally {
  /** By scored field (`author`, `title`, ... as in SCORED_FIELDS). */
  fields: Record<string, Counts>;
  overall: Counts;
  strings: number;
  /** Strings with at least one miss. */
  failed: { itemId: string; variant: Variant; text: string; misses: FieldMiss[] }[];
}

export function emptyTally(): Tally {
  const fields: Record<string, Counts> = {};
  for (const f of SCORED_FIELDS) fields[f] = { tp: 0, fp: 0, fn: 0 };
  return { fields, overall: { tp: 0, fp: 0, fn: 0 }, strings: 0, failed: [] };
}

export function addScore(into: Tally, g: Generated, score: ItemScore): void {
  into.strings++;
  for (const f of SCORED_FIELDS) {
    add(into.fields[f]!, score.counts[f]!);
    add(into.overall, score.counts[f]!);
  }
  if (score.misses.length) into.failed.push({ itemId: g.itemId, variant: g.variant, text: g.text, misses: score.misses });
}

export interface StyleResult {
  style: StyleName;
  /** Items citeproc formatted. */
  formatted: number;
  clean: Tally;
  damaged: Tally;
  byDamage: Record<DamageKind, Tally>;
  /** Clean strings by item source. */
  bySource: Record<ItemSource, Tally>;
}

/** Format, damage, parse and score all items in one style. */
export function evaluateStyle(items: EvalItem[], style: StyleDef): StyleResult {
  const texts = formatItems(items, style);
  const result: StyleResult = {
    style: style.name,
    formatted: texts.size,
    clean: emptyTally(),
    damaged: emptyTally(),
    byDamage: Object.fromEntries(DAMAGE_KINDS.map((k) => [k, emptyTally()])) as Record<DamageKind, Tally>,
    bySource: { seed: emptyTally(), corpus: emptyTally(), gbt: emptyTally() },
  };
  for (const item of items) {
    const text = texts.get(item.id);
    if (!text) continue;
    for (const g of variants(style.name, item, text)) {
      const score = scoreGenerated(g);
      if (g.variant === 'clean') {
        addScore(result.clean, g, score);
        addScore(result.bySource[g.source], g, score);
      } else {
        addScore(result.damaged, g, score);
        addScore(result.byDamage[g.variant], g, score);
      }
    }
  }
  return result;
}

/** Where the evaluation's inputs are; absent parts are skipped. */
export interface StyleEvalInputs {
  root: string;
  examples: { id: string; csl: Record<string, unknown> }[];
  corpusLimit?: number;
}

export interface StyleEvalResult {
  items: Record<ItemSource, number>;
  styles: StyleResult[];
  skipped: string[];
  seconds: number;
}

/** Collect the items, then evaluate every style whose files are present. */
export function runStyleEval(inputs: StyleEvalInputs): StyleEvalResult {
  const started = Date.now();
  const { root } = inputs;
  const shared = resolve(root, '..', 'shared');
  const corpusDir = join(shared, 'corpus', 'chinaxiv');
  const items = [
    ...seedItems(root),
    ...(existsSync(corpusDir) ? corpusItems(corpusDir, inputs.corpusLimit ?? 150) : []),
    ...exampleItems(inputs.examples),
  ];
  const zhLocale = join(shared, 'csl', 'locales-zh-CN.xml');
  const skipped: string[] = [];
  const styles: StyleResult[] = [];
  for (const style of styleDefs(root)) {
    const needsZh = style.locale !== 'en-US';
    if ((style.file && !existsSync(style.file)) || (needsZh && !existsSync(zhLocale))) {
      skipped.push(style.name);
      continue;
    }
    if (needsZh) registerZhLocale(zhLocale);
    styles.push(evaluateStyle(items, style));
  }
  const count = (s: ItemSource): number => items.filter((i) => i.source === s).length;
  return { items: { seed: count('seed'), corpus: count('corpus'), gbt: count('gbt') }, styles, skipped, seconds: (Date.now() - started) / 1000 };
}
