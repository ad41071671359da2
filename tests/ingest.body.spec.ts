import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { endsMidSentence, recognizeBody, type BodyItem, type BodyLine } from '../src/ingest/body.js';
import { SourceText, splitBlocks, type Line } from '../src/ingest/source.js';

function body(src: string) {
  const file = new VFile({ path: 'test.md', value: src });
  const lines: BodyLine[] = splitBlocks(src).flatMap((b, block) => b.lines.map((l) => ({ ...l, block })));
  const items = recognizeBody(lines, file, new SourceText(src));
  const at = (l: Line | null | undefined) => (l ? src.slice(l.start, l.end) : l);
  return { items, at, rules: file.messages.map((m) => m.ruleId) };
}

/** A compact view: kind, then the source text of what matters. */
function view(items: BodyItem[], at: (l: Line | null | undefined) => string | null | undefined) {
  return items.map((b) => {
    if (b.kind === 'para') return ['para', ...b.segments.map(at)];
    if (b.kind === 'heading') return ['heading', b.label ?? null, b.depth, at(b.text)];
    if (b.kind === 'figure') return ['figure', b.number, at(b.caption), at(b.captionEn)];
    if (b.kind === 'math') return ['math', b.tex];
    return ['table', b.number, at(b.caption), at(b.captionEn), b.rows.map((r) => r.map(at))];
  });
}

describe('recognizeBody: headings', () => {
  it('numbered sections in sequence, with and without a period', () => {
    const { items, at } = body('1.引言\n\n正文。\n\n1.1 试验材料\n\n正文。\n\n2．结果');
    expect(view(items, at)).toEqual([
      ['heading', '1', 2, '引言'],
      ['para', '正文。'],
      ['heading', '1.1', 3, '试验材料'],
      ['para', '正文。'],
      ['heading', '2', 2, '结果'],
    ]);
  });

  it('a number out of sequence is text, unless it is a Markdown heading (with a finding)', () => {
    const { items, at, rules } = body('1 引言\n\n正文。\n\n3 结果\n\n# 5 讨论');
    expect(view(items, at)).toEqual([
      ['heading', '1', 2, '引言'],
      ['para', '正文。'],
      ['para', '3 结果'],
      ['heading', '5', 2, '讨论'],
    ]);
    expect(rules).toEqual(['heading-sequence']);
  });

  it('a count is not a heading', () => {
    const { items, at } = body('1只小鼠被处死');
    expect(view(items, at)).toEqual([['para', '1只小鼠被处死']]);
  });

  it('a numbered line followed by text in its block is the paragraph’s first line', () => {
    const { items, at } = body('1 引言\n近年来研究很多。');
    expect(view(items, at)).toEqual([['para', '1 引言', '近年来研究很多。']]);
  });
});

describe('recognizeBody: paragraphs and figures', () => {
  const src = [
    '近年来，干旱对小麦产量的影响日益',
    '',
    '![](images/fig1.jpg)',
    '',
    '图1 试验区位置（作者绘制）',
    '',
    'Fig. 1 Location of the study area',
    '',
    '显著，如图1所示，本文研究了根系的变化。',
    '',
    '根系是小麦吸水的主要器官。',
  ].join('\n');
  const { items, at, rules } = body(src);

  it('a paragraph cut by a figure is joined, with a finding', () => {
    expect(view(items, at)).toEqual([
      ['para', '近年来，干旱对小麦产量的影响日益', '显著，如图1所示，本文研究了根系的变化。'],
      ['figure', 1, '试验区位置', 'Location of the study area'],
      ['para', '根系是小麦吸水的主要器官。'],
    ]);
    expect(rules).toEqual(['ingest-paragraph-joined']);
  });

  it('the figure keeps its image, credit and caption line', () => {
    const fig = items[1] as Extract<BodyItem, { kind: 'figure' }>;
    expect(fig.url).toBe('images/fig1.jpg');
    expect(fig.credit).toBe('作者绘制');
    expect(at(fig.line)).toBe('图1 试验区位置（作者绘制）');
    expect(fig.after).toBe(0);
  });

  it('an image without a caption is a figure of its own', () => {
    const r = body('正文。\n\n![](img/a.png)');
    expect(view(r.items, r.at)).toEqual([
      ['para', '正文。'],
      ['figure', 1, null, undefined],
    ]);
    expect((r.items[1] as { url?: string }).url).toBe('img/a.png');
  });

  it('a label misread with the next digit or an O follows the numbering', () => {
    const r = body('图3 产量\n\n图44种处理的产量\n\nFig.10a Map\n\nFig.1Ob Map');
    expect(view(r.items, r.at)).toEqual([
      ['figure', 3, '产量', undefined],
      ['figure', 4, '4种处理的产量', undefined],
      ['figure', 10, null, 'a Map'],
    ]);
    expect((r.items[2] as { parts?: Line[] }).parts?.map(r.at)).toEqual(['Fig.1Ob Map']);
  });

  it('`图1所示` at a line start is text', () => {
    const r = body('图1所示，产量随灌水增加。');
    expect(view(r.items, r.at)).toEqual([['para', '图1所示，产量随灌水增加。']]);
  });
});

describe('recognizeBody: tables', () => {
  it('a caption in both languages on one line, then tab-separated rows', () => {
    const { items, at } = body('表1 各处理的产量 Table 1 Yields of treatments\n\n处理\t产量\nCK\t5.2');
    expect(view(items, at)).toEqual([
      ['table', 1, '各处理的产量', 'Yields of treatments', [['处理', '产量'], ['CK', '5.2']]],
    ]);
  });

  it('the English caption glued to the Chinese one', () => {
    const { items, at } = body('表2 各处理的产量（kg）Table 2 Yields of treatments\n\n处理\t产量');
    expect(view(items, at)).toEqual([['table', 2, '各处理的产量（kg）', 'Yields of treatments', [['处理', '产量']]]]);
  });

  it('an HTML table continued after 续表 stays one table', () => {
    const src = '表1 产量\n\n<table><tr><td>处理</td><td>产量</td></tr><tr><td>CK</td><td>5.2</td></tr></table>\n\n续表1\n\n<table><tr><td>T1</td><td>6.0</td></tr></table>';
    const { items, at } = body(src);
    expect(view(items, at)).toEqual([['table', 1, '产量', undefined, [['处理', '产量'], ['CK', '5.2'], ['T1', '6.0']]]]);
  });

  it('a caption printed below its table', () => {
    const { items, at } = body('<table><tr><td>处理</td><td>产量</td></tr></table>\n\n表1 各处理的产量');
    expect(view(items, at)).toEqual([['table', 1, '各处理的产量', undefined, [['处理', '产量']]]]);
  });

  it('a caption the extraction put in the table’s first row, and its Chinese line displaced further down', () => {
    const src = [
      '<table><tr><td colspan="2">Table 2 Yields of treatments</td></tr><tr><td>处理</td><td>产量</td></tr><tr><td>CK</td><td>5.2</td></tr></table>',
      '注：CK为对照。产量按小区折算，单位为千克每公顷，三次重复的平均值。',
      '# 2 结果',
      '各处理的产量差异显著，见表2和表3。',
      '表2 各处理的产量',
      '表3 各处理的株高',
      'Table 3 Plant heights of treatments',
      '<table><tr><td>处理</td><td>株高</td></tr></table>',
      '<table><tr><td>CK</td><td>80</td></tr></table>',
    ].join('\n\n');
    const { items, at } = body(src);
    expect(view(items, at).filter((b) => b[0] === 'table')).toEqual([
      ['table', 2, '各处理的产量', 'Yields of treatments', [['处理', '产量'], ['CK', '5.2']]],
      // A header-only block then the body block: one table.
      ['table', 3, '各处理的株高', 'Plant heights of treatments', [['处理', '株高'], ['CK', '80']]],
    ]);
  });

  it('an HTML row or cell the extraction left unclosed keeps its text', () => {
    const { items, at } = body('表1 生活型\n\n<table><tr><td>生活型</td><td>特征</td></tr><tr><td>扇型<td>扁平</td></table>');
    expect(view(items, at)).toEqual([['table', 1, '生活型', undefined, [['生活型', '特征'], ['扇型', '扁平']]]]);
  });

  it('captions printed together above the first table; the second table’s English line and rows come after text', () => {
    const src = [
      '表1 各处理的产量',
      'Table 1 Yields of treatments',
      '表2 各处理的株高',
      '<table><tr><td>处理</td><td>产量</td></tr></table>',
      '由表1可知，各处理的产量差异显著，施肥处理的产量高于对照，且高出的幅度随施肥量的增加而增大，详见正文。',
      '株高的变化与产量相似，施肥处理的株高高于对照，差异同样显著，各处理之间的差别见表2中的数据。',
      '株高在生育后期趋于稳定，不同处理之间的差距逐渐缩小，到成熟期时已不再显著，说明施肥主要影响前期生长。',
      'Table 2 Plant heights of treatments',
      '<table><tr><td>处理</td><td>株高</td></tr></table>',
    ].join('\n\n');
    const { items, at } = body(src);
    expect(view(items, at).filter((b) => b[0] === 'table')).toEqual([
      ['table', 1, '各处理的产量', 'Yields of treatments', [['处理', '产量']]],
      ['table', 2, '各处理的株高', 'Plant heights of treatments', [['处理', '株高']]],
    ]);
  });
});

describe('endsMidSentence', () => {
  it.each([
    ['干旱对小麦产量的影响日益', true],
    ['研究表明[12]', true],
    ['the results of', true],
    ['显著（P<0.05）', true],
    ['结果如下。', false],
    ['如下：', false],
    ['研究表明。[12]', false],
    ['研究表明。$^{[3,4]}$', false],
    ['他说：“好。”', false],
    ['as shown in Fig. 1.', false],
    ['', false],
  ])('%s → %s', (text, yes) => {
    expect(endsMidSentence(text)).toBe(yes);
  });
});

describe('an image whose caption is lost', () => {
  it('with text before the next image it is a figure of its own; an image after a caption line is that figure’s', async () => {
    const { VFile } = await import('vfile');
    const { ingest } = await import('../src/ingest/index.js');
    const text = [
      '# 标题', '', '## 1 结果', '', '结果见图1、图2。', '',
      '![](images/a.jpg)', '', '图1 第一幅图', '',
      '![](images/b.jpg)', '', '注：每个重复为15个基因的平均数。', '',
      '图3 第三幅图', '', '![](images/c.jpg)', '', '注：同上。', '', '见图3。', '',
    ].join('\n');
    const file = new VFile({ path: 'x.md', value: text });
    const { tree } = ingest(text, file);
    const figures = tree.children.flatMap((c) => (c.type === 'figureFloat' ? [[c.label, c.url, c.caption.length > 0]] : []));
    expect(figures).toEqual([
      ['图1', 'images/a.jpg', true],
      ['图2', 'images/b.jpg', false],
      ['图3', 'images/c.jpg', true],
    ]);
  });
});
