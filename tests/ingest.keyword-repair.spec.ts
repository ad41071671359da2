import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { severityOf } from '../src/findings/index.js';
import { ingest } from '../src/ingest/index.js';
import { capitalGroups, hanAtoms, repairKeywords } from '../src/ingest/keyword-repair.js';

const ARTICLE = [
  '水轮发电机组在独立电网中运行时，高频切机可能失败。本文研究折向器的动作。',
  '高频切机方案依赖水轮发电机组的调速系统；折向器在独立电网里起关键作用。',
  'Hydro-generator units in an isolated power grid; over frequency generator tripping uses the jet deflector.',
].join('\n');

describe('repairKeywords', () => {
  it('cuts a Chinese list that lost a separator into as many keywords as the English list has', () => {
    const zhRaw = '水轮发电机组高频切机 折向器 独立电网';
    const enRaw = 'Hydro-generator units, over frequency generator tripping, jet deflector, isolated power grid';
    const out = repairKeywords(
      { zh: ['水轮发电机组高频切机', '折向器', '独立电网'], en: enRaw.split(', ') },
      { zhRaw, enRaw, text: `${ARTICLE}\n关键词：${zhRaw}\nKeywords: ${enRaw}` },
    );
    expect(out?.zh).toEqual(['水轮发电机组', '高频切机', '折向器', '独立电网']);
    expect(out?.en).toEqual(enRaw.split(', '));
  });

  it('cuts both lists when neither has separators, at the count the article explains', () => {
    const text = '细胞的代谢过程离不开酶。糖基化反应修饰蛋白质，也修饰小分子代谢物。\nThe cell: a metabolic process needs an enzyme. A glycosylation reaction of a protein and of small molecule metabolites.';
    const zhRaw = '细胞 代谢过程酶糖基化反应蛋白质小分子代谢物';
    const enRaw = 'Cell Metabolic process Enzyme Glycosylation reaction Protein Small molecule metabolites';
    const out = repairKeywords({ zh: ['细胞', '代谢过程酶糖基化反应蛋白质小分子代谢物'], en: [enRaw] }, { zhRaw, enRaw, text });
    expect(out).toEqual({
      zh: ['细胞', '代谢过程', '酶', '糖基化反应', '蛋白质', '小分子代谢物'],
      en: ['Cell', 'Metabolic process', 'Enzyme', 'Glycosylation reaction', 'Protein', 'Small molecule metabolites'],
    });
  });

  it('splits an acronym run into a word and keeps a space inside a keyword the article writes that way', () => {
    const text = '诺如病毒的装甲RNA由Qbeta噬菌体包装，作为标准参考样品。Armored RNA of Norovirus in a Qbeta bacteriophage is a reference material for real-time RT-PCR.';
    const zhRaw = '诺如病毒 装甲RNAQbeta 噬菌体 标准参考样品 实时荧光定量RT-PCR';
    const enRaw = 'Norovirus Armored RNA Qbeta bacteriophage reference material real-time RT-PCR';
    const out = repairKeywords({ zh: ['诺如病毒', '装甲RNAQbeta', '噬菌体', '标准参考样品', '实时荧光定量RT-PCR'], en: [enRaw] }, { zhRaw, enRaw, text });
    expect(out?.zh).toEqual(['诺如病毒', '装甲RNA', 'Qbeta 噬菌体', '标准参考样品', '实时荧光定量RT-PCR']);
    expect(out?.en).toEqual(['Norovirus', 'Armored RNA', 'Qbeta bacteriophage', 'reference material', 'real-time RT-PCR']);
  });

  it('leaves lists printed with separators, and lists the article does not explain', () => {
    const list = { zh: ['折向器', '独立电网'], en: ['jet deflector', 'isolated power grid'] };
    expect(repairKeywords(list, { zhRaw: '折向器；独立电网', enRaw: 'jet deflector; isolated power grid', text: ARTICLE })).toBeNull();
    // The English count asks for two keywords, but the article uses neither half of the fused one.
    expect(repairKeywords({ zh: ['甲乙丙丁'], en: ['alpha', 'beta'] }, { zhRaw: '甲乙丙丁', enRaw: 'alpha; beta', text: '无关的正文。' })).toBeNull();
    // An English keyword the article never uses: the English list is not cut.
    const en = 'Cell Unheard term';
    expect(repairKeywords({ zh: ['细胞', '代谢'], en: [en] }, { zhRaw: '细胞；代谢', enRaw: en, text: 'cell and more' })).toBeNull();
  });

  it('reads atoms and capital groups', () => {
    expect(hanAtoms('装甲RNAQbeta 噬菌体').map((a) => a.text)).toEqual(['装', '甲', 'RNA', 'Qbeta', '噬', '菌', '体']);
    expect(capitalGroups(['Cell', 'Metabolic', 'process', 'RNA', 'Enzyme'])).toEqual(['Cell', 'Metabolic process RNA', 'Enzyme']);
  });
});

describe('ingest: keyword lists without separators', () => {
  it('recuts the list and says so in an info finding at the keyword line', () => {
    const text = [
      '# 独立电网中水轮发电机组的高频切机研究',
      '张三1',
      '（1. 某某大学，北京 100000）',
      '摘要：水轮发电机组在独立电网中运行时，高频切机可能失败。本文研究折向器的动作，高频切机方案依赖水轮发电机组的调速系统。',
      '关键词：水轮发电机组高频切机 折向器 独立电网',
      '中图分类号：TK735.1',
      'Keywords: Hydro-generator units, over frequency generator tripping, jet deflector, isolated power grid',
      '# 1 引言',
      '折向器在独立电网里起关键作用。',
    ].join('\n\n');
    const file = new VFile({ path: 'a.md' });
    const { tree } = ingest(text, file);
    expect(tree.data.meta.keywords.zh).toEqual(['水轮发电机组', '高频切机', '折向器', '独立电网']);
    const finding = file.messages.find((m) => m.ruleId === 'ingest-keywords-recut');
    expect(severityOf(finding!)).toBe('info');
    expect(finding?.line).toBe(9);
    expect(finding?.message).toContain('水轮发电机组高频切机 | 折向器');
  });
});
