import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { Position } from 'unist';
import { alignArticle, matchPinyinName, type AlignOptions, type AlignPositions } from '../src/align/index.js';
import { findingToJson, type FindingJson } from '../src/findings/index.js';
import { emptyMeta, validateMeta, type AffiliationPart, type ArticleMeta, type Author } from '../src/model/meta.js';

/** Lines 1–21 of the seed article (the abstract shortened). */
const SEED_FRONT = [
  "",
  "",
  "间充质干细胞治疗系统性红斑狼疮的机制及研究进展",
  "",
  "舒兆平¹,袁媛²,付强³",
  "",
  "(1.南华大学附属第一医院感染管理科,湖南衡阳421001;2.南华大学衡阳医学院,湖南衡阳421001;3.南华大学附属第一医院风湿免疫科,湖南衡阳421001)",
  "",
  "摘要 系统性红斑狼疮(systemic lupus erythematosus, SLE)是常见的自身免疫性疾病之一。",
  "",
  "关键词 间充质干细胞;系统性红斑狼疮;治疗;研究进展",
  "",
  "中图分类号:R593 文献标识码:A 文章编号:2095-9664(2024)02-0075-06",
  "",
  "Mechanisms and research advances of mesenchymal stem cell therapy for systemic lupus erythematosus",
  "",
  "SHU Zhaoping¹, YUAN Yuan², FU Qiang³",
  "",
  "(1.Department of Healthcare-associated Infection Management, The First Affiliated Hospital, Hengyang Medical School, University of South China, Hengyang 421001, Hunan, China; 2.Hengyang Medical College, University of South China, Hengyang 421001, Hunan, China; 3.Department of Rheumatology and Immunology, The First Affiliated Hospital, Hengyang Medical School, University of South China, Hengyang 421001, Hunan, China)",
  "",
  "Corresponding author: FU Qiang, Email: fuqiang1990621@126.com"
];

const LINE = { zhAuthors: 5, zhAffs: 7, enAuthors: 17, enAffs: 19, corresp: 21 };
const SUP: Record<string, string> = { '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5' };

function pos(line: number, column: number, length: number): Position {
  return { start: { line, column }, end: { line, column: column + length } };
}

interface Piece {
  text: string;
  column: number;
}

function split(text: string, sep: RegExp, from = 0): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(sep)) {
    out.push({ text: text.slice(last, m.index), column: from + last + 1 });
    last = m.index! + m[0].length;
  }
  out.push({ text: text.slice(last), column: from + last + 1 });
  return out.filter((p) => p.text.trim());
}

function names(line: string, lineNo: number) {
  return split(line, /,\s*/g).map((p) => {
    const m = /^(.*?)([¹²³⁴⁵]*)$/.exec(p.text)!;
    return { name: m[1]!.trim(), marks: [...m[2]!].map((c) => SUP[c]!), position: pos(lineNo, p.column, m[1]!.length) };
  });
}

function affiliations(line: string, lineNo: number, lang: 'zh' | 'en') {
  const inner = line.replace(/^\(/, '').replace(/\)$/, '');
  return split(inner, /;\s*/g, 1).map((p) => {
    const m = /^(\d+)\.(.*)$/.exec(p.text)!;
    const text = m[2]!;
    const part: AffiliationPart = { text };
    const code = /\d{6}/.exec(text)?.[0];
    if (code) part.postcode = code;
    if (lang === 'zh') {
      const place = /[,，]([\u4e00-\u9fff]+)\d{6}$/.exec(text)?.[1];
      if (place) {
        part.province = place.slice(0, 2);
        part.city = place.slice(2);
      }
      part.country = '中国';
    } else {
      const parts = text.split(/,\s*/);
      part.country = parts[parts.length - 1]!;
      part.province = parts[parts.length - 2]!;
      part.city = parts[parts.length - 3]!.replace(/\s*\d{6}$/, '');
    }
    return { label: m[1]!, part, position: pos(lineNo, p.column + m[1]!.length + 1, text.length) };
  });
}

/** The front matter as the ingest stage stores it: metadata, positions and marks. */
function front(lines: string[], opts: { placeFields?: boolean } = {}) {
  const meta: ArticleMeta = emptyMeta();
  const positions: Record<string, Position> = {};
  const zhAuthors = names(lines[LINE.zhAuthors - 1]!, LINE.zhAuthors);
  const enAuthors = names(lines[LINE.enAuthors - 1]!, LINE.enAuthors);
  const zhAffs = affiliations(lines[LINE.zhAffs - 1]!, LINE.zhAffs, 'zh');
  const enAffs = affiliations(lines[LINE.enAffs - 1]!, LINE.enAffs, 'en');
  const labels = [...new Set([...zhAffs, ...enAffs].map((a) => a.label))];
  meta.affiliations = labels.map((label, i) => {
    const z = zhAffs.find((a) => a.label === label);
    const e = enAffs.find((a) => a.label === label);
    const strip = (p: AffiliationPart): AffiliationPart =>
      opts.placeFields === false ? { text: p.text } : p;
    if (z) positions[`affiliations.${i}.zh`] = z.position;
    if (e) positions[`affiliations.${i}.en`] = e.position;
    return { id: `aff${i + 1}`, label, ...(z ? { zh: strip(z.part) } : {}), ...(e ? { en: strip(e.part) } : {}) };
  });
  const marks: NonNullable<AlignOptions['marks']>[number][] = [];
  const count = Math.max(zhAuthors.length, enAuthors.length);
  const corr = /^Corresponding author:\s*(.+?),\s*Email:\s*(\S+)$/.exec(lines[LINE.corresp - 1]!);
  for (let i = 0; i < count; i++) {
    const z = zhAuthors[i];
    const e = enAuthors[i];
    const fromMarks = (z?.marks.length ? z.marks : (e?.marks ?? []))
      .map((l) => meta.affiliations.find((a) => a.label === l)?.id)
      .filter((x): x is string => !!x);
    const author: Author = { name: {}, affiliations: fromMarks, corresponding: false };
    if (z) {
      author.name.zh = z.name;
      positions[`authors.${i}.zh`] = z.position;
    }
    if (e) {
      author.name.en = e.name;
      positions[`authors.${i}.en`] = e.position;
      if (corr && e.name === corr[1]) {
        author.corresponding = true;
        author.email = corr[2]!;
      }
    }
    meta.authors.push(author);
    marks.push({ ...(z ? { zh: z.marks } : {}), ...(e ? { en: e.marks } : {}) });
  }
  if (corr) {
    meta.correspondence = { name: { en: corr[1]! }, email: corr[2]! };
    const line = lines[LINE.corresp - 1]!;
    positions['correspondence.name'] = pos(LINE.corresp, line.indexOf(corr[1]!) + 1, corr[1]!.length);
    positions['correspondence.email'] = pos(LINE.corresp, line.indexOf(corr[2]!) + 1, corr[2]!.length);
  }
  const valid = validateMeta(meta);
  if (!valid.ok) throw new Error(valid.problems.join('\n'));
  // The ingest's flat position map (`Record<string, Position>`) is an `AlignPositions`.
  const alignPositions: AlignPositions = positions;
  return { meta, positions: alignPositions, options: { marks } satisfies AlignOptions };
}

function run(lines: string[], opts: { placeFields?: boolean } = {}): FindingJson[] {
  const { meta, positions, options } = front(lines, opts);
  const file = new VFile();
  const returned = alignArticle(meta, file, positions, options);
  expect(returned).toHaveLength(file.messages.length);
  return file.messages.map((m) => findingToJson(m));
}

/** The seed front with one line changed. */
function variant(line: number, from: string, to: string): string[] {
  const lines = [...SEED_FRONT];
  expect(lines[line - 1]).toContain(from);
  lines[line - 1] = lines[line - 1]!.replace(from, to);
  return lines;
}

const col = (lines: string[], line: number, text: string) => lines[line - 1]!.indexOf(text) + 1;

describe('alignArticle on the seed', () => {
  it('reads the seed front as the ingest does', () => {
    const { meta } = front(SEED_FRONT);
    expect(meta.authors.map((a) => [a.name.zh, a.name.en, a.affiliations])).toEqual([
      ['舒兆平', 'SHU Zhaoping', ['aff1']],
      ['袁媛', 'YUAN Yuan', ['aff2']],
      ['付强', 'FU Qiang', ['aff3']],
    ]);
    expect(meta.affiliations[0]!.zh).toMatchObject({ city: '衡阳', province: '湖南', postcode: '421001' });
    expect(meta.affiliations[0]!.en).toMatchObject({ city: 'Hengyang', province: 'Hunan', postcode: '421001' });
  });

  it('aligns fully: no findings', () => {
    expect(run(SEED_FRONT)).toEqual([]);
  });

  it('aligns fully with affiliation text only (no parsed place fields)', () => {
    expect(run(SEED_FRONT, { placeFields: false })).toEqual([]);
  });

  it('aligns without positions or marks', () => {
    const { meta } = front(SEED_FRONT);
    const file = new VFile();
    expect(alignArticle(meta, file)).toEqual([]);
  });
});

describe('alignArticle on crafted variants', () => {
  it('a changed pinyin name, at its position', () => {
    const lines = variant(LINE.enAuthors, 'SHU Zhaoping', 'SHI Zhaoping');
    expect(run(lines)).toEqual([
      expect.objectContaining({
        ruleId: 'align-author-name',
        severity: 'error',
        line: 17,
        column: 1,
        before: 'SHI Zhaoping',
        after: 'SHU Zhaoping',
      }),
    ]);
  });

  it('a wrong given name of the third author', () => {
    const lines = variant(LINE.enAuthors, 'FU Qiang', 'FU Qing');
    expect(run(lines)).toEqual([
      expect.objectContaining({ ruleId: 'align-author-name', line: 17, column: col(lines, 17, 'FU Qing'), after: 'FU Qiang' }),
    ]);
  });

  it('swapped author order', () => {
    const lines = variant(LINE.enAuthors, 'SHU Zhaoping¹, YUAN Yuan², FU Qiang³', 'FU Qiang³, YUAN Yuan², SHU Zhaoping¹');
    const found = run(lines);
    expect(found.filter((f) => f.ruleId !== 'align-corresponding-email')).toEqual([
      expect.objectContaining({ ruleId: 'align-author-order', severity: 'error', line: 17, column: 1 }),
      expect.objectContaining({ ruleId: 'align-author-order', severity: 'error', line: 17, column: col(lines, 17, 'SHU') }),
    ]);
    expect(found[0]!.message).toMatch(/付强/);
  });

  it('a mark naming a missing affiliation', () => {
    const lines = variant(LINE.zhAuthors, '付强³', '付强⁴');
    expect(run(lines)).toEqual([
      expect.objectContaining({ ruleId: 'align-affiliation-marks', severity: 'error', line: 5, column: col(lines, 5, '付强') }),
      expect.objectContaining({ ruleId: 'align-affiliation-marks', severity: 'error', line: 17, column: col(lines, 17, 'FU Qiang') }),
      expect.objectContaining({ ruleId: 'align-affiliation-marks', severity: 'warning', line: 7 }),
    ]);
  });

  it('affiliation marks that differ between the languages', () => {
    const lines = variant(LINE.enAuthors, 'FU Qiang³', 'FU Qiang²');
    expect(run(lines)).toEqual([
      expect.objectContaining({ ruleId: 'align-affiliation-marks', line: 17, column: col(lines, 17, 'FU Qiang'), before: '2', after: '3' }),
    ]);
  });

  it('an author missing in English', () => {
    const lines = variant(LINE.enAuthors, ', FU Qiang³', '');
    const found = run(lines);
    expect(found.filter((f) => f.ruleId.startsWith('align-author'))).toEqual([
      expect.objectContaining({ ruleId: 'align-author-count', severity: 'error', line: 5, column: col(lines, 5, '付强') }),
    ]);
  });

  it('an affiliation missing in English', () => {
    const lines = variant(LINE.enAffs, /; 3\..*\)$/.exec(SEED_FRONT[LINE.enAffs - 1]!)![0], ')');
    expect(run(lines)).toEqual([
      expect.objectContaining({ ruleId: 'align-affiliation-count', severity: 'error', line: 7, column: col(lines, 7, '南华大学附属第一医院风湿') }),
    ]);
  });

  it('a postcode that differs', () => {
    const lines = variant(LINE.enAffs, 'Hengyang Medical College, University of South China, Hengyang 421001', 'Hengyang Medical College, University of South China, Hengyang 421000');
    expect(run(lines)).toEqual([
      expect.objectContaining({ ruleId: 'align-affiliation-postcode', severity: 'warning', line: 19, column: col(lines, 19, 'Hengyang Medical College'), before: '421000', after: '421001' }),
    ]);
  });

  it('a city that differs', () => {
    const lines = variant(LINE.enAffs, 'Hengyang 421001, Hunan, China; 2.', 'Changsha 421001, Hunan, China; 2.');
    expect(run(lines)).toEqual([
      expect.objectContaining({ ruleId: 'align-affiliation-city', line: 19, column: col(lines, 19, 'Department of Healthcare'), after: 'Hengyang' }),
    ]);
    expect(run(lines, { placeFields: false })).toEqual([expect.objectContaining({ ruleId: 'align-affiliation-city', line: 19 })]);
  });

  it('a province that differs', () => {
    const lines = variant(LINE.enAffs, 'Hengyang 421001, Hunan, China)', 'Hengyang 421001, Hubei, China)');
    expect(run(lines)).toEqual([
      expect.objectContaining({ ruleId: 'align-affiliation-province', line: 19, column: col(lines, 19, 'Department of Rheumatology'), after: 'Hunan' }),
    ]);
  });

  it('an e-mail address that does not carry the name is advisory', () => {
    const lines = variant(LINE.corresp, 'fuqiang1990621@126.com', 'lilei2020@163.com');
    expect(run(lines)).toEqual([
      expect.objectContaining({ ruleId: 'align-corresponding-email', severity: 'info', line: 21, column: col(lines, 21, 'lilei') }),
    ]);
  });

  it('a corresponding author who is not among the authors', () => {
    const lines = variant(LINE.corresp, 'FU Qiang,', 'WANG Wei,');
    expect(run(lines).map((f) => f.ruleId)).toEqual(['align-corresponding-author', 'align-corresponding-email']);
  });
});

describe('matchPinyinName', () => {
  it('the seed authors', () => {
    expect(matchPinyinName('舒兆平', 'SHU Zhaoping')).toEqual({ ok: true, order: 'surname-first', expected: 'SHU Zhaoping' });
    expect(matchPinyinName('袁媛', 'YUAN Yuan')).toEqual({ ok: true, order: 'surname-first', expected: 'YUAN Yuan' });
    expect(matchPinyinName('付强', 'FU Qiang')).toEqual({ ok: true, order: 'surname-first', expected: 'FU Qiang' });
  });

  it('orders, case, hyphens and joined or separated given names', () => {
    expect(matchPinyinName('舒兆平', 'Zhaoping Shu')).toMatchObject({ ok: true, order: 'given-first' });
    expect(matchPinyinName('舒兆平', 'Zhao-ping SHU')).toMatchObject({ ok: true, order: 'given-first' });
    expect(matchPinyinName('舒兆平', 'shu zhaoping')).toMatchObject({ ok: true, order: 'surname-first' });
    expect(matchPinyinName('舒兆平', 'SHU Zhao Ping')).toMatchObject({ ok: true, order: 'surname-first' });
    expect(matchPinyinName('舒兆平', 'Shu Zhao-Ping')).toMatchObject({ ok: true, order: 'surname-first' });
    expect(matchPinyinName('袁媛', 'Yuan YUAN')).toMatchObject({ ok: true, order: 'given-first' });
    expect(matchPinyinName('上官婉儿', "SHANGGUAN Wan'er")).toMatchObject({ ok: true, order: 'surname-first' });
  });

  it('rejects a wrong spelling and gives the expected form', () => {
    expect(matchPinyinName('舒兆平', 'SHI Zhaoping')).toEqual({ ok: false, expected: 'SHU Zhaoping' });
    expect(matchPinyinName('舒兆平', 'SHU Zhaopin')).toMatchObject({ ok: false });
    expect(matchPinyinName('舒兆平', 'SHU')).toMatchObject({ ok: false });
    expect(matchPinyinName('舒兆平', 'SHU Zhaoping Li')).toMatchObject({ ok: false });
  });

  it('compound surnames', () => {
    expect(matchPinyinName('欧阳修', 'OUYANG Xiu')).toEqual({ ok: true, order: 'surname-first', expected: 'OUYANG Xiu' });
    expect(matchPinyinName('欧阳修', 'Ou-yang Xiu')).toMatchObject({ ok: true });
    expect(matchPinyinName('司马光', 'Sima Guang')).toMatchObject({ ok: true, order: 'surname-first' });
    expect(matchPinyinName('诸葛亮', 'Liang ZHUGE')).toMatchObject({ ok: true, order: 'given-first' });
    expect(matchPinyinName('尉迟恭', 'YUCHI Gong')).toMatchObject({ ok: true, expected: 'YUCHI Gong' });
    expect(matchPinyinName('万俟卨', 'MOQI Xie')).toMatchObject({ ok: true, expected: 'MOQI Xie' });
    expect(matchPinyinName('长孙无忌', 'ZHANGSUN Wuji')).toMatchObject({ ok: true });
    // A compound surname needs a given name after it.
    expect(matchPinyinName('司马', 'SI Ma')).toMatchObject({ ok: true });
  });

  it('surnames with special readings', () => {
    const cases: Array<[string, string, string]> = [
      ['曾国藩', 'ZENG Guofan', 'CENG Guofan'],
      ['单雄信', 'SHAN Xiongxin', 'DAN Xiongxin'],
      ['仇英', 'QIU Ying', 'CHOU Ying'],
      ['区家麟', 'OU Jialin', 'QU Jialin'],
      ['解缙', 'XIE Jin', 'JIE Jin'],
      ['查良镛', 'ZHA Liangyong', 'CHA Liangyong'],
      ['朴明', 'PIAO Ming', 'PU Ming'],
    ];
    for (const [zh, good, bad] of cases) {
      expect(matchPinyinName(zh, good), `${zh} ${good}`).toMatchObject({ ok: true, expected: good });
      expect(matchPinyinName(zh, bad), `${zh} ${bad}`).toMatchObject({ ok: false });
    }
  });

  it('polyphonic given-name characters accept any reading', () => {
    expect(matchPinyinName('付强', 'FU Jiang')).toMatchObject({ ok: true });
    expect(matchPinyinName('李行', 'LI Xing')).toMatchObject({ ok: true });
    expect(matchPinyinName('李行', 'LI Hang')).toMatchObject({ ok: true });
    expect(matchPinyinName('王乐', 'WANG Yue')).toMatchObject({ ok: true });
    expect(matchPinyinName('王乐', 'WANG Le')).toMatchObject({ ok: true });
    expect(matchPinyinName('张长江', 'ZHANG Changjiang')).toMatchObject({ ok: true });
    expect(matchPinyinName('张长江', 'ZHANG Zhangjiang')).toMatchObject({ ok: true });
    expect(matchPinyinName('陈重', 'CHEN Chong')).toMatchObject({ ok: true });
    expect(matchPinyinName('陈重', 'CHEN Zhong')).toMatchObject({ ok: true });
  });

  it('ü written as yu, v, u or ü', () => {
    for (const en of ['LYU Bu', 'LV Bu', 'LU Bu', 'Lü Bu']) expect(matchPinyinName('吕布', en), en).toMatchObject({ ok: true });
    expect(matchPinyinName('吕布', 'LI Bu')).toEqual({ ok: false, expected: 'LYU Bu' });
    expect(matchPinyinName('王女', 'WANG Nyu')).toMatchObject({ ok: true });
  });

  it('a name that is not Chinese cannot be checked', () => {
    expect(matchPinyinName('约翰·史密斯', 'John Smith')).toEqual({ ok: false, expected: '' });
  });
});
