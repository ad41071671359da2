/**
 * Layout engine: article tree → pages of positioned boxes. Pure: it reads
 * no files and draws nothing; font measurements come through `FontMetrics`.
 */
import type { ArticleRoot } from '../model/types.js';
import { layoutArticle, type LayoutOptions } from './journal.js';
import type { JournalStyle } from './style.js';
import type { FontMetrics, LayoutResult } from './types.js';

export function layout(tree: ArticleRoot, style: JournalStyle, metrics: FontMetrics, options: LayoutOptions = {}): LayoutResult {
  return layoutArticle(tree, style, metrics, options);
}

export type * from './types.js';
export type { ImageInfo, LayoutOptions } from './journal.js';
export { defaultStyle, columnWidth, textWidth, type JournalStyle } from './style.js';
export { setParagraph, type Inline, type ParagraphOptions, type SetLine, type Piece, type TextStyle } from './paragraph.js';
export { breakLines, INFINITY, type KPItem, type KPLine } from './knuth-plass.js';
export { phrasingToInlines } from './inline.js';
export { gridMetrics } from './metrics.js';
export { defaultLabels, resolveLabels, type LayoutLabels } from './labels.js';
