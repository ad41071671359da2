/**
 * The seed model with the metadata and caption fields the seed article does
 * not print: accepted date, funding note, notes on the authors, structured
 * abstracts, and English caption lines on its table and figure.
 */
import type { PhrasingContent } from 'mdast';
import type { ArticleMeta } from '../../src/model/meta.js';
import type { ArticleRoot, FigureFloat, TableFloat } from '../../src/model/types.js';

export const FUNDING_ZH = '湖南省自然科学基金项目（2023JJ30500）；湖南省卫生健康委科研计划项目（202203014589）';
export const FUNDING_EN = 'Natural Science Foundation of Hunan Province (2023JJ30500)';
export const NOTES_ZH = '舒兆平（1998—），女，湖南长沙人，硕士研究生，主要从事风湿免疫研究。';
export const NOTES_EN = 'SHU Zhaoping (1998—), female, master candidate, research on rheumatic immunology.';
export const TABLE_EN = 'Table 1 Functions of MSCs-EVs';
export const FIGURE_EN = 'Fig. 1 Functions of MSCs';

const zhParts = [
  { label: '目的', text: '探讨间充质干细胞治疗系统性红斑狼疮的机制。' },
  { label: '方法', text: '检索并综述近年的相关文献。' },
  { label: '结果', text: 'MSCs可调控免疫细胞，调节细胞自噬。' },
  { label: '结论', text: 'MSCs有望用于治疗系统性红斑狼疮。' },
];
const enParts = [
  { label: 'Objective', text: 'To review how mesenchymal stem cells treat lupus.' },
  { label: 'Methods', text: 'Recent literature was reviewed.' },
  { label: 'Results', text: 'MSCs regulate immune cells and autophagy.' },
  { label: 'Conclusions', text: 'MSCs are a promising therapy.' },
];

/**
 * The new metadata: the Chinese abstract is its parts joined as printed
 * (`目的：…方法：…`); the English one is laid out one part per line, which
 * the parts joined do not give back.
 */
export function newMeta(): Partial<ArticleMeta> {
  return {
    accepted: '2023-11-20',
    funding: { zh: FUNDING_ZH, en: FUNDING_EN },
    authorNotes: { zh: NOTES_ZH, en: NOTES_EN },
    abstract: {
      zh: zhParts.map((p) => `${p.label}：${p.text}`).join(''),
      en: enParts.map((p) => `${p.label}: ${p.text}`).join('\n'),
    },
    abstractParts: { zh: zhParts, en: enParts },
  };
}

/** The English caption of the table, with a superscript (`CD4⁺` written as structure). */
export function tableCaptionEn(): PhrasingContent[] {
  return [
    { type: 'text', value: `${TABLE_EN} on CD4` },
    { type: 'superscript', children: [{ type: 'text', value: '+' }] },
    { type: 'text', value: ' T cells' },
  ];
}

/** The tree with the new fields added (in place). */
export function withNewFields(tree: ArticleRoot): ArticleRoot {
  Object.assign(tree.data.meta, newMeta());
  for (const child of tree.children) {
    if (child.type === 'tableFloat') (child as TableFloat).captionEn = tableCaptionEn();
    if (child.type === 'figureFloat') (child as FigureFloat).captionEn = [{ type: 'text', value: FIGURE_EN }];
  }
  return tree;
}
