import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import libxml from 'libxmljs2';
import type { Document, Element } from 'libxmljs2';
import fc from 'fast-check';
import { VFile } from 'vfile';
import type { PhrasingContent, RootContent } from 'mdast';
import {
  JATS_ARCHIVING_PUBLIC_ID,
  JATS_ARCHIVING_SYSTEM_ID,
  JATS_PUBLIC_ID,
  JATS_SYSTEM_ID,
  emitJats,
  fromJats,
  toJats,
  validateJats,
  type CslItem,
} from '../src/jats/index.js';
import { cleanXmlText } from '../src/jats/chars.js';
import { metaSchema } from '../src/model/meta.js';
import type { ArticleRoot, ReferenceEntry } from '../src/model/types.js';
import { withoutPositions } from '../src/model/util.js';
import { cslItemSchema } from '../src/references/csl.js';
import { seedModel } from './fixtures/jats/seed-model.js';
import { variantsModel } from './fixtures/jats/variants-model.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SHARED_SCHEMAS = path.resolve(HERE, '../../shared/schemas/jats/1.3');

const NS = { xlink: 'http://www.w3.org/1999/xlink' };

function parse(xml: string): Document {
  return libxml.parseXml(xml, { nonet: true });
}
/** Text of the elements (or values of the attributes) an XPath finds. */
function texts(doc: Document, xpath: string): string[] {
  return doc
    .find(xpath, NS)
    .map((n) => (n.type() === 'attribute' ? (n as unknown as { value(): string }).value() : (n as Element).text()));
}
function one(doc: Document, xpath: string): string {
  const found = texts(doc, xpath);
  expect(found, xpath).toHaveLength(1);
  return found[0]!;
}
function attrOf(doc: Document, xpath: string): string | undefined {
  const node = doc.get(xpath, NS) as unknown as { value(): string } | null;
  return node ? node.value() : undefined;
}

function refEntries(tree: ArticleRoot): ReferenceEntry[] {
  return tree.children.flatMap((c) => (c.type === 'referenceList' ? c.children : []));
}

// ---------------------------------------------------------------- seed

describe('toJats: the seed article', () => {
  const tree = seedModel();
  const file = new VFile({ path: 'seed.txt' });
  const { xml, valid, validation } = emitJats(tree, file);
  const doc = parse(xml);

  test('the hand-built seed metadata passes the model schema', () => {
    expect(metaSchema.safeParse(tree.data.meta).success).toBe(true);
    for (const entry of refEntries(tree)) {
      const csl = (entry.data as { csl?: unknown } | undefined)?.csl;
      if (csl) expect(cslItemSchema.safeParse(csl).success, entry.identifier).toBe(true);
    }
  });

  test('is valid against the JATS 1.3 Journal Publishing DTD, with no finding at all', () => {
    expect(validation.dtdChecked).toBe(true);
    expect(validation.errors).toEqual([]);
    expect(validation.warnings).toEqual([]);
    expect(valid).toBe(true);
    expect(file.messages.map((m) => `${m.ruleId}: ${m.reason}`)).toEqual([]);
  });

  test('declares XML 1.0 and the official public and system ids', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml).toContain(`<!DOCTYPE article PUBLIC "${JATS_PUBLIC_ID}" "${JATS_SYSTEM_ID}">`);
    expect(attrOf(doc, '/article/@dtd-version')).toBe('1.3');
    expect(attrOf(doc, '/article/@article-type')).toBe('review-article');
    expect(attrOf(doc, '/article/@xml:lang')).toBe('zh');
  });

  test('front matter: titles, ISSN, issue, pages, dates, keywords, categories', () => {
    const am = '/article/front/article-meta';
    expect(one(doc, `${am}/title-group/article-title`)).toBe('间充质干细胞治疗系统性红斑狼疮的机制及研究进展');
    expect(attrOf(doc, `${am}/title-group/trans-title-group/@xml:lang`)).toBe('en');
    expect(one(doc, `${am}/title-group/trans-title-group/trans-title`)).toBe(
      'Mechanisms and research advances of mesenchymal stem cell therapy for systemic lupus erythematosus',
    );
    expect(one(doc, '/article/front/journal-meta/journal-id[@journal-id-type="issn"]')).toBe('2095-9664');
    expect(one(doc, '/article/front/journal-meta/issn')).toBe('2095-9664');
    expect(doc.find('/article/front/journal-meta/publisher')).toHaveLength(0);
    expect(one(doc, `${am}/article-id[@pub-id-type="publisher-id"]`)).toBe('2095-9664(2024)02-0075-06');
    expect(doc.find(`${am}/article-id[@pub-id-type="doi"]`)).toHaveLength(0);
    expect(one(doc, `${am}/article-categories/subj-group[@subj-group-type="clc"]/subject`)).toBe('R593');
    expect(one(doc, `${am}/pub-date[@publication-format="print"]/year`)).toBe('2024');
    expect(doc.find(`${am}/pub-date/month`)).toHaveLength(0);
    expect(doc.find(`${am}/volume`)).toHaveLength(0);
    expect(one(doc, `${am}/issue`)).toBe('2');
    expect(one(doc, `${am}/fpage`)).toBe('75');
    expect(one(doc, `${am}/lpage`)).toBe('80');
    expect(attrOf(doc, `${am}/counts/page-count/@count`)).toBe('6');
    expect(attrOf(doc, `${am}/history/date[@date-type="received"]/@iso-8601-date`)).toBe('2023-08-31');
    expect(texts(doc, `${am}/history/date[@date-type="received"]/*`)).toEqual(['31', '08', '2023']);
    expect(one(doc, `${am}/abstract/p`)).toMatch(/^系统性红斑狼疮（systemic lupus erythematosus，SLE）是常见的/);
    expect(doc.find(`${am}/trans-abstract`)).toHaveLength(0);
    expect(attrOf(doc, `${am}/kwd-group/@xml:lang`)).toBe('zh');
    expect(texts(doc, `${am}/kwd-group[@xml:lang="zh"]/kwd`)).toEqual(['间充质干细胞', '系统性红斑狼疮', '治疗', '研究进展']);
    expect(doc.find(`${am}/kwd-group[@xml:lang="en"]`)).toHaveLength(0);
    // Order of article-meta children as the DTD wants it (also checked by validation).
    const order = doc.find<Element>(`${am}/*`).map((e) => e.name());
    expect(order).toEqual([
      'article-id', 'article-categories', 'title-group', 'contrib-group', 'aff-alternatives', 'aff-alternatives',
      'aff-alternatives', 'author-notes', 'pub-date', 'issue', 'fpage', 'lpage', 'history', 'abstract', 'kwd-group', 'counts',
    ]);
  });

  test('front matter: three authors with both names, affiliations and the corresponding author', () => {
    const contribs = doc.find<Element>('/article/front/article-meta/contrib-group/contrib[@contrib-type="author"]');
    expect(contribs).toHaveLength(3);
    const names = contribs.map((c) => ({
      zh: c.find<Element>('name-alternatives/name[@name-style="eastern"][@xml:lang="zh"]/*').map((n) => n.text()),
      en: c.find<Element>('name-alternatives/name[@name-style="western"][@xml:lang="en"]/*').map((n) => n.text()),
      aff: c.find<Element>('xref[@ref-type="aff"]').map((x) => x.attr('rid')!.value()),
    }));
    expect(names).toEqual([
      { zh: ['舒', '兆平'], en: ['SHU', 'Zhaoping'], aff: ['aff1'] },
      { zh: ['袁', '媛'], en: ['YUAN', 'Yuan'], aff: ['aff2'] },
      { zh: ['付', '强'], en: ['FU', 'Qiang'], aff: ['aff3'] },
    ]);
    expect(contribs.map((c) => c.attr('corresp')?.value())).toEqual([undefined, undefined, 'yes']);
    expect(contribs[2]!.get<Element>('xref[@ref-type="corresp"]')!.attr('rid')!.value()).toBe('cor1');
    expect(contribs[2]!.get<Element>('email')!.text()).toBe('fuqiang1990621@126.com');
    expect(one(doc, '//author-notes/corresp[@id="cor1"]/email')).toBe('fuqiang1990621@126.com');
    expect(one(doc, '//author-notes/corresp/named-content[@content-type="name"][@xml:lang="en"]')).toBe('FU Qiang');
  });

  test('front matter: three affiliations in Chinese and English, parts tagged', () => {
    const alts = doc.find<Element>('/article/front/article-meta/aff-alternatives');
    expect(alts.map((a) => a.attr('id')!.value())).toEqual(['aff1', 'aff2', 'aff3']);
    for (const [i, alt] of alts.entries()) {
      const zh = alt.get<Element>('aff[@xml:lang="zh"]')!;
      const en = alt.get<Element>('aff[@xml:lang="en"]')!;
      expect(zh.get<Element>('label')!.text()).toBe(String(i + 1));
      expect(en.get<Element>('label')!.text()).toBe(String(i + 1));
      expect(zh.get<Element>('city')!.text()).toBe('衡阳');
      expect(zh.get<Element>('state')!.text()).toBe('湖南');
      expect(zh.get<Element>('postal-code')!.text()).toBe('421001');
      expect(en.get<Element>('city')!.text()).toBe('Hengyang');
      expect(en.get<Element>('state')!.text()).toBe('Hunan');
      expect(en.get<Element>('country')!.text()).toBe('China');
    }
    expect(alts[0]!.get<Element>('aff[@xml:lang="zh"]/institution')!.text()).toBe('南华大学附属第一医院感染管理科');
    expect(alts[2]!.get<Element>('aff[@xml:lang="en"]/institution')!.text()).toBe(
      'Department of Rheumatology and Immunology, The First Affiliated Hospital, Hengyang Medical School, University of South China',
    );
    // The printed text stays readable in the aff: label aside, it is the model's text.
    const zh1 = alts[0]!.get<Element>('aff[@xml:lang="zh"]')!;
    const printed = zh1.childNodes().filter((n) => !(n.type() === 'element' && ['label', 'country'].includes((n as Element).name())));
    expect(printed.map((n) => (n as Element).text()).join('')).toBe('南华大学附属第一医院感染管理科，湖南 衡阳 421001');
    // A part missing from the text follows it, marked as structured.
    expect(attrOf(doc, '//aff-alternatives[@id="aff1"]/aff[@xml:lang="zh"]/country/@content-type')).toBe('structured');
  });

  test('body: text before the first section, five numbered sections', () => {
    expect(doc.find('/article/body/p').length).toBe(1);
    const secs = doc.find<Element>('/article/body/sec');
    expect(secs.map((s) => s.get<Element>('label')!.text())).toEqual(['1', '2', '3', '4', '5']);
    expect(secs.map((s) => s.get<Element>('title')!.text())).toEqual([
      'MSCs分泌可溶性因子，调控免疫细胞',
      'MSCs调节细胞自噬，清除凋亡细胞',
      'MSCs分泌的细胞外囊泡影响细胞间的信号传递',
      'MSCs治疗SLE的临床进展',
      '小结与展望',
    ]);
  });

  test('citations: every group is a sup with one bibr xref per printed item, ranges listing every reference', () => {
    const first = doc.get<Element>('/article/body/p/sup[4]')!;
    expect(first.toString()).toBe('<sup>[<xref ref-type="bibr" rid="B4 B5">4-5</xref>]</sup>');
    const range = doc.find<Element>('//xref[@ref-type="bibr"][@rid="B21 B22 B23"]');
    expect(range.map((x) => x.text())).toEqual(['21-23']);
    const cited = new Set(doc.find<Element>('//xref[@ref-type="bibr"]').flatMap((x) => x.attr('rid')!.value().split(' ')));
    const refs = texts(doc, '//ref-list/ref/@id');
    expect(refs).toHaveLength(51);
    expect([...cited].sort()).toEqual([...refs].sort());
  });

  test('见图1 / 见表1 link to the figure and the table', () => {
    expect(one(doc, '//p/xref[@ref-type="fig"][@rid="F1"]')).toBe('图1');
    expect(one(doc, '//p/xref[@ref-type="table"][@rid="T1"]')).toBe('表1');
    expect(xml).toContain('MSCs的具体功能见<xref ref-type="fig" rid="F1">图1</xref>。');
  });

  test('table and figure', () => {
    expect(one(doc, '//table-wrap[@id="T1"]/label')).toBe('表1');
    expect(one(doc, '//table-wrap[@id="T1"]/caption/title')).toBe('MSCS-EVS的具体功能');
    expect(texts(doc, '//table-wrap[@id="T1"]/table/thead/tr/th')).toEqual(['类型', '作用机制', '作用']);
    expect(doc.find('//table-wrap[@id="T1"]/table/tbody/tr')).toHaveLength(7);
    expect(texts(doc, '//table-wrap[@id="T1"]/table/tbody/tr[2]/td')).toEqual(['MSCS-EVS', '传递MIR-23A-3P', '促进CD4⁺ T细胞分化为TREG']);
    expect(one(doc, '//fig[@id="F1"]/label')).toBe('图1');
    expect(one(doc, '//fig[@id="F1"]/caption/title')).toBe('MSCs的具体功能');
    expect(one(doc, '//fig[@id="F1"]/attrib')).toBe('本图由Figdraw绘制');
    expect(doc.find('//fig[@id="F1"]/graphic')).toHaveLength(0);
  });

  test('references: element-citation from CSL next to the printed text; mixed-citation alone otherwise', () => {
    expect(doc.find('//ref-list/ref/label').length).toBe(51);
    expect(doc.find('//ref/citation-alternatives')).toHaveLength(7);
    expect(doc.find('//ref[not(citation-alternatives)]/mixed-citation')).toHaveLength(44);

    const b1 = '//ref[@id="B1"]/citation-alternatives/element-citation';
    expect(attrOf(doc, `${b1}/@publication-type`)).toBe('journal');
    expect(attrOf(doc, `${b1}/@xml:lang`)).toBe('en');
    expect(texts(doc, `${b1}/person-group[@person-group-type="author"]/name/surname`)).toEqual(['Ameer', 'Chaudhry', 'Mushtaq']);
    expect(doc.find(`${b1}/person-group/etal`)).toHaveLength(1);
    expect(one(doc, `${b1}/source`)).toBe('Cureus');
    expect(one(doc, `${b1}/year`)).toBe('2022');
    expect(one(doc, `${b1}/volume`)).toBe('14');
    expect(one(doc, `${b1}/issue`)).toBe('10');
    expect(one(doc, `${b1}/elocation-id`)).toBe('e30330');
    expect(one(doc, '//ref[@id="B1"]/citation-alternatives/mixed-citation')).toMatch(/^Ameer MA, Chaudhry H/);

    const b3 = '//ref[@id="B3"]/citation-alternatives/element-citation';
    expect(attrOf(doc, `${b3}/@xml:lang`)).toBe('zh');
    expect(texts(doc, `${b3}/person-group/collab`)).toEqual(['中华医学会风湿病学分会', '中国医院协会临床新技术应用专业委员会']);
    expect(one(doc, `${b3}/fpage`)).toBe('1');
    expect(one(doc, `${b3}/lpage`)).toBe('8');

    const b5 = '//ref[@id="B5"]/citation-alternatives/element-citation';
    expect(texts(doc, `${b5}/person-group/name[@name-style="eastern"]/surname`)).toEqual(['马', '薛', '谭']);
    expect(one(doc, `${b5}/article-title`)).toBe('诱导性多能干细胞移植治疗小鼠系统性红斑狼疮');
    expect(one(doc, '//ref[@id="B5"]/citation-alternatives/mixed-citation/italic')).toBe('中国组织工程研究');

    const b44 = '//ref[@id="B44"]/citation-alternatives/element-citation';
    expect(attrOf(doc, `${b44}/@publication-type`)).toBe('thesis');
    expect(one(doc, `${b44}/source`)).toBe('人脐带间充质干细胞制备及治疗系统性红斑狼疮的临床研究');
    expect(one(doc, `${b44}/publisher-loc`)).toBe('昆明');
    expect(one(doc, `${b44}/publisher-name`)).toBe('昆明医科大学');

    expect(one(doc, '//ref[@id="B23"]/mixed-citation/sup')).toBe('lpr');
  });

  test('back: the editor in notes, no glossary when the model has none', () => {
    expect(one(doc, '/article/back/notes[@notes-type="editor"]/p')).toBe('欧阳菁');
    expect(doc.find('/article/back/glossary')).toHaveLength(0);
  });

  test('round trip: model → JATS → model is equal, and JATS → model → JATS is the same text', () => {
    const back = fromJats(xml);
    expect(withoutPositions(back)).toEqual(withoutPositions(tree));
    expect(toJats(back)).toBe(xml);
  });
});

// ---------------------------------------------------------------- variants

describe('toJats: sections, floats and references beyond the seed', () => {
  const tree = variantsModel();
  const file = new VFile({ path: 'variants.txt' });
  const { xml, validation } = emitJats(tree, file);
  const doc = parse(xml);

  test('is DTD-valid', () => {
    expect(validation.errors).toEqual([]);
    expect(validation.warnings).toEqual([]);
  });

  test('subsections nest inside sections; a subsection before any section keeps its level', () => {
    expect(attrOf(doc, '/article/body/sec[1]/@specific-use')).toBe('depth-3');
    expect(one(doc, '/article/body/sec[1]/label')).toBe('0.1');
    expect(texts(doc, '/article/body/sec[2]/sec/label')).toEqual(['1.1', '1.2']);
    expect(doc.find('/article/body/sec[2]/sec[2]/table-wrap')).toHaveLength(1);
    expect(doc.find('/article/body/sec[4]/label')).toHaveLength(0);
    expect(one(doc, '/article/body/sec[4]/title')).toBe('没有编号的节');
  });

  test('bilingual abstract and keywords, DOI, revision date, glossary', () => {
    expect(texts(doc, '//article-meta/abstract/p')).toEqual(['中文摘要第一段。', '中文摘要第二段。']);
    expect(one(doc, '//article-meta/trans-abstract[@xml:lang="en"]/p')).toBe('English abstract.');
    expect(texts(doc, '//kwd-group[@xml:lang="en"][@kwd-group-type="derived"]/kwd')).toEqual(['testing', 'JATS']);
    expect(one(doc, '//article-meta/article-id[@pub-id-type="doi"]')).toBe('10.1234/example.2021.11.001');
    expect(attrOf(doc, '//history/date[@date-type="rev-recd"]/@iso-8601-date')).toBe('2021-03-15');
    expect(texts(doc, '//glossary/def-list/def-item/term')).toEqual(['间充质干细胞', '系统性红斑狼疮', '仅中文']);
    expect(one(doc, '//def-item[1]/def[@xml:lang="en"]/p')).toBe('mesenchymal stem cells');
    expect(one(doc, '//def-item[2]/def[@specific-use="abbreviation"]/p')).toBe('SLE');
  });

  test('names: two-character surname, a Western name without Chinese, derived corresp', () => {
    expect(texts(doc, '//contrib[1]//name[@xml:lang="zh"]/*')).toEqual(['欧阳', '明']);
    expect(texts(doc, '//contrib[2]/name[@xml:lang="en"]/*')).toEqual(['Doe', 'Jane Q.']);
    expect(doc.find('//contrib[2]/name-alternatives')).toHaveLength(0);
    expect(attrOf(doc, '//corresp/@specific-use')).toBe('derived');
    expect(texts(doc, '//contrib[1]/xref[@ref-type="aff"]/@rid')).toEqual(['aff1', 'aff2']);
    expect(attrOf(doc, '//aff[@id="aff1"]/@xml:lang')).toBe('zh');
    expect(attrOf(doc, '//aff[@id="aff2"]/@xml:lang')).toBe('en');
  });

  test('float links, figure image, column alignment, phrasing', () => {
    expect(xml).toContain('小节内容，如<xref ref-type="fig" rid="F1">图1</xref>所示');
    expect(xml).toContain('见<xref ref-type="table" rid="T1">表1</xref>；');
    expect(attrOf(doc, '//fig[@id="F1"]/graphic/@xlink:href')).toBe('images/fig1.png');
    expect(texts(doc, '//table-wrap/table/col/@align')).toEqual(['left', 'center']);
    expect(doc.find('//table-wrap/table/col')).toHaveLength(3);
    expect(attrOf(doc, '//table-wrap//th[2]/@align')).toBe('center');
    expect(one(doc, '//body//ext-link[@ext-link-type="uri"]/@xlink:href')).toBe('https://example.org/a?b=1&c=2');
    expect(one(doc, '//monospace')).toBe('a < b');
    expect(one(doc, '//p/sub')).toBe('2');
    expect(doc.find('//list[@list-type="order"]/list-item/p')).toHaveLength(2);
    expect(one(doc, '//disp-quote/p')).toBe('引文');
    // [1,2,3,5] → 1-3 as one item linking three references, then 5; [6,5] keeps its order.
    expect(doc.get<Element>('/article/body/p[1]/sup')!.toString()).toBe(
      '<sup>[<xref ref-type="bibr" rid="B1 B2 B3">1-3</xref>,<xref ref-type="bibr" rid="B5">5</xref>]</sup>',
    );
    expect(xml).toContain('<sup>[<xref ref-type="bibr" rid="B6">6</xref>,<xref ref-type="bibr" rid="B5">5</xref>]</sup>');
  });

  test('element-citation: book with editors, chapter, web page, report number, short journal title', () => {
    const book = '//ref[@id="B1"]//element-citation';
    expect(attrOf(doc, `${book}/@id`)).toBe('smith2020');
    expect(attrOf(doc, `${book}/@specific-use`)).toBe('gbt7714-M');
    expect(one(doc, `${book}/source`)).toBe('Handbook of tests');
    expect(doc.find(`${book}/person-group[@person-group-type="editor"]/etal`)).toHaveLength(1);
    expect(one(doc, `${book}/pub-id[@pub-id-type="doi"]`)).toBe('10.1234/handbook');
    expect(one(doc, `${book}/isbn`)).toBe('978-7-111-11111-1');
    expect(one(doc, `${book}/edition`)).toBe('2');
    expect(texts(doc, `${book}/day | ${book}/month | ${book}/year`)).toEqual(['01', '05', '2020']);
    const chapter = '//ref[@id="B2"]//element-citation';
    expect(attrOf(doc, `${chapter}/@publication-type`)).toBe('book');
    expect(one(doc, `${chapter}/chapter-title`)).toBe('某章');
    expect(one(doc, `${chapter}/source`)).toBe('某书');
    expect(one(doc, `${chapter}/publisher-loc[@specific-use="unknown"]`)).toBe('出版地不详');
    const web = '//ref[@id="B3"]//element-citation';
    expect(attrOf(doc, `${web}/@publication-format`)).toBe('online');
    expect(attrOf(doc, `${web}/date-in-citation[@content-type="access-date"]/@iso-8601-date`)).toBe('2002-04-15');
    expect(attrOf(doc, `${web}/ext-link/@xlink:href`)).toBe('http://www.example.com/news.html');
    expect(one(doc, '//ref[@id="B4"]//element-citation/elocation-id[@content-type="number"]')).toBe('WHO-TRS-402');
    expect(one(doc, '//ref[@id="B4"]//element-citation/person-group/collab')).toBe('World Health Organization');
    expect(one(doc, '//ref[@id="B5"]//element-citation/source[@specific-use="short"]')).toBe('J Test Res');
    expect(one(doc, '//ref[@id="B5"]//element-citation/page-range')).toBe('1–9');
    expect(doc.find('//ref[@id="B6"]/mixed-citation')).toHaveLength(1);
    const map = '//ref[@id="B7"]//element-citation';
    expect(one(doc, `${map}/comment[@content-type="scale"]`)).toBe('1∶25 000');
    expect(one(doc, `${map}/comment[@content-type="dimensions"]`)).toBe('128cm×84cm');
    expect(one(doc, '//ref[@id="B8"]//element-citation/version')).toBe('V2');
  });

  test('round trip: model → JATS → model is equal', () => {
    expect(withoutPositions(fromJats(xml))).toEqual(withoutPositions(tree));
  });

  test('a citation of a number missing from the list stays unlinked but marked, with a warning, and reads back', () => {
    const t2 = variantsModel();
    t2.children.unshift({ type: 'paragraph', children: [{ type: 'text', value: '缺失' }, { type: 'citation', numbers: [99], children: [] }] });
    const f2 = new VFile();
    const out = emitJats(t2, f2);
    expect(out.valid).toBe(true);
    expect(out.xml).toContain('<p>缺失<sup>[<named-content content-type="citation-unresolved">99</named-content>]</sup></p>');
    expect(f2.messages.map((m) => m.ruleId)).toContain('jats-citation-unresolved');
    const back = fromJats(out.xml).children[0] as { children: Array<{ type: string; numbers?: number[] }> };
    expect(back.children.map((c) => c.numbers ?? c.type)).toEqual(['text', [99]]);
  });

  test('without an ISSN the Archiving and Interchange DTD is used, and the document is valid', () => {
    const t2 = variantsModel();
    delete t2.data.meta.articleNumber;
    const f2 = new VFile();
    const out = emitJats(t2, f2);
    expect(out.xml).toContain(`<!DOCTYPE article PUBLIC "${JATS_ARCHIVING_PUBLIC_ID}" "${JATS_ARCHIVING_SYSTEM_ID}">`);
    expect(out.xml).not.toContain('<journal-meta>');
    expect(out.validation.dtdChecked).toBe(true);
    expect(out.validation.errors).toEqual([]);
    expect(out.validation.warnings.map((w) => w.ruleId)).toEqual(['jats-pub-date-missing']);
    expect(f2.messages.find((m) => m.ruleId === 'jats-issn-missing')?.reason).toMatch(/Archiving/);
    expect(withoutPositions(fromJats(out.xml))).toEqual(withoutPositions(t2));
  });

  test('CSL fields JATS cannot carry are reported', () => {
    const t2 = variantsModel();
    const entry = refEntries(t2)[4]!;
    (entry.data as { csl: CslItem }).csl['title-short'] = 'Paper';
    const f2 = new VFile();
    toJats(t2, { file: f2 });
    const dropped = f2.messages.filter((m) => m.ruleId === 'jats-csl-field-dropped');
    expect(dropped.map((m) => m.reason)).toEqual(['Reference [5]: title-short not carried into element-citation']);
  });
});

// ---------------------------------------------------------------- hostile text

const HOSTILE = 'x<y>&amp;]]>\u0000\u0001\u0008\u000B\u000C\u001F\uD800z\uDFFF\uD83D\uDE00\u200F\u202E\u05D0\uFFFE\uFFFF"\'\t';

function hostile(tree: ArticleRoot, h: string): ArticleRoot {
  const meta = tree.data.meta;
  meta.title = { zh: `标题${h}`, en: `Title${h}` };
  for (const a of meta.authors) a.name = { zh: `${a.name.zh}${h}`, en: `${a.name.en}${h}` };
  for (const aff of meta.affiliations) {
    if (aff.zh) aff.zh = { ...aff.zh, text: `${aff.zh.text}${h}`, institution: `${aff.zh.institution}${h}` };
    aff.label = `${aff.label}${h}`;
  }
  meta.abstract = { zh: `摘要${h}`, en: `Abstract${h}` };
  meta.keywords = { zh: [`词${h}`], en: [`word${h}`] };
  meta.editor = `编辑${h}`;
  meta.correspondence = { name: { zh: `付强${h}`, en: `FU Qiang${h}` }, email: 'fuqiang1990621@126.com' };
  meta.clc = [`R593${h}`];
  tree.data.glossary = [{ zh: `词${h}`, en: `term${h}`, abbr: `T${h}` }];
  const visit = (nodes: Array<RootContent | PhrasingContent>) => {
    for (const node of nodes) {
      if (node.type === 'text') node.value += h;
      if (node.type === 'heading') node.data = { label: `${node.data?.label ?? ''}${h}` };
      if (node.type === 'tableFloat' || node.type === 'figureFloat') {
        node.identifier = `${node.identifier}"${h}`;
        node.label = `${node.label}${h}`;
        node.caption.push({ type: 'text', value: h });
        visit(node.children as RootContent[]);
      }
      if (node.type === 'figureFloat') {
        node.credit = `credit${h}`;
        node.url = `img/a b${h}.png`;
      }
      if (node.type === 'referenceEntry') {
        const csl = (node.data as { csl?: CslItem } | undefined)?.csl;
        if (csl) {
          csl.title = `${csl.title ?? ''}${h}`;
          csl['container-title'] = `${csl['container-title'] ?? ''}${h}`;
          csl.author = [{ family: `F${h}`, given: `G${h}` }, { literal: `Org${h}` }];
          csl.id = `id${h}`;
          csl.language = `en US${h}`;
        }
      }
      if ('children' in node && Array.isArray(node.children)) visit(node.children as RootContent[]);
    }
  };
  visit(tree.children);
  tree.children.push({ type: 'paragraph', children: [{ type: 'link', url: `https://e.x/?a=1&b="${h}`, children: [{ type: 'text', value: h }] }] });
  return tree;
}

describe('hostile text anywhere still gives DTD-valid JATS', () => {
  test('markup characters, control characters, lone surrogates, bidi marks, noncharacters', () => {
    const tree = hostile(seedModel(), HOSTILE);
    const file = new VFile();
    const { xml, validation } = emitJats(tree, file);
    expect(validation.errors).toEqual([]);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xml).not.toContain(']]>');
    expect(xml).toContain(']]&gt;');
    // Text survives, minus the characters XML cannot hold.
    const back = fromJats(xml);
    expect(back.data.meta.title.en).toBe(cleanXmlText(`Title${HOSTILE}`).replace(/\s+/g, ' ').trim());
    expect(back.data.meta.title.en).toContain('x<y>&amp;]]>');
    expect(back.data.meta.title.en).toContain('\u{1F600}\u200F\u202E\u05D0');
    // Unsafe ids fall back to stable ASCII ones.
    expect(xml).toContain('<table-wrap id="T1">');
    expect(xml).toContain('<fig id="F1">');
  });

  test('random strings (any code unit, lone surrogates included) in every kind of field', () => {
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(codeUnit, fc.constantFrom('<', '&', ']]>', '\u200F')), maxLength: 24 }), (s) => {
        const { validation } = emitJats(hostile(seedModel(), s));
        expect(validation.errors).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });
});

// ---------------------------------------------------------------- validation

describe('validateJats', () => {
  const xml = toJats(seedModel());

  test('reports DTD errors as jats-dtd findings quoting the DTD', () => {
    const file = new VFile();
    const bad = xml.replace('<body>', '<body><bogus/>');
    const result = validateJats(bad, file);
    expect(result.valid).toBe(false);
    const dtd = result.errors.filter((e) => e.ruleId === 'jats-dtd');
    expect(dtd.length).toBeGreaterThan(0);
    expect(dtd[0]!.message).toMatch(/^DTD: ".*bogus/);
    expect(dtd[0]!.line).toBeGreaterThan(1);
    const message = file.messages.find((m) => m.ruleId === 'jats-dtd')!;
    expect(message.fatal).toBe(true);
    expect(message.reason).toMatch(/bogus.*\(JATS line \d+/s);
  });

  test('unresolved rid, uncited reference, missing language, missing pub-date', () => {
    const bad = xml
      .replace('rid="B1">1</xref>', 'rid="B999">1</xref>')
      .replace('<trans-title-group xml:lang="en">', '<trans-title-group>')
      .replace(/<pub-date[^>]*>.*?<\/pub-date>/, '');
    const result = validateJats(bad);
    const rules = (list: typeof result.errors) => [...new Set(list.map((e) => e.ruleId))].sort();
    expect(rules(result.errors)).toEqual(['jats-dtd', 'jats-lang-missing', 'jats-rid-unresolved']);
    expect(rules(result.warnings)).toEqual(['jats-pub-date-missing', 'jats-ref-uncited']);
    expect(result.warnings.find((w) => w.ruleId === 'jats-ref-uncited')!.message).toContain('B1 ');
  });

  test('checks the language of names and affiliations in alternatives', () => {
    const bad = xml.replace('<name name-style="western" xml:lang="en">', '<name name-style="western">').replace('<aff xml:lang="en">', '<aff>');
    const lang = validateJats(bad).errors.filter((e) => e.ruleId === 'jats-lang-missing');
    expect(lang.map((e) => e.message)).toEqual(['name in name-alternatives has no xml:lang', 'aff in aff-alternatives has no xml:lang']);
  });

  test('malformed XML is an error, not an exception', () => {
    const result = validateJats('<article><p></article>');
    expect(result.valid).toBe(false);
    expect(result.errors[0]!.ruleId).toBe('jats-xml-malformed');
  });

  test('a document without DOCTYPE is checked against Journal Publishing', () => {
    const bare = xml.replace(/<!DOCTYPE[^>]*>/, '');
    const result = validateJats(bare);
    expect(result.dtdChecked).toBe(true);
    expect(result.valid).toBe(true);
    expect(validateJats(bare.replace('<body>', '<body><bogus/>')).valid).toBe(false);
  });

  test('every validation reports how long the DTD check and the other checks took', () => {
    const { timing } = validateJats(xml);
    expect(timing.dtdMs).toBeGreaterThan(0);
    expect(timing.checksMs).toBeGreaterThanOrEqual(0);
  });
});

// ---------------------------------------------------------------- xmllint

const XMLLINT = spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;
const CATALOG = path.join(SHARED_SCHEMAS, 'catalog.xml');
const CAN_XMLLINT = XMLLINT && existsSync(CATALOG);
const xmllintNote = CAN_XMLLINT
  ? ''
  : ` (skipped: ${XMLLINT ? `${SHARED_SCHEMAS} not found` : 'xmllint not installed; apt-get install -y libxml2-utils'})`;

describe('xmllint agrees', () => {
  test.skipIf(!CAN_XMLLINT)(`xmllint --valid (catalog) and --dtdvalid accept our output, hostile text included${xmllintNote}`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zhpub-jats-'));
    try {
      const outputs = {
        seed: toJats(seedModel()),
        variants: toJats(variantsModel()),
        hostile: toJats(hostile(seedModel(), HOSTILE)),
      };
      const archiving = variantsModel();
      delete archiving.data.meta.articleNumber;
      const archivingTarget = path.join(dir, 'archiving.xml');
      writeFileSync(archivingTarget, toJats(archiving));
      const archivingRun = spawnSync('xmllint', ['--noout', '--nonet', '--valid', archivingTarget], {
        env: { ...process.env, XML_CATALOG_FILES: CATALOG },
        encoding: 'utf8',
      });
      expect(`archiving: ${archivingRun.status} ${archivingRun.stderr}`).toBe('archiving: 0 ');
      for (const [name, xml] of Object.entries(outputs)) {
        const target = path.join(dir, `${name}.xml`);
        writeFileSync(target, xml);
        const env = { ...process.env, XML_CATALOG_FILES: CATALOG };
        const valid = spawnSync('xmllint', ['--noout', '--nonet', '--valid', target], { env, encoding: 'utf8' });
        expect(`${name}: ${valid.status} ${valid.stderr}`).toBe(`${name}: 0 `);
        const dtd = path.join(SHARED_SCHEMAS, 'JATS-journalpublishing1-3.dtd');
        const dtdvalid = spawnSync('xmllint', ['--noout', '--nonet', '--dtdvalid', dtd, target], { env, encoding: 'utf8' });
        expect(`${name}: ${dtdvalid.status} ${dtdvalid.stderr}`).toBe(`${name}: 0 `);
      }
      // And it sees the same errors we do.
      const bad = path.join(dir, 'bad.xml');
      writeFileSync(bad, outputs.seed.replace('<body>', '<body><bogus/>'));
      const run = spawnSync('xmllint', ['--noout', '--nonet', '--valid', bad], {
        env: { ...process.env, XML_CATALOG_FILES: CATALOG },
        encoding: 'utf8',
      });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('bogus');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------- reading JATS from elsewhere

describe('fromJats: JATS from elsewhere', () => {
  const xml = readFileSync(path.join(HERE, 'fixtures/jats/foreign.xml'), 'utf8');
  const file = new VFile();
  const tree = fromJats(xml, file);
  const meta = tree.data.meta;

  test('front matter without name-alternatives or aff-alternatives', () => {
    expect(meta.title).toEqual({ en: 'Crafted article — for reading tests', zh: '用于读取测试的文章' });
    expect(meta.authors).toEqual([
      { name: { en: 'Li Wang' }, affiliations: ['aff1'], corresponding: true, email: 'wang@example.org' },
      { name: { zh: '张三' }, affiliations: ['aff2'], corresponding: false },
    ]);
    expect(meta.affiliations).toEqual([
      {
        id: 'aff1',
        label: '1',
        en: {
          text: 'Department of Testing, Example University, Springfield, USA',
          institution: 'Department of Testing, Example University',
          city: 'Springfield',
          country: 'USA',
        },
      },
      { id: 'aff2', label: '2', zh: { text: '示例大学，北京 100000，中国' } },
    ]);
    expect(meta.doi).toBe('10.1234/example.2020.001');
    expect(meta.received).toBe('2020-01-05');
    // A structured abstract: its parts, and the whole text with their labels.
    expect(meta.abstract).toEqual({ en: 'Background: First part. Results: Second part.' });
    expect(meta.abstractParts).toEqual({ en: [{ label: 'Background', text: 'First part.' }, { label: 'Results', text: 'Second part.' }] });
    expect(meta.keywords).toEqual({ en: ['testing', 'reading'] });
    expect(meta.articleNumber).toEqual({
      text: '1234-5678(2020)03-0101-08',
      issn: '1234-5678',
      year: 2020,
      issue: 3,
      firstPage: 101,
      pageCount: 8,
      lastPage: 108,
    });
    expect(meta.correspondence).toEqual({ email: 'wang@example.org' });
    expect(metaSchema.safeParse(meta).success).toBe(true);
  });

  test('citations from xref groups: a dashed pair is a range, brackets are consumed', () => {
    const p = tree.children[0]!;
    expect(p.type).toBe('paragraph');
    const children = (p as { children: PhrasingContent[] }).children;
    const cites = children.filter((c) => c.type === 'citation').map((c) => (c as { numbers: number[] }).numbers);
    expect(cites).toEqual([[1, 2, 3], [2, 4]]);
    expect(children[0]).toEqual({ type: 'text', value: 'An opening paragraph citing a range ' });
  });

  test('nested sections, a figure inside a paragraph, a table without thead', () => {
    const kinds = tree.children.map((c) => (c.type === 'heading' ? `h${c.depth}` : c.type));
    expect(kinds).toEqual([
      'paragraph', 'h2', 'paragraph', 'figureFloat', 'paragraph', 'h3', 'paragraph', 'tableFloat', 'referenceList',
    ]);
    const fig = tree.children[3] as RootContent & { type: 'figureFloat' };
    expect(fig).toMatchObject({ identifier: 'fig-one', label: 'Figure 1', url: 'fig1.png', caption: [{ type: 'text', value: 'A crafted figure.' }] });
    const table = tree.children[7] as RootContent & { type: 'tableFloat' };
    expect(table.children[0].align).toEqual(['center', null]);
    expect(table.children[0].children).toHaveLength(2);
    const h3 = tree.children[5] as RootContent & { type: 'heading' };
    expect(h3.data).toEqual({ label: '2.1' });
  });

  test('references: tagged mixed-citation, plain mixed-citation, element-citation only', () => {
    const entries = refEntries(tree);
    expect(entries.map((e) => e.number)).toEqual([1, 2, 3, 4]);
    const csl = entries.map((e) => (e.data as { csl?: CslItem } | undefined)?.csl);
    expect(csl[0]).toEqual({
      id: 'ref-1',
      type: 'article-journal',
      author: [{ family: 'Smith', given: 'J' }, { family: 'Doe', given: 'A' }],
      title: 'A study',
      'container-title': 'J Test',
      issued: { 'date-parts': [[2019]] },
      volume: '7',
      page: '10-20',
    });
    expect(csl[1]).toBeUndefined();
    expect(csl[2]).toMatchObject({ type: 'book', author: [{ literal: 'Example Society' }], title: 'Handbook of Examples', publisher: 'Example Press' });
    for (const item of csl) if (item) expect(cslItemSchema.safeParse(item).success).toBe(true);
    expect(entries[0]!.children).toEqual([{ type: 'text', value: 'Smith J, Doe A. A study. J Test. 2019;7:10–20.' }]);
    expect(entries[1]!.children).toEqual([{ type: 'text', value: 'Plain reference text without tagging, 2018.' }]);
    expect(entries[2]!.children).toEqual([{ type: 'text', value: 'Example Society. Handbook of Examples[M]. Boston: Example Press, 2015.' }]);
  });

  test('what our JATS writer makes of it is DTD-valid', () => {
    const { validation } = emitJats(tree);
    expect(validation.errors).toEqual([]);
  });
});
