/**
 * `npm run typo` (scripts/typo*.ts): the glyph interpreter on small PDFs made
 * with pdf-lib at known positions (Tj, TJ numbers, Tc, Tz, Td, T*, cm), the
 * measurements on a constructed two-column article (a solid line, a line
 * stretched by 0.2 em per gap, a superscript citation, a widow, an orphan, a
 * reference entry split after its first line), and the interpreter on the
 * seed article's PDF.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  PDFArray,
  PDFDocument,
  PDFFont,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  beginText,
  concatTransformationMatrix,
  endText,
  moveText,
  nextLine,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSpacing,
  setFontAndSize,
  setLineHeight,
  setTextMatrix,
  showText,
} from 'pdf-lib';
import { fontMetrics, glyphFor, loadFonts, pdfLibFontkit } from '../src/fonts/index.js';
import { layout } from '../src/layout/index.js';
import { defaultStyle } from '../src/layout/style.js';
import type { GlyphRun, LayoutResult } from '../src/layout/types.js';
import { readGlyphs } from '../scripts/typo-glyphs.js';
import { measure, table } from '../scripts/typo-measure.js';
import { glyphRuns, layoutRuns, missingWords, overlaps } from '../scripts/glyph-checks.js';
import { citationLabel, esc } from '../scripts/typst-seed.js';
import { seedModel } from './helpers/seed.js';
import { seedPdf } from './helpers/seed-pdf.js';

const fonts = loadFonts();
const BODY = 10.5;
const PITCH = 1.5 * BODY;
const COL = [56.14, 308.14];
const MEASURE = 22 * BODY;
const HAN = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';

function han(n: number, from = 0): string {
  return [...HAN].slice(from, from + n).join('');
}

/** A PDF document with the serif font embedded (as src/render/pdf.ts does it). */
async function newDoc(text: string): Promise<{ doc: PDFDocument; font: PDFFont }> {
  const doc = await PDFDocument.create();
  const context = doc.context;
  context.flateStream = (contents, dict = {}) =>
    context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), { ...dict, Filter: 'FlateDecode' });
  doc.registerFontkit(pdfLibFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  for (const ch of new Set(text)) glyphFor(fonts.serif.font, ch);
  const font = await doc.embedFont(fonts.serif.bytes, { subset: true });
  return { doc, font };
}

interface Drawn {
  text: string;
  /** Start x; each character advances by `size × (1 + gap)`. */
  x: number;
  y: number;
  size?: number;
  gap?: number;
}

/** Draws each character on its own at a known x (pdf-lib's `Tj`). */
function draw(page: ReturnType<PDFDocument['addPage']>, font: PDFFont, d: Drawn): void {
  const size = d.size ?? BODY;
  let x = d.x;
  for (const ch of d.text) {
    page.drawText(ch, { x, y: d.y, size, font });
    x += /\p{Script=Han}|[，。、；：（）]/u.test(ch) ? size * (1 + (d.gap ?? 0)) : font.widthOfTextAtSize(ch, size);
  }
}

describe('glyph interpreter', () => {
  it('reads Tj, TJ numbers, Tc, Td, T* and cm positions exactly', async () => {
    const { doc, font } = await newDoc('一二三四五六');
    const page = doc.addPage([595.28, 841.89]);
    const key = page.node.newFontDictionary(font.name, font.ref);
    const tj = (parts: Array<string | number>) => {
      const arr = PDFArray.withContext(doc.context);
      for (const p of parts) arr.push(typeof p === 'string' ? font.encodeText(p) : PDFNumber.of(p));
      return PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [arr]);
    };
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(1, 0, 0, 1, 50, 20), // cm: shift by (50, 20)
      beginText(),
      setFontAndSize(key, 10),
      setTextMatrix(1, 0, 0, 1, 100, 500),
      tj(['一', -500, '二', 250, '三']), // 一 at 100, 二 at 100+10+5, 三 at 115+10−2.5
      setCharacterSpacing(2),
      setLineHeight(20),
      nextLine(), // T*: down 20 from the line start
      showText(font.encodeText('四五')), // 四 at 100, 五 at 100+10+2
      moveText(30, -20),
      showText(font.encodeText('六')), // 六 at 130
      endText(),
      popGraphicsState(),
    );
    const pages = await readGlyphs(await doc.save());
    const got = pages[0]!.glyphs.filter((g) => g.font.includes('NotoSerif')).map((g) => [g.ch, +g.x.toFixed(3), +g.y.toFixed(3), +g.size.toFixed(3)]);
    expect(got).toEqual([
      ['一', 150, 520, 10],
      ['二', 165, 520, 10],
      ['三', 172.5, 520, 10],
      ['四', 150, 500, 10],
      ['五', 162, 500, 10],
      ['六', 180, 480, 10],
    ]);
  });
});

/**
 * A two-column A4 article: page 1 left column holds paragraph A (a solid
 * indented first line, a solid line, a line stretched by 0.2 em per gap, a
 * solid line with a superscript citation between two Han characters); the
 * right column starts with A's last line (a widow), then paragraph B (two
 * lines) and ends with paragraph C's first line (an orphan). Page 2: C's
 * other two lines, the reference heading and three entries, the second split
 * after its first line at the column bottom. Running heads and page numbers
 * at 8 pt on both pages.
 */
async function constructed(): Promise<Uint8Array> {
  const lines: Array<Drawn & { page: number }> = [];
  const [L, R] = COL as [number, number];
  const top = 760;
  const at = (i: number) => top - i * PITCH;
  // Page 1, left column: paragraph A.
  lines.push({ page: 0, text: han(20, 0), x: L + 2 * BODY, y: at(0) });
  lines.push({ page: 0, text: han(22, 20), x: L, y: at(1) });
  lines.push({ page: 0, text: han(18, 42), x: L, y: at(2), gap: 0.2 }); // 18 + 17 × 0.2 = 21.4 em
  // A solid line with a citation mark between two Han characters, 1 em apart: not a gap.
  lines.push({ page: 0, text: han(10, 60), x: L, y: at(3) });
  lines.push({ page: 0, text: '[1]', x: L + 10 * BODY, y: at(3) + 0.36 * BODY, size: 6.5 });
  lines.push({ page: 0, text: han(11, 70), x: L + 11 * BODY, y: at(3) });
  // Page 1, right column: A's last line (widow), B, C's first line (orphan).
  lines.push({ page: 0, text: han(8, 82) + '。', x: R, y: at(0) });
  lines.push({ page: 0, text: han(20, 91), x: R + 2 * BODY, y: at(1) });
  lines.push({ page: 0, text: han(5, 111) + '。', x: R, y: at(2) });
  lines.push({ page: 0, text: han(20, 117), x: R + 2 * BODY, y: at(3) });
  // Page 2, left column: the rest of C, then the references.
  lines.push({ page: 1, text: han(22, 137), x: L, y: at(0) });
  lines.push({ page: 1, text: han(6, 159) + '。', x: L, y: at(1) });
  lines.push({ page: 1, text: '参考文献', x: L, y: at(2) - 6, size: 10 });
  const ref = (i: number) => at(2) - 6 - 14 - i * 12.6;
  lines.push({ page: 1, text: '[1]' + han(20, 166), x: L, y: ref(0), size: 9 });
  lines.push({ page: 1, text: han(18, 186) + '。', x: L + 2 * 9, y: ref(1), size: 9 });
  lines.push({ page: 1, text: '[2]' + han(20, 204), x: L, y: ref(2), size: 9 });
  // Page 2, right column: the rest of [2] (split after its first line), [3].
  lines.push({ page: 1, text: han(10, 224) + '。', x: R + 2 * 9, y: at(0), size: 9 });
  lines.push({ page: 1, text: '[3]' + han(12, 234) + '。', x: R, y: at(1), size: 9 });
  const all = lines.map((l) => l.text).join('') + '学报第期' + '0123456789';
  const { doc, font } = await newDoc(all);
  for (let p = 0; p < 2; p++) {
    const page = doc.addPage([595.28, 841.89]);
    draw(page, font, { text: '学报2024年第2期', x: L, y: 801.9, size: 8 });
    draw(page, font, { text: String(75 + p), x: 530, y: 801.9, size: 8 });
    for (const l of lines.filter((l) => l.page === p)) draw(page, font, l);
  }
  return doc.save();
}

describe('measurements', () => {
  it('finds the stretched line, the widow, the orphan and the split reference', async () => {
    const r = measure(await readGlyphs(await constructed()));
    expect(r.bodySize).toBe(10.5);
    expect(r.gutter).not.toBeNull();
    expect(r.gutter![0]).toBeGreaterThan(286);
    expect(r.gutter![1]).toBeLessThan(309);
    // A1, A2, A3 (stretched), A4 (citation), B1, C1, C2: justified; the widow, B2 and C3 end paragraphs.
    expect(r.bodyLines).toBe(10);
    expect(r.justified).toBe(7);
    expect(r.stretched).toBe(1);
    expect(r.over015).toBe(1);
    expect(r.maxGap).toBeCloseTo(0.2, 3);
    expect(r.minGap).toBeGreaterThan(-0.001);
    expect(r.widows).toBe(1);
    expect(r.orphans).toBe(1);
    expect(r.referenceEntries).toBe(3);
    expect(r.referencesSplitAfterFirst).toBe(1);
    const text = table(['test'], [r]);
    expect(text).toContain('| justified body lines with extra space between Han characters | 14 % (1/7) |');
    expect(text).toContain('| 1 / 0.20 em |');
  });

  it('counts nothing in a solid page', async () => {
    const lines: Drawn[] = [];
    for (let i = 0; i < 12; i++) {
      if (i !== 5) lines.push({ text: han(i % 4 === 0 ? 20 : 22, i * 22), x: COL[0]! + (i % 4 === 0 ? 2 * BODY : 0), y: 760 - i * PITCH });
    }
    for (let i = 0; i < 12; i++) lines.push({ text: han(i % 4 === 0 ? 20 : 22, i * 7), x: COL[1]! + (i % 4 === 0 ? 2 * BODY : 0), y: 760 - i * PITCH });
    lines.push({ text: han(3) + '。', x: COL[1]!, y: 760 - 12 * PITCH });
    const { doc, font } = await newDoc(lines.map((l) => l.text).join('') + 'CD8');
    // Line 6 of the left column: 8 Han, a quarter em, `CD8`, the rest of the measure, 11 Han.
    const latin = font.widthOfTextAtSize('CD8', BODY);
    const wide = 22 * BODY - 19 * BODY - 0.25 * BODY - latin;
    const y6 = 760 - 5 * PITCH;
    lines.push({ text: han(8, 110), x: COL[0]!, y: y6 });
    lines.push({ text: 'CD8', x: COL[0]! + 8.25 * BODY, y: y6 });
    lines.push({ text: han(11, 118), x: COL[0]! + 8.25 * BODY + latin + wide, y: y6 });
    const page = doc.addPage([595.28, 841.89]);
    for (const l of lines) draw(page, font, l);
    const r = measure(await readGlyphs(await doc.save()));
    expect(r.justified).toBeGreaterThan(15);
    expect(r.stretched).toBe(0);
    expect(r.over015).toBe(0);
    expect(r.maxGap).toBeLessThan(0.001);
    expect(r.widows + r.orphans + r.referencesSplitAfterFirst).toBe(0);
    expect(r.hanLatin.count).toBe(2);
    expect(r.hanLatin.max).toBeCloseTo(wide / BODY, 3);
    expect(wide / BODY).toBeGreaterThan(0.5);
    expect(table(['t'], [r])).toContain(`| ${(wide / BODY).toFixed(2)} / ${(wide / BODY).toFixed(2)} em |`);
  });
});

describe('the seed article', () => {
  it("reads the seed PDF's body lines from its glyphs", async () => {
    const { pdf } = (await seedPdf()).out;
    const pages = await readGlyphs(pdf);
    const r = measure(pages);
    expect(r.bodySize).toBe(10.5);
    expect(r.bodyFont).toMatch(/NotoSerifSC/);
    expect(r.justified).toBeGreaterThan(100);
    expect(r.minGap).toBeGreaterThanOrEqual(-0.01);
    expect(r.referenceEntries).toBe(51);
    // the targets: at most a fifth of the lines open their Han spaces, at most four beyond 0.15 em, none beyond
    // 0.35 em; no widow, orphan or reference entry split after its first line
    expect(r.stretched / r.justified).toBeLessThanOrEqual(0.2);
    expect(r.over015).toBeLessThanOrEqual(4);
    expect(r.maxGap).toBeLessThanOrEqual(0.35);
    expect(r.widows + r.orphans + r.referencesSplitAfterFirst).toBe(0);
    // A solid justified line of Han characters and punctuation spans the 22 em measure exactly.
    const solid = r.lines.find((l) => l.body && !l.last && l.gaps.length > 15 && l.gaps.every((g) => Math.abs(g) < 1e-3) && [...l.text].length === 22);
    expect(solid).toBeDefined();
    expect((solid!.right - solid!.left) / BODY).toBeCloseTo(22, 3);
    // no two lines overlap; the English front matter is whole (the seed has no English abstract: its English
    // title is checked; scripts/corpus-pdf.ts runs the same checks on the corpus's English abstracts)
    const runs = glyphRuns(pages);
    expect(overlaps(runs)).toEqual([]);
    const meta = seedModel().tree.data.meta;
    expect(meta.abstract?.en).toBeUndefined();
    expect(missingWords(runs, meta.title.en!).length).toBe(0);
    expect(missingWords(runs, `${meta.title.en!} Nonexistentword`)).toEqual(['Nonexistentword']);
  });
});

describe('overlapping lines and a cut abstract, from glyph boxes', () => {
  it('finds two lines drawn into each other, not a superscript beside its word or compressed punctuation', async () => {
    const pdf = async (intruder: boolean) => {
      const { doc, font } = await newDoc(han(30) + '）[]1');
      const page = doc.addPage([595.28, 841.89]);
      draw(page, font, { text: han(10), x: 60, y: 700 });
      draw(page, font, { text: han(10, 10), x: 60, y: 700 - PITCH }); // the next line: no overlap
      draw(page, font, { text: '）', x: 60 + 10 * BODY, y: 700 });
      draw(page, font, { text: '[1]', x: 60 + 10.5 * BODY, y: 700 + 0.33 * BODY, size: 0.6 * BODY }); // a citation mark over the paren's blank half
      if (intruder) draw(page, font, { text: han(10, 20), x: 60 + 3 * BODY, y: 700 - 0.4 * BODY }); // a line set into the first
      return readGlyphs(await doc.save());
    };
    expect(overlaps(glyphRuns(await pdf(false)))).toEqual([]);
    const bad = overlaps(glyphRuns(await pdf(true)));
    expect(bad.length).toBeGreaterThan(0);
    expect(bad[0]!.page).toBe(1);
  });

  it('names the English abstract words the PDF lacks, hyphenation and spacing ignored', async () => {
    const { doc, font } = await newDoc('Umbilical cord stem cells treat lupus. Mesen- chymal');
    const page = doc.addPage([595.28, 841.89]);
    draw(page, font, { text: 'Umbilical cord stem cells treat lupus. Mesen-', x: 60, y: 700 });
    draw(page, font, { text: 'chymal', x: 60, y: 700 - PITCH });
    const pages = glyphRuns(await readGlyphs(await doc.save()));
    expect(missingWords(pages, 'Umbilical cord Mesenchymal stem cells (UC-MSCs) treat lupus and nephritis.')).toEqual(['MSCs', 'nephritis']);
    expect(missingWords(pages, 'Umbilical cord stem cells treat lupus. Mesenchymal')).toEqual([]);
  });

  it("reads the layout's text runs where the PDF draws their glyphs (the suite checks the corpus so)", async () => {
    const { tree, out } = await seedPdf();
    const metrics = fontMetrics();
    const fromLayout = layoutRuns(layout(tree, defaultStyle, metrics), metrics);
    const fromPdf = glyphRuns(await readGlyphs(out.pdf));
    expect(fromLayout.length).toBe(fromPdf.length);
    fromLayout.forEach((page, p) => {
      const byChar = new Map<string, { x: number; y: number; w: number }[]>();
      for (const r of fromPdf[p]!.runs) byChar.set(r.chars[0]!, [...(byChar.get(r.chars[0]!) ?? []), { x: r.xs[0]!, y: r.y, w: r.ws[0]! }]);
      const glyphs = page.runs.flatMap((r) => r.chars.map((ch, i) => ({ ch, x: r.xs[i]!, y: r.y, w: r.ws[i]! })));
      expect(glyphs.length).toBe(fromPdf[p]!.runs.length);
      // every glyph of the layout is drawn there, at its pen position and with its advance
      const lost = glyphs.filter((g) => !byChar.get(g.ch)?.some((d) => Math.abs(d.x - g.x) < 0.01 && Math.abs(d.y - g.y) < 0.01 && Math.abs(d.w - g.w) < 1e-3));
      expect(lost).toEqual([]);
    });
  });

  it('finds overlapping lines among layout runs, glyph by glyph', () => {
    const metrics = fontMetrics();
    const run = (text: string, x: number, y: number): GlyphRun => ({ kind: 'text', font: 'serif', size: BODY, x, y, text });
    const page = (boxes: GlyphRun[]) => ({ pages: [{ index: 0, width: 595.28, height: 841.89, number: 1, label: '1', boxes, links: [], destinations: [] }], outline: [] }) as unknown as LayoutResult;
    const lines = [run(han(20), 60, 700), run(han(20, 20), 60, 700 - PITCH), run('[1]', 60 + 20 * BODY, 700 + 0.33 * BODY)];
    lines[2]!.size = 0.6 * BODY;
    expect(overlaps(layoutRuns(page(lines), metrics))).toEqual([]);
    // a long line set 0.4 em into the first, and a short one whose only glyph touches the end of the second
    expect(overlaps(layoutRuns(page([...lines, run(han(12, 40), 60 + 5 * BODY, 700 - 0.4 * BODY)]), metrics)).length).toBeGreaterThan(0);
    const tail = overlaps(layoutRuns(page([...lines, run('了', 60 + 19.2 * BODY, 700 - PITCH + 0.3 * BODY)]), metrics));
    expect(tail.map((o) => o.a + o.b)).toEqual([han(1, 39) + '了']);
  });
});

describe('typst source', () => {
  it('escapes markup and prints citation numbers as ranges', () => {
    expect(esc('a*b_[1]#x $y$ // c <d> @e')).toBe('a\\*b\\_\\[1\\]\\#x \\$y\\$ \\/\\/ c \\<d\\> \\@e');
    expect(citationLabel([4, 5])).toBe('[4-5]');
    expect(citationLabel([21, 22, 23, 27])).toBe('[21-23,27]');
  });
});
