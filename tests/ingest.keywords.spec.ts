import { describe, expect, it } from 'vitest';
import { englishKeywordsGlue, keywordsEnd, splitKeywords } from '../src/ingest/keywords.js';

describe('splitKeywords', () => {
  it.each([
    ['mixed semicolons', '太阳质子事件；太阳质子通量;航天任务;预报', ['太阳质子事件', '太阳质子通量', '航天任务', '预报']],
    ['ideographic spaces', '冬小麦　夏玉米　增产', ['冬小麦', '夏玉米', '增产']],
    ['single spaces', '冬小麦 夏玉米 增产', ['冬小麦', '夏玉米', '增产']],
    ['a trailing separator', '腐蚀；煤灰；烟气；', ['腐蚀', '煤灰', '烟气']],
    ['a leading colon', '：平动点轨道；分层微分修正', ['平动点轨道', '分层微分修正']],
    ['glued codes', '内辐射带，南大西洋异常区，磁暴 中图分类号P352', ['内辐射带', '南大西洋异常区', '磁暴']],
    ['bracketed codes', '品种；肉质【中图分类号】S826', ['品种', '肉质']],
    ['a note run in', '品种；肉质*通信作者：王志祥，教授', ['品种', '肉质']],
    ['Latin terms in a Chinese list', '线性调频；Dechirp；“停走停”', ['线性调频', 'Dechirp', '“停走停”']],
  ])('zh: %s', (_, text, list) => {
    expect(splitKeywords(text, 'zh')).toEqual(list);
  });

  it.each([
    ['semicolons and a final period', 'solar proton event; fluence; forecast.', ['solar proton event', 'fluence', 'forecast']],
    ['a note run in', 'animal production; application *Corresponding author, professor, E-mail: a@b.com', ['animal production', 'application']],
    ['double spaces', 'solar proton event  fluence  forecast', ['solar proton event', 'fluence', 'forecast']],
    ['single spaces are inside terms', 'deep learning image segmentation', ['deep learning image segmentation']],
    ['glued codes', 'fluence; forecast CLC number: P35 Document code: A', ['fluence', 'forecast']],
  ])('en: %s', (_, text, list) => {
    expect(splitKeywords(text, 'en')).toEqual(list);
  });
});

describe('keywordsEnd', () => {
  it('where the codes start', () => {
    expect(keywordsEnd('品种；肉质 中图分类号：S826')).toBe(5);
    expect(keywordsEnd('品种；肉质文献标识码：A')).toBe(5);
    expect(keywordsEnd('品种 DOI:10.1234/x')).toBe(2);
    expect(keywordsEnd('fluence Article ID: 1000-1328')).toBe(7);
  });

  it('the length when no code follows', () => {
    expect(keywordsEnd('品种；肉质')).toBe(5);
    expect(keywordsEnd('DOIs；品种')).toBe(7);
  });
});

describe('englishKeywordsGlue', () => {
  it('finds the Chinese body paragraph run into the last English keyword', () => {
    const text = 'equivalent method; budget; community health service institutions;建立健全社区卫生服务机构财政补偿机制，是……';
    const at = englishKeywordsGlue(text);
    expect(text.slice(at)).toMatch(/^建立健全/);
    expect(splitKeywords(text.slice(0, at), 'en')).toEqual(['equivalent method', 'budget', 'community health service institutions']);
  });
  it('-1 for a list without Chinese prose, or a Chinese list', () => {
    expect(englishKeywordsGlue('budget; calculation')).toBe(-1);
    expect(englishKeywordsGlue('当量法；财政补偿；测算预算方法')).toBe(-1);
  });
});
