/**
 * Positioned output of the layout engine. Everything here is plain data in
 * PDF points with the PDF convention: the origin is the bottom-left corner of
 * the page and y grows upwards. A glyph run's y is its baseline.
 *
 * The layout engine knows nothing of PDF libraries; the renderer turns these
 * boxes into drawing operators.
 */

/** Font faces the layout uses; the renderer maps each to an embedded font. */
/**
 * The faces: body (宋体 role), headings (黑体 role), a monospace face for
 * source shown as written (TeX that cannot be read), and a Latin italic for
 * the letters and digits of emphasis.
 */
export type FontId = 'serif' | 'sans' | 'mono' | 'italic';

/** Advance widths and vertical metrics, in points, for a font at a size. */
export interface FontMetrics {
  /** Advance width of `text` (no kerning, no shaping: one glyph per code point). */
  advance(font: FontId, text: string, size: number): number;
  /** Whether the font maps the code point to a real glyph (not glyph 0). */
  has(font: FontId, char: string): boolean;
  /** Ascender and descender (descender negative), in em units. */
  vertical(font: FontId): { ascent: number; descent: number };
}

/** Text drawn in one font, size and baseline. */
export interface GlyphRun {
  kind: 'text';
  font: FontId;
  size: number;
  x: number;
  y: number;
  text: string;
  /**
   * Extra space in points after each code point but the last, beyond its
   * natural advance (justification, punctuation compression). Omitted when
   * every gap is natural.
   */
  spacing?: number[];
  /** Horizontal shear for a synthetic oblique (tan of the slant angle): a formula's italic text; emphasis has its italic face. */
  skew?: number;
  /** Grey level 0 (black) to 1 (white); black when omitted. */
  gray?: number;
  /** Page furniture (running head, page number): not part of the reading text. */
  artifact?: boolean;
  /** Part of a float, marked as such in the content stream. */
  tag?: FloatTag;
  /** Its element in the document's logical structure (the tagged PDF). */
  struct?: StructTag;
}

/** Marked-content tag of a float's drawing. */
export type FloatTag = 'Table' | 'Figure';

/** Standard structure types of a tagged PDF (PDF 1.7, 14.8.4) the layout uses. */
export type StructRole = 'H1' | 'H2' | 'H3' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Note' | 'Table' | 'TR' | 'TH' | 'TD' | 'Caption' | 'Figure' | InlineRole;

/** Elements inside a line's text (a link's text, a formula), given their parent when the line is tagged. */
export type InlineRole = 'Link' | 'Formula';

/**
 * Where a box stands in the document's logical structure: its element
 * (`key`, unique in the document; boxes of one element share the object) and
 * the element's parent (the document itself when none). `alt`: a figure's
 * text alternative.
 */
export interface StructTag {
  role: StructRole;
  key: number;
  parent?: StructTag;
  alt?: string;
}

export interface RuleBox {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  artifact?: boolean;
  tag?: FloatTag;
  struct?: StructTag;
}

export interface FrameBox {
  kind: 'frame';
  x: number;
  y: number;
  width: number;
  height: number;
  lineWidth: number;
  /** Fill grey level; unfilled when omitted. */
  fill?: number;
  tag?: FloatTag;
  struct?: StructTag;
}

export interface ImageBox {
  kind: 'image';
  x: number;
  y: number;
  width: number;
  height: number;
  /** Absolute path of a PNG or JPEG file. */
  path: string;
  format: 'png' | 'jpeg';
  tag?: FloatTag;
  struct?: StructTag;
}

/** Text inside a formula for the document's fonts (a character the math fonts lack), in em of the formula, y up. */
export interface MathText {
  text: string;
  x: number;
  y: number;
  size: number;
  italic: boolean;
  /** The face it is set in (chosen by the layout for the characters it has). */
  font?: FontId;
}

/**
 * A typeset formula as the layout sees it: width, height above and depth
 * below the baseline in em of the text it sits in, and an opaque drawing of
 * filled outlines (`ops` one letter each, `M` move, `L` line, `C` cubic
 * curve, `Z` close, taking their points from `coords` in order), in em, y
 * up, origin on the baseline at the left edge.
 */
export interface MathBox {
  /** The formula's TeX, its alternative text in the tagged PDF. */
  tex?: string;
  width: number;
  height: number;
  depth: number;
  ops: string;
  coords: number[];
  /** The glyphs of the math fonts, each drawn from its shared outline (the renderer draws each outline once). */
  glyphs: MathGlyph[];
  texts: MathText[];
}

/**
 * A glyph outline of the math fonts, the same object wherever the glyph
 * stands: path data as in `MathBox` (`ops`, `coords`) in font units, 1000 to
 * the em, y down (as MathJax draws it); `id` names it within the process.
 */
export interface MathOutline {
  id: string;
  ops: string;
  coords: number[];
}

/** One use of an outline: `m` maps its units into the formula's em (y up), as a PDF or SVG matrix [a b c d e f]. */
export interface MathGlyph {
  outline: MathOutline;
  m: [number, number, number, number, number, number];
}

/** A formula's drawing placed on the page: `size` points to the em, origin (x, y) on its baseline; extent in points. */
export interface MathDrawingBox {
  kind: 'math';
  x: number;
  y: number;
  size: number;
  width: number;
  height: number;
  depth: number;
  ops: string;
  coords: number[];
  glyphs: MathGlyph[];
  tag?: FloatTag;
  struct?: StructTag;
}

export type Box = GlyphRun | RuleBox | FrameBox | ImageBox | MathDrawingBox;

/** A clickable area that jumps to a named destination. */
export interface LinkArea {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Name of a destination (`ref-12`). */
  target: string;
  /** The Link element holding the link's text (none on page furniture). */
  struct?: StructTag;
}

/** A named place on a page (top-left corner of what it names). */
export interface Destination {
  name: string;
  x: number;
  y: number;
}

export interface Page {
  /** Zero-based index in the document. */
  index: number;
  width: number;
  height: number;
  /** Printed page number (first page of the article: `firstPage`). */
  number: number;
  /** Page label as printed (`75`). */
  label: string;
  boxes: Box[];
  links: LinkArea[];
  destinations: Destination[];
}

export interface OutlineEntry {
  title: string;
  /** 1 for top-level entries. */
  level: number;
  /** Destination name on some page. */
  target: string;
}

export interface LayoutResult {
  pages: Page[];
  outline: OutlineEntry[];
  /** Problems met while setting the text (missing glyphs, overfull lines). */
  warnings: string[];
}
