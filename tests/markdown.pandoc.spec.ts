/**
 * The front matter of article.md as pandoc and MyST read it: plain keys
 * (`title`, `author`, `abstract`, `keywords`, `lang`, `date`) in the
 * document language, the other language in `-en` keys, the earlier
 * `title: {zh, en}` layout still read, and `suppress-bibliography` so that
 * `pandoc --citeproc` prints the reference list once. The pandoc checks run
 * only where pandoc is installed.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { parse as yamlParse, stringify as yamlStringify } from 'yaml';
import { buildOne } from '../pipeline/run.js';
import { toMarkdown } from '../src/markdown/stringify.js';
import { fromMarkdown } from '../src/markdown/parse.js';
import { fromFrontMatter, readFrontMatter, toFrontMatter, type FrontMeta } from '../src/markdown/frontmatter.js';
import { metaSchema } from '../src/model/meta.js';
import { withoutPositions } from '../src/model/util.js';
import type { ArticleRoot } from '../src/model/types.js';
import { seedModel, SEED_PATH } from './helpers/seed.js';
import { withNewFields } from './helpers/new-fields.js';

const HAS_PANDOC = spawnSync('pandoc', ['--version']).status === 0;

const TITLE_ZH = '间充质干细胞治疗系统性红斑狼疮的机制及研究进展';
const TITLE_EN = 'Mechanisms and research advances of mesenchymal stem cell therapy for systemic lupus erythematosus';
const FRONT = /^---\n([\s\S]*?)\n---\n/;

const out = mkdtempSync(path.join(os.tmpdir(), 'zhpub-pandoc-'));
const built = await buildOne(SEED_PATH, { formats: ['md', 'refs'], variant: 'tw' }, { outDir: out, cache: false });
const ARTICLE = path.join(built.outDir, 'article.md');
const REFERENCES = path.join(built.outDir, 'references.json');
const MD = readFileSync(ARTICLE, 'utf8');
const FM = yamlParse(FRONT.exec(MD)![1]!);

function read(md: string) {
  const file = new VFile({ path: 'article.md', value: md });
  return { tree: fromMarkdown(md, file), problems: file.messages.filter((m) => m.ruleId === 'meta-invalid').map((m) => m.reason) };
}

/** The Markdown with the front matter written as before: the metadata model as is (`title: {zh, en}`). */
function withModelLayout(md: string, tree: ArticleRoot): string {
  const record: Record<string, unknown> = { ...metaSchema.parse(tree.data.meta) };
  if (tree.data.glossary?.length) record.glossary = tree.data.glossary;
  const yaml = yamlStringify(record, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' }).trimEnd();
  return md.replace(FRONT, `---\n${yaml}\n---\n`);
}

function withFrontMatter(md: string, edit: (fm: Record<string, any>) => void): string {
  const fm = yamlParse(FRONT.exec(md)![1]!);
  edit(fm);
  return md.replace(FRONT, `---\n${yamlStringify(fm, { lineWidth: 0 }).trimEnd()}\n---\n`);
}

describe('front matter for pandoc and MyST (no pandoc needed)', () => {
  it('standard keys carry the document language (zh), -en keys the English', () => {
    expect(FM.lang).toBe('zh');
    expect(FM.title).toBe(TITLE_ZH);
    expect(FM['title-en']).toBe(TITLE_EN);
    expect(typeof FM.abstract).toBe('string');
    expect(FM.abstract).toMatch(/^系统性红斑狼疮（systemic lupus erythematosus, SLE）是常见的自身免疫性疾病之一/);
    expect(FM.keywords).toEqual(['间充质干细胞', '系统性红斑狼疮', '治疗', '研究进展']);
    expect(FM['keywords-en']).toEqual(['mesenchymal stem cells', 'systemic lupus erythematosus', 'therapy', 'research advances']);
    expect(FM['keywords-en-derived']).toBe(true);
    expect(FM.date).toBe('2023-08-31');
    expect(FM.received).toBe('2023-08-31');
    expect(FM['suppress-bibliography']).toBe(true);
  });

  it('authors as pandoc (author: names) and MyST (authors: name, affiliations, email, corresponding) read them', () => {
    expect(FM.author).toEqual(['舒兆平', '袁媛', '付强']);
    expect(FM.authors).toEqual([
      { name: '舒兆平', 'name-en': 'SHU Zhaoping', affiliations: ['aff1'], corresponding: false },
      { name: '袁媛', 'name-en': 'YUAN Yuan', affiliations: ['aff2'], corresponding: false },
      { name: '付强', 'name-en': 'FU Qiang', affiliations: ['aff3'], corresponding: true, email: 'fuqiang1990621@126.com' },
    ]);
    // Affiliations: ids the authors refer to, the Chinese parts at the top (MyST reads
    // institution, city, province, country), the English under `en`.
    expect(FM.affiliations[0]).toMatchObject({ id: 'aff1', label: '1', institution: '南华大学附属第一医院感染管理科', city: '衡阳', province: '湖南', postcode: '421001', country: '中国' });
    expect(FM.affiliations[0].en).toMatchObject({ city: 'Hengyang', province: 'Hunan', country: 'China' });
    expect(FM.correspondence).toEqual({ 'name-en': 'FU Qiang', email: 'fuqiang1990621@126.com' });
  });

  it('an English abstract, funding and notes go to -en keys', () => {
    const fm = yamlParse(FRONT.exec(toMarkdown(withNewFields(seedModel().tree)))![1]!);
    expect(typeof fm.abstract).toBe('string');
    expect(fm.abstract).toMatch(/^目的：/);
    expect(fm['abstract-en']).toMatch(/^Objective: /);
    expect(fm.funding).toMatch(/^湖南省自然科学基金项目/);
    expect(fm['funding-en']).toMatch(/^Natural Science Foundation/);
    expect(fm['authorNotes-en']).toMatch(/^SHU Zhaoping/);
    expect(fm.accepted).toBe('2023-11-20');
  });

  it('the written file is what toMarkdown gives, and reads back byte-identical', () => {
    const { tree } = seedModel();
    expect(MD).toBe(toMarkdown(tree));
    const back = read(MD);
    expect(back.problems).toEqual([]);
    expect(toMarkdown(back.tree)).toBe(MD);
  });

  it('the earlier layout (title: {zh, en} maps) reads to the same model', () => {
    for (const tree of [seedModel().tree, withNewFields(seedModel().tree)]) {
      tree.data.meta.journal = { title: { zh: '测试期刊', en: 'Journal of Tests' }, abbrev: 'J Tests', publisher: { zh: '测试出版社' }, volume: '18' };
      const md = toMarkdown(tree);
      const old = withModelLayout(md, tree);
      expect(old).toMatch(/\ntitle:\n {2}zh: 间充质/);
      const fromNew = read(md);
      const fromOld = read(old);
      expect(fromNew.problems).toEqual([]);
      expect(fromOld.problems).toEqual([]);
      expect(fromOld.tree.data.meta).toEqual(tree.data.meta);
      expect(withoutPositions(fromOld.tree)).toEqual(withoutPositions(fromNew.tree));
      expect(toMarkdown(fromOld.tree)).toBe(md);
    }
  });

  it('names the field as the file writes it on invalid front matter', () => {
    const md = withFrontMatter(MD, (fm) => {
      fm['title-en'] = '';
      fm.authors[2].email = 'not-an-address';
      fm.authors[1]['name-en'] = 7;
      fm.affiliations[0].postcode = '42100';
      fm.affiliations[1].en.postcode = 'x';
      fm['keywords-en'] = 'a, b';
      fm.articleNumber.issn = '2095-96';
      fm.received = '31.08.2023';
      fm.date = '31.08.2023';
      fm.foo = 1;
    });
    const { problems, tree } = read(md);
    const fields = problems.map((p) => /^Invalid front matter: ([^:]+):/.exec(p)?.[1]);
    expect(fields).toEqual(
      expect.arrayContaining([
        'front matter.title-en',
        'front matter.authors.2.email',
        'front matter.authors.1.name-en',
        'front matter.affiliations.0.postcode',
        'front matter.affiliations.1.en.postcode',
        'front matter.keywords-en',
        'front matter.articleNumber.issn',
        'front matter.received',
        'front matter',
      ]),
    );
    expect(problems.some((p) => p.includes('Unrecognized key: "foo"'))).toBe(true);
    // Invalid metadata is not taken half: the model keeps empty metadata.
    expect(tree.data.meta.title).toEqual({});
  });

  it('the derived keys must agree: author with the names in authors, date with received', () => {
    const md = withFrontMatter(MD, (fm) => {
      fm.author[1] = '张三';
      fm.date = '2024-01-01';
      fm['suppress-bibliography'] = 'yes';
    });
    const { problems } = read(md);
    expect(problems).toEqual([
      'Invalid front matter: front matter.author.1: "张三" differs from the name in authors.1 ("袁媛"); author repeats the names in authors',
      'Invalid front matter: front matter.date: "2024-01-01" differs from received ("2023-08-31"); date repeats it',
      'Invalid front matter: front matter.suppress-bibliography: true or false',
    ]);
    // Without the derived keys the file still reads to the same model.
    const bare = withFrontMatter(MD, (fm) => {
      delete fm.author;
      delete fm.date;
      delete fm['suppress-bibliography'];
    });
    const back = read(bare);
    expect(back.problems).toEqual([]);
    expect(back.tree.data.meta).toEqual(seedModel().tree.data.meta);
  });

  it('a plain pandoc front matter (author as a list of names) is read', () => {
    const { tree, problems } = read('---\ntitle: 标题\nauthor:\n  - 张三\n  - 李四\nkeywords: [词]\n---\n\n正文。\n');
    expect(problems).toEqual([]);
    expect(tree.data.meta).toEqual({
      lang: 'zh',
      title: { zh: '标题' },
      authors: [
        { name: { zh: '张三' }, affiliations: [], corresponding: false },
        { name: { zh: '李四' }, affiliations: [], corresponding: false },
      ],
      affiliations: [],
      keywords: { zh: ['词'] },
    });
    const named = read('---\ntitle: 标题\nauthor:\n  - name: 张三\n    email: x\n---\n\n正文。\n');
    expect(named.problems).toEqual(['Invalid front matter: front matter.author.0.email: Invalid email address']);
  });

  it('an English-language article: standard keys in English, -zh keys in Chinese, and back', () => {
    const zh = metaSchema.parse(withNewFields(seedModel().tree).data.meta);
    const en: FrontMeta = {
      ...zh,
      lang: 'en',
      journal: { title: { zh: '测试期刊', en: 'Journal of Tests' }, abbrev: 'J Tests', volume: '18' },
      correspondence: { name: { zh: '付强', en: 'FU Qiang' }, email: 'fuqiang1990621@126.com' },
    };
    const fm = toFrontMatter(en, undefined, { suppressBibliography: true });
    expect(fm).toMatchObject({
      lang: 'en',
      journal: { title: 'Journal of Tests', 'title-zh': '测试期刊', abbrev: 'J Tests', volume: '18' },
      title: TITLE_EN,
      'title-zh': TITLE_ZH,
      author: ['SHU Zhaoping', 'YUAN Yuan', 'FU Qiang'],
      keywords: ['mesenchymal stem cells', 'systemic lupus erythematosus', 'therapy', 'research advances'],
      'keywords-zh': ['间充质干细胞', '系统性红斑狼疮', '治疗', '研究进展'],
      'keywords-derived': true,
      'funding-zh': expect.stringMatching(/^湖南省/),
      correspondence: { name: 'FU Qiang', 'name-zh': '付强', email: 'fuqiang1990621@126.com' },
      'suppress-bibliography': true,
    });
    expect((fm.abstract as string).startsWith('Objective: ')).toBe(true);
    expect((fm['abstract-zh'] as string).startsWith('目的：')).toBe(true);
    expect((fm.authors as unknown[])[0]).toEqual({ name: 'SHU Zhaoping', 'name-zh': '舒兆平', affiliations: ['aff1'], corresponding: false });
    const aff = (fm.affiliations as Array<Record<string, any>>)[0]!;
    expect(aff).toMatchObject({ id: 'aff1', city: 'Hengyang', country: 'China' });
    expect(aff.zh).toMatchObject({ city: '衡阳', country: '中国' });
    expect(aff.en).toBeUndefined();
    // Through YAML and back to the same metadata.
    const back = fromFrontMatter(yamlParse(yamlStringify(fm)));
    expect(back.problems).toEqual([]);
    expect(back.meta).toEqual(en);
    // The metadata model holds Chinese-language articles only: the reader says so, naming lang.
    expect(readFrontMatter(yamlParse(yamlStringify(fm))).problems).toEqual([expect.stringMatching(/^front matter\.lang: /)]);
  });
});

describe.skipIf(!HAS_PANDOC)('pandoc reads the front matter', () => {
  const pandoc = (...args: string[]) => {
    const r = spawnSync('pandoc', args, { encoding: 'utf8', cwd: built.outDir });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };

  it('pandoc -s -t html: the Chinese title, the authors and the abstract, never `true`', () => {
    const html = pandoc('-s', ARTICLE, '-t', 'html');
    expect(html).toContain(`<title>${TITLE_ZH}</title>`);
    expect(html).toContain(`<h1 class="title">${TITLE_ZH}</h1>`);
    expect(html).toContain('<p class="author">舒兆平</p>');
    expect(html).toContain('<div class="abstract">');
    expect(html.replace(/\s+/g, ' ')).toContain('是常见的自身免疫性疾病之一');
    expect(html).toMatch(/<html [^>]*lang="zh"/);
    expect(html).not.toMatch(/>\s*true\s*</);
  });

  it('pandoc --citeproc prints one reference list', () => {
    const first = (JSON.parse(readFileSync(REFERENCES, 'utf8')) as Array<{ title: string }>)[0]!.title;
    const count = (text: string) => text.replace(/\s+/g, ' ').split(first).length - 1;
    expect(count(pandoc(ARTICLE, '--citeproc', '--bibliography', REFERENCES, '-t', 'plain'))).toBe(1);
    // Without `suppress-bibliography` citeproc would add its own list.
    const unsuppressed = path.join(built.outDir, 'unsuppressed.md');
    writeFileSync(unsuppressed, MD.replace('\nsuppress-bibliography: true\n', '\n'));
    expect(count(pandoc(unsuppressed, '--citeproc', '--bibliography', REFERENCES, '-t', 'plain'))).toBe(2);
  });

  it('pandoc --citeproc with references.bib resolves every citation of the seed (the BibTeX keys are the cited ids)', () => {
    const r = spawnSync('pandoc', [ARTICLE, '--citeproc', '--bibliography', 'references.bib', '-t', 'plain'], { encoding: 'utf8', cwd: built.outDir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/not found/i);
    expect(r.stdout).not.toContain('???');
  });
});

describe('abstract-title', () => {
  it('is written from the language, read back silently; another heading is a rendering choice, reported', async () => {
    const { fromMarkdown } = await import('../src/markdown/parse.js');
    const { toMarkdown } = await import('../src/markdown/stringify.js');
    const { VFile } = await import('vfile');
    const md = '---\nlang: zh\ntitle: 标题\nabstract: 摘要正文。\nabstract-title: 摘要\n---\n\n正文。\n';
    const file = new VFile({ path: 'a.md', value: md });
    const tree = fromMarkdown(md, file);
    expect(file.messages.filter((m) => m.ruleId === 'meta-key-ignored' || m.ruleId === 'meta-invalid')).toEqual([]);
    expect(toMarkdown(tree)).toContain('abstract-title: 摘要\n');
    const other = new VFile({ path: 'b.md', value: md.replace('abstract-title: 摘要', 'abstract-title: 内容提要') });
    fromMarkdown(String(other.value), other);
    expect(other.messages.map((m) => m.ruleId)).toContain('meta-key-ignored');
  });
});

describe('rendering keys of pandoc and MyST', () => {
  it('bibliography, csl and the like are read without an error, left out of the model, and reported as info', async () => {
    const { fromMarkdown } = await import('../src/markdown/parse.js');
    const { VFile } = await import('vfile');
    const md = '---\nlang: zh\ntitle: 标题\nbibliography: references.json\ncsl: gb-t-7714.csl\nlink-citations: true\n---\n\n正文。\n';
    const file = new VFile({ path: 'a.md', value: md });
    const tree = fromMarkdown(md, file);
    expect(tree.data.meta.title.zh).toBe('标题');
    expect(file.messages.filter((m) => m.ruleId === 'meta-invalid')).toEqual([]);
    expect(file.messages.filter((m) => m.ruleId === 'meta-key-ignored').map((m) => m.message)).toHaveLength(3);
  });
});
