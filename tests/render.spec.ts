/**
 * Rendering small hand-built articles: images beside the input, glyph
 * fallbacks, deterministic subsets, the fontkit adapter.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import type { PhrasingContent } from 'mdast';
import { emptyMeta, type ArticleMeta } from '../src/model/meta.js';
import type { ArticleRoot } from '../src/model/types.js';
import { fontkit, loadFonts, pdfLibFontkit, subsetTag } from '../src/fonts/index.js';
import { renderArticle, renderArticlePdf } from '../src/render/index.js';
import { imageSize } from '../src/render/images.js';

const DATE = new Date('2024-04-01T00:00:00Z');

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A valid grey PNG of the given size. */
function png(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    Buffer.from(data).copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

const text = (value: string): PhrasingContent => ({ type: 'text', value });

function article(children: ArticleRoot['children'], patch: Partial<ArticleMeta> = {}): ArticleRoot {
  const meta: ArticleMeta = {
    ...emptyMeta(),
    title: { zh: '间充质干细胞治疗的测试文章', en: 'A test article' },
    authors: [{ name: { zh: '付强', en: 'FU Qiang' }, affiliations: ['aff1'], corresponding: true, email: 'fq@example.org' }],
    affiliations: [{ id: 'aff1', label: '1', zh: { text: '南华大学，湖南衡阳421001' }, en: { text: 'University of South China, Hengyang 421001, China' } }],
    keywords: { zh: ['间充质干细胞'], en: ['mesenchymal stem cells'] },
    received: '2023-08-31',
    articleNumber: { text: '2095-9664(2024)02-0075-06', issn: '2095-9664', year: 2024, issue: 2, firstPage: 75, pageCount: 6, lastPage: 80 },
    ...patch,
  };
  return { type: 'root', data: { meta }, children };
}

const body: ArticleRoot['children'] = [
  { type: 'heading', depth: 2, data: { label: '1' }, children: [text('背景')] },
  {
    type: 'paragraph',
    children: [
      text('MSCs通过细胞间接触抑制CD4⁺T细胞分化，CO₂浓度升高'),
      { type: 'citation', numbers: [1, 2], children: [] },
      text('。这与TNF-α的表达有关，见图1和表1。'),
    ],
  },
  { type: 'figureFloat', identifier: 'F1', label: '图1', caption: [text('细胞示意')], url: 'fig1.png', children: [] },
  { type: 'figureFloat', identifier: 'F2', label: '图2', caption: [text('没有图像')], children: [] },
  {
    type: 'tableFloat',
    identifier: 'T1',
    label: '表1',
    caption: [text('小表')],
    children: [
      {
        type: 'table',
        align: [null, null],
        children: [
          { type: 'tableRow', children: [{ type: 'tableCell', children: [text('类型')] }, { type: 'tableCell', children: [text('作用')] }] },
          { type: 'tableRow', children: [{ type: 'tableCell', children: [text('MSCs-EVs')] }, { type: 'tableCell', children: [text('抑制T细胞增殖')] }] },
        ],
      },
    ],
  },
  {
    type: 'referenceList',
    children: [
      { type: 'referenceEntry', number: 1, identifier: 'ref-1', children: [text('Kamen DL, Wallace C. Safety[J]. Lupus Sci Med, 2022, 9(1):e000704.')] },
      {
        type: 'referenceEntry',
        number: 2,
        identifier: 'ref-2',
        data: { formatted: '马琳洁，薛文涛．诱导性多能干细胞移植[J]．中国组织工程研究，2019，23(33)：5286-5292．' },
        children: [text('unused plain text')],
      },
    ],
  },
];

describe('renderArticlePdf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhpub-render-'));
  writeFileSync(join(dir, 'fig1.png'), png(40, 20));

  it('embeds a PNG that sits beside the input and frames a placeholder otherwise', async () => {
    const { pdf, layout } = await renderArticle(article(body), { inputDir: dir, date: DATE });
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    const boxes = layout.pages.flatMap((p) => p.boxes);
    const image = boxes.find((b) => b.kind === 'image');
    expect(image).toBeDefined();
    expect(image!.kind === 'image' && image!.width / image!.height).toBeCloseTo(2, 3);
    expect(boxes.some((b) => b.kind === 'frame')).toBe(true);
    const lib = await PDFDocument.load(pdf);
    const images = [...lib.context.enumerateIndirectObjects()].filter(
      ([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
    );
    expect(images.length).toBe(1);
  });

  it('sets a narrow table in one column with its caption above', async () => {
    const { layout } = await renderArticle(article(body), { date: DATE });
    const rules = layout.pages.flatMap((p) => p.boxes).filter((b) => b.kind === 'rule' && b.tag === 'Table');
    expect(rules.length).toBe(3); // three-line table
    for (const r of rules) if (r.kind === 'rule') expect(r.x2 - r.x1).toBeCloseTo(22 * 10.5, 3);
    const caption = layout.pages.flatMap((p) => p.boxes).find((b) => b.kind === 'text' && b.tag === 'Table' && b.text.includes('表1'));
    const top = Math.max(...rules.map((r) => (r.kind === 'rule' ? r.y1 : 0)));
    expect(caption && caption.kind === 'text' && caption.y).toBeGreaterThan(top);
  });

  it('wraps the cells of a table wider than the page, keeping Latin tokens whole', async () => {
    const long = '间充质干细胞来源的细胞外囊泡可促进炎症细胞表型向免疫抑制细胞表型转化，进而抑制炎症反应';
    const cell = (value: string) => ({ type: 'tableCell' as const, children: [text(value)] });
    const rows = [{ type: 'tableRow' as const, children: [cell('类型'), cell('作用机制'), cell('作用')] }];
    for (let i = 0; i < 4; i++) rows.push({ type: 'tableRow' as const, children: [cell('BM-MSCs-Exo'), cell(long), cell(long)] });
    const tree = article([
      { type: 'tableFloat', identifier: 'T1', label: '表1', caption: [text('宽表')], children: [{ type: 'table', align: [null, null, null], children: rows }] },
    ]);
    const { layout } = await renderArticle(tree, { date: DATE });
    const runs = layout.pages.flatMap((p) => p.boxes).filter((b) => b.kind === 'text' && b.tag === 'Table');
    const tokens = runs.filter((b) => b.kind === 'text' && b.text.includes('MSCs'));
    expect(tokens.length).toBe(4);
    for (const b of tokens) expect(b.kind === 'text' && b.text).toBe('BM-MSCs-Exo');
    const rules = layout.pages.flatMap((p) => p.boxes).filter((b) => b.kind === 'rule' && b.tag === 'Table');
    for (const r of rules) if (r.kind === 'rule') expect(r.x2 - r.x1).toBeCloseTo(2 * 22 * 10.5 + 2 * 10.5, 3);
  });

  it('draws missing superscripts and subscripts as raised and lowered glyphs, never glyph 0', async () => {
    const { layout } = await renderArticle(article(body), { date: DATE });
    const fonts = loadFonts();
    for (const page of layout.pages)
      for (const b of page.boxes)
        if (b.kind === 'text') for (const ch of b.text) expect(fonts[b.font].font.glyphForCodePoint(ch.codePointAt(0)!).id).not.toBe(0);
    const runs = layout.pages[0]!.boxes.filter((b) => b.kind === 'text');
    const plus = runs.find((b) => b.kind === 'text' && b.text === '+');
    expect(plus).toBeDefined();
  });

  it('warns about a character no font has and draws a box instead', async () => {
    const warnings: string[] = [];
    const tree = article([{ type: 'paragraph', children: [text('测试😀字符')] }]);
    const { layout } = await renderArticle(tree, { date: DATE, onWarning: (w) => warnings.push(w) });
    expect(warnings.some((w) => w.includes('U+1F600'))).toBe(true);
    expect(layout.pages[0]!.boxes.some((b) => b.kind === 'text' && b.text.includes('□'))).toBe(true);
  });

  it('uses the formatted house-style string of a reference when present', async () => {
    const { layout } = await renderArticle(article(body), { date: DATE });
    const all = layout.pages.flatMap((p) => p.boxes).map((b) => (b.kind === 'text' ? b.text : '')).join('');
    expect(all).toContain('马琳洁');
    expect(all).not.toContain('unused');
  });

  it('is deterministic for the same input and date', async () => {
    const a = await renderArticlePdf(article(body), { date: DATE });
    const b = await renderArticlePdf(article(body), { date: DATE });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('handles an article without metadata extras or body', async () => {
    const pdf = await renderArticlePdf(article([], { articleNumber: undefined, received: undefined }), { date: DATE });
    const lib = await PDFDocument.load(pdf);
    expect(lib.getPageCount()).toBe(1);
    const labels = lib.catalog.lookup(PDFName.of('PageLabels'), PDFDict);
    expect(labels.toString()).toContain('/St 1');
  });
});

describe('fonts', () => {
  it('derives the subset tag from the glyph set', () => {
    const a = subsetTag([5, 3, 9]);
    expect(a).toMatch(/^[A-Z]{6}$/);
    expect(subsetTag([9, 5, 3, 3])).toBe(a);
    expect(subsetTag([9, 5, 4])).not.toBe(a);
  });

  it('encodes small subsets through the adapter without corrupting glyphs', async () => {
    const { sans } = loadFonts();
    const font = pdfLibFontkit.create(sans.bytes);
    const glyphs = font.layout('参考文献摘要').glyphs;
    const subset = font.createSubset();
    const ids = glyphs.map((g) => subset.includeGlyph(g));
    const chunks: Uint8Array[] = [];
    await new Promise<void>((resolve, reject) => {
      subset
        .encodeStream()
        .on('data', (b) => chunks.push(b as Uint8Array))
        .on('end', () => resolve())
        .on('error', (e) => reject(e));
    });
    const parsed = fontkit.create(Buffer.concat(chunks));
    ids.forEach((id, i) => {
      const original = sans.font.getGlyph(glyphs[i]!.id).path.commands as unknown[];
      expect(original.length).toBeGreaterThan(0);
      expect(parsed.getGlyph(id).path.commands).toEqual(original);
      // the advance the layout measured is the font's
      expect(glyphs[i]!.advanceWidth).toBe(sans.font.getGlyph(glyphs[i]!.id).advanceWidth);
    });
    expect(() => font.layout('⁺')).toThrow(/no glyph/);
  });

  it('reads image sizes from PNG and JPEG headers', () => {
    expect(imageSize(png(7, 3))).toEqual({ format: 'png', width: 7, height: 3 });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 30, 0, 50, 1, 1, 0x11, 0]);
    expect(imageSize(jpeg)).toEqual({ format: 'jpeg', width: 50, height: 30 });
  });
});
