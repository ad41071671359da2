import { describe, expect, it } from 'vitest';
import { recognizeFront } from '../src/ingest/front.js';
import { splitBlocks, type Line } from '../src/ingest/source.js';

function front(src: string) {
  const lines = splitBlocks(src).flatMap((b) => b.lines);
  const parts = recognizeFront(lines);
  const at = (l: Line | undefined) => (l ? src.slice(l.start, l.end) : undefined);
  return { parts, lines, at };
}

describe('recognizeFront: a full front block', () => {
  const src = [
    'http://www.example.edu.cn/journal DOI: 10.1234/abc.2020.01',
    '',
    '# 干旱胁迫对小麦根系的影响',
    '',
    '王小明¹，李　晶²*（1.河南大学农学院，河南开封475004；2.中国科学院植物研究所，北京100093）',
    '',
    '摘要：干旱是限制小麦产量的主要因素。本文测定了三种水分条件下的根长，',
    '结果表明根长随干旱加剧而增加。',
    '',
    '关键词：干旱；小麦；根系 中图分类号：S512 文献标识码：A',
    '',
    '# Effect of Drought Stress on Wheat Roots',
    '',
    'WANG Xiaoming¹, LI Jing²*',
    '',
    '(1. College of Agronomy, Henan University, Kaifeng 475004, China; 2. Institute of Botany, Chinese Academy of Sciences, Beijing 100093, China)',
    '',
    'Abstract: Drought limits wheat yield. We measured root length.',
    '',
    'Key words: drought; wheat; root',
    '',
    '基金项目：国家自然科学基金(31871234)',
    '',
    '1 引言',
    '',
    '干旱是全球性问题。',
  ].join('\n');
  const { parts, lines, at } = front(src);

  it('title, byline and the affiliations glued to it', () => {
    expect(at(parts.title)).toBe('干旱胁迫对小麦根系的影响');
    expect(parts.zhAuthors.map((a) => [a.name, a.marks, a.corresponding, at(a.line)])).toEqual([
      ['王小明', ['1'], false, '王小明'],
      ['李晶', ['2'], true, '李　晶'],
    ]);
    expect(parts.zhAffs.map((a) => [a.label, at(a.line), a.part.city])).toEqual([
      ['1', '河南大学农学院，河南开封475004', '开封'],
      ['2', '中国科学院植物研究所，北京100093', '北京'],
    ]);
  });

  it('the abstract over two lines, joined', () => {
    expect(parts.abstractZh?.text).toBe('干旱是限制小麦产量的主要因素。本文测定了三种水分条件下的根长，结果表明根长随干旱加剧而增加。');
    expect(parts.abstractZh?.lines.map(at)).toEqual(['干旱是限制小麦产量的主要因素。本文测定了三种水分条件下的根长，', '结果表明根长随干旱加剧而增加。']);
  });

  it('keywords and the codes glued after them', () => {
    expect(parts.keywordsZh?.list).toEqual(['干旱', '小麦', '根系']);
    expect(at(parts.keywordsZh?.line)).toBe('干旱；小麦；根系');
    expect(parts.codes.map((c) => [c.codes, at(c.line)])).toEqual([[{ clc: ['S512'], documentCode: 'A' }, '中图分类号：S512 文献标识码：A']]);
  });

  it('the English block', () => {
    const en = parts.english!;
    expect(at(en.title)).toBe('Effect of Drought Stress on Wheat Roots');
    expect(en.authors.map((a) => a.name)).toEqual(['WANG Xiaoming', 'LI Jing']);
    expect(en.abstract?.text).toBe('Drought limits wheat yield. We measured root length.');
    expect(en.keywords?.list).toEqual(['drought', 'wheat', 'root']);
    expect(en.from).toBe(6);
  });

  it('notes kept, the journal’s web line skipped, the body starts at the first section', () => {
    expect(parts.notes.map((n) => [n.kind, at(n.value)])).toEqual([['funding', '国家自然科学基金(31871234)']]);
    expect(parts.skipped.map((s) => [at(s.line), s.reason])).toEqual([
      ['http://www.example.edu.cn/journal DOI: 10.1234/abc.2020.01', 'a web address or e-mail line of the journal'],
    ]);
    expect(lines[parts.bodyStart]!.text).toBe('1 引言');
  });
});

describe('recognizeFront: damaged shapes', () => {
  it('byline glued to the title, keywords glued to the abstract', () => {
    const src = [
      '氧化应激与自噬1吴艳萍 王阳',
      '1江西理工大学资源与环境工程学院，江西赣州341000',
      '【摘要】目的：探讨氧化应激。方法：检测指标。结果：自噬增加关键词：氧化应激；自噬',
      '中图分类号：R329 文献标识码：A',
      '近年来，氧化应激的研究很多。',
    ].join('\n');
    const { parts, lines, at } = front(src);
    expect(at(parts.title)).toBe('氧化应激与自噬');
    expect(parts.zhAuthors.map((a) => at(a.line))).toEqual(['吴艳萍', '王阳']);
    expect(parts.zhAffs.map((a) => [a.label, a.part.institution])).toEqual([['1', '江西理工大学资源与环境工程学院']]);
    expect(parts.abstractZh?.lines.map(at)).toEqual(['目的：探讨氧化应激。方法：检测指标。结果：自噬增加']);
    expect(parts.keywordsZh?.list).toEqual(['氧化应激', '自噬']);
    expect(parts.codes.map((c) => c.codes.clc)).toEqual([['R329']]);
    expect(parts.english).toBeUndefined();
    expect(lines[parts.bodyStart]!.text).toBe('近年来，氧化应激的研究很多。');
  });

  it('labels without colons, OCR marks, codes on their own line', () => {
    const src = [
      '# 调频连续波雷达回波建模',
      '蔡永俊1²　张祥坤」姜景山1（1.中国科学院微波遥感重点实验室，北京100190;2.中国科学院大学，北京100049)',
      '摘要从调频连续波雷达回波信号出发，分析了信号特点.',
      '关键词线性调频连续波；合成孔径雷达；Dechirp',
      '中图分类号 TN958 文献标志码 A 文章编号 1005-0388(2015)06-1157-07',
      '# Echo modeling of frequency modulated radar',
      'CAI Yongjun1,2 ZHANG Xiangkun1 JIANG Jingshan1',
      'Abstract Echo signals are modeled.',
      'Key words linear frequency modulation; radar',
      '引言',
    ].join('\n');
    const { parts, lines, at } = front(src);
    expect(parts.zhAuthors.map((a) => [a.name, a.marks])).toEqual([
      ['蔡永俊', ['1', '2']],
      ['张祥坤', ['1']],
      ['姜景山', ['1']],
    ]);
    expect(parts.zhAffs.map((a) => a.label)).toEqual(['1', '2']);
    expect(at(parts.abstractZh?.lines[0])).toBe('从调频连续波雷达回波信号出发，分析了信号特点.');
    expect(parts.keywordsZh?.list).toEqual(['线性调频连续波', '合成孔径雷达', 'Dechirp']);
    expect(parts.codes.map((c) => [c.codes.clc, c.codes.documentCode, c.codes.articleNumber?.lastPage])).toEqual([[['TN958'], 'A', 1163]]);
    expect(parts.english?.authors.map((a) => a.name)).toEqual(['CAI Yongjun', 'ZHANG Xiangkun', 'JIANG Jingshan']);
    expect(parts.english?.keywords?.list).toEqual(['linear frequency modulation', 'radar']);
    expect(lines[parts.bodyStart]!.text).toBe('引言');
  });

  it('a title broken over two lines', () => {
    const src = '# 钴含量对合金在模拟燃煤锅炉烟灰环境中腐\n蚀行为的影响\n黄锦阳¹，鲁金涛²\n摘要：研究了腐蚀行为。\n关键词：腐蚀；煤灰\n正文开始。';
    const { parts, at } = front(src);
    expect(parts.title?.text).toBe('钴含量对合金在模拟燃煤锅炉烟灰环境中腐蚀行为的影响');
    expect(at(parts.title)).toBe('钴含量对合金在模拟燃煤锅炉烟灰环境中腐\n蚀行为的影响');
    expect(parts.zhAuthors.map((a) => a.name)).toEqual(['黄锦阳', '鲁金涛']);
  });

  it('a stray line between labelled parts is skipped with a reason', () => {
    const src = '小麦根系的研究进展\n王小明¹，李华²\n摘要：综述了根系研究。\n关键词：根系；小麦\n网络首发时间：2020-01-01\n中图分类号：S512\n正文开始。';
    const { parts, lines, at } = front(src);
    expect(parts.skipped.map((s) => [at(s.line), s.reason])).toEqual([['网络首发时间：2020-01-01', 'a front-matter line between labelled parts']]);
    expect(parts.codes.map((c) => c.codes.clc)).toEqual([['S512']]);
    expect(lines[parts.bodyStart]!.text).toBe('正文开始。');
  });

  it('without labels: the head ends at the first prose line', () => {
    const src = [
      '# 中短期任务的太阳质子事件通量预报研究',
      '',
      '崔延美，师立勤，刘四清（中国科学院国家空间科学中心，北京100190)',
      '',
      '太阳质子事件通量的预测对航天器的设计具有重要意义。',
      '',
      '1 引言',
    ].join('\n');
    const { parts, lines, at } = front(src);
    expect(at(parts.title)).toBe('中短期任务的太阳质子事件通量预报研究');
    expect(parts.zhAuthors.map((a) => a.name)).toEqual(['崔延美', '师立勤', '刘四清']);
    expect(parts.zhAffs.map((a) => at(a.line))).toEqual(['中国科学院国家空间科学中心，北京100190']);
    expect(parts.abstractZh).toBeUndefined();
    expect(lines[parts.bodyStart]!.text).toBe('太阳质子事件通量的预测对航天器的设计具有重要意义。');
  });

  it('the reference heading stops the front', () => {
    const src = '小麦根系的研究进展\n王小明¹，李华²\n摘要：综述了根系研究。\n参考文献\n[1] 王小明. 根系[J]. 农学报, 2020.';
    const { parts, lines } = front(src);
    expect(parts.abstractZh?.text).toBe('综述了根系研究。');
    expect(lines[parts.bodyStart]!.text).toBe('参考文献');
  });
});

describe('recognizeFront: a manuscript abstract hard-wrapped over many short lines', () => {
  it('runs to its keywords, however far, when the lines are short (TeX not counted)', () => {
    const body = Array.from({ length: 16 }, (_, k) => `第${k + 1}行，对照组添加 $8 0 ~ \\mathrm { m g / k g }$ 的硫酸锌、硫酸锰，`);
    const src = ['# 有机锌对蛋种母鸡的影响', '郝洋洋 张修修', '（山东农业大学动物科技学院，泰安271018）', '摘要：本试验旨在研究有机锌的影响。', ...body, '结论是有机锌效果最佳。', '关键词：有机锌；蛋种母鸡', '中图分类号：S831', '', '种畜禽养殖的经济效益在很大程度上取决于其健康状况。'].join('\n');
    const { parts } = front(src);
    expect(parts.abstractZh?.lines).toHaveLength(18);
    expect(parts.abstractZh?.text.endsWith('结论是有机锌效果最佳。')).toBe(true);
    expect(parts.keywordsZh?.list).toEqual(['有机锌', '蛋种母鸡']);
  });
});

describe('recognizeFront: a byline printed over two lines', () => {
  it('takes the names of the second line too', () => {
    const src = ['# 野生川金丝猴胃肠道菌群多样性', '曾　燕1牛李丽2*邓家波2王　强2林奕岑1', '1曾　东1**倪学勤1**', '(1.四川农业大学动物医学院，成都 611130；2.成都动物园，成都 610081)', '摘要：本试验分析菌群多样性。', '关键词：川金丝猴；菌群'].join('\n\n');
    const { parts } = front(src);
    expect(parts.zhAuthors.map((a) => a.name)).toEqual(['曾燕', '牛李丽', '邓家波', '王强', '林奕岑', '曾东', '倪学勤']);
    expect(parts.zhAffs).toHaveLength(2);
  });
});

describe('recognizeFront: abstract, keywords, codes and the first paragraph run together on one line', () => {
  it('cuts them apart; the paragraph is the body’s first line', () => {
    const src = [
      '# 野生川金丝猴胃肠道菌群多样性',
      '曾燕1 牛李丽2',
      '(1.四川农业大学动物医学院，成都 611130；2.成都动物园，成都 610081)',
      '摘要:本试验分析了菌群多样性。',
      '结果显示菌群多样性呈现高-低-高的趋势。关键词：川金丝猴；胃肠道菌群；PCR-DGGE中图分类号：S826文献标识码：A文章编号：川金丝猴别名仰鼻猴，属哺乳纲、灵长目、仰鼻猴属，是我国特有的珍稀动物。',
      '',
      '胃肠道微生物的研究是野生动物保护的重要措施。',
    ].join('\n\n');
    const { parts, at } = front(src);
    expect(parts.abstractZh?.text).toBe('本试验分析了菌群多样性。结果显示菌群多样性呈现高-低-高的趋势。');
    expect(parts.keywordsZh?.list).toEqual(['川金丝猴', '胃肠道菌群', 'PCR-DGGE']);
    expect(parts.codes.flatMap((c) => c.codes.clc ?? [])).toEqual(['S826']);
    expect(at(parts.bodyHead)).toBe('川金丝猴别名仰鼻猴，属哺乳纲、灵长目、仰鼻猴属，是我国特有的珍稀动物。');
  });
});
