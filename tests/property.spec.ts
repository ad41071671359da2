/**
 * Property-based hardening: mutations of the seed (deleted, duplicated and
 * shuffled blocks; random Unicode with controls, `<&]]>`, unpaired
 * surrogates, right-to-left marks; truncation) never make a stage throw, and
 * the Markdown round trip holds. Fixed seed, bounded number of cases.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { toMarkdown } from '../src/markdown/stringify.js';
import { fromMarkdown } from '../src/markdown/parse.js';
import { normalize } from '../src/normalize/index.js';
import { enrich } from '../src/enrich/index.js';
import { referencesStage } from '../src/references/index.js';
import { withoutPositions } from '../src/model/util.js';
import { model, SEED_TEXT } from './helpers/seed.js';
import { HOSTILE_PIECES, mutatedSeed } from './helpers/mutate.js';
import { toJats, validateJats } from '../src/jats/index.js';

const RUNS = Number(process.env.ZHPUB_PROPERTY_RUNS ?? 40);

function roundTrip(text: string) {
  const { tree } = model(text);
  const md = toMarkdown(tree);
  const file = new VFile({ path: 'x.md', value: md });
  const back = withRefs(normalize(fromMarkdown(md, file), file), file);
  return { tree, md, back, md2: toMarkdown(back) };
}

describe('mutated seed articles', () => {
  it('never throw, and Markdown → model → Markdown is stable', () => {
    fc.assert(
      fc.property(mutatedSeed(SEED_TEXT), (text) => {
        const { tree, md, back, md2 } = roundTrip(text);
        expect(md2).toBe(md);
        const v = validateJats(toJats(tree));
        expect(v.errors.filter((e) => e.ruleId === 'jats-dtd' || e.ruleId === 'jats-xml-malformed')).toEqual([]);
        expect(JSON.stringify(withoutPositions(back))).toBe(JSON.stringify(withoutPositions(tree)));
      }),
      { seed: 20261128, numRuns: RUNS },
    );
  });

  it('hostile characters anywhere stay text', () => {
    for (const piece of HOSTILE_PIECES) {
      const text = SEED_TEXT.replace('治疗策', `治疗${piece}策`).replace('SHU Zhaoping', `SHU ${piece}Zhaoping`);
      const { tree, md, md2 } = roundTrip(text);
      expect(md2).toBe(md);
      expect(validateJats(toJats(tree)).errors.filter((e) => e.ruleId === 'jats-dtd')).toEqual([]);
    }
  });
});

function withRefs<T extends Parameters<typeof enrich>[0]>(tree: T, file: VFile): T {
  referencesStage(tree, file);
  return enrich(tree, file) as T;
}
