/**
 * Fonts read sparsely (src/fonts/sparse.ts): the tables are the file's, each
 * used glyph's outline is the file's, and the seed's PDF is the same byte for
 * byte as with the whole files read into memory.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FONT_FILES, fontMetrics, fontkit, loadFonts, type LoadedFonts } from '../src/fonts/index.js';
import { readSparseFont } from '../src/fonts/sparse.js';
import { TrueTypeSubset } from '../src/fonts/subset.js';
import type { FontId } from '../src/layout/types.js';
import inflate from '../src/fonts/inflate.js';
import { deflateRawSync } from 'node:zlib';
import { layout } from '../src/layout/index.js';
import { defaultStyle } from '../src/layout/style.js';
import { render } from '../src/render/pdf.js';
import { seedModel } from './helpers/seed.js';
import { SEED_PDF_DATE, seedPdf } from './helpers/seed-pdf.js';

const require = createRequire(import.meta.url);
const serifPath = require.resolve(FONT_FILES.serif);

describe('TrueType subsets from raw tables', () => {
  it('writes the same bytes as fontkit for the seed\'s glyphs, in both faces', () => {
    const { tree } = seedModel();
    const text = JSON.stringify(tree);
    for (const id of ['serif', 'sans'] as const) {
      const bytes = readFileSync(require.resolve(FONT_FILES[id]));
      const font = fontkit.create(bytes);
      const glyphs: number[] = [];
      for (const ch of new Set(text)) {
        const g = font.glyphForCodePoint(ch.codePointAt(0)!);
        if (g.id !== 0) glyphs.push(g.id);
      }
      expect(glyphs.length).toBeGreaterThan(500);
      const ours = new TrueTypeSubset(bytes);
      const theirs = font.createSubset();
      for (const g of glyphs) expect(ours.includeGlyph(g)).toBe(theirs.includeGlyph(g));
      const a = ours.encode();
      const b = theirs.encode();
      expect(a.length).toBe(b.length);
      expect(Buffer.from(a).equals(Buffer.from(b)), id).toBe(true);
    }
  });

  it('reads a sparsely read file as well as a whole one', () => {
    const whole = readFileSync(serifPath);
    const sparse = readSparseFont(serifPath);
    const ids = [...'摘要关键词 Abstract，。'].map((ch) => fontkit.create(whole).glyphForCodePoint(ch.codePointAt(0)!).id);
    const a = new TrueTypeSubset(whole);
    const b = new TrueTypeSubset(sparse.bytes, sparse.loadGlyph);
    for (const id of ids) expect(a.includeGlyph(id)).toBe(b.includeGlyph(id));
    expect(Buffer.from(a.encode()).equals(Buffer.from(b.encode()))).toBe(true);
  });
});

describe('glyph metrics from the raw hmtx table', () => {
  it('gives every character of the seed the advance fontkit gives, in both faces', () => {
    const { tree } = seedModel();
    const chars = [...new Set(JSON.stringify(tree))];
    const fonts = loadFonts();
    const metrics = fontMetrics(fonts);
    for (const id of ['serif', 'sans'] as const) {
      const reference = fontkit.create(readFileSync(require.resolve(FONT_FILES[id])));
      let checked = 0;
      for (const ch of chars) {
        const g = reference.glyphForCodePoint(ch.codePointAt(0)!);
        if (g.id === 0) continue;
        expect(metrics.advance(id, ch, 1000), `${id} ${ch}`).toBeCloseTo((g.advanceWidth / reference.unitsPerEm) * 1000, 9);
        checked++;
      }
      expect(checked).toBeGreaterThan(500);
    }
  });
});

describe('sparse font files', () => {
  it('holds every table but the outlines, and an outline once its glyph is loaded', () => {
    const full = readFileSync(serifPath);
    const sparse = readSparseFont(serifPath);
    expect(sparse.bytes.length).toBe(full.length);
    const numTables = full.readUInt16BE(4);
    let glyf: { offset: number; length: number } | undefined;
    for (let i = 0; i < numTables; i++) {
      const at = 12 + i * 16;
      const tag = full.toString('latin1', at, at + 4);
      const offset = full.readUInt32BE(at + 8);
      const length = full.readUInt32BE(at + 12);
      if (tag === 'glyf') glyf = { offset, length };
      else expect(Buffer.from(sparse.bytes.subarray(offset, offset + length)).equals(full.subarray(offset, offset + length)), tag).toBe(true);
    }
    expect(glyf).toBeDefined();
    const font = fontkit.create(full);
    const ids = [...'间充质干细胞 TNF-α CD4⁺，。'].map((ch) => font.glyphForCodePoint(ch.codePointAt(0)!).id);
    const view = fontkit.create(sparse.bytes);
    // before loading, the outline is not there
    const before = view.getGlyph(ids[0]!).path.commands.length;
    expect(before).toBe(0);
    for (const id of ids) sparse.loadGlyph(id);
    const view2 = fontkit.create(sparse.bytes);
    for (const id of ids) expect(view2.getGlyph(id).path.commands).toEqual(font.getGlyph(id).path.commands);
  });

  it('loads the components of composite glyphs', () => {
    // The Noto fonts have no composite glyphs: a small font file made for the test.
    const simple = (fill: number) => Buffer.concat([Buffer.from([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]), Buffer.alloc(6, fill)]);
    const composite = Buffer.alloc(10 + 10 + 6);
    composite.writeInt16BE(-1, 0);
    // component 1: word arguments, a scale, more to come → glyph 2
    composite.writeUInt16BE(0x0001 | 0x0008 | 0x0020, 10);
    composite.writeUInt16BE(2, 12);
    // component 2: byte arguments, last → glyph 3
    composite.writeUInt16BE(0x0000, 20);
    composite.writeUInt16BE(3, 22);
    const glyphs = [simple(0x11), composite, simple(0xaa), simple(0xbb), simple(0xcc)];
    const glyf = Buffer.concat(glyphs);
    const loca = Buffer.alloc(4 * (glyphs.length + 1));
    let at = 0;
    glyphs.forEach((g, i) => {
      loca.writeUInt32BE(at, 4 * i);
      at += g.length;
    });
    loca.writeUInt32BE(at, 4 * glyphs.length);
    const head = Buffer.alloc(54);
    head.writeInt16BE(1, 50);
    const tables: Array<[string, Buffer]> = [
      ['glyf', glyf],
      ['head', head],
      ['loca', loca],
    ];
    const header = Buffer.alloc(12 + 16 * tables.length);
    header.writeUInt32BE(0x00010000, 0);
    header.writeUInt16BE(tables.length, 4);
    let offset = header.length;
    tables.forEach(([tag, data], i) => {
      header.write(tag, 12 + 16 * i, 'latin1');
      header.writeUInt32BE(offset, 12 + 16 * i + 8);
      header.writeUInt32BE(data.length, 12 + 16 * i + 12);
      offset += data.length;
    });
    const file = Buffer.concat([header, ...tables.map(([, d]) => d)]);
    const path = join(mkdtempSync(join(tmpdir(), 'zhpub-font-')), 'composite.ttf');
    writeFileSync(path, file);
    const sparse = readSparseFont(path);
    const glyfAt = header.length;
    const region = (i: number) => {
      const start = glyfAt + loca.readUInt32BE(4 * i);
      return Buffer.from(sparse.bytes.subarray(start, glyfAt + loca.readUInt32BE(4 * i + 4)));
    };
    expect(region(0).equals(glyphs[0]!)).toBe(true); // .notdef at once
    expect(region(2).every((b) => b === 0)).toBe(true);
    sparse.loadGlyph(1);
    for (const i of [1, 2, 3]) expect(region(i).equals(glyphs[i]!), `glyph ${i}`).toBe(true);
    expect(region(4).every((b) => b === 0)).toBe(true);
  });

  it('gives the seed the same PDF as whole font files', async () => {
    // the seed's PDF as the other PDF tests read it (sparse font files), against whole font files
    const { tree, out } = await seedPdf();
    const whole = (id: FontId) => {
      const path = require.resolve(FONT_FILES[id]);
      const bytes = readFileSync(path);
      return { id, path, bytes, font: fontkit.create(bytes) };
    };
    const fullFonts: LoadedFonts = { serif: whole('serif'), sans: whole('sans'), mono: whole('mono'), italic: whole('italic') };
    const a = out.pdf;
    const b = await render(layout(tree, defaultStyle, fontMetrics(fullFonts)), tree.data.meta, { fonts: fullFonts, date: SEED_PDF_DATE });
    expect(a.length).toBeGreaterThan(100_000);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('tiny-inflate on zlib', () => {
  const tinyInflate = require('tiny-inflate') as (source: Uint8Array, dest: Uint8Array) => Uint8Array;

  it('inflates as tiny-inflate does, twice-deflated tables included, and drops what does not fit', () => {
    for (const n of [400, 20_000, 800_000]) {
      const data = Buffer.alloc(n);
      for (let i = 0; i < n; i++) data[i] = ((i * 7) % 13) + (i % 1000 < 10 ? i % 251 : 0);
      const once = deflateRawSync(data);
      const twice = deflateRawSync(once);
      // as unicode-trie reads its tables: inflate twice into buffers of the final length
      const a1 = tinyInflate(twice, new Uint8Array(n));
      const b1 = inflate(twice, new Uint8Array(n));
      expect(Buffer.from(b1).equals(Buffer.from(a1)), `first pass, ${n}`).toBe(true);
      const a2 = tinyInflate(a1, new Uint8Array(n));
      const b2 = inflate(b1, new Uint8Array(n));
      expect(Buffer.from(b2).equals(Buffer.from(a2)), `second pass, ${n}`).toBe(true);
      expect(Buffer.from(b2).equals(data)).toBe(true);
      // a destination too short keeps its length, as tiny-inflate's does
      const short = inflate(once, new Uint8Array(Math.floor(n / 2)));
      expect(short.length).toBe(Math.floor(n / 2));
      expect(Buffer.from(short).equals(Buffer.from(tinyInflate(once, new Uint8Array(Math.floor(n / 2)))))).toBe(true);
    }
  });
});
