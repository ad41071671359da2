/**
 * Simplified → Traditional Chinese conversion (OpenCC): Taiwan standard with
 * Taiwanese phrases by default, Hong Kong standard on request. Only runs of
 * Han characters change; Latin text, names in Latin script and the reference
 * list stay as they are.
 *
 * Also finds stray Traditional characters in Simplified text, for the
 * normalize stage.
 */
import { Converter } from 'opencc-js';
import type { Root, RootContent, PhrasingContent } from 'mdast';
import type { ArticleMeta, AffiliationPart } from '../model/meta.js';
import type { GlossaryEntry } from '../model/types.js';

export type TraditionalVariant = 'tw' | 'hk';

type Convert = (text: string) => string;

const converters = new Map<string, Convert>();
function converter(from: string, to: string): Convert {
  const key = `${from}>${to}`;
  const cached = converters.get(key);
  if (cached) return cached;
  const made: Convert = Converter({ from, to });
  converters.set(key, made);
  return made;
}

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007\u{20000}-\u{2fa1f}]+/gu;

/** Convert Simplified text to Traditional: `tw` (Taiwan, with phrases) or `hk`. Only Han runs change. */
export function toTraditional(text: string, variant: TraditionalVariant = 'tw'): string {
  const convert = variant === 'hk' ? converter('cn', 'hk') : converter('cn', 'twp');
  return text.replace(HAN_RUN, (run) => convert(run));
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

// ---- stray Traditional characters in Simplified text ----

let gb2312: Set<string> | null = null;
/** The Han characters of GB 2312, decoded from their code points. */
function gb2312Han(): Set<string> {
  if (gb2312) return gb2312;
  const set = new Set<string>();
  const decoder = new TextDecoder('gbk');
  const bytes = new Uint8Array(2);
  for (let row = 0xb0; row <= 0xf7; row++) {
    for (let col = 0xa1; col <= 0xfe; col++) {
      bytes[0] = row;
      bytes[1] = col;
      const ch = decoder.decode(bytes);
      if (ch.length === 1 && ch !== '\ufffd') set.add(ch);
    }
  }
  gb2312 = set;
  return set;
}

/**
 * Characters in GB 2312 that are nonetheless Traditional forms outside the
 * current Simplified standard (后 for 後, 糖 for 醣, 折 for 摺, 挨 for 捱, 矩 for 榘).
 */
const TRADITIONAL_IN_GB2312 = new Set([...'後醣摺捱榘']);

const strayCache = new Map<string, string | null>();

/** The Simplified form of a stray Traditional character, or null when the character is fine. */
function simplifiedOf(ch: string): string | null {
  const hit = strayCache.get(ch);
  if (hit !== undefined) return hit;
  let result: string | null = null;
  for (const from of ['t', 'tw', 'hk']) {
    const s = converter(from, 'cn')(ch);
    if (s !== ch) {
      result = s;
      break;
    }
  }
  if (result !== null && gb2312Han().has(ch) && !TRADITIONAL_IN_GB2312.has(ch)) result = null;
  strayCache.set(ch, result);
  return result;
}

export interface StrayTraditional {
  /** UTF-16 index of the character in the text. */
  index: number;
  char: string;
  simplified: string;
}

/**
 * Traditional characters in Simplified text: characters that change under
 * Traditional → Simplified conversion and are not themselves Simplified
 * characters (GB 2312; 乾 著 於 stay, 後 髮 裡 do not).
 */
export function findTraditionalInSimplified(text: string): StrayTraditional[] {
  const out: StrayTraditional[] = [];
  for (const m of text.matchAll(HAN_RUN)) {
    let index = m.index!;
    for (const ch of m[0]) {
      const simplified = simplifiedOf(ch);
      if (simplified !== null) out.push({ index, char: ch, simplified });
      index += ch.length;
    }
  }
  return out;
}
