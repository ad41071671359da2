/** What the PDF stages take from the build options and the tree. */
import type { ArticleRoot, ReferenceEntry } from '../src/model/types.js';
import type { PdfOptions } from './graph.js';
import { plainText } from '../src/model/util.js';

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
  const { formatReference, missingFields } = await import('../src/references/index.js');
  for (const node of tree.children) {
    if (node.type !== 'referenceList') continue;
    for (const entry of node.children as ReferenceEntry[]) {
      const csl = (entry.data as { csl?: Parameters<typeof missingFields>[0] } | undefined)?.csl;
      if (!csl || missingFields(csl).length) continue;
      const [formatted] = formatReference([csl], 'house');
      if (formatted && formatted !== plainText(entry.children)) entry.data = { ...entry.data, formatted } as typeof entry.data;
    }
  }
  return tree;
}
