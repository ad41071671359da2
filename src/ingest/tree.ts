/**
 * Body items → tree nodes: paragraphs, headings, and each float placed after
 * the paragraph that first refers to it (else after the paragraph it
 * interrupted), with its Chinese and English captions.
 */
import type { VFile } from 'vfile';
import type { Heading, Paragraph, PhrasingContent, Table, TableRow, Text } from 'mdast';
import { report } from '../findings/index.js';
import type { ArticleRoot, FigureFloat, TableFloat } from '../model/types.js';
import { uniqueFloatIds } from '../model/util.js';
import { isLatinLetter } from '../text/chars.js';
import type { BodyItem } from './body.js';
import { restoreLostFloats } from './lost-floats.js';
import type { Line, SourceText } from './source.js';
import { pushAll, maxOf } from '../text/arrays.js';

const STAGE = 'ingest';

type Float = { item: BodyItem & { kind: 'figure' | 'table' }; node: TableFloat | FigureFloat };

export function buildBody(body: BodyItem[], src: SourceText, file: VFile): ArticleRoot['children'] {
  const textNode = (l: Line): Text => ({ type: 'text', value: l.text, position: src.position(l.start, l.end) });
  const children: ArticleRoot['children'] = [];
  const paragraphs: Array<{ node: Paragraph; text: string }> = [];
  const floats: Float[] = [];
  let tableCount = 0;
  let figureCount = 0;
  for (const item of body) {
    if (item.kind === 'para') {
      const node = paragraphNode(item.segments, textNode, src);
      children.push(node);
      paragraphs.push({ node, text: item.segments.map((s) => s.text).join('') });
    } else if (item.kind === 'heading') {
      const node: Heading = { type: 'heading', depth: item.depth as Heading['depth'], children: [textNode(item.text)], position: src.position(item.line.start, item.line.end) };
      if (item.label) node.data = { label: item.label };
      children.push(node);
    } else if (item.kind === 'math') {
      children.push({ type: 'math', value: item.tex, position: src.position(item.line.start, item.line.end) });
    } else if (item.kind === 'figure') {
      figureCount++;
      floats.push({ item, node: figureNode(item, item.number || figureCount, textNode, src) });
    } else {
      tableCount++;
      const node = tableNode(item, item.number || tableCount, textNode, src, file);
      if (node) floats.push({ item, node });
    }
  }
  // A table whose caption was read but whose rows were not is reported as such (ingest-table-empty), not as lost.
  const captioned = new Set(body.flatMap((b) => (b.kind === 'table' && b.number > 0 ? [b.number] : [])));
  const ordered = restoreLostFloats(placeFloats(children, paragraphs, floats, body, file), file, captioned);
  for (const r of uniqueFloatIds({ children: ordered })) {
    report(file, `${(r.node as TableFloat).label} is numbered twice; the second is ${r.to}`, { ruleId: 'float-number-duplicate', severity: 'info', place: r.node, stage: STAGE });
  }
  return ordered;
}

function paragraphNode(segments: Line[], textNode: (l: Line) => Text, src: SourceText): Paragraph {
  const segs: PhrasingContent[] = [];
  segments.forEach((seg, k) => {
    if (k > 0) {
      const prev = segments[k - 1]!.text;
      if (isLatinLetter(prev[prev.length - 1]) && isLatinLetter(seg.text[0]) && !prev.endsWith('-')) segs.push({ type: 'text', value: ' ' });
    }
    segs.push(textNode(seg));
  });
  return { type: 'paragraph', children: segs, position: src.position(segments[0]!.start, segments[segments.length - 1]!.end) };
}

function figureNode(item: BodyItem & { kind: 'figure' }, n: number, textNode: (l: Line) => Text, src: SourceText): FigureFloat {
  const node: FigureFloat = {
    type: 'figureFloat',
    identifier: `F${n}`,
    label: `图${n}`,
    caption: captionOf(item.caption, item.parts?.filter((p) => /[\u4e00-\u9fff]/.test(p.text)), textNode),
    children: [],
    position: src.position(item.line.start, item.line.end),
  };
  const en = captionOf(item.captionEn ?? null, item.parts?.filter((p) => !/[\u4e00-\u9fff]/.test(p.text)), textNode);
  if (en.length) node.captionEn = en;
  if (item.credit) node.credit = item.credit;
  // Kept as written: the figures stage decides what may be read, and reports what it refuses.
  if (item.url) node.url = item.url;
  return node;
}

/** A caption's text, with the captions of the figure's parts (`图8b …`) after it. */
function captionOf(first: Line | null, parts: Line[] | undefined, textNode: (l: Line) => Text): PhrasingContent[] {
  const lines = [first, ...(parts ?? [])].filter((l): l is Line => !!l?.text);
  if (lines.length < 2) return lines.map(textNode);
  const head = textNode(lines[0]!);
  const tail = textNode(lines[lines.length - 1]!);
  return [{ type: 'text', value: lines.map((l) => l.text).join(' '), position: { start: head.position!.start, end: tail.position!.end } }];
}

function tableNode(item: BodyItem & { kind: 'table' }, n: number, textNode: (l: Line) => Text, src: SourceText, file: VFile): TableFloat | null {
  if (!item.rows.length) {
    // The extraction kept the caption and lost the rows: the table is kept with its caption and no rows
    // (a `续表` line without rows has nothing to keep but its label).
    const lines = [item.line.text, item.captionEn && !item.line.text.includes(item.captionEn.text) ? item.captionEn.text : ''].filter(Boolean).join(' / ');
    const kept = !!(item.caption?.text || item.captionEn?.text);
    const what = kept ? 'kept as a caption without a table' : 'its label is not kept';
    report(file, `Table ${item.number} has a caption but no rows (lost by the extraction); ${what}: \`${lines}\``, { ruleId: 'ingest-table-empty', severity: 'info', place: src.position(item.line.start, item.line.end), stage: STAGE });
    if (!kept) return null;
  }
  const width = maxOf(item.rows.map((r) => r.length), 0);
  const last = item.rows[item.rows.length - 1];
  const table: Table = {
    type: 'table',
    align: new Array(width).fill(null),
    children: item.rows.map(
      (r): TableRow => ({
        type: 'tableRow',
        children: Array.from({ length: width }, (_, c) => ({ type: 'tableCell' as const, children: r[c] && r[c]!.text ? [textNode(r[c]!)] : [] })),
        position: src.position(r[0]!.start, r[r.length - 1]!.end),
      }),
    ),
    position: last ? src.position(item.rows[0]![0]!.start, last[last.length - 1]!.end) : src.position(item.line.start, item.line.end),
  };
  const caption = item.caption ?? null;
  if (!caption && !item.captionEn) report(file, 'Table without a caption', { ruleId: 'ingest-table-caption-missing', severity: 'info', place: table.position ?? null, stage: STAGE });
  const node: TableFloat = {
    type: 'tableFloat',
    identifier: `T${n}`,
    label: `表${n}`,
    caption: caption?.text ? [textNode(caption)] : [],
    ...(item.captionEn?.text ? { captionEn: [textNode(item.captionEn)] } : {}),
    children: [table],
    position: caption && item.rows.length ? src.position(Math.min(item.line.start, item.rows[0]![0]!.start), Math.max(item.line.end, table.position!.end.offset!)) : table.position,
  };
  return node;
}

function placeFloats(children: ArticleRoot['children'], paragraphs: Array<{ node: Paragraph; text: string }>, floats: Float[], body: BodyItem[], file: VFile): ArticleRoot['children'] {
  const placed = new Map<Paragraph | null, Array<TableFloat | FigureFloat>>();
  const paragraphOf = (bodyIndex: number): Paragraph | null => {
    let k = -1;
    for (let b = 0; b <= bodyIndex; b++) if (body[b]!.kind === 'para') k++;
    return k >= 0 ? (paragraphs[k]?.node ?? null) : null;
  };
  for (const { item, node } of floats) {
    const num = node.label.slice(1);
    const ref = new RegExp(`(?:${item.kind === 'figure' ? '图|Fig\\.?\\s*|Figure\\s*' : '表|Table\\s*'})\\s*${num}(?![\\d.])`);
    const target = paragraphs.find((p) => ref.test(p.text))?.node ?? null;
    const origin = item.after >= 0 ? paragraphOf(item.after) : null;
    const where = target ?? origin;
    if (!target) {
      report(file, `${node.label} is not referred to in the text`, { ruleId: 'float-unreferenced', severity: 'info', place: node.position ?? null, stage: STAGE });
    } else if (target !== origin) {
      report(file, `${node.label} moved after the paragraph that first refers to it (line ${target.position?.start.line})`, {
        ruleId: 'ingest-float-moved',
        severity: 'info',
        place: node.position ?? null,
        stage: STAGE,
      });
    }
    const list = placed.get(where) ?? [];
    list.push(node);
    placed.set(where, list);
  }
  const ordered: ArticleRoot['children'] = [...(placed.get(null) ?? [])];
  for (const child of children) {
    ordered.push(child);
    if (child.type === 'paragraph') pushAll(ordered, (placed.get(child) ?? []));
  }
  return ordered;
}
