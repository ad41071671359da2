/**
 * Glyph positions read back from a PDF (for `npm run typo`).
 *
 * pdfjs-dist's `getTextContent()` merges glyphs into runs, so this module
 * interprets the page's operator list instead: a small text-state machine
 * (the graphics state's CTM under `save`/`restore`/`transform` and form
 * XObjects; the text matrix and line matrix under `BT`, `Tm`, `Td`, `TD`,
 * `T*`; `Tf`, `Tc`, `Tw`, `Tz`, `Ts`, `TL`) that walks each `showText`
 * array the way pdf.js's canvas backend does: a glyph object advances the
 * pen by `width × size × fontMatrix[0] + Tc (+ Tw for a space)`, a number by
 * `−n / 1000 × size`, all scaled by `Tz`. Each glyph is reported in PDF user
 * space (points, y up) with its origin, advance and effective font size.
 * Horizontal writing only (vertical fonts are reported but not used).
 */
import { readFileSync } from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfGlyph {
  /** The glyph's Unicode text (may be empty or several characters; format characters such as U+2060 removed). */
  ch: string;
  /** Pen position (user space, points) of the glyph's origin on the baseline. */
  x: number;
  y: number;
  /** Advance in user space (points), spacing (Tc/Tw) excluded. */
  w: number;
  /** Effective font size in user space (points). */
  size: number;
  /** The embedded font's name, subset tag removed. */
  font: string;
}

export interface PdfPage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  glyphs: PdfGlyph[];
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 × m2 in PDF order: a point is first mapped by m1, then by m2. */
function mul(m1: readonly number[], m2: readonly number[]): Matrix {
  return [
    m1[0]! * m2[0]! + m1[1]! * m2[2]!,
    m1[0]! * m2[1]! + m1[1]! * m2[3]!,
    m1[2]! * m2[0]! + m1[3]! * m2[2]!,
    m1[2]! * m2[1]! + m1[3]! * m2[3]!,
    m1[4]! * m2[0]! + m1[5]! * m2[2]! + m2[4]!,
    m1[4]! * m2[1]! + m1[5]! * m2[3]! + m2[5]!,
  ];
}

function apply(m: readonly number[], x: number, y: number): [number, number] {
  return [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
}

interface TextState {
  ctm: Matrix;
  font: string;
  fontMatrix0: number;
  vertical: boolean;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

interface GlyphObject {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

/** Reads every page's glyphs from PDF bytes. */
export async function readGlyphs(bytes: Uint8Array): Promise<PdfPage[]> {
  const doc = await pdfjs.getDocument({ data: bytes.slice(), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const [x0, y0, x1, y1] = page.view as number[];
      const ops = await page.getOperatorList();
      const glyphs = interpret(ops.fnArray, ops.argsArray, (ref) => {
        try {
          return page.commonObjs.get(ref) as { name?: string; fontMatrix?: number[]; vertical?: boolean };
        } catch {
          return undefined;
        }
      });
      // Report positions relative to the page box's lower-left corner.
      if (x0 || y0) for (const g of glyphs) ((g.x -= x0!), (g.y -= y0!));
      pages.push({ number: p, width: x1! - x0!, height: y1! - y0!, glyphs });
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

export async function readGlyphsFromFile(file: string): Promise<PdfPage[]> {
  return readGlyphs(new Uint8Array(readFileSync(file)));
}

/** The text-state interpreter over one page's operator list. */
export function interpret(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  fontOf: (ref: string) => { name?: string; fontMatrix?: number[]; vertical?: boolean } | undefined,
): PdfGlyph[] {
  const OPS = pdfjs.OPS;
  const out: PdfGlyph[] = [];
  const stack: TextState[] = [];
  let st: TextState = { ctm: IDENTITY, font: '', fontMatrix0: 0.001, vertical: false, size: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 };
  // Text matrix and line matrix are not part of the saved graphics state.
  let tm: Matrix = IDENTITY;
  let lm: Matrix = IDENTITY;

  const moveText = (tx: number, ty: number) => {
    lm = mul([1, 0, 0, 1, tx, ty], lm);
    tm = lm;
  };

  const show = (items: unknown[]) => {
    const size = st.size;
    const full = mul(tm, st.ctm); // text space → user space
    const scaleY = Math.hypot(full[2], full[3]);
    const scaleX = Math.hypot(full[0], full[1]);
    let x = 0; // text-space advance, before Tz
    for (const it of items) {
      if (typeof it === 'number') {
        x += (-it * size) / 1000;
        continue;
      }
      if (!it || typeof it !== 'object') continue;
      const g = it as GlyphObject;
      const width = (g.width ?? 0) * size * st.fontMatrix0;
      const [ux, uy] = apply(full, x * st.hScale, st.rise);
      if (!st.vertical) {
        out.push({ ch: (g.unicode ?? '').replace(/\p{Cf}/gu, ''), x: ux, y: uy, w: width * st.hScale * scaleX, size: size * scaleY, font: st.font });
      }
      x += width + st.charSpacing + (g.isSpace ? st.wordSpacing : 0);
    }
    tm = mul([1, 0, 0, 1, x * st.hScale, 0], tm);
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = (argsArray[i] ?? []) as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push({ ...st });
        break;
      case OPS.restore:
        st = stack.pop() ?? st;
        break;
      case OPS.transform:
        st.ctm = mul(args as number[], st.ctm);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...st });
        const m = args[0] as number[] | null;
        if (Array.isArray(m) && m.length === 6) st.ctm = mul(m, st.ctm);
        else if (m && typeof m === 'object' && 'length' in m) st.ctm = mul(Array.from(m as ArrayLike<number>), st.ctm);
        break;
      }
      case OPS.paintFormXObjectEnd:
        st = stack.pop() ?? st;
        break;
      case OPS.beginText:
        tm = IDENTITY;
        lm = IDENTITY;
        break;
      case OPS.setFont: {
        const ref = args[0] as string;
        let size = args[1] as number;
        if (size < 0) size = -size;
        const f = fontOf(ref);
        st.font = (f?.name ?? ref).replace(/^[A-Z]{6}\+/, '');
        st.fontMatrix0 = f?.fontMatrix?.[0] ?? 0.001;
        st.vertical = !!f?.vertical;
        st.size = size;
        break;
      }
      case OPS.setCharSpacing:
        st.charSpacing = args[0] as number;
        break;
      case OPS.setWordSpacing:
        st.wordSpacing = args[0] as number;
        break;
      case OPS.setHScale:
        st.hScale = (args[0] as number) / 100;
        break;
      case OPS.setLeading:
        st.leading = args[0] as number;
        break;
      case OPS.setTextRise:
        st.rise = args[0] as number;
        break;
      case OPS.moveText:
        moveText(args[0] as number, args[1] as number);
        break;
      case OPS.setLeadingMoveText:
        st.leading = -(args[1] as number);
        moveText(args[0] as number, args[1] as number);
        break;
      case OPS.setTextMatrix: {
        const m = args[0] as ArrayLike<number>;
        tm = lm = (m && typeof m === 'object' && 'length' in m ? Array.from(m) : (args as number[]).slice(0, 6)) as Matrix;
        break;
      }
      case OPS.nextLine:
        moveText(0, -st.leading);
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        show(args[0] as unknown[]);
        break;
      case OPS.nextLineShowText:
        moveText(0, -st.leading);
        show(args[0] as unknown[]);
        break;
      case OPS.nextLineSetSpacingShowText:
        st.wordSpacing = args[0] as number;
        st.charSpacing = args[1] as number;
        moveText(0, -st.leading);
        show(args[2] as unknown[]);
        break;
      default:
        break;
    }
  }
  return out;
}
