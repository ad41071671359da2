import { describe, expect, it } from 'vitest';
import { splitGluedChineseNames } from '../src/ingest/name-pairs.js';
import type { ParsedName } from '../src/ingest/authors.js';

/** Names as a byline parser gives them, each with its span in a line of text. */
function names(text: string, list: Array<[string, string[]?]>): ParsedName[] {
  return list.map(([name, marks = []]) => {
    const start = text.indexOf(name);
    return { name, marks, corresponding: marks.includes('*'), line: { text: text.slice(start, start + name.length + marks.join('').length), start, end: start + name.length + marks.join('').length } };
  });
}

describe('splitGluedChineseNames', () => {
  const en = names('DENG Bo1 WU Jie1 GUO Hongbing1 XU Ziwei1*', [['DENG Bo'], ['WU Jie'], ['GUO Hongbing'], ['XU Ziwei']]);

  it('cuts a glued pair the English byline spells as two names', () => {
    const text = '邓波吴杰1 郭红炳1 徐子伟1*';
    const zh = names(text, [['邓波吴杰', ['1']], ['郭红炳', ['1']], ['徐子伟', ['1', '*']]]);
    const out = splitGluedChineseNames(zh, en);
    expect(out.map((n) => n.name)).toEqual(['邓波', '吴杰', '郭红炳', '徐子伟']);
    expect(out.map((n) => text.slice(n.line.start, n.line.start + n.name.length))).toEqual(['邓波', '吴杰', '郭红炳', '徐子伟']);
    expect(out[1]!.marks).toEqual(['1']);
    expect(out[0]!.marks).toEqual([]);
  });

  it('leaves names alone when the counts agree, the pinyin does not, or the name is one person', () => {
    const text = '邓波吴杰1 郭红炳1 徐子伟1*';
    const zh = names(text, [['邓波吴杰', ['1']], ['郭红炳', ['1']], ['徐子伟', ['1', '*']]]);
    expect(splitGluedChineseNames(zh, en.slice(0, 3)).map((n) => n.name)).toEqual(['邓波吴杰', '郭红炳', '徐子伟']);
    const other = names('DENG Bo WANG Jie GUO Hongbing XU Ziwei', [['DENG Bo'], ['WANG Jie'], ['GUO Hongbing'], ['XU Ziwei']]);
    expect(splitGluedChineseNames(zh, other).map((n) => n.name)).toEqual(['邓波吴杰', '郭红炳', '徐子伟']);
    // a four-character name with a compound surname, spelled by its English name
    const ouyang = names('欧阳克蕙 熊小文', [['欧阳克蕙'], ['熊小文']]);
    const enOuyang = names('OUYANG Kehui XIONG Xiaowen ZHU Yuankui', [['OUYANG Kehui'], ['XIONG Xiaowen'], ['ZHU Yuankui']]);
    expect(splitGluedChineseNames(ouyang, enOuyang).map((n) => n.name)).toEqual(['欧阳克蕙', '熊小文']);
  });
});
