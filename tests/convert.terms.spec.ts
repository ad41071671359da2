/**
 * The project's scientific terms on top of OpenCC (src/convert/terms-tw.ts):
 * every listed term converts to its form through `toTraditional`, the
 * function the handout uses; what OpenCC alone makes of it is still what the
 * list records; the guards OpenCC gets right stay right; sentences keep
 * OpenCC's reading of the words around a term.
 */
import { describe, expect, it } from 'vitest';
import { HK_TERMS, TW_GUARDS, TW_TERMS, toTraditional, traditionalLanguageTag } from '../src/convert/index.js';
import { simplifiedToTraditional } from '../src/convert/opencc.js';
import { handoutFromTree, handoutMarkdown, toTraditionalHandout } from '../src/handout/index.js';
import { SEED_TEXT, seedModel } from './helpers/seed.js';

const rawTw = simplifiedToTraditional('twp');
const rawHk = simplifiedToTraditional('hk');
const HAN_ONLY = /^\p{Script=Han}+$/u;

describe('the Taiwan term list', () => {
  it('has at least 50 scientific terms, each once, in Han characters, with a note', () => {
    const scientific = TW_TERMS.filter((t) => t.kind !== 'keep');
    expect(scientific.length).toBeGreaterThanOrEqual(50);
    expect(new Set(TW_TERMS.map((t) => t.zh)).size).toBe(TW_TERMS.length);
    for (const t of [...TW_TERMS, ...HK_TERMS]) {
      expect(t.zh, t.zh).toMatch(HAN_ONLY);
      expect(t.note.length, t.zh).toBeGreaterThan(5);
    }
  });

  it('converts every listed term to its Taiwan form', () => {
    for (const t of TW_TERMS) expect(toTraditional(t.zh), t.zh).toBe(t.to);
  });

  it('records what OpenCC alone makes of each term: a wrong form for corrections, the same form for kept phrases', () => {
    for (const t of TW_TERMS) {
      expect(rawTw(t.zh), t.zh).toBe(t.opencc);
      if (t.kind === 'keep') expect(t.opencc, t.zh).toBe(t.to);
      else expect(t.opencc, t.zh).not.toBe(t.to);
    }
  });

  it('keeps the guards OpenCC already gets right', () => {
    expect(TW_GUARDS.length).toBeGreaterThanOrEqual(40);
    for (const [zh, tw] of TW_GUARDS) {
      expect(rawTw(zh), zh).toBe(tw);
      expect(toTraditional(zh), zh).toBe(tw);
    }
  });

  it('keeps 前列腺素 (prostaglandin) apart from 攝護腺 (the gland)', () => {
    expect(rawTw('前列腺素')).toBe('攝護腺素');
    expect(toTraditional('前列腺素')).toBe('前列腺素');
    expect(toTraditional('前列腺素E2')).toBe('前列腺素E2');
    expect(toTraditional('前列腺癌')).toBe('攝護腺癌');
    expect(toTraditional('前列腺增生与前列腺素合成')).toBe('攝護腺增生與前列腺素合成');
  });

  it('reads 程序性死亡 as a procedure, not a computer program', () => {
    for (const [zh, tw] of [
      ['程序性死亡', '程序性死亡'],
      ['细胞程序性死亡', '細胞程序性死亡'],
      ['程序性细胞死亡', '程序性細胞死亡'],
      ['程序性死亡配体1', '程序性死亡配體1'],
      ['程序化细胞死亡', '程序化細胞死亡'],
    ]) {
      expect(toTraditional(zh!), zh).toBe(tw);
      expect(toTraditional(zh!), zh).not.toContain('程式');
    }
    // computing senses of 程序 stay as OpenCC writes them
    expect(toTraditional('应用程序')).toBe('應用程式');
    expect(toTraditional('程序员')).toBe('程式設計師');
  });

  it('keeps the seed article\'s sentence with 前列腺素 right, and the rest as OpenCC writes it', () => {
    const start = SEED_TEXT.indexOf('MSCs通过产生吲哚胺');
    const sentence = SEED_TEXT.slice(start, SEED_TEXT.indexOf('。', start) + 1);
    expect(sentence).toContain('环氧合酶2/前列腺素E2(cyclooxygenase 2/prostaglandin E2, COX-2/PGE2)');
    const tw = toTraditional(sentence);
    expect(tw).toContain('環氧合酶2/前列腺素E2(cyclooxygenase 2/prostaglandin E2, COX-2/PGE2)');
    expect(tw).not.toContain('攝護腺');
    expect(tw).toBe(rawTw(sentence).replace('攝護腺素', '前列腺素'));
    // the other seed sentences the list changes
    expect(toTraditional('一般认为SLE与先天性免疫和适应性免疫的过度激活相关')).toBe('一般認為SLE與先天性免疫和適應性免疫的過度活化相關');
    expect(toTraditional('和与程序性死亡配体通路')).toBe('和與程序性死亡配體通路');
    expect(toTraditional('通过基质金属蛋白酶剪切修饰自分泌的')).toBe('通過基質金屬蛋白酶剪切修飾自分泌的');
    expect(toTraditional('抑制白细胞介素')).toBe('抑制介白素');
    expect(toTraditional('MSCs-Exo是最常见的MSCs-EVs类型')).toBe('MSCs-Exo是最常見的MSCs-EVs類型');
  });

  it('sees a term only where OpenCC\'s cutting into words lets it start', () => {
    // a term inside one of OpenCC's phrases is not one
    expect(toTraditional('双方差异')).toBe('雙方差異');
    expect(toTraditional('借方差额')).toBe('借方差額');
    expect(toTraditional('优势能够')).toBe('優勢能夠');
    // kept phrases cut words apart where a term would be read across them (OpenCC: 刺啟用性, 應啟用動)
    expect(rawTw('刺激活性')).toBe('刺啟用性');
    expect(toTraditional('刺激活性')).toBe('刺激活性');
    expect(toTraditional('应激活动')).toBe('應激活動');
    expect(toTraditional('信息素养')).toBe('資訊素養');
    expect(toTraditional('鼠标本身')).toBe('滑鼠本身');
    expect(toTraditional('小鼠标本')).toBe('小鼠標本');
    expect(toTraditional('大鼠标记')).toBe('大鼠標記');
    expect(toTraditional('机体自身免疫力')).toBe('機體自身免疫力');
    expect(toTraditional('自身免疫性疾病')).toBe('自體免疫性疾病');
  });

  it('replaces the computing sense of a word, not OpenCC\'s longer computing phrases', () => {
    expect(toTraditional('血液循环')).toBe('血液循環');
    expect(toTraditional('恶性循环')).toBe('惡性循環');
    expect(toTraditional('循环系统')).toBe('循環系統');
    expect(toTraditional('死循环')).toBe('死迴圈');
    expect(toTraditional('参数估计')).toBe('參數估計');
    expect(toTraditional('参数表')).toBe('參數列');
    expect(toTraditional('波函数')).toBe('波函數');
    expect(toTraditional('构造函数')).toBe('建構函式');
    expect(toTraditional('细胞类型')).toBe('細胞類型');
    expect(toTraditional('数据类型')).toBe('資料型別');
    expect(toTraditional('饲料添加剂')).toBe('飼料添加劑');
    expect(toTraditional('社区获得性肺炎')).toBe('社區獲得性肺炎');
    expect(toTraditional('网络的社区结构')).toBe('網路的社群結構');
    expect(toTraditional('孕妇禁用')).toBe('孕婦禁用');
  });

  it('leaves text without a listed term exactly as OpenCC converts it', () => {
    const text = '间充质干细胞治疗系统性红斑狼疮的研究进展；鼠标和软件在信息技术中的应用；打印机、内存和程序';
    expect(toTraditional(text)).toBe(rawTw(text));
  });
});

describe('Hong Kong', () => {
  it('converts its few listed terms to their Hong Kong form, and records what OpenCC makes of them', () => {
    for (const t of HK_TERMS) {
      expect(rawHk(t.zh), t.zh).toBe(t.opencc);
      expect(toTraditional(t.zh, 'hk'), t.zh).toBe(t.to);
    }
    expect(toTraditional('范德华力', 'hk')).toBe('范德華力');
    expect(toTraditional('灰色关联系数', 'hk')).toBe('灰色關聯係數');
  });

  it('has none of the Taiwan phrase errors: every Taiwan term reads as OpenCC\'s Hong Kong conversion', () => {
    const hkZh = new Set(HK_TERMS.map((t) => t.zh));
    for (const t of TW_TERMS) {
      if (hkZh.has(t.zh)) continue;
      expect(toTraditional(t.zh, 'hk'), t.zh).toBe(rawHk(t.zh));
      if (t.kind === 'wrong' || t.kind === 'it') expect(toTraditional(t.zh, 'hk'), t.zh).not.toBe(t.opencc);
    }
    expect(toTraditional('前列腺素', 'hk')).toBe('前列腺素');
    expect(toTraditional('程序性死亡', 'hk')).toBe('程序性死亡');
  });
});

describe('the handout in Traditional Chinese', () => {
  const h = handoutFromTree(seedModel().tree);
  const tw = handoutMarkdown(toTraditionalHandout(h, 'tw'));
  const hk = handoutMarkdown(toTraditionalHandout(h, 'hk'));

  it('writes the glossary\'s prostaglandin, interleukin and NK cells in their Taiwan forms', () => {
    expect(tw).toMatch(/\| 環氧合酶2\/前列腺素E2 +\| cyclooxygenase 2\/prostaglandin E2 +\| COX-2\/PGE2 +\|/);
    expect(tw).not.toContain('攝護腺');
    expect(tw).toContain('介白素-1受體相關激酶1');
    expect(tw).toContain('自然殺手細胞');
    expect(tw).toContain('| 類型');
    expect(hk).toContain('環氧合酶2/前列腺素E2');
    expect(hk).toContain('白細胞介素-1受體相關激酶1');
  });

  it('names its language', () => {
    expect(traditionalLanguageTag('tw')).toBe('zh-Hant-TW');
    expect(traditionalLanguageTag('hk')).toBe('zh-Hant-HK');
  });
});
