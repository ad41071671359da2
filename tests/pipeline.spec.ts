import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, writeFile, copyFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildOne, plan } from '../pipeline/run.js';
import { STAGES } from '../pipeline/stages.js';
import { SEED_PATH } from './helpers/seed.js';

const MD = { formats: ['md' as const], variant: 'tw' as const };

describe('stage graph and cache', () => {
  it('plans only the stages a format needs, in graph order', () => {
    expect(plan(['md']).map((s) => s.name)).toEqual(['read', 'normalize', 'references', 'enrich', 'markdown', 'figures']);
    for (const s of STAGES) if (s.after) expect(STAGES.findIndex((x) => x.name === s.after)).toBeLessThan(STAGES.indexOf(s));
  });

  it('a second build with nothing changed does no stage work; --force redoes it', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'zhpub-cache-'));
    const first = await buildOne(SEED_PATH, MD, { outDir: out });
    expect(first.stats.every((s) => !s.cached)).toBe(true);
    const md1 = await readFile(path.join(first.outDir, 'article.md'), 'utf8');
    const second = await buildOne(SEED_PATH, MD, { outDir: out });
    expect(second.stats.filter((s) => !s.cached).map((s) => s.stage)).toEqual([]);
    expect(await readFile(path.join(second.outDir, 'article.md'), 'utf8')).toBe(md1);
    // Findings come back from the cache too.
    expect(second.file.messages.length).toBe(first.file.messages.length);
    expect(second.file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual(first.file.messages.map((m) => [m.ruleId, m.line, m.column]));
    const forced = await buildOne(SEED_PATH, MD, { outDir: out, force: true });
    expect(forced.stats.every((s) => !s.cached)).toBe(true);
  });

  it('a changed input reruns its stages', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zhpub-cache-'));
    const input = path.join(dir, 'a.txt');
    await copyFile(SEED_PATH, input);
    await buildOne(input, MD, { outDir: dir });
    await writeFile(input, (await readFile(input, 'utf8')).replace('小结与展望', '小结'));
    const again = await buildOne(input, MD, { outDir: dir });
    expect(again.stats.every((s) => !s.cached)).toBe(true);
    expect(await readFile(path.join(again.outDir, 'article.md'), 'utf8')).toContain('## 5 小结\n');
  });

  it('writes only below --out and leaves no temporary files', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'zhpub-out-'));
    await buildOne(SEED_PATH, MD, { outDir: out });
    const names = await readdir(path.join(out, '000_551b843f840d1098'));
    expect(names.sort()).toEqual(['article.md', 'report.json']);
    expect(names.some((n) => n.endsWith('.tmp'))).toBe(false);
  });
});

describe('JATS through the pipeline', () => {
  it('build writes a DTD-valid article.xml, and the JATS reads back to the same Markdown', async () => {
    const { validateJats } = await import('../src/jats/index.js');
    const out = await mkdtemp(path.join(os.tmpdir(), 'zhpub-jats-'));
    const r = await buildOne(SEED_PATH, { formats: ['md', 'jats'], variant: 'tw' }, { outDir: out });
    const xml = await readFile(path.join(r.outDir, 'article.xml'), 'utf8');
    const v = validateJats(xml);
    expect(v.errors).toEqual([]);
    expect(r.file.messages.filter((m) => m.ruleId?.startsWith('jats') && m.fatal === true)).toEqual([]);
    const again = await buildOne(path.join(r.outDir, 'article.xml'), { formats: ['md'], variant: 'tw' }, { outDir: path.join(out, 'from-jats') });
    const md = await readFile(path.join(r.outDir, 'article.md'), 'utf8');
    expect(await readFile(path.join(again.outDir, 'article.md'), 'utf8')).toBe(md);
  });
});

describe('reference exports through the pipeline', () => {
  it('build writes references.json (CSL-JSON in reference order), .bib and .ris', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'zhpub-refs-'));
    const r = await buildOne(SEED_PATH, { formats: ['refs'], variant: 'tw' }, { outDir: out });
    const items = JSON.parse(await readFile(path.join(r.outDir, 'references.json'), 'utf8'));
    expect(items).toHaveLength(51);
    expect(items.map((i: { id: string }) => i.id)).toEqual(Array.from({ length: 51 }, (_, k) => `ref-${k + 1}`));
    expect(items[2].author[0]).toEqual({ literal: '中华医学会风湿病学分会' });
    expect(items[3]).toMatchObject({ type: 'article-journal', 'container-title': 'Lupus Sci Med', volume: '9', issue: '1', page: 'e000704' });
    const bib = await readFile(path.join(r.outDir, 'references.bib'), 'utf8');
    expect(bib.match(/^@\w+\{/gm)).toHaveLength(51);
    const ris = await readFile(path.join(r.outDir, 'references.ris'), 'utf8');
    expect(ris.match(/^TY {2}- /gm)).toHaveLength(51);
    expect(ris.match(/^ER {2}- ?$/gm)).toHaveLength(51);
    // One line per tag: no folded values.
    expect(ris.split('\n').filter((l) => l && !/^[A-Z][A-Z0-9] {2}- /.test(l))).toEqual([]);
    expect(r.file.messages.filter((m) => m.fatal === true)).toEqual([]);
  });
});

describe('incremental PDF builds', () => {
  it('a changed PDF option reruns only the PDF stages', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'zhpub-pdfopt-'));
    const all = { formats: ['md', 'jats', 'pdf', 'refs'] as Array<'md' | 'jats' | 'pdf' | 'refs'>, variant: 'tw' as const };
    await buildOne(SEED_PATH, all, { outDir: out });
    const again = await buildOne(SEED_PATH, { ...all, pdf: { bodySize: 9 } }, { outDir: out });
    expect(again.stats.filter((s) => !s.cached).map((s) => s.stage)).toEqual(['pdf']);
    expect(again.stats.map((s) => s.stage)).toContain('house');
    const same = await buildOne(SEED_PATH, { ...all, pdf: { bodySize: 9 } }, { outDir: out });
    expect(same.stats.filter((s) => !s.cached).map((s) => s.stage)).toEqual([]);
  });
});

describe('figure images beside the input', () => {
  it('an image named <stem>.F1.png is used by the Markdown, the JATS and the PDF, and copied to the outputs', async () => {
    const { deflateSync } = await import('node:zlib');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zhpub-fig-'));
    await copyFile(SEED_PATH, path.join(dir, 'a.txt'));
    await writeFile(path.join(dir, 'a.F1.png'), tinyPng(deflateSync));
    const r = await buildOne(path.join(dir, 'a.txt'), { formats: ['md', 'jats', 'pdf'], variant: 'tw' }, { outDir: path.join(dir, 'out') });
    expect((await readdir(r.outDir)).sort()).toEqual(['article.md', 'article.pdf', 'article.xml', 'figures', 'report.json']);
    expect(await readdir(path.join(r.outDir, 'figures'))).toEqual(['a.F1.png']);
    expect(await readFile(path.join(r.outDir, 'article.md'), 'utf8')).toContain('![图1 MSCs的具体功能](figures/a.F1.png "本图由Figdraw绘制")');
    expect(await readFile(path.join(r.outDir, 'article.xml'), 'utf8')).toMatch(/<graphic[^>]*xlink:href="figures\/a\.F1\.png"/);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(await readFile(path.join(r.outDir, 'article.pdf'))), verbosity: 0 }).promise;
    let images = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const ops = await (await doc.getPage(p)).getOperatorList();
      images += ops.fnArray.filter((f: number) => f === pdfjs.OPS.paintImageXObject).length;
    }
    expect(images).toBe(1);
  });
});

describe('cached results and the images they read', () => {
  it('a changed image is read again on the next cached build', async () => {
    const { deflateSync } = await import('node:zlib');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zhpub-figcache-'));
    await writeFile(path.join(dir, 'a.txt'), '# 一种测试文章\n\n## 1 引言\n\n结构如图1所示。\n\n![](img/f.png)\n\n图1 结构示意图\n');
    await mkdir(path.join(dir, 'img'));
    const png = tinyPng(deflateSync);
    await writeFile(path.join(dir, 'img', 'f.png'), png);
    const formats = { formats: ['md' as const, 'pdf' as const], variant: 'tw' as const };
    await buildOne(path.join(dir, 'a.txt'), formats, { outDir: path.join(dir, 'out') });
    const same = await buildOne(path.join(dir, 'a.txt'), formats, { outDir: path.join(dir, 'out') });
    expect(same.stats.filter((s) => !s.cached).map((s) => s.stage)).toEqual([]);
    // The same image with a chunk added at its end: a new size, still a valid PNG.
    const bigger = Buffer.concat([png, png.subarray(png.length - 12)]);
    await writeFile(path.join(dir, 'img', 'f.png'), bigger);
    const again = await buildOne(path.join(dir, 'a.txt'), formats, { outDir: path.join(dir, 'out') });
    expect(again.stats.filter((s) => !s.cached).map((s) => s.stage).sort()).toEqual(['figures', 'pdf']);
    expect((await readFile(path.join(dir, 'out', 'a', 'figures', 'img', 'f.png'))).length).toBe(bigger.length);
  });
});

/** A 4×3 red PNG. */
function tinyPng(deflate: (b: Buffer) => Buffer): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(3, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows = Buffer.concat(Array.from({ length: 3 }, () => Buffer.from([0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 0])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflate(rows)), chunk('IEND', Buffer.alloc(0))]);
}

describe('configuration', () => {
  it('zhpub.config.json names the journal: JATS journal-meta and the Markdown front matter', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zhpub-config-'));
    const config = path.join(dir, 'zhpub.config.json');
    await writeFile(
      config,
      JSON.stringify({ journal: { title: { zh: '测试期刊', en: 'Journal of Tests' }, abbrev: 'J Tests', publisher: { zh: '测试出版社' }, volume: '18' } }),
    );
    const { main } = await import('../src/cli/main.js');
    let err = '';
    const code = await main(['build', SEED_PATH, '--out', dir, '--format', 'md,jats', '--config', config], { out: () => {}, err: (s) => (err += s) });
    expect(code).toBe(0);
    const xml = await readFile(path.join(dir, '000_551b843f840d1098', 'article.xml'), 'utf8');
    expect(xml).toContain('<journal-title xml:lang="zh">测试期刊</journal-title>');
    expect(xml).toContain('<trans-title>Journal of Tests</trans-title>');
    expect(xml).toContain('<publisher-name xml:lang="zh">测试出版社</publisher-name>');
    expect(xml).toContain('<volume>18</volume>');
    const { validateJats, fromJats } = await import('../src/jats/index.js');
    expect(validateJats(xml).errors).toEqual([]);
    expect(fromJats(xml).data.meta.journal).toEqual({ title: { zh: '测试期刊', en: 'Journal of Tests' }, abbrev: 'J Tests', publisher: { zh: '测试出版社' }, volume: '18' });
    expect(await readFile(path.join(dir, '000_551b843f840d1098', 'article.md'), 'utf8')).toMatch(/^---\nlang: zh\njournal:\n {2}title: 测试期刊\n {2}title-en: Journal of Tests\n {2}abbrev: J Tests\n {2}publisher: 测试出版社\n {2}volume: "18"\n/);
  });

  it('an invalid configuration is a usage error naming the field', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zhpub-config-'));
    const config = path.join(dir, 'bad.json');
    await writeFile(config, JSON.stringify({ journal: { title: { zh: '期刊' }, volume: 'x' }, colour: 'red' }));
    const { main } = await import('../src/cli/main.js');
    let err = '';
    const code = await main(['build', SEED_PATH, '--out', dir, '--config', config], { out: () => {}, err: (s) => (err += s) });
    expect(code).toBe(2);
    expect(err).toMatch(/config/);
    expect(err).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('streamed JSON arrays (batch report, --json findings)', () => {
  it('writes elements in index order whatever order they arrive in, as JSON.stringify would', async () => {
    const { OrderedJsonArray } = await import('../pipeline/io.js');
    const slots = [[{ a: 1, b: [1, 2] }], [], [{ c: 'x\ny' }, { d: null }], [{ e: { f: true } }]];
    let text = '';
    const arr = new OrderedJsonArray((t) => (text += t), 2);
    for (const i of [2, 0, 3, 1]) arr.add(i, slots[i]!);
    arr.end();
    expect(JSON.parse(text)).toEqual(slots.flat());
    const expected = JSON.stringify({ articles: slots.flat() }, null, 2);
    expect(`{\n  "articles": ${text}\n}`).toBe(expected);
    let empty = '';
    const none = new OrderedJsonArray((t) => (empty += t));
    none.end();
    expect(empty).toBe(JSON.stringify([], null, 2));
  });

  it('holds back elements until those before them have come', async () => {
    const { OrderedJsonArray } = await import('../pipeline/io.js');
    let text = '';
    const arr = new OrderedJsonArray((t) => (text += t));
    arr.add(1, ['second']);
    expect(text).toBe('[');
    arr.add(0, ['first']);
    arr.end();
    expect(JSON.parse(text)).toEqual(['first', 'second']);
  });
});

describe('read-only stages', () => {
  it('never change the tree they are given (run on deep-frozen trees)', async () => {
    const { VFile } = await import('vfile');
    const { seedModel } = await import('./helpers/seed.js');
    const { withHouseStyle } = await import('../pipeline/pdf-options.js');
    const deepFreeze = <T>(value: T): T => {
      if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
      }
      return value;
    };
    const enriched = seedModel().tree;
    const house = await withHouseStyle(structuredClone(enriched));
    const readOnly = STAGES.filter((s) => s.readOnly);
    expect(readOnly.map((s) => s.name).sort()).toEqual(['figures', 'handout-md', 'handout-pdf', 'jats', 'markdown', 'pdf', 'refs']);
    for (const stage of readOnly) {
      const tree = deepFreeze(structuredClone(stage.after === 'house' ? house : enriched));
      const file = new VFile({ path: SEED_PATH });
      const options = { formats: ['md', 'jats', 'pdf', 'handout', 'refs'] as const, variant: 'tw' as const };
      const result = await stage.run({ tree, kind: 'text' }, { file, inputPath: SEED_PATH, options: { ...options, formats: [...options.formats] } });
      expect(result.files?.length ?? 0, stage.name).toBeGreaterThanOrEqual(stage.name === 'figures' ? 0 : 1);
    }
  });
});
