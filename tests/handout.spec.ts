import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { handoutFromTree, handoutMarkdown, handoutNotes, reportHandoutNotes, toTraditionalHandout, keyReferences } from '../src/handout/index.js';
import { findingToJson } from '../src/findings/index.js';
import { seedModel } from './helpers/seed.js';

const { tree } = seedModel();
const h = handoutFromTree(tree);
const md = handoutMarkdown(h);
const hant = handoutMarkdown(toTraditionalHandout(h));
const hk = handoutMarkdown(toTraditionalHandout(h, 'hk'));

describe('handout.md', () => {
  it('has both titles, names in Chinese and pinyin, affiliations in both languages', () => {
    expect(md).toMatch(/^---\nlang: zh-Hans\n---\n\n# 间充质干细胞治疗系统性红斑狼疮的机制及研究进展\n\n## Mechanisms and research advances/);
    expect(md).toContain('舒兆平 SHU Zhaoping¹，袁媛 YUAN Yuan²，付强 FU Qiang³*');
    expect(md).toContain('¹ 南华大学附属第一医院感染管理科，湖南衡阳421001 / Department of Healthcare-associated Infection Management');
  });

  it('has the abstract, keywords in both languages, the glossary table, Table 1, key references and the source', () => {
    expect(md).toContain('**摘要** 系统性红斑狼疮（systemic lupus erythematosus, SLE）');
    expect(md).toContain('**关键词** 间充质干细胞；系统性红斑狼疮；治疗；研究进展');
    expect(md).toContain('**Keywords** mesenchymal stem cells; systemic lupus erythematosus; therapy; research advances\n');
    expect(md).toMatch(/\| 中文 +\| English +\| 缩写 +\|/);
    expect(md).toMatch(/\| 间充质干细胞 +\| mesenchymal stem cells +\| MSCs +\|/);
    expect(md).toContain('### 表1 MSCs-EVs的具体功能');
    expect(md).toMatch(/\| BM-MSCs-Exo +\| 传递miR-146a-5p +\| 调节Th17\/Treg细胞失衡 +\|/);
    expect(md).toContain('来源：ISSN 2095-9664，2024年第2期，第75–80页');
  });

  it('keeps the formulas of the title and abstract as $…$ (pandoc reads them as math), in both scripts', () => {
    const withMath = structuredClone(tree);
    withMath.data.meta.title.zh = '高温下$\\mathcal{C}_{3}$作物的光合';
    withMath.data.meta.abstract!.zh = '叶片温度与气温之比$\\frac{T_{l}}{T_{a}}$随辐射增大。';
    const hm = handoutFromTree(withMath);
    for (const out of [handoutMarkdown(hm), handoutMarkdown(toTraditionalHandout(hm))]) {
      expect(out).toMatch(/^# 高[温溫]下\$\\mathcal\{C\}_\{3\}\$作物的光合$/m);
      expect(out).toMatch(/之比\$\\frac\{T_\{l\}\}\{T_\{a\}\}\$[随隨]辐?/);
      expect(out).not.toContain('\\$');
    }
  });

  it('picks key references by citation count, in number order', () => {
    const refs = keyReferences(tree);
    expect(refs.length).toBeGreaterThan(3);
    expect(refs.length).toBeLessThanOrEqual(8);
    expect(refs.map((r) => r.number)).toEqual([...refs.map((r) => r.number)].sort((a, b) => a - b));
    expect(refs.some((r) => r.number === 2)).toBe(true); // cited three times
  });
});

describe('notes for the editor', () => {
  it('never appear in the handout, in any script', () => {
    expect(h.keywords.enDerived).toBe(true);
    for (const text of [md, hant, hk]) {
      expect(text).not.toMatch(/待编辑|待編輯|确认|確認|术语表推得|術語表推得/);
    }
  });

  it('go to the findings as handout-term-unconfirmed (info)', () => {
    const file = new VFile({ path: 'seed.txt' });
    reportHandoutNotes(h, file, { line: 11, column: 5 });
    const findings = file.messages.map((m) => findingToJson(m));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'handout-term-unconfirmed', severity: 'info', line: 11, column: 5 });
    expect(findings[0]!.message).toContain('mesenchymal stem cells; systemic lupus erythematosus; therapy; research advances');
    // the Traditional handout has the same notes, reported once by the stage
    expect(handoutNotes(toTraditionalHandout(h))).toEqual(handoutNotes(h));
  });

  it('are none when the English keywords are the author\'s', () => {
    const own = { ...h, keywords: { ...h.keywords, enDerived: false } };
    expect(handoutNotes(own)).toEqual([]);
    const file = new VFile();
    reportHandoutNotes(own, file);
    expect(file.messages).toHaveLength(0);
  });
});

describe('handout.zh-Hant.md', () => {
  it('names its language in the front matter: zh-Hant-TW, or zh-Hant-HK with --variant hk', () => {
    expect(hant).toMatch(/^---\nlang: zh-Hant-TW\n---\n\n# 間充質幹細胞/);
    expect(hk).toMatch(/^---\nlang: zh-Hant-HK\n---\n\n# 間充質幹細胞/);
  });

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
