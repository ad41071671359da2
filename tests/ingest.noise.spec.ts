import { describe, expect, it } from 'vitest';
import { noiseReason, repeatedLines, stripLineNumbers } from '../src/ingest/noise.js';
import type { Line } from '../src/ingest/source.js';

const L = (text: string, start = 0): Line => ({ text, start, end: start + text.length });

/** The lines of a text, one per \n, with their offsets. */
function linesOf(src: string): Line[] {
  let at = 0;
  return src.split('\n').map((t) => {
    const l = L(t, at);
    at += t.length + 1;
    return l;
  });
}

describe('noiseReason', () => {
  const none = new Set<string>();

  it('the ChinaXiv watermark, however it was spaced or cased', () => {
    expect(noiseReason('ChinaXiv合作期刊', none)).toBe('the preprint server’s watermark');
    expect(noiseReason('  C hina X iv 合作期刊 ', none)).toBe('the preprint server’s watermark');
    expect(noiseReason('chinaxiv合作期刊', none)).toBe('the preprint server’s watermark');
  });

  it('a line that only mentions the watermark is article text', () => {
    expect(noiseReason('本文首发于ChinaXiv合作期刊', none)).toBeNull();
  });

  it('Word revision balloons', () => {
    expect(noiseReason('带格式的：正文，首行缩进：2 字符', none)).toBe('a word processor’s revision note');
    expect(noiseReason('删除的内容：样品', none)).toBe('a word processor’s revision note');
    // An extracted table of revision balloons only; one with other text is a table.
    expect(noiseReason('<html><body><table><tr><td>带格式的</td></tr><tr><td></td></tr><tr><td>删除的内容：coulor</td></tr></table></body></html>', none)).toBe('a word processor’s revision note');
    expect(noiseReason('<table><tr><td>带格式的</td></tr><tr><td>处理</td></tr></table>', none)).toBeNull();
  });

  it('a running head, matched without its spacing', () => {
    const repeated = new Set(['农业工程学报第3期']);
    expect(noiseReason('农业工程学报 第 3 期', repeated)).toBe('a running head repeated on every page');
    expect(noiseReason('1 材料与方法', repeated)).toBeNull();
  });
});

describe('repeatedLines', () => {
  it('keeps short lines printed three times or more', () => {
    const lines = ['农业工程学报 第3期', '正文一', '农业工程学报第3期', '正文二', '农业工程学报 第 3 期', '正文一'].map((t) => L(t));
    expect([...repeatedLines(lines)]).toEqual(['农业工程学报第3期']);
  });

  it('ignores page numbers, headings, tables and long lines', () => {
    const long = '这是一段很长的正文重复了三次，超过三十个字符的行不会被当作页眉页脚来删除的。';
    const lines = [];
    for (let k = 0; k < 3; k++) lines.push(L('12'), L('# 结果'), L('| a | b |'), L(long), L('甲'));
    expect(repeatedLines(lines).size).toBe(0);
  });
});

describe('stripLineNumbers', () => {
  const numbered = (n: number, from = 1) =>
    Array.from({ length: n }, (_, k) => `${from + k}${k % 2 ? '' : ' '}本试验第${k + 1}行的内容`).join('\n');

  it('cuts rising line numbers, keeping offsets into the source', () => {
    const src = numbered(14);
    const { lines, stripped } = stripLineNumbers(linesOf(src));
    expect(stripped).toBe(14);
    expect(lines[0]!.text).toBe('本试验第1行的内容');
    expect(lines[1]!.text).toBe('本试验第2行的内容');
    expect(lines[13]!.text).toBe('本试验第14行的内容');
    for (const l of lines) expect(src.slice(l.start, l.end)).toBe(l.text);
  });

  it('leaves a line whose number breaks the sequence (a year) as it is', () => {
    const rows = numbered(14).split('\n');
    rows.splice(7, 0, '2019年在试验田取样');
    const { lines, stripped } = stripLineNumbers(linesOf(rows.join('\n')));
    expect(stripped).toBe(14);
    expect(lines[7]!.text).toBe('2019年在试验田取样');
  });

  it('a text with few numbered lines comes back unchanged', () => {
    const input = linesOf(numbered(8));
    const r = stripLineNumbers(input);
    expect(r.stripped).toBe(0);
    expect(r.lines).toBe(input);
  });

  it('a numbered list that starts deep in the text is not line numbering', () => {
    const prose = Array.from({ length: 25 }, (_, k) => `正文第${k + 1}句没有行号`);
    const input = linesOf([...prose, numbered(14)].join('\n'));
    expect(stripLineNumbers(input).stripped).toBe(0);
  });
});
