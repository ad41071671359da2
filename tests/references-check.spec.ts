import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { severityOf } from '../src/findings/index.js';
import { emptyMeta } from '../src/model/meta.js';
import type { Citation, ReferenceEntry, ReferenceList } from '../src/model/types.js';
import { parseCitationLabel } from '../src/model/util.js';
import {
  authorMentions,
  checkReferences,
  entryCsl,
  journalsNearEqual,
  pagesProblem,
  referenceItems,
  referencesStage,
} from '../src/references/check.js';
import type { CslItem } from '../src/references/csl.js';
import { parseReference } from '../src/references/parse.js';

const here = dirname(fileURLToPath(import.meta.url));

// --- building trees by hand ------------------------------------------------

type Pos = NonNullable<Text['position']>;
const pos = (line: number, column = 1, length = 10): Pos => ({
  start: { line, column, offset: 0 },
  end: { line, column: column + length, offset: 0 },
});
const text = (value: string, line: number, column = 1): Text => ({ type: 'text', value, position: pos(line, column, value.length) });
const cite = (numbers: number[], line: number, column = 30): Citation => ({ type: 'citation', numbers, children: [], position: pos(line, column, 6) });
const para = (line: number, ...parts: (string | number[])[]): Paragraph => {
  let column = 1;
  const children: PhrasingContent[] = parts.map((p) => {
    const node = typeof p === 'string' ? text(p, line, column) : cite(p, line, column);
    column += typeof p === 'string' ? p.length : 6;
    return node;
  });
  return { type: 'paragraph', children, position: pos(line, 1, column) };
};
const entry = (n: number, ref: string, line: number): ReferenceEntry => ({
  type: 'referenceEntry',
  number: n,
  identifier: `ref-${n}`,
  children: [text(ref, line, 5)],
  position: pos(line, 1, ref.length + 4),
});
const refList = (firstLine: number, refs: string[]): ReferenceList => ({
  type: 'referenceList',
  children: refs.map((r, i) => entry(i + 1, r, firstLine + i)),
});
const tree = (children: RootContent[], year = 2024): Root => ({
  type: 'root',
  children,
  data: {
    meta: {
      ...emptyMeta(),
      articleNumber: { text: `2095-9664(${year})02-0075-06`, issn: '2095-9664', year, issue: 2, firstPage: 75, pageCount: 6, lastPage: 80 },
    },
  },
});

const REF1 = 'Kamen DL, Wallace C, Li Z, et al. Safety, immunological effects and clinical response[J]. Lupus Sci Med, 2022, 9(1):e000704.';
const REF2 = '马琳洁, 薛文涛, 谭举朋. 诱导性多能干细胞移植治疗小鼠系统性红斑狼疮[J]. 中国组织工程研究, 2019, 23(33):5286-5292.';
const REF3 = '王颖翠. 人脐带间充质干细胞制备及治疗系统性红斑狼疮的临床研究[D]. 昆明: 昆明医科大学, 2019.';

function run(t: Root): VFile {
  const file = new VFile({ path: 'article.md' });
  referencesStage(t, file);
  return file;
}
const rules = (file: VFile) => file.messages.map((m) => m.ruleId);
const only = (file: VFile, ruleId: string) => file.messages.filter((m) => m.ruleId === ruleId);

function cleanTree(): Root {
  return tree([
    para(1, 'Kamen 等', [1], '报道了安全性。马琳洁等', [2], '在小鼠中验证', [2, 3], '。'),
    refList(10, [REF1, REF2, REF3]),
  ]);
}

describe('the references stage on a clean tree', () => {
  it('reports nothing', () => {
    const file = run(cleanTree());
    expect(file.messages.map((m) => `${m.ruleId}: ${m.reason}`)).toEqual([]);
  });

  it('stores the CSL item on each entry and returns them by number', () => {
    const t = cleanTree();
    const items = referencesStage(t, new VFile());
    const entries = (t.children[1] as ReferenceList).children;
    expect(entryCsl(entries[0]!)).toMatchObject({ id: 'ref-1', 'container-title': 'Lupus Sci Med', page: 'e000704' });
    expect(entryCsl(entries[2]!)).toMatchObject({ id: 'ref-3', type: 'thesis', publisher: '昆明医科大学' });
    expect([...items.keys()]).toEqual([1, 2, 3]);
    expect(referenceItems(t)).toEqual(items);
  });
});

describe('each rule fires on a tree that breaks it', () => {
  it('cite-unresolved (error) at the citation', () => {
    const file = run(tree([para(1, 'A', [1, 2, 3], 'B', [4]), refList(10, [REF1, REF2, REF3])]));
    const found = only(file, 'cite-unresolved');
    expect(found).toHaveLength(1);
    expect(severityOf(found[0]!)).toBe('error');
    expect(found[0]!.reason).toContain('[4]');
    expect([found[0]!.line, found[0]!.column]).toEqual([1, 9]);
  });

  it('ref-uncited at the entry: a warning when the citations were read, info when most are missing', () => {
    const refs = Array.from({ length: 10 }, (_, k) => [REF1, REF2, REF3][k % 3]!);
    const file = run(tree([para(1, 'A', [1, 2, 3, 4, 5, 6, 7, 8, 9]), refList(10, refs)]));
    expect(only(file, 'ref-uncited').map((m) => [m.line, severityOf(m)])).toEqual([[19, 'warning']]);
    const few = run(tree([para(1, 'A', [1, 2]), refList(10, [REF1, REF2, REF3])]));
    expect(only(few, 'ref-uncited').map((m) => [m.line, severityOf(m)])).toEqual([[12, 'info']]);
    // `[0]` in the text is `[10]` misread: the uncited reference may be cited after all.
    const misread = run(tree([para(1, 'A', [1, 2, 3, 4, 5, 6, 7, 8, 9], '探索[0]。'), refList(10, refs)]));
    expect(only(misread, 'ref-uncited').map((m) => [m.line, severityOf(m)])).toEqual([[19, 'info']]);
  });

  it('cite-order when a lower number is first cited after a higher one', () => {
    const file = run(tree([para(1, 'A', [2], 'B', [1, 3]), refList(10, [REF1, REF2, REF3])]));
    const found = only(file, 'cite-order');
    expect(found).toHaveLength(1);
    expect(found[0]!.reason).toMatch(/\[1\].*\[2\]/);
    expect(only(run(cleanTree()), 'cite-order')).toEqual([]);
  });

  it('ref-duplicate for the same work twice', () => {
    const dup = REF1.replace('Safety, immunological', 'Safety,  Immunological');
    const file = run(tree([para(1, 'A', [1, 2, 3, 4]), refList(10, [REF1, REF2, REF3, dup])]));
    const found = only(file, 'ref-duplicate');
    expect(found.map((m) => [m.line, m.reason])).toEqual([[13, 'Reference [4] repeats reference [1]']]);
  });

  it('ref-duplicate by DOI', () => {
    const a = 'Doe J. One title[J]. J Things, 2020, 1(1):1-2. DOI:10.1000/abc.';
    const b = 'Doe J. Another title[J]. J Things, 2020, 1(1):1-2. DOI:10.1000/ABC.';
    expect(only(run(tree([para(1, 'A', [1, 2]), refList(10, [a, b])])), 'ref-duplicate')).toHaveLength(1);
  });

  it('ref-field-missing per type', () => {
    const noPages = 'Kamen DL, Wallace C. Safety[J]. Lupus Sci Med, 2022, 9(1).';
    const noPublisher = '王颖翠. 临床研究[D]. 2019.';
    const file = run(tree([para(1, 'A', [1, 2]), refList(10, [noPages, noPublisher])]));
    expect(only(file, 'ref-field-missing').map((m) => [m.line, m.reason])).toEqual([
      [10, 'Reference [1] (article-journal) lacks pages or article number'],
      [11, 'Reference [2] (thesis) lacks publisher'],
    ]);
  });

  it('ref-pages-invalid for a range that runs backwards', () => {
    const bad = 'Kim J, Hematti P. Educated macrophages[J]. Exper Hemat, 2009, 37(12):1453-1445.';
    const file = run(tree([para(1, 'A', [1]), refList(10, [bad])]));
    expect(only(file, 'ref-pages-invalid').map((m) => m.line)).toEqual([10]);
  });

  it('ref-year-implausible after the article year or before 1800', () => {
    const later = 'Doe J. Future work[J]. J Things, 2025, 1(1):1-2.';
    const early = 'Doe J. Old work[J]. J Things, 1750, 1(1):1-2.';
    const file = run(tree([para(1, 'A', [1, 2, 3]), refList(10, [later, early, REF1])], 2024));
    expect(only(file, 'ref-year-implausible').map((m) => [m.line, m.reason])).toEqual([
      [10, 'Reference [1] is dated 2025, later than the article (2024)'],
      [11, 'Reference [2] is dated 1750, before 1800'],
    ]);
  });

  it('cite-author-mismatch when the named author is not the first author', () => {
    const file = run(tree([para(1, '此外，Wallace等', [1], '发现。薛文涛等', [2], '亦然。', [3]), refList(10, [REF1, REF2, REF3])]));
    const found = only(file, 'cite-author-mismatch');
    expect(found.map((m) => m.reason)).toEqual([
      '“Wallace” is named before citation [1], whose first author is Kamen DL',
      '“薛文涛” is named before citation [2], whose first author is 马琳洁',
    ]);
    expect(found.map((m) => m.line)).toEqual([1, 1]);
    // `Zhou et al.` and `Zhou 等` forms, and words that are not names, stay silent
    const fine = run(tree([para(1, 'As Kamen et al.', [1], ' showed, MSCs等', [2], '和Beclin1等', [3]), refList(10, [REF1, REF2, REF3])]));
    expect(only(fine, 'cite-author-mismatch')).toEqual([]);
  });

  it('ref-journal-inconsistent for one journal written two ways', () => {
    const a = 'Karrar S, Cunninghame Graham DS. Abnormal B cells[J]. Arthritis Rheum, 2018, 70(4):496-507.';
    const b = 'Schena F, Gambini C. Interferon-γ dependent inhibition[J]. Arthritis Rheumatol, 2010, 62(9):2776-2786.';
    const c = 'Yang C, Sun J. Immunomodulatory effect[J]. Front Immunol, 2021, 12:714832.';
    const d = 'Tan N, Xin W. Stroke[J]. Front Neurol, 2022, 13:1048113.';
    const file = run(tree([para(1, 'A', [1, 2, 3, 4]), refList(10, [a, b, c, d])]));
    const found = only(file, 'ref-journal-inconsistent');
    expect(found.map((m) => [m.line, m.reason])).toEqual([
      [11, 'Journal “Arthritis Rheumatol” in reference [2] looks like “Arthritis Rheum” in reference [1]; write one journal one way'],
    ]);
  });

  it('ref-parse (info: the reading failed, not the source) for an entry whose structure cannot be read', () => {
    const file = run(tree([para(1, 'A', [1, 2]), refList(10, [REF1, '见前文所述的资料'])]));
    const found = only(file, 'ref-parse');
    expect(found.map((m) => [m.line, severityOf(m)])).toEqual([[11, 'info']]);
    expect(found[0]!.reason).toContain('no document-type code');
    const partial = run(tree([para(1, 'A', [1])]));
    expect(rules(partial)).toEqual(['cite-unresolved']);
    const half = run(tree([para(1, 'A', [1]), refList(10, ['Kamen DL. Safety[J]. Lupus Sci Med'])]));
    expect(rules(half).sort()).toEqual(['ref-field-missing', 'ref-field-missing', 'ref-field-missing', 'ref-parse']);
  });

  it('checkReferences works on items supplied by the caller', () => {
    const t = tree([para(1, 'A', [1])]);
    const items = new Map<number, CslItem>([[1, parseReference(REF1, 'ref-1').item]]);
    const file = new VFile();
    checkReferences(t, file, items);
    expect(file.messages).toEqual([]);
  });
});

describe('helpers', () => {
  it('pagesProblem', () => {
    for (const ok of ['1-8', 'e000704', '772', '963689720954140', '1.1-1.36', '011-012', 'S12-S15', '1445-53', '12, 15-17', 'xii-xv'])
      expect(pagesProblem(ok), ok).toBeUndefined();
    for (const bad of ['1453-1445', '12--', 'pages', '1-2-3', '']) expect(pagesProblem(bad), bad).toBeDefined();
  });

  it('journalsNearEqual', () => {
    expect(journalsNearEqual('Arthritis Rheum', 'Arthritis Rheumatol')).toBe(true);
    expect(journalsNearEqual('Exper Hemat', 'Exp Hematol')).toBe(true);
    expect(journalsNearEqual('Stem Cell Res Ther', 'Stem cell res. ther.')).toBe(true);
    expect(journalsNearEqual('中华风湿病学杂志', '中华风湿病杂志')).toBe(true);
    expect(journalsNearEqual('Front Immunol', 'Front Neurol')).toBe(false);
    expect(journalsNearEqual('Cell', 'Cells')).toBe(false);
    expect(journalsNearEqual('J Immunol', 'J Immunol Res')).toBe(false);
    expect(journalsNearEqual('中华内科杂志', '中华外科杂志')).toBe(false);
    expect(journalsNearEqual('东南大学学报(医学版)', '江苏大学学报(医学版)')).toBe(false);
  });
});

// --- the seed article, as a tree built here from its text -------------------

const seedPath = resolve(here, '..', '..', 'shared', 'seed', '000_551b843f840d1098.txt');

/** Paragraphs with citation nodes from the seed body, and the reference list from the normalized fixture. */
function seedTree(): Root {
  const src = readFileSync(seedPath, 'utf8');
  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === '\n') lineStarts.push(i + 1);
  const point = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return { line: line + 1, column: offset - lineStarts[line]! + 1, offset };
  };
  const span = (a: number, b: number) => ({ start: point(a), end: point(b) });
  const bodyEnd = src.indexOf('\n参考文献');
  const children: RootContent[] = [];
  for (const block of src.slice(0, bodyEnd).matchAll(/[^\n]+/g)) {
    const start = block.index!;
    const value = block[0];
    const parts: PhrasingContent[] = [];
    let last = 0;
    for (const m of value.matchAll(/\^\[([^\]]+)\]/g)) {
      if (m.index! > last) parts.push({ type: 'text', value: value.slice(last, m.index), position: span(start + last, start + m.index!) });
      const numbers = parseCitationLabel(m[1]!) ?? [];
      parts.push({ type: 'citation', numbers, children: [], position: span(start + m.index!, start + m.index! + m[0].length) });
      last = m.index! + m[0].length;
    }
    if (last < value.length) parts.push({ type: 'text', value: value.slice(last), position: span(start + last, start + value.length) });
    children.push({ type: 'paragraph', children: parts, position: span(start, start + value.length) });
  }
  const normalized = readFileSync(join(here, 'fixtures', 'seed-references.txt'), 'utf8').split('\n').filter((l) => l.trim());
  const entries: ReferenceEntry[] = normalized.map((ref, i) => {
    const at = src.indexOf(`- [${i + 1}] `);
    return {
      type: 'referenceEntry',
      number: i + 1,
      identifier: `ref-${i + 1}`,
      children: [{ type: 'text', value: ref, position: span(at + 2, at + 2 + ref.length) }],
      position: span(at, at + ref.length),
    };
  });
  children.push({ type: 'referenceList', children: entries, position: span(bodyEnd + 1, src.length) });
  return tree(children, 2024);
}

describe.skipIf(!existsSync(seedPath))('the seed article (../shared/seed)', () => {
  it('has no error findings and no warnings', () => {
    const t = seedTree();
    const file = run(t);
    expect(file.messages.filter((m) => m.fatal === true)).toEqual([]);
    expect(file.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.reason}`)).toEqual([]);
  });

  it('checks the four “X等” mentions and finds them matching', () => {
    const t = seedTree();
    const items = referencesStage(t, new VFile());
    const mentions = authorMentions(t, items);
    expect(mentions.map((m) => [m.name, m.numbers, m.firstAuthors, m.matched])).toEqual([
      ['Cahill', [12], ['Cahill EF'], true],
      ['Zhang', [35], ['Zhang M'], true],
      ['Zhou', [43], ['Zhou T'], true],
      ['Liang', [46], ['Liang J'], true],
    ]);
  });
});

if (!existsSync(seedPath)) console.warn('references-check.spec: ../shared/seed is absent; the seed-article checks are skipped');

describe('structured inputs are not re-parsed', () => {
  it('a JATS element-citation whose year was edited keeps the edit in references.json, the Markdown and the PDF', async () => {
    const { buildOne } = await import('../pipeline/run.js');
    const { mkdtemp, readFile, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { SEED_PATH } = await import('./helpers/seed.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zhpub-jatsref-'));
    const seed = await buildOne(SEED_PATH, { formats: ['jats', 'md'], variant: 'tw' }, { outDir: path.join(dir, 'seed'), cache: false });
    const xml = await readFile(path.join(seed.outDir, 'article.xml'), 'utf8');
    const first = /<element-citation[\s\S]*?<\/element-citation>/.exec(xml)![0];
    const year = /<year>(\d{4})<\/year>/.exec(first)![1]!;
    const edited = xml.replace(first, first.replace(`<year>${year}</year>`, '<year>1999</year>'));
    await writeFile(path.join(dir, 'edited.xml'), edited);
    const r = await buildOne(path.join(dir, 'edited.xml'), { formats: ['refs', 'md', 'pdf'], variant: 'tw' }, { outDir: path.join(dir, 'out'), cache: false });
    const items = JSON.parse(await readFile(path.join(r.outDir, 'references.json'), 'utf8')) as Array<{ issued?: { 'date-parts': number[][] } }>;
    expect(items[0]!.issued!['date-parts'][0]![0]).toBe(1999);
    // Only the edited entry is printed anew, with a finding; the others keep their printed text.
    const regenerated = r.file.messages.filter((m) => m.ruleId === 'ref-printed-regenerated');
    expect(regenerated.map((m) => m.reason.slice(0, 14))).toEqual(['Reference [1]:']);
    const md = await readFile(path.join(r.outDir, 'article.md'), 'utf8');
    const entries = md.slice(md.lastIndexOf('参考文献')).split('\n').filter((l) => /^\d+\.\s/.test(l));
    expect(entries[0]).toContain('1999');
    expect(entries[0]).not.toContain(year);
    const seedEntries = (await readFile(path.join(seed.outDir, 'article.md'), 'utf8')).split('\n').filter((l) => /^\d+\.\s/.test(l));
    expect(entries.slice(1, 5)).toEqual(seedEntries.slice(-entries.length + 1).slice(0, 4));
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = new Uint8Array(await readFile(path.join(r.outDir, 'article.pdf')));
    const doc = await pdfjs.getDocument({ data: pdf, disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
    }
    await doc.destroy();
    const squashed = text.replace(/\s+/g, '');
    const refs = squashed.slice(squashed.lastIndexOf('参考文献'));
    const firstEntry = refs.slice(refs.indexOf('[1]'), refs.indexOf('[2]'));
    expect(firstEntry).toContain('1999');
    expect(firstEntry).not.toContain(year);
  });
});
