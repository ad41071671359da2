/**
 * Untrusted input, the cases that are not about XML, images or batches (see
 * security.xml / security.images / security.batch): control characters,
 * encodings, sizes, unsafe links, long text, output folders, whole output
 * sets and damaged cache entries. Every input is generated here.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import { decode, DecodeError, MAX_INPUT_CHARS } from '../src/decode/index.js';
import { buildOne } from '../pipeline/run.js';
import { cleanLeftovers, writeOutputSet } from '../pipeline/io.js';
import { unsafeUrlReason } from '../src/text/urls.js';
import { paragraphPieces } from '../src/layout/chunks.js';
import { MappedString } from '../src/normalize/mapped.js';
import { SEED_PATH, SEED_TEXT } from './helpers/seed.js';

const MD_JATS = { formats: ['md', 'jats'] as Array<'md' | 'jats'>, variant: 'tw' as const };

async function tmp(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'zhpub-sec-'));
}

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') });
  return { code, out, err };
}

const ARTICLE = ['# 一种测试文章的标题', '', '## 1 引言', '', '这是第一段正文，讨论了测试方法。', '', '## 2 方法', '', '这是第二段正文。', ''].join('\n');

describe('control characters: one rule wherever they occur', () => {
  it('a NUL near the start and one far into the file are both removed with a finding at their line', () => {
    const text = `${ARTICLE.slice(0, 10)}\u0000${ARTICLE.slice(10)}${'补充段落。\n\n'.repeat(3000)}尾\u0000段\n`;
    const d = decode(Buffer.from(text, 'utf8'));
    expect(d.text.includes('\u0000')).toBe(false);
    expect(d.removed.map((r) => r.code)).toEqual([0, 0]);
    expect(d.text.slice(d.removed[1]!.offset - 1, d.removed[1]!.offset + 1)).toBe('尾段');
  });

  it('a file of mostly controls is binary, wherever the controls are', () => {
    const tail = Buffer.concat([Buffer.from(`${ARTICLE}${'正文。'.repeat(4000)}`, 'utf8'), Buffer.alloc(2000, 0)]);
    expect(() => decode(tail)).toThrow(/binary/);
  });

  it('the findings of a build quote the removal and name its line', async () => {
    const dir = await tmp();
    const input = path.join(dir, 'a.txt');
    await writeFile(input, ARTICLE.replace('第一段', '第\u0001一段'));
    const r = await buildOne(input, MD_JATS, { outDir: path.join(dir, 'out'), cache: false });
    const found = r.file.messages.filter((m) => m.ruleId === 'char-control');
    expect(found.map((m) => [m.line, m.fatal])).toEqual([[5, false]]);
    expect(await readFile(path.join(r.outDir, 'article.md'), 'utf8')).toContain('这是第一段正文');
  });
});

describe('encodings and sizes', () => {
  it('UTF-16 with a lone surrogate decodes with U+FFFD and a finding, not an exception', async () => {
    const body = Buffer.from(ARTICLE, 'utf16le');
    const bad = Buffer.concat([Buffer.from([0xff, 0xfe]), body.subarray(0, 20), Buffer.from([0x00, 0xd8]), body.subarray(20)]);
    const dir = await tmp();
    const input = path.join(dir, 'u16.txt');
    await writeFile(input, bad);
    const r = await buildOne(input, MD_JATS, { outDir: path.join(dir, 'out'), cache: false });
    expect(r.file.messages.filter((m) => m.ruleId === 'decode-invalid-replaced')).toHaveLength(1);
  });

  it('errors name the file: binary, empty, oversized, not an ordinary file', async () => {
    const dir = await tmp();
    const bin = path.join(dir, 'b.txt');
    await writeFile(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const empty = path.join(dir, 'e.txt');
    await writeFile(empty, '');
    const big = path.join(dir, 'big.txt');
    await writeFile(big, Buffer.alloc(3 * 1024 * 1024, 0x41));
    const folder = path.join(dir, 'f.txt');
    await mkdir(folder);
    for (const input of [bin, empty, big, folder]) {
      const r = await run(['build', input, '--out', path.join(dir, 'out'), '--format', 'md']);
      expect(r.code).toBe(2);
      expect(r.err).toContain(input);
    }
  });

  it('more characters than the limit are refused with a clear reason', () => {
    expect(() => decode(Buffer.from('中'.repeat(MAX_INPUT_CHARS + 1), 'utf8'), Infinity)).toThrow(DecodeError);
  });
});

describe('links', () => {
  it('only http, https, mailto, ftp, doi and relative addresses are safe', () => {
    for (const ok of ['https://doi.org/10.1/x', 'http://a.cn', 'mailto:a@b.cn', 'ftp://f.cn/x', 'doi:10.1000/1', '#sec1', 'a/b.html']) expect(unsafeUrlReason(ok)).toBeNull();
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:x', 'java\tscript:x', ' data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '//evil.example/x']) {
      expect(unsafeUrlReason(bad)).not.toBeNull();
    }
  });

  it('unsafe links in a JATS input and in our Markdown do not reach the outputs; their text stays', async () => {
    const dir = await tmp();
    const seed = await buildOne(SEED_PATH, MD_JATS, { outDir: path.join(dir, 'seed'), cache: false });
    const md = await readFile(path.join(seed.outDir, 'article.md'), 'utf8');
    const jats = await readFile(path.join(seed.outDir, 'article.xml'), 'utf8');
    const hostileMd = md.replace('## 1', '正文见[点击这里](javascript:alert(1))和[数据](data:text/html;base64,PHNjcmlwdD4=)。\n\n## 1');
    const body = jats.indexOf('<body>');
    const hostileJats =
      jats.slice(0, body) +
      jats
        .slice(body)
        .replace(
          /<\/p>/,
          '<ext-link ext-link-type="uri" xlink:href="vbscript:msgbox(1)">链接一</ext-link><ext-link ext-link-type="uri" xlink:href="file:///etc/passwd">链接二</ext-link></p>',
        );
    await writeFile(path.join(dir, 'h.md'), hostileMd);
    await writeFile(path.join(dir, 'h.xml'), hostileJats);
    for (const name of ['h.md', 'h.xml']) {
      const r = await buildOne(path.join(dir, name), MD_JATS, { outDir: path.join(dir, 'out', name), cache: false });
      expect(r.file.messages.filter((m) => m.ruleId === 'link-unsafe').length).toBe(2);
      for (const f of r.files) {
        const text = typeof f.data === 'string' ? f.data : '';
        expect(text).not.toMatch(/javascript:|data:text|vbscript:|file:\/\//);
      }
      const outMd = r.files.find((f) => f.name === 'article.md')!.data as string;
      expect(outMd).toMatch(name === 'h.md' ? /点击这里/ : /链接一/);
    }
  });
});

describe('long text', () => {
  it('joining mapped strings of millions of characters does not use the stack', () => {
    const big = new MappedString('中'.repeat(3_000_000), 0);
    const joined = MappedString.concat([big, new MappedString('文', 3_000_000)]);
    expect(joined.map.length).toBe(3_000_002);
    expect(joined.map[3_000_000]).toBe(3_000_000);
  });

  it('a paragraph of 130,000 characters builds Markdown and JATS', async () => {
    const dir = await tmp();
    const input = path.join(dir, 'long.txt');
    await writeFile(input, `# 长段落\n\n${'中文测试，'.repeat(26_000)}\n`);
    const r = await buildOne(input, MD_JATS, { outDir: path.join(dir, 'out'), cache: false });
    expect((await readFile(path.join(r.outDir, 'article.md'), 'utf8')).length).toBeGreaterThan(130_000);
  });

  it('a very long paragraph is set in pieces that end at sentence ends and keep every character', () => {
    const text = '这是一句话。'.repeat(5000);
    const pieces = paragraphPieces([{ kind: 'text', text, style: { font: 'serif', size: 10 } }], 6000);
    const texts = pieces.map((p) => p.map((i) => (i.kind === 'text' ? i.text : '')).join(''));
    expect(texts.join('')).toBe(text);
    expect(texts.length).toBeGreaterThan(4);
    for (const t of texts.slice(0, -1)) expect(t.endsWith('。')).toBe(true);
  });
});

describe('output folders', () => {
  it('targets that are not ordinary folders are refused at once', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'file');
    await writeFile(file, 'x');
    for (const out of ['/proc/zhpub-nowhere', '/dev/null', file, path.join(file, 'sub')]) {
      const started = Date.now();
      const r = await run(['build', SEED_PATH, '--out', out, '--format', 'md']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/output folder/);
      expect(Date.now() - started).toBeLessThan(3000);
    }
  });
});

describe('whole output sets', () => {
  it('a failed write leaves the previous set whole, and no staging folder', async () => {
    const out = await tmp();
    writeOutputSet(out, 'a', [
      { name: 'article.md', data: 'old md' },
      { name: 'article.xml', data: 'old xml' },
    ]);
    expect(() => writeOutputSet(out, 'a', [{ name: 'article.md', data: 'new md' }, { name: 'bad\u0000name', data: 'x' }])).toThrow();
    expect(await readFile(path.join(out, 'a', 'article.md'), 'utf8')).toBe('old md');
    expect(await readFile(path.join(out, 'a', 'article.xml'), 'utf8')).toBe('old xml');
    expect(readdirSync(out)).toEqual(['a']);
  });

  it('a new set replaces the old one whole: no file of the old set survives', async () => {
    const out = await tmp();
    writeOutputSet(out, 'a', [{ name: 'article.md', data: 'old' }, { name: 'figures/x.png', data: 'old image' }]);
    writeOutputSet(out, 'a', [{ name: 'article.md', data: 'new' }]);
    expect(readdirSync(path.join(out, 'a'))).toEqual(['article.md']);
  });

  it('leftovers of a build killed mid-way are cleaned by the next; a set retired before the swap comes back', async () => {
    const out = await tmp();
    const dead = 2 ** 22 + 12345; // above the default pid_max of 4194304: no such process
    await mkdir(path.join(out, `.a.new-${dead}-1`));
    await writeFile(path.join(out, `.a.new-${dead}-1`, 'article.md'), 'half');
    await mkdir(path.join(out, `.a.old-${dead}-1`));
    await writeFile(path.join(out, `.a.old-${dead}-1`, 'article.md'), 'previous');
    await mkdir(path.join(out, '.cache'));
    await writeFile(path.join(out, '.cache', `k.json.${dead}.1.tmp`), '{');
    await writeFile(path.join(out, `report.json.${dead}.2.tmp`), '[');
    cleanLeftovers(out, 'a');
    expect(readdirSync(out).sort()).toEqual(['.cache', 'a']);
    expect(await readFile(path.join(out, 'a', 'article.md'), 'utf8')).toBe('previous');
    expect(readdirSync(path.join(out, '.cache'))).toEqual([]);
  });
});

describe('cache entries are checked on read', () => {
  async function cachedBuild() {
    const dir = await tmp();
    const input = path.join(dir, 'a.txt');
    await writeFile(input, SEED_TEXT);
    const outDir = path.join(dir, 'out');
    const formats = { formats: ['md', 'pdf'] as Array<'md' | 'pdf'>, variant: 'tw' as const };
    const first = await buildOne(input, formats, { outDir });
    const cache = path.join(outDir, '.cache');
    return { input, outDir, formats, first, cache, entries: readdirSync(cache) };
  }

  it('an entry overwritten with {} , a garbled .bin and an edited tree are recomputed with an info finding', async () => {
    const { input, outDir, formats, first, cache, entries } = await cachedBuild();
    const json = entries.filter((n) => /^[0-9a-f]{32}\.json$/.test(n));
    // The Markdown stage's entry (it names article.md) becomes {}; the PDF's binary data is garbled;
    // every cached tree is edited (the Markdown stage, computed again, reads its upstream tree).
    const markdownEntry = json.find((n) => readFileSync(path.join(cache, n), 'utf8').includes('"name":"article.md"'))!;
    await writeFile(path.join(cache, markdownEntry), '{}');
    const bin = entries.find((n) => n.endsWith('.bin'))!;
    const garbled = await readFile(path.join(cache, bin));
    garbled[Math.floor(garbled.length / 2)] ^= 0xff;
    await writeFile(path.join(cache, bin), garbled);
    for (const tree of entries.filter((n) => n.endsWith('.tree.json'))) {
      await writeFile(path.join(cache, tree), (await readFile(path.join(cache, tree), 'utf8')).replace(/"value":"[^"]*"/, '"value":"篡改"'));
    }
    const again = await buildOne(input, formats, { outDir });
    const invalid = again.file.messages.filter((m) => m.ruleId === 'cache-entry-invalid');
    expect(invalid.map((m) => m.reason)).toEqual([
      expect.stringMatching(/^Cached result of the markdown stage is damaged \(field tree: .*\); computed again$/),
      expect.stringMatching(/^Cached result of the \w+ stage is damaged \(its tree does not match its hash\); computed again$/),
    ]);
    expect(invalid.every((m) => m.fatal === undefined)).toBe(true);
    const pdf = (r: typeof first) => Buffer.from(r.files.find((f) => f.name === 'article.pdf')!.data as Uint8Array);
    expect(garbled.includes(pdf(again))).toBe(false);
    const { PDFDocument } = await import('pdf-lib');
    expect((await PDFDocument.load(pdf(again))).getPageCount()).toBe((await PDFDocument.load(pdf(first))).getPageCount());
    expect(await readFile(path.join(outDir, 'a', 'article.md'), 'utf8')).not.toContain('篡改');
    // Recomputed entries are good again: the third build uses them silently.
    const third = await buildOne(input, formats, { outDir });
    expect(third.file.messages.some((m) => m.ruleId === 'cache-entry-invalid')).toBe(false);
    expect(existsSync(path.join(outDir, 'a', 'article.pdf'))).toBe(true);
    expect((await readdir(path.join(outDir, 'a'))).sort()).toEqual(['article.md', 'article.pdf', 'report.json']);
  });
});

describe('bounded work on crafted structure', () => {
  it('block quotes nested 10,000 deep are cut back to 32 levels with a warning; the text stays', async () => {
    const dir = await tmp();
    const input = path.join(dir, 'q.md');
    await writeFile(input, `---\ntitle:\n  zh: 测试\n---\n\n${'>'.repeat(10_000)} 深处的文字\n`);
    const r = await buildOne(input, MD_JATS, { outDir: path.join(dir, 'out'), cache: false });
    expect(r.file.messages.filter((m) => m.ruleId === 'md-nesting-deep').map((m) => m.line)).toEqual([6]);
    expect(await readFile(path.join(r.outDir, 'article.md'), 'utf8')).toContain('深处的文字');
  });

  it('table cells past the article budget are cut with a warning naming the rows', async () => {
    const { limitTableCells } = await import('../src/normalize/limits.js');
    const { VFile } = await import('vfile');
    const row = (n: number) => ({ type: 'tableRow' as const, children: [{ type: 'tableCell' as const, children: [{ type: 'text' as const, value: String(n) }] }] });
    const table = { type: 'table' as const, children: Array.from({ length: 50 }, (_, i) => row(i)) };
    const file = new VFile();
    limitTableCells({ type: 'root', children: [table] } as never, file, 30);
    expect(table.children).toHaveLength(30);
    expect(file.messages.map((m) => [m.ruleId, m.message])).toEqual([['table-too-large', 'Table too large: 20 of its 50 rows left out (at most 30 table cells in an article)']]);
  });
});

describe('Markdown nesting and mark runs', () => {
  it('long runs of emphasis marks are literal; inline nesting past 64 levels becomes plain text', async () => {
    const { escapeMarkRuns, flattenDeep } = await import('../src/markdown/nesting.js');
    expect(escapeMarkRuns('a *****b***** c\n****\n').text).toBe('a \\*\\*\\*\\*\\*b\\*\\*\\*\\*\\* c\n****\n');
    expect(escapeMarkRuns('***粗斜体***').lines).toEqual([]);
    type N = { type: string; value?: string; children?: N[] };
    let inner: N = { type: 'text', value: '深' };
    for (let i = 0; i < 500; i++) inner = { type: i % 2 ? 'emphasis' : 'strong', children: [inner] };
    const root: N = { type: 'root', children: [{ type: 'paragraph', children: [inner] }] };
    expect(flattenDeep(root as never, 64)).toBe(1);
    let depth = 0;
    for (let n: N | undefined = root; n?.children; n = n.children[0]) depth++;
    expect(depth).toBeLessThanOrEqual(64);
    expect(JSON.stringify(root)).toContain('深');
  });

  it('a list nested 200 deep in our Markdown builds, with its text', async () => {
    const dir = await tmp();
    const input = path.join(dir, 'l.md');
    await writeFile(input, `---\ntitle:\n  zh: 测试\n---\n\n${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- 项${i}`).join('\n')}\n`);
    const r = await buildOne(input, MD_JATS, { outDir: path.join(dir, 'out'), cache: false });
    expect(await readFile(path.join(r.outDir, 'article.md'), 'utf8')).toContain('项199');
  });
});
