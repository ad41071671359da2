import { describe, expect, it } from 'vitest';
import { applyNote, continuesNote, findEmail, parseCorrespondence, parseDate } from '../src/ingest/footnotes.js';
import { emptyMeta } from '../src/model/meta.js';

describe('parseDate', () => {
  it.each(['2023-08-31', '2023.8.31', '2023年8月31日', '2023 - 08 - 31', '2023—08—31', '收稿日期：2023-8-31；修回日期：2023-10-12'])('%s', (text) => {
    expect(parseDate(text)).toBe('2023-08-31');
  });

  it.each(['2023-13-01', '2023-02-00', '2023年8月', '20230831'])('no date: %s', (text) => {
    expect(parseDate(text)).toBeNull();
  });
});

describe('findEmail', () => {
  it.each([
    ['E-mail: wfli@zju.edu.cn', 'wfli@zju.edu.cn'],
    ['wfli $@$ zju.edu.cn', 'wfli@zju.edu.cn'],
    ['wfli @ zju.edu.cn。', 'wfli@zju.edu.cn'],
    ['li.wei_2@mail.sysu.edu.cn;', 'li.wei_2@mail.sysu.edu.cn'],
  ])('%s', (text, email) => {
    expect(findEmail(text)).toBe(email);
  });

  it('none', () => {
    expect(findEmail('没有邮箱')).toBeUndefined();
  });
  it('spaces after the dots of the domain', () => {
    expect(findEmail('E-mail: wfli@zju. edu. cn')).toBe('wfli@zju.edu.cn');
  });
});

describe('parseCorrespondence', () => {
  it.each([
    ['李卫芬，教授，E-mail: wfli@zju.edu.cn', { name: '李卫芬', email: 'wfli@zju.edu.cn' }],
    ['：LI Weifen, E-mail: wfli@zju.edu.cn', { name: 'LI Weifen', email: 'wfli@zju.edu.cn' }],
    ['E-mail: wfli@zju.edu.cn', { email: 'wfli@zju.edu.cn' }],
    ['付强（1990—），男，博士', { name: '付强' }],
    ['010-12345678', {}],
  ])('%s', (text, out) => {
    expect(parseCorrespondence(text)).toEqual(out);
  });
});

describe('applyNote', () => {
  it('received, revised and accepted dates from one note', () => {
    const meta = emptyMeta();
    expect(applyNote(meta, 'received', '：2023-08-31；修回日期：2023-10-12；录用日期：2023-11-01')).toBe(true);
    expect([meta.received, meta.revised, meta.accepted]).toEqual(['2023-08-31', '2023-10-12', '2023-11-01']);
  });

  it('English dates', () => {
    const meta = emptyMeta();
    applyNote(meta, 'received', '2023-08-31; Revised 2023-10-12; Accepted 2023-11-01');
    expect([meta.received, meta.revised, meta.accepted]).toEqual(['2023-08-31', '2023-10-12', '2023-11-01']);
  });

  it('the first received date wins', () => {
    const meta = emptyMeta();
    applyNote(meta, 'received', '2023-08-31');
    applyNote(meta, 'received', '2024-01-02');
    expect(meta.received).toBe('2023-08-31');
  });

  it('funding and biography by language; notes of one language are joined', () => {
    const meta = emptyMeta();
    expect(applyNote(meta, 'funding', '国家自然科学基金资助项目')).toBe(true);
    expect(applyNote(meta, 'funding', 'National Natural Science Foundation of China')).toBe(true);
    expect(applyNote(meta, 'funding', 'Beijing Natural Science Foundation')).toBe(true);
    expect(applyNote(meta, 'bio', '王小明(1990—)，男，博士')).toBe(true);
    expect(meta.funding).toEqual({ zh: '国家自然科学基金资助项目', en: 'National Natural Science Foundation of China Beijing Natural Science Foundation' });
    expect(meta.authorNotes).toEqual({ zh: '王小明(1990—)，男，博士' });
  });

  it('the editor, without the colon and the parentheses around the note', () => {
    const meta = emptyMeta();
    expect(applyNote(meta, 'editor', '：（王一）')).toBe(true);
    expect(meta.editor).toBe('王一');
  });

  it('false when the note carried nothing usable', () => {
    const meta = emptyMeta();
    expect(applyNote(meta, 'received', '：')).toBe(false);
    expect(applyNote(meta, 'received', '待定')).toBe(false);
    expect(applyNote(meta, 'corresp', '李卫芬')).toBe(false);
    expect(meta).toEqual(emptyMeta());
  });
  it('a grant number in parentheses at the end stays whole', () => {
    const meta = emptyMeta();
    applyNote(meta, 'funding', '国家自然科学基金(41774187)');
    expect(meta.funding).toEqual({ zh: '国家自然科学基金(41774187)' });
  });
});

describe('continuesNote', () => {
  it('a note cut at the line end goes on', () => {
    expect(continuesNote('基金项目：国家自然科学基金', '(41774187)')).toBe(true);
  });

  it('not after a sentence end, not into a heading, table or image, not an empty or long line', () => {
    expect(continuesNote('作者简介：王小明，男。', '通信作者：李华')).toBe(false);
    expect(continuesNote('基金项目：国家', '# 1 引言')).toBe(false);
    expect(continuesNote('基金项目：国家', '| a | b |')).toBe(false);
    expect(continuesNote('基金项目：国家', '')).toBe(false);
    expect(continuesNote('基金项目：国家', '字'.repeat(201))).toBe(false);
  });
});
