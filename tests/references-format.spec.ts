import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cite, plugins } from '@citation-js/core';
import { describe, expect, it } from 'vitest';
import { cslItemSchema, type CslItem } from '../src/references/csl.js';
import { formatReference, registerStyles, toBibtex, toCslJson, toRis } from '../src/references/format.js';
import { parseReference, parseReferenceLines } from '../src/references/parse.js';
import { HOUSE_STYLE_STRINGS } from './helpers/house-strings.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = readFileSync(join(here, 'fixtures', 'seed-references.txt'), 'utf8');
const seedLines = fixture.split('\n').filter((l) => l.trim());
const seedItems = parseReferenceLines(fixture);
const sharedCsl = resolve(here, '..', '..', 'shared', 'csl');

describe('house style', () => {
  it('reproduces all 51 normalized seed references exactly', () => {
    const out = formatReference(seedItems, 'house');
    expect(out).toHaveLength(51);
    out.forEach((line, i) => expect(line, `[${i + 1}]`).toBe(seedLines[i]));
  });

  it('round-trips house-style strings of other document types', () => {
    const strings = HOUSE_STYLE_STRINGS;
    const items = strings.map((s, i) => parseReference(s, `s${i}`).item);
    expect(formatReference(items, 'house')).toEqual(strings);
  });

  it('chooses et al. or 等 by the item language and cuts long lists after three', () => {
    const item: CslItem = {
      id: 'x',
      type: 'article-journal',
      language: 'en',
      title: 'A study',
      author: ['A', 'B', 'C', 'D', 'E'].map((f) => ({ family: `${f}ee`, given: 'X.' })),
      'container-title': 'J Things',
      issued: { 'date-parts': [[2020]] },
      volume: '1',
      page: '5',
    };
    expect(formatReference([item], 'house')[0]).toBe('Aee X, Bee X, Cee X, et al. A study[J]. J Things, 2020, 1:5.');
    const zh = { ...item, language: 'zh-CN', author: [{ family: '张', given: '三' }, { family: '李', given: '四' }, { family: '王', given: '五' }, { family: '赵', given: '六' }] };
    expect(formatReference([zh], 'house')[0]).toBe('张三, 李四, 王五, 等. A study[J]. J Things, 2020, 1:5.');
  });

  it('keeps titles exactly as stored (quotes, angle brackets, superscripts)', () => {
    const item = parseReference('Doe J. The "p<0.05" rule and CD4⁺ cells\' fate[J]. J Things, 2020, 1(1):1-2.').item;
    expect(formatReference([item], 'house')[0]).toBe('Doe J. The "p<0.05" rule and CD4⁺ cells\' fate[J]. J Things, 2020, 1(1):1-2.');
  });

  it('works on the items of parseReferenceLines, in the given order', () => {
    const items = parseReferenceLines(`${seedLines[43]}\n${seedLines[0]}\n`);
    expect(formatReference(items, 'house')).toEqual([seedLines[43], seedLines[0]]);
    expect(formatReference([], 'house')).toEqual([]);
  });
});

describe('other styles', () => {
  const sample = [seedItems[3]!, seedItems[4]!, seedItems[43]!, seedItems[16]!];

  it('GB/T 7714-2015: capitals for Western family names, spaced colons', () => {
    expect(formatReference(sample, 'gbt7714')).toEqual([
      'KAMEN D L, WALLACE C, LI Z, et al. Safety, immunological effects and clinical response in a phase I trial of umbilical cord mesenchymal stromal cells in patients with treatment refractory SLE[J]. Lupus Sci Med, 2022, 9(1): e000704.',
      '马琳洁, 薛文涛, 谭举朋. 诱导性多能干细胞移植治疗小鼠系统性红斑狼疮[J]. 中国组织工程研究, 2019, 23(33): 5286-5292.',
      '王颖翠. 人脐带间充质干细胞制备及治疗系统性红斑狼疮的临床研究[D]. 昆明: 昆明医科大学, 2019.',
      'KARRAR S, CUNNINGHAME GRAHAM D S. Abnormal B Cell Development in Systemic Lupus Erythematosus: What the Genetics Tell Us[J]. Arthritis Rheum, 2018, 70(4): 496-507.',
    ]);
    const short = parseReference('Wang A, Li B, et al. A study[J]. J Things, 2020, 1(1):1-2.').item;
    expect(formatReference([short], 'gbt7714')[0]).toBe('WANG A, LI B, et al. A study[J]. J Things, 2020, 1(1): 1-2.');
  });

  it('GB/T 7714-2025: full-width punctuation, standard number first', () => {
    expect(formatReference([seedItems[4]!, seedItems[3]!], 'gbt7714-2025')).toEqual([
      '马琳洁，薛文涛，谭举朋. 诱导性多能干细胞移植治疗小鼠系统性红斑狼疮[J]. 中国组织工程研究，2019，23（33）：5286-5292.',
      'Kamen D L，Wallace C，Li Z，et al. Safety, immunological effects and clinical response in a phase I trial of umbilical cord mesenchymal stromal cells in patients with treatment refractory SLE[J]. Lupus Sci Med，2022，9（1）：e000704.',
    ]);
    const std = parseReference('国家药品监督管理局. 医用细胞制备规范: YY/T 1234—2020[S]. 北京: 中国标准出版社, 2020.').item;
    expect(formatReference([std], 'gbt7714-2025')[0]).toBe('国家药品监督管理局. YY/T 1234—2020\u2003医用细胞制备规范[S]. 北京：中国标准出版社，2020.');
  });

  it('the parser reads back what the project styles print', () => {
    const others = [
      '卡尔·萨根. 宇宙的结构[M]. 张三, 李四, 译. 3 版. 上海: 上海译文出版社, 2015:12-20.',
      'Harris JR, Nolan K. Clinical neurology[M]. 2nd ed. Oxford: Blackwell Science, 2009:101-110.',
      '刘某某. 肾脏病理[M]//王某某, 李某某. 内科学: 第 2 卷. 北京: 人民卫生出版社, 2018:201-230.',
      '张某. 干细胞治疗进入临床[N]. 健康报, 2021-05-18(6).',
      '国家卫生健康委员会. 关于印发干细胞临床研究管理办法的通知[EB/OL]. (2015-08-21)[2023-01-05]. http://www.nhc.gov.cn/a.shtml.',
      '张某. 一种细胞培养装置: CN202010123456.7[P]. 2021-03-02.',
      '国家药品监督管理局. 医用细胞制备规范: YY/T 1234—2020[S]. 北京: 中国标准出版社, 2020.',
      '赵某. 古籍整理[J]. 文献, 2013(1):56-75.',
    ].map((s, i) => parseReference(s, `s${i}`).item);
    const items = [...seedItems, ...others];
    for (const style of ['house', 'gbt7714', 'gbt7714-2025'] as const) {
      const printed = formatReference(items, style);
      printed.forEach((line, i) => expect(parseReference(line, items[i]!.id).item, `${style}: ${line}`).toEqual(items[i]));
    }
  });

  it('Vancouver and APA keep the et-al flag', () => {
    const [v] = formatReference([seedItems[3]!], 'vancouver');
    expect(v).toMatch(/^Kamen DL, Wallace C, Li Z, et al\. Safety, .*Lupus Sci Med\. 2022;9\(1\):e000704\.$/);
    const [a] = formatReference([seedItems[3]!], 'apa');
    expect(a).toMatch(/^Kamen, D\. L\., Wallace, C\., Li, Z\., et al\. \(2022\)\. Safety/);
    expect(formatReference([seedItems[4]!], 'vancouver')[0]).toContain('马琳洁, 薛文涛, 谭举朋.');
  });

  it('registering twice is harmless', () => {
    registerStyles();
    registerStyles();
    expect(plugins.config.get('@csl').styles.has('zhpub-house')).toBe(true);
  });
});

describe('exports', () => {
  it('BibTeX keeps Chinese text and writes a cut list as “and others”', () => {
    const bib = toBibtex([seedItems[4]!, seedItems[3]!]);
    expect(bib).toContain('author = {马, 琳洁 and 薛, 文涛 and 谭, 举朋}');
    expect(bib).toContain('title = {诱导性多能干细胞移植治疗小鼠系统性红斑狼疮}');
    expect(bib).toContain('author = {Kamen, D. L. and Wallace, C. and Li, Z. and others}');
    expect(bib).toMatch(/@article\{ref-?5,/);
  });

  it('RIS', () => {
    const ris = toRis([seedItems[43]!]);
    expect(ris).toMatch(/^TY {2}- THES/m);
    expect(ris).toContain('AU  - 王, 颖翠');
    expect(ris).toContain('PB  - 昆明医科大学');
  });

  it('CSL-JSON round-trips through the schema', () => {
    const json = JSON.parse(toCslJson(seedItems)) as unknown[];
    expect(json).toHaveLength(51);
    expect(json.map((x) => cslItemSchema.parse(x))).toEqual(seedItems);
  });
});

describe.skipIf(!existsSync(join(sharedCsl, 'zhonghua-yixuehui-cma.csl')))('cross-check with the official CMA style (../shared/csl)', () => {
  it('agrees with the house style on the seed up to colon spacing and typographic apostrophes', () => {
    registerStyles();
    const csl = plugins.config.get('@csl');
    if (!csl.styles.has('crosscheck-cma')) csl.styles.add('crosscheck-cma', readFileSync(join(sharedCsl, 'zhonghua-yixuehui-cma.csl'), 'utf8'));
    // the official style cuts by count only: give it a name beyond the third where the list was cut
    const data = seedItems.map((item) => {
      const { custom, ...rest } = item;
      return custom?.etAl ? { ...rest, author: [...(rest.author ?? []), { family: 'Placeholder', given: 'Z.' }] } : rest;
    });
    const entries = new Cite(data).format('bibliography', { format: 'text', template: 'crosscheck-cma', lang: 'zh-CN', asEntryArray: true }) as [string, string][];
    const norm = (s: string) => s.trim().replace(/^\[\d+\]\s*/, '').replace(/:\s+/g, ':').replace(/[’‘]/g, "'");
    entries.forEach(([, text], i) => expect(norm(text), `[${i + 1}]`).toBe(norm(seedLines[i]!)));
  });
});

if (!existsSync(join(sharedCsl, 'zhonghua-yixuehui-cma.csl'))) {
  console.warn('references-format.spec: ../shared/csl is absent; the cross-check with the official CMA style is skipped');
}

describe('one key per reference', () => {
  it('BibTeX keys and RIS IDs are the CSL ids the Markdown cites (ref-1, not ref1)', async () => {
    const { toBibtex, toRis } = await import('../src/references/index.js');
    const items = [
      { id: 'ref-1', type: 'book' as const, title: '书名', author: [{ family: '张', given: '三' }], issued: { 'date-parts': [[2020]] } },
      { id: 'ref-12', type: 'article-journal' as const, title: 'A title', 'container-title': 'J', issued: { 'date-parts': [[2021]] } },
    ];
    const bib = toBibtex(items);
    expect([...bib.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1])).toEqual(['ref-1', 'ref-12']);
    expect([...toRis(items).matchAll(/^ID {2}- (.+)$/gm)].map((m) => m[1])).toEqual(['ref-1', 'ref-12']);
  });
});
