/**
 * Emphasis in a real Latin italic (Noto Serif Italic) instead of a slanted
 * text matrix: the seed's journal names and hand-built paragraphs, read back
 * from the PDF (fonts and text matrices with pdf-lib, glyphs with the glyph
 * reader of scripts/typo-glyphs.ts, text and structure with pdfjs-dist).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import type { PhrasingContent } from 'mdast';
import { readGlyphs, type PdfGlyph } from '../scripts/typo-glyphs.js';
import { seedPdf } from './helpers/seed-pdf.js';
import { emptyMeta } from '../src/model/meta.js';
import type { ArticleRoot } from '../src/model/types.js';
import { renderArticlePdf } from '../src/render/index.js';
import { gridMetrics } from '../src/layout/metrics.js';
import { ITALIC_SCALE, setParagraph } from '../src/layout/paragraph.js';
import type { FontId, FontMetrics } from '../src/layout/types.js';

const DATE = new Date('2024-04-01T00:00:00Z');
const ITALIC = 'NotoSerif-Italic';
const SERIF = 'NotoSerifSC-Regular';
const LATIN_ALNUM = /[A-Za-z0-9\u00C0-\u024F]/u;
const HAN = /\p{Script=Han}/u;

/** The embedded fonts' names, subset tag removed. */
async function fontNames(bytes: Uint8Array): Promise<string[]> {
  const lib = await PDFDocument.load(bytes);
  const names: string[] = [];
  for (const [, obj] of lib.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && obj.get(PDFName.of('Subtype')) === PDFName.of('Type0')) {
      names.push((obj.get(PDFName.of('BaseFont')) as PDFName).decodeText().replace(/^[A-Z]{6}\+/, ''));
    }
  }
  return names.sort();
}

interface TextObject {
  font: string;
  matrix: number[];
}

/** Every text object's font (its name, tag removed) and its `Tm` matrix, from the content streams. */
async function textObjects(bytes: Uint8Array): Promise<TextObject[]> {
  const lib = await PDFDocument.load(bytes);
  const out: TextObject[] = [];
  for (const page of lib.getPages()) {
    const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    const nameOf = (key: string) => {
      const dict = lib.context.lookup(fonts.get(PDFName.of(key)) as PDFRef, PDFDict);
      return (dict.get(PDFName.of('BaseFont')) as PDFName).decodeText().replace(/^[A-Z]{6}\+/, '');
    };
    const stream = lib.context.lookup(page.node.get(PDFName.of('Contents'))) as PDFRawStream;
    const content = inflateSync(stream.contents).toString('latin1');
    for (const m of content.matchAll(/BT \/(\S+) \S+ Tf ((?:\S+ ){6})Tm/g)) {
      out.push({ font: nameOf(m[1]!), matrix: m[2]!.trim().split(' ').map(Number) });
    }
  }
  return out;
}

async function glyphsOf(bytes: Uint8Array): Promise<PdfGlyph[]> {
  return (await readGlyphs(bytes)).flatMap((p) => p.glyphs);
}

function visit(node: unknown, fn: (n: { type: string }) => void): void {
  const n = node as { type: string; children?: unknown[] };
  fn(n);
  if (Array.isArray(n.children)) for (const c of n.children) visit(c, fn);
}

function plain(node: unknown): string {
  let s = '';
  visit(node, (n) => {
    if (n.type === 'text') s += (n as unknown as { value: string }).value;
  });
  return s;
}

const text = (value: string): PhrasingContent => ({ type: 'text', value });

/** A one-paragraph article. */
function article(children: PhrasingContent[]): ArticleRoot {
  const meta = { ...emptyMeta(), title: { zh: '强调的测试文章', en: 'A test of emphasis' } };
  return { type: 'root', data: { meta }, children: [{ type: 'paragraph', children }] } as ArticleRoot;
}

const EMPHASIS = 'Staphylococcus aureus 金黄色（株）12';
const withEmphasis = () => article([text('细胞来自'), { type: 'emphasis', children: [text(EMPHASIS)] }, text('的培养。')]);
const withoutEmphasis = () => article([text('细胞来自'), text(EMPHASIS), text('的培养。')]);

describe('the seed\'s journal names', () => {
  let bytes: Uint8Array;
  let emphasised: string[];
  beforeAll(async () => {
    const seed = await seedPdf();
    emphasised = [];
    visit(seed.tree, (n) => n.type === 'emphasis' && emphasised.push(plain(n)));
    bytes = seed.out.pdf;
  }, 60_000);

  it('embeds Noto Serif Italic beside the CJK faces', async () => {
    expect(await fontNames(bytes)).toEqual(['NotoSansSC-Medium', ITALIC, SERIF].sort());
  });

  it('draws every Latin letter and digit of emphasis, and only those, in the italic face, a little smaller than the reference text', async () => {
    const glyphs = await glyphsOf(bytes);
    const italic = glyphs.filter((g) => g.font === ITALIC);
    const latin = (s: string) => [...s].filter((ch) => LATIN_ALNUM.test(ch)).join('');
    expect(emphasised.length).toBeGreaterThan(40);
    // in reading order; a hyphen that breaks a journal name at a line end is italic too
    expect(latin(italic.map((g) => g.ch).join(''))).toBe(latin(emphasised.join('')));
    for (const g of italic) if (g.ch !== '-') expect(LATIN_ALNUM.test(g.ch), g.ch).toBe(true);
    for (const g of italic) expect(g.size).toBeCloseTo(9 * ITALIC_SCALE, 2);
  });

  it('keeps Han and brackets inside emphasis upright in the serif CJK face (江苏大学学报(医学版))', async () => {
    const glyphs = await glyphsOf(bytes);
    const han = emphasised.filter((s) => HAN.test(s));
    expect(han).toContain('江苏大学学报(医学版)');
    const drawn = glyphs.map((g) => g.ch).join('');
    for (const name of han) {
      const at = drawn.indexOf(name);
      expect(at, name).toBeGreaterThanOrEqual(0);
      const fonts = new Set(glyphs.slice(at, at + name.length).map((g) => g.font));
      expect([...fonts], name).toEqual([SERIF]);
    }
  });

  it('slants no text matrix: every text object is set upright', async () => {
    const objects = await textObjects(bytes);
    expect(objects.filter((o) => o.font === ITALIC).length).toBeGreaterThan(40);
    for (const o of objects) expect(o.matrix.slice(0, 4), o.font).toEqual([1, 0, 0, 1]);
  });

  it('gives the journal names back as text (ToUnicode), each in its reference list item', async () => {
    const doc = await pdfjs.getDocument({ data: bytes.slice(), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
    let all = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      for (const item of content.items) if ('str' in item) all += item.str;
    }
    const squeeze = (s: string) => s.replace(/[\s\-‐]+/g, '');
    for (const name of emphasised) expect(squeeze(all), name).toContain(squeeze(name));
  });
});

describe('a paragraph with emphasis', () => {
  it('sets its Latin letters and digits in the italic face, its Han and full-width brackets in the serif CJK face', async () => {
    const all = await glyphsOf(await renderArticlePdf(withEmphasis(), { date: DATE }));
    const drawn = all.map((g) => g.ch).join('');
    expect(all.every((g) => [...g.ch].length === 1)).toBe(true);
    const glyphs = all.slice(drawn.indexOf('细胞来自'), drawn.indexOf('的培养'));
    expect(glyphs.length).toBeGreaterThan(20);
    const fontOf = (ch: string) => new Set(glyphs.filter((g) => g.ch === ch).map((g) => g.font));
    for (const ch of 'Staphylococcusaureus12') expect([...fontOf(ch)], ch).toEqual([ITALIC]);
    for (const ch of '金黄色（株）') expect([...fontOf(ch)], ch).toEqual([SERIF]);
  });

  it('reads and is tagged as the same paragraph without emphasis', async () => {
    const read = async (bytes: Uint8Array) => {
      const doc = await pdfjs.getDocument({ data: bytes.slice(), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
      const page = await doc.getPage(1);
      const content = await page.getTextContent();
      const words = content.items.map((item) => ('str' in item ? item.str : '')).join('').replace(/\s+/g, '');
      return { words, structure: JSON.stringify(await page.getStructTree(), (k, v) => (k === 'id' ? undefined : v)) };
    };
    const a = await read(await renderArticlePdf(withEmphasis(), { date: DATE }));
    const b = await read(await renderArticlePdf(withoutEmphasis(), { date: DATE }));
    expect(a.words).toContain(EMPHASIS.replace(/\s+/g, ''));
    expect(a.words).toBe(b.words);
    expect(a.structure).toBe(b.structure);
  });
});

describe('a document without emphasis', () => {
  it('does not embed the italic face', async () => {
    const names = await fontNames(await renderArticlePdf(withoutEmphasis(), { date: DATE }));
    expect(names).toContain(SERIF);
    expect(names).not.toContain(ITALIC);
  });

  it('never asks the layout metrics about the italic face, nor does emphasis without Latin letters or digits', () => {
    const asked = new Set<FontId>();
    const grid = gridMetrics();
    const spy: FontMetrics = {
      advance: (font, t, size) => (asked.add(font), grid.advance(font, t, size)),
      has: (font, ch) => (asked.add(font), grid.has(font, ch)),
      vertical: (font) => (asked.add(font), grid.vertical(font)),
    };
    const opts = { width: 400, em: 10, align: 'left' as const };
    const serif = { font: 'serif' as const, size: 10 };
    setParagraph([{ kind: 'text', text: 'Staphylococcus aureus 12', style: serif }], opts, spy);
    setParagraph([{ kind: 'text', text: '中国组织工程研究(医学版)，', style: { ...serif, oblique: true } }], opts, spy);
    expect(asked.has('italic')).toBe(false);
    setParagraph([{ kind: 'text', text: 'J Immunol', style: { ...serif, oblique: true } }], opts, spy);
    expect(asked.has('italic')).toBe(true);
  });
});
