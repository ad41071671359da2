/**
 * Journal page style. Sizes follow Chinese journal practice: body 五号
 * (10.5 pt), small text 小五 (9 pt), nothing below 六号 (7.875 pt).
 * All lengths in PDF points.
 */
export interface JournalStyle {
  pageWidth: number;
  pageHeight: number;
  marginTop: number;
  marginBottom: number;
  /** Left and right margin; the text block is centred. */
  marginSide: number;
  /** Column width in body ems (a whole number keeps pure-Han lines exact). */
  columnEms: number;
  columnGapEms: number;
  bodySize: number;
  bodyLeading: number;
  indentEms: number;
  headingSize: number;
  subheadingSize: number;
  smallSize: number;
  smallLeading: number;
  referenceSize: number;
  referenceLeading: number;
  footnoteSize: number;
  footnoteLeading: number;
  titleSize: number;
  titleLeading: number;
  titleEnSize: number;
  authorSize: number;
  headerSize: number;
  /** Baseline of the running head, from the top edge. */
  headerBaseline: number;
}

export const defaultStyle: JournalStyle = {
  pageWidth: 595.28,
  pageHeight: 841.89,
  marginTop: 64,
  marginBottom: 56,
  marginSide: 0, // derived from the columns: see textWidth()
  columnEms: 22,
  columnGapEms: 2,
  bodySize: 10.5,
  bodyLeading: 15.75,
  indentEms: 2,
  headingSize: 11,
  subheadingSize: 10.5,
  smallSize: 9,
  smallLeading: 13.5,
  referenceSize: 9,
  referenceLeading: 12.6,
  footnoteSize: 8,
  footnoteLeading: 11,
  titleSize: 18,
  titleLeading: 27,
  titleEnSize: 12,
  authorSize: 12,
  headerSize: 8,
  headerBaseline: 40,
};

export function columnWidth(style: JournalStyle): number {
  return style.columnEms * style.bodySize;
}

export function columnGap(style: JournalStyle): number {
  return style.columnGapEms * style.bodySize;
}

export function textWidth(style: JournalStyle): number {
  return 2 * columnWidth(style) + columnGap(style);
}

export function leftMargin(style: JournalStyle): number {
  return style.marginSide > 0 ? style.marginSide : (style.pageWidth - textWidth(style)) / 2;
}
