/**
 * Formatting CSL-JSON items with citation-js: the project's own styles
 * (`house`: the journal's medical-journal form; `gbt7714`: GB/T 7714-2015
 * numeric with upper-case Western family names; `gbt7714-2025`: the 2025
 * edition's full-width punctuation) and the styles citation-js ships
 * (`vancouver`, `apa`), plus BibTeX, RIS and CSL-JSON export.
 *
 * The style and locale files live in `assets/csl/` and are registered with
 * citation-js once, under names of their own (`zhpub-house`,
 * `zhpub-gbt7714-2015`, `zhpub-gbt7714-2025`) and the locale `zh-CN`.
 *
 * Before formatting, items are copied and prepared for the style:
 * - a cut name list (`custom.etAl`) gets placeholder names beyond the
 *   style's et-al threshold, so the style prints `et al.` / `等` itself;
 *   for styles with other thresholds an `et al.` name is appended;
 * - the project's styles receive the GB/T type code in `genre` and the
 *   carrier code in `medium`;
 * - quotes and angle brackets are shielded from citeproc's typographic
 *   rewriting so titles come out exactly as stored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { inferLanguage, type CslItem, type CslName } from './csl.js';
import { typeCode } from './codes.js';

export { typeCode };

export type ReferenceStyle = 'house' | 'gbt7714' | 'gbt7714-2025' | 'vancouver' | 'apa';

interface StyleSpec {
  template: string;
  lang: string;
  /** File in assets/csl, for the project's own styles. */
  file?: string;
  /** et-al-min / et-al-use-first of the style's bibliography. */
  etAlMin: number;
  etAlUseFirst: number;
  own: boolean;
}

const STYLES: Record<ReferenceStyle, StyleSpec> = {
  house: { template: 'zhpub-house', lang: 'zh-CN', file: 'zhpub-house.csl', etAlMin: 4, etAlUseFirst: 3, own: true },
  gbt7714: { template: 'zhpub-gbt7714-2015', lang: 'zh-CN', file: 'zhpub-gbt7714-2015.csl', etAlMin: 4, etAlUseFirst: 3, own: true },
  'gbt7714-2025': { template: 'zhpub-gbt7714-2025', lang: 'zh-CN', file: 'zhpub-gbt7714-2025.csl', etAlMin: 4, etAlUseFirst: 3, own: true },
  vancouver: { template: 'vancouver', lang: 'en-US', etAlMin: 7, etAlUseFirst: 6, own: false },
  apa: { template: 'apa', lang: 'en-US', etAlMin: 21, etAlUseFirst: 19, own: false },
};

export const REFERENCE_STYLES = Object.keys(STYLES) as ReferenceStyle[];

/** The folder holding the project's CSL files (`assets/csl`), from source or from `dist/`. */
export function cslAssetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'assets', 'csl');
    if (existsSync(join(candidate, 'zhpub-house.csl'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('zhpub: cannot find assets/csl/zhpub-house.csl next to the project');
}

let registered = false;

/** Register the project's styles and the zh-CN locale with citation-js (once). */
export function registerStyles(): void {
  if (registered) return;
  const csl = plugins.config.get('@csl');
  const dir = cslAssetsDir();
  for (const spec of Object.values(STYLES)) {
    if (spec.file && !csl.styles.has(spec.template)) csl.styles.add(spec.template, readFileSync(join(dir, spec.file), 'utf8'));
  }
  // the project's own zh-CN terms (等, 译, a plain hyphen in page ranges) win over any other
  csl.locales.add('zh-CN', readFileSync(join(dir, 'zhpub-zh-CN.xml'), 'utf8'));
  registered = true;
}

// Private-use stand-ins for characters citeproc would rewrite.
const SHIELD: [string, string][] = [
  ["'", '\uE000'],
  ['"', '\uE001'],
  ['<', '\uE002'],
  ['>', '\uE003'],
];
// Stand-ins for a written-out `et al.` / `等` name (no case change applies to
// them); the period of `et al.` stays visible so that citeproc adds no other.
const ETAL_EN = '\uE010';
const ETAL_ZH = '\uE011';

function shield(value: unknown): unknown {
  if (typeof value === 'string') {
    let s = value;
    for (const [from, to] of SHIELD) s = s.split(from).join(to);
    return s;
  }
  if (Array.isArray(value)) return value.map(shield);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === 'URL' || k === 'DOI' || k === 'id' ? v : shield(v);
    return out;
  }
  return value;
}

function unshield(s: string): string {
  let out = s;
  for (const [from, to] of SHIELD) out = out.split(to).join(from);
  return out.split(ETAL_EN).join('et al').split(ETAL_ZH).join('等');
}

const PLACEHOLDER: CslName = { family: 'Placeholder', given: 'Z.' };

function padNames(names: CslName[] | undefined, cut: boolean | undefined, spec: StyleSpec, zh: boolean): CslName[] | undefined {
  if (!names || !cut) return names;
  // fewer names than the style keeps before its et al.: write et al. out as a last name
  if (names.length < spec.etAlUseFirst) return [...names, { literal: zh ? ETAL_ZH : `${ETAL_EN}.` }];
  // otherwise add placeholders beyond the style's threshold: the style cuts the list itself
  const out = [...names];
  while (out.length < Math.max(spec.etAlMin, names.length + 1)) out.push(PLACEHOLDER);
  return out;
}

/** A copy of the item as citeproc should see it for the given style. */
function prepare(item: CslItem, spec: StyleSpec, index: number): Record<string, unknown> {
  const language = item.language ?? inferLanguage(item);
  const zh = /^zh/i.test(language);
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(item));
  copy.id = item.id || `item-${index + 1}`;
  copy.language = spec.own ? (zh ? 'zh-CN' : 'en') : language;
  copy.author = padNames(item.author, item.custom?.etAl, spec, zh);
  copy.editor = padNames(item.editor, item.custom?.editorEtAl, spec, zh);
  copy.translator = padNames(item.translator, item.custom?.translatorEtAl, spec, zh);
  for (const key of ['author', 'editor', 'translator']) if (copy[key] === undefined) delete copy[key];
  if (spec.own) {
    copy.genre = typeCode(item);
    const carrier = item.custom?.carrier;
    if (typeof carrier === 'string' && carrier) copy.medium = carrier;
    else if (['webpage', 'post', 'post-weblog', 'dataset', 'software'].includes(item.type) && item.URL) copy.medium = 'OL';
    else delete copy.medium;
  }
  delete copy.custom;
  return shield(copy) as Record<string, unknown>;
}

function stripNumbering(s: string): string {
  return s.replace(/^\s*(?:\[\d+\]|\d+\.)\s*/, '');
}

/**
 * Format items in a style; one string per item, in the order given, without
 * the list numbering (the caller numbers them).
 */
export function formatReference(items: readonly CslItem[], style: ReferenceStyle = 'house'): string[] {
  if (!items.length) return [];
  const spec = STYLES[style];
  if (!spec) throw new Error(`zhpub: unknown reference style “${String(style)}”`);
  registerStyles();
  // ids must be unique for citeproc; keep the caller's order
  const prepared = items.map((item, i) => ({ ...prepare(item, spec, i), id: `zhpub-${i}` }));
  const cite = new Cite(prepared);
  const entries = cite.format('bibliography', { format: 'text', template: spec.template, lang: spec.lang, asEntryArray: true }) as [
    string,
    string,
  ][];
  const byId = new Map(entries.map(([id, text]) => [id, text]));
  return prepared.map((p) => {
    const text = byId.get(p.id) ?? '';
    const flat = text.replace(/\s+$/u, '').replace(/\n/g, ' ');
    // the project's styles print no numbers: a reference that begins with one keeps it
    let out = unshield(spec.own ? flat : stripNumbering(flat));
    if (!spec.own) out = out.replace(/,? (?:&|and) (et al\.|等)/u, ', $1');
    return out;
  });
}

export { toBibtex, toRis, toCslJson, unwrapRis } from './export.js';
