/**
 * The converter with growing tries (src/convert/opencc.ts) against
 * opencc-js's own, on the seed, on crafted strings and on every corpus article.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Converter } from 'opencc-js/cn2t';
import { indexOf, usesGrowingTries, simplifiedToTraditional } from '../src/convert/opencc.js';
import { Locale } from 'opencc-js/cn2t';
import { HAS_CORPUS, SEED_TEXT, corpusFiles } from './helpers/seed.js';

const TARGETS = ['twp', 'hk', 'tw', 'hkp'] as const;
const reference = new Map(TARGETS.map((t) => [t, Converter({ from: 'cn', to: t })]));
const ours = new Map(TARGETS.map((t) => [t, simplifiedToTraditional(t)]));

/** Where two strings first differ (null: equal), for a readable failure. */
function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  let i = 0;
  while (a[i] === b[i]) i++;
  return `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 10), i + 10))} vs ${JSON.stringify(b.slice(Math.max(0, i - 10), i + 10))}`;
}

describe('OpenCC with growing tries', () => {
  it('takes its own path for every target (not the fallback to opencc-js)', () => {
    for (const t of TARGETS) expect(usesGrowingTries(t), t).toBe(true);
  });

  it('indexes the sorted dictionaries by spans, and an unsorted one by maps, with the same entries', () => {
    const dicts = Object.values(Locale.configs as unknown as Record<string, { conversionChain: unknown[][] }>)
      .flatMap((c) => c.conversionChain.flat())
      .filter((d): d is string => typeof d === 'string');
    for (const d of new Set(dicts)) expect(indexOf(d).kind).toBe('span');
    const sorted = '中 x|中国 y|中国人 z|丰 w|丰收 v';
    const shuffled = '丰收 v|中 x|中国人 z|丰 w|中国 y';
    const a = indexOf(sorted);
    const b = indexOf(shuffled);
    expect(a.kind).toBe('span');
    expect(b.kind).toBe('map');
    const pair = (s: string) => s.charCodeAt(0) * 65536 + s.charCodeAt(1);
    for (const idx of [a, b]) {
      expect(idx.single('中'.charCodeAt(0))).toEqual(['中 x']);
      expect([...(idx.pair(pair('中国')) ?? [])].sort()).toEqual(['中国 y', '中国人 z']);
      expect(idx.pair(pair('丰收'))).toEqual(['丰收 v']);
      expect(idx.pair(pair('国人'))).toBeUndefined();
    }
  });

  it('converts the seed exactly as opencc-js, for every target', () => {
    for (const t of TARGETS) expect(firstDifference(ours.get(t)!(SEED_TEXT), reference.get(t)!(SEED_TEXT)), t).toBeNull();
  });

  it('agrees on phrases, regional words, single characters, astral characters and description sequences', () => {
    const samples = [
      '间充质干细胞治疗系统性红斑狼疮的研究进展',
      '鼠标和软件在信息技术中的应用；打印机、内存和程序',
      '头发发展，干燥的干部，面条和后面，里面的面',
      '𠀀𪚥汉字⿰氵工与⿱艹化后',
      '⿰',
      '于',
      '',
      'Latin only, 123 and punctuation：，。',
    ];
    for (const t of TARGETS) for (const s of samples) expect(ours.get(t)!(s), `${t}: ${s}`).toBe(reference.get(t)!(s));
    expect(ours.get('twp')!('鼠标和软件')).toBe('滑鼠和軟體');
    expect(ours.get('hk')!('间充质干细胞')).toBe('間充質幹細胞');
  });

  it.skipIf(!HAS_CORPUS)('agrees with opencc-js on every fourth corpus article (twp and hk)', () => {
    // Every fourth article: the two converters' agreement is per phrase, and a quarter of the corpus holds ample of them.
    const files = corpusFiles().filter((_, i) => i % 4 === 0);
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const t of ['twp', 'hk'] as const) expect(firstDifference(ours.get(t)!(text), reference.get(t)!(text)), `${t} ${f}`).toBeNull();
    }
  });
});
