/**
 * English keywords for articles whose source gives only Chinese ones: each
 * Chinese keyword is translated from the glossary (the expansion of a term
 * defined in the text) or, for general words, from a small word list checked
 * against the English title and abstract. An info finding asks an editor to
 * confirm the result.
 */
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { ArticleMeta } from '../model/meta.js';
import type { GlossaryEntry } from '../model/types.js';
import { report } from '../findings/index.js';

/** General keyword words; a candidate is used only when the English title or abstract contains it. */
const KEYWORD_WORDS: Record<string, string[]> = {
  治疗: ['therapy', 'treatment', 'therapeutics'],
  研究进展: ['research advances', 'research progress', 'advances', 'progress', 'review'],
  进展: ['advances', 'progress'],
  机制: ['mechanisms', 'mechanism'],
  作用机制: ['mechanisms of action', 'mechanism of action', 'mechanisms', 'mechanism'],
  发病机制: ['pathogenesis'],
  综述: ['review'],
  诊断: ['diagnosis'],
  鉴别诊断: ['differential diagnosis'],
  预后: ['prognosis'],
  预防: ['prevention'],
  临床: ['clinical'],
  临床研究: ['clinical study', 'clinical research'],
  临床试验: ['clinical trials', 'clinical trial'],
  临床应用: ['clinical application', 'clinical applications'],
  疗效: ['efficacy', 'curative effect'],
  安全性: ['safety'],
  免疫调节: ['immunomodulation', 'immune regulation', 'immunoregulation'],
  细胞治疗: ['cell therapy'],
  干细胞: ['stem cells', 'stem cell'],
  外泌体: ['exosomes', 'exosome'],
  细胞外囊泡: ['extracellular vesicles'],
  自噬: ['autophagy'],
  凋亡: ['apoptosis'],
  炎症: ['inflammation'],
  免疫: ['immunity'],
  移植: ['transplantation'],
  感染: ['infection'],
  感染控制: ['infection control'],
  医院感染: ['healthcare-associated infection', 'nosocomial infection', 'hospital infection'],
  危险因素: ['risk factors'],
  影响因素: ['influencing factors'],
  生活质量: ['quality of life'],
  护理: ['nursing', 'care'],
  流行病学: ['epidemiology'],
  系统评价: ['systematic review'],
  meta分析: ['meta-analysis'],
  Meta分析: ['meta-analysis'],
  荟萃分析: ['meta-analysis'],
  随机对照试验: ['randomized controlled trial', 'randomised controlled trial'],
  动物模型: ['animal model', 'animal models'],
  生物标志物: ['biomarkers', 'biomarker'],
  基因: ['genes', 'gene'],
  药物: ['drugs', 'drug'],
};

const HAN_RE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

function containsPhrase(haystack: string, phrase: string): boolean {
  const esc = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+');
  return new RegExp(`(?<![A-Za-z])${esc}(?![A-Za-z])`, 'i').test(haystack);
}

export interface DerivedKeywordsOptions {
  /** Where to point the finding (the Chinese keywords in the source). */
  place?: Position | null;
}

/**
 * English keywords derived from the Chinese ones. When the metadata already
 * has English keywords they are returned unchanged and nothing is reported.
 * Keywords that cannot be translated are left out and named in the finding.
 */
export function deriveEnglishKeywords(
  meta: ArticleMeta,
  glossary: readonly GlossaryEntry[],
  file?: VFile,
  options: DerivedKeywordsOptions = {},
): string[] {
  if (meta.keywords.en?.length) return [...meta.keywords.en];
  const zh = meta.keywords.zh ?? [];
  if (!zh.length) return [];
  const title = meta.title.en ?? '';
  const abstract = meta.abstract?.en ?? '';
  const out: string[] = [];
  const missing: string[] = [];
  for (const raw of zh) {
    const keyword = raw.trim();
    let en: string | undefined;
    if (!HAN_RE.test(keyword)) en = keyword;
    if (!en) en = glossary.find((g) => g.zh === keyword && g.en)?.en;
    if (!en) {
      const candidates = KEYWORD_WORDS[keyword] ?? [];
      en = candidates.find((c) => containsPhrase(title, c)) ?? candidates.find((c) => containsPhrase(abstract, c));
    }
    if (en && !out.some((o) => o.toLowerCase() === en!.toLowerCase())) out.push(en);
    else if (!en) missing.push(keyword);
  }
  if (file) {
    const reason =
      `English keywords derived from the glossary and the English title: ${out.join('; ') || '(none)'}` +
      (missing.length ? `; not translated: ${missing.join('; ')}` : '') +
      '. Please confirm them.';
    report(file, reason, { ruleId: 'keywords-en-derived', severity: 'info', place: options.place ?? null, stage: 'glossary' });
  }
  return out;
}
