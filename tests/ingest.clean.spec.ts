import { describe, expect, it } from 'vitest';
import { removeEscapes, toSourceOffset } from '../src/ingest/clean.js';

/** Every character of the cleaned text maps back to the same character of the source. */
function expectMapsBack(source: string) {
  const { text, map } = removeEscapes(source);
  for (let i = 0; i < text.length; i++) expect(source[toSourceOffset(map, i)], `offset ${i}`).toBe(text[i]);
}

describe('removeEscapes', () => {
  it('removes the extractor’s escapes and counts them', () => {
    const r = removeEscapes('付强³\\*，E\\-mail\\_box \\#1');
    expect(r.text).toBe('付强³*，E-mail_box #1');
    expect(r.escapes).toBe(4);
  });

  it('leaves escapes inside $…$ math alone', () => {
    const r = removeEscapes('温度 $T\\_{max}$ 与 a\\_b');
    expect(r.text).toBe('温度 $T\\_{max}$ 与 a_b');
    expect(r.escapes).toBe(1);
  });

  it('an escaped dollar does not open math', () => {
    const r = removeEscapes('价格 \\$5 与 x\\*y');
    expect(r.text).toBe('价格 \\$5 与 x*y');
    expect(r.escapes).toBe(1);
  });

  it('math left open ends at the line break', () => {
    const r = removeEscapes('未闭合 $x\\_1\n下一行\\*');
    expect(r.text).toBe('未闭合 $x\\_1\n下一行*');
  });

  it('keeps a backslash before a character that is not escapable', () => {
    const r = removeEscapes('路径 C:\\data \\alpha');
    expect(r.text).toBe('路径 C:\\data \\alpha');
    expect(r.escapes).toBe(0);
    expect(r.map).toEqual({ at: [], delta: [] });
  });

  it('records where the distance to the source grows', () => {
    expect(removeEscapes('a\\*b\\*c').map).toEqual({ at: [1, 3], delta: [1, 2] });
  });
});

describe('toSourceOffset', () => {
  it('is the identity without a map or with an empty one', () => {
    expect(toSourceOffset(undefined, 7)).toBe(7);
    expect(toSourceOffset({ at: [], delta: [] }, 7)).toBe(7);
  });

  it('shifts offsets after each removed escape', () => {
    const { map } = removeEscapes('李\\*王\\*张');
    expect([0, 1, 2, 3, 4].map((i) => toSourceOffset(map, i))).toEqual([0, 2, 3, 5, 6]);
  });

  it('maps every cleaned character back to the source', () => {
    expectMapsBack('通信作者\\*：付强 $a\\_b$ \\[1\\] 表\\#2\nE\\-mail\\: x');
  });
});
