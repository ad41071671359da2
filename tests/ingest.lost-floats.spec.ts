import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { Paragraph } from 'mdast';
import { citedNumbers, lostNumbers, restoreLostFloats } from '../src/ingest/lost-floats.js';
import type { ArticleRoot, FigureFloat } from '../src/model/types.js';
import { ingest } from '../src/ingest/index.js';

const para = (value: string, line: number): Paragraph => ({
  type: 'paragraph',
  children: [{ type: 'text', value }],
  position: { start: { line, column: 1, offset: 0 }, end: { line, column: value.length + 1, offset: value.length } },
});
const fig = (n: number, caption = '示意图'): FigureFloat => ({ type: 'figureFloat', identifier: `F${n}`, label: `图${n}`, caption: caption ? [{ type: 'text', value: caption }] : [], children: [] });

describe('citedNumbers', () => {
  it('reads 图n, Fig. n, 表n, Table n; not 附图, 续表 or chapter numbers', () => {
    expect(citedNumbers('如图6所示，图 2(a)和Fig. 3中', 'figure')).toEqual([6, 2, 3]);
    expect(citedNumbers('见附图1与图2-1、图3.2', 'figure')).toEqual([]);
    expect(citedNumbers('由表4可知，Table 5 与续表1', 'table')).toEqual([4, 5]);
  });
});

describe('lostNumbers', () => {
  it('a gap in the run, and cited numbers just past its end', () => {
    expect(lostNumbers(new Set([1, 3]), new Set([1, 2, 3]))).toEqual([2]);
    expect(lostNumbers(new Set([1, 2, 3, 4, 5]), new Set([5, 6, 7, 9]))).toEqual([6, 7]);
  });
  it('nothing when no float of the kind is present, or nothing cited is absent', () => {
    expect(lostNumbers(new Set(), new Set([1, 2]))).toEqual([]);
    expect(lostNumbers(new Set([1, 2]), new Set([1, 2, 4]))).toEqual([]);
  });
});

describe('restoreLostFloats', () => {
  it('puts an empty figure after the first paragraph citing a lost one, with a warning at that paragraph', () => {
    const file = new VFile();
    const children: ArticleRoot['children'] = [para('如图1所示。', 3), fig(1), para('结构如图2所示。', 7), para('图2表明……', 9), fig(3), para('见图3。', 12)];
    const out = restoreLostFloats(children, file);
    expect(out.map((c) => (c.type === 'figureFloat' ? c.label : c.type))).toEqual(['paragraph', '图1', 'paragraph', '图2', 'paragraph', '图3', 'paragraph']);
    const lost = out[3] as FigureFloat;
    expect(lost.caption).toEqual([]);
    expect(lost.url).toBeUndefined();
    expect(file.messages.map((m) => [m.ruleId, m.fatal, m.line])).toEqual([['ingest-float-lost', false, 7]]);
  });

  it('a lost table is reported, not invented; a table whose caption was read is not lost', () => {
    const file = new VFile();
    const out = restoreLostFloats([para('由表2可知，表3中', 4)], file, new Set([1, 2]));
    expect(out).toHaveLength(1);
    expect(file.messages.map((m) => [m.ruleId, m.fatal, m.message])).toEqual([['ingest-float-lost', false, '表3 is cited in the text, but the input has no table 3']]);
  });

  it('with an uncaptioned figure present the loss is only likely: info, nothing inserted', () => {
    const file = new VFile();
    const out = restoreLostFloats([para('如图1、图2所示', 2), fig(1), fig(3, '')], file);
    expect(out).toHaveLength(3);
    expect(file.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['ingest-float-lost', undefined]]);
  });
});

describe('in ingest', () => {
  it('a figure cited but dropped by the extraction reaches the model as an empty figure', () => {
    const text = ['# 标题', '', '## 1 引言', '', '结果如图1所示。', '', '![](images/a.jpg)', '', '图1 试验区位置', '', '流程如图2所示，此后讨论。', ''].join('\n');
    const file = new VFile({ path: 'a.md', value: text });
    const { tree } = ingest(text, file);
    const figures = tree.children.filter((c): c is FigureFloat => c.type === 'figureFloat');
    expect(figures.map((f) => [f.label, f.caption.length > 0])).toEqual([['图1', true], ['图2', false]]);
    expect(file.messages.some((m) => m.ruleId === 'ingest-float-lost' && /图2/.test(m.message))).toBe(true);
  });
});
