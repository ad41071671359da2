/**
 * Fonts: Noto Serif SC Regular (body, 宋体 role), Noto Sans SC Medium
 * (headings, 黑体 role), Noto Sans Mono Regular (TeX that cannot be read,
 * shown as written) and Noto Serif Italic (the Latin letters and digits of
 * emphasis) from the npm packages, the last two read only when a document
 * needs them; parsed once per process with
 * upstream fontkit 2, measured for the layout engine, and handed to pdf-lib
 * through a small adapter.
 */
import { createHash } from 'node:crypto';
import { readSparseFont } from './sparse.js';
import { TrueTypeSubset, tableDirectory } from './subset.js';
import { createRequire } from 'node:module';
import * as fontkitModule from 'fontkit';
import type { FontId, FontMetrics } from '../layout/types.js';

const require = createRequire(import.meta.url);

/** The parts of a fontkit 2 glyph this module uses. */
export interface FkGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
  path: { commands: unknown[] };
}

interface FkSubset {
  includeGlyph(glyph: number | { id: number }): number;
  encode(): Uint8Array;
  glyphs: number[];
}

/** The parts of a fontkit 2 font this module uses. */
export interface FkFont {
  unitsPerEm: number;
  postscriptName: string;
  ascent: number;
  descent: number;
  capHeight: number;
  xHeight: number;
  italicAngle: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  numGlyphs: number;
  characterSet: number[];
  glyphForCodePoint(cp: number): FkGlyph;
  getGlyph(id: number): FkGlyph;
  createSubset(): FkSubset;
  post: unknown;
  head: unknown;
  'OS/2': unknown;
}

interface Fontkit {
  create(buffer: Uint8Array): FkFont;
}

export const fontkit = fontkitModule as unknown as Fontkit;

export const FONT_FILES: Record<FontId, string> = {
  serif: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  sans: '@expo-google-fonts/noto-sans-sc/500Medium/NotoSansSC_500Medium.ttf',
  mono: '@expo-google-fonts/noto-sans-mono/400Regular/NotoSansMono_400Regular.ttf',
  italic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
};

/** Every face, in the order the PDF embeds them. */
export const FONT_IDS: readonly FontId[] = ['serif', 'sans', 'mono', 'italic'];

/** The faces read when first used: most documents need neither. */
const LAZY_FONT_IDS: readonly FontId[] = ['mono', 'italic'];

export interface LoadedFont {
  id: FontId;
  path: string;
  bytes: Uint8Array;
  font: FkFont;
}

export type LoadedFonts = Record<FontId, LoadedFont>;

let loaded: LoadedFonts | null = null;
const parsedByBytes = new WeakMap<Uint8Array, FkFont>();
/** Loads a glyph's outline into a sparsely read font file before fontkit sees the glyph. */
const glyphLoaders = new WeakMap<FkFont, (id: number) => void>();
const loadersByBytes = new WeakMap<Uint8Array, (id: number) => void>();

/**
 * Read (sparsely: tables now, outlines as glyphs are used) and parse the
 * faces once per process; the monospace and italic faces when first used.
 */
export function loadFonts(): LoadedFonts {
  if (loaded) return loaded;
  const fonts = { serif: loadFont('serif'), sans: loadFont('sans') } as LoadedFonts;
  for (const id of LAZY_FONT_IDS) defineLazyFont(fonts, id);
  loaded = fonts;
  return loaded;
}

/** One face, read sparsely and parsed. */
function loadFont(id: FontId): LoadedFont {
  const path = require.resolve(FONT_FILES[id]);
  const { bytes, loadGlyph } = readSparseFont(path);
  const font = fontkit.create(bytes);
  parsedByBytes.set(bytes, font);
  bytesOfFont.set(font, bytes);
  glyphLoaders.set(font, loadGlyph);
  loadersByBytes.set(bytes, loadGlyph);
  return { id, path, bytes, font };
}

/** `fonts[id]` read and parsed on first access. */
function defineLazyFont(fonts: LoadedFonts, id: FontId): void {
  let font: LoadedFont | undefined;
  Object.defineProperty(fonts, id, { enumerable: true, get: () => (font ??= loadFont(id)) });
}

/**
 * What the layout and pdf-lib use of a glyph. The advance comes from the raw
 * `hmtx` table (fontkit would decode the whole table, and the vertical
 * metrics, to give one width); `codePoints` is the character the glyph was
 * first used for, which is what the PDF's ToUnicode map should give back
 * (fontkit lists every code point the font maps to the glyph).
 */
export interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

const bytesOfFont = new WeakMap<FkFont, Uint8Array>();
const advanceReaders = new WeakMap<FkFont, ((id: number) => number) | null>();

/** Advance widths read from the font's raw `hmtx` (null: not a font whose bytes we hold). */
function advanceReader(font: FkFont): ((id: number) => number) | null {
  let reader = advanceReaders.get(font);
  if (reader !== undefined) return reader;
  reader = null;
  const bytes = bytesOfFont.get(font);
  if (bytes) {
    const tables = tableDirectory(bytes);
    const hhea = tables.get('hhea');
    const hmtx = tables.get('hmtx');
    if (hhea && hmtx) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const count = view.getUint16(hhea.offset + 34);
      reader = (id) => view.getUint16(hmtx.offset + Math.min(id, count - 1) * 4);
    }
  }
  advanceReaders.set(font, reader);
  return reader;
}

const glyphCaches = new WeakMap<FkFont, { byCodePoint: Map<number, Glyph>; byId: Map<number, Glyph> }>();

/** The glyph for a code point, cached per font (one object per glyph id). */
function cachedGlyph(font: FkFont, cp: number): Glyph {
  let cache = glyphCaches.get(font);
  if (!cache) glyphCaches.set(font, (cache = { byCodePoint: new Map(), byId: new Map() }));
  let g = cache.byCodePoint.get(cp);
  if (!g) {
    const fk = font.glyphForCodePoint(cp);
    g = cache.byId.get(fk.id);
    if (!g) {
      glyphLoaders.get(font)?.(fk.id);
      const advance = advanceReader(font);
      g = { id: fk.id, advanceWidth: advance ? advance(fk.id) : fk.advanceWidth, codePoints: [cp] };
      cache.byId.set(fk.id, g);
    }
    cache.byCodePoint.set(cp, g);
  }
  return g;
}

/** Glyph for a character, or null when the font maps it to glyph 0. */
export function glyphFor(font: FkFont, ch: string): Glyph | null {
  const g = cachedGlyph(font, ch.codePointAt(0)!);
  return g.id === 0 ? null : g;
}

const metricsCache = new WeakMap<LoadedFonts, FontMetrics>();

/** Measurements for the layout engine, with per-character caches (one per font set). */
export function fontMetrics(fonts: LoadedFonts = loadFonts()): FontMetrics {
  let m = metricsCache.get(fonts);
  if (!m) metricsCache.set(fonts, (m = makeMetrics(fonts)));
  return m;
}

function makeMetrics(fonts: LoadedFonts): FontMetrics {
  const widths: Record<FontId, Map<string, number>> = { serif: new Map(), sans: new Map(), mono: new Map(), italic: new Map() };
  const width = (id: FontId, ch: string): number => {
    let w = widths[id].get(ch);
    if (w === undefined) {
      const f = fonts[id].font;
      const g = cachedGlyph(f, ch.codePointAt(0)!);
      w = g.id === 0 ? -1 : g.advanceWidth / f.unitsPerEm;
      widths[id].set(ch, w);
    }
    return w;
  };
  const vertical: Partial<Record<FontId, { ascent: number; descent: number }>> = {};
  const verticalOf = (id: FontId) => {
    const f = fonts[id].font;
    return (vertical[id] ??= { ascent: f.ascent / f.unitsPerEm, descent: f.descent / f.unitsPerEm });
  };
  return {
    advance(id, text, size) {
      let sum = 0;
      for (const ch of text) {
        const w = width(id, ch);
        if (w < 0) throw new Error(`font ${id} has no glyph for U+${ch.codePointAt(0)!.toString(16)}`);
        sum += w;
      }
      return sum * size;
    },
    has(id, ch) {
      return width(id, ch) >= 0;
    },
    vertical(id) {
      return verticalOf(id);
    },
  };
}

/**
 * `ABCDEF+` subset tag: six capital letters derived from a hash of the glyph
 * ids in the subset, so that the same glyph set always gets the same tag.
 */
export function subsetTag(glyphIds: Iterable<number>): string {
  const ids = [...new Set(glyphIds)].sort((a, b) => a - b);
  const hash = createHash('sha256').update(Uint32Array.from(ids)).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (hash[i]! % 26));
  return tag;
}

/**
 * The object pdf-lib's `registerFontkit` expects, backed by upstream
 * fontkit 2: `create(bytes)` returns a font whose `layout()` maps code points
 * to glyphs one to one (no shaping, so that what is drawn is what the layout
 * measured) and whose subsets offer the `encodeStream()` pdf-lib calls.
 */
export const pdfLibFontkit = {
  create(bytes: Uint8Array): PdfLibFont {
    let font = parsedByBytes.get(bytes);
    if (!font) {
      font = fontkit.create(bytes);
      parsedByBytes.set(bytes, font);
      bytesOfFont.set(font, bytes);
    }
    return new PdfLibFont(font, bytes, loadersByBytes.get(bytes));
  },
};

type Listener = (arg?: unknown) => void;

class PdfLibFont {
  /** TrueType outlines: subsets are written from the raw tables (subset.ts); otherwise by fontkit. */
  private readonly trueType: boolean;
  constructor(
    readonly font: FkFont,
    private readonly bytes: Uint8Array,
    private readonly loadGlyph?: (id: number) => void,
  ) {
    const tables = tableDirectory(bytes);
    this.trueType = tables.has('glyf') && tables.has('loca');
  }
  get unitsPerEm() {
    return this.font.unitsPerEm;
  }
  get postscriptName() {
    return this.font.postscriptName;
  }
  get ascent() {
    return this.font.ascent;
  }
  get descent() {
    return this.font.descent;
  }
  get capHeight() {
    return this.font.capHeight;
  }
  get xHeight() {
    return this.font.xHeight;
  }
  get italicAngle() {
    return this.font.italicAngle;
  }
  get bbox() {
    return this.font.bbox;
  }
  get post() {
    return this.font.post;
  }
  get head() {
    return this.font.head;
  }
  get 'OS/2'() {
    return this.font['OS/2'];
  }
  get cff() {
    return undefined;
  }
  get characterSet() {
    return this.font.characterSet;
  }
  glyphForCodePoint(cp: number) {
    return cachedGlyph(this.font, cp);
  }
  layout(text: string) {
    const glyphs: Glyph[] = [];
    for (const ch of text) {
      const g = cachedGlyph(this.font, ch.codePointAt(0)!);
      if (g.id === 0) throw new Error(`${this.font.postscriptName} has no glyph for U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`);
      glyphs.push(g);
    }
    return { glyphs, positions: glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 })) };
  }
  createSubset() {
    const subset = this.trueType ? new TrueTypeSubset(this.bytes, this.loadGlyph) : this.font.createSubset();
    return {
      cff: undefined,
      includeGlyph: (glyph: number | { id: number }) => subset.includeGlyph(glyph),
      encodeStream() {
        const listeners: Record<string, Listener[]> = { data: [], end: [], error: [] };
        const stream = {
          on(event: string, fn: Listener) {
            (listeners[event] ??= []).push(fn);
            return stream;
          },
        };
        queueMicrotask(() => {
          try {
            const bytes = subset.encode();
            for (const fn of listeners.data!) fn(bytes);
            for (const fn of listeners.end!) fn();
          } catch (err) {
            for (const fn of listeners.error!) fn(err);
          }
        });
        return stream;
      },
    };
  }
}
