/** What the PDF stages take from the build options and the tree. */
import type { ArticleRoot, ReferenceEntry } from '../src/model/types.js';
import type { PdfOptions } from './graph.js';
import { plainText } from '../src/model/util.js';
import { pushAll } from '../src/text/arrays.js';

export async function pdfStyle(options: PdfOptions | undefined) {
  const { defaultStyle } = await import('../src/layout/style.js');
  if (!options?.bodySize) return defaultStyle;
  const k = options.bodySize / defaultStyle.bodySize;
  return { ...defaultStyle, bodySize: options.bodySize, bodyLeading: defaultStyle.bodyLeading * k };
}

/** The date written into the PDF: SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
export function pdfDate(): Date {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return Number.isFinite(epoch) && epoch > 0 ? new Date(epoch * 1000) : new Date();
}

/**
 * References are printed in the house style: an entry whose text differs from
 * its house-style form, and whose CSL item has every field its type needs,
 * is printed as formatted; otherwise as written (with its emphasis).
 */
export async function withHouseStyle(tree: ArticleRoot): Promise<ArticleRoot> {
  const { missingFields } = await import('../src/references/parse.js');
  const entries: ReferenceEntry[] = [];
  for (const node of tree.children) if (node.type === 'referenceList') pushAll(entries, (node.children as ReferenceEntry[]));
  const complete = entries.filter((e) => {
    const csl = (e.data as { csl?: Parameters<typeof missingFields>[0] } | undefined)?.csl;
    return csl && !missingFields(csl).length;
  });
  if (!complete.length) return tree;
  // The house style as code; the citation processor (costly to start) only for what it leaves.
  const { formatHouse } = await import('../src/references/house.js');
  const csl = (e: ReferenceEntry) => (e.data as { csl: Parameters<typeof formatHouse>[0] }).csl;
  const formatted = complete.map((e) => formatHouse(csl(e)));
  const rest = complete.flatMap((e, i) => (formatted[i] === null ? [i] : []));
  if (rest.length) {
    const { formatReference } = await import('../src/references/format.js');
    const out = formatReference(
      rest.map((i) => csl(complete[i]!)),
      'house',
    );
    rest.forEach((i, k) => (formatted[i] = out[k] ?? null));
  }
  complete.forEach((entry, i) => {
    const f = formatted[i];
    if (f && f !== plainText(entry.children)) entry.data = { ...entry.data, formatted: f } as typeof entry.data;
  });
  return tree;
}
