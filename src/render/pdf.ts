/**
 * Draw laid-out pages with pdf-lib: subset fonts with `ABCDEF+` tags, text
 * as TJ arrays (justification offsets in the array), rules, frames, images,
 * citation links to named destinations, outline, page labels, document
 * information, XMP metadata and the catalog language.
 */
import { deflateSync } from 'node:zlib';
import type { PDFArray, PDFDocument, PDFFont, PDFImage, PDFPage, PDFRef, PDFString } from 'pdf-lib';
import type { ArticleMeta } from '../model/meta.js';
import { FONT_IDS, glyphFor, loadFonts, pdfLibFontkit, subsetTag, type LoadedFonts } from '../fonts/index.js';
import type { FontId, GlyphRun, LayoutResult, MathDrawingBox, MathOutline, Page, StructTag } from '../layout/types.js';
import { writeStructure, type MarkedPage } from './structure.js';
import { addLinkAnnotations } from './links.js';
import { CJK_RE } from '../text/chars.js';
import { xmpPacket, documentInfo } from './metadata.js';
import { buildOutline } from './outline.js';
import { pdfLib } from './pdflib.js';

export interface RenderOptions {
  /** Creation and modification date written to the info dictionary and XMP. */
  date?: Date;
  fonts?: LoadedFonts;
  /**
   * The bytes of each image box, by its `path`, as read and checked by
   * `resolveFigureImage`; the drawing never reads a file. An image box whose
   * bytes are not here, or that pdf-lib cannot embed, is drawn as an empty frame.
   */
  images?: ReadonlyMap<string, Uint8Array>;
  /** Language tag of the document: catalog `/Lang`, XMP `dc:language` and the Chinese title's `xml:lang` (default `zh-CN`). */
  lang?: string;
  /**
   * The pages are the document's own (the handout), not the article's pages
   * in the issue: the XMP gives no starting and ending page.
   */
  ownPages?: boolean;
}

/**
 * zlib at level 4: about 40 % faster than the default 6 on these streams,
 * for files about 2 % larger.
 */
const deflate = (data: Uint8Array) => deflateSync(data, { level: 4 });

function fontName(bytesName: string, tag: string): string {
  return `${tag}+${bytesName}`;
}

/** Render pages to PDF bytes. */
export async function render(result: LayoutResult, meta: ArticleMeta, options: RenderOptions = {}): Promise<Uint8Array> {
  const fonts = options.fonts ?? loadFonts();
  const date = options.date ?? new Date();
  const doc = await pdfLib.PDFDocument.create({ updateMetadata: false });
  // Compress streams with the native zlib rather than pdf-lib's JavaScript
  // deflate: the font subsets are a few hundred kilobytes.
  const context = doc.context;
  context.flateStream = (contents, dict = {}) =>
    context.stream(deflate(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), { ...dict, Filter: 'FlateDecode' });
  doc.registerFontkit(pdfLibFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);

  // Glyph sets per font, for the subset tags.
  const used: Record<FontId, Set<number>> = { serif: new Set(), sans: new Set(), mono: new Set(), italic: new Set() };
  for (const page of result.pages)
    for (const box of page.boxes)
      if (box.kind === 'text')
        for (const ch of box.text) {
          const g = glyphFor(fonts[box.font].font, ch);
          if (!g) throw new Error(`no glyph for ${JSON.stringify(ch)} in ${box.font}`);
          used[box.font].add(g.id);
        }
  const pdfFonts: Partial<Record<FontId, PDFFont>> = {};
  for (const id of FONT_IDS) {
    if (used[id].size === 0) continue;
    const f = fonts[id];
    pdfFonts[id] = await doc.embedFont(f.bytes, { subset: true, customName: fontName(f.font.postscriptName, subsetTag(used[id])) });
  }

  const images = new Map<string, PDFImage | null>();
  const glyphForms = new Map<string, PDFRef>();
  const pdfPages: PDFPage[] = [];
  const marked: MarkedPage[] = [];
  const textOf = new Map<number, string>();
  for (const page of result.pages) {
    const p = doc.addPage([page.width, page.height]);
    pdfPages.push(p);
    marked.push(await drawPage(doc, p, page, pdfFonts, images, options.images ?? new Map(), glyphForms, textOf));
  }

  // Named destinations.
  const dests = new Map<string, PDFArray>();
  result.pages.forEach((page, i) => {
    for (const d of page.destinations) {
      if (dests.has(d.name)) continue;
      dests.set(d.name, doc.context.obj([pdfPages[i]!.ref, pdfLib.PDFName.of('XYZ'), Math.max(0, d.x - 4), d.y + 6, null]) as PDFArray);
    }
  });
  const names = [...dests.keys()].sort();
  const nameArray: (PDFString | PDFArray)[] = [];
  for (const n of names) nameArray.push(pdfLib.PDFString.of(n), dests.get(n)!);
  const catalog = doc.catalog;
  if (names.length) {
    const tree = doc.context.obj({ Names: nameArray, Limits: [pdfLib.PDFString.of(names[0]!), pdfLib.PDFString.of(names[names.length - 1]!)] });
    catalog.set(pdfLib.PDFName.of('Names'), doc.context.obj({ Dests: doc.context.register(tree) }));
  }

  // Links, described, each in its Link element.
  const annotations = addLinkAnnotations(doc, pdfPages, result.pages, dests, options.lang ?? 'zh-CN');

  // Outline.
  const outlineRef = buildOutline(doc, result.outline.filter((e) => dests.has(e.target)));
  if (outlineRef) {
    catalog.set(pdfLib.PDFName.of('Outlines'), outlineRef);
    catalog.set(pdfLib.PDFName.of('PageMode'), pdfLib.PDFName.of('UseOutlines'));
  }

  // Page labels as printed.
  const first = result.pages[0]?.number ?? 1;
  catalog.set(pdfLib.PDFName.of('PageLabels'), doc.context.obj({ Nums: [0, { S: pdfLib.PDFName.of('D'), St: first }] }));

  // Language, document information, XMP.
  const lang = options.lang ?? 'zh-CN';
  doc.setLanguage(lang);
  documentInfo(doc, meta, date);
  const xmp = new TextEncoder().encode(xmpPacket(meta, date, result.pages.length, { lang, pageRange: !options.ownPages }));
  const metadataRef: PDFRef = doc.context.register(doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML', Length: xmp.length }));
  catalog.set(pdfLib.PDFName.of('Metadata'), metadataRef);
  writeStructure(doc, pdfPages, marked, textOf, lang, annotations);

  return doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
}

/** Shortest decimal form for content streams. */
function n(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Draw one page into a single content stream, compressed with zlib. */
async function drawPage(
  doc: PDFDocument,
  p: PDFPage,
  page: Page,
  fonts: Partial<Record<FontId, PDFFont>>,
  images: Map<string, PDFImage | null>,
  imageBytes: ReadonlyMap<string, Uint8Array>,
  glyphForms: Map<string, PDFRef>,
  textOf: Map<number, string>,
): Promise<MarkedPage> {
  const fontKeys: Partial<Record<FontId, string>> = {};
  const fontKey = (id: FontId) => {
    const font = fonts[id]!;
    return (fontKeys[id] ??= p.node.newFontDictionary(font.name, font.ref).toString());
  };
  const imageKeys = new Map<string, string>();
  const glyphKeys = new Map<string, string>();
  // A math glyph's outline is drawn once in the document, as a form XObject every use paints.
  const glyphKey = (outline: MathOutline) => {
    let key = glyphKeys.get(outline.id);
    if (!key) {
      let ref = glyphForms.get(outline.id);
      if (!ref) glyphForms.set(outline.id, (ref = glyphForm(doc, outline)));
      glyphKeys.set(outline.id, (key = p.node.newXObject('MG', ref).toString()));
    }
    return key;
  };
  const ops: string[] = [];
  // Floats are marked-content sequences (/Table, /Figure), so that a reader
  // can tell them from the running text they interrupt. Inside, each run of
  // boxes of one structure element is a sequence with its MCID; rules,
  // frames and page furniture are artifacts.
  let open: string | undefined;
  const mcids: StructTag[] = [];
  let element: StructTag | undefined;
  const closeElement = () => {
    if (element) ops.push('EMC');
    element = undefined;
  };
  for (const box of page.boxes) {
    if (box.tag !== open) {
      closeElement();
      if (open) ops.push('EMC');
      if (box.tag) ops.push(`/${box.tag} BMC`);
      open = box.tag;
    }
    const struct = box.kind === 'rule' || box.kind === 'frame' ? undefined : box.struct;
    if (struct !== element) {
      closeElement();
      if (struct) {
        ops.push(`/${struct.role} <</MCID ${mcids.length}>> BDC`);
        mcids.push(struct);
        element = struct;
      }
    }
    if (struct && box.kind === 'text') textOf.set(struct.key, (textOf.get(struct.key) ?? '') + box.text);
    const from = ops.length;
    switch (box.kind) {
      case 'text':
        ops.push(textOperators(box, fonts[box.font]!, fontKey(box.font)));
        break;
      case 'rule': {
        const line = `q ${n(box.width)} w ${n(box.x1)} ${n(box.y1)} m ${n(box.x2)} ${n(box.y2)} l S Q`;
        ops.push(box.artifact ? `/Artifact BMC ${line} EMC` : line);
        break;
      }
      case 'frame': {
        const fill = box.fill !== undefined ? `${n(box.fill)} g ` : '';
        const paint = box.fill !== undefined ? 'B' : 'S';
        ops.push(`q ${fill}0 G ${n(box.lineWidth)} w ${n(box.x)} ${n(box.y)} ${n(box.width)} ${n(box.height)} re ${paint} Q`);
        break;
      }
      case 'math':
        ops.push(mathOperators(box, glyphKey));
        break;
      case 'image': {
        let img = images.get(box.path);
        if (img === undefined) {
          const bytes = imageBytes.get(box.path);
          img = null;
          if (bytes) {
            try {
              img = box.format === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
            } catch {
              // damaged past its header: an empty frame instead
            }
          }
          images.set(box.path, img);
        }
        if (!img) {
          ops.push(`q 0 G 0.5 w ${n(box.x)} ${n(box.y)} ${n(box.width)} ${n(box.height)} re S Q`);
          break;
        }
        let key = imageKeys.get(box.path);
        if (!key) {
          key = p.node.newXObject('Im', img.ref).toString();
          imageKeys.set(box.path, key);
        }
        ops.push(`q ${n(box.width)} 0 0 ${n(box.height)} ${n(box.x)} ${n(box.y)} cm ${key} Do Q`);
        break;
      }
    }
    // Content outside the structure (rules, frames, anything untagged) is an artifact.
    if (!struct && !('artifact' in box && box.artifact) && ops.length > from) {
      ops.splice(from, 0, '/Artifact BMC');
      ops.push('EMC');
    }
  }
  closeElement();
  if (open) ops.push('EMC');
  const content = deflate(Buffer.from(ops.join('\n'), 'latin1'));
  const ref = doc.context.register(doc.context.stream(content, { Filter: 'FlateDecode' }));
  p.node.set(pdfLib.PDFName.of('Contents'), ref);
  return { mcids };
}

/**
 * A formula in its own em-sized coordinates: each glyph painted from its
 * outline's form XObject, then the other outlines (rules, radicals),
 * filled (nonzero winding).
 */
function mathOperators(box: MathDrawingBox, glyphKey: (outline: MathOutline) => string): string {
  const parts: string[] = [`q ${n(box.size)} 0 0 ${n(box.size)} ${n(box.x)} ${n(box.y)} cm`];
  for (const g of box.glyphs) parts.push(`q ${g.m.map((v, i) => (i < 4 ? fine(v, 7) : fine(v, 5))).join(' ')} cm ${glyphKey(g.outline)} Do Q`);
  if (box.ops) parts.push(`${pathOperators(box.ops, box.coords, n)} f`);
  parts.push('Q');
  return parts.join(' ');
}

/** Path construction operators (`m`, `l`, `c`, `h`) for path data, its numbers written by `num`. */
function pathOperators(ops: string, c: readonly number[], num: (v: number) => string): string {
  const parts: string[] = [];
  let k = 0;
  const pt = () => `${num(c[k++]!)} ${num(c[k++]!)}`;
  for (const op of ops) {
    if (op === 'M') parts.push(`${pt()} m`);
    else if (op === 'L') parts.push(`${pt()} l`);
    else if (op === 'C') parts.push(`${pt()} ${pt()} ${pt()} c`);
    else parts.push('h');
  }
  return parts.join(' ');
}

/** A number with at most `digits` decimals, in its shortest form. */
function fine(v: number, digits: number): string {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? '0' : String(r);
}

/** A glyph outline (font units) as a form XObject filling it, its bounding box the outline's. */
function glyphForm(doc: PDFDocument, outline: MathOutline): PDFRef {
  const c = outline.coords;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < c.length; i += 2) {
    x0 = Math.min(x0, c[i]!);
    x1 = Math.max(x1, c[i]!);
    y0 = Math.min(y0, c[i + 1]!);
    y1 = Math.max(y1, c[i + 1]!);
  }
  const bbox = c.length ? [Math.floor(x0), Math.floor(y0), Math.ceil(x1), Math.ceil(y1)] : [0, 0, 0, 0];
  const content = deflate(Buffer.from(`${pathOperators(outline.ops, c, (v) => fine(v, 1))} f`, 'latin1'));
  return doc.context.register(doc.context.stream(content, { Type: 'XObject', Subtype: 'Form', BBox: bbox, Filter: 'FlateDecode' }));
}

const encodings = new WeakMap<PDFFont, Map<string, string>>();

/** A piece of text in the font's encoding (glyph ids in hex), each piece encoded once per font: justified runs cut text into many short pieces. */
function encoded(font: PDFFont, text: string): string {
  let cache = encodings.get(font);
  if (!cache) encodings.set(font, (cache = new Map()));
  let hex = cache.get(text);
  if (hex === undefined) {
    if (cache.size > 50_000) cache.clear();
    cache.set(text, (hex = font.encodeText(text).toString()));
  }
  return hex;
}

/** BT … TJ … ET for one run; spacing becomes numbers inside the TJ array. */
function textOperators(run: GlyphRun, font: PDFFont, key: string): string {
  const cps = [...run.text];
  const parts: string[] = [];
  let chunk = '';
  cps.forEach((ch, i) => {
    chunk += ch;
    const s = i < cps.length - 1 ? (run.spacing?.[i] ?? 0) : 0;
    if (Math.abs(s) > 1e-4) {
      parts.push(encoded(font, chunk), n((-s * 1000) / run.size));
      chunk = '';
    }
  });
  if (chunk) parts.push(encoded(font, chunk));
  let out = `BT ${key} ${n(run.size)} Tf 1 0 ${n(run.skew ?? 0)} 1 ${n(run.x)} ${n(run.y)} Tm [${parts.join(' ')}] TJ ET`;
  if (run.gray !== undefined) out = `q ${n(run.gray)} g ${out} Q`;
  // A justified run says what it reads: its words without the space added between Han characters,
  // and a space where Latin words are apart (extractors guess spaces from gaps).
  const actual = run.spacing?.some((s) => s > 0.01) ? actualText(run) : undefined;
  if (actual !== undefined) out = `/Span <</ActualText <${actual}>>> BDC ${out} EMC`;
  if (run.artifact) out = `/Artifact BMC ${out} EMC`;
  return out;
}

/** The run's text as UTF-16BE hex (with its byte-order mark), a space where two Latin characters stand a word space apart. */
function actualText(run: GlyphRun): string {
  const cps = [...run.text];
  let text = '';
  cps.forEach((ch, i) => {
    text += ch;
    const next = cps[i + 1];
    const gap = run.spacing?.[i] ?? 0;
    if (next && gap > 0.15 * run.size && !CJK_RE.test(ch) && !CJK_RE.test(next)) text += ' ';
  });
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return hex;
}

