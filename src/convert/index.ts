/**
 * Simplified → Traditional Chinese conversion (OpenCC): Taiwan standard with
 * Taiwanese phrases by default, Hong Kong standard on request, with the
 * project's list of scientific terms on top (`terms-tw.ts`: 前列腺素 stays
 * 前列腺素, not 攝護腺素). Only runs of Han characters change; Latin text,
 * names in Latin script and the reference list stay as they are.
 *
 * Also finds stray Traditional characters in Simplified text, for the
 * normalize stage.
 */
import { simplifiedToTraditional, type UserPhrases } from './opencc.js';
import { HK_TERMS, TW_TERMS, type TermException } from './terms-tw.js';
import type { Root, RootContent, PhrasingContent } from 'mdast';
import type { ArticleMeta, AffiliationPart } from '../model/meta.js';
import type { GlossaryEntry } from '../model/types.js';

export type TraditionalVariant = 'tw' | 'hk';

type Convert = (text: string) => string;

/**
 * A term list as user phrases of the converter: the `it` entries replace the
 * regional phrase of their word, the others are terms of their own.
 */
function userPhrases(list: readonly TermException[]): UserPhrases {
  const pairs = (entries: readonly TermException[]) => new Map(entries.map((t) => [t.zh, t.to]));
  return { terms: pairs(list.filter((t) => t.kind !== 'it')), regional: pairs(list.filter((t) => t.kind === 'it')) };
}

const converters = new Map<TraditionalVariant, Convert>();
function converter(variant: TraditionalVariant): Convert {
  const cached = converters.get(variant);
  if (cached) return cached;
  const made = variant === 'hk' ? simplifiedToTraditional('hk', userPhrases(HK_TERMS)) : simplifiedToTraditional('twp', userPhrases(TW_TERMS));
  converters.set(variant, made);
  return made;
}

export const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007\u{20000}-\u{2fa1f}]+/gu;

/**
 * Convert Simplified text to Traditional: `tw` (Taiwan, with OpenCC's phrases
 * and the project's scientific terms, `terms-tw.ts`) or `hk` (with its own
 * few). Only Han runs change.
 */
export function toTraditional(text: string, variant: TraditionalVariant = 'tw'): string {
  const convert = converter(variant);
  return text.replace(HAN_RUN, (run) => convert(run));
}

/** The BCP 47 language tag of text converted for a variant (`zh-Hant-TW`, `zh-Hant-HK`). */
export function traditionalLanguageTag(variant: TraditionalVariant): string {
  return variant === 'hk' ? 'zh-Hant-HK' : 'zh-Hant-TW';
}

/** Node types whose text is never converted. */
const SKIP = new Set(['referenceList', 'referenceEntry', 'code', 'inlineCode', 'html', 'yaml', 'math', 'inlineMath']);

type AnyNode = (Root | RootContent | PhrasingContent) & {
  value?: unknown;
  children?: AnyNode[];
  caption?: AnyNode[];
  label?: unknown;
  credit?: unknown;
  alt?: unknown;
  title?: unknown;
};

function convertNode(node: AnyNode, conv: (s: string) => string): void {
  if (SKIP.has(node.type)) return;
  if (node.type === 'text' && typeof node.value === 'string') node.value = conv(node.value);
  if ((node.type === 'tableFloat' || node.type === 'figureFloat') && typeof node.label === 'string') node.label = conv(node.label);
  if (node.type === 'figureFloat' && typeof node.credit === 'string') node.credit = conv(node.credit);
  if (node.type === 'image' && typeof node.alt === 'string') node.alt = conv(node.alt);
  if (Array.isArray(node.caption)) for (const c of node.caption) convertNode(c, conv);
  if (Array.isArray(node.children)) for (const c of node.children) convertNode(c, conv);
}

function convertPart(part: AffiliationPart | undefined, conv: (s: string) => string): AffiliationPart | undefined {
  if (!part) return part;
  const out: AffiliationPart = { ...part, text: conv(part.text) };
  for (const key of ['institution', 'city', 'province', 'country'] as const) {
    const v = part[key];
    if (v !== undefined) out[key] = conv(v);
  }
  return out;
}

/** A copy of the metadata with its Chinese fields in Traditional characters. */
export function convertMeta(meta: ArticleMeta, variant: TraditionalVariant = 'tw'): ArticleMeta {
  const conv = (s: string) => toTraditional(s, variant);
  const out: ArticleMeta = structuredClone(meta);
  if (out.title.zh) out.title.zh = conv(out.title.zh);
  if (out.abstract?.zh) out.abstract.zh = conv(out.abstract.zh);
  if (out.abstractParts?.zh) out.abstractParts.zh = out.abstractParts.zh.map((p) => ({ label: conv(p.label), text: conv(p.text) }));
  if (out.funding?.zh) out.funding.zh = conv(out.funding.zh);
  if (out.authorNotes?.zh) out.authorNotes.zh = conv(out.authorNotes.zh);
  if (out.keywords.zh) out.keywords.zh = out.keywords.zh.map(conv);
  for (const a of out.authors) if (a.name.zh) a.name.zh = conv(a.name.zh);
  for (const a of out.affiliations) {
    if (a.zh) a.zh = convertPart(a.zh, conv);
  }
  if (out.correspondence?.name?.zh) out.correspondence.name.zh = conv(out.correspondence.name.zh);
  if (out.editor) out.editor = conv(out.editor);
  return out;
}

/**
 * A copy of the tree with Chinese text in Traditional characters: text nodes,
 * float labels and captions, and the metadata and glossary in `data`. The
 * reference list, code and Latin-script text are left untouched. Positions
 * are kept.
 */
export function convertTree<T extends Root>(tree: T, variant: TraditionalVariant = 'tw'): T {
  const conv = (s: string) => toTraditional(s, variant);
  const out = structuredClone(tree);
  for (const child of out.children) convertNode(child as AnyNode, conv);
  const data = out.data as { meta?: ArticleMeta; glossary?: GlossaryEntry[] } | undefined;
  if (data?.meta) data.meta = convertMeta(data.meta, variant);
  if (data?.glossary) data.glossary = data.glossary.map((g) => ({ ...g, zh: conv(g.zh) }));
  return out;
}

export { findTraditionalInSimplified, type StrayTraditional } from './stray.js';
export { TW_TERMS, TW_GUARDS, HK_TERMS, type TermException, type TermKind } from './terms-tw.js';
