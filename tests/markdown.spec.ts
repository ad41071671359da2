import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkLint from 'remark-lint';
import remarkPresetLintRecommended from 'remark-preset-lint-recommended';
import remarkLintNoUndefinedReferences from 'remark-lint-no-undefined-references';
import { parse as yamlParse } from 'yaml';
import { toMarkdown } from '../src/markdown/stringify.js';
import { fromMarkdown } from '../src/markdown/parse.js';
import { normalize } from '../src/normalize/index.js';
import { enrich } from '../src/enrich/index.js';
import { referencesStage } from '../src/references/index.js';
import { plainText, withoutPositions } from '../src/model/util.js';
import { seedModel, model } from './helpers/seed.js';
import { FIGURE_EN, FUNDING_EN, FUNDING_ZH, NOTES_EN, NOTES_ZH, TABLE_EN, tableCaptionEn, withNewFields } from './helpers/new-fields.js';

function read(md: string) {
  const file = new VFile({ path: 'article.md', value: md });
  const tree = withRefs(normalize(fromMarkdown(md, file), file), file);
  return { tree, file };
}

describe('Markdown out', () => {
  const { tree } = seedModel();
  const md = toMarkdown(tree);

  it('has YAML front matter with all metadata in both languages', () => {
    const m = /^---\n([\s\S]*?)\n---\n/.exec(md);
    expect(m).not.toBeNull();
    const fm = yamlParse(m![1]!);
    // Pandoc/MyST layout: plain keys in the document language (zh), `-en` keys in English.
    expect(fm.title).toBe('间充质干细胞治疗系统性红斑狼疮的机制及研究进展');
    expect(fm['title-en']).toBe('Mechanisms and research advances of mesenchymal stem cell therapy for systemic lupus erythematosus');
    expect(fm.author).toEqual(['舒兆平', '袁媛', '付强']);
    expect(fm.authors[2]).toEqual({ name: '付强', 'name-en': 'FU Qiang', affiliations: ['aff3'], corresponding: true, email: 'fuqiang1990621@126.com' });
    expect(fm.affiliations[1].en.city).toBe('Hengyang');
    expect(fm.affiliations[1].city).toBe('衡阳');
    expect(fm.keywords).toHaveLength(4);
    expect(fm['keywords-en']).toHaveLength(4);
    expect(fm.articleNumber).toMatchObject({ issn: '2095-9664', year: 2024, issue: 2, firstPage: 75, lastPage: 80 });
    expect(fm.received).toBe('2023-08-31');
    expect(fm.editor).toBe('欧阳菁');
    expect(fm.clc).toEqual(['R593']);
  });

  it('writes sections, a GFM table with its caption, the figure, pandoc citations and the reference list', () => {
    expect(md).toContain('\n## 1 MSCs分泌可溶性因子，调控免疫细胞\n');
    expect(md).toContain('\n## 5 小结与展望\n');
    expect(md).toContain('\nTable: 表1 MSCs-EVs的具体功能\n\n| 类型');
    expect(md).toMatch(/\n\| MSCs-EVs +\| 传递miR-23a-3p +\| 促进CD4⁺ T细胞分化为Treg \|\n/);
    expect(md).toContain('![图1 MSCs的具体功能](<> "本图由Figdraw绘制")');
    expect(md).toContain('治疗策略[@ref-4; @ref-5]。');
    expect(md).toContain('[@ref-21; @ref-22; @ref-23]');
    expect(md).not.toContain('^[');
    expect(md).toContain('\n## 参考文献\n\n1. Ameer MA');
    expect(md).toContain('\n51. Masterson CH');
    expect(md).toContain('*Lupus Sci Med*');
    expect(md).toContain('MRL-Fas<sup>lpr</sup> Mice');
  });

  // Pandoc/MyST citations `[@ref-4]` are brackets without a link definition by design; the
  // preset's no-undefined-references rule is told so (as in the shipped .remarkrc.json).
  it('is clean under remark-lint recommended', async () => {
    const file = await unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkGfm)
      .use(remarkLint)
      .use(remarkPresetLintRecommended)
      .use(remarkLintNoUndefinedReferences, { allow: [/^@ref-\d+(?:; @ref-\d+)*$/i] })
      .use(remarkStringify)
      .process(new VFile({ path: 'article.md', value: md }));
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).toEqual([]);
  });

  it('the written file of a build is the same Markdown', async () => {
    const { buildOne } = await import('../pipeline/run.js');
    const { mkdtemp } = await import('node:fs/promises');
    const os = await import('node:os');
    const out = await mkdtemp(path.join(os.tmpdir(), 'zhpub-md-'));
    const r = await buildOne(path.resolve('source/000_551b843f840d1098.txt'), { formats: ['md'], variant: 'tw' }, { outDir: out });
    expect(readFileSync(path.join(r.outDir, 'article.md'), 'utf8')).toBe(md);
  });
});

describe('Markdown in', () => {
  it('round trip on the seed: Markdown → model → Markdown is byte-identical', () => {
    const md = toMarkdown(seedModel().tree);
    const { tree, file } = read(md);
    expect(toMarkdown(tree)).toBe(md);
    expect(file.messages.filter((m) => m.fatal !== undefined)).toEqual([]);
  });

  it('round trip on the seed: text → model → Markdown → model is equal', () => {
    const { tree } = seedModel();
    const back = read(toMarkdown(tree)).tree;
    expect(withoutPositions(back)).toEqual(withoutPositions(tree));
  });

  it('reports invalid front matter naming the field, without a crash', () => {
    const md = toMarkdown(seedModel().tree).replace('issn: 2095-9664', 'issn: 2095-96').replace('received: 2023-08-31', 'received: 31.08.2023');
    const { file } = read(md);
    const reasons = file.messages.filter((m) => m.ruleId === 'meta-invalid').map((m) => m.reason);
    expect(reasons.some((r) => r.includes('front matter.articleNumber.issn'))).toBe(true);
    expect(reasons.some((r) => r.includes('front matter.received'))).toBe(true);
  });

  it('keeps reference numbering with gaps and repeats', () => {
    const { tree } = model('标题\n\n正文^[1]。\n\n参考文献\n\n[1] A B. T[J]. J, 2020, 1:1.\n[3] C D. U[J]. J, 2021, 2:2.\n');
    const md = toMarkdown(tree);
    const back = read(md).tree;
    expect(withoutPositions(back)).toEqual(withoutPositions(tree));
    expect(toMarkdown(back)).toBe(md);
  });

  it('an unnumbered heading that starts with digits stays unnumbered', () => {
    const { tree } = model('标题\n\n正文。\n\n# 86 2.2 玉米青贮\n\n内容。\n');
    const md = toMarkdown(tree);
    const back = read(md).tree;
    expect(withoutPositions(back)).toEqual(withoutPositions(tree));
  });
});

describe('Markdown: accepted date, funding, author notes, structured abstracts, English captions', () => {
  const tree = withNewFields(seedModel().tree);
  const md = toMarkdown(tree);

  it('writes the new metadata into the front matter', () => {
    const fm = yamlParse(/^---\n([\s\S]*?)\n---\n/.exec(md)![1]!);
    expect(fm.accepted).toBe('2023-11-20');
    expect([fm.funding, fm['funding-en']]).toEqual([FUNDING_ZH, FUNDING_EN]);
    expect([fm.authorNotes, fm['authorNotes-en']]).toEqual([NOTES_ZH, NOTES_EN]);
    expect(fm.abstractParts.map((p: { label: string }) => p.label)).toEqual(['目的', '方法', '结果', '结论']);
    expect(fm['abstractParts-en']).toHaveLength(4);
  });

  it('writes an English caption line as the second line of the caption', () => {
    expect(md).toContain(`\nTable: 表1 MSCs-EVs的具体功能\\\n${TABLE_EN} on CD4<sup>+</sup> T cells\n\n| 类型`);
    expect(md).toContain(`![图1 MSCs的具体功能\n${FIGURE_EN}](<> "本图由Figdraw绘制")`);
  });

  it('reads back into the same model, and Markdown → model → Markdown is byte-identical', () => {
    const { tree: back, file } = read(md);
    expect(file.messages.filter((m) => m.ruleId === 'meta-invalid')).toEqual([]);
    expect(withoutPositions(back)).toEqual(withoutPositions(tree));
    const table = back.children.find((c) => c.type === 'tableFloat');
    expect(withoutPositions(table?.type === 'tableFloat' && table.captionEn)).toEqual(tableCaptionEn());
    expect(toMarkdown(back)).toBe(md);
  });

  it('a float with only its English caption line', () => {
    const { tree } = seedModel();
    for (const child of tree.children) {
      if (child.type === 'tableFloat' || child.type === 'figureFloat') {
        child.captionEn = [{ type: 'text', value: plainText(child.caption) }];
        child.caption = [];
      }
    }
    const md = toMarkdown(tree);
    expect(md).toContain('\nTable: 表1\\\nMSCs-EVs的具体功能\n');
    expect(md).toContain('![图1\nMSCs的具体功能](<>');
    const back = read(md).tree;
    expect(withoutPositions(back)).toEqual(withoutPositions(tree));
    expect(toMarkdown(back)).toBe(md);
  });

  it('is clean under remark-lint recommended', async () => {
    const file = await unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkGfm)
      .use(remarkLint)
      .use(remarkPresetLintRecommended)
      .use(remarkLintNoUndefinedReferences, { allow: [/^@ref-\d+(?:; @ref-\d+)*$/i] })
      .use(remarkStringify)
      .process(new VFile({ path: 'article.md', value: md }));
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).toEqual([]);
  });
});

// The corpus round trip runs in tests/helpers/corpus-ingest.ts (corpus.ingest.a/b specs), on the models built there once.

function withRefs<T extends Parameters<typeof enrich>[0]>(tree: T, file: VFile): T {
  referencesStage(tree, file);
  return enrich(tree, file) as T;
}
