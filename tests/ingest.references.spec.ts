import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { severityOf } from '../src/findings/index.js';
import { matchReferencesHeading, matchTrailingReferencesHeading, recognizeReferences } from '../src/ingest/references.js';
import { SourceText, sliceLine, splitBlocks, type Line } from '../src/ingest/source.js';
import type { ReferenceEntry } from '../src/model/types.js';
import { plainText } from '../src/model/util.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(ROOT, '../shared');
const CORPUS = path.join(SHARED, 'corpus/chinaxiv');
const LABELS = path.join(SHARED, 'corpus/labels');

/** The lines after the last heading line (with what follows the heading on its own line), or null without a heading. */
function listLines(text: string, trailing = false): Line[] | null {
  const lines = splitBlocks(text).flatMap((b) => b.lines);
  let at = -1;
  let rest = 0;
  lines.forEach((l, i) => {
    const m = matchReferencesHeading(l.text);
    if (m) [at, rest] = [i, m.rest];
  });
  if (at < 0 && trailing) {
    lines.forEach((l, i) => {
      if (matchTrailingReferencesHeading(l.text)) [at, rest] = [i, l.text.length];
    });
  }
  if (at < 0) return null;
  return [sliceLine(lines[at]!, rest), ...lines.slice(at + 1)].filter((l) => l.text.trim());
}

function recognize(text: string, trailing = false) {
  const file = new VFile({ path: 'test.md', value: text });
  const src = new SourceText(text);
  const lines = listLines(text, trailing);
  if (!lines) throw new Error('no heading');
  const { list, rest } = recognizeReferences(lines, src, file);
  const texts = list.children.map((e) => plainText(e.children));
  const findings = (ruleId: string) => file.messages.filter((m) => m.ruleId === ruleId);
  return { list, rest, texts, file, findings, numbers: list.children.map((e) => e.number) };
}

/** Every text node's position slices exactly its value out of the source; the entry spans its first to last node. */
function expectExactPositions(text: string, entries: ReferenceEntry[]): void {
  for (const e of entries) {
    const nodes = e.children.filter((c) => c.position);
    expect(nodes.length).toBeGreaterThan(0);
    for (const c of nodes) {
      const { start, end } = c.position!;
      expect(text.slice(start.offset, end.offset)).toBe((c as { value: string }).value);
    }
    expect(e.position!.start.offset).toBe(nodes[0]!.position!.start.offset);
    expect(e.position!.end.offset).toBe(nodes[nodes.length - 1]!.position!.end.offset);
  }
}

describe('matchReferencesHeading', () => {
  it.each([
    '参考文献',
    '# 参考文献',
    '# 参考文献：',
    '参考文献:',
    '参 考 文 献',
    '# 参考文献(References)',
    '# 参考文献（References)',
    '参考文献References',
    '参考文献 References',
    '[参考文献]',
    '【参考文献】',
    '主要参考文献',
    '# 4参考文献',
    '五、参考文献',
    'References',
    'References:',
    'REFERENCES',
    '# Bibliography',
  ])('%s is a heading with nothing after it', (line) => {
    expect(matchReferencesHeading(line)).toEqual({ rest: line.length });
  });

  it('returns where the first entry starts on the heading line', () => {
    const a = '参考文献：[1] 张三，李四．一种方法[J]．某学报，2019，3(2)：1-5．';
    expect(a.slice(matchReferencesHeading(a)!.rest)).toMatch(/^\[1\] 张三/);
    const b = '参考文献：GAO X, LIN Y, et al., 2016. A study of things[J]. J Test, 3(1): 1-9.';
    expect(b.slice(matchReferencesHeading(b)!.rest)).toMatch(/^GAO X/);
    const c = '# 参考文献 [1] Smith J. A title[J]. J Test, 2020, 1: 2-3.';
    expect(c.slice(matchReferencesHeading(c)!.rest)).toMatch(/^\[1\] Smith/);
  });

  it.each([
    '参考文献[9]提到的评估标准被本文采用。',
    '本文参考文献[3]的方法。',
    'References to earlier work are given below.',
    '参考文献的整理方法见附录。',
    '# 1 引言',
  ])('%s is not a heading', (line) => {
    expect(matchReferencesHeading(line)).toBeNull();
  });

  it('a heading at the end of a body line', () => {
    const t = '综合来看，方法甲更好。参考文献:';
    expect(t.slice(matchTrailingReferencesHeading(t)!.at)).toBe('参考文献:');
    expect(matchTrailingReferencesHeading('参考文献[9]提到的方法。')).toBeNull();
  });
});

describe('numbered lists', () => {
  it('[n] entries separated by blank lines or single newlines', () => {
    const blank = '参考文献\n\n[1] 王五．甲乙研究[J]．某学报，2018，2(1)：1-3．\n\n[2] Smith J, Doe K. A study[J]. J Test, 2019, 4(2): 5-9.\n';
    const single = '参考文献\n[1] 王五．甲乙研究[J]．某学报，2018，2(1)：1-3．\n[2] Smith J, Doe K. A study[J]. J Test, 2019, 4(2): 5-9.\n';
    for (const text of [blank, single]) {
      const r = recognize(text);
      expect(r.numbers).toEqual([1, 2]);
      expect(r.texts[1]).toBe('Smith J, Doe K. A study[J]. J Test, 2019, 4(2): 5-9.');
      expectExactPositions(text, r.list.children);
      expect(r.file.messages).toEqual([]);
    }
  });

  it.each([
    ['［1］', '［2］'],
    ['[1].', '[2].'],
    ['1.', '2.'],
    ['1)', '2)'],
    ['(1)', '(2)'],
    ['1 ', '2 '],
    ['1、', '2、'],
  ])('labels %s %s', (a, b) => {
    const text = `参考文献：\n${a}赵六．丙丁分析[J]．某杂志，2017，5(3)：10-12．\n${b}Lee H. Another title[J]. Some Journal, 2015, 8: 100-110.\n`;
    const r = recognize(text);
    expect(r.numbers).toEqual([1, 2]);
    expect(r.texts[0]).toBe('赵六．丙丁分析[J]．某杂志，2017，5(3)：10-12．');
    expect(r.texts[1]).toBe('Lee H. Another title[J]. Some Journal, 2015, 8: 100-110.');
    expectExactPositions(text, r.list.children);
  });

  it('an entry on the heading line', () => {
    const text = '参考文献：[1] 张三，李四．一种方法[J]．某学报，2019，3(2)：1-5．\n[2] 孙七．另一方法[M]．北京：某出版社，2010．\n';
    const r = recognize(text);
    expect(r.texts).toEqual(['张三，李四．一种方法[J]．某学报，2019，3(2)：1-5．', '孙七．另一方法[M]．北京：某出版社，2010．']);
    expectExactPositions(text, r.list.children);
  });

  it('several entries glued on one line are split', () => {
    const text = '参考文献\n[1] 甲乙．题目一[J]．刊名，2016，1(1)：3-8.[2]丙丁．题目二[J]．刊名，2017，2(2)：9-12. [3] Roe P. Title three[J]. J X, 2018, 3: 1-2.\n';
    const r = recognize(text);
    expect(r.numbers).toEqual([1, 2, 3]);
    expect(r.texts[1]).toBe('丙丁．题目二[J]．刊名，2017，2(2)：9-12.');
    expect(r.findings('ingest-reference-split').length).toBe(2);
    expectExactPositions(text, r.list.children);
  });

  it('an entry continued on the next line (a page break) is joined, with an info finding', () => {
    const text = [
      '参考文献',
      '',
      '[1] Brown A, Green B. Effects of something on the growth of',
      '',
      'young animals[J]. Animal Journal, 2014, 12(3): 45-50.',
      '[2] 周八，吴九．饲粮对生长的影响[J]．',
      '营养学报，2015，27(2)：100-108．',
      '[3] Black C. Short[J]. J Y, 2001, 1: 1-2.',
    ].join('\n');
    const r = recognize(text);
    expect(r.numbers).toEqual([1, 2, 3]);
    expect(r.texts[0]).toBe('Brown A, Green B. Effects of something on the growth of young animals[J]. Animal Journal, 2014, 12(3): 45-50.');
    expect(r.texts[1]).toBe('周八，吴九．饲粮对生长的影响[J]．营养学报，2015，27(2)：100-108．');
    const joined = r.findings('ingest-reference-joined');
    expect(joined.map((m) => m.line)).toEqual([5, 7]);
    expect(joined.every((m) => severityOf(m) === 'info')).toBe(true);
    expect(r.list.children[0]!.position!.start.line).toBe(3);
    expect(r.list.children[0]!.position!.end.line).toBe(5);
    expectExactPositions(text, r.list.children);
  });

  it('an unnumbered line in a numbered list is a warning; a repeated number is an error', () => {
    const text = '参考文献\n[1] Hall D. One[J]. J A, 2010, 1: 1-2.\nKing E. Two[J]. J B, 2011, 2: 3-4.\n[3] Ward F. Three[J]. J C, 2012, 3: 5-6.\n[3] Ford G. Four[J]. J D, 2013, 4: 7-8.\n';
    const r = recognize(text);
    expect(r.numbers).toEqual([1, 2, 3, 3]);
    const un = r.findings('ref-unnumbered');
    expect(un.map((m) => [m.line, severityOf(m)])).toEqual([[3, 'warning']]);
    expect(r.findings('ref-number-duplicate').map((m) => [m.line, severityOf(m)])).toEqual([[5, 'error']]);
  });

  it('damaged labels and manuscript line numbers', () => {
    const text = [
      '参考文献',
      '[1] Able A. First title[J]. J A, 2001, 1: 1-2.',
      '2] Baker B. Second title[J]. J B, 2002, 2: 3-4.',
      '[] Clark C. Third title[J]. J C, 2003, 3: 5-6.',
      '[1]Dunn D. Fourth title, misread[J]. J D, 2004, 4: 7-8.',
      '[5] Evans E. Fifth title[J]. J E, 2005, 5: 9-10.',
      '210 [6]Fox F. Sixth title on',
      '211 two lines[J]. J F, 2006, 6: 11-12.',
      '212 [7]Gray G. Seventh[J]. J G, 2007, 7: 13-14.',
      "'8] Hill H. Eighth[J]. J H, 2008, 8: 15-16.",
    ].join('\n');
    const r = recognize(text);
    expect(r.numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.texts[5]).toBe('Fox F. Sixth title on two lines[J]. J F, 2006, 6: 11-12.');
    expect(r.findings('ingest-reference-label').length).toBe(4);
    expect(r.findings('ref-number-duplicate')).toEqual([]);
    expectExactPositions(text, r.list.children);
  });

  it('a list without numbers or years: one entry a line, with a warning', () => {
    const r = recognize('参考文献\n\nSmith J. A title[J]. J Test, 2020, 1(1):1-2.\n');
    expect(r.texts).toHaveLength(1);
    expect(r.findings('ref-unnumbered').map(severityOf)).toEqual(['warning']);
  });
});

describe('author–year lists', () => {
  it('one entry a line; the list style is an info finding', () => {
    const text = [
      '参考文献：',
      'ADAMS JR, BELL KT, et al., 2015. Growth of plants under stress[J]. Plant J, 3(1): 1-9.',
      'CHEN X, 2012. A survey of methods[D]. Beijing: Some University.[陈星，2012．方法综述[D]．北京：某大学．]',
      'Davis M, Evans R, 1998. Notes on soils[M]. London: Press.',
      'ZHOU Y, HUA QH，MO K，et al.， 2O06. Rooting of twigs[J]. Hort Sci, (5): 21-24.',
    ].join('\n');
    const r = recognize(text);
    expect(r.texts.map((t) => t.slice(0, 6))).toEqual(['ADAMS ', 'CHEN X', 'Davis ', 'ZHOU Y']);
    const un = r.findings('ref-unnumbered');
    expect(un.map((m) => [severityOf(m), m.line])).toEqual([['info', 2]]);
    expectExactPositions(text, r.list.children);
  });

  it('entries glued on one line are split at each author–year opening', () => {
    const text = [
      '参考文献',
      'KANG Y, MENG P, et al, 2011. Effects of a tonic on mice[J]. Pharm Bull, 17(3): 301-306.[康某，孟某，等，2011．某补剂对小鼠的作用[J]．药学通报，17(3)：301-306.] QIAO SY, RUAN T, 2009. Effects of a tea[J]. Food Sci Tech, 12(4): 77-80. PENG QY, 2004. A root extract and its uses[D]. Harbin: Some University.',
      'Museum of the Mountain Towns，2O13. Towns and their people[EB/OL].[山城博物馆，2013．山城人口[EB/OL].]Committee of the Flora of Some Province, 1990-2004. Flora of Some Province[M]. Beijing: Science Press.',
    ].join('\n');
    const r = recognize(text);
    expect(r.texts.map((t) => t.slice(0, 12))).toEqual(['KANG Y, MENG', 'QIAO SY, RUA', 'PENG QY, 200', 'Museum of th', 'Committee of']);
    expect(r.findings('ingest-reference-split').length).toBe(3);
    expect(r.findings('ingest-reference-split').every((m) => severityOf(m) === 'info')).toBe(true);
    expectExactPositions(text, r.list.children);
  });

  it('an author–year entry whose first author has a letter with a diacritic starts an entry', () => {
    const text = ['参考文献', 'Sung YY, Kim DS, et al, 2014. Dohaekseunggi-tang extract[J]. Bmc Complem Altern M, 14(1): 372.', 'Weingärtner O, Lutjohann D, Ji S, et al. 2008. Vascular effects of plant sterols[J]. J Am Coll Cardiol, 51(16): 1553-1561.'].join('\n');
    const r = recognize(text);
    expect(r.texts.map((t) => t.slice(0, 12))).toEqual(['Sung YY, Kim', 'Weingärtner ']);
  });

  it('an entry continued on the next line is joined; a new author–year line starts a new entry', () => {
    const text = [
      '参考文献',
      'SHEN J, GU QF, HE ZY, et al, 2015. Effects of a pill on a signal pathway[J]. J Trad Med, 21(2): 45-49.[沈某，顾某，何某，等，',
      '2015．某丸对信号通路的影响[J]．传统医学杂志，21(2)：45-49.]',
      'Editorial Board of the Annals of Some Town in Some Province,',
      '2003. Town Annals[M]. Beijing: Some Press.',
      'FENG L, 2014. Protective effect of a compound on the kidney in',
      'rats[D]. Jinan: Medical University.',
      'YUE LX, DAI LJ, 2018. Mechanism of a lipid[J]. J Some Univ, 9(2): 88-92.',
    ].join('\n');
    const r = recognize(text);
    expect(r.texts.map((t) => t.slice(0, 8))).toEqual(['SHEN J, ', 'Editoria', 'FENG L, ', 'YUE LX, ']);
    expect(r.texts[2]).toBe('FENG L, 2014. Protective effect of a compound on the kidney in rats[D]. Jinan: Medical University.');
    expect(r.findings('ingest-reference-joined').map((m) => m.line)).toEqual([3, 5, 7]);
    expectExactPositions(text, r.list.children);
  });
});

describe('bilingual references', () => {
  it('an unnumbered English line after a numbered Chinese entry is its translation', () => {
    const text = [
      '参考文献',
      '',
      '# [1]曾某，李某．某辐射剂量估算[J]．某大学学报，2009，12(4)：50-55．',
      '',
      'Zeng M, Li N. Estimating some radiation dose[J]. Journal of Some University, 2009, 12(4): 50-55 (in Chinese).',
      '[2] Ruiz K. Simulations of a test[J]. Adv Test Res, 2011, 7: 120-127.',
    ].join('\n');
    const r = recognize(text);
    expect(r.numbers).toEqual([1, 2]);
    expect(r.texts[0]).toMatch(/^曾某.*50-55．Zeng M, Li N\. Estimating .*\(in Chinese\)\.$/);
    expect(r.findings('ingest-reference-translation').map((m) => [m.line, severityOf(m)])).toEqual([[5, 'info']]);
    expect(r.findings('ref-unnumbered')).toEqual([]);
    expectExactPositions(text, r.list.children);
  });

  it('the translation printed with the same number, or in parentheses, stays in the entry', () => {
    const text = [
      '参考文献',
      '[1] 钱某．图像分割方法研究[D]．某工业大学，2018．',
      '[1] Qian M. Research on image segmentation[D]. Some University of Technology, 2018.',
      '[2] 孙某，周某．一种新方法[J]．某电子学报，2012，6(1)：33-39．',
      '(Sun M, Zhou N. A new method[J]. Journal of Some Electronics, 2012, 6(1): 33-39.)',
      '[3] Tan P. Unrelated English entry[J]. J Z, 2017, 2: 1-5.',
    ].join('\n');
    const r = recognize(text);
    expect(r.numbers).toEqual([1, 2, 3]);
    expect(r.texts[0]).toContain('Qian M. Research');
    expect(r.texts[1]).toContain('(Sun M, Zhou N.');
    expect(r.findings('ref-number-duplicate')).toEqual([]);
    expectExactPositions(text, r.list.children);
  });

  it('author–year: the Chinese original in brackets on the next line stays with the English entry', () => {
    const text = [
      '参考文献',
      'QU F, DU CH, et al., 2014. Fungi of a salt marsh[J]. J Some Microb, 5(2): 60-66.',
      '[瞿某，杜某，等，2014．盐沼真菌[J]．某微生物学报，5(2)：60-66．]',
      'MA J, 2010. Another study[J]. J Q, 5: 1-2.',
    ].join('\n');
    const r = recognize(text);
    expect(r.texts).toHaveLength(2);
    expect(r.texts[0]).toMatch(/60-66\.\[瞿某/);
  });
});

describe('lines after the list are rest', () => {
  it('the English block (title, names, affiliations, Abstract, Key words) and everything after it', () => {
    const text = [
      '参考文献：',
      '[1] 郑某，王某．饲料研究[J]．某饲料学报，2011，3(2)：10-14．',
      '[2] Verma R, Nair P. Enzymes in feed[J]. J Feed Res, 2006, 4(1): 20-31.',
      '',
      'Effects of Dietary Enzymes on the Growth Performance of Fish',
      '',
      'ZHENG Mou1 WANG Mou2* (1. Institute of Feed Science, Some City 100000, China; 2. Some Company, Some City 100001, China)',
      '',
      'Abstract: This study was conducted to investigate the effects of enzymes.',
      '',
      'Key words: fish; enzyme; growth',
      '',
      '[3] Not a reference any more, 2020.',
    ].join('\n');
    const r = recognize(text);
    expect(r.numbers).toEqual([1, 2]);
    expect(r.rest.map((x) => x.reason)).toEqual(['English block', 'English block', 'abstract', 'keywords', 'keywords']);
    expect(r.rest[0]!.line.text).toMatch(/^Effects of Dietary/);
    expect(r.file.messages.filter((m) => severityOf(m) !== 'info')).toEqual([]);
  });

  it('the English title, names and Abstract run together on one line', () => {
    const r = recognize(
      '参考文献\n[1] 何某．某研究[J]．某学报，2010，8(2)：11-19．\nEffects of a Peptide on the Gut of Mice HE Mou1 WANG Mou2 (1. College of Some Science, Some City 100000, China) Abstract: The aim of this study was to test the effects.\n',
    );
    expect(r.texts).toEqual(['何某．某研究[J]．某学报，2010，8(2)：11-19．']);
    expect(r.rest.map((x) => x.reason)).toEqual(['abstract']);
    expect(r.findings('ingest-reference-translation')).toEqual([]);
  });

  it('an English title as a Markdown heading ends the list', () => {
    const r = recognize('参考文献\n[1] Ito K. Title[J]. J A, 2009, 1: 1-2.\n\n# Moving Data between Two Design Programs\n\nLUO Mou (Some Institute, Some City 100000, China)\n');
    expect(r.texts).toHaveLength(1);
    expect(r.rest.map((x) => x.reason)).toEqual(['heading', 'heading']);
  });

  it('watermarks, image lines, captions, biographies and footnotes', () => {
    const text = [
      '参考文献',
      '[1] Owen A. A long title that goes on to the next',
      'ChinaXiv合作期刊',
      'page[J]. J A, 2001, 1: 1-9.',
      '![](images/abc.jpg)',
      '图1 实验装置示意图',
      'Table 2 Composition of the diets',
      '[2] Park B. Title[J]. J B, 2002, 2: 3-4.',
      '基金项目：国家自然科学基金（12345678）',
      'Foundation item: National Natural Science Foundation of China',
      '[3] Quinn C. Title[J]. J C, 2003, 3: 5-6.',
      '第一作者简介：某某（1975-），男，硕士，研究方向为水文。',
      'First author: MOU Mou (1975-), male, M.S., majoring in',
      'hydrology',
    ].join('\n');
    const r = recognize(text);
    expect(r.numbers).toEqual([1, 2, 3]);
    expect(r.texts[0]).toBe('Owen A. A long title that goes on to the next page[J]. J A, 2001, 1: 1-9.');
    expect(r.rest.map((x) => x.reason)).toEqual(['watermark', 'image', 'caption', 'caption', 'note', 'note', 'biography', 'biography', 'biography']);
    expect(r.rest.map((x) => x.line.start)).toEqual([...r.rest.map((x) => x.line.start)].sort((a, b) => a - b));
    expectExactPositions(text, r.list.children);
  });

  it('a paragraph of body text printed inside the list', () => {
    const text = [
      '参考文献',
      '[1] Reed D. Title one[J]. J D, 2015, 1: 1-2.',
      '土壤微生物在养分循环中发挥着重要作用，其群落结构受到施肥方式、耕作制度和气候条件的共同影响。已有研究表明，长期施用有机肥能够提高微生物多样性[5]，但其机制仍不清楚。',
      '[2] Shaw E. Title two[J]. J E, 2016, 2: 3-4.',
    ].join('\n');
    const r = recognize(text);
    expect(r.numbers).toEqual([1, 2]);
    expect(r.rest.map((x) => x.reason)).toEqual(['body text']);
  });
});

describe('the seed article', () => {
  const text = readFileSync(path.join(ROOT, 'source/000_551b843f840d1098.txt'), 'utf8');
  it('51 references, page-break joins at lines 87 and 114, no warnings', () => {
    const r = recognize(text);
    expect(r.numbers).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(r.texts[27]).toBe(
      'Ceccariglia S, Cargnoni A, Silini AR, et al. Autophagy: a potential key contributor to the therapeutic action of mesenchymal stem cells[J]. *Autophagy*,2020,16(1):28-37.',
    );
    expect(r.findings('ingest-reference-joined').map((m) => m.line)).toEqual([87, 114]);
    expect(r.file.messages.filter((m) => severityOf(m) !== 'info')).toEqual([]);
    expect(r.list.children[0]!.position!.start.line).toBe(83);
    expectExactPositions(text, r.list.children);
  });
});

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

describe.skipIf(!existsSync(SHARED))('corpus', () => {
  it('the hand-labelled reference lists: count, first and last entry', () => {
    const labels = readdirSync(LABELS).filter((f) => f.endsWith('.json')).sort();
    const misses: string[] = [];
    for (const name of labels) {
      const label = JSON.parse(readFileSync(path.join(LABELS, name), 'utf8')) as {
        file: string;
        references_count: number;
        references_first: string;
        references_last: string;
      };
      const text = readFileSync(path.join(CORPUS, label.file), 'utf8');
      let got: ReturnType<typeof recognize>;
      try {
        got = recognize(text, true);
      } catch {
        misses.push(`${label.file}: no heading`);
        continue;
      }
      const first = norm(got.texts[0] ?? '');
      const last = norm(got.texts[got.texts.length - 1] ?? '');
      const ok = got.texts.length === label.references_count && first.startsWith(norm(label.references_first)) && last.startsWith(norm(label.references_last));
      if (!ok) misses.push(`${label.file}: ${got.texts.length}/${label.references_count} first «${first.slice(0, 25)}» last «${last.slice(0, 25)}»`);
    }
    if (misses.length) console.log(`reference lists missed (${misses.length} of ${labels.length}):\n${misses.join('\n')}`);
    else console.log(`reference lists: all ${labels.length} labelled articles right`);
    expect(labels.length - misses.length).toBeGreaterThanOrEqual(Math.min(28, labels.length - 2));
  });

  it('every article with a reference heading gets a non-empty list', () => {
    const empty: string[] = [];
    let withHeading = 0;
    for (const name of readdirSync(CORPUS).filter((f) => f.endsWith('.md')).sort()) {
      const text = readFileSync(path.join(CORPUS, name), 'utf8');
      if (!listLines(text)) continue;
      withHeading++;
      if (!recognize(text).list.children.length) empty.push(name);
    }
    console.log(`${withHeading} corpus articles have a reference heading; ${empty.length} with an empty list ${empty.join(' ')}`);
    expect(withHeading).toBeGreaterThan(100);
    expect(empty).toEqual([]);
  });
});

if (!existsSync(SHARED)) console.log(`corpus checks skipped: ${SHARED} not found`);
