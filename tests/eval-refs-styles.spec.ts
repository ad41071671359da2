/**
 * The generator of the multi-style reference evaluation (scripts/eval-refs-styles.ts):
 * formatting in the Western styles and our Nature-like style, the seeded
 * damage, and the scoring it shares with scripts/eval-refs.ts. Needs nothing
 * from ../shared.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  addSpaces,
  addScore,
  breakTitle,
  damage,
  DAMAGE_KINDS,
  emptyTally,
  formatItems,
  removeSpaces,
  renumber,
  scoreGenerated,
  seededRandom,
  spaceInUrl,
  styleDefs,
  swapWidth,
  variants,
  type EvalItem,
  type Generated,
} from '../scripts/eval-refs-styles.js';
import { prf, scoreItem, shows, visibleFields } from '../scripts/eval-refs.js';
import type { CslItem } from '../src/references/csl.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const JOURNAL: EvalItem = {
  id: 'spec:journal',
  source: 'seed',
  csl: {
    type: 'article-journal',
    language: 'en',
    title: 'Adult mesenchymal stem cells in regenerative medicine',
    author: [
      { family: 'Smith', given: 'John' },
      { family: 'Doe', given: 'B. C.' },
    ],
    'container-title': 'Journal of Foo',
    volume: '14',
    issue: '10',
    page: '123-130',
    issued: { 'date-parts': [[2020]] },
    DOI: '10.1000/xyz.123',
  },
};
const BOOK: EvalItem = {
  id: 'spec:book',
  source: 'seed',
  csl: {
    type: 'book',
    language: 'en',
    title: 'Probability and random signals',
    author: [{ family: 'Peebles', given: 'Peyton Z.' }],
    edition: '4',
    publisher: 'McGraw-Hill',
    'publisher-place': 'New York',
    issued: { 'date-parts': [[2001]] },
  },
};
const CHINESE: EvalItem = {
  id: 'spec:zh',
  source: 'seed',
  csl: {
    type: 'article-journal',
    language: 'zh-CN',
    title: '诱导性多能干细胞移植治疗小鼠系统性红斑狼疮',
    author: [
      { family: '马', given: '琳洁' },
      { family: '薛', given: '文涛' },
    ],
    'container-title': '中国组织工程研究',
    volume: '23',
    issue: '33',
    page: '5286-5292',
    issued: { 'date-parts': [[2019]] },
  },
};
const ITEMS = [JOURNAL, BOOK, CHINESE];

function style(name: string) {
  const s = styleDefs(ROOT).find((d) => d.name === name);
  if (!s) throw new Error(name);
  return s;
}

describe('formatting', () => {
  it('formats in apa, vancouver, harvard1 and the Nature-like style, number marks as a list prints them', () => {
    const apa = formatItems(ITEMS, style('apa'));
    expect(apa.get(JOURNAL.id)).toBe(
      'Smith, J., & Doe, B. C. (2020). Adult mesenchymal stem cells in regenerative medicine. Journal of Foo, 14(10), 123–130. https://doi.org/10.1000/xyz.123',
    );
    expect(apa.get(CHINESE.id)).toContain('马琳洁, & 薛文涛. (2019).');

    const vancouver = formatItems(ITEMS, style('vancouver'));
    expect(vancouver.get(JOURNAL.id)).toBe(
      '1. Smith J, Doe BC. Adult mesenchymal stem cells in regenerative medicine. Journal of Foo. 2020;14(10):123–30. doi:10.1000/xyz.123',
    );
    expect(vancouver.get(BOOK.id)).toMatch(/^2\. Peebles PZ\. Probability and random signals\. 4th ed\. New York: McGraw-Hill; 2001\.$/);

    const harvard = formatItems(ITEMS, style('harvard1'));
    expect(harvard.get(JOURNAL.id)).toMatch(/^Smith, J\. and Doe, B\.C\. \(2020\) “Adult mesenchymal stem cells in regenerative medicine,” Journal of Foo, 14\(10\), pp\. 123–130\./);

    const nature = formatItems(ITEMS, style('nature'));
    expect(nature.get(JOURNAL.id)).toBe(
      '1. Smith, J. & Doe, B. C. Adult mesenchymal stem cells in regenerative medicine. Journal of Foo 14, 123–130 (2020). https://doi.org/10.1000/xyz.123',
    );
    expect(nature.get(BOOK.id)).toBe('2. Peebles, P. Z. Probability and random signals 4th edn (McGraw-Hill, 2001).');
    expect(nature.get(CHINESE.id)).toBe('3. 马琳洁 & 薛文涛. 诱导性多能干细胞移植治疗小鼠系统性红斑狼疮. 中国组织工程研究 23, 5286–5292 (2019).');
  });

  it('renumbers the mark a numeric style prints and leaves other strings alone', () => {
    expect(renumber('[1] Smith J. Title[J]. Foo, 2020.', 7)).toBe('[7] Smith J. Title[J]. Foo, 2020.');
    expect(renumber('1. Smith J. Title. Foo. 2020;1:2.', 12)).toBe('12. Smith J. Title. Foo. 2020;1:2.');
    expect(renumber('Smith, J. (2020). Title.', 3)).toBe('Smith, J. (2020). Title.');
  });
});

describe('damage', () => {
  const TEXT = '[3] Smith J, Doe B. A study of things[J]. Journal of Foo, 2020, 14(10): 123-130. DOI:10.1000/xyz.123.';
  const COMPACT = '1. Smith J, Doe BC. Title. J Foo. 2020;14(10):123–30. https://example.org/a/b_c.html';
  const strip = (s: string): string => s.replace(/\s+/g, '');

  it('is deterministic for a seed', () => {
    for (const kind of DAMAGE_KINDS) {
      expect(damage(TEXT, kind, 'seed-1', 'A study of things')).toBe(damage(TEXT, kind, 'seed-1', 'A study of things'));
    }
    const a = seededRandom('x');
    const b = seededRandom('x');
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(seededRandom('y')()).not.toBe(seededRandom('x')());
  });

  it('adds spaces after punctuation, and only spaces, never inside a URL', () => {
    const out = addSpaces(COMPACT, () => 0);
    expect(out).toBe('1. Smith J, Doe BC. Title. J Foo. 2020; 14(10): 123–30. https://example.org/a/b_c.html');
    expect(strip(addSpaces(COMPACT, seededRandom('s')))).toBe(strip(COMPACT));
  });

  it('removes the spaces after punctuation, and only those', () => {
    expect(removeSpaces(TEXT, () => 0)).toBe('[3]Smith J,Doe B.A study of things[J].Journal of Foo,2020,14(10):123-130.DOI:10.1000/xyz.123.');
    const some = removeSpaces(TEXT, seededRandom('r'));
    expect(strip(some)).toBe(strip(TEXT));
    expect(some.length).toBeLessThan(TEXT.length);
  });

  it('swaps full- and half-width punctuation both ways, URLs untouched', () => {
    expect(swapWidth('王颖翠，李四. 题名[J]. 杂志，2020，14（10）：1-8. https://a.org/x?a=1;b=(2)', () => 0)).toBe(
      '王颖翠,李四. 题名[J]. 杂志,2020,14(10):1-8. https://a.org/x?a=1;b=(2)',
    );
    const mixed = swapWidth(TEXT, seededRandom('w'));
    expect(mixed).not.toBe(TEXT);
    expect(mixed.normalize('NFKC')).toBe(TEXT);
  });

  it('puts one space inside the URL or DOI', () => {
    for (const text of [TEXT, COMPACT]) {
      const out = spaceInUrl(text, seededRandom(text));
      expect(out.length).toBe(text.length + 1);
      expect(out.replace(/ (?=\S*$)|(?<=\/\S*) /u, '')).toBe(text);
      const link = /(?:https?:\/\/|10\.)\S* \S+/u.exec(out);
      expect(link, out).not.toBeNull();
    }
    expect(spaceInUrl('Smith J. Title[J]. Foo, 2020.', () => 0.5)).toBe('Smith J. Title[J]. Foo, 2020.');
    expect(damage('Smith J. Title[J]. Foo, 2020.', 'url-space', 'x')).toBeUndefined();
  });

  it('breaks the title: a space between Han characters, a hyphen and a space inside a Latin word', () => {
    const zh = '[1] 马琳洁. 诱导性多能干细胞移植治疗小鼠系统性红斑狼疮[J]. 中国组织工程研究, 2019.';
    const out = breakTitle(zh, '诱导性多能干细胞移植治疗小鼠系统性红斑狼疮', seededRandom('t'));
    expect(out).toMatch(/^\[1\] 马琳洁\. \p{Script=Han}+ \p{Script=Han}+\[J\]/u);
    expect(out.replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/u, '')).toBe(zh);
    const en = breakTitle(TEXT, 'A study of things', () => 0);
    expect(en).toBe('[3] Smith J, Doe B. A study of thi- ngs[J]. Journal of Foo, 2020, 14(10): 123-130. DOI:10.1000/xyz.123.');
    expect(breakTitle(TEXT, 'Not in the string', () => 0)).toBe(TEXT);
    // a title that also stands inside a name is ambiguous: no break
    const twice = '[2] American Association for the Advancement of Science. Science[J]. 1883, 1(1).';
    expect(breakTitle(twice, 'Science', () => 0)).toBe(twice);
  });
});

describe('scoring', () => {
  it('counts a value as shown only where it stands as its own token or inside a longer folded value', () => {
    expect(shows('Foo, 2021, 14(10): 123-130.', '1')).toBe(false);
    expect(shows('Foo, 2021, 14(1): 123-130.', '1')).toBe(true);
    expect(shows('Foo. 2021;14(1):123–130.', '123-130')).toBe(true);
    expect(shows('4th ed. New York', '4')).toBe(true);
    // a place inside the publisher's name does not show the place
    expect(visibleFields('王五. 书名. 北京大学出版社, 2001.', { publisher: '北京大学出版社', 'publisher-place': '北京', issued: { 'date-parts': [[2001]] } }, ['publisher', 'publisher-place', 'issued'])).toEqual([
      'publisher',
      'issued',
    ]);
    // an issue equal to the volume, printed once; an issue inside the page range
    const issued = { 'date-parts': [[2013]] };
    const fields = ['volume', 'issue', 'page', 'issued'];
    expect(visibleFields('Nature Methods 10, 999–1002 (2013).', { volume: '10', issue: '10', page: '999-1002', issued }, fields)).toEqual(['volume', 'page', 'issued']);
    expect(visibleFields('Nature Methods. 2013;10(10):999–1002.', { volume: '10', issue: '10', page: '999-1002', issued }, fields)).toEqual(fields);
    expect(visibleFields('中华风湿病学杂志 26, 1–8 (2013).', { volume: '26', issue: '1', page: '1-8', issued }, fields)).toEqual(['volume', 'page', 'issued']);
  });

  it('scores only what the string shows; a known miss lowers F1', () => {
    const text = '1. Smith, J. & Doe, B. C. Adult mesenchymal stem cells in regenerative medicine. Journal of Foo 14, 123–130 (2020).';
    const [clean] = variants('nature', JOURNAL, text);
    expect(clean!.visible).toEqual(['title', 'container-title', 'volume', 'page', 'issued']); // no issue, no DOI in this string
    expect(clean!.authors).toBe(2);

    const gold = JOURNAL.csl;
    const right = { ...gold, id: 'x' } as unknown as CslItem;
    const wrong = { ...right, title: 'Adult mesenchymal stem cells in regenerative medicine. Journal of Foo', 'container-title': undefined } as CslItem;
    const good = scoreItem(text, gold, right, clean!.visible, clean!.authors);
    const bad = scoreItem(text, gold, wrong, clean!.visible, clean!.authors);
    expect(good.misses).toEqual([]);
    expect(bad.misses.map((m) => m.field)).toEqual(['title', 'container-title']);

    const tallyGood = emptyTally();
    const tallyBad = emptyTally();
    addScore(tallyGood, clean!, good);
    addScore(tallyBad, clean!, bad);
    expect(prf(tallyGood.overall).f1).toBe(1);
    expect(prf(tallyBad.overall).f1).toBeLessThan(1);
    expect(prf(tallyBad.fields.title!).f1).toBe(0);
    expect(tallyBad.failed).toHaveLength(1);
  });

  it('parses a generated GB/T-form string back and scores it', () => {
    const g: Generated = {
      style: 'gbt',
      itemId: CHINESE.id,
      source: 'seed',
      variant: 'clean',
      text: '[1] 马琳洁, 薛文涛. 诱导性多能干细胞移植治疗小鼠系统性红斑狼疮[J]. 中国组织工程研究, 2019, 23(33): 5286-5292.',
      gold: CHINESE.csl,
      visible: ['title', 'container-title', 'volume', 'issue', 'page', 'issued'],
      authors: 2,
    };
    const score = scoreGenerated(g);
    expect(score.counts.title!.tp).toBe(1);
    expect(score.counts.author!.tp).toBe(2);
  });
});
