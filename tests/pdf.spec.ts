/**
 * The seed article's typeset PDF, read back with pdfjs-dist, pdf-lib and
 * fontkit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import type { Paragraph } from 'mdast';
import { seedPdf } from './helpers/seed-pdf.js';
import { fontkit } from '../src/fonts/index.js';
import { plainText } from '../src/model/util.js';
import type { ArticleRoot, Citation, ReferenceEntry } from '../src/model/types.js';
import type { LayoutResult } from '../src/layout/types.js';

let tree: ArticleRoot;
let bytes: Uint8Array;
let layoutResult: LayoutResult;
let doc: pdfjs.PDFDocumentProxy;
let pages: string[];
let floats: string[];

/** Text compared without whitespace, with compatibility forms folded (⁺ is drawn as a raised +). */
// hyphens compared apart: the PDF hyphenates English words at line ends
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[-‐‑–]/g, '');

function visit(node: unknown, fn: (n: { type: string }) => void): void {
  const n = node as { type: string; children?: unknown[] };
  fn(n);
  if (Array.isArray(n.children)) for (const c of n.children) visit(c, fn);
}

beforeAll(async () => {
  const seed = await seedPdf();
  tree = seed.tree;
  const out = seed.out;
  bytes = out.pdf;
  layoutResult = out.layout;
  doc = await pdfjs.getDocument({ data: bytes.slice(), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  pages = [];
  floats = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent({ includeMarkedContent: true });
    // Running text, without page furniture (/Artifact) and floats (/Table, /Figure).
    const stack: string[] = [];
    let text = '';
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') stack.push((item as { tag?: string }).tag ?? '');
        else if (item.type === 'endMarkedContent') stack.pop();
        continue;
      }
      if (stack.includes('Artifact')) continue;
      if (stack.includes('Table') || stack.includes('Figure')) floats.push(item.str);
      else text += item.str;
    }
    pages.push(text);
  }
}, 60_000);

interface StructNode {
  role?: string;
  lang?: string;
  alt?: string;
  type?: string;
  children?: StructNode[];
}

describe('seed PDF, tagged', () => {
  it('says it is marked and has a structure tree: title, headings, paragraphs, table, figure, note and reference list in reading order', async () => {
    expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
    const roles: string[] = [];
    const found: StructNode[] = [];
    const walk = (n: StructNode) => {
      if (n.role && n.role !== 'Root' && n.role !== 'Document') {
        roles.push(n.role);
        found.push(n);
      }
      for (const c of n.children ?? []) walk(c);
    };
    for (let i = 1; i <= doc.numPages; i++) walk((await (await doc.getPage(i)).getStructTree()) as StructNode);
    for (const role of ['H1', 'H2', 'P', 'Note', 'Table', 'TR', 'TH', 'TD', 'Caption', 'Figure', 'L', 'LI', 'Lbl', 'LBody']) expect(roles, role).toContain(role);
    // reading order: the title first, the reference list after the last heading, every paragraph marked content
    expect(roles[0]).toBe('H1');
    expect(roles.indexOf('L')).toBeGreaterThan(roles.lastIndexOf('H2'));
    expect(found.filter((n) => n.role === 'P').every((n) => (n.children ?? []).some((c) => c.type === 'content'))).toBe(true);
    // the English title is marked English; the figure has its caption as alternative text
    expect(found.filter((n) => n.role === 'H1').map((n) => n.lang ?? '')).toEqual(['', 'en']);
    expect(found.find((n) => n.role === 'Figure')?.alt).toMatch(/^图1/);
    // every LI of the reference list has its number and its entry
    const items = found.filter((n) => n.role === 'LI');
    expect(items.every((li) => (li.children ?? []).map((c) => c.role).join() === 'Lbl,LBody' || (li.children ?? []).map((c) => c.role).join() === 'LBody')).toBe(true);
  });

  it('puts the text of every citation link in a Link element inside its paragraph, with the annotation as an object reference', async () => {
    const links: { parent: string; node: StructNode }[] = [];
    const walk = (n: StructNode) => {
      for (const c of n.children ?? []) {
        if (c.role === 'Link') links.push({ parent: n.role ?? '', node: c });
        walk(c);
      }
    };
    let annotations = 0;
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      walk((await page.getStructTree()) as StructNode);
      annotations += (await page.getAnnotations()).filter((a) => a.subtype === 'Link').length;
    }
    expect(links.length).toBe(annotations);
    // in reading order inside the paragraphs (and the footnote or a table cell, where a citation stands)
    expect(links.filter((l) => l.parent === 'P').length).toBeGreaterThan(annotations / 2);
    for (const l of links) expect(['P', 'LBody', 'Note', 'TD', 'TH', 'Caption', 'H1', 'H2', 'H3']).toContain(l.parent);
    // each holds the marked content of its text, then its annotation
    for (const { node } of links) expect((node.children ?? []).map((c) => c.type)).toEqual(['content', 'object']);
  });

  it('gives every link annotation a StructParent leading to its Link element, a description, and its page /Tabs /S', async () => {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const root = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray).asArray();
    const parentOf = new Map<number, unknown>();
    for (let i = 0; i < nums.length; i += 2) parentOf.set((nums[i] as PDFNumber).asNumber(), nums[i + 1]);
    let seen = 0;
    for (const page of pdf.getPages()) {
      const annots = page.node.Annots();
      if (!annots?.size()) continue;
      expect(page.node.get(PDFName.of('Tabs'))).toBe(PDFName.of('S'));
      for (let i = 0; i < annots.size(); i++) {
        const ref = annots.get(i) as PDFRef;
        const annot = pdf.context.lookup(ref, PDFDict);
        if (annot.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
        seen++;
        const key = (annot.get(PDFName.of('StructParent')) as PDFNumber).asNumber();
        const target = (annot.get(PDFName.of('Dest')) as PDFString).decodeText();
        expect((annot.lookup(PDFName.of('Contents')) as PDFHexString).decodeText()).toBe(`参考文献 ${target.replace('ref-', '')}`);
        const element = pdf.context.lookup(parentOf.get(key) as PDFRef, PDFDict);
        expect(element.get(PDFName.of('S'))).toBe(PDFName.of('Link'));
        const kids = element.lookup(PDFName.of('K'), PDFArray).asArray().map((k) => pdf.context.lookup(k));
        const objr = kids.find((k) => k instanceof PDFDict && k.get(PDFName.of('Type')) === PDFName.of('OBJR')) as PDFDict;
        expect(objr.get(PDFName.of('Obj'))).toBe(ref);
        expect(objr.get(PDFName.of('Pg'))).toBe(page.ref);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(51);
    expect((root.get(PDFName.of('ParentTreeNextKey')) as PDFNumber).asNumber()).toBe(pdf.getPageCount() + seen);
  });

  it('has the PDF/UA basics: /Lang, DisplayDocTitle, embedded fonts, and no text outside the structure or an artifact', async () => {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect((pdf.catalog.get(PDFName.of('Lang')) as PDFString).decodeText()).toBe('zh-CN');
    const prefs = pdf.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(prefs.get(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
    // every font has its file: the descendant CID fonts of the Type0 fonts
    const fonts = pdf.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'));
    expect(fonts.length).toBeGreaterThan(0);
    for (const [, d] of fonts) expect((d as PDFDict).has(PDFName.of('FontFile2')) || (d as PDFDict).has(PDFName.of('FontFile3'))).toBe(true);
    // every text item is inside marked content with an MCID or inside an artifact
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent({ includeMarkedContent: true });
      const stack: string[] = [];
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContent') stack.push((item as { tag?: string }).tag ?? '');
          else if (item.type === 'beginMarkedContentProps') stack.push((item as { id?: string | null }).id ? 'MCID' : '');
          else if (item.type === 'endMarkedContent') stack.pop();
          continue;
        }
        if (!item.str.trim()) continue;
        expect(stack.includes('MCID') || stack.includes('Artifact'), `page ${i}: ${item.str}`).toBe(true);
      }
    }
  });

  it('names PDF/UA-1 in its XMP and marks the running heads and folios as artifacts', async () => {
    const pdf = await PDFDocument.load(bytes);
    const xmp = pdf.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream;
    expect(Buffer.from(xmp.contents).toString('utf8')).toContain('<pdfuaid:part>1</pdfuaid:part>');
    const content = await (await doc.getPage(2)).getTextContent({ includeMarkedContent: true });
    const artifacts: string[] = [];
    let inArtifact = 0;
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContent' && (item as { tag?: string }).tag === 'Artifact') inArtifact++;
        else if (item.type === 'endMarkedContent' && inArtifact) inArtifact--;
        continue;
      }
      if (inArtifact) artifacts.push(item.str);
    }
    expect(artifacts.join('')).toMatch(/76/);
  });
});

const pdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const pdfinfo = spawnSync('pdfinfo', ['-v']).error === undefined;

describe.skipIf(!pdfinfo)('seed PDF through pdfinfo (poppler)', () => {
  it('is tagged', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zhpub-pdfinfo-'));
    const file = path.join(dir, 'a.pdf');
    writeFileSync(file, bytes);
    expect(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout).toMatch(/^Tagged:\s+yes$/m);
  });
});

describe.skipIf(!pdftotext)('seed PDF through pdftotext (poppler)', () => {
  it('reads words, not letters spaced out; running head and footnote stand on lines of their own', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zhpub-pdftotext-'));
    const file = path.join(dir, 'a.pdf');
    writeFileSync(file, bytes);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout;
    const joined = text.replace(/\n/g, '');
    expect(joined).toContain('自然杀伤细胞');
    expect(joined).toContain('系统性红斑狼疮（systemic lupus erythematosus, SLE）');
    // justified lines: no Han character set apart by spaces
    expect(text.match(/\p{Script=Han} \p{Script=Han} \p{Script=Han}/u)).toBeNull();
    const lines = text.split('\n');
    expect(lines).toContain('ISSN 2095-9664 2024年第2期');
    expect(lines.filter((l) => l.includes('收稿日期')).every((l) => l.startsWith('收稿日期'))).toBe(true);
  });
});

describe('seed PDF', () => {
  it('is small, with the page count of the layout and labels from the first page number', async () => {
    expect(bytes.length).toBeLessThanOrEqual(400 * 1024);
    expect(doc.numPages).toBe(layoutResult.pages.length);
    expect(doc.numPages).toBeGreaterThanOrEqual(4);
    expect(doc.numPages).toBeLessThanOrEqual(8);
    const labels = await doc.getPageLabels();
    const first = tree.data.meta.articleNumber!.firstPage;
    expect(first).toBe(75);
    expect(labels).toEqual(Array.from({ length: doc.numPages }, (_, i) => String(first + i)));
  });

  it('extracts every body paragraph, in reading order', () => {
    const all = norm(pages.join(''));
    const paragraphs = tree.children.filter((n): n is Paragraph => n.type === 'paragraph');
    expect(paragraphs.length).toBeGreaterThan(5);
    let at = 0;
    for (const p of paragraphs) {
      const text = norm(plainText(p.children));
      const found = all.indexOf(text, at);
      expect(found, `paragraph not found in order: ${text.slice(0, 40)}…`).toBeGreaterThanOrEqual(0);
      at = found + text.length;
    }
  });

  it('extracts the table and figure captions and cells inside their marked floats', () => {
    const text = norm(floats.join(''));
    for (const node of tree.children) {
      if (node.type === 'tableFloat' || node.type === 'figureFloat') {
        expect(text).toContain(norm(node.label + plainText(node.caption)));
      }
      if (node.type === 'tableFloat') {
        for (const row of node.children[0].children) for (const cell of row.children) expect(text).toContain(norm(plainText(cell.children)));
      }
    }
  });

  it('extracts both titles and every reference', () => {
    const all = norm(pages.join(''));
    const meta = tree.data.meta;
    expect(all).toContain(norm(meta.title.zh!));
    expect(all).toContain(norm(meta.title.en!));
    const entries: ReferenceEntry[] = [];
    visit(tree, (n) => n.type === 'referenceEntry' && entries.push(n as ReferenceEntry));
    expect(entries.length).toBe(51);
    for (const e of entries) {
      const formatted = (e.data as { formatted?: string } | undefined)?.formatted;
      expect(all).toContain(norm(`[${e.number}]`) + norm(formatted ?? plainText(e.children)));
    }
  });

  it('embeds every font as a subset with an ABCDEF+ tag, with no glyph 0 drawn', async () => {
    const lib = await PDFDocument.load(bytes);
    const fonts: { name: string; file: Uint8Array }[] = [];
    for (const [, obj] of lib.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
      if (obj.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
      const name = (obj.get(PDFName.of('BaseFont')) as PDFName).decodeText();
      const descendant = lib.context.lookup((obj.get(PDFName.of('DescendantFonts')) as PDFArray).get(0), PDFDict);
      const descriptor = lib.context.lookup(descendant.get(PDFName.of('FontDescriptor')), PDFDict);
      const stream = lib.context.lookup(descriptor.get(PDFName.of('FontFile2'))) as PDFRawStream;
      fonts.push({ name, file: inflateSync(stream.contents) });
    }
    // the CJK faces, and the Latin italic for the journal names
    expect(fonts.length).toBe(3);
    for (const f of fonts) expect(f.name).toMatch(/^[A-Z]{6}\+(Noto(Serif|Sans)SC-|NotoSerif-Italic$)/);
    expect(new Set(fonts.map((f) => f.name.slice(0, 6))).size).toBe(3);

    // Every glyph drawn (pdfjs operator list): CID ≠ 0, known to the subset,
    // with an outline unless it is a space.
    const subsets = fonts.map((f) => fontkit.create(f.file));
    const maxGlyphs = Math.max(...subsets.map((s) => s.numGlyphs));
    let drawn = 0;
    for (let i = 1; i <= doc.numPages; i++) {
      const ops = await (await doc.getPage(i)).getOperatorList();
      for (let k = 0; k < ops.fnArray.length; k++) {
        if (ops.fnArray[k] !== pdfjs.OPS.showText) continue;
        for (const g of ops.argsArray[k][0] as ({ originalCharCode: number; unicode: string; isInFont: boolean } | number | null)[]) {
          if (!g || typeof g !== 'object') continue;
          drawn++;
          expect(g.originalCharCode).not.toBe(0);
          expect(g.originalCharCode).toBeLessThan(maxGlyphs);
          expect(g.unicode.length).toBeGreaterThan(0);
        }
      }
    }
    expect(drawn).toBeGreaterThan(10000);
    for (const s of subsets) {
      for (let gid = 1; gid < s.numGlyphs; gid++) {
        const glyph = s.getGlyph(gid);
        if (glyph.advanceWidth > 0 && glyph.path.commands.length === 0) {
          // only the space may be empty
          expect(glyph.advanceWidth).toBeLessThan(400);
        }
      }
    }
  });

  it('has outline entries for the title, every section and the references', async () => {
    const outline = await doc.getOutline();
    const titles = outline.map((o) => o.title);
    expect(titles[0]).toBe(tree.data.meta.title.zh);
    for (const h of tree.children.filter((n) => n.type === 'heading')) {
      const label = h.data?.label;
      const text = plainText(h.children);
      expect(titles.some((t) => t.includes(text.replace(/^\d+\s*/, '')) && (!label || t.startsWith(label)))).toBe(true);
    }
    expect(titles).toContain('参考文献');
    for (const o of outline) expect(await doc.getDestination(o.dest as string)).not.toBeNull();
  });

  it('links every citation to its reference entry', async () => {
    const citations: Citation[] = [];
    visit(tree, (n) => n.type === 'citation' && citations.push(n as Citation));
    expect(citations.length).toBe(51);
    const dests: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      for (const a of await (await doc.getPage(i)).getAnnotations()) if (a.subtype === 'Link') dests.push(a.dest as string);
    }
    // One link per printed number at least; each citation's first number is linked.
    const counts = new Map<string, number>();
    for (const d of dests) counts.set(d, (counts.get(d) ?? 0) + 1);
    const needed = new Map<string, number>();
    for (const c of citations) needed.set(`ref-${c.numbers[0]}`, (needed.get(`ref-${c.numbers[0]}`) ?? 0) + 1);
    for (const [d, n] of needed) expect(counts.get(d) ?? 0, d).toBeGreaterThanOrEqual(n);
    expect(dests.length).toBeGreaterThanOrEqual(citations.length);
    for (const d of new Set(dests)) {
      const dest = await doc.getDestination(d);
      expect(dest, d).not.toBeNull();
    }
    // The destination of ref-12 is on the page that prints "[12]" in the references.
    const dest = (await doc.getDestination('ref-12'))!;
    const pageIndex = await doc.getPageIndex(dest[0] as { num: number; gen: number });
    expect(norm(pages[pageIndex]!)).toContain('[12]Cahill');
  });

  it('carries language, document information and XMP metadata with both titles', async () => {
    const { info, metadata } = await doc.getMetadata();
    const meta = tree.data.meta;
    expect((info as { Title?: string }).Title).toBe(meta.title.zh);
    expect((info as { Subject?: string }).Subject).toBe(meta.title.en);
    expect((info as { Author?: string }).Author).toContain('付强');
    expect((info as { Keywords?: string }).Keywords).toContain('间充质干细胞');
    expect(metadata).toBeTruthy();
    const xmp = Object.fromEntries([...(metadata as unknown as Iterable<[string, unknown]>)]);
    expect(String(xmp['dc:title'])).toContain(meta.title.zh);
    expect(String(xmp['dc:title'])).toContain(meta.title.en);
    expect(JSON.stringify(xmp['dc:creator'])).toContain('FU Qiang');
    expect(String(xmp['dc:language'])).toBe('zh-CN');
    const lib = await PDFDocument.load(bytes, { updateMetadata: false });
    expect((lib.catalog.get(PDFName.of('Lang')) as PDFString).decodeText()).toBe('zh-CN');
    const raw = lib.context.lookup(lib.catalog.get(PDFName.of('Metadata')) as PDFRef) as PDFRawStream;
    const packet = new TextDecoder().decode(raw.contents);
    expect(packet).toContain(`<rdf:li xml:lang="en">${meta.title.en}</rdf:li>`);
    expect(packet).toContain(`<rdf:li xml:lang="zh-CN">${meta.title.zh}</rdf:li>`);
  });

  it('prints the first-page footnote and the running head', () => {
    const first = norm(pages[0]!);
    expect(first).toContain(norm('收稿日期：2023-08-31'));
    expect(first).toContain('fuqiang1990621@126.com');
    for (const page of layoutResult.pages) {
      const head = page.boxes.filter((b) => b.kind === 'text' && b.artifact).map((b) => (b.kind === 'text' ? b.text : '')).join('');
      expect(head).toContain('2095-9664');
      expect(head).toContain(String(page.number));
    }
  });
});
