/**
 * A reference list read as one: its style family, and the entries written
 * in another (src/references/list.ts, ref-style-mixed).
 */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { ArticleRoot } from '../src/model/types.js';
import { emptyMeta } from '../src/model/meta.js';
import { listFamily, parseReferenceList } from '../src/references/list.js';
import { parseReferenceDetailed } from '../src/references/parse.js';
import { referencesStage } from '../src/references/check.js';

const vancouver = [
  'Smith J, Doe B. Effects of soy on rats. J Nutr. 2020;14(10):123-30.',
  'Li X, Wang Y, Chen Z. Stem cells in lupus. Nat Rev Rheumatol. 2021;16:1-12.',
  'Brown T. Immune tolerance. Cell. 2019;180(2):55-60.',
];
const nature = 'Zhang, Z., Feng, R. & Niu, L. Human umbilical cord stem cells in lupus. Cell Transplant 26, 1031–1042 (2017).';
const gbt = '张三. 某书[M]. 北京: 科学出版社, 2000.';

describe('the style family of a list', () => {
  it('is the family most entries were read as, when there are enough of them; GB/T 7714 counts by its type codes', () => {
    const read = (texts: string[]) => texts.map((s, i) => parseReferenceDetailed(s, `ref-${i + 1}`));
    expect(read(vancouver).map((r) => r.family)).toEqual(['vancouver', 'vancouver', 'vancouver']);
    expect(listFamily(read([...vancouver, nature]))).toBe('vancouver');
    expect(listFamily(read(vancouver.slice(0, 2)))).toBeUndefined();
    expect(listFamily(read([...vancouver, gbt, gbt, gbt]))).toBeUndefined(); // half and half: no family
    expect(listFamily(read([gbt, gbt, gbt, nature]))).toBe('gbt7714');
    // a line without a type code that no family reads is not counted as GB/T
    expect(listFamily(read([...vancouver, '这是一段正文，不是参考文献。']))).toBe('vancouver');
    expect(parseReferenceList([...vancouver, nature], ['a', 'b', 'c', 'd']).family).toBe('vancouver');
  });

  it('points out an entry written in another style (ref-style-mixed, info, at the entry)', () => {
    const entries = [...vancouver, nature].map((text, i) => ({
      type: 'referenceEntry' as const,
      number: i + 1,
      identifier: `ref-${i + 1}`,
      children: [{ type: 'text' as const, value: text }],
      position: { start: { line: 10 + i, column: 1 }, end: { line: 10 + i, column: text.length + 1 } },
    }));
    const tree = { type: 'root', data: { meta: emptyMeta() }, children: [{ type: 'referenceList', children: entries }] } as unknown as ArticleRoot;
    const file = new VFile();
    referencesStage(tree, file);
    const mixed = file.messages.filter((m) => m.ruleId === 'ref-style-mixed');
    expect(mixed.map((m) => [m.message, m.line])).toEqual([['Reference [4] is written in the Nature style; the rest of the list is in the Vancouver style', 13]]);
    expect(mixed[0]!.fatal).toBeUndefined(); // info
  });
});
