/**
 * Hostile inputs for the benchmark: each is written to `dir` and built with
 * every format; the benchmark prints its exit status, time and peak memory
 * (targets: a clear result in under 10 s and 500 MB).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface HostileCase {
  name: string;
  input: string;
}

const FRONT = '---\ntitle:\n  zh: 测试\n---\n\n';

export function hostileCases(dir: string): HostileCase[] {
  mkdirSync(dir, { recursive: true });
  const cases: HostileCase[] = [];
  const add = (name: string, file: string, data: string | Buffer) => {
    const input = path.join(dir, file);
    writeFileSync(input, data);
    cases.push({ name, input });
  };
  const jats = (doctype: string, body: string) =>
    `<?xml version="1.0"?>\n${doctype}\n<article xmlns:xlink="http://www.w3.org/1999/xlink"><front><article-meta><title-group><article-title>测试</article-title></title-group></article-meta></front><body><p>${body}</p></body></article>\n`;

  const lol = ['<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY a${i + 1} "${`&a${i};`.repeat(10)}">`)].join('');
  add('billion laughs (JATS)', 'laughs.xml', jats(`<!DOCTYPE article [${lol}]>`, '&a9;'));
  add('quadratic blowup (JATS)', 'quadratic.xml', jats(`<!DOCTYPE article [<!ENTITY b "${'长'.repeat(50_000)}">]>`, '&b;'.repeat(20_000)));
  add('external entity (JATS)', 'external.xml', jats('<!DOCTYPE article [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '&x;&mdash;'));
  add('external parameter entity (JATS)', 'param.xml', jats('<!DOCTYPE article [<!ENTITY % p SYSTEM "file:///etc/passwd">%p;]>', '正文'));
  add('10,000 nested elements (JATS)', 'deep.xml', jats('', `${'<italic>'.repeat(10_000)}深${'</italic>'.repeat(10_000)}`));
  add('XML prolog in a .txt', 'prolog.txt', jats('<!DOCTYPE article [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '&x;'));
  add('paragraph of 130,000 characters', 'para130k.txt', `# 标题\n\n${'中文测试，'.repeat(26_000)}\n`);
  add('one line at the size limit (300,000 characters)', 'line-limit.txt', `标题\n\n${'中文字符测试句子。'.repeat(33_000)}\n`);
  add('one line of 10 MB (over the limit)', 'line10mb.txt', `标题\n\n${'中'.repeat(3_500_000)}\n`);
  add('short paragraphs up to the size limit', 'paras.txt', `# 标题\n\n${Array.from({ length: 29_000 }, (_, i) => `第${i}段。`).join('\n\n')}\n`);
  add('HTML table of 9,000 rows (MinerU)', 'table.md', `# 标题\n\n正文见表1。\n\n表1 数据\n\n<table>${'<tr><td>甲</td><td>1</td></tr>'.repeat(9_000)}</table>\n`);
  add('10,000 nested block quotes (Markdown)', 'quotes.md', `${FRONT}${'>'.repeat(10_000)} 深\n`);
  add('500 nested list items (Markdown)', 'lists.md', `${FRONT}${Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}- 项`).join('\n')}\n`);
  add('NUL and control bytes throughout', 'controls.txt', `# 标题\n\n${`${'正文内容。'.repeat(40)}\u0000\u0001\n\n`.repeat(200)}`);
  add('image ![](/dev/zero)', 'zero.md', `# 标题\n\n正文见图1。\n\n![](/dev/zero)\n\n图1 示意图\n`);
  const imgDir = path.join(dir, 'img');
  mkdirSync(imgDir, { recursive: true });
  try {
    symlinkSync('/dev/zero', path.join(imgDir, 'z.png'));
  } catch {
    // already there
  }
  add('image symlinked to /dev/zero', 'symlink.md', `# 标题\n\n正文见图1。\n\n![](img/z.png)\n\n图1 示意图\n`);
  try {
    if (!existsSync(path.join(imgDir, 'fifo.png'))) execFileSync('mkfifo', [path.join(imgDir, 'fifo.png')]);
    add('image that is a FIFO', 'fifo.md', `# 标题\n\n正文见图1。\n\n![](img/fifo.png)\n\n图1 示意图\n`);
  } catch {
    // no mkfifo here
  }
  return cases;
}
