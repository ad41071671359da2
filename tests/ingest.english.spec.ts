import { describe, expect, it } from 'vitest';
import { recognizeEnglishBlock, splitEnglishFromReferences } from '../src/ingest/english.js';
import { labelAtStart } from '../src/ingest/labels.js';
import { splitBlocks, type Line } from '../src/ingest/source.js';

const linesOf = (src: string): Line[] => splitBlocks(src).flatMap((b) => b.lines);
const slice = (src: string, l: Line | undefined) => (l ? src.slice(l.start, l.end) : undefined);

describe('recognizeEnglishBlock with Abstract', () => {
  const src = [
    '# Effect of Drought Stress on Wheat Roots',
    '',
    'WANG Xiaoming¹, LI Jing²*',
    '',
    '(1. College of Agronomy, Henan University, Kaifeng 475004, China; 2. Institute of Botany, Chinese Academy of Sciences, Beijing 100093, China)',
    '',
    'Abstract: Drought limits wheat yield. We measured root length',
    'under three water regimes over two seasons.',
    '',
    'Key words: drought; wheat; root CLC number: S512 Document code: A',
    '',
    '1 引言',
  ].join('\n');
  const block = recognizeEnglishBlock(linesOf(src), 0)!;

  it('title without its heading mark', () => {
    expect(block.title).toEqual({ text: 'Effect of Drought Stress on Wheat Roots', start: 2, end: 41 });
    expect(slice(src, block.title)).toBe(block.title!.text);
  });

  it('pinyin byline and numbered affiliations', () => {
    expect(block.authors.map((a) => [a.name, a.marks, a.corresponding])).toEqual([
      ['WANG Xiaoming', ['1'], false],
      ['LI Jing', ['2'], true],
    ]);
    expect(block.affiliations.map((a) => [a.label, a.part.institution, a.part.city])).toEqual([
      ['1', 'College of Agronomy, Henan University', 'Kaifeng'],
      ['2', 'Institute of Botany, Chinese Academy of Sciences', 'Beijing'],
    ]);
    for (const a of block.affiliations) expect(slice(src, a.line)).toBe(a.line.text);
  });

  it('a hard-wrapped abstract up to Key words, joined', () => {
    expect(block.abstract?.text).toBe('Drought limits wheat yield. We measured root length under three water regimes over two seasons.');
    expect(block.abstract?.lines.map((l) => slice(src, l))).toEqual(['Drought limits wheat yield. We measured root length', 'under three water regimes over two seasons.']);
    expect(block.abstract?.parts).toBeUndefined();
  });

  it('keywords cut from the codes glued after them', () => {
    expect(block.keywords?.list).toEqual(['drought', 'wheat', 'root']);
    expect(slice(src, block.keywords?.line)).toBe('drought; wheat; root');
    expect(slice(src, block.codes)).toBe('CLC number: S512 Document code: A');
  });

  it('stops before the body', () => {
    expect(block.consumed).toBe(6);
    expect(block.skipped).toEqual([]);
  });
});

describe('recognizeEnglishBlock, other shapes', () => {
  it('a title over two lines, affiliation and labels glued to the byline', () => {
    const src = [
      'Echo modeling and signal analysis of frequency',
      'modulated continuous wave radar',
      'CAI Yongjun, ZHANG Xiangkun (National Space Science Center, Beijing 100190, China) Abstract: Echo models are derived. Key words: radar; echo',
    ].join('\n');
    const block = recognizeEnglishBlock(linesOf(src), 0)!;
    expect(block.title?.text).toBe('Echo modeling and signal analysis of frequency modulated continuous wave radar');
    expect([block.title?.start, block.title?.end]).toEqual([0, src.indexOf('radar\n') + 5]);
    expect(block.authors.map((a) => a.name)).toEqual(['CAI Yongjun', 'ZHANG Xiangkun']);
    expect(block.affiliations.map((a) => slice(src, a.line))).toEqual(['National Space Science Center, Beijing 100190, China']);
    expect(block.abstract?.text).toBe('Echo models are derived.');
    expect(block.keywords?.list).toEqual(['radar', 'echo']);
    expect(block.consumed).toBe(3);
  });

  it('labels without colons, starting after Chinese lines', () => {
    const src = ['摘要：中文摘要。', 'Dynamic Distribution of Protons', 'LU Jingtian¹ ZHANG Xiaoxin²', 'Abstract Using satellite data we study protons.', 'Keywords drought; wheat', '1 引言'].join('\n');
    const block = recognizeEnglishBlock(linesOf(src), 1)!;
    expect(slice(src, block.title)).toBe('Dynamic Distribution of Protons');
    expect(block.authors.map((a) => [a.name, a.marks])).toEqual([
      ['LU Jingtian', ['1']],
      ['ZHANG Xiaoxin', ['2']],
    ]);
    expect(block.abstract?.text).toBe('Using satellite data we study protons.');
    expect(block.keywords?.list).toEqual(['drought', 'wheat']);
    expect(block.consumed).toBe(4);
  });

  it('a structured English abstract', () => {
    const src = ['Objective Study of Roots', 'ZHANG Wei', 'Abstract: Objective: To explore. Methods: We sampled. Results: It fell.', 'Key words: a; b'].join('\n');
    expect(recognizeEnglishBlock(linesOf(src), 0)?.abstract?.parts).toEqual([
      { label: 'Objective', text: 'To explore.' },
      { label: 'Methods', text: 'We sampled.' },
      { label: 'Results', text: 'It fell.' },
    ]);
  });

  it('without Abstract: title, byline and affiliation lines', () => {
    const src = [
      'Study on Echo Modeling of FMCW SAR',
      'CAI Yongjun1,2 ZHANG Xiangkun1',
      '1.Key Laboratory of Microwave Remote Sensing, Chinese Academy of Sciences, Beijing 100190, China',
      '2.University of Chinese Academy of Sciences, Beijing 100049, China',
      '1 引言',
    ].join('\n');
    const block = recognizeEnglishBlock(linesOf(src), 0)!;
    expect(block.title?.text).toBe('Study on Echo Modeling of FMCW SAR');
    expect(block.authors.map((a) => [a.name, a.marks])).toEqual([
      ['CAI Yongjun', ['1', '2']],
      ['ZHANG Xiangkun', ['1']],
    ]);
    expect(block.affiliations.map((a) => [a.label, a.part.postcode])).toEqual([
      ['1', '100190'],
      ['2', '100049'],
    ]);
    expect(block.abstract).toBeUndefined();
    expect(block.consumed).toBe(4);
  });

  it('null when the lines are not an English block', () => {
    expect(recognizeEnglishBlock(linesOf('中文标题的研究\nWANG Xiaoming'), 0)).toBeNull();
    expect(recognizeEnglishBlock(linesOf('The yield increased with irrigation.\nIt was measured twice.'), 0)).toBeNull();
    expect(recognizeEnglishBlock(linesOf('Effect of Drought on Wheat\nThe yield increased with irrigation'), 0)).toBeNull();
  });
});

describe('splitEnglishFromReferences', () => {
  const L = (text: string, start = 0) => ({ text, start, end: start + text.length });
  it.each([
    ['a space', '[25]高庆,杨玉峰.肉鸭蛋白质营养研究进展[J].饲料工业,2011,32(23):16-19. Effects of Diets with Different Protein Levels on Lambs CUI Xiaopeng HOU Shengzhen* (College of Agriculture)', 'Effects of Diets with Different Protein Levels on Lambs', 'CUI Xiaopeng HOU Shengzhen* (College of Agriculture)'],
    ['a footnote mark', '[61]LIU H X.Avian leukosis[J].Virology Journal,2013,10:196 Oxidative Stress and Autophagy2 WU Yanping WANG Yang LI Weifen*', 'Oxidative Stress and Autophagy', 'WU Yanping WANG Yang LI Weifen*'],
    ['nothing (glued)', '[16]郑学斌.微量元素氨基酸螯合物[J].中国饲料,2003(7):23-24.Effects of Organic Zinc on Laying Breeding HensHAO Yangyang ZHANG Xiuxiu*', 'Effects of Organic Zinc on Laying Breeding Hens', 'HAO Yangyang ZHANG Xiuxiu*'],
  ])('cuts the English title and byline glued to the last reference, with %s between them', (_, text, title, byline) => {
    const out = splitEnglishFromReferences([L('[1] 张三.题名[J].期刊,2001,1(1):1-2.'), L(text, 100), L('Abstract: This study …', 900)]);
    expect(out.map((l) => l.text).slice(2, 4)).toEqual([title, byline]);
    expect(out[1]!.text.endsWith('.') || /\d$/.test(out[1]!.text)).toBe(true);
    for (const l of out) expect(l.end - l.start).toBeGreaterThanOrEqual(l.text.length);
  });

  it('cuts an English title that ends the last reference line when the byline is the next line', () => {
    const ref = '[26] MOORE K L,SMITH J D.Fat deposition in steers[J].Journal of Animal Science,2009,87(4):1200-1210. Effects of Soy Isoflavones on Growth of Feedlot Heifers';
    const out = splitEnglishFromReferences([L('[25] 张三.题名[J].期刊,2001,1(1):1-2.'), L(ref, 100), L('ZHOU Ming1 LI Hua1* CHEN Gang2', 300), L('(1.College of Animal Science, Hunan Agricultural University, Changsha 410128, China)', 400), L('Abstract: This study …', 600)]);
    expect(out.map((l) => l.text)).toEqual([
      '[25] 张三.题名[J].期刊,2001,1(1):1-2.',
      '[26] MOORE K L,SMITH J D.Fat deposition in steers[J].Journal of Animal Science,2009,87(4):1200-1210.',
      'Effects of Soy Isoflavones on Growth of Feedlot Heifers',
      'ZHOU Ming1 LI Hua1* CHEN Gang2',
      '(1.College of Animal Science, Hunan Agricultural University, Changsha 410128, China)',
      'Abstract: This study …',
    ]);
    expect(out[2]!.start).toBe(100 + ref.indexOf('Effects'));
    // the next line an affiliation, not a byline: the reference stays whole
    const noByline = [L(ref), L('(1.College of Animal Science, Changsha 410128, China)', 300), L('Abstract: x', 400)];
    expect(splitEnglishFromReferences(noByline)).toBe(noByline);
    // a title of its own whose words hold a digit (`BIM-5D`) is not a reference's end
    const heading = [L('[5] 唐海燕.基于BIM-5D的成本预测[J].工程管理学报,2015,29(4):107-112.'), L('# Research on BIM-5D Fine Management in Hotel Projects', 100), L("Zhong Wei', Zhang Kaile', Nie Fengya", 200), L('Abstract: x', 300)];
    expect(splitEnglishFromReferences(heading)).toBe(heading);
  });

  it('leaves the lines alone without an Abstract after them, or without a byline', () => {
    const refs = [L('[1] SMITH J. Title[J]. J Test, 2001, 1(1): 1-2. Effects of Things on Other Things WANG Yang LI Weifen')];
    expect(splitEnglishFromReferences(refs)).toBe(refs);
    const plain = [L('[1] SMITH J. Effects of Diets on Lambs[J]. J Test, 2001, 1(1): 1-2.'), L('Abstract: x')];
    expect(splitEnglishFromReferences(plain)).toBe(plain);
  });
});

describe('English bylines the extraction broke or wrote in title case', () => {
  const L = (text: string, start = 0) => ({ text, start, end: start + text.length });
  it('a byline of title-case pinyin names after the title, on its line', () => {
    const block = recognizeEnglishBlock([L('The spikes identification of High Energy Telescope onboard Insight-HXMT Zhao Haisheng, Liu Congzhan, Li Xiaobo'), L('Key Laboratory of Particle Astrophysics, Beijing 100049, China', 200), L('Abstract: There are some spikes.', 400)], 0);
    expect(block?.title?.text).toBe('The spikes identification of High Energy Telescope onboard Insight-HXMT');
    expect(block?.authors.map((a) => a.name)).toEqual(['Zhao Haisheng', 'Liu Congzhan', 'Li Xiaobo']);
  });

  it('numbered affiliations glued after the byline, a label glued to its affiliation, notes glued after the last one', () => {
    const byline =
      "WANG Li',ZHOU Ming², CHEN Gang³ 1 Faculty of Materials and Chemical Engineering,Hunan University of Technology, Zhuzhou 412007, China 2School of Mines,Central South University,Changsha 410083,China 3 School of Metallurgy,Northeastern University,Shenyang 110819,China Correspondent:WANG Li,Tel: 13900000000,E-mail: wangli@example.com Supported by National Natural Science Foundation of China (No.51000000) Manuscript received 2016-04-13；in revised form 2016-08-26";
    const block = recognizeEnglishBlock([L('Numerical Analysis of Sodium Diffusion in Cathode Carbon Blocks'), L(byline, 100), L('Abstract: Sodium diffuses.', 900)], 0)!;
    expect(block.authors.map((a) => a.name)).toEqual(['WANG Li', 'ZHOU Ming', 'CHEN Gang']);
    expect(block.affiliations.map((a) => [a.label, a.line.text])).toEqual([
      ['1', 'Faculty of Materials and Chemical Engineering,Hunan University of Technology, Zhuzhou 412007, China'],
      ['2', 'School of Mines,Central South University,Changsha 410083,China'],
      ['3', 'School of Metallurgy,Northeastern University,Shenyang 110819,China'],
    ]);
    expect(block.notes?.map((n) => n.text)).toEqual([
      'Correspondent:WANG Li,Tel: 13900000000,E-mail: wangli@example.com',
      'Supported by National Natural Science Foundation of China (No.51000000)',
      'Manuscript received 2016-04-13；in revised form 2016-08-26',
    ]);
    expect(block.notes!.map((n) => labelAtStart(n.text)?.kind)).toEqual(['corresp', 'funding', 'received']);
  });

  it('a name broken at the end of the byline line is joined; the rest of the line is the affiliation', () => {
    const block = recognizeEnglishBlock([L('Effects of Organic Zinc on Laying Breeding Hens'), L('HAO Yangyang ZHANG Xiuxiu* WANG Shaokun SONG', 100), L("Zhigang* (College of Animal Science and Technology, Shandong Agricultural University, Tai'an 271018, China)", 200), L('Abstract: This study was conducted.', 400)], 0);
    expect(block?.authors.map((a) => a.name)).toEqual(['HAO Yangyang', 'ZHANG Xiuxiu', 'WANG Shaokun', 'SONG Zhigang']);
    expect(block?.authors[3]?.corresponding).toBe(true);
    expect(block?.affiliations).toHaveLength(1);
  });
});
