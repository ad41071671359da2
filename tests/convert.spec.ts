import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import { convertMeta, convertTree, findTraditionalInSimplified, toTraditional } from '../src/convert/index.js';
import { emptyMeta } from '../src/model/meta.js';
import { makeCitation } from '../src/model/util.js';
import '../src/model/types.js';

describe('toTraditional', () => {
  it('converts to Taiwan standard with phrases by default', () => {
    expect(toTraditional('间充质干细胞')).toBe('間充質幹細胞');
    expect(toTraditional('系统性红斑狼疮')).toBe('系統性紅斑狼瘡');
    expect(toTraditional('软件')).toBe('軟體');
    expect(toTraditional('软件', 'tw')).toBe('軟體');
  });

  it('converts to Hong Kong standard', () => {
    expect(toTraditional('间充质干细胞', 'hk')).toBe('間充質幹細胞');
    expect(toTraditional('软件', 'hk')).toBe('軟件');
  });

  it('leaves Latin text, digits and punctuation alone', () => {
    expect(toTraditional('MSCs治疗SLE的机制（mesenchymal stem cells, MSCs）^[4-5]')).toBe(
      'MSCs治療SLE的機制（mesenchymal stem cells, MSCs）^[4-5]',
    );
    expect(toTraditional('TNF-α刺激基因-6')).toBe('TNF-α刺激基因-6');
    expect(toTraditional('SHU Zhaoping, FU Qiang')).toBe('SHU Zhaoping, FU Qiang');
  });
});

describe('convertTree', () => {
  const tree = (): Root => ({
    type: 'root',
    data: {
      meta: {
        ...emptyMeta(),
        title: { zh: '间充质干细胞治疗系统性红斑狼疮的机制及研究进展', en: 'Mechanisms and research advances' },
        authors: [{ name: { zh: '舒兆平', en: 'SHU Zhaoping' }, affiliations: ['aff1'], corresponding: false }],
        affiliations: [
          {
            id: 'aff1',
            label: '1',
            zh: { text: '南华大学附属第一医院感染管理科，湖南衡阳421001', city: '衡阳', province: '湖南' },
            en: { text: 'University of South China, Hengyang 421001, Hunan, China', city: 'Hengyang' },
          },
        ],
        keywords: { zh: ['间充质干细胞', '治疗'] },
      },
      glossary: [{ zh: '间充质干细胞', en: 'mesenchymal stem cells', abbr: 'MSCs' }],
    },
    children: [
      {
        type: 'heading',
        depth: 2,
        children: [{ type: 'text', value: 'MSCs调节细胞自噬，清除凋亡细胞' }],
      },
      {
        type: 'paragraph',
        position: { start: { line: 23, column: 1 }, end: { line: 23, column: 60 } },
        children: [
          { type: 'text', value: '间充质干细胞（mesenchymal stem cells, MSCs）是非造血干细胞', position: { start: { line: 23, column: 1 }, end: { line: 23, column: 40 } } },
          makeCitation([2]),
          { type: 'text', value: '。Cahill 等' },
          { type: 'emphasis', children: [{ type: 'text', value: '体外' }] },
        ],
      },
      {
        type: 'tableFloat',
        identifier: 'T1',
        label: '表1',
        caption: [{ type: 'text', value: 'MSCs-EVs的具体功能' }],
        children: [{ type: 'table', children: [{ type: 'tableRow', children: [{ type: 'tableCell', children: [{ type: 'text', value: '调节糖酵解' }] }] }] }],
      },
      {
        type: 'referenceList',
        children: [
          { type: 'referenceEntry', number: 1, identifier: 'ref-1', children: [{ type: 'text', value: '孙永涛. 间充质干细胞治疗系统性红斑狼疮[J]. 中华医学杂志, 2020.' }] },
        ],
      },
    ],
  });

  it('converts Chinese runs and leaves Latin text, citations and the reference list untouched', () => {
    const input = tree();
    const out = convertTree(input);
    const para = out.children[1] as Extract<Root['children'][number], { type: 'paragraph' }>;
    expect(para.children[0]).toEqual({
      type: 'text',
      value: '間充質幹細胞（mesenchymal stem cells, MSCs）是非造血幹細胞',
      position: { start: { line: 23, column: 1 }, end: { line: 23, column: 40 } },
    });
    expect(para.children[1]).toEqual(makeCitation([2]));
    expect(para.children[2]).toEqual({ type: 'text', value: '。Cahill 等' });
    expect(para.children[3]).toEqual({ type: 'emphasis', children: [{ type: 'text', value: '體外' }] });
    expect(out.children[0]).toMatchObject({ children: [{ value: 'MSCs調節細胞自噬，清除凋亡細胞' }] });
    expect(out.children[2]).toMatchObject({
      label: '表1',
      caption: [{ value: 'MSCs-EVs的具體功能' }],
      children: [{ children: [{ children: [{ children: [{ value: '調節糖酵解' }] }] }] }],
    });
    expect(out.children[3]).toEqual(input.children[3]);
    expect(out.data!.meta!.title).toEqual({ zh: '間充質幹細胞治療系統性紅斑狼瘡的機制及研究進展', en: 'Mechanisms and research advances' });
    expect(out.data!.meta!.authors[0]!.name).toEqual({ zh: '舒兆平', en: 'SHU Zhaoping' });
    expect(out.data!.meta!.affiliations[0]!.zh).toEqual({ text: '南華大學附屬第一醫院感染管理科，湖南衡陽421001', city: '衡陽', province: '湖南' });
    expect(out.data!.meta!.affiliations[0]!.en).toEqual(input.data!.meta!.affiliations[0]!.en);
    expect(out.data!.meta!.keywords.zh).toEqual(['間充質幹細胞', '治療']);
    expect(out.data!.glossary).toEqual([{ zh: '間充質幹細胞', en: 'mesenchymal stem cells', abbr: 'MSCs' }]);
  });

  it('returns a copy and leaves the input as it was', () => {
    const input = tree();
    const before = structuredClone(input);
    convertTree(input, 'hk');
    expect(input).toEqual(before);
  });

  it('convertMeta converts only Chinese fields', () => {
    const meta = { ...emptyMeta(), title: { zh: '研究进展', en: 'Research advances' } };
    expect(convertMeta(meta, 'hk').title).toEqual({ zh: '研究進展', en: 'Research advances' });
  });

  it('convertMeta converts the funding note, the author notes and the abstract parts', () => {
    const meta = {
      ...emptyMeta(),
      funding: { zh: '国家自然科学基金项目', en: 'National Natural Science Foundation' },
      authorNotes: { zh: '舒兆平，女，硕士研究生' },
      abstractParts: { zh: [{ label: '结论', text: '治疗后有效' }], en: [{ label: 'Conclusions', text: 'Effective.' }] },
    };
    const out = convertMeta(meta, 'tw');
    expect(out.funding).toEqual({ zh: toTraditional('国家自然科学基金项目', 'tw'), en: 'National Natural Science Foundation' });
    expect(out.funding?.zh).toMatch(/^國家自然科學基金/);
    expect(out.authorNotes).toEqual({ zh: '舒兆平，女，碩士研究生' });
    expect(out.abstractParts).toEqual({ zh: [{ label: '結論', text: '治療後有效' }], en: [{ label: 'Conclusions', text: 'Effective.' }] });
    expect(meta.funding.zh).toBe('国家自然科学基金项目');
  });
});

describe('findTraditionalInSimplified', () => {
  it('finds stray Traditional characters with their Simplified forms', () => {
    expect(findTraditionalInSimplified('间充質干细胞治疗後的髮')).toEqual([
      { index: 2, char: '質', simplified: '质' },
      { index: 8, char: '後', simplified: '后' },
      { index: 10, char: '髮', simplified: '发' },
    ]);
  });

  it('finds Taiwan and Hong Kong forms', () => {
    expect(findTraditionalInSimplified('裡面').map((s) => s.char)).toEqual(['裡']);
    expect(findTraditionalInSimplified('衞生').map((s) => [s.char, s.simplified])).toEqual([['衞', '卫']]);
  });

  it('accepts characters that are also Simplified', () => {
    expect(findTraditionalInSimplified('乾坤 著作 於是 干细胞 系统')).toEqual([]);
    expect(findTraditionalInSimplified('间充质干细胞治疗系统性红斑狼疮的机制及研究进展')).toEqual([]);
  });

  it('reports UTF-16 indices past Latin text and astral characters', () => {
    expect(findTraditionalInSimplified('MSCs 𠀀細胞')).toEqual([
      { index: 7, char: '細', simplified: '细' },
    ]);
  });
});
