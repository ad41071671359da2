import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cslItemSchema, type CslItem } from '../src/references/csl.js';
import { parseNameList } from '../src/references/names.js';
import { parseReference, parseReferenceDetailed, parseReferenceLines } from '../src/references/parse.js';
import { evaluate, prf } from '../scripts/eval-refs.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = readFileSync(join(here, 'fixtures', 'seed-references.txt'), 'utf8');
const seedLines = fixture.split('\n').filter((l) => l.trim());
const seed = (n: number): CslItem => parseReference(seedLines[n - 1]!, `ref-${n}`).item;

const sharedRefs = resolve(here, '..', '..', 'shared', 'refs', 'gbt7714-2015-examples.jsonl');

describe('seed references: field by field', () => {
  it('has the 51 normalized references', () => {
    expect(seedLines).toHaveLength(51);
  });

  it('[3] corporate authors', () => {
    expect(seed(3)).toEqual({
      id: 'ref-3',
      type: 'article-journal',
      language: 'zh-CN',
      author: [{ literal: '中华医学会风湿病学分会' }, { literal: '中国医院协会临床新技术应用专业委员会' }],
      title: '异体间充质干细胞治疗系统性红斑狼疮专家共识',
      'container-title': '中华风湿病学杂志',
      issued: { 'date-parts': [[2022]] },
      volume: '26',
      issue: '1',
      page: '1-8',
      custom: { gbtType: 'J' },
    });
  });

  it('[4] Western initials, et al. and an article number', () => {
    expect(seed(4)).toEqual({
      id: 'ref-4',
      type: 'article-journal',
      language: 'en',
      author: [
        { family: 'Kamen', given: 'D. L.' },
        { family: 'Wallace', given: 'C.' },
        { family: 'Li', given: 'Z.' },
      ],
      title:
        'Safety, immunological effects and clinical response in a phase I trial of umbilical cord mesenchymal stromal cells in patients with treatment refractory SLE',
      'container-title': 'Lupus Sci Med',
      issued: { 'date-parts': [[2022]] },
      volume: '9',
      issue: '1',
      page: 'e000704',
      custom: { etAl: true, gbtType: 'J' },
    });
  });

  it('[5] Chinese names', () => {
    expect(seed(5)).toEqual({
      id: 'ref-5',
      type: 'article-journal',
      language: 'zh-CN',
      author: [
        { family: '马', given: '琳洁' },
        { family: '薛', given: '文涛' },
        { family: '谭', given: '举朋' },
      ],
      title: '诱导性多能干细胞移植治疗小鼠系统性红斑狼疮',
      'container-title': '中国组织工程研究',
      issued: { 'date-parts': [[2019]] },
      volume: '23',
      issue: '33',
      page: '5286-5292',
      custom: { gbtType: 'J' },
    });
  });

  it('[6] volume without issue, apostrophe in the title', () => {
    const item = seed(6);
    expect(item.title).toBe("Innate Immune Cells' Contribution to Systemic Lupus Erythematosus");
    expect(item['container-title']).toBe('Front Immunol');
    expect(item.volume).toBe('10');
    expect(item.issue).toBeUndefined();
    expect(item.page).toBe('772');
    expect(item.author?.[0]).toEqual({ family: 'Herrada', given: 'A. A.' });
  });

  it('[10] 等 sets the et-al flag', () => {
    expect(seed(10)).toEqual({
      id: 'ref-10',
      type: 'article-journal',
      language: 'zh-CN',
      author: [
        { family: '裘', given: '影影' },
        { family: '何', given: '建强' },
        { family: '汤', given: '郁' },
      ],
      title: '间充质干细胞对系统性红斑狼疮患者树突状细胞的免疫抑制作用',
      'container-title': '江苏大学学报(医学版)',
      issued: { 'date-parts': [[2015]] },
      volume: '25',
      issue: '6',
      page: '477-481',
      custom: { etAl: true, gbtType: 'J' },
    });
  });

  it('[17] two-word family name', () => {
    const item = seed(17);
    expect(item.author).toEqual([
      { family: 'Karrar', given: 'S.' },
      { family: 'Cunninghame Graham', given: 'D. S.' },
    ]);
    expect(item.custom?.etAl).toBeUndefined();
    expect(item.title).toBe('Abnormal B Cell Development in Systemic Lupus Erythematosus: What the Genetics Tell Us');
    expect(item['container-title']).toBe('Arthritis Rheum');
    expect([item.volume, item.issue, item.page]).toEqual(['70', '4', '496-507']);
  });

  it('[21] hyphenated family names', () => {
    const item = seed(21);
    expect(item.author).toEqual([
      { family: 'Luz-Crawford', given: 'P.' },
      { family: 'Kurte', given: 'M.' },
      { family: 'Bravo-Alegría', given: 'J.' },
    ]);
    expect(item.custom?.etAl).toBe(true);
    expect(item.title).toContain('CD4⁺CD25⁺Foxp3⁺');
    expect(item.issued).toEqual({ 'date-parts': [[2013]] });
  });

  it('[23] a period inside the title does not end it', () => {
    const item = seed(23);
    expect(item.author?.map((a) => a.family)).toEqual(['Zhang', 'Feng', 'Niu']);
    expect(item.title).toBe(
      'Human Umbilical Cord Mesenchymal Stem Cells Inhibit T Follicular Helper Cell Expansion Through the Activation of iNOS in Lupus-Prone B6. MRL-Faslpr Mice',
    );
    expect(item['container-title']).toBe('Cell Transplant');
  });

  it('[29] and [31] long article numbers as pages', () => {
    expect(seed(29)).toMatchObject({ volume: '2016', page: '4062789', issued: { 'date-parts': [[2016]] } });
    expect(seed(31)).toMatchObject({ volume: '29', page: '963689720954140', 'container-title': 'Cell Transplant' });
  });

  it('[35] hyphenated family name with two initials', () => {
    expect(seed(35).author?.[1]).toEqual({ family: 'Johnson-Stephenson', given: 'T. K.' });
  });

  it('[44] thesis with place and publisher', () => {
    expect(seed(44)).toEqual({
      id: 'ref-44',
      type: 'thesis',
      language: 'zh-CN',
      author: [{ family: '王', given: '颖翠' }],
      title: '人脐带间充质干细胞制备及治疗系统性红斑狼疮的临床研究',
      'publisher-place': '昆明',
      publisher: '昆明医科大学',
      issued: { 'date-parts': [[2019]] },
      custom: { gbtType: 'D' },
    });
  });

  it('[13] three authors without et al.', () => {
    const item = seed(13);
    expect(item.author).toEqual([
      { family: 'Seo', given: 'Y.' },
      { family: 'Kang', given: 'M. J.' },
      { family: 'Kim', given: 'H. S.' },
    ]);
    expect(item.custom).toEqual({ gbtType: 'J' });
  });

  it('every seed reference parses without problems and validates', () => {
    seedLines.forEach((line, i) => {
      const { item, problems } = parseReference(line, `ref-${i + 1}`);
      expect(problems, line).toEqual([]);
      expect(cslItemSchema.safeParse(item).success).toBe(true);
      expect(item.title && item['container-title'] ? 'ok' : item.type).toMatch(/ok|thesis/);
    });
  });

  it('reads the seed lines as extracted, before normalization', () => {
    const raw = '[21] Luz - Crawford P, Kurte M, Bravo - Alegría J, et al. Mesenchymal stem cells generate a CD4⁺CD25⁺Foxp3⁺ regulatory T cell population during the differentiation process of Th1 and Th17 cells [J]. Stem Cell Res Ther,2013,4(3): 65.';
    const item = parseReference(raw).item;
    expect(item.author?.map((a) => a.family)).toEqual(['Luz-Crawford', 'Kurte', 'Bravo-Alegría']);
    expect(item).toMatchObject({ volume: '4', issue: '3', page: '65', 'container-title': 'Stem Cell Res Ther' });
  });
});

describe('parseReferenceLines', () => {
  it('reads one reference per non-empty line with ids in order', () => {
    const items = parseReferenceLines(`[1] ${seedLines[0]}\n\n- [2] ${seedLines[1]}\n${seedLines[43]}\n`);
    expect(items.map((i) => i.id)).toEqual(['ref-1', 'ref-2', 'ref-3']);
    expect(items.map((i) => i.type)).toEqual(['article-journal', 'article-journal', 'thesis']);
  });
});

describe('document types and forms', () => {
  it('monograph with translator, edition and pages', () => {
    const { item, problems } = parseReference('[7] 卡尔·萨根. 宇宙的结构[M]. 张三, 李四, 译. 3 版. 上海: 上海译文出版社, 2015: 12-20.');
    expect(problems).toEqual([]);
    expect(item).toMatchObject({
      type: 'book',
      author: [{ literal: '卡尔·萨根' }],
      translator: [
        { family: '张', given: '三' },
        { family: '李', given: '四' },
      ],
      edition: '3',
      'publisher-place': '上海',
      publisher: '上海译文出版社',
      page: '12-20',
      issued: { 'date-parts': [[2015]] },
    });
  });

  it('proceedings without place, pages run into the year with a period', () => {
    const item = parseReference('Yu F, Wang D, Shelhamer E, et al. Deep layer aggregation[C]//Proc of the Conference on Computer Vision and Pattern Recognition: IEEE Press, 2018.2403-2412.').item;
    expect(item).toMatchObject({
      type: 'paper-conference',
      'container-title': 'Proc of the Conference on Computer Vision and Pattern Recognition',
      publisher: 'IEEE Press',
      issued: { 'date-parts': [[2018]] },
      page: '2403-2412',
    });
    expect(item['publisher-place']).toBeUndefined();
  });

  it('translators cut with 等译', () => {
    const item = parseReference('韦伯. 经济与社会: 上卷[M]. 阎克文, 王某, 赵某, 等译. 上海: 上海人民出版社, 2010.').item;
    expect(item.volume).toBe('上卷');
    expect(item.translator).toHaveLength(3);
    expect(item.custom?.translatorEtAl).toBe(true);
  });

  it('English book with edition, editor statement and two-part place', () => {
    const item = parseReference('HARRIS J R, NOLAN K. Clinical neurology[M]. SMITH A B, ed. 2nd ed. Oxford, UK: Blackwell Science, 2009: 101-110.').item;
    expect(item).toMatchObject({
      type: 'book',
      language: 'en',
      author: [
        { family: 'Harris', given: 'J. R.' },
        { family: 'Nolan', given: 'K.' },
      ],
      editor: [{ family: 'Smith', given: 'A. B.' }],
      edition: '2',
      'publisher-place': 'Oxford, UK',
      publisher: 'Blackwell Science',
      page: '101-110',
    });
  });

  it('chapter in an edited book (//)', () => {
    const item = parseReference('刘某某. 肾脏病理[M]//王某某, 李某某. 内科学: 第 2 卷. 北京: 人民卫生出版社, 2018: 201-230.').item;
    expect(item).toMatchObject({
      type: 'chapter',
      author: [{ family: '刘', given: '某某' }],
      editor: [
        { family: '王', given: '某某' },
        { family: '李', given: '某某' },
      ],
      title: '肾脏病理',
      'container-title': '内科学',
      volume: '第 2 卷',
      page: '201-230',
    });
  });

  it('conference paper and whole proceedings', () => {
    const paper = parseReference('BROWN T, LEE S. Fast parsing of references[C]//ACME Society. Proceedings of the Fifth Workshop on Text, March 3–5, 2019, Boston, MA. New York: ACME Press, 2019: 33-40.').item;
    expect(paper).toMatchObject({
      type: 'paper-conference',
      editor: [{ literal: 'ACME Society' }],
      'container-title': 'Proceedings of the Fifth Workshop on Text',
      'event-date': { literal: 'March 3–5, 2019' },
      'event-place': 'Boston, MA',
      page: '33-40',
    });
    const proceedings = parseReference('中国医师协会. 第十届全国风湿病学术会议论文集[C]. 北京: 中国医师协会, 2016.').item;
    expect(proceedings).toMatchObject({ type: 'book', editor: [{ literal: '中国医师协会' }], custom: { gbtType: 'C' } });
    expect(proceedings.author).toBeUndefined();
  });

  it('newspaper article with page', () => {
    const item = parseReference('张某. 干细胞治疗进入临床[N]. 健康报, 2021-05-18(6).').item;
    expect(item).toMatchObject({ type: 'article-newspaper', 'container-title': '健康报', issued: { 'date-parts': [[2021, 5, 18]] }, page: '6' });
  });

  it('electronic resource with publication and access dates', () => {
    const item = parseReference('国家卫生健康委员会. 关于印发干细胞临床研究管理办法的通知[EB/OL]. (2015-08-21)[2023-01-05]. http://www.nhc.gov.cn/qjjys/s3581/201508/xxx.shtml.').item;
    expect(item).toMatchObject({
      type: 'webpage',
      author: [{ literal: '国家卫生健康委员会' }],
      issued: { 'date-parts': [[2015, 8, 21]] },
      accessed: { 'date-parts': [[2023, 1, 5]] },
      URL: 'http://www.nhc.gov.cn/qjjys/s3581/201508/xxx.shtml',
      custom: { gbtType: 'EB', carrier: 'OL' },
    });
  });

  it('journal article online with DOI', () => {
    const item = parseReference('LI X, WANG Y. Title of a paper[J/OL]. Journal of Things, 2020, 12(3): 45-50[2021-02-03]. https://example.org/a/1. DOI:10.1000/xyz.2020.003.').item;
    expect(item).toMatchObject({
      type: 'article-journal',
      'container-title': 'Journal of Things',
      volume: '12',
      issue: '3',
      page: '45-50',
      accessed: { 'date-parts': [[2021, 2, 3]] },
      URL: 'https://example.org/a/1',
      DOI: '10.1000/xyz.2020.003',
      custom: { gbtType: 'J', carrier: 'OL' },
    });
  });

  it('journal issue without volume', () => {
    expect(parseReference('赵某. 古籍整理[J]. 文献, 2013(1): 56-75.').item).toMatchObject({ issue: '1', page: '56-75' });
  });

  it('patent, standard and report numbers', () => {
    expect(parseReference('张某. 一种细胞培养装置: CN202010123456.7[P]. 2021-03-02.').item).toMatchObject({
      type: 'patent',
      title: '一种细胞培养装置',
      number: 'CN202010123456.7',
      'publisher-place': 'CN',
      issued: { 'date-parts': [[2021, 3, 2]] },
    });
    expect(parseReference('国家药品监督管理局. 医用细胞制备规范: YY/T 1234—2020[S]. 北京: 中国标准出版社, 2020.').item).toMatchObject({
      type: 'standard',
      title: '医用细胞制备规范',
      number: 'YY/T 1234—2020',
    });
    expect(parseReference('SMITH J, DOE A. Survey of cell therapy: NIST-TR-1234[R]. [S.l.: s.n.], 2019: 5-7.').item).toMatchObject({
      type: 'report',
      number: 'NIST-TR-1234',
      page: '5-7',
      custom: { placeUnknown: true, publisherUnknown: true },
    });
  });

  it('the 2025 form of a standard: number first, no responsibility', () => {
    expect(parseReference('GB/T 7714—2025\u2003信息与文献 参考文献著录规则[S].').item).toMatchObject({
      type: 'standard',
      number: 'GB/T 7714—2025',
      title: '信息与文献 参考文献著录规则',
    });
  });

  it('other codes: dataset, software, map, archive, preprint, other', () => {
    const code = (s: string) => parseReference(s).item.type;
    expect(code('某实验室. 中国人群基因组数据集[DS/OL]. (2020-01-01)[2021-01-01]. https://example.org/ds.')).toBe('dataset');
    expect(code('某数据中心. 气象数据库[DB/OL]. (2020-01-01)[2021-01-01]. https://example.org/db.')).toBe('dataset');
    expect(code('某公司. 统计软件[CP]. 北京: 某公司, 2020.')).toBe('software');
    expect(code('测绘局. 中国地图[CM]. 北京: 地图出版社, 2019.')).toBe('map');
    expect(code('某档案馆. 民国档案汇编[A]. 南京: 某出版社, 2001.')).toBe('collection');
    expect(code('某作者. 预印本题名[PP/OL]. (2023-05-01)[2023-06-01]. https://example.org/pp.')).toBe('article');
    expect(code('某作者. 未分类资料[Z]. 北京: 某单位, 2001.')).toBe('document');
  });

  it('full-width punctuation (2025 style) and compact half-width forms', () => {
    const full = parseReference('［5］马琳洁，薛文涛，谭举朋．诱导性多能干细胞移植治疗小鼠系统性红斑狼疮［J］．中国组织工程研究，2019，23（33）：5286-5292．').item;
    const compact = parseReference('马琳洁,薛文涛,谭举朋.诱导性多能干细胞移植治疗小鼠系统性红斑狼疮[J].中国组织工程研究,2019,23(33):5286-5292.').item;
    const expected = {
      author: [
        { family: '马', given: '琳洁' },
        { family: '薛', given: '文涛' },
        { family: '谭', given: '举朋' },
      ],
      title: '诱导性多能干细胞移植治疗小鼠系统性红斑狼疮',
      'container-title': '中国组织工程研究',
      volume: '23',
      issue: '33',
      page: '5286-5292',
    };
    expect(full).toMatchObject(expected);
    expect(compact).toMatchObject(expected);
    const book = parseReference('张伯伟.全唐五代诗格汇考[M].南京:江苏古籍出版社,2002:288.').item;
    expect(book).toMatchObject({ author: [{ family: '张', given: '伯伟' }], 'publisher-place': '南京', publisher: '江苏古籍出版社', page: '288' });
  });

  it('carriers other than OL', () => {
    expect(parseReference('某出版社. 中医典籍光盘[M/CD]. 北京: 某出版社, 2005.').item.custom).toEqual({ gbtType: 'M', carrier: 'CD' });
    expect(parseReference('某单位. 地震记录[DB/MT]. 北京: 某单位, 1999.').item.custom).toEqual({ gbtType: 'DB', carrier: 'MT' });
  });

  it('compact English without spaces after periods', () => {
    const item = parseReference('[6]ROSSI M,BIANCHI L,VERDI P,et al.Soy isoflavones,a review of their effects on bone[J].The Journal of Things,2004,134(10):2623-2627.').item;
    expect(item).toMatchObject({
      author: [
        { family: 'Rossi', given: 'M.' },
        { family: 'Bianchi', given: 'L.' },
        { family: 'Verdi', given: 'P.' },
      ],
      title: 'Soy isoflavones,a review of their effects on bone',
      'container-title': 'The Journal of Things',
      page: '2623-2627',
      custom: { etAl: true },
    });
  });

  it('a Chinese reference followed by its English translation', () => {
    const { item, issues } = parseReferenceDetailed(
      '张某某，李某，王某．微生物修复研究[J]．中国某某学报,2007,15(3):198-202 Zhang M M,Li M,Wang M. Study of microbial remediation[J].Chinese Journal of Something,2007,15(3): 198-202',
    );
    expect(item).toMatchObject({ title: '微生物修复研究', 'container-title': '中国某某学报', volume: '15', issue: '3', page: '198-202' });
    expect(item.note).toContain('Zhang M M,Li M,Wang M. Study of microbial remediation');
    expect(issues.some((i) => /another reference/.test(i.message))).toBe(true);
  });

  it('thesis degree statement as genre', () => {
    expect(parseReference('陈某某. 某鸭品种生产性能研究[D]. 硕士学位论文. 杭州: 浙江大学, 2004.').item).toMatchObject({
      type: 'thesis',
      genre: '硕士学位论文',
      'publisher-place': '杭州',
      publisher: '浙江大学',
    });
  });

  it('Western names: all-capital, particles, suffixes and corporate bodies', () => {
    expect(parseNameList('DES MARAIS D J, O’BRIEN J A, VAN DER BERG K, SODEMAN W A, Jr').names).toEqual([
      { family: 'Des Marais', given: 'D. J.' },
      { family: 'O’Brien', given: 'J. A.' },
      { family: 'Van Der Berg', given: 'K.' },
      { family: 'Sodeman', given: 'W. A.', suffix: 'Jr' },
    ]);
    expect(parseNameList('World Health Organization').names).toEqual([{ literal: 'World Health Organization' }]);
    expect(parseNameList('Online Computer Library Center, Inc').names).toEqual([{ literal: 'Online Computer Library Center, Inc' }]);
    expect(parseNameList('欧阳修, 司马光, 等')).toMatchObject({
      names: [
        { family: '欧阳', given: '修' },
        { family: '司马', given: '光' },
      ],
      etAl: true,
    });
  });
});

describe('partial and wrong strings', () => {
  it('names what a journal article lacks', () => {
    const { item, problems } = parseReference('Kamen DL, Wallace C. Safety of cells[J]. Lupus Sci Med, 2022.');
    expect(item).toMatchObject({ title: 'Safety of cells', 'container-title': 'Lupus Sci Med', issued: { 'date-parts': [[2022]] } });
    expect(problems).toEqual(['missing volume or issue', 'missing pages or article number']);
  });

  it('reads a reference without a type code', () => {
    const { item, issues } = parseReferenceDetailed('Kamen DL, Wallace C, Li Z. Safety of cells. Lupus Sci Med, 2022, 9(1): e000704.');
    expect(issues.some((i) => i.kind === 'parse' && /type code/.test(i.message))).toBe(true);
    expect(item).toMatchObject({ type: 'article-journal', 'container-title': 'Lupus Sci Med', volume: '9', page: 'e000704' });
    expect(item.author).toHaveLength(3);
  });

  it('never throws on junk and always returns a valid item', () => {
    for (const junk of ['', '   ', '[12]', '...', '[J]', 'just some words', '中文没有结构', '[M]//. : ,', 'A. B. C. D. E. F.']) {
      const { item, problems } = parseReference(junk);
      expect(cslItemSchema.safeParse(item).success, junk).toBe(true);
      expect(problems.length, junk).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!existsSync(sharedRefs))('GB/T 7714-2015 examples (../shared/refs)', () => {
  it('scores overall F1 ≥ 0.97 and every field ≥ 0.95 on visible fields', () => {
    if (!existsSync(sharedRefs)) return;
    const examples = readFileSync(sharedRefs, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; string: string; csl: Record<string, unknown>; check: { visible_fields: string[]; authors_in_string: number } });
    const report = evaluate(examples.map((e) => ({ id: e.id, string: e.string, csl: e.csl, visible: e.check.visible_fields, authors: e.check.authors_in_string })));
    expect(prf(report.overall).f1).toBeGreaterThanOrEqual(0.97);
    for (const [field, counts] of Object.entries(report.fields)) {
      if (counts.tp + counts.fp + counts.fn === 0) continue;
      expect(prf(counts).f1, field).toBeGreaterThanOrEqual(0.95);
    }
  });
});

if (!existsSync(sharedRefs)) {
  console.warn(`references.spec: ../shared/refs/gbt7714-2015-examples.jsonl is absent; the development-set score is skipped`);
}

describe('GB/T 7714 forms of the 2015 and 2025 editions', () => {
  const item = (s: string) => parseReference(s, 'ref-1').item;

  it('a dataset or preprint: the repository and its release date, a version', () => {
    expect(
      item('[1] 国家地球系统科学数据中心. 中国1 km分辨率逐月降水量数据集(1901—2024)[DS/OL]. 国家地球系统科学数据中心(2025-07-07) [2025-07-15]. https://doi.org/10.12041/geodata.1.db.'),
    ).toMatchObject({
      type: 'dataset',
      publisher: '国家地球系统科学数据中心',
      issued: { 'date-parts': [[2025, 7, 7]] },
      accessed: { 'date-parts': [[2025, 7, 15]] },
    });
    const preprint = item('[2] HINTON G. Deep learning[PP/OL]. V2.arXiv (2012-03-18)[2023-01-02]. https://arxiv.org/abs/1207.0580.');
    expect(preprint).toMatchObject({ version: 'V2', publisher: 'arXiv', issued: { 'date-parts': [[2012, 3, 18]] } });
    expect(preprint.note).toBeUndefined();
  });

  it('a volume after the title in either edition, a map scale and size, a standard dated by its number', () => {
    expect(item('[3] 陈登原. 国史旧闻: 卷 1[M]. 北京: 中华书局, 2000: 29.')).toMatchObject({ title: '国史旧闻', volume: '卷 1' });
    expect(item('[4] 中华人民共和国国家测绘局. 中华人民共和国地图: 1∶25 000[CM]. 北京: 中国地图出版社, 1992: 128cm×84cm.')).toMatchObject({
      type: 'map',
      title: '中华人民共和国地图',
      scale: '1∶25 000',
      dimensions: '128cm×84cm',
    });
    expect(item('[5] 国家标准化管理委员会. 信息与文献 资源描述: GB/T 3792—2021[S]. 北京: 中国标准出版社.')).toMatchObject({
      number: 'GB/T 3792—2021',
      issued: { 'date-parts': [[2021]] },
      publisher: '中国标准出版社',
      'publisher-place': '北京',
    });
  });

  it('short DOIs, a DOI glued to the URL before it, an edition run into the place, capital name particles', () => {
    expect(item('[6] SMITH J. Some title[J]. Nature, 2010, 5(2): 1-10. doi:10/f2vbrs.')).toMatchObject({ DOI: '10/f2vbrs' });
    expect(item('[7] SMITH J. Web page[EB/OL]. (2020-01-01)[2020-02-02]. https://example.org/x.htmlDOI:10.1000/182.')).toMatchObject({
      URL: 'https://example.org/x.html',
      DOI: '10.1000/182',
    });
    expect(item('[8] PRAETZELLIS A. Death by theory[M]. 6th ed Lanham: AltaMira Press, 2000.')).toMatchObject({
      edition: '6',
      'publisher-place': 'Lanham',
    });
    expect(item('[9] VEEN P H VAN DER, SMITH J JR. A title[J]. Journal, 2000, 1: 1-2.').author).toEqual([
      { family: 'Van Der Veen', given: 'P. H.' },
      { family: 'Smith', given: 'J.', suffix: 'Jr' },
    ]);
    // a space after the point inside a number, spaced initials in a place
    const patent = parseReferenceDetailed('[11] 邓一刚. 全智能节电器: 200610171314. 3[P]. 2006-12-13.', 'ref-11');
    expect(patent.item).toMatchObject({ title: '全智能节电器', number: '200610171314.3' });
    expect(patent.issues.map((i) => i.kind)).toEqual(['repair']);
    expect(item('[12] 全国信息与文献标准化技术委员会. 文献著录: 第 4 部分 非书资料: GB/T 3792. 4—2009[S]. 北京: 中国标准出版社, 2010: 3.')).toMatchObject({
      title: '文献著录: 第 4 部分 非书资料',
      number: 'GB/T 3792.4—2009',
    });
    expect(item('[13] NRC. Nutrient requirements of poultry[M]. 9th ed. Washington, D. C.: National Academy Press, 1994.')).toMatchObject({
      'publisher-place': 'Washington, D. C.',
      publisher: 'National Academy Press',
    });
    // two capitals after a separate initial could be initials themselves: `LI D E` keeps them
    expect(item('[10] WANG X DE. A title[J]. Journal, 2000, 1: 1-2.').author).toEqual([{ family: 'Wang', given: 'X. D. E.' }]);
  });
});
