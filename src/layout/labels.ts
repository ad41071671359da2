/**
 * Fixed words the journal page prints around the article's own text: block
 * labels of the title page, the first-page footnote, the reference heading,
 * the editor line, the figure placeholder, the running head and the marks
 * of a continued table. A caller may replace any of them (for instance with
 * Traditional Chinese forms); the defaults are Simplified Chinese.
 */
export interface LayoutLabels {
  /** Label of the Chinese abstract (摘要). */
  abstract: string;
  /** Label of the Chinese keywords (关键词). */
  keywords: string;
  /** Label of the English abstract. */
  abstractEn: string;
  /** Label of the English keywords. */
  keywordsEn: string;
  /** Label of the English correspondence line. */
  correspondingEn: string;
  /** Chinese Library Classification number (中图分类号). */
  clc: string;
  /** Document code (文献标识码). */
  documentCode: string;
  /** Article number (文章编号). */
  articleNumber: string;
  /** Heading of the reference list (参考文献). */
  references: string;
  /** Footnote: date received (收稿日期). */
  received: string;
  /** Footnote: date revised (修回日期). */
  revised: string;
  /** Footnote: date accepted (录用日期). */
  accepted: string;
  /** Footnote: the funding note (基金项目). */
  funding: string;
  /** Footnote: the notes on the authors (作者简介). */
  authorNotes: string;
  /** Footnote: corresponding author (通信作者). */
  corresponding: string;
  /** The editor line at the end of the article (本文编辑). */
  editor: string;
  /** Text in the frame of a figure whose image is missing. */
  imageMissing: string;
  /** Put before the label of a continued table (续 + 表1 → 续表1). */
  continuedPrefix: string;
  /** Put after the caption of a continued table without a label. */
  continuedSuffix: string;
  /** Issue in the running head; `{year}` and `{issue}` are replaced. */
  issue: string;
}

export const defaultLabels: Readonly<LayoutLabels> = Object.freeze({
  abstract: '摘要',
  keywords: '关键词',
  abstractEn: 'Abstract:',
  keywordsEn: 'Key words:',
  correspondingEn: 'Corresponding author:',
  clc: '中图分类号',
  documentCode: '文献标识码',
  articleNumber: '文章编号',
  references: '参考文献',
  received: '收稿日期',
  revised: '修回日期',
  accepted: '录用日期',
  funding: '基金项目',
  authorNotes: '作者简介',
  corresponding: '通信作者',
  editor: '本文编辑',
  imageMissing: '（图像未提供）',
  continuedPrefix: '续',
  continuedSuffix: '（续）',
  issue: '{year}年第{issue}期',
});

/** The defaults with the given labels replaced (undefined values are ignored). */
export function resolveLabels(labels: Partial<LayoutLabels> | undefined): LayoutLabels {
  const out: LayoutLabels = { ...defaultLabels };
  if (labels) {
    for (const key of Object.keys(defaultLabels) as (keyof LayoutLabels)[]) {
      const v = labels[key];
      if (typeof v === 'string') out[key] = v;
    }
  }
  return out;
}
