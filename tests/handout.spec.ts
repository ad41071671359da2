import { describe, expect, it } from 'vitest';
import { handoutFromTree, handoutMarkdown, toTraditionalHandout, keyReferences } from '../src/handout/index.js';
import { seedModel } from './helpers/seed.js';

const { tree } = seedModel();
const h = handoutFromTree(tree);
const md = handoutMarkdown(h);
const hant = handoutMarkdown(toTraditionalHandout(h));
const hk = handoutMarkdown(toTraditionalHandout(h, 'hk'));

describe('handout.md', () => {
  it('has both titles, names in Chinese and pinyin, affiliations in both languages', () => {
    expect(md).toMatch(/^# 间充质干细胞治疗系统性红斑狼疮的机制及研究进展\n\n## Mechanisms and research advances/);
    expect(md).toContain('舒兆平 SHU Zhaoping¹，袁媛 YUAN Yuan²，付强 FU Qiang³*');
    expect(md).toContain('¹ 南华大学附属第一医院感染管理科，湖南衡阳421001 / Department of Healthcare-associated Infection Management');
  });

  it('has the abstract, keywords in both languages (derived ones marked), the glossary table, Table 1, key references and the source', () => {
    expect(md).toContain('**摘要** 系统性红斑狼疮（systemic lupus erythematosus, SLE）');
    expect(md).toContain('**关键词** 间充质干细胞；系统性红斑狼疮；治疗；研究进展');
    expect(md).toMatch(/\*\*Keywords\*\* mesenchymal stem cells; systemic lupus erythematosus; therapy; research advances （由术语表推得，待编辑确认）/);
    expect(md).toMatch(/\| 中文 +\| English +\| 缩写 +\|/);
    expect(md).toMatch(/\| 间充质干细胞 +\| mesenchymal stem cells +\| MSCs +\|/);
    expect(md).toContain('### 表1 MSCs-EVs的具体功能');
    expect(md).toMatch(/\| BM-MSCs-Exo +\| 传递miR-146a-5p +\| 调节Th17\/Treg细胞失衡 +\|/);
    expect(md).toContain('来源：ISSN 2095-9664，2024年第2期，第75–80页');
  });

  it('picks key references by citation count, in number order', () => {
    const refs = keyReferences(tree);
    expect(refs.length).toBeGreaterThan(3);
    expect(refs.length).toBeLessThanOrEqual(8);
    expect(refs.map((r) => r.number)).toEqual([...refs.map((r) => r.number)].sort((a, b) => a - b));
    expect(refs.some((r) => r.number === 2)).toBe(true); // cited three times
  });
});

describe('handout.zh-Hant.md', () => {
  it('reads 間充質幹細胞 and 系統性紅斑狼瘡, with English and references unchanged', () => {
    expect(hant).toContain('間充質幹細胞');
    expect(hant).toContain('系統性紅斑狼瘡');
    expect(hant).toContain('## Mechanisms and research advances of mesenchymal stem cell therapy for systemic lupus erythematosus');
    expect(hant).toContain('SHU Zhaoping');
    expect(hant).toContain('**關鍵詞**');
    const refs = (s: string) => s.slice(s.indexOf('Key references'), s.lastIndexOf('\n\n'));
    expect(refs(hant)).toBe(refs(md));
    expect(hant).not.toContain('间充质干细胞');
  });

  it('--variant hk uses Hong Kong forms', () => {
    expect(hk).toContain('間充質幹細胞');
    expect(hk).not.toBe(hant);
  });
});
