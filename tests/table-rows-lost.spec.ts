import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { emitJats, fromJats } from '../src/jats/index.js';
import { fromMarkdown } from '../src/markdown/parse.js';
import { toMarkdown } from '../src/markdown/stringify.js';
import type { TableFloat } from '../src/model/types.js';
import { plainText } from '../src/model/util.js';
import { model } from './helpers/seed.js';

/** An article whose second table kept its captions and lost its rows in the extraction. */
const TEXT = [
  '# 两种地面的天线增益',
  '张三1',
  '（1. 某某大学，北京 100000）',
  '摘要：本文比较两种地面上天线的增益。',
  '关键词：天线；增益',
  '# 1 结果',
  '两种地面的最大增益见表1，主瓣增益见表2。',
  '表1 最大增益',
  '<table><tr><td>介质</td><td>增益</td></tr><tr><td>干燥土壤</td><td>4.1</td></tr></table>',
  '表2 两种干燥地面的主瓣增益 Table 2 Main lobe gain of two dry grounds',
  '# 2 结论',
  '干燥地面的增益较高。',
].join('\n\n');

const tables = (children: Array<{ type: string }>) => children.filter((c): c is TableFloat => c.type === 'tableFloat');

describe('a table whose rows the extraction lost', () => {
  const { tree, file } = model(TEXT, 'a.md');

  it('is kept with both captions and no rows, and said so', () => {
    const [first, lost] = tables(tree.children);
    expect(first!.children[0].children).toHaveLength(2);
    expect(lost!.label).toBe('表2');
    expect(plainText(lost!.caption)).toBe('两种干燥地面的主瓣增益');
    expect(plainText(lost!.captionEn ?? [])).toBe('Main lobe gain of two dry grounds');
    expect(lost!.children[0].children).toEqual([]);
    const finding = file.messages.find((m) => m.ruleId === 'ingest-table-empty');
    expect(finding?.message).toContain('kept as a caption without a table');
    expect(finding?.line).toBe(19);
  });

  it('is a caption alone in the Markdown, read back as the same table', () => {
    const md = toMarkdown(tree);
    expect(md).toContain('Table: 表2 两种干燥地面的主瓣增益\\\nMain lobe gain of two dry grounds\n\n## 2 结论');
    const back = tables(fromMarkdown(md, new VFile({ path: 'a.md' })).children);
    expect(back.map((t) => [t.label, plainText(t.caption), t.children[0].children.length])).toEqual([
      ['表1', '最大增益', 2],
      ['表2', '两种干燥地面的主瓣增益', 0],
    ]);
  });

  it('is a table-wrap with label and captions only in JATS, valid against the DTD, read back', () => {
    const out = emitJats(tree, new VFile({ path: 'a.md' }));
    expect(out.validation.errors).toEqual([]);
    expect(out.validation.dtdChecked).toBe(true);
    const wrap = /<table-wrap id="T2">[\s\S]*?<\/table-wrap>/.exec(out.xml)![0];
    expect(wrap).toContain('<label>表2</label>');
    expect(wrap).not.toMatch(/<table[\s>]/);
    const back = tables(fromJats(out.xml).children);
    expect(back[1]!.children[0].children).toEqual([]);
    expect(plainText(back[1]!.captionEn ?? [])).toBe('Main lobe gain of two dry grounds');
  });
});
