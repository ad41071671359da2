import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { recognizeBody, type BodyLine } from '../src/ingest/body.js';
import { SourceText, splitBlocks, type Line } from '../src/ingest/source.js';

const td = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
const table = (rows: string[][]) => `<html><body><table>${rows.map(td).join('')}</table></body></html>`;

function tables(src: string) {
  const file = new VFile({ path: 'a.md', value: src });
  const lines: BodyLine[] = splitBlocks(src).flatMap((b, block) => b.lines.map((l) => ({ ...l, block })));
  const at = (l: Line | null | undefined) => (l ? src.slice(l.start, l.end) : null);
  const items = recognizeBody(lines, file, new SourceText(src)).flatMap((b) => (b.kind === 'table' ? [b] : []));
  // Every kept caption and cell is a slice of the source.
  for (const t of items) for (const l of [t.caption, ...t.rows.flat()]) if (l?.text) expect(at(l)).toBe(l.text);
  return {
    view: items.map((t) => [t.number, at(t.caption), t.rows.map((r) => r.map((c) => c.text))]),
    findings: file.messages.filter((m) => m.ruleId === 'ingest-table-split').map((m) => [m.line, m.message]),
  };
}

describe('tables merged by the extraction', () => {
  it('split at caption rows holding the next numbers, the caption in the marker cell or beside it', () => {
    const src = [
      '表6 加噪后的匹配率',
      table([
        ['方法', 'q=0.05'],
        ['ORB', '92.1'],
        ['表7 Trees 图像匹配率', ''],
        ['方法', 'q=0.05'],
        ['ORB', '93.4'],
        ['表8', 'Light 图像匹配率'],
        ['方法', 'q=0.05'],
        ['', ''],
        ['ORB', '93.5'],
      ]),
    ].join('\n\n');
    const { view, findings } = tables(src);
    expect(view).toEqual([
      [6, '加噪后的匹配率', [['方法', 'q=0.05'], ['ORB', '92.1']]],
      [7, 'Trees 图像匹配率', [['方法', 'q=0.05'], ['ORB', '93.4']]],
      // An empty row of the source stays.
      [8, 'Light 图像匹配率', [['方法', 'q=0.05'], ['', ''], ['ORB', '93.5']]],
    ]);
    expect(findings).toEqual([
      [3, 'Table 7 was merged into table 6 by the extraction; split at its caption row'],
      [3, 'Table 8 was merged into table 7 by the extraction; split at its caption row'],
    ]);
  });

  it('a marker at the end of a data row: the row stays, the caption is the next row’s Han text; other cells are kept', () => {
    const src = ['表1 椒盐噪声下的匹配率', table([['方法', 'p=0.05'], ['本文方法 表2', '94.3'], ['', 'Trees 图像匹配率/%'], ['ORB', '91.7']])].join('\n\n');
    expect(tables(src).view).toEqual([
      [1, '椒盐噪声下的匹配率', [['方法', 'p=0.05'], ['本文方法', '94.3']]],
      [2, 'Trees 图像匹配率/%', [['ORB', '91.7']]],
    ]);
  });

  it('no split where the number is not the next one, or another table carries it', () => {
    const cites = table([['方法', '来源'], ['ORB', '表3'], ['BRIEF', '表2 数据']]);
    const src = ['表1 方法', cites, '表2 数据', table([['a', 'b']])].join('\n\n');
    expect(tables(src).view).toEqual([
      [1, '方法', [['方法', '来源'], ['ORB', '表3'], ['BRIEF', '表2 数据']]],
      [2, '数据', [['a', 'b']]],
    ]);
  });
});
