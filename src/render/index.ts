/**
 * Typeset PDF of an article: layout (src/layout) then drawing (pdf-lib).
 */
import type { ArticleRoot } from '../model/types.js';
import { fontMetrics, loadFonts } from '../fonts/index.js';
import { layout } from '../layout/index.js';
import { defaultStyle, type JournalStyle } from '../layout/style.js';
import type { LayoutLabels } from '../layout/labels.js';
import type { LayoutResult } from '../layout/types.js';
import { findImages, type ApprovedImage } from './images.js';
import { render } from './pdf.js';
import { hasFormulas } from '../math/find.js';

export interface RenderArticleOptions {
  /**
   * The figure images, by the `url` written in the model, as approved and read
   * by `resolveFigureImage` (the pipeline reads each image once per build).
   * Figures whose url is not here get a placeholder.
   */
  images?: Record<string, ApprovedImage>;
  /**
   * Without `images`: the folder of the input, where figure images (`url`)
   * are looked for through `resolveFigureImage`. Without either, every figure
   * gets a placeholder and no file is read.
   */
  inputDir?: string;
  style?: JournalStyle;
  /** Date written to the document information and XMP (default: now). */
  date?: Date;
  /** Receives layout warnings (missing glyphs, overfull lines). */
  onWarning?: (message: string) => void;
  /**
   * Fixed words the layout prints (摘要, 关键词, 参考文献, 收稿日期, …), for
   * instance in Traditional Chinese; those not given keep `defaultLabels`.
   */
  labels?: Partial<LayoutLabels>;
  /**
   * A document of its own made from the article (the handout): its running
   * head, pages numbered from 1 as `1/2` and labelled 1, 2, and no page range
   * in the issue in the XMP (see `LayoutOptions.ownPages`).
   */
  ownPages?: { head: string };
  /** Language tag of the document (catalog `/Lang`, XMP); default `zh-CN`. */
  lang?: string;
}

export interface RenderedArticle {
  pdf: Uint8Array;
  layout: LayoutResult;
}

/** Lay out and render; returns the PDF and the layout it was drawn from. */
export async function renderArticle(tree: ArticleRoot, options: RenderArticleOptions = {}): Promise<RenderedArticle> {
  const fonts = loadFonts();
  const urls = tree.children.flatMap((n) => (n.type === 'figureFloat' && n.url ? [n.url] : []));
  const images = options.images ?? findImages(urls, options.inputDir);
  // MathJax is loaded only for an article that has formulas.
  const math = hasFormulas(tree) ? await (await import('../math/typeset.js')).mathLookup((w) => options.onWarning?.(w)) : undefined;
  const result = layout(tree, options.style ?? defaultStyle, fontMetrics(fonts), { images, labels: options.labels, ownPages: options.ownPages, math });
  for (const w of result.warnings) options.onWarning?.(w);
  // The drawing embeds these bytes; it never opens a file.
  const imageBytes = new Map(Object.values(images).map((i) => [i.path, i.bytes]));
  const pdf = await render(result, tree.data.meta, { fonts, date: options.date, images: imageBytes, lang: options.lang, ownPages: options.ownPages !== undefined });
  return { pdf, layout: result };
}

/** The typeset PDF of an article. */
export async function renderArticlePdf(tree: ArticleRoot, options: RenderArticleOptions = {}): Promise<Uint8Array> {
  return (await renderArticle(tree, options)).pdf;
}

export { render } from './pdf.js';
export { defaultLabels, type LayoutLabels } from '../layout/labels.js';
export type { RenderOptions } from './pdf.js';
