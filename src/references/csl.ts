/**
 * Helpers over the model's CSL items (the schema lives in src/model/csl.ts).
 */
export {
  CSL_TYPES,
  cslNameSchema,
  cslDateSchema,
  cslCustomSchema,
  cslItemSchema,
  validateCslItem,
  type CslType,
  type CslName,
  type CslDate,
  type CslCustom,
  type CslItem,
} from '../model/csl.js';
import type { CslItem } from '../model/csl.js';

/** The four-digit year of `issued`, if any. */
export function issuedYear(item: Pick<CslItem, 'issued'>): number | undefined {
  const parts = item.issued?.['date-parts']?.[0];
  if (parts && parts.length) {
    const y = Number(parts[0]);
    return Number.isFinite(y) ? y : undefined;
  }
  const raw = item.issued?.raw ?? item.issued?.literal;
  const m = raw ? /(\d{4})/.exec(raw) : null;
  return m ? Number(m[1]) : undefined;
}

export const HAN = /\p{Script=Han}/u;

export { foldKey } from '../text/chars.js';

/** `zh-CN` when the title, container or names contain Han characters, else `en`. */
export function inferLanguage(item: Pick<CslItem, 'title' | 'container-title' | 'author' | 'editor'>): 'zh-CN' | 'en' {
  const names = [...(item.author ?? []), ...(item.editor ?? [])].map((n) => n.literal ?? `${n.family ?? ''}${n.given ?? ''}`);
  return HAN.test([item.title, item['container-title'], ...names].join(' ')) ? 'zh-CN' : 'en';
}

/** True when the item's language is Chinese (`zh`, `zh-CN`, ...). */
export function isChinese(item: Pick<CslItem, 'language'>): boolean {
  return /^zh\b/i.test(item.language ?? '');
}
