/**
 * The handout PDFs, Simplified and Traditional, set by the article's layout
 * engine as documents of their own: the handout's running head (the
 * article's title, cut to fit) and pages numbered `1/2` (labelled 1, 2)
 * instead of the journal's running head and the article's page numbers, and
 * the language of each (`zh-Hans`, `zh-Hant-TW`, `zh-Hant-HK`).
 */
import type { ArticleRoot } from '../model/types.js';
import type { ArticleMeta } from '../model/meta.js';
import type { JournalStyle } from '../layout/style.js';
import { renderArticlePdf, defaultLabels, type RenderArticleOptions } from '../render/index.js';
import { convertMeta, toTraditional, type TraditionalVariant } from '../convert/index.js';
import { handoutFromTree, toTraditionalHandout, type Handout } from './index.js';
import { handoutTree } from './tree.js';

export interface HandoutPdfOptions {
  variant: TraditionalVariant;
  style?: JournalStyle;
  date?: Date;
  onWarning?: (message: string) => void;
}

/**
 * The handout's running head: the article's title (the model has no short
 * title; the layout cuts a long one to fit the line), Chinese first.
 */
export function handoutRunningHead(h: Handout, meta: ArticleMeta): string {
  return h.title.zh ?? meta.title.zh ?? h.title.en ?? meta.title.en ?? '';
}

/** What makes the article's layout and drawing a handout's: its own running head and page numbers, its language. */
export function handoutRenderOptions(h: Handout, meta: ArticleMeta): Pick<RenderArticleOptions, 'lang' | 'ownPages'> {
  return { lang: h.lang, ownPages: { head: handoutRunningHead(h, meta) } };
}

export async function renderHandoutPdfs(tree: ArticleRoot, options: HandoutPdfOptions): Promise<{ simplified: Uint8Array; traditional: Uint8Array }> {
  const { variant, style, date, onWarning } = options;
  const h = handoutFromTree(tree);
  const meta = tree.data.meta;
  const simplified = await renderArticlePdf(handoutTree(h, tree), {
    style,
    date,
    onWarning,
    ...handoutRenderOptions(h, meta),
  });
  const labels = Object.fromEntries(Object.entries(defaultLabels).map(([k, v]) => [k, toTraditional(v, variant)]));
  const hant = toTraditionalHandout(h, variant);
  const hantMeta = convertMeta(meta, variant);
  const traditional = await renderArticlePdf(handoutTree(hant, tree, hantMeta), {
    style,
    date,
    onWarning,
    labels,
    ...handoutRenderOptions(hant, hantMeta),
  });
  return { simplified, traditional };
}
