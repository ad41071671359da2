/**
 * The house style written as code (src/references/house.ts) against the
 * citation processor running assets/csl/zhpub-house.csl: equal wherever the
 * code answers, and it answers for every seed reference.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHouse } from '../src/references/house.js';
import { formatReference } from '../src/references/format.js';
import { missingFields, parseReference, parseReferenceLines } from '../src/references/parse.js';
import { referenceItems } from '../src/references/check.js';
import type { CslItem } from '../src/references/csl.js';
import { HAS_CORPUS, ROOT, SHARED, model } from './helpers/seed.js';
import { CORPUS_TIMEOUT, corpusModels } from './helpers/corpus.js';
import { HOUSE_STYLE_STRINGS } from './helpers/house-strings.js';

const seedLines = readFileSync(path.join(ROOT, 'tests/fixtures/seed-references.txt'), 'utf8').split('\n').filter((l) => l.trim());
const seedItems = parseReferenceLines(seedLines.join('\n'));

/** Items the PDF formats (every field their type needs), the code's answer and the processor's. */
function compare(items: CslItem[]) {
  const complete = items.filter((it) => !missingFields(it).length);
  const processor = formatReference(complete, 'house');
  return complete.map((item, i) => ({ item, code: formatHouse(item), processor: processor[i] }));
}

function expectAgreement(rows: ReturnType<typeof compare>, maxUnanswered: number) {
  const wrong = rows.filter((r) => r.code !== null && r.code !== r.processor);
  expect(wrong.map((r) => ({ code: r.code, processor: r.processor }))).toEqual([]);
  const unanswered = rows.filter((r) => r.code === null).length;
  expect(unanswered / rows.length).toBeLessThanOrEqual(maxUnanswered);
}

describe('house style as code', () => {
  it('answers every seed reference exactly as the citation processor does', () => {
    const rows = compare(seedItems);
    expect(rows).toHaveLength(51);
    expect(rows.filter((r) => r.code === null)).toEqual([]);
    rows.forEach((r, i) => expect(r.code, `[${i + 1}]`).toBe(seedLines[i]));
    expectAgreement(rows, 0);
  });

  it('follows each branch of the style (types, editors, translators, editions, dates, links)', () => {
    const strings = [
      ...HOUSE_STYLE_STRINGS,
      'Jean-Paul Sartre JP, Müller-Lüdenscheidt K, O\'Brien D, et al. What\'s new? A review[J]. Lancet, 2001, 357:1-12.',
    ];
    const rows = compare(strings.map((s, i) => parseReference(s, `s${i}`).item));
    expect(rows.length).toBeGreaterThanOrEqual(14);
    expectAgreement(rows, 0.1);
    // these strings are already in the house style
    for (const r of rows) if (r.code !== null) expect(strings).toContain(r.code);
  });

  it('leaves to the processor what it does not model', () => {
    const base = parseReference('Smith J. A study[J]. J Things, 2020, 1(1):1-2.', 'x').item;
    expect(formatHouse(base)).toBe('Smith J. A study[J]. J Things, 2020, 1(1):1-2.');
    expect(formatHouse({ ...base, title: 'A “quoted” study' })).toBeNull();
    expect(formatHouse({ ...base, title: 'A study : part 1' })).toBeNull();
    expect(formatHouse({ ...base, author: [{ family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' }] })).toBeNull();
    expect(formatHouse({ ...base, issued: { literal: 'spring 2020' } })).toBeNull();
    expect(formatHouse({ ...base, page: '12 -15' })).toBeNull();
  });

  it.skipIf(!HAS_CORPUS)('agrees with the processor on the references of a quarter of the corpus and the labelled set', { timeout: CORPUS_TIMEOUT }, () => {
    const items: CslItem[] = [];
    // Every fourth article (among those corpus.ingest.a builds, shared when both run in one worker process).
    for (const m of corpusModels({ index: 0, of: 4 })) items.push(...referenceItems(m.tree).values());
    const labelled = readFileSync(path.join(SHARED, 'refs/gbt7714-2015-examples.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l, i) => parseReference((JSON.parse(l) as { string: string }).string, `l${i}`).item);
    const rows = compare([...items, ...labelled]);
    expect(rows.length).toBeGreaterThan(600);
    expectAgreement(rows, 0.08);
  });
});
