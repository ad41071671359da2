/**
 * JATS for the model fields the seed does not print: accepted date, funding
 * note, notes on the authors, structured abstracts, English caption lines.
 * The seed model (ingest → normalize → references → enrich) with those
 * fields added is written, validated against the DTD and read back.
 */
import { describe, expect, test } from 'vitest';
import libxml from 'libxmljs2';
import type { Element } from 'libxmljs2';
import { VFile } from 'vfile';
import { emitJats, fromJats, toJats, type CslItem } from '../src/jats/index.js';
import { joinAbstractParts } from '../src/jats/abstract.js';
import type { ArticleRoot, FigureFloat, TableFloat } from '../src/model/types.js';
import { plainText, withoutPositions } from '../src/model/util.js';
import { parseReference } from '../src/references/parse.js';
import { seedModel } from './helpers/seed.js';
import { FIGURE_EN, FUNDING_EN, FUNDING_ZH, NOTES_EN, NOTES_ZH, TABLE_EN, withNewFields } from './helpers/new-fields.js';

/** Attach a CSL item to every reference, as the references stage does (see jats.seed.spec.ts). */
function withCsl(tree: ArticleRoot): ArticleRoot {
  for (const list of tree.children) {
    if (list.type !== 'referenceList') continue;
    for (const entry of list.children) {
      const csl: CslItem = parseReference(plainText(entry.children), entry.identifier).item;
      entry.data = { ...(entry.data ?? {}), csl } as typeof entry.data;
    }
  }
  return tree;
}

/** What JATS carries: the model without positions and ingest-time records. */
function comparable(tree: ArticleRoot): ArticleRoot {
  const copy = withoutPositions(tree);
  delete copy.data.positions;
  delete copy.data.authorMarks;
  return copy;
}

function floats(tree: ArticleRoot): { table: TableFloat; figure: FigureFloat } {
  const table = tree.children.find((c): c is TableFloat => c.type === 'tableFloat')!;
  const figure = tree.children.find((c): c is FigureFloat => c.type === 'figureFloat')!;
  return { table, figure };
}

describe('JATS: accepted date, funding, author notes, structured abstracts, English captions', () => {
  const tree = withNewFields(withCsl(seedModel().tree));
  const file = new VFile({ path: 'seed.txt' });
  const { xml, valid, validation } = emitJats(tree, file);
  const doc = libxml.parseXml(xml, { nonet: true });
  const am = '/article/front/article-meta';
  const texts = (xpath: string) => doc.find<Element>(xpath).map((n) => n.text().trim());

  test('is valid against the JATS 1.3 Journal Publishing DTD', () => {
    expect(validation.dtdChecked).toBe(true);
    expect(validation.errors).toEqual([]);
    expect(valid).toBe(true);
  });

  test('the accepted date goes into history after the received date', () => {
    const dates = doc.find<Element>(`${am}/history/date`).map((d) => `${d.attr('date-type')!.value()} ${d.attr('iso-8601-date')!.value()}`);
    expect(dates).toEqual(['received 2023-08-31', 'accepted 2023-11-20']);
    expect(texts(`${am}/history/date[@date-type="accepted"]/*`)).toEqual(['20', '11', '2023']);
  });

  test('the funding note is one funding-statement per language, after the keywords', () => {
    expect(texts(`${am}/funding-group/funding-statement[@xml:lang="zh"]`)).toEqual([FUNDING_ZH]);
    expect(texts(`${am}/funding-group/funding-statement[@xml:lang="en"]`)).toEqual([FUNDING_EN]);
    const order = doc.find<Element>(`${am}/*`).map((e) => e.name());
    expect(order.slice(order.indexOf('history'))).toEqual([
      'history', 'abstract', 'trans-abstract', 'trans-abstract', 'kwd-group', 'kwd-group', 'funding-group', 'counts',
    ]);
  });

  test('the notes on the authors follow the correspondence in author-notes, one fn per language', () => {
    const notes = doc.get<Element>(`${am}/author-notes`)!;
    expect(notes.childNodes().filter((n) => n.type() === 'element').map((n) => (n as Element).name())).toEqual(['corresp', 'fn', 'fn']);
    expect(texts(`${am}/author-notes/fn[@fn-type="other"][@xml:lang="zh"]/p`)).toEqual([NOTES_ZH]);
    expect(texts(`${am}/author-notes/fn[@fn-type="other"][@xml:lang="en"]/p`)).toEqual([NOTES_EN]);
  });

  test('a structured abstract is one sec per part; a whole text the parts do not give back is kept as printed', () => {
    const meta = tree.data.meta;
    expect(texts(`${am}/abstract/sec/title`)).toEqual(['目的', '方法', '结果', '结论']);
    expect(texts(`${am}/abstract/sec/p`)).toEqual(meta.abstractParts!.zh!.map((p) => p.text));
    expect(doc.find(`${am}/abstract/p`)).toHaveLength(0);
    // The Chinese text is its parts joined: nothing more is written.
    expect(joinAbstractParts(meta.abstractParts!.zh!, 'zh')).toBe(meta.abstract!.zh);
    expect(doc.find(`${am}/abstract[@specific-use]`)).toHaveLength(0);
    expect(texts(`${am}/trans-abstract[@xml:lang="en"][not(@specific-use)]/sec/title`)).toEqual(['Objective', 'Methods', 'Results', 'Conclusions']);
    expect(texts(`${am}/trans-abstract[@xml:lang="en"][@specific-use="as-printed"]/p`)).toEqual(meta.abstract!.en!.split('\n'));
  });

  test('English caption lines: a second caption in table-wrap and fig, each caption marked with its language', () => {
    for (const name of ['table-wrap', 'fig']) {
      const langs = doc.find<Element>(`//${name}/caption`).map((c) => c.attr('lang')?.value());
      expect(langs, name).toEqual(['zh', 'en']);
    }
    expect(texts('//table-wrap/caption[@xml:lang="zh"]/title')).toEqual(['MSCs-EVs的具体功能']);
    expect(texts('//table-wrap/caption[@xml:lang="en"]/title')).toEqual([`${TABLE_EN} on CD4+ T cells`]);
    expect(texts('//table-wrap/caption[@xml:lang="en"]/title/sup')).toEqual(['+']);
    expect(texts('//fig/caption[@xml:lang="en"]/title')).toEqual([FIGURE_EN]);
  });

  test('round trip: model → JATS → model is equal, and writes the same JATS again', () => {
    const back = fromJats(xml);
    expect(comparable(back)).toEqual(comparable(tree));
    expect(floats(back).table.captionEn).toBeDefined();
    expect(toJats(back)).toBe(xml);
  });
});

describe('JATS: the new fields one at a time', () => {
  const roundTrip = (tree: ArticleRoot) => {
    const { xml, validation } = emitJats(tree);
    expect(validation.errors).toEqual([]);
    return { xml, back: fromJats(xml) };
  };

  test('without the new fields nothing new is written', () => {
    const { xml } = roundTrip(withCsl(seedModel().tree));
    for (const name of ['funding-group', 'fn', 'date-type="accepted"', '<sec>\n<title>目的', 'xml:lang="en">\n<title>', 'as-printed']) expect(xml).not.toContain(name);
    expect(xml).toContain('<caption>\n<title>MSCs-EVs的具体功能</title>\n</caption>');
  });

  test('author notes without correspondence still give an author-notes', () => {
    const tree = withCsl(seedModel().tree);
    tree.data.meta.authorNotes = { zh: NOTES_ZH };
    tree.data.meta.authors = tree.data.meta.authors.map((a) => ({ ...a, corresponding: false, email: undefined }));
    delete tree.data.meta.correspondence;
    const { xml, back } = roundTrip(tree);
    expect(xml).not.toContain('<corresp');
    expect(back.data.meta.authorNotes).toEqual({ zh: NOTES_ZH });
  });

  test('an English caption without a Chinese one reads back as the English caption', () => {
    const tree = withCsl(seedModel().tree);
    const { table } = floats(tree);
    table.captionEn = table.caption;
    table.caption = [];
    const { xml, back } = roundTrip(tree);
    expect(xml).toContain('<caption xml:lang="en">\n<title>MSCs-EVs的具体功能</title>');
    expect(withoutPositions(floats(back).table)).toEqual(withoutPositions(table));
  });

  test('only an English funding note, only Chinese abstract parts', () => {
    const tree = withCsl(seedModel().tree);
    const meta = tree.data.meta;
    meta.funding = { en: FUNDING_EN };
    meta.abstractParts = { zh: [{ label: '目的', text: '测试。' }, { label: '结论', text: '可行。' }] };
    meta.abstract = { zh: '目的：测试。\n结论：可行。' };
    const { xml, back } = roundTrip(tree);
    expect(xml).toContain(`<funding-statement xml:lang="en">${FUNDING_EN}</funding-statement>`);
    expect(xml).toContain('<abstract specific-use="as-printed">');
    expect(back.data.meta.funding).toEqual({ en: FUNDING_EN });
    expect(back.data.meta.abstract).toEqual(meta.abstract);
    expect(back.data.meta.abstractParts).toEqual(meta.abstractParts);
  });
});
