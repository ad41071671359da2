import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile, copyFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildOne, plan } from '../pipeline/run.js';
import { STAGES } from '../pipeline/stages.js';
import { SEED_PATH } from './helpers/seed.js';

const MD = { formats: ['md' as const], variant: 'tw' as const };

describe('stage graph and cache', () => {
  it('plans only the stages a format needs, in graph order', () => {
    expect(plan(['md']).map((s) => s.name)).toEqual(['read', 'normalize', 'references', 'enrich', 'markdown']);
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
    const same = await buildOne(SEED_PATH, { ...all, pdf: { bodySize: 9 } }, { outDir: out });
    expect(same.stats.filter((s) => !s.cached).map((s) => s.stage)).toEqual([]);
  });
});
