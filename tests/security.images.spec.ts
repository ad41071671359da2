/**
 * Figure images from untrusted input: absolute paths, `..`, symlinks out of
 * the input folder, devices, FIFOs, huge files, non-images and names of our
 * own outputs are refused (a `figure-image-refused` finding, a placeholder),
 * never read, embedded or copied; a real image beside the input is embedded
 * in the PDF and copied to `figures/` in the output folder.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { buildOne, type BuildResult } from '../pipeline/run.js';
import { withOutputFigureUrls } from '../pipeline/figures.js';
import { MAX_IMAGE_BYTES, figureOutputUrl, resolveFigureImage, safeRelativeUrl } from '../src/render/images.js';
import { fromMarkdown } from '../src/markdown/parse.js';
import type { ArticleRoot, FigureFloat } from '../src/model/types.js';
import { VFile } from 'vfile';

const OPTIONS = { formats: ['md' as const, 'jats' as const, 'pdf' as const], variant: 'tw' as const };
const MARKER = 'SECRET-MARKER-7f3a9c';

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A valid grey PNG; `extra` goes into a tEXt chunk (to find the bytes again in the outputs). */
function png(width: number, height: number, extra = ''): Uint8Array {
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
  ihdr[8] = 8;
  ihdr[9] = 0;
  const raw = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(extra ? [chunk('tEXt', Buffer.from(`Comment\0${extra}`, 'latin1'))] : []),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

const tmp = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), `zhpub-sec-${prefix}-`));

/** A plain-text article whose figure 1 has the image line `![](url)`. */
function articleText(url: string): string {
  return [
    '图像安全测试文章',
    '',
    '张三',
    '',
    '摘要 本文测试图像路径的处理。',
    '',
    '关键词 图像;安全',
    '',
    '1 引言',
    '',
    '正文第一段，如图1所示，内容完整。',
    '',
    `![](${url})`,
    '图1 示意图',
    '',
    '正文第二段，继续说明结果。',
    '',
  ].join('\n');
}

/** An input folder with `a.txt` naming `url`; `setup` adds files to the folder. */
function textInput(url: string, setup: (dir: string) => void = () => {}): { dir: string; input: string; out: string } {
  const dir = tmp('in');
  const input = path.join(dir, 'a.txt');
  writeFileSync(input, articleText(url));
  setup(dir);
  return { dir, input, out: tmp('out') };
}

/** Every file below `dir`, relative, with `/`. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${prefix}${e.name}/`);
      else out.push(`${prefix}${e.name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

function pdfImageCount(pdf: Uint8Array): Promise<number> {
  return PDFDocument.load(pdf).then(
    (lib) => [...lib.context.enumerateIndirectObjects()].filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')).length,
  );
}

const rules = (r: BuildResult) => r.file.messages.map((m) => m.ruleId);
const refusals = (r: BuildResult) => r.file.messages.filter((m) => m.ruleId === 'figure-image-refused').map((m) => m.reason);
const fileOf = (r: BuildResult, name: string) => r.files.find((f) => f.name === name);

/**
 * The build refused the image: a finding saying `why`, no image in the PDF,
 * nothing under `figures/`, and the marker in no output file.
 */
async function expectRefused(r: BuildResult, why: RegExp, marker?: string): Promise<void> {
  const reasons = refusals(r);
  expect(reasons.length).toBe(1);
  expect(reasons[0]).toMatch(why);
  expect(r.file.messages.find((m) => m.ruleId === 'figure-image-refused')!.fatal).toBe(false); // a warning
  expect(r.files.map((f) => f.name).sort()).toEqual(['article.md', 'article.pdf', 'article.xml']);
  expect(listFiles(r.outDir)).toEqual(['article.md', 'article.pdf', 'article.xml', 'report.json']);
  expect(await pdfImageCount(fileOf(r, 'article.pdf')!.data as Uint8Array)).toBe(0);
  if (marker) {
    for (const name of listFiles(r.outDir)) expect(readFileSync(path.join(r.outDir, name)).includes(Buffer.from(marker)), name).toBe(false);
  }
}

async function build(input: string, out: string): Promise<BuildResult> {
  return buildOne(input, OPTIONS, { outDir: out, cache: false });
}

describe('figure image urls', () => {
  it('only plain relative paths below the input folder are candidates', () => {
    expect(safeRelativeUrl('images/a.png')).toBe('images/a.png');
    expect(safeRelativeUrl('./images//a.png')).toBe('images/a.png');
    for (const bad of ['/etc/hostname', '../a.png', 'images/../../a.png', 'images\\..\\a.png', 'C:\\a.png', 'C:a.png', 'file:///etc/passwd', 'a\0.png', '', '.', '\\\\server\\a.png'])
      expect(safeRelativeUrl(bad), JSON.stringify(bad)).toBeNull();
    expect(figureOutputUrl('images/a.png')).toBe('figures/images/a.png');
    expect(figureOutputUrl('figures/images/a.png')).toBe('figures/images/a.png');
    expect(figureOutputUrl('/etc/hostname')).toBeUndefined();
    expect(figureOutputUrl('https://example.org/a.png')).toBe('https://example.org/a.png');
  });
});

describe('hostile figure images are refused', () => {
  it('an absolute path outside the input folder', async () => {
    const secretDir = tmp('secret');
    const secret = path.join(secretDir, 'secret.png');
    writeFileSync(secret, png(4, 4, MARKER));
    const { input, out } = textInput(secret);
    const r = await build(input, out);
    await expectRefused(r, /outside the input folder/, MARKER);
  });

  it('/etc/hostname', async () => {
    const { input, out } = textInput('/etc/hostname');
    const r = await build(input, out);
    await expectRefused(r, /outside the input folder/);
    expect(readFileSync(path.join(r.outDir, 'article.md'), 'utf8')).not.toContain('/etc/hostname');
    expect(readFileSync(path.join(r.outDir, 'article.xml'), 'utf8')).not.toContain('/etc/hostname');
  });

  it('a `../` path', async () => {
    const parent = tmp('parent');
    writeFileSync(path.join(parent, 'secret.png'), png(4, 4, MARKER));
    mkdirSync(path.join(parent, 'in'));
    const input = path.join(parent, 'in', 'a.txt');
    writeFileSync(input, articleText('../secret.png'));
    // The text reader drops a `..` url; build the Markdown reader's way too.
    const r = await build(input, tmp('out'));
    expect(listFiles(r.outDir)).toEqual(['article.md', 'article.pdf', 'article.xml', 'report.json']);
    expect(await pdfImageCount(fileOf(r, 'article.pdf')!.data as Uint8Array)).toBe(0);
    const md = path.join(parent, 'in', 'b.md');
    writeFileSync(md, (await markdownWith('../secret.png')));
    const r2 = await build(md, tmp('out'));
    await expectRefused(r2, /outside the input folder/, MARKER);
    expect(resolveFigureImage('sub/../../secret.png', path.join(parent, 'in'))).toMatchObject({ ok: false, reason: 'outside' });
  });

  it('a symlink inside the input folder pointing outside it', async () => {
    const secretDir = tmp('secret');
    const secret = path.join(secretDir, 'secret.png');
    writeFileSync(secret, png(4, 4, MARKER));
    const { input, out } = textInput('images/link.png', (dir) => {
      mkdirSync(path.join(dir, 'images'));
      symlinkSync(secret, path.join(dir, 'images', 'link.png'));
    });
    const r = await build(input, out);
    await expectRefused(r, /outside the input folder \(after following symlinks\)/, MARKER);
  });

  it('a symlinked folder pointing outside it, and `<stem>.F1.png` as a symlink', async () => {
    const secretDir = tmp('secret');
    writeFileSync(path.join(secretDir, 'secret.png'), png(4, 4, MARKER));
    const { input, out } = textInput('images/secret.png', (dir) => {
      symlinkSync(secretDir, path.join(dir, 'images'));
      symlinkSync(path.join(secretDir, 'secret.png'), path.join(dir, 'a.F1.png'));
    });
    const r = await build(input, out);
    await expectRefused(r, /outside the input folder/, MARKER);
    // The same figure without an image line picks up `a.F1.png`, refused the same way.
    writeFileSync(input, articleText('x').replace('![](x)\n', ''));
    const r2 = await build(input, tmp('out'));
    await expectRefused(r2, /`a\.F1\.png` refused: outside the input folder/, MARKER);
  });

  it('a symlink to /dev/zero', async () => {
    const { input, out } = textInput('zero.png', (dir) => symlinkSync('/dev/zero', path.join(dir, 'zero.png')));
    const started = Date.now();
    const r = await build(input, out);
    expect(Date.now() - started).toBeLessThan(20_000);
    await expectRefused(r, /outside the input folder/);
  });

  it('a device inside the input folder is not a regular file', () => {
    // /dev itself as the input folder: the device is inside it.
    expect(resolveFigureImage('zero', '/dev')).toMatchObject({ ok: false, reason: 'not-file' });
    expect(resolveFigureImage('null', '/dev').ok).toBe(false);
  });

  it('`![](/dev/zero)`', async () => {
    const { input, out } = textInput('/dev/zero');
    const r = await build(input, out);
    await expectRefused(r, /outside the input folder/);
  });

  const hasMkfifo = (() => {
    try {
      execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasMkfifo)('a FIFO: refused at once, never opened', async () => {
    const { input, out } = textInput('images/pipe.png', (dir) => {
      mkdirSync(path.join(dir, 'images'));
      execFileSync('mkfifo', [path.join(dir, 'images', 'pipe.png')]);
    });
    const started = Date.now();
    const r = await build(input, out);
    expect(Date.now() - started).toBeLessThan(20_000);
    await expectRefused(r, /not a regular file \(a FIFO\)/);
  }, 30_000);

  it('a directory with an image name', async () => {
    const { input, out } = textInput('dir.png', (dir) => mkdirSync(path.join(dir, 'dir.png')));
    await expectRefused(await build(input, out), /not a regular file \(a directory\)/);
  });

  it('a file over the size limit (sparse)', async () => {
    const { input, out } = textInput('big.png', (dir) => {
      const big = path.join(dir, 'big.png');
      writeFileSync(big, png(4, 4));
      truncateSync(big, MAX_IMAGE_BYTES + 1024);
    });
    const r = await build(input, out);
    await expectRefused(r, /too large/);
  });

  it('a PNG whose header claims a huge pixel count', async () => {
    const { input, out } = textInput('huge.png', (dir) => {
      const bytes = Buffer.from(png(4, 4));
      bytes.writeUInt32BE(100_000, 16);
      bytes.writeUInt32BE(100_000, 20);
      writeFileSync(path.join(dir, 'huge.png'), bytes);
    });
    await expectRefused(await build(input, out), /too large \(100000×100000 pixels/);
  });

  it('a file that is not an image, named .png', async () => {
    const { input, out } = textInput('fake.png', (dir) => writeFileSync(path.join(dir, 'fake.png'), `${MARKER}\nnot an image\n`));
    const r = await build(input, out);
    await expectRefused(r, /not PNG or JPEG/, MARKER);
  });

  it('`![](article.xml)` with a file of that name beside the input does not replace the JATS output', async () => {
    const evil = `<?xml version="1.0"?><evil>${MARKER}</evil>`;
    const { input, out } = textInput('article.xml', (dir) => writeFileSync(path.join(dir, 'article.xml'), evil));
    const r = await build(input, out);
    await expectRefused(r, /not PNG or JPEG/, MARKER);
    const xml = readFileSync(path.join(r.outDir, 'article.xml'), 'utf8');
    expect(xml).toContain('<article');
    expect(xml).toContain('图像安全测试文章');
    expect(xml).not.toContain(MARKER);
  });

  it('a PNG named `article.xml.png` or `report.json`-like lands under figures/, never over an output', async () => {
    const { input, out } = textInput('article.pdf.png', (dir) => writeFileSync(path.join(dir, 'article.pdf.png'), png(6, 3)));
    const r = await build(input, out);
    expect(refusals(r)).toEqual([]);
    expect(listFiles(r.outDir)).toEqual(['article.md', 'article.pdf', 'article.xml', 'figures/article.pdf.png', 'report.json']);
    expect(readFileSync(path.join(r.outDir, 'article.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('other readers', () => {
  it('our Markdown with an absolute image path', async () => {
    const dir = tmp('md');
    const input = path.join(dir, 'a.md');
    writeFileSync(input, await markdownWith('/etc/hostname'));
    const r = await build(input, tmp('out'));
    await expectRefused(r, /outside the input folder/);
  });

  it('JATS `<graphic xlink:href="/etc/hostname">` and a `../` href', async () => {
    for (const href of ['/etc/hostname', '../secret.png']) {
      const parent = tmp('jats');
      writeFileSync(path.join(parent, 'secret.png'), png(4, 4, MARKER));
      mkdirSync(path.join(parent, 'in'));
      const input = path.join(parent, 'in', 'a.xml');
      writeFileSync(input, jatsWith(href));
      const r = await build(input, tmp('out'));
      await expectRefused(r, /outside the input folder/, MARKER);
      expect(readFileSync(path.join(r.outDir, 'article.xml'), 'utf8')).not.toContain(href);
    }
  });
});

describe('a real image beside the input', () => {
  it('is embedded in the PDF, copied to figures/, and linked there from the Markdown and JATS', async () => {
    const image = png(40, 20, MARKER);
    const { input, out } = textInput('images/fig1.png', (dir) => {
      mkdirSync(path.join(dir, 'images'));
      writeFileSync(path.join(dir, 'images', 'fig1.png'), image);
    });
    const r = await build(input, out);
    expect(rules(r)).not.toContain('figure-image-refused');
    expect(rules(r)).not.toContain('figure-image-missing');
    expect(listFiles(r.outDir)).toEqual(['article.md', 'article.pdf', 'article.xml', 'figures/images/fig1.png', 'report.json']);
    expect(readFileSync(path.join(r.outDir, 'figures/images/fig1.png'))).toEqual(Buffer.from(image));
    expect(await pdfImageCount(fileOf(r, 'article.pdf')!.data as Uint8Array)).toBe(1);
    const md = readFileSync(path.join(r.outDir, 'article.md'), 'utf8');
    expect(md).toContain('](figures/images/fig1.png');
    expect(readFileSync(path.join(r.outDir, 'article.xml'), 'utf8')).toContain('xlink:href="figures/images/fig1.png"');

    // The output folder read back as input: the link resolves there and stays the same.
    const again = await build(path.join(r.outDir, 'article.md'), tmp('out'));
    expect(rules(again)).not.toContain('figure-image-refused');
    expect(rules(again)).not.toContain('figure-image-missing');
    expect(listFiles(again.outDir)).toEqual(['article.md', 'article.pdf', 'article.xml', 'figures/images/fig1.png', 'report.json']);
    expect(readFileSync(path.join(again.outDir, 'article.md'), 'utf8')).toBe(md);
    expect(await pdfImageCount(fileOf(again, 'article.pdf')!.data as Uint8Array)).toBe(1);
  });

  it('`<stem>.F1.png` beside the input', async () => {
    const { input, out } = textInput('x', (dir) => writeFileSync(path.join(dir, 'a.F1.png'), png(30, 30)));
    writeFileSync(input, articleText('x').replace('![](x)\n', ''));
    const r = await build(input, out);
    expect(rules(r)).not.toContain('figure-image-refused');
    expect(listFiles(r.outDir)).toContain('figures/a.F1.png');
    expect(readFileSync(path.join(r.outDir, 'article.md'), 'utf8')).toContain('](figures/a.F1.png');
    expect(await pdfImageCount(fileOf(r, 'article.pdf')!.data as Uint8Array)).toBe(1);
  });

  it('a missing image stays an info finding', async () => {
    const { input, out } = textInput('images/none.png');
    const r = await build(input, out);
    expect(rules(r)).toContain('figure-image-missing');
    expect(rules(r)).not.toContain('figure-image-refused');
    expect(statSync(path.join(r.outDir, 'article.pdf')).size).toBeGreaterThan(0);
    expect(existsSync(path.join(r.outDir, 'figures'))).toBe(false);
  });

  it('the emitted links leave the model alone', async () => {
    const tree = fromMarkdown(await markdownWith('images/a.png'), new VFile());
    const frozen = structuredClone(tree);
    Object.freeze(tree.children);
    const out = withOutputFigureUrls(tree);
    expect(tree).toEqual(frozen);
    expect(out.children.find((c): c is FigureFloat => c.type === 'figureFloat')!.url).toBe('figures/images/a.png');
    const dropped = withOutputFigureUrls(fromMarkdown(await markdownWith('/etc/hostname'), new VFile()) as ArticleRoot);
    expect(dropped.children.find((c): c is FigureFloat => c.type === 'figureFloat')!.url).toBeUndefined();
  });
});

// ---------------------------------------------------------------- inputs in our formats

let markdownTemplate: string | undefined;

/** Our Markdown (with front matter) of the text article, its figure's image replaced by `url`. */
async function markdownWith(url: string): Promise<string> {
  if (!markdownTemplate) {
    const { input } = textInput('images/placeholder.png');
    const r = await buildOne(input, { formats: ['md'], variant: 'tw' }, { outDir: tmp('out'), write: false, cache: false });
    markdownTemplate = r.files.find((f) => f.name === 'article.md')!.data as string;
  }
  return markdownSync(url);
}

function markdownSync(url: string): string {
  if (!markdownTemplate) throw new Error('markdownWith first');
  expect(markdownTemplate).toContain('](figures/images/placeholder.png');
  return markdownTemplate.replace('](figures/images/placeholder.png', `](${url}`);
}

function jatsWith(href: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN" "JATS-archivearticle1-3.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article" dtd-version="1.3" xml:lang="zh">
  <front>
    <article-meta>
      <title-group><article-title>图像安全测试文章</article-title></title-group>
    </article-meta>
  </front>
  <body>
    <p>正文第一段，如图1所示。</p>
    <fig id="F1"><label>图1</label><caption><p>示意图</p></caption><graphic xlink:href="${href}"/></fig>
    <p>正文第二段。</p>
  </body>
</article>
`;
}
