/** The scoring of `npm run eval:ingest` on small constructed labels and trees. */
import { describe, expect, it } from 'vitest';
import type { PhrasingContent, RootContent } from 'mdast';
import { emptyMeta, type ArticleMeta } from '../src/model/meta.js';
import type { ArticleRoot, FigureFloat, ReferenceEntry, ReferenceList, TableFloat } from '../src/model/types.js';
import {
  FIELDS,
  canon,
  englishNameKey,
  failedArticle,
  parseLabel,
  scoreArticle,
  summarize,
  type FieldName,
  type IngestLabel,
  type Verdict,
} from '../scripts/ingest-score.js';

const LABEL: IngestLabel = {
  file: 'ChinaXiv-000000.00000V1.md',
  title_zh: '中短期任务的太阳质子事件通量预报研究',
  title_en: 'Study on Forecast of Solar Proton Event Fluence',
  authors_zh: ['崔延美', '师立勤'],
  authors_en: ['CUI Yanmei', 'SHI Liqin'],
  affiliations_zh_count: 1,
  affiliations_en_count: 1,
  abstract_zh_start: '太阳质子事件通量的预',
  abstract_zh_end: '预测的依据。',
  abstract_en_start: 'Forecasting the solar proton e',
  abstract_en_end: 'm 1 day to 365 days.',
  keywords_zh: ['太阳质子事件', '预报'],
  keywords_en: ['solar proton events', 'forecast'],
  clc: ['P35'],
  funding: true,
  received: '2018-10-12',
  corresponding_email: 'cui@nssc.ac.cn',
  references_count: 2,
  references_first: 'King，J.H. Solar proton fl',
  references_last: 'National Centers for Envi',
  references_numbered: true,
  tables: 1,
  tables_with_caption: 1,
  figures: 2,
};

function goodMeta(): ArticleMeta {
  return {
    ...emptyMeta(),
    title: { zh: '中短期任务的太阳质子事件通量预报研究', en: 'Study on Forecast of Solar Proton Event Fluence' },
    authors: [
      { name: { zh: '崔延美', en: 'CUI Yanmei' }, affiliations: ['aff1'], corresponding: true, email: 'cui@nssc.ac.cn' },
      { name: { zh: '师立勤', en: 'SHI Liqin' }, affiliations: ['aff1'], corresponding: false },
    ],
    affiliations: [{ id: 'aff1', label: '1', zh: { text: '中国科学院国家空间科学中心' }, en: { text: 'National Space Science Center' } }],
    abstract: {
      zh: '太阳质子事件通量的预报对航天任务十分重要，本文给出预测的依据。',
      en: 'Forecasting the solar proton event fluence matters; we give forecasts from 1 day to 365 days.',
    },
    keywords: { zh: ['太阳质子事件', '预报'], en: ['solar proton events', 'forecast'] },
    clc: ['P35'],
    funding: { zh: '国家自然科学基金（41074123）' },
    received: '2018-10-12',
  };
}

const txt = (value: string): PhrasingContent => ({ type: 'text', value });

function entry(n: number, value: string): ReferenceEntry {
  return { type: 'referenceEntry', number: n, identifier: `ref-${n}`, children: [txt(value)] };
}

function table(n: number, caption: string): TableFloat {
  return { type: 'tableFloat', identifier: `T${n}`, label: `表${n}`, caption: caption ? [txt(caption)] : [], children: [{ type: 'table', children: [] }] };
}

function figure(n: number): FigureFloat {
  return { type: 'figureFloat', identifier: `F${n}`, label: `图${n}`, caption: [txt(`图${n} 通量`)], children: [] };
}

function goodChildren(): RootContent[] {
  const refs: ReferenceList = {
    type: 'referenceList',
    children: [entry(1, 'King, J. H. Solar proton fluences for 1977-1983 space missions[J].'), entry(2, 'National Centers for Environmental Information. GOES data[EB/OL].')],
  };
  // the second figure sits inside a block quote: floats are found anywhere in the tree
  const nested = { type: 'blockquote', children: [figure(2)] } as unknown as RootContent;
  return [{ type: 'paragraph', children: [txt('正文')] }, table(1, '表1 质子事件'), figure(1), nested, refs];
}

function tree(meta: ArticleMeta = goodMeta(), children: RootContent[] = goodChildren()): ArticleRoot {
  return { type: 'root', children, data: { meta } };
}

function verdictOf(verdicts: Verdict[], field: FieldName): Verdict {
  const v = verdicts.find((x) => x.field === field);
  if (!v) throw new Error(`no verdict for ${field}`);
  return v;
}

function wrongFields(verdicts: Verdict[]): FieldName[] {
  return verdicts.filter((v) => !v.correct).map((v) => v.field);
}

describe('canonical strings', () => {
  it('folds NFKC, white space, markup and Latin case', () => {
    expect(canon(' Ａbc\\*  $^{1}$ 摘 要 ')).toBe('abc1摘要');
    expect(canon('ＲＮＡ')).toBe(canon('rna'));
    expect(canon('质子')).not.toBe(canon('质量'));
  });

  it('ignores hyphens and case in English names', () => {
    expect(englishNameKey('Zhang Jia-qi')).toBe(englishNameKey('ZHANG Jiaqi'));
    expect(englishNameKey('Zhang Jiaqing')).not.toBe(englishNameKey('ZHANG Jiaqi'));
  });
});

describe('scoreArticle', () => {
  it('scores a correct tree 100 % on every field', () => {
    const verdicts = scoreArticle(LABEL, tree());
    expect(verdicts.map((v) => v.field)).toEqual([...FIELDS]);
    expect(wrongFields(verdicts)).toEqual([]);
    expect(summarize([verdicts]).every((t) => t.correct === 1 && t.total === 1 && t.accuracy === 100)).toBe(true);
  });

  it('misses a wrong title, and only the title', () => {
    const meta = goodMeta();
    meta.title.zh = '中短期任务的太阳质子事件通量预报';
    const verdicts = scoreArticle(LABEL, tree(meta));
    expect(wrongFields(verdicts)).toEqual(['title_zh']);
    expect(verdictOf(verdicts, 'title_zh')).toMatchObject({ expected: LABEL.title_zh, got: meta.title.zh });
  });

  it('misses an author list of the wrong length', () => {
    const meta = goodMeta();
    meta.authors = meta.authors.slice(0, 1);
    const verdicts = scoreArticle(LABEL, tree(meta));
    expect(verdictOf(verdicts, 'authors_zh').correct).toBe(false);
    expect(verdictOf(verdicts, 'authors_en').correct).toBe(false);
    expect(verdictOf(verdicts, 'corresponding_email').correct).toBe(true);
  });

  it('skips authors without a name in one language when listing that language', () => {
    const meta = goodMeta();
    meta.authors.push({ name: { en: 'WANG Wu' }, affiliations: [], corresponding: false });
    const verdicts = scoreArticle(LABEL, tree(meta));
    expect(verdictOf(verdicts, 'authors_zh').correct).toBe(true);
    expect(verdictOf(verdicts, 'authors_en').correct).toBe(false);
  });

  it('folds case and hyphens in English author names, but not letters', () => {
    const label = { ...LABEL, authors_en: ['Cui Yan-mei', 'Shi Li-qin'] };
    expect(verdictOf(scoreArticle(label, tree()), 'authors_en').correct).toBe(true);
    const other = { ...LABEL, authors_en: ['Cui Yanmei', 'Shi Liqing'] };
    expect(verdictOf(scoreArticle(other, tree()), 'authors_en').correct).toBe(false);
  });

  it('matches abstract starts as prefixes and ends as suffixes after canonicalization', () => {
    const label = { ...LABEL, abstract_zh_start: '太阳 质子事件', abstract_en_end: 'from 1 day to 365 DAYS.' };
    const verdicts = scoreArticle(label, tree());
    expect(verdictOf(verdicts, 'abstract_zh_start').correct).toBe(true);
    expect(verdictOf(verdicts, 'abstract_en_end').correct).toBe(true);
    // a start found in the middle, an end found at the start: both wrong
    const swapped = { ...LABEL, abstract_zh_start: '航天任务十分重要', abstract_zh_end: '太阳质子事件' };
    const wrong = scoreArticle(swapped, tree());
    expect(verdictOf(wrong, 'abstract_zh_start').correct).toBe(false);
    expect(verdictOf(wrong, 'abstract_zh_end').correct).toBe(false);
  });

  it('counts a null label against an absent field as correct, and a value on one side only as wrong', () => {
    const meta = goodMeta();
    delete meta.title.en;
    delete meta.received;
    const absent = scoreArticle({ ...LABEL, title_en: null, received: null }, tree(meta));
    expect(verdictOf(absent, 'title_en').correct).toBe(true);
    expect(verdictOf(absent, 'received').correct).toBe(true);
    const modelOnly = scoreArticle({ ...LABEL, title_en: null }, tree());
    expect(verdictOf(modelOnly, 'title_en').correct).toBe(false);
    const labelOnly = scoreArticle(LABEL, tree(meta));
    expect(verdictOf(labelOnly, 'title_en')).toMatchObject({ correct: false, got: null });
  });

  it('counts derived English keywords as absent', () => {
    const meta = goodMeta();
    meta.keywords.enDerived = true;
    expect(verdictOf(scoreArticle(LABEL, tree(meta)), 'keywords_en').correct).toBe(false);
    expect(verdictOf(scoreArticle({ ...LABEL, keywords_en: [] }, tree(meta)), 'keywords_en').correct).toBe(true);
  });

  it('scores funding as a flag and falls back to the corresponding author for the e-mail', () => {
    const meta = goodMeta();
    delete meta.funding;
    const verdicts = scoreArticle(LABEL, tree(meta));
    expect(verdictOf(verdicts, 'funding').correct).toBe(false);
    expect(verdictOf(scoreArticle({ ...LABEL, funding: false }, tree(meta)), 'funding').correct).toBe(true);
    meta.correspondence = { email: 'other@nssc.ac.cn' };
    expect(verdictOf(scoreArticle(LABEL, tree(meta)), 'corresponding_email').correct).toBe(false);
  });

  it('scores the reference list: count, first and last entry as prefixes', () => {
    const children = goodChildren().filter((n) => n.type !== 'referenceList');
    const none = scoreArticle(LABEL, tree(goodMeta(), children));
    expect(wrongFields(none).filter((f) => f.startsWith('references'))).toEqual(['references_count', 'references_first', 'references_last']);
    const noRefs = { ...LABEL, references_count: 0, references_first: null, references_last: null };
    expect(wrongFields(scoreArticle(noRefs, tree(goodMeta(), children)))).toEqual([]);
    const shifted = { ...LABEL, references_last: 'Solar proton fluences' };
    expect(verdictOf(scoreArticle(shifted, tree()), 'references_last').correct).toBe(false);
  });

  it('counts tables, captioned tables and figures anywhere in the tree', () => {
    const children = [...goodChildren(), table(2, '')];
    const verdicts = scoreArticle({ ...LABEL, tables: 2 }, tree(goodMeta(), children));
    expect(verdictOf(verdicts, 'tables').correct).toBe(true);
    expect(verdictOf(verdicts, 'tables_with_caption')).toMatchObject({ correct: true, got: 1 });
    expect(verdictOf(scoreArticle({ ...LABEL, figures: 1 }, tree()), 'figures')).toMatchObject({ correct: false, got: 2 });
  });
});

describe('summarize and labels', () => {
  it('adds verdicts up per field over articles', () => {
    const meta = goodMeta();
    meta.clc = ['P36'];
    const tallies = summarize([scoreArticle(LABEL, tree()), scoreArticle(LABEL, tree(meta)), failedArticle(LABEL, 'boom')]);
    expect(tallies.find((t) => t.field === 'clc')).toEqual({ field: 'clc', correct: 1, total: 3, accuracy: 100 / 3 });
    expect(tallies.find((t) => t.field === 'title_zh')).toMatchObject({ correct: 2, total: 3 });
  });

  it('validates a label file, naming the bad key', () => {
    expect(parseLabel(LABEL).ok).toBe(true);
    const { authors_zh: _dropped, ...withoutAuthors } = LABEL;
    const parsed = parseLabel({ ...withoutAuthors, tables: -1 });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.join('\n')).toMatch(/authors_zh[\s\S]*tables|tables[\s\S]*authors_zh/);
  });
});
