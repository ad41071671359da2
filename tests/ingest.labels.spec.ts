import { describe, expect, it } from 'vitest';
import { labelAtStart, splitAtLabels } from '../src/ingest/labels.js';
import type { Line } from '../src/ingest/source.js';

const L = (text: string, start = 0): Line => ({ text, start, end: start + text.length });

describe('labelAtStart', () => {
  it.each([
    ['【摘要】目的：探讨', 'abstract-zh', '目的：探讨'],
    ['摘要：本文研究了', 'abstract-zh', '本文研究了'],
    ['# 摘 要：本文研究了', 'abstract-zh', '本文研究了'],
    ['摘要从调频信号出发', 'abstract-zh', '从调频信号出发'],
    ['关键词线性调频；雷达', 'keywords-zh', '线性调频；雷达'],
    ['[关键字] 腐蚀；煤灰', 'keywords-zh', '腐蚀；煤灰'],
    ['中图分类号：TN958', 'clc', 'TN958'],
    ['【中图分类号】TU17', 'clc', 'TU17'],
    ['DOI:10.1234/abc.2015.06', 'doi', '10.1234/abc.2015.06'],
    ['Abstract: Forecasting the fluence', 'abstract-en', 'Forecasting the fluence'],
    ['[ABSTRACT] Forecasting', 'abstract-en', 'Forecasting'],
    ['Key words: solar proton; fluence', 'keywords-en', 'solar proton; fluence'],
    ['Keywords：fluence', 'keywords-en', 'fluence'],
    ['*通信作者：李卫芬，教授', 'corresp', '李卫芬，教授'],
    ['Corresponding author: LI Weifen', 'corresp', 'LI Weifen'],
    ['基金项目：国家自然科学基金(41774187)', 'funding', '国家自然科学基金(41774187)'],
    ['作者简介：王小明(1990—)，男', 'bio', '王小明(1990—)，男'],
    ['收稿日期：2023-08-31', 'received', '2023-08-31'],
    ['Received 2023-08-31', 'received', '2023-08-31'],
    ['责任编辑：王一', 'editor', '王一'],
    ['本文引用格式：王小明', 'cite-as', '王小明'],
    ['参考文献', 'references', ''],
  ])('%s → %s', (text, kind, value) => {
    const m = labelAtStart(text);
    expect(m?.kind).toBe(kind);
    expect(text.slice(m!.rest)).toBe(value);
  });

  it.each(['本文摘要如下', '编辑部地址：北京', '收稿后三个月内', '图1 关键词分布'])('no label: %s', (text) => {
    expect(labelAtStart(text)).toBeNull();
  });
  it('in brackets, an OCR misreading of 关 in 关键词 is still the label; unbracketed it is not', () => {
    expect(labelAtStart('【大键词】Revit；数据转换')?.kind).toBe('keywords-zh');
    expect(labelAtStart('大键词：Revit')).toBeNull();
  });

  it('a word that starts with Abstract is not the label', () => {
    expect(labelAtStart('Abstraction of remote sensing features')).toBeNull();
  });
});

describe('splitAtLabels', () => {
  const expectSlices = (src: string, lines: Line[]) => {
    for (const l of lines) expect(src.slice(l.start, l.end)).toBe(l.text);
  };

  it('a line without a glued label comes back as it is', () => {
    const line = L('摘要：本文研究了肉质', 4);
    expect(splitAtLabels(line)).toEqual([line]);
    expect(splitAtLabels(L('本文摘要如下，关键词分布见表1'))).toHaveLength(1);
  });

  it('keywords glued to the end of the abstract', () => {
    const src = '>>' + '对鸡肉品质的影响以口感和肉质关键词：品种；肉质';
    const out = splitAtLabels(L(src.slice(2), 2));
    expect(out.map((l) => l.text)).toEqual(['对鸡肉品质的影响以口感和肉质', '关键词：品种；肉质']);
    expectSlices(src, out);
  });

  it('an abstract glued to the affiliation, label in brackets', () => {
    const out = splitAtLabels(L('（浙江大学，杭州310058）【摘要】目的：探讨'));
    expect(out.map((l) => l.text)).toEqual(['（浙江大学，杭州310058）', '【摘要】目的：探讨']);
  });

  it('codes after keywords: split at 中图分类号, the document code stays with it', () => {
    const src = '关键词：雷达；回波 中图分类号：TN958 文献标识码：A';
    const out = splitAtLabels(L(src));
    expect(out.map((l) => l.text)).toEqual(['关键词：雷达；回波', '中图分类号：TN958 文献标识码：A']);
    expectSlices(src, out);
  });

  it('a document code glued to keywords without 中图分类号 is split off', () => {
    const out = splitAtLabels(L('关键词：雷达；回波文献标识码：A'));
    expect(out.map((l) => l.text)).toEqual(['关键词：雷达；回波', '文献标识码：A']);
  });

  it('a document code in running text is not split off', () => {
    expect(splitAtLabels(L('本刊要求注明文献标识码：A'))).toHaveLength(1);
  });

  it('English labels after a space or a closing parenthesis, not inside a word', () => {
    const src = 'Beijing 100190, China) Abstract: Forecasting Key words: fluence';
    const out = splitAtLabels(L(src));
    expect(out.map((l) => l.text)).toEqual(['Beijing 100190, China)', 'Abstract: Forecasting', 'Key words: fluence']);
    expectSlices(src, out);
    expect(splitAtLabels(L('see the GraphicalAbstract: below'))).toHaveLength(1);
  });

  it('a bracketed DOI glued after the codes', () => {
    const out = splitAtLabels(L('文章编号：1000-1328(2015)10-1114-11【DOI】10.3873/j.issn'));
    expect(out.map((l) => l.text)).toEqual(['文章编号：1000-1328(2015)10-1114-11', '【DOI】10.3873/j.issn']);
  });
});
