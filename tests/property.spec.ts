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

const RUNS = Number(process.env.ZHPUB_PROPERTY_RUNS ?? 8);

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
    // Each piece in a sentence of its own (after a full stop of the body), all of them in an author's name.
    const commas = [...SEED_TEXT.matchAll(/。/g)].map((m) => m.index!).filter((at) => at > SEED_TEXT.indexOf('治疗策'));
    const step = Math.floor(commas.length / HOSTILE_PIECES.length);
    let text = SEED_TEXT;
    HOSTILE_PIECES.map((piece, k) => [commas[k * step]!, piece] as const)
      .reverse()
      .forEach(([at, piece]) => (text = `${text.slice(0, at + 1)}${piece}${text.slice(at + 1)}`));
    expect(step).toBeGreaterThan(0);
    expect(text.length).toBe(SEED_TEXT.length + HOSTILE_PIECES.join('').length);
    text = text.replace('SHU Zhaoping', `SHU ${HOSTILE_PIECES.join(' ')}Zhaoping`);
    const { tree, md, md2 } = roundTrip(text);
    expect(md2).toBe(md);
    expect(validateJats(toJats(tree)).errors.filter((e) => e.ruleId === 'jats-dtd')).toEqual([]);
  });
});

function withRefs<T extends Parameters<typeof enrich>[0]>(tree: T, file: VFile): T {
  referencesStage(tree, file);
  return enrich(tree, file) as T;
}

describe('hostile text through every output', () => {
  it('the PDF, handout and reference exports are produced without an exception', async () => {
    const { renderArticlePdf } = await import('../src/render/index.js');
    const { handoutFromTree, handoutMarkdown, toTraditionalHandout } = await import('../src/handout/index.js');
    const { referenceItems, toBibtex, toRis, toCslJson } = await import('../src/references/index.js');
    const all = HOSTILE_PIECES.join('');
    const text = SEED_TEXT.replace('治疗策', `治疗${all}策`)
      .replace('间充质干细胞治疗系统性红斑狼疮的机制', `间充质${all}干细胞治疗系统性红斑狼疮的机制`)
      .replace('Ameer MA', `Ameer${all} MA`);
    const { tree } = model(text);
    const pdf = await renderArticlePdf(tree, { date: new Date(0) });
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const md = handoutMarkdown(toTraditionalHandout(handoutFromTree(tree)));
    expect(md).toContain('間充質');
    const items = [...referenceItems(tree).values()];
    expect(toBibtex(items)).toContain('@');
    expect(toRis(items)).toContain('TY  - ');
    expect(JSON.parse(toCslJson(items))).toHaveLength(51);
  });
});
