import { describe, expect, it } from 'vitest';
import { joinLines, structuredParts } from '../src/ingest/abstract.js';

describe('joinLines', () => {
  it('Han lines are joined without a space', () => {
    expect(joinLines(['本文研究了干旱', '胁迫对小麦的影响。'])).toBe('本文研究了干旱胁迫对小麦的影响。');
  });

  it('Latin lines are joined with one space', () => {
    expect(joinLines(['Forecasting the fluence is', 'very important.'])).toBe('Forecasting the fluence is very important.');
    expect(joinLines(['results (a)', '(b) and 10', '20'])).toBe('results (a) (b) and 10 20');
  });

  it('a hyphen at a line end joins without a space', () => {
    expect(joinLines(['the signal-', 'processing chain'])).toBe('the signal-processing chain');
  });

  it('mixed lines: a space only between Latin ends; empty lines and padding dropped', () => {
    expect(joinLines(['基于FMCW', 'SAR的回波', '', '  模型'])).toBe('基于FMCW SAR的回波模型');
    expect(joinLines(['合成孔径雷达', 'SAR回波'])).toBe('合成孔径雷达SAR回波');
  });
});

describe('structuredParts', () => {
  it('目的/方法/结果/结论', () => {
    expect(structuredParts('目的：探讨干旱的影响。方法：选取小麦。结果：产量下降。结论：需要灌溉。', 'zh')).toEqual([
      { label: '目的', text: '探讨干旱的影响。' },
      { label: '方法', text: '选取小麦。' },
      { label: '结果', text: '产量下降。' },
      { label: '结论', text: '需要灌溉。' },
    ]);
  });

  it('half-width colons, labels after ；', () => {
    expect(structuredParts('目的:探讨。 方法:选取；结果:下降', 'zh')).toEqual([
      { label: '目的', text: '探讨。' },
      { label: '方法', text: '选取；' },
      { label: '结果', text: '下降' },
    ]);
  });

  it('English labels', () => {
    expect(structuredParts('Objective: To explore. Methods: We sampled. Results: It fell. Conclusion: Irrigate.', 'en')).toEqual([
      { label: 'Objective', text: 'To explore.' },
      { label: 'Methods', text: 'We sampled.' },
      { label: 'Results', text: 'It fell.' },
      { label: 'Conclusion', text: 'Irrigate.' },
    ]);
  });

  it.each([
    ['one label only', '目的：探讨影响。', 'zh'],
    ['labels inside sentences', '本研究的目的：探讨影响。采用的方法：选取小麦。', 'zh'],
    ['text before the first label', '研究表明。目的：探讨影响。方法：选取小麦。', 'zh'],
    ['a plain English abstract', 'Objective: To explore. The methods: were.', 'en'],
  ] as const)('plain: %s', (_, text, lang) => {
    expect(structuredParts(text, lang)).toBeUndefined();
  });

  it('labels followed by a space only', () => {
    expect(structuredParts('目的 探讨影响。方法 选取小麦。', 'zh')).toEqual([
      { label: '目的', text: '探讨影响。' },
      { label: '方法', text: '选取小麦。' },
    ]);
  });

  it('bracketed labels without a colon', () => {
    expect(structuredParts('【目的】探讨影响。【方法】选取小麦。', 'zh')).toEqual([
      { label: '目的', text: '探讨影响。' },
      { label: '方法', text: '选取小麦。' },
    ]);
  });
});
