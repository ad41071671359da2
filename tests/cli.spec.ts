import { describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import { decode, DecodeError } from '../src/decode/index.js';
import { withoutPositions } from '../src/model/util.js';
import { model, SEED_PATH, SEED_TEXT } from './helpers/seed.js';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') });
  return { code, out, err };
}

async function tmp(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'zhpub-cli-'));
}

/** Every file below a folder, relative. */
async function listAll(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...(await listAll(path.join(dir, e.name))).map((n) => `${e.name}/${n}`));
    else out.push(e.name);
  }
  return out;
}

describe('decode', () => {
  const utf8 = Buffer.from(SEED_TEXT, 'utf8');
  const reference = withoutPositions(model(SEED_TEXT).tree);

  const variants: Array<[string, Buffer]> = [
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SEED_TEXT, 'utf16le')])],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SEED_TEXT, 'utf16le').swap16()])],
    ['CRLF', Buffer.from(SEED_TEXT.replace(/\n/g, '\r\n'), 'utf8')],
  ];
  for (const [name, bytes] of variants) {
    it(`${name} decodes to the same model as clean UTF-8`, () => {
      const { text } = decode(bytes);
      expect(text).toBe(SEED_TEXT);
      expect(withoutPositions(model(text).tree)).toEqual(reference);
    });
  }

  it('GB18030 decodes to the same model as clean UTF-8', () => {
    // Encode with the GB18030 table of the platform's own decoder: build the bytes by round trip.
    const bytes = encodeGb18030(SEED_TEXT);
    const d = decode(bytes);
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(SEED_TEXT);
    expect(withoutPositions(model(d.text).tree)).toEqual(reference);
  });

  it('refuses empty, white-space-only and binary input with one-line reasons', () => {
    expect(() => decode(new Uint8Array())).toThrow(/empty/);
    expect(() => decode(Buffer.from('  \n\n '))).toThrow(/no text/);
    expect(() => decode(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]))).toThrow(DecodeError);
    expect(() => decode(Buffer.from([0xff, 0xff, 0xc0, 0x80, 0xfe]))).toThrow(DecodeError);
  });
});

/** GB18030 encoder via a reverse table of the decoder (test helper; Node ships no encoder). */
function encodeGb18030(text: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  const need = new Set([...text].filter((c) => c.charCodeAt(0) > 0x7f));
  for (let b1 = 0x81; b1 <= 0xfe && table.size < need.size; b1++)
    for (let b2 = 0x40; b2 <= 0xfe; b2++) {
      if (b2 === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([b1, b2]));
      if (need.has(ch) && !table.has(ch)) table.set(ch, [b1, b2]);
    }
  for (const ch of need) {
    if (table.has(ch)) continue;
    // Four-byte sequences for characters outside the two-byte table.
    outer: for (let b1 = 0x81; b1 <= 0x84; b1++)
      for (let b2 = 0x30; b2 <= 0x39; b2++)
        for (let b3 = 0x81; b3 <= 0xfe; b3++)
          for (let b4 = 0x30; b4 <= 0x39; b4++) {
            if (dec.decode(new Uint8Array([b1, b2, b3, b4])) === ch) {
              table.set(ch, [b1, b2, b3, b4]);
              break outer;
            }
          }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code <= 0x7f) bytes.push(code);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GB18030 bytes for ${ch}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}

describe('zhpub build', () => {
  it('writes article.md and report.json under --out/<input stem>/', async () => {
    const out = await tmp();
    const r = await run(['build', SEED_PATH, '--out', out, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(await listAll(out)).toEqual(expect.arrayContaining(['000_551b843f840d1098/article.md', '000_551b843f840d1098/report.json']));
    const report = JSON.parse(await readFile(path.join(out, '000_551b843f840d1098/report.json'), 'utf8'));
    expect(report.findings.length).toBeGreaterThan(100);
    expect(report.findings[0]).toHaveProperty('ruleId');
    expect(r.err).toMatch(/info findings/);
  });

  it('reads Markdown back in: build article.md gives the same Markdown', async () => {
    const out = await tmp();
    await run(['build', SEED_PATH, '--out', out, '--format', 'md']);
    const md = await readFile(path.join(out, '000_551b843f840d1098/article.md'), 'utf8');
    const second = await tmp();
    const src = path.join(second, 'in.md');
    await writeFile(src, md);
    const r = await run(['build', src, '--out', second, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(await readFile(path.join(second, 'in/article.md'), 'utf8')).toBe(md);
  });

  for (const [name, bytes] of [
    ['empty', Buffer.alloc(0)],
    ['binary', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xfe])],
  ] as const) {
    it(`an ${name} file is a one-line error, exit 2, nothing written`, async () => {
      const dir = await tmp();
      const input = path.join(dir, `${name}.txt`);
      await writeFile(input, bytes);
      const out = path.join(dir, 'out');
      const r = await run(['build', input, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(name === 'empty' ? /empty/ : /binary|neither/);
      expect(await listAll(out)).toEqual([]);
    });
  }

  it('malformed JATS is a one-line error, exit 2, nothing written', async () => {
    const dir = await tmp();
    const input = path.join(dir, 'bad.xml');
    await writeFile(input, '<?xml version="1.0"?>\n<article><body><p>未闭合');
    const out = path.join(dir, 'out');
    const r = await run(['build', input, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/bad\.xml: not well-formed XML/);
    expect(await listAll(out)).toEqual([]);
  });

  it('usage errors exit 2 and name the option', async () => {
    expect((await run(['build'])).code).toBe(2);
    const r = await run(['build', SEED_PATH, '--format', 'md,docx']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--format: unknown format `docx`/);
    const u = await run(['build', SEED_PATH, '--bogus']);
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/unknown option --bogus/);
    const m = await run(['build', '/nonexistent/file.txt']);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/no such file/);
  });

  it('a folder builds every article in it with a summary and output/report.json', async () => {
    const dir = await tmp();
    const inputs = path.join(dir, 'in');
    await mkdir(inputs);
    await writeFile(path.join(inputs, 'a.txt'), SEED_TEXT);
    await writeFile(path.join(inputs, 'b.txt'), '');
    await writeFile(path.join(inputs, 'c.txt'), '标题\n\n正文第一段。\n');
    const out = path.join(dir, 'out');
    const r = await run(['build', inputs, '--out', out, '--format', 'md']);
    expect(r.err).toMatch(/2 built .* 1 failed/);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(report.summary).toMatchObject({ built: 2, failed: 1 });
    expect(report.articles.map((a: { input: string }) => path.basename(a.input))).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(r.code).toBe(2);
  });
});

describe('zhpub check', () => {
  it('--json prints an array of {ruleId, severity, message, line, column}', async () => {
    const r = await run(['check', SEED_PATH, '--json']);
    const findings = JSON.parse(r.out);
    expect(Array.isArray(findings)).toBe(true);
    const f = findings.find((x: { ruleId: string }) => x.ruleId === 'greek-rejoin');
    expect(f).toMatchObject({ ruleId: 'greek-rejoin', severity: 'info', line: 29, column: 246 });
    expect(Object.keys(f)).toEqual(expect.arrayContaining(['ruleId', 'severity', 'message', 'line', 'column']));
    expect(r.code).toBe(0);
  });

  it('human output names file:line:column; exit 1 on an error finding', async () => {
    const dir = await tmp();
    const input = path.join(dir, 'bad.txt');
    await writeFile(input, '标题\n\n张三,李四\n\nTitle\n\nZHANG San\n\n正文^[1]。\n');
    const r = await run(['check', input]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^.*bad\.txt:3:4: error: .*\[align-author-count\]$/m);
  });
});

describe('hostile inputs and interrupted builds', () => {
  // How fast it is refused is measured by the benchmark, not here.
  it('a 50 MB input is refused before it is decoded, nothing written', async () => {
    const dir = await tmp();
    const input = path.join(dir, 'huge.txt');
    await writeFile(input, Buffer.alloc(50 * 1024 * 1024, 0x41));
    const r = await run(['build', input, '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/50\.0 MB; the largest article accepted is 1 MB/);
    expect(await listAll(path.join(dir, 'out'))).toEqual([]);
  });

  it('a failed write leaves the previous output whole and no temporary file', async () => {
    const { writeAtomic } = await import('../pipeline/io.js');
    const dir = await tmp();
    const target = path.join(dir, 'article.md');
    await writeAtomic(target, 'previous output\n');
    const failing = {
      [Symbol.iterator]() {
        throw new Error('killed midway');
      },
    } as unknown as Uint8Array;
    await expect(writeAtomic(target, failing)).rejects.toThrow();
    expect(await readFile(target, 'utf8')).toBe('previous output\n');
    expect(await readdir(dir)).toEqual(['article.md']);
  });

  it('output folders come from the input file name only', async () => {
    const { outputStem, inside } = await import('../pipeline/io.js');
    expect(outputStem('/x/../a b/文章 1.txt')).toBe('文章_1');
    expect(outputStem('..')).toBe('_');
    expect(() => inside('/tmp/out', '../etc/passwd')).toThrow(/outside/);
  });
});

describe('zhpub build --watch', () => {
  it('rebuilds an article when its text changes', async () => {
    const dir = await tmp();
    const input = path.join(dir, 'a.txt');
    await writeFile(input, SEED_TEXT);
    const out = path.join(dir, 'out');
    const md = path.join(out, 'a', 'article.md');
    let log = '';
    const running = main(['build', dir, '--out', out, '--format', 'md', '--watch', '--jobs', '1'], { out: () => {}, err: (s) => (log += s) });
    const waitFor = async (pred: () => Promise<boolean>) => {
      for (let i = 0; i < 200; i++) {
        if (await pred().catch(() => false)) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
      return false;
    };
    expect(await waitFor(async () => (await readFile(md, 'utf8')).includes('## 5 小结与展望'))).toBe(true);
    expect(await waitFor(async () => log.includes('watching'))).toBe(true);
    await writeFile(input, SEED_TEXT.replace('小结与展望', '总结'));
    expect(await waitFor(async () => (await readFile(md, 'utf8')).includes('## 5 总结'))).toBe(true);
    process.emit('SIGINT');
    expect(await running).toBe(0);
  });
});

describe('zhpub refs', () => {
  const lines = [
    '- [4] Kamen DL, Wallace C, Li Z, et al. Safety, immunological effects and clinical response in a phase I trial of umbilical cord mesenchymal stromal cells in patients with treatment refractory SLE[J]. *Lupus Sci Med*, 2022, 9(1):e000704.',
    '[44] 王颖翠. 人脐带间充质干细胞制备及治疗系统性红斑狼疮的临床研究 [D]. 昆明:昆明医科大学,2019.',
  ].join('\n');

  it('parse prints one CSL-JSON item per line, in order', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'refs.txt');
    await writeFile(file, lines);
    const r = await run(['refs', 'parse', file]);
    expect(r.code).toBe(0);
    const items = JSON.parse(r.out);
    expect(items.map((i: { type: string }) => i.type)).toEqual(['article-journal', 'thesis']);
    expect(items[0]['container-title']).toBe('Lupus Sci Med');
    expect(items[1]).toMatchObject({ publisher: '昆明医科大学', 'publisher-place': '昆明' });
  });

  it('parse keeps item i for line i: a blank line gives null; what it cannot read is a warning on stderr', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'refs.txt');
    await writeFile(file, `${lines.split('\n')[0]}\n\n${lines.split('\n')[1]}\n`);
    const r = await run(['refs', 'parse', file]);
    expect(r.code).toBe(0);
    const items = JSON.parse(r.out) as Array<{ type: string } | null>;
    expect(items.map((i) => i?.type ?? null)).toEqual(['article-journal', null, 'thesis']);
  });

  it('parse warns on stderr, with the line, for a repeated number and for a line that is no reference', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'refs.txt');
    const [a, b] = lines.split('\n').map((l) => l.replace(/^- /, '').replace(/^\[\d+\]/, '[1]'));
    await writeFile(file, `${a}\n${b}\n这是一段正文，不是参考文献。\n`);
    const r = await run(['refs', 'parse', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).map((i: { id: string }) => i.id)).toEqual(['ref-1', 'ref-2', 'ref-3']);
    expect(r.err).toContain(`${file}:2: warning: the number [1] repeats line 1; this item is ref-2`);
    expect(r.err).toMatch(new RegExp(`refs\\.txt:3: warning: no document-type code`));
    const quiet = await run(['refs', 'parse', file, '--quiet']);
    expect(quiet.err).toBe('');
  });

  it('format warns as parse does: a repeated number, a line that is no reference; --quiet keeps stderr empty', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'refs.txt');
    const [a, b] = lines.split('\n').map((l) => l.replace(/^- /, '').replace(/^\[\d+\]/, '[1]'));
    await writeFile(file, `${a}\n\n${b}\n这是一段正文，不是参考文献。\n`);
    const r = await run(['refs', 'format', file]);
    expect(r.code, r.err).toBe(0);
    const out = r.out.trimEnd().split('\n');
    expect(out).toHaveLength(3);
    expect(out[2]).toBe('[3] 这是一段正文，不是参考文献。'); // as written: no invented [Z]
    expect(r.err).toContain(`${file}:3: warning: the number [1] repeats line 1`);
    expect(r.err).toContain(`${file}:4: warning: no document-type code`);
    expect((await run(['refs', 'format', file, '--quiet'])).err).toBe('');
  });

  it('format reads reference lines that start with [ and end with ], and CSL-JSON', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'refs.txt');
    await writeFile(file, '[1] 国家统计局. 统计公报[EB/OL]. (2023-02-28)[2024-01-01]');
    const r = await run(['refs', 'format', file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('[1] 国家统计局');
    const json = path.join(dir, 'refs.json');
    await writeFile(json, JSON.stringify([{ id: 'a', type: 'book', title: '书名', author: [{ family: '张', given: '三' }], issued: { 'date-parts': [[2020]] } }]));
    const j = await run(['refs', 'format', json]);
    expect(j.code, j.err).toBe(0);
    expect(j.out).toContain('书名');
  });

  it('format prints the house style and GB/T 7714', async () => {
    const dir = await tmp();
    const file = path.join(dir, 'refs.txt');
    await writeFile(file, lines);
    const house = await run(['refs', 'format', file]);
    expect(house.out).toContain('[1] Kamen DL, Wallace C, Li Z, et al. Safety');
    expect(house.out).toContain('[2] 王颖翠. 人脐带间充质干细胞制备及治疗系统性红斑狼疮的临床研究[D]. 昆明: 昆明医科大学, 2019.');
    const gbt = await run(['refs', 'format', file, '--style', 'gbt7714']);
    expect(gbt.out).toContain('KAMEN D L');
    expect((await run(['refs', 'format', file, '--style', 'mla'])).code).toBe(2);
  });

  it('check reports no reference finding on the seed', async () => {
    const r = await run(['refs', 'check', SEED_PATH, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([]);
  });
});
