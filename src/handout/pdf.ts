/** The handout PDFs, Simplified and Traditional, set by the article's layout engine. */
import type { ArticleRoot } from '../model/types.js';
import type { JournalStyle } from '../layout/style.js';
import { renderArticlePdf, defaultLabels } from '../render/index.js';
import { convertMeta, toTraditional, type TraditionalVariant } from '../convert/index.js';
import { handoutFromTree, toTraditionalHandout } from './index.js';
import { handoutTree } from './tree.js';

export interface HandoutPdfOptions {
  variant: TraditionalVariant;
  style?: JournalStyle;
  date?: Date;
  onWarning?: (message: string) => void;
}

export async function renderHandoutPdfs(tree: ArticleRoot, options: HandoutPdfOptions): Promise<{ simplified: Uint8Array; traditional: Uint8Array }> {
  const { variant, style, date, onWarning } = options;
  const h = handoutFromTree(tree);
  const simplified = await renderArticlePdf(handoutTree(h, tree), { style, date, onWarning });
  const labels = Object.fromEntries(Object.entries(defaultLabels).map(([k, v]) => [k, toTraditional(v, variant)]));
  const hant = toTraditionalHandout(h, variant);
  const traditional = await renderArticlePdf(handoutTree(hant, tree, convertMeta(tree.data.meta, variant)), { style, date, onWarning, labels });
  return { simplified, traditional };
}
