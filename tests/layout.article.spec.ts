/**
 * The seed article laid out on journal pages (no PDF involved), and small
 * crafted articles for floats that do not fit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seedModel } from './helpers/seed.js';
import { fontMetrics } from '../src/fonts/index.js';
import { layout } from '../src/layout/index.js';
import { columnWidth, defaultStyle, leftMargin, textWidth } from '../src/layout/style.js';
import { defaultLabels, type LayoutLabels } from '../src/layout/labels.js';
import type { Box, GlyphRun, LayoutResult, RuleBox } from '../src/layout/types.js';
import type { PhrasingContent } from 'mdast';
import { emptyMeta, type ArticleMeta } from '../src/model/meta.js';
import type { ArticleRoot, FigureFloat, TableFloat } from '../src/model/types.js';
import { FUNDING_EN, FUNDING_ZH, NOTES_ZH } from './helpers/new-fields.js';

const metrics = fontMetrics();
const style = defaultStyle;
let tree: ArticleRoot;
let result: LayoutResult;

const runWidth = (r: GlyphRun) => metrics.advance(r.font, r.text, r.size) + (r.spacing ?? []).reduce((s, x) => s + x, 0);

beforeAll(() => {
  tree = seedModel().tree;
  result = layout(tree, style, metrics);
});

describe('journal layout of the seed', () => {
  it('numbers pages from the first page of the article number', () => {
    expect(result.pages[0]!.number).toBe(75);
    result.pages.forEach((p, i) => {
      expect(p.number).toBe(75 + i);
      expect(p.label).toBe(String(75 + i));
    });
    expect(result.warnings).toEqual([]);
  });

  it('keeps all text inside the text block, and body text inside its column', () => {
    const x0 = leftMargin(style);
    const colW = columnWidth(style);
    const col2 = x0 + colW + style.columnGapEms * style.bodySize;
    for (const page of result.pages) {
      for (const b of page.boxes) {
        if (b.kind !== 'text') continue;
        const right = b.x + runWidth(b);
        expect(b.x).toBeGreaterThanOrEqual(x0 - 0.5 * b.size - 0.01);
        expect(right).toBeLessThanOrEqual(x0 + textWidth(style) + 0.5 * b.size + 0.01);
        expect(b.y).toBeGreaterThan(style.marginBottom - 20);
        expect(b.y).toBeLessThan(style.pageHeight - 30);
        // body text (10.5 pt, not a float) stays in one column
        if (b.size === style.bodySize && !b.tag && page.index > 0) {
          const inFirst = b.x < col2 - 1;
          if (inFirst) expect(right).toBeLessThanOrEqual(x0 + colW + 0.5 * b.size + 0.01);
          else expect(b.x).toBeGreaterThanOrEqual(col2 - 0.5 * b.size - 0.01);
        }
      }
    }
  });

  it('sets the table as a three-line table across both columns, caption above', () => {
    const rules = result.pages.flatMap((p) => p.boxes.filter((b) => b.kind === 'rule' && b.tag === 'Table'));
    expect(rules.length).toBe(3);
    for (const r of rules) if (r.kind === 'rule') expect(r.x2 - r.x1).toBeCloseTo(textWidth(style), 3);
    const widths = rules.map((r) => (r.kind === 'rule' ? r.width : 0));
    expect(widths[0]).toBeGreaterThan(widths[1]!); // heavier top and bottom rules
    expect(widths[2]).toBeGreaterThan(widths[1]!);
  });

  it('sets the figure in a column with a frame and the caption below', () => {
    const page = result.pages.find((p) => p.boxes.some((b) => b.kind === 'frame'))!;
    const frame = page.boxes.find((b) => b.kind === 'frame')!;
    expect(frame.kind === 'frame' && frame.width).toBeCloseTo(columnWidth(style), 3);
    const caption = page.boxes.find((b) => b.kind === 'text' && b.tag === 'Figure' && b.text.includes('图1'));
    expect(caption && frame.kind === 'frame' && caption.kind === 'text' && caption.y < frame.y).toBe(true);
  });

  it('places a destination for every reference and every link target', () => {
    const dests = new Set(result.pages.flatMap((p) => p.destinations.map((d) => d.name)));
    for (let n = 1; n <= 51; n++) expect(dests.has(`ref-${n}`)).toBe(true);
    const links = result.pages.flatMap((p) => p.links);
    expect(links.length).toBeGreaterThanOrEqual(51);
    for (const l of links) expect(dests.has(l.target)).toBe(true);
    for (const o of result.outline) expect(dests.has(o.target)).toBe(true);
    expect(result.outline.map((o) => o.target)).toEqual(['title', 'sec-1', 'sec-2', 'sec-3', 'sec-4', 'sec-5', 'references']);
  });

  it('sets the Chinese title on one line when it fits (the seed title: 23 characters at 18 pt)', () => {
    const title = result.pages[0]!.boxes.filter((b): b is GlyphRun => b.kind === 'text' && b.size === style.titleSize);
    expect(new Set(title.map((r) => r.y)).size).toBe(1);
    expect(title.map((r) => r.text).join('')).toBe(tree.data.meta.title.zh);
  });

  it('never leaves a heading at the foot of a column', () => {
    for (const page of result.pages) {
      const body = page.boxes.filter((b): b is GlyphRun => b.kind === 'text' && !b.artifact && !b.tag);
      for (const d of page.destinations.filter((x) => x.name.startsWith('sec-'))) {
        const below = body.filter((b) => Math.abs(b.x - d.x) < 30 && b.y < d.y - 2 * style.bodyLeading && b.size === style.bodySize);
        expect(below.length, d.name).toBeGreaterThan(0);
      }
    }
  });

  it('balances the columns of the last page', () => {
    const last = result.pages[result.pages.length - 1]!;
    const mid = leftMargin(style) + columnWidth(style) + 1;
    const runs = last.boxes.filter((b): b is GlyphRun => b.kind === 'text' && !b.artifact);
    const bottom1 = Math.min(...runs.filter((b) => b.x < mid).map((b) => b.y));
    const bottom2 = Math.min(...runs.filter((b) => b.x >= mid).map((b) => b.y));
    expect(Math.abs(bottom1 - bottom2)).toBeLessThanOrEqual(3 * style.referenceLeading);
  });

  it('marks the running head and page number as page furniture', () => {
    for (const page of result.pages) {
      const furniture = page.boxes.filter((b) => b.kind === 'text' && b.artifact);
      expect(furniture.map((b) => (b.kind === 'text' ? b.text : '')).join('')).toContain(`·${page.number}·`);
    }
  });
});

// ---------------------------------------------------------------- floats

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

function crafted(children: ArticleRoot['children']): ArticleRoot {
  const meta: ArticleMeta = {
    ...emptyMeta(),
    title: { zh: '间充质干细胞治疗的测试文章', en: 'A test article' },
    authors: [{ name: { zh: '付强', en: 'FU Qiang' }, affiliations: ['aff1'], corresponding: true, email: 'fq@example.org' }],
    affiliations: [{ id: 'aff1', label: '1', zh: { text: '南华大学，湖南衡阳421001' }, en: { text: 'University of South China, Hengyang 421001, China' } }],
    abstract: { zh: '目的：测试。'.repeat(20), en: 'A test. '.repeat(30) },
    keywords: { zh: ['间充质干细胞'], en: ['mesenchymal stem cells'] },
    received: '2023-08-31',
    editor: '欧阳菁',
    articleNumber: { text: '2095-9664(2024)02-0075-06', issn: '2095-9664', year: 2024, issue: 2, firstPage: 75, pageCount: 6, lastPage: 80 },
  };
  return { type: 'root', data: { meta }, children };
}

const paragraph = (s: string): ArticleRoot['children'][number] => ({ type: 'paragraph', children: [text(s)] });

function tableNode(label: string, caption: string, rows: string[][]): TableFloat {
  return {
    type: 'tableFloat',
    identifier: 'T9',
    label,
    caption: caption ? [text(caption)] : [],
    children: [
      {
        type: 'table',
        align: rows[0]!.map(() => null),
        children: rows.map((r) => ({ type: 'tableRow' as const, children: r.map((c) => ({ type: 'tableCell' as const, children: [text(c)] })) })),
      },
    ],
  };
}

/** A page-wide table: the long English column does not fit in one column. */
const wideRows = (n: number) => [
  ['编号', 'English name', '说明'],
  ...Array.from({ length: n }, (_, i) => [`编号${i + 1}`, `mesenchymal stem cell-derived extracellular vesicles ${i + 1}`, `作用说明${i + 1}`]),
];
const narrowRows = (n: number) => [['行', '值'], ...Array.from({ length: n }, (_, i) => [`行${i + 1}`, `值${i + 1}`])];

const runs = (r: LayoutResult) => r.pages.flatMap((p) => p.boxes.filter((b): b is GlyphRun => b.kind === 'text'));
const bodyText = (r: LayoutResult) => norm(runs(r).filter((b) => !b.tag && !b.artifact).map((b) => b.text).join(''));

/** Vertical extent of a box (PDF points, y upwards). */
function extent(b: Box): { bottom: number; top: number } {
  if (b.kind === 'text') return { bottom: b.y - 0.25 * b.size, top: b.y + b.size };
  if (b.kind === 'rule') return { bottom: Math.min(b.y1, b.y2) - b.width / 2, top: Math.max(b.y1, b.y2) + b.width / 2 };
  if (b.kind === 'math') return { bottom: b.y - b.depth, top: b.y + b.height };
  return { bottom: b.y, top: b.y + b.height };
}

/** No float below the bottom margin, above the top margin, or over the first-page footnote. */
function expectFloatsInFrames(r: LayoutResult) {
  const rule = r.pages[0]!.boxes.find((b) => b.kind === 'rule' && !b.tag && !b.artifact);
  const footTop = rule ? extent(rule).top : style.marginBottom;
  for (const page of r.pages) {
    for (const b of page.boxes) {
      if (!b.tag) continue;
      const e = extent(b);
      expect(e.bottom).toBeGreaterThanOrEqual(style.marginBottom);
      expect(e.top).toBeLessThanOrEqual(style.pageHeight - style.marginTop);
      if (page.index === 0) expect(e.bottom).toBeGreaterThan(footTop);
    }
  }
}

describe('floats that do not fit', () => {
  const before = '间充质干细胞是具有多谱系分化潜力的非造血干细胞，可以很容易从多种生物组织中分离和扩增。'.repeat(3);
  const after = '越来越多的实验和临床数据表明，间充质干细胞移植将是一种治疗系统性红斑狼疮的有前途的策略。'.repeat(3);

  it('breaks a table taller than a page across pages, header repeated, nothing lost', () => {
    const rows = wideRows(80);
    const r = layout(crafted([paragraph(before), tableNode('表9', '长表', rows), paragraph(after)]), style, metrics);
    const table = runs(r).filter((b) => b.tag === 'Table');
    const headers = table.filter((b) => b.text === '编号');
    const pagesWithTable = new Set(r.pages.filter((p) => p.boxes.some((b) => b.tag === 'Table')).map((p) => p.index));
    expect(pagesWithTable.size).toBeGreaterThanOrEqual(2);
    expect(headers.length).toBeGreaterThanOrEqual(pagesWithTable.size);
    // Every part: caption, header row, three rules.
    const captions = table.filter((b) => norm(b.text).includes('长表')).map((b) => norm(b.text));
    expect(captions.length).toBe(headers.length);
    expect(captions[0]).toBe('表9长表');
    for (const c of captions.slice(1)) expect(c).toBe('续表9长表');
    const rules = r.pages.flatMap((p) => p.boxes).filter((b) => b.kind === 'rule' && b.tag === 'Table');
    expect(rules.length).toBe(3 * headers.length);
    for (const rule of rules) if (rule.kind === 'rule') expect(rule.x2 - rule.x1).toBeCloseTo(textWidth(style), 3);
    // Each part's header sits at the top of its part, before its rows.
    for (const page of r.pages) {
      const own = page.boxes.filter((b): b is GlyphRun => b.kind === 'text' && b.tag === 'Table');
      const head = own.filter((b) => b.text === '编号');
      for (const h of head) {
        const below = own.filter((b) => b.text.startsWith('编号') && b.text !== '编号' && Math.abs(b.x - h.x) < 30);
        expect(below.length).toBeGreaterThan(0);
      }
    }
    // Every row once, in order.
    const numbers = table.filter((b) => /^编号\d+$/.test(b.text)).map((b) => Number(b.text.slice(2)));
    expect(numbers).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    for (let i = 1; i <= 80; i++) expect(table.filter((b) => b.text === `作用说明${i}`).length).toBe(1);
    const all = norm(table.map((b) => b.text).join(''));
    for (const row of rows.slice(1)) expect(all).toContain(norm(row[1]!));
    // The text around it is all there.
    const body = bodyText(r);
    expect(body).toContain(norm(before));
    expect(body).toContain(norm(after));
    expectFloatsInFrames(r);
    expect(r.warnings).toEqual([]);
  });

  it('breaks a column-wide table across columns with the header repeated', () => {
    const r = layout(crafted([paragraph(before), tableNode('表9', '窄表', narrowRows(80)), paragraph(after)]), style, metrics);
    const table = runs(r).filter((b) => b.tag === 'Table');
    const headers = table.filter((b) => b.text === '行');
    expect(headers.length).toBeGreaterThanOrEqual(2);
    const rules = r.pages.flatMap((p) => p.boxes).filter((b) => b.kind === 'rule' && b.tag === 'Table');
    expect(rules.length).toBe(3 * headers.length);
    for (const rule of rules) if (rule.kind === 'rule') expect(rule.x2 - rule.x1).toBeCloseTo(columnWidth(style), 3);
    const numbers = table.filter((b) => /^行\d+$/.test(b.text)).map((b) => Number(b.text.slice(1)));
    expect(numbers).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    for (let i = 1; i <= 80; i++) expect(table.filter((b) => b.text === `值${i}`).length).toBe(1);
    const captions = table.filter((b) => norm(b.text).includes('窄表')).map((b) => norm(b.text));
    expect(captions).toEqual(['表9窄表', ...new Array(headers.length - 1).fill('续表9窄表')]);
    expect(bodyText(r)).toContain(norm(after));
    expectFloatsInFrames(r);
  });

  it('moves a table that fits a page but not the space left to the top of the next page, whole', () => {
    const long = Array.from({ length: 6 }, () => paragraph(before));
    const r = layout(crafted([...long, tableNode('表9', '中表', wideRows(24)), paragraph(after)]), style, metrics);
    const table = runs(r).filter((b) => b.tag === 'Table');
    expect(table.filter((b) => b.text === '编号').length).toBe(1);
    expect(table.some((b) => b.text.includes('续'))).toBe(false);
    const page = r.pages.find((p) => p.boxes.some((b) => b.tag === 'Table'))!;
    expect(page.index).toBe(1);
    // At the top of the page: nothing of the body above it.
    const tableTop = Math.max(...page.boxes.filter((b) => b.tag).map((b) => extent(b).top));
    const bodyAbove = page.boxes.filter((b) => b.kind === 'text' && !b.tag && !b.artifact && b.y > tableTop);
    expect(bodyAbove).toEqual([]);
    expect(bodyText(r)).toContain(norm(after));
    expectFloatsInFrames(r);
  });

  it('leaves no widow and no orphan: a paragraph split across columns keeps at least two lines on each side', () => {
    // Paragraph k: one character repeated to fill k lines (the last line short), so each line names its paragraph.
    const chars = Array.from({ length: 160 }, (_, i) => String.fromCodePoint(0x4e00 + 100 + 37 * i));
    const paras = chars.map((c, i) => paragraph(c.repeat(22 * [1, 2, 3, 5, 4, 7, 2, 6][i % 8]! - 2 - 5)));
    const r = layout(crafted(paras), style, metrics);
    const body = (p: LayoutResult['pages'][number]) => p.boxes.filter((b): b is GlyphRun => b.kind === 'text' && b.size === style.bodySize && chars.includes(b.text[0]!));
    const columns: string[][] = [];
    for (const page of r.pages) {
      for (const x0 of [...new Set(body(page).map((b) => b.x < page.width / 2))]) {
        const lines = new Map<number, string>();
        for (const b of body(page).filter((b) => b.x < page.width / 2 === x0)) lines.set(b.y, b.text[0]!);
        columns.push([...lines.entries()].sort((a, b) => b[0] - a[0]).map(([, c]) => c));
      }
    }
    expect(columns.length).toBeGreaterThan(3);
    let split = 0;
    for (let i = 0; i + 1 < columns.length; i++) {
      const [end, start] = [columns[i]!, columns[i + 1]!];
      if (end.at(-1) !== start[0]) continue;
      split++;
      const c = start[0]!;
      expect(end.filter((x) => x === c).length, `${c} at the foot of a column`).toBeGreaterThanOrEqual(2);
      expect(start.filter((x) => x === c).length, `${c} at the head of a column`).toBeGreaterThanOrEqual(2);
    }
    expect(split).toBeGreaterThan(0);
  });

  it('continues a title block taller than the first page on the next one: the abstract whole, nothing over the footnote or the page foot', () => {
    const tree = crafted([paragraph(before), paragraph(after)]);
    const words = Array.from({ length: 900 }, (_, i) => `word${i}`);
    tree.data.meta.abstract = { zh: '目的：测试。'.repeat(60), en: words.join(' ') };
    tree.data.meta.funding = { zh: '国家自然科学基金（81960000）' };
    const r = layout(tree, style, metrics);
    expect(r.pages.length).toBeGreaterThan(2);
    const text = runs(r).map((b) => b.text).join(' ');
    for (const w of words) expect(text).toContain(w);
    expect(r.pages[0]!.boxes.some((b) => b.kind === 'text' && b.text.includes('81960000'))).toBe(true);
    // the footnote's rule: the footnote stands below it, everything else above
    const rule = r.pages[0]!.boxes.find((b): b is RuleBox => b.kind === 'rule' && !b.artifact && b.y1 < 200)!;
    expect(rule).toBeDefined();
    for (const page of r.pages) {
      for (const b of page.boxes) {
        if (b.kind !== 'text' || b.artifact) continue;
        // inside the page's text block (the running head and folio are artifacts)
        expect(b.y, b.text).toBeGreaterThanOrEqual(style.marginBottom - 2);
        if (page.index === 0 && b.size !== style.footnoteSize) expect(b.y, b.text).toBeGreaterThan(rule.y1 + 2);
      }
    }
    // the body follows the title block, on the page where the block ends
    expect(text.indexOf('word899')).toBeLessThan(text.indexOf(before.slice(0, 10)));
  });

  it('hangs a wrapped heading after its number, broken between words', () => {
    const heading = '2.3 间充质干细胞来源的细胞外囊泡调节系统性红斑狼疮患者调节性T细胞的作用机制';
    const r = layout(crafted([{ type: 'heading', depth: 3, data: { label: '2.3' }, children: [text(heading)] } as ArticleRoot['children'][number], paragraph(before)]), style, metrics);
    const lines = runs(r).filter((b) => b.font === 'sans' && b.size === style.subheadingSize);
    const ys = [...new Set(lines.map((b) => b.y))].sort((a, b) => b - a);
    expect(ys.length).toBeGreaterThan(1);
    const startOf = (y: number) => Math.min(...lines.filter((b) => b.y === y).map((b) => b.x));
    const numberRun = lines.find((b) => b.text.startsWith('2.3'))!;
    // the second line starts where the words of the first do: after the number and its space
    expect(startOf(ys[1]!)).toBeCloseTo(numberRun.x + metrics.advance('sans', '2.3', style.subheadingSize) + style.subheadingSize, 1);
  });

  it('prints only the caption of an unlabelled table, marked （续） when continued', () => {
    const r = layout(crafted([tableNode('', '缩略语 Glossary', wideRows(70))]), style, metrics);
    const captions = runs(r)
      .filter((b) => b.tag === 'Table' && b.font === 'sans' && norm(b.text).startsWith('缩略语'))
      .map((b) => norm(b.text));
    expect(captions.length).toBeGreaterThanOrEqual(2);
    expect(captions[0]).toBe('缩略语Glossary');
    for (const c of captions.slice(1)) expect(c).toBe(norm('缩略语Glossary（续）'));
    // Centred on the caption alone: no em space before it.
    const first = runs(r).find((b) => b.tag === 'Table' && norm(b.text) === '缩略语Glossary')!;
    const width = metrics.advance('sans', '缩略语', 9) + metrics.advance('sans', 'Glossary', 9);
    const centre = leftMargin(style) + textWidth(style) / 2;
    expect(Math.abs(first.x + (width + (first.spacing ?? []).reduce((s, x) => s + x, 0)) / 2 - centre)).toBeLessThan(1);
    expectFloatsInFrames(r);
  });

  it('prints the fixed words given as labels', () => {
    const tree = crafted([
      paragraph(before),
      { type: 'figureFloat', identifier: 'F1', label: '圖1', caption: [text('示意')], children: [] },
      {
        type: 'referenceList',
        children: [{ type: 'referenceEntry', number: 1, identifier: 'ref-1', children: [text('Ameer MA, et al. Cureus, 2022.')] }],
      },
    ]);
    tree.data.meta.clc = ['R593'];
    tree.data.meta.documentCode = 'A';
    Object.assign(tree.data.meta, { accepted: '2023-11-20', funding: { zh: FUNDING_ZH }, authorNotes: { zh: NOTES_ZH } });
    const labels: Partial<LayoutLabels> = {
      abstract: '摘　要',
      keywords: '關鍵詞',
      clc: '中圖分類號',
      documentCode: '文獻標識碼',
      articleNumber: '文章編號',
      references: '參考文獻',
      received: '收稿日期X',
      accepted: '錄用日期',
      funding: '基金項目',
      authorNotes: '作者簡介',
      corresponding: '通訊作者',
      editor: '本文編輯',
      imageMissing: '（圖像未提供）',
      issue: '{year}年第{issue}期X',
    };
    const r = layout(tree, style, metrics, { labels });
    const all = norm(runs(r).map((b) => b.text).join(''));
    for (const v of Object.values(labels)) if (!v.includes('{')) expect(all).toContain(norm(v));
    expect(all).toContain('2024年第2期X');
    for (const v of ['关键词', '中图分类号', '文献标识码', '文章编号', '参考文献', '通信作者', '本文编辑', '（图像未提供）', '录用日期', '基金项目：', '作者简介：']) {
      expect(all).not.toContain(norm(v));
    }
    expect(r.outline.map((o) => o.title)).toContain('參考文獻');
    // The defaults stay as they were.
    const plain = norm(runs(layout(tree, style, metrics)).map((b) => b.text).join(''));
    for (const v of Object.values(defaultLabels)) {
      if (['abstractEn', 'keywordsEn', 'correspondingEn', 'continuedPrefix', 'continuedSuffix', 'issue', 'revised'].some((k) => defaultLabels[k as keyof LayoutLabels] === v)) continue;
      expect(plain).toContain(norm(v));
    }
  });

  it('sets short references with a hanging indent', () => {
    const entries = [
      'Ameer MA, et al. Cureus, 2022.',
      '中华医学会风湿病学分会，等. 中华风湿病学杂志，2022. 这是一条很长的参考文献条目，用于检验第二行与第一行的文字对齐而不是与编号对齐。',
    ];
    const tree = crafted([
      {
        type: 'referenceList',
        children: entries.map((e, i) => ({ type: 'referenceEntry' as const, number: i + 1, identifier: `ref-${i + 1}`, children: [text(e)] })),
      },
    ]);
    tree.data.meta.editor = undefined; // the list starts the body: columns start at the heading's top
    const r = layout(tree, style, metrics);
    const page = r.pages[0]!;
    const heading = page.destinations.find((d) => d.name === 'references')!;
    const x0 = leftMargin(style);
    const columns = [x0, x0 + columnWidth(style) + style.columnGapEms * style.bodySize];
    const labelW = page.destinations.find((d) => d.name === 'ref-1')!.x - heading.x;
    expect(labelW).toBeGreaterThan(style.referenceSize);
    // Everything in the reference size below the heading's top belongs to the list.
    const refRuns = page.boxes.filter(
      (b): b is GlyphRun => b.kind === 'text' && !b.tag && !b.artifact && b.size === style.referenceSize && b.y < heading.y + 0.01,
    );
    const column = (x: number) => (x < columns[1]! - 1 ? 0 : 1);
    const labels = refRuns.filter((b) => /^\[\d+\]$/.test(b.text));
    expect(labels.map((b) => b.text)).toEqual(['[1]', '[2]']);
    for (const l of labels) expect(l.x).toBeCloseTo(columns[column(l.x)]!, 1);
    // Every line, first or not, starts at the text edge right of the labels.
    const starts = new Map<string, number>();
    for (const b of refRuns) {
      if (labels.includes(b)) continue;
      const key = `${column(b.x)}:${b.y}`;
      starts.set(key, Math.min(starts.get(key) ?? Infinity, b.x));
    }
    expect(starts.size).toBeGreaterThanOrEqual(4);
    for (const [key, x] of starts) expect(x, key).toBeCloseTo(columns[Number(key[0])]! + labelW, 1);
  });
});

// ---------------------------------------------------------------- footnote and English captions

describe('the new metadata and caption fields on the page', () => {
  const before = '间充质干细胞是具有多谱系分化潜力的非造血干细胞，可以很容易从多种生物组织中分离和扩增。'.repeat(3);
  /** The first page's footnote text, in reading order. */
  const footnote = (r: LayoutResult) =>
    norm(
      r.pages[0]!.boxes
        .filter((b): b is GlyphRun => b.kind === 'text' && !b.tag && !b.artifact && b.size === style.footnoteSize)
        .map((b) => b.text)
        .join(''),
    );
  /** Baselines (PDF y) of a float's caption lines that contain `needle`. */
  const captionYs = (r: LayoutResult, tag: string, needle: string) =>
    runs(r)
      .filter((b) => b.tag === tag && b.font === 'sans' && b.size === style.smallSize && norm(b.text).includes(norm(needle)))
      .map((b) => b.y);

  it('prints the accepted date, the funding note and the author note in the first-page footnote', () => {
    const tree = crafted([paragraph(before)]);
    const plain = footnote(layout(tree, style, metrics));
    Object.assign(tree.data.meta, { accepted: '2023-11-20', funding: { zh: FUNDING_ZH, en: FUNDING_EN }, authorNotes: { zh: NOTES_ZH } });
    const r = layout(tree, style, metrics);
    const foot = footnote(r);
    expect(plain).not.toContain(norm('基金项目'));
    expect(foot).toContain(norm('收稿日期：2023-08-31；录用日期：2023-11-20'));
    expect(foot).toContain(norm(`基金项目：${FUNDING_ZH}`));
    expect(foot).toContain(norm(`作者简介：${NOTES_ZH}`));
    expect(foot).not.toContain(norm(FUNDING_EN));
    // Funding, then the notes, then the correspondence.
    expect(foot.indexOf(norm('基金项目'))).toBeLessThan(foot.indexOf(norm('作者简介')));
    expect(foot.indexOf(norm('作者简介'))).toBeLessThan(foot.indexOf(norm('通信作者')));
    expect(r.warnings).toEqual([]);
    expectFloatsInFrames(r);
  });

  it('prints an English funding note when there is no Chinese one', () => {
    const tree = crafted([paragraph(before)]);
    tree.data.meta.funding = { en: FUNDING_EN };
    expect(footnote(layout(tree, style, metrics))).toContain(norm(`基金项目：${FUNDING_EN}`));
  });

  it('prints the English caption line under the Chinese one, in the caption style', () => {
    const table = tableNode('表9', '短表', narrowRows(3));
    table.captionEn = [text('Table 9 A short table')];
    const figure: FigureFloat = { type: 'figureFloat', identifier: 'F1', label: '图1', caption: [text('示意')], captionEn: [text('Fig. 1 A sketch')], children: [] };
    const r = layout(crafted([paragraph(before), table, paragraph(before), figure, paragraph(before)]), style, metrics);
    for (const [tag, zh, en] of [['Table', '表9短表', 'Table 9 A short table'], ['Figure', '图1示意', 'Fig. 1 A sketch']] as const) {
      const [zhY] = captionYs(r, tag, zh);
      const [enY] = captionYs(r, tag, en);
      expect(zhY, tag).toBeDefined();
      expect(enY, tag).toBeDefined();
      const leading = style.smallSize * 1.45;
      expect(zhY! - enY!, tag).toBeCloseTo(leading, 3); // the next line down
    }
    // The table's English line sits above its top rule.
    const page = r.pages.find((p) => p.boxes.some((b) => b.tag === 'Table'))!;
    const top = Math.max(...page.boxes.filter((b) => b.kind === 'rule' && b.tag === 'Table').map((b) => extent(b).top));
    expect(captionYs(r, 'Table', 'Table 9')[0]!).toBeGreaterThan(top);
    expect(r.warnings).toEqual([]);
    expectFloatsInFrames(r);
  });
});
