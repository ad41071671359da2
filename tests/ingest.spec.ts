import { describe, expect, it } from 'vitest';
import type { Heading, Paragraph, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { plainText } from '../src/model/util.js';
import type { Citation, ReferenceList, TableFloat, FigureFloat } from '../src/model/types.js';
import { seedModel, model } from './helpers/seed.js';

const { tree, file } = seedModel();
const meta = tree.data.meta;
const paragraphs = tree.children.filter((c): c is Paragraph => c.type === 'paragraph');
const paraTexts = paragraphs.map((p) => plainText(p.children));
const allText = paraTexts.join('\n');

describe('seed metadata', () => {
  it('titles in both languages', () => {
    expect(meta.title.zh).toBe('间充质干细胞治疗系统性红斑狼疮的机制及研究进展');
    expect(meta.title.en).toBe('Mechanisms and research advances of mesenchymal stem cell therapy for systemic lupus erythematosus');
  });

  it('three authors with both names, affiliation ids and the corresponding author', () => {
    expect(meta.authors.map((a) => a.name)).toEqual([
      { zh: '舒兆平', en: 'SHU Zhaoping' },
      { zh: '袁媛', en: 'YUAN Yuan' },
      { zh: '付强', en: 'FU Qiang' },
    ]);
    expect(meta.authors.map((a) => a.affiliations)).toEqual([['aff1'], ['aff2'], ['aff3']]);
    expect(meta.authors.map((a) => a.corresponding)).toEqual([false, false, true]);
    expect(meta.authors[2]!.email).toBe('fuqiang1990621@126.com');
    expect(meta.correspondence).toEqual({ name: { en: 'FU Qiang' }, email: 'fuqiang1990621@126.com' });
  });

  it('three affiliations, parsed in both languages', () => {
    expect(meta.affiliations).toHaveLength(3);
    const [a1, a2, a3] = meta.affiliations;
    expect(a1!.zh).toEqual({
      text: '南华大学附属第一医院感染管理科，湖南衡阳421001',
      institution: '南华大学附属第一医院感染管理科',
      city: '衡阳',
      province: '湖南',
      postcode: '421001',
      country: '中国',
    });
    expect(a1!.en).toMatchObject({
      institution: 'Department of Healthcare-associated Infection Management, The First Affiliated Hospital, Hengyang Medical School, University of South China',
      city: 'Hengyang',
      postcode: '421001',
      province: 'Hunan',
      country: 'China',
    });
    expect(a2!.zh!.institution).toBe('南华大学衡阳医学院');
    expect(a2!.en!.institution).toBe('Hengyang Medical College, University of South China');
    expect(a3!.zh!.institution).toBe('南华大学附属第一医院风湿免疫科');
    expect(a3!.en!.institution).toMatch(/^Department of Rheumatology and Immunology/);
    expect(meta.affiliations.map((a) => a.id)).toEqual(['aff1', 'aff2', 'aff3']);
  });

  it('abstract, keywords, CLC, document code, article number and what it encodes', () => {
    expect(meta.abstract?.zh).toMatch(/^系统性红斑狼疮（systemic lupus erythematosus, SLE）是常见的自身免疫性疾病之一，/);
    expect(meta.abstract?.zh).toMatch(/其有效性和安全性问题需要进一步研究。$/);
    expect(meta.abstract?.en).toBeUndefined();
    expect(meta.keywords.zh).toEqual(['间充质干细胞', '系统性红斑狼疮', '治疗', '研究进展']);
    expect(meta.clc).toEqual(['R593']);
    expect(meta.documentCode).toBe('A');
    expect(meta.articleNumber).toEqual({
      text: '2095-9664(2024)02-0075-06',
      issn: '2095-9664',
      year: 2024,
      issue: 2,
      firstPage: 75,
      pageCount: 6,
      lastPage: 80,
    });
  });

  it('received date and editor from the back notes', () => {
    expect(meta.received).toBe('2023-08-31');
    expect(meta.editor).toBe('欧阳菁');
  });
});

describe('seed body', () => {
  it('has 5 numbered sections', () => {
    const headings = tree.children.filter((c): c is Heading => c.type === 'heading');
    expect(headings.map((h) => [h.depth, h.data?.label, plainText(h.children)])).toEqual([
      [2, '1', 'MSCs分泌可溶性因子，调控免疫细胞'],
      [2, '2', 'MSCs调节细胞自噬，清除凋亡细胞'],
      [2, '3', 'MSCs分泌的细胞外囊泡影响细胞间的信号传递'],
      [2, '4', 'MSCs治疗SLE的临床进展'],
      [2, '5', '小结与展望'],
    ]);
  });

  it('keeps every body paragraph whole: none split by page breaks, none merged', () => {
    const expected: Array<[string, string]> = [
      ['系统性红斑狼疮（systemic lupus erythematosus, SLE）是一种复杂的自身免疫病', '旨在为下一阶段的实验研究提供新的思路和方法。'],
      ['MSCs能通过抑制巨噬细胞、自然杀伤细胞', '防止SLE进一步发展。'],
      ['MSCs能通过调节B细胞、T细胞等适应性免疫细胞的功能', 'MSCs的具体功能见图1。'],
      ['自噬是真核生物依靠溶酶体降解蛋白质和细胞器的过程。', '有人推测这可能与MSCs调节PI3K/AKT通路有关[27]。'],
      ['研究发现，凋亡细胞（apoptotic cells, ACs）', '缓解狼疮性肾炎小鼠的症状。'],
      ['MSCs主要通过分泌细胞外囊泡进行细胞之间的信号传递和物质运输', '促进活化T细胞凋亡和Treg的生成[36-37]。'],
      ['MSCs-Exo是最常见的MSCs-EVs类型', 'MSCs-EVs的具体功能见表1。'],
      ['MSCs移植在治疗SLE的临床研究方面已经取得初步进展', '初步证明MSCs移植是难治性SLE患者的一种可行且安全的治疗方法[47]。'],
      ['尽管大多数研究表明MSCs移植可以改善系统性红斑狼疮患者的疾病状况', '其有效性和安全性问题需要进一步研究。'],
      ['MSCs具有免疫调节，低免疫原性', '有望成为治疗SLE新的治疗方式。'],
    ];
    expect(paraTexts).toHaveLength(expected.length);
    expected.forEach(([start, end], i) => {
      expect(paraTexts[i]!.startsWith(start), `paragraph ${i + 1} starts with ${start}`).toBe(true);
      expect(paraTexts[i]!.endsWith(end), `paragraph ${i + 1} ends with ${end}`).toBe(true);
    });
  });

  it('rejoins words split at page breaks', () => {
    for (const joined of ['治疗策略[4-5]。', '推动促炎巨噬细胞M1极化', '抗炎细胞因子（IL-10和TGF-β）[17]', '蛋白质水平，进而调控', '向免疫抑制细胞表型', '狼疮性肾炎动物模型进行meta分析']) {
      expect(allText).toContain(joined);
    }
    expect(allText).not.toMatch(/治疗策\s|巨噬细\s|TGF-\s/);
  });

  it('lifts the figure and the table out of the sentences they interrupted', () => {
    const idx = (t: string) => tree.children.findIndex((c) => c.type === t);
    const fig = tree.children[idx('figureFloat')] as FigureFloat;
    const table = tree.children[idx('tableFloat')] as TableFloat;
    expect(fig.label).toBe('图1');
    expect(fig.identifier).toBe('F1');
    expect(plainText(fig.caption)).toBe('MSCs的具体功能');
    expect(fig.credit).toBe('本图由Figdraw绘制');
    // Placed right after the paragraph that first refers to each.
    const before = (i: number) => plainText((tree.children[i - 1] as Paragraph).children);
    expect(before(idx('figureFloat'))).toMatch(/见图1。$/);
    expect(before(idx('tableFloat'))).toMatch(/见表1。$/);
    expect(table.label).toBe('表1');
    expect(plainText(table.caption)).toBe('MSCs-EVs的具体功能');
  });

  it('the table has a header and 7 rows with case restored from the article', () => {
    const table = tree.children.find((c): c is TableFloat => c.type === 'tableFloat')!;
    const rows = table.children[0].children.map((r) => r.children.map((c) => plainText(c.children)));
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual(['类型', '作用机制', '作用']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['MSCs-EVs', 'MSCs-EVs', 'MSCs-Exo', 'BM-MSCs-Exo', 'MSCs-Exo', 'MSCs-Exo', 'MSCs-Exo']);
    expect(rows[2]).toEqual(['MSCs-EVs', '传递miR-23a-3p', '促进CD4⁺ T细胞分化为Treg']);
    expect(rows[3]![1]).toBe('调节p27kip1/Cdk2信号通路');
    expect(rows[4]).toEqual(['BM-MSCs-Exo', '传递miR-146a-5p', '调节Th17/Treg细胞失衡']);
    expect(rows[5]![1]).toBe('调节TGF-β/Smad信号通路');
    expect(rows[6]![1]).toBe('传递miRNA-155和miRNA-146');
    expect(rows[7]![1]).toBe('转移tsRNA-21109');
    expect(rows.flat().join('')).not.toMatch(/MSCS|TREG|MIR-|EVS|EXO/);
  });

  it('has 51 citation groups and no `^[` left', () => {
    const cites: Citation[] = [];
    visit(tree, 'citation', (n) => {
      cites.push(n as Citation);
    });
    expect(cites).toHaveLength(51);
    expect(cites[0]!.numbers).toEqual([1]);
    expect(cites.find((c) => c.numbers.length === 2 && c.numbers[0] === 4)!.numbers).toEqual([4, 5]);
    expect(cites.find((c) => c.numbers[0] === 21)!.numbers).toEqual([21, 22, 23]);
    const cited = new Set(cites.flatMap((c) => c.numbers));
    expect(cited.size).toBe(51);
    let leftovers = 0;
    visit(tree, 'text', (n) => {
      if ((n as Text).value.includes('^[')) leftovers++;
    });
    expect(leftovers).toBe(0);
  });

  it('has 51 references, continued entries joined', () => {
    const refs = tree.children.find((c): c is ReferenceList => c.type === 'referenceList')!;
    expect(refs.children.map((r) => r.number)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(plainText(refs.children[2]!.children)).toBe(
      '中华医学会风湿病学分会, 中国医院协会临床新技术应用专业委员会. 异体间充质干细胞治疗系统性红斑狼疮专家共识[J]. 中华风湿病学杂志, 2022, 26(1):1-8.',
    );
    expect(plainText(refs.children[27]!.children)).toBe(
      'Ceccariglia S, Cargnoni A, Silini AR, et al. Autophagy: a potential key contributor to the therapeutic action of mesenchymal stem cells[J]. Autophagy, 2020, 16(1):28-37.',
    );
  });

  it('reports each page-break join and float move as an info finding', () => {
    const joined = file.messages.filter((m) => m.ruleId === 'ingest-paragraph-joined');
    expect(joined.map((m) => m.line)).toEqual([25, 31, 35, 46, 54, 73]);
    expect(file.messages.filter((m) => m.ruleId === 'ingest-float-moved').map((m) => m.line)).toEqual([44, 62]);
    expect(file.messages.filter((m) => m.ruleId === 'ingest-reference-joined').map((m) => m.line)).toEqual([87, 114]);
    expect(file.messages.filter((m) => m.fatal === true)).toEqual([]);
  });

  it('keeps source positions on nodes', () => {
    const heading = tree.children.find((c): c is Heading => c.type === 'heading')!;
    expect(heading.position?.start.line).toBe(27);
    const refs = tree.children.find((c): c is ReferenceList => c.type === 'referenceList')!;
    expect(refs.children[0]!.position?.start.line).toBe(83);
    expect(paragraphs[0]!.position?.start.line).toBe(23);
    expect(paragraphs[0]!.position?.end.line).toBe(25);
  });
});

describe('missing parts are findings, never crashes', () => {
  it('no English block and no references', () => {
    const { tree: t, file: f } = model('测试标题\n\n张三\n\n摘要 这是摘要。\n\n关键词 甲;乙\n\n正文第一段,内容。\n');
    expect(t.data.meta.title.zh).toBe('测试标题');
    const ids = f.messages.map((m) => m.ruleId);
    expect(ids).toContain('ingest-no-english-block');
    expect(ids).toContain('ingest-no-references');
    expect(ids).toContain('ingest-no-article-number');
    expect(plainText((t.children[0] as Paragraph).children)).toBe('正文第一段，内容。');
  });

  it('an image line of the extraction before a figure caption becomes the figure image', () => {
    const { tree } = model('标题\n\n正文见图1。\n\n![](images/abc.jpg)\n图1 示意图\n\n后文。\n');
    const fig = tree.children.find((c): c is FigureFloat => c.type === 'figureFloat')!;
    expect(fig).toMatchObject({ identifier: 'F1', label: '图1', url: 'images/abc.jpg' });
    expect(plainText(fig.caption)).toBe('示意图');
    expect(tree.children.some((c) => c.type === 'paragraph' && plainText(c.children).includes('!['))).toBe(false);
  });

  it('a reference list without numbers gets numbered with findings', () => {
    const { tree: t, file: f } = model('标题\n\n正文。\n\n参考文献\n\nSmith J. A title[J]. J Test, 2020, 1(1):1-2.\n');
    const refs = t.children.find((c): c is ReferenceList => c.type === 'referenceList')!;
    expect(refs.children).toHaveLength(1);
    expect(f.messages.some((m) => m.ruleId === 'ref-unnumbered')).toBe(true);
  });
});

describe('the English block after the references, interrupted by revision balloons', () => {
  it('is read into the metadata; the balloons are findings', () => {
    const text = [
      '# 肠道蛋白质组学研究进展',
      '张三1',
      '（1. 某某大学，长沙 410006）',
      '摘要：本文综述猪肠道蛋白质组学的研究进展。',
      '关键词：猪；蛋白质组',
      '# 1 引言',
      '肠道是营养物质消化吸收的主要器官。',
      '参考文献：',
      '[1] WANG X Q, WU W Z. Temporal proteomic analysis[J]. Journal of Proteome Research, 2009, 8(7): 3410-3418.',
      'Research Advances on Intestinal Proteomics of Pigs',
      'ZHANG San1',
      '<html><body><table><tr><td>带格式的</td></tr><tr><td>带格式的</td></tr></table></body></html>',
      '(1. College of Life Sciences, Some University, Changsha 410006, China)',
      '# 带格式的',
      'Abstract: Gut is the major organ of nutrient digestion and absorption.',
    ].join('\n\n');
    const { tree: t, file: f } = model(text, 'a.md');
    expect(t.data.meta.title.en).toBe('Research Advances on Intestinal Proteomics of Pigs');
    expect(t.data.meta.abstract?.en).toBe('Gut is the major organ of nutrient digestion and absorption.');
    expect(t.data.meta.affiliations[0]?.en?.text).toBe('College of Life Sciences, Some University, Changsha 410006, China');
    expect(f.messages.filter((m) => /revision note/.test(m.message)).map((m) => m.line)).toEqual([23, 27]);
  });
});

describe('page-foot notes run into a paragraph', () => {
  it('are cut from it into the metadata; the paragraph keeps its text', () => {
    const text = [
      '# 多不饱和脂肪酸的生物学功能',
      '张晓图1',
      '（1. 河南农业大学，郑州 450002）',
      '摘要：本文综述多不饱和脂肪酸的来源和功能。',
      '关键词：多不饱和脂肪酸；功能',
      '# 1 来源',
      'PUFA主要包括亚油酸和亚麻酸等，LNA又可收稿日期：2017-03-05作者简介：张晓图（1991—），女，硕士研究生。E-mail: 472713886@qq.com*通信作者：王志祥，教授，E-mail:wzxhau@aliyun.com',
      '转化为EPA和DHA。',
    ].join('\n\n');
    const { tree: t, file: f } = model(text, 'a.md');
    expect(t.data.meta.received).toBe('2017-03-05');
    expect(t.data.meta.correspondence?.email).toBe('wzxhau@aliyun.com');
    const para = plainText((t.children.find((c) => c.type === 'paragraph' && plainText(c.children).startsWith('PUFA')) as Paragraph).children);
    expect(para).toContain('LNA又可');
    expect(para).not.toContain('收稿日期');
    expect(f.messages.some((m) => m.ruleId === 'ingest-no-body')).toBe(false);
  });
});

describe('a reference heading and list run into the last paragraph', () => {
  it('are cut from it: the paragraph ends the body, the entries are the list', () => {
    const text = ['# 毛刺的识别方法', '赵海升1', '（1. 中国科学院高能物理研究所，北京 100049）', '摘要：本文分析毛刺事例。', '关键词：毛刺；数据分析', '# 1 引言', '毛刺与大信号有关联，但是这些大信号的性质还有待分析。参考文献[1] Zhang S N, Li T P. Overview of the Insight-HXMT satellite[J]. Sci China Phys Mech Astron, 2020, 63(4): 249502.[2] Liu C Z, Zhang Y F. The high energy X-ray telescope[J]. Sci China Phys Mech Astron, 2020, 63(4): 249503.'].join('\n\n');
    const { tree: t } = model(text, 'a.md');
    const list = t.children.find((c): c is ReferenceList => c.type === 'referenceList');
    expect(list?.children.map((e) => e.number)).toEqual([1, 2]);
    const last = t.children.filter((c): c is Paragraph => c.type === 'paragraph').pop()!;
    expect(plainText(last.children)).toBe('毛刺与大信号有关联，但是这些大信号的性质还有待分析。');
  });
});
