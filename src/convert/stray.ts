/**
 * Stray Traditional characters in Simplified text, for the normalize stage.
 * A character of GB 2312 is Simplified (but for a few listed forms), so
 * OpenCC's Traditional → Simplified dictionaries are loaded only when a text
 * has a Han character outside it.
 */
import { createRequire } from 'node:module';

type ConverterFactory = (options: { from: string; to: string }) => (s: string) => string;
let factory: ConverterFactory | undefined;
function openccConverter(): ConverterFactory {
  factory ??= (createRequire(import.meta.url)('opencc-js/t2cn') as { Converter: ConverterFactory }).Converter;
  return factory;
}

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007\u{20000}-\u{2fa1f}]+/gu;

const converters = new Map<string, (s: string) => string>();
function converter(from: string): (s: string) => string {
  const cached = converters.get(from);
  if (cached) return cached;
  const made = openccConverter()({ from, to: 'cn' });
  converters.set(from, made);
  return made;
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
  if (gb2312Han().has(ch) && !TRADITIONAL_IN_GB2312.has(ch)) {
    strayCache.set(ch, null);
    return null;
  }
  for (const from of ['t', 'tw', 'hk']) {
    const s = converter(from)(ch);
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
