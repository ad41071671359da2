/**
 * JATS from the real pipeline front end: the seed article through ingest,
 * normalize and enrich (and the reference parser, standing in for the
 * references stage). Every corpus article is written and read back by
 * tests/helpers/corpus-ingest.ts.
 */
import { describe, expect, test } from 'vitest';
import libxml from 'libxmljs2';
import type { Element } from 'libxmljs2';
import { VFile } from 'vfile';
import { emitJats, fromJats, type CslItem } from '../src/jats/index.js';
import type { ArticleRoot } from '../src/model/types.js';
import { plainText, withoutPositions } from '../src/model/util.js';
import { parseReference } from '../src/references/parse.js';
import { enrich } from '../src/enrich/index.js';
import { seedModel } from './helpers/seed.js';

/** Attach a CSL item to every reference, as the references stage does. */
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

/**
 * What JATS carries: the model without source positions, and without the
 * ingest-time records of where metadata sat in the source text.
 */
function comparable(tree: ArticleRoot): ArticleRoot {
  const copy = withoutPositions(tree);
  delete copy.data.positions;
  delete copy.data.authorMarks;
  return copy;
}

describe('the seed article through ingest, normalize and enrich', () => {
  const { tree, file: source } = seedModel();
  enrich(tree, source);
  withCsl(tree);
  const file = new VFile({ path: 'seed.txt' });
  const { xml, valid, validation } = emitJats(tree, file);
  const doc = libxml.parseXml(xml, { nonet: true });
  const texts = (xpath: string) => doc.find<Element>(xpath).map((n) => n.text());

  test('gives DTD-valid JATS with no finding', () => {
    expect(validation.errors).toEqual([]);
    expect(validation.warnings).toEqual([]);
    expect(valid).toBe(true);
  });

  test('front matter as printed in the source', () => {
    expect(texts('//article-meta/title-group/article-title')).toEqual(['间充质干细胞治疗系统性红斑狼疮的机制及研究进展']);
    expect(texts('//trans-title-group[@xml:lang="en"]/trans-title')).toEqual([
      'Mechanisms and research advances of mesenchymal stem cell therapy for systemic lupus erythematosus',
    ]);
    expect(texts('//contrib/name-alternatives/name[@xml:lang="zh"]')).toEqual(['舒兆平', '袁媛', '付强']);
    expect(texts('//contrib/name-alternatives/name[@xml:lang="en"]')).toEqual(['SHUZhaoping', 'YUANYuan', 'FUQiang']);
    expect(doc.find('//contrib[@corresp="yes"]')).toHaveLength(1);
    expect(texts('//contrib[@corresp="yes"]/email')).toEqual(['fuqiang1990621@126.com']);
    expect(doc.find('//aff-alternatives/aff[@xml:lang="zh"]')).toHaveLength(3);
    expect(doc.find('//aff-alternatives/aff[@xml:lang="en"]')).toHaveLength(3);
    expect(texts('//journal-meta/issn')).toEqual(['2095-9664']);
    expect(texts('//article-meta/issue')).toEqual(['2']);
    expect(texts('//article-meta/fpage | //article-meta/lpage')).toEqual(['75', '80']);
    expect(texts('//article-meta/pub-date/year')).toEqual(['2024']);
    expect(doc.get<Element>('//history/date[@date-type="received"]')!.attr('iso-8601-date')!.value()).toBe('2023-08-31');
    expect(texts('//kwd-group[@xml:lang="zh"]/kwd')).toHaveLength(4);
    expect(doc.find('//trans-abstract')).toHaveLength(0);
  });

  test('body and back: five sections, one table, one figure, 51 references with element-citation', () => {
    expect(texts('/article/body/sec/label')).toEqual(['1', '2', '3', '4', '5']);
    expect(doc.find('//table-wrap')).toHaveLength(1);
    expect(doc.find('//fig')).toHaveLength(1);
    expect(doc.find('//ref-list/ref')).toHaveLength(51);
    expect(doc.find('//ref/citation-alternatives/element-citation')).toHaveLength(51);
    expect(texts('//back/notes[@notes-type="editor"]/p')).toEqual(['欧阳菁']);
  });

  test('derived English keywords and the glossary are carried', () => {
    const en = tree.data.meta.keywords.en ?? [];
    expect(texts('//kwd-group[@xml:lang="en"]/kwd')).toEqual(en);
    expect(doc.find('//back/glossary/def-list/def-item')).toHaveLength(tree.data.glossary?.length ?? 0);
  });

  test('round trip: model → JATS → model is equal', () => {
    expect(comparable(fromJats(xml))).toEqual(comparable(tree));
  });
});
