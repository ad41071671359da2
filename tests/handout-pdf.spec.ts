/**
 * The handout PDFs (Simplified and Traditional) of the seed article, laid
 * out, rendered and read back with pdfjs-dist and pdf-lib.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { seedModel } from './helpers/seed.js';
import { convertMeta, toTraditional } from '../src/convert/index.js';
import { handoutFromTree, toTraditionalHandout, type Handout } from '../src/handout/index.js';
import { handoutTree } from '../src/handout/tree.js';
import { handoutRenderOptions, renderHandoutPdfs } from '../src/handout/pdf.js';
import { defaultLabels, type LayoutLabels } from '../src/layout/labels.js';
import { defaultStyle, leftMargin, textWidth } from '../src/layout/style.js';
import type { Box, GlyphRun, LayoutResult } from '../src/layout/types.js';
import type { ArticleRoot } from '../src/model/types.js';
import { renderArticle, renderArticlePdf } from '../src/render/index.js';

const DATE = new Date('2024-04-01T00:00:00Z');
const style = defaultStyle;

/** Text compared without whitespace, with compatibility forms and dashes folded. */
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[‐‑–]/g, '-');

interface Rendered {
  handout: Handout;
  tree: ArticleRoot;
  labels: LayoutLabels;
  pdf: Uint8Array;
  layout: LayoutResult;
  pages: string[];
  numPages: number;
}

let article: ArticleRoot;
let hans: Rendered;
let hant: Rendered;

async function extract(pdf: Uint8Array): Promise<{ pages: string[]; numPages: number }> {
  const doc = await pdfjs.getDocument({ data: pdf.slice(), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  const numPages = doc.numPages;
  await doc.destroy();
  return { pages, numPages };
}

async function build(handout: Handout, tree: ArticleRoot, labels: LayoutLabels): Promise<Rendered> {
  // as renderHandoutPdfs draws them: the handout's running head, page numbers and language
  const { pdf, layout } = await renderArticle(tree, { date: DATE, labels, ...handoutRenderOptions(handout, tree.data.meta) });
  return { handout, tree, labels, pdf, layout, ...(await extract(pdf)) };
}

/** The catalog's /Lang and the XMP packet of a PDF. */
async function languageOf(pdf: Uint8Array): Promise<{ lang: string; xmp: string }> {
  const lib = await PDFDocument.load(pdf, { updateMetadata: false });
  const lang = (lib.catalog.get(PDFName.of('Lang')) as PDFString).decodeText();
  const raw = lib.context.lookup(lib.catalog.get(PDFName.of('Metadata')) as PDFRef) as PDFRawStream;
  return { lang, xmp: new TextDecoder().decode(raw.contents) };
}

/** Page furniture of a laid-out page: its text runs in reading order. */
const furniture = (r: Rendered, page: number) =>
  r.layout.pages[page]!.boxes.filter((b): b is GlyphRun => b.kind === 'text' && b.artifact === true);

beforeAll(async () => {
  article = seedModel().tree;
  const h = handoutFromTree(article);
  const t = toTraditionalHandout(h);
  const traditionalLabels = Object.fromEntries(
    Object.entries(defaultLabels).map(([key, value]) => [key, toTraditional(value)]),
  ) as unknown as LayoutLabels;
  hans = await build(h, handoutTree(h, article), { ...defaultLabels });
  hant = await build(t, handoutTree(t, article, convertMeta(article.data.meta)), traditionalLabels);
}, 120_000);

const both = () => [hans, hant];
const all = (r: Rendered) => norm(r.pages.join(''));

/** Vertical extent of a box in PDF points (y grows upwards). */
function extent(b: Box): { bottom: number; top: number } {
  switch (b.kind) {
    case 'text':
      return { bottom: b.y - 0.25 * b.size, top: b.y + b.size };
    case 'rule':
      return { bottom: Math.min(b.y1, b.y2) - b.width / 2, top: Math.max(b.y1, b.y2) + b.width / 2 };
    case 'math':
      return { bottom: b.y - b.depth, top: b.y + b.height };
    default:
      return { bottom: b.y, top: b.y + b.height };
  }
}

describe('handout PDFs', () => {
  it('have one or two pages each, and the same layout for renderArticlePdf', async () => {
    for (const r of both()) {
      expect(r.numPages).toBeGreaterThanOrEqual(1);
      expect(r.numPages).toBeLessThanOrEqual(2);
      expect(r.layout.pages.length).toBe(r.numPages);
    }
    const again = await renderArticlePdf(hans.tree, { date: DATE, labels: hans.labels, ...handoutRenderOptions(hans.handout, hans.tree.data.meta) });
    expect(Buffer.from(again).equals(Buffer.from(hans.pdf))).toBe(true);
  });

  it('print every glossary row, every row of Table 1, every key reference and the source line', () => {
    for (const r of both()) {
      const text = all(r);
      const h = r.handout;
      expect(h.glossary.length).toBeGreaterThan(10);
      for (const g of h.glossary) {
        expect(text, g.zh).toContain(norm(g.zh));
        if (g.abbr) expect(text, g.abbr).toContain(norm(g.abbr));
        if (g.en) expect(text, g.en).toContain(norm(g.en));
      }
      expect(h.table!.rows.length).toBeGreaterThan(5);
      for (const row of h.table!.rows) for (const cell of row) expect(text, cell).toContain(norm(cell));
      expect(h.references.length).toBeGreaterThan(3);
      for (const ref of h.references) expect(text).toContain(norm(`[${ref.number}]${ref.short}`));
      expect(text).toContain(norm(`${h.labels.source}：${h.source}`));
      expect(text).toContain(norm(`${h.table!.label} ${h.table!.caption}`));
    }
  });

  it('repeat the header row on every part of a broken table, under a continued caption', () => {
    for (const r of both()) {
      const tableRuns = r.layout.pages.flatMap((p) => p.boxes).filter((b): b is GlyphRun => b.kind === 'text' && b.tag === 'Table');
      const lightRules = r.layout.pages.flatMap((p) => p.boxes).filter((b) => b.kind === 'rule' && b.tag === 'Table' && b.width < 0.5);
      const head = r.handout.labels.glossaryHead;
      const headerCount = tableRuns.filter((b) => b.text === head[0]).length;
      // One glossary header per part of the glossary, one light rule per part of any table.
      expect(headerCount).toBeGreaterThanOrEqual(1);
      const glossary = norm(r.handout.labels.glossary);
      const captions = tableRuns.map((b) => norm(b.text)).filter((t) => t.startsWith(glossary));
      expect(captions.length).toBe(headerCount);
      expect(captions[0]).toBe(glossary);
      for (const c of captions.slice(1)) expect(c).toBe(glossary + norm(r.labels.continuedSuffix));
      expect(lightRules.length).toBeGreaterThanOrEqual(2);
      // The unlabelled glossary prints just its caption, with no space before it.
      expect(all(r)).not.toContain(norm(`${r.labels.continuedPrefix}${r.handout.labels.glossary}`));
    }
  });

  it('read 間充質幹細胞, 系統性紅斑狼瘡 and 參考文獻 in Traditional Chinese, with the English title unchanged', () => {
    const text = all(hant);
    expect(text).toContain('間充質幹細胞');
    expect(text).toContain('系統性紅斑狼瘡');
    expect(text).toContain('參考文獻');
    expect(text).toContain('本文編輯');
    expect(text).not.toContain('参考文献');
    expect(text).not.toContain('间充质干细胞');
    const en = article.data.meta.title.en!;
    expect(text).toContain(norm(en));
    expect(all(hans)).toContain(norm(en));
    expect(all(hans)).toContain('参考文献');
    expect(hant.layout.outline.map((o) => o.title)).toContain('參考文獻');
  });

  it('embed every font as an ABCDEF+ subset', async () => {
    for (const r of both()) {
      const lib = await PDFDocument.load(r.pdf);
      const names: string[] = [];
      for (const [, obj] of lib.context.enumerateIndirectObjects()) {
        if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
        names.push((obj.get(PDFName.of('BaseFont')) as PDFName).decodeText());
      }
      expect(names.length).toBeGreaterThanOrEqual(2);
      for (const n of names) expect(n).toMatch(/^[A-Z]{6}\+/);
    }
  });

  it('keep every float clear of the first-page footnote and above the bottom margin', () => {
    for (const r of both()) {
      const first = r.layout.pages[0]!;
      const footRule = first.boxes.find((b) => b.kind === 'rule' && !b.tag && !b.artifact);
      expect(footRule).toBeDefined();
      const footText = first.boxes.filter((b): b is GlyphRun => b.kind === 'text' && !b.tag && !b.artifact && b.size === style.footnoteSize);
      expect(norm(footText.map((b) => b.text).join(''))).toContain(norm(`${r.labels.received}：`));
      const footTop = extent(footRule!).top;
      for (const b of footText) expect(extent(b).top).toBeLessThanOrEqual(footTop);
      let floats = 0;
      for (const page of r.layout.pages) {
        for (const b of page.boxes) {
          if (!b.tag) continue;
          floats++;
          const e = extent(b);
          expect(e.bottom, `${page.index}: ${b.kind === 'text' ? b.text : b.kind}`).toBeGreaterThanOrEqual(style.marginBottom);
          expect(e.top).toBeLessThanOrEqual(style.pageHeight - style.marginTop);
          if (page.index === 0) expect(e.bottom, b.kind === 'text' ? b.text : b.kind).toBeGreaterThan(footTop);
        }
      }
      expect(floats).toBeGreaterThan(50);
    }
  });

  it('set the short references with a hanging indent', () => {
    for (const r of both()) {
      const refs = r.handout.references;
      let wrapped = 0;
      for (const ref of refs) {
        const page = r.layout.pages.find((p) => p.destinations.some((d) => d.name === `ref-${ref.number}`))!;
        const dest = page.destinations.find((d) => d.name === `ref-${ref.number}`)!;
        const colW = style.columnEms * style.bodySize;
        // The next entry below in the same column ends this one.
        const below = page.destinations
          .filter((d) => d.name.startsWith('ref-') && Math.abs(d.x - dest.x) < 1 && d.y < dest.y - 1)
          .map((d) => d.y);
        const end = below.length ? Math.max(...below) : 0;
        const runs = page.boxes.filter(
          (b): b is GlyphRun => b.kind === 'text' && !b.tag && !b.artifact && b.y < dest.y && b.y > end && b.x > dest.x - 40 && b.x < dest.x + colW,
        );
        const label = runs.find((b) => b.text === `[${ref.number}]`);
        expect(label, `[${ref.number}]`).toBeDefined();
        expect(label!.x).toBeLessThan(dest.x - 1);
        // Every line of the entry starts at the text edge, right of the label.
        const lineStarts = new Map<number, number>();
        for (const b of runs) if (b !== label) lineStarts.set(b.y, Math.min(lineStarts.get(b.y) ?? Infinity, b.x));
        expect(lineStarts.size).toBeGreaterThanOrEqual(1);
        for (const x of lineStarts.values()) expect(x).toBeCloseTo(dest.x, 1);
        if (lineStarts.size > 1) wrapped++;
        expect(norm(runs.filter((b) => b !== label).map((b) => b.text).join(''))).toBe(norm(ref.short));
      }
      expect(wrapped).toBeGreaterThanOrEqual(1);
    }
  });

  it('carry their own running head, the article\'s title, and page numbers page/total, not the journal\'s', () => {
    for (const r of both()) {
      const n = r.layout.pages.length;
      r.layout.pages.forEach((page, i) => {
        expect(page.number).toBe(i + 1);
        expect(page.label).toBe(String(i + 1));
        const runs = furniture(r, i);
        expect(runs.map((b) => b.text)).toEqual([r.tree.data.meta.title.zh, `${i + 1}/${n}`]);
        const text = runs.map((b) => b.text).join('');
        expect(text).not.toMatch(/·/);
        expect(text).not.toContain('ISSN');
        expect(text).not.toContain('2095-9664');
        // the head on the left, the number on the right, at the journal's header line
        expect(runs[0]!.x).toBeCloseTo(leftMargin(style), 1);
        expect(runs[1]!.x).toBeGreaterThan(leftMargin(style) + textWidth(style) / 2);
      });
      for (const p of r.pages) expect(norm(p)).not.toMatch(/·7[5-9]·|·80·/);
    }
    expect(furniture(hant, 0)[0]!.text).toBe('間充質幹細胞治療系統性紅斑狼瘡的機制及研究進展');
  });

  it('are labelled 1, 2 in the viewer', async () => {
    for (const r of both()) {
      const doc = await pdfjs.getDocument({ data: r.pdf.slice(), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
      expect(await doc.getPageLabels()).toEqual(Array.from({ length: doc.numPages }, (_, i) => String(i + 1)));
      await doc.destroy();
    }
  });

  it('cut a title too long for the running head, with an ellipsis', async () => {
    const long = structuredClone(article);
    long.data.meta.title.zh = `${article.data.meta.title.zh!}：${'系统性红斑狼疮患者间充质干细胞移植的长期随访研究'.repeat(3)}`;
    const h = handoutFromTree(long);
    const { layout } = await renderArticle(handoutTree(h, long), { date: DATE, ...handoutRenderOptions(h, long.data.meta) });
    for (const [i, page] of layout.pages.entries()) {
      const [head, folio] = page.boxes.filter((b): b is GlyphRun => b.kind === 'text' && b.artifact === true);
      expect(folio!.text).toBe(`${i + 1}/${layout.pages.length}`);
      expect(head!.text.endsWith('…')).toBe(true);
      expect(long.data.meta.title.zh.startsWith(head!.text.slice(0, -1))).toBe(true);
      expect(head!.text.length).toBeGreaterThan(20);
      // the head ends before the page number
      const headEnd = head!.x + [...head!.text].length * head!.size + (head!.spacing ?? []).reduce((a, b) => a + b, 0);
      expect(headEnd).toBeLessThan(folio!.x);
    }
  });

  it('never print a note for the editor', () => {
    expect(hans.handout.keywords.enDerived).toBe(true);
    for (const r of both()) expect(all(r)).not.toMatch(/待编辑|待編輯|术语表推得|術語表推得/);
  });

  it('are tagged zh-Hans, zh-Hant-TW and (with --variant hk) zh-Hant-HK in the catalog and the XMP', async () => {
    const hk = await renderHandoutPdfs(article, { variant: 'hk', date: DATE });
    const cases: Array<[Uint8Array, string, string]> = [
      [hans.pdf, 'zh-Hans', article.data.meta.title.zh!],
      [hant.pdf, 'zh-Hant-TW', hant.handout.title.zh!],
      [hk.simplified, 'zh-Hans', article.data.meta.title.zh!],
      [hk.traditional, 'zh-Hant-HK', toTraditional(article.data.meta.title.zh!, 'hk')],
    ];
    for (const [pdf, tag, title] of cases) {
      const { lang, xmp } = await languageOf(pdf);
      expect(lang).toBe(tag);
      expect(xmp).toContain(`<dc:language><rdf:Bag><rdf:li>${tag}</rdf:li></rdf:Bag></dc:language>`);
      expect(xmp).toContain(`<rdf:li xml:lang="${tag}">${title}</rdf:li>`);
      expect(xmp).not.toContain('zh-CN');
      // the handout's pages are not the article's pages in the issue
      expect(xmp).not.toContain('prism:startingPage');
      expect(xmp).toContain('<prism:issn>2095-9664</prism:issn>');
    }
  }, 120_000);
});
