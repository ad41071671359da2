import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { deriveEnglishKeywords } from '../src/glossary/index.js';
import { findingToJson } from '../src/findings/index.js';
import { emptyMeta, type ArticleMeta } from '../src/model/meta.js';
import type { GlossaryEntry } from '../src/model/types.js';

const GLOSSARY: GlossaryEntry[] = [
  { zh: '系统性红斑狼疮', en: 'systemic lupus erythematosus', abbr: 'SLE' },
  { zh: '间充质干细胞', en: 'mesenchymal stem cells', abbr: 'MSCs' },
  { zh: '随机对照试验', abbr: 'RCT' },
];

function seedMeta(): ArticleMeta {
  const meta = emptyMeta();
  meta.title = {
    zh: '间充质干细胞治疗系统性红斑狼疮的机制及研究进展',
    en: 'Mechanisms and research advances of mesenchymal stem cell therapy for systemic lupus erythematosus',
  };
  meta.keywords = { zh: ['间充质干细胞', '系统性红斑狼疮', '治疗', '研究进展'] };
  return meta;
}

describe('deriveEnglishKeywords', () => {
  it('derives the seed keywords from the glossary and the English title', () => {
    const file = new VFile();
    const place = { start: { line: 11, column: 4 }, end: { line: 11, column: 30 } };
    expect(deriveEnglishKeywords(seedMeta(), GLOSSARY, file, { place })).toEqual([
      'mesenchymal stem cells',
      'systemic lupus erythematosus',
      'therapy',
      'research advances',
    ]);
    expect(file.messages.map((m) => findingToJson(m))).toEqual([
      expect.objectContaining({ ruleId: 'keywords-en-derived', severity: 'info', line: 11, column: 4 }),
    ]);
    expect(file.messages[0]!.reason).toContain('mesenchymal stem cells; systemic lupus erythematosus; therapy; research advances');
  });

  it('uses a general word only when the English title has it', () => {
    const meta = seedMeta();
    meta.title.en = 'Mesenchymal stem cell treatment of systemic lupus erythematosus: progress';
    const file = new VFile();
    expect(deriveEnglishKeywords(meta, GLOSSARY, file)).toEqual([
      'mesenchymal stem cells',
      'systemic lupus erythematosus',
      'treatment',
      'progress',
    ]);
  });

  it('names the keywords it cannot translate', () => {
    const meta = seedMeta();
    meta.keywords.zh = ['间充质干细胞', '狼疮肾炎', 'PD-1'];
    const file = new VFile();
    expect(deriveEnglishKeywords(meta, GLOSSARY, file)).toEqual(['mesenchymal stem cells', 'PD-1']);
    expect(file.messages[0]!.reason).toMatch(/not translated: 狼疮肾炎/);
  });

  it('keeps English keywords the source gives, without a finding', () => {
    const meta = seedMeta();
    meta.keywords.en = ['mesenchymal stem cells', 'lupus'];
    const file = new VFile();
    expect(deriveEnglishKeywords(meta, GLOSSARY, file)).toEqual(['mesenchymal stem cells', 'lupus']);
    expect(file.messages).toEqual([]);
  });
});
