/**
 * The document model: an mdast tree with a few node types of our own.
 *
 * - `citation` (phrasing): a citation group such as `^[4-5]`, listing the
 *   cited reference numbers one by one.
 * - `tableFloat` / `figureFloat` (block): a captioned table or figure, with a
 *   stable id (`T1`, `F1`) and its label (`表1`, `图1`).
 * - `referenceList` / `referenceEntry` (block): the numbered references; an
 *   entry's children are phrasing content (text, emphasis, superscript).
 * - `superscript` / `subscript` (phrasing): raised or lowered text from the
 *   source (`^{lpr}`), kept as structure.
 * - `inlineMath` (phrasing) / `math` (block), as mdast-util-math makes them:
 *   a formula, `value` its TeX source as written (`\tag{…}` and a trailing
 *   printed number taken out); `data.label` the number a display formula
 *   carries (`(1)`), `data.invalid` the reason when the TeX cannot be read
 *   (finding `math-invalid`; it is then printed as written).
 *
 * The root carries the zod-validated metadata in `data.meta`. Every node made
 * from source text keeps its unist `position`.
 */
import type { Root, PhrasingContent, Table, Parent, Literal } from 'mdast';
import type { Position } from 'unist';
import type { ArticleMeta } from './meta.js';
import type { CslItem } from './csl.js';
import type { InlineMath, Math } from 'mdast-util-math';

export interface Citation extends Parent {
  type: 'citation';
  /** Cited reference numbers in the order written, ranges expanded. */
  numbers: number[];
  children: [];
}

export interface Superscript extends Parent {
  type: 'superscript';
  children: PhrasingContent[];
}

export interface Subscript extends Parent {
  type: 'subscript';
  children: PhrasingContent[];
}

export interface TableFloat extends Parent {
  type: 'tableFloat';
  identifier: string; // T1
  label: string; // 表1
  caption: PhrasingContent[];
  /** The caption's English line (`Table 1 …`), when the article prints one. */
  captionEn?: PhrasingContent[];
  children: [Table];
}

export interface FigureFloat extends Parent {
  type: 'figureFloat';
  identifier: string; // F1
  label: string; // 图1
  caption: PhrasingContent[];
  /** The caption's English line (`Fig. 1 …`), when the article prints one. */
  captionEn?: PhrasingContent[];
  credit?: string;
  /** Image path relative to the input, when an image sits beside it. */
  url?: string;
  children: [];
}

/** What the stages know of a reference beyond its printed text. */
export interface ReferenceEntryData {
  /** The item: read from a structured input as given, or parsed by the references stage. */
  csl?: CslItem;
  /**
   * The printed text no longer says what `csl` says (a JATS input whose
   * `element-citation` was edited): the references stage prints it anew.
   */
  printedStale?: boolean;
  /** A formatted house-style string the PDF prints instead of the children. */
  formatted?: string;
}

export interface ReferenceEntry extends Parent {
  type: 'referenceEntry';
  number: number;
  identifier: string; // ref-1
  children: PhrasingContent[];
  data?: ReferenceEntryData;
}

export interface ReferenceList extends Parent {
  type: 'referenceList';
  children: ReferenceEntry[];
}

export interface GlossaryEntry {
  zh: string;
  en?: string;
  abbr?: string;
}

export interface ArticleData {
  meta: ArticleMeta;
  glossary?: GlossaryEntry[];
  positions?: Record<string, Position>;
  authorMarks?: Array<{ zh: string[]; en: string[] }>;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: Citation;
    superscript: Superscript;
    subscript: Subscript;
  }
  interface RootContentMap {
    tableFloat: TableFloat;
    figureFloat: FigureFloat;
    referenceList: ReferenceList;
    referenceEntry: ReferenceEntry;
    citation: Citation;
    superscript: Superscript;
    subscript: Subscript;
  }
  interface BlockContentMap {
    tableFloat: TableFloat;
    figureFloat: FigureFloat;
    referenceList: ReferenceList;
  }
  interface RootData {
    meta?: ArticleMeta;
    glossary?: GlossaryEntry[];
    /** Source positions of metadata fields (`title.zh`, `authors.0.en`, …). */
    positions?: Record<string, Position>;
    /** Affiliation marks as printed after each author's name, per language. */
    authorMarks?: Array<{ zh: string[]; en: string[] }>;
  }
  interface HeadingData {
    /** Section number as printed (`1`, `2.1`). */
    label?: string;
  }
}

declare module 'mdast-util-math' {
  interface MathData {
    /** The formula's number as printed (`(1)`). */
    label?: string;
    /** Why the TeX cannot be read (then it is printed as written). */
    invalid?: string;
  }
  interface InlineMathData {
    invalid?: string;
  }
}

export type ArticleRoot = Root & { data: ArticleData };
export type { Root, PhrasingContent, Table, Literal, InlineMath, Math };
