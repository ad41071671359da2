/**
 * Markdown in: reads the Markdown this tool writes (and hand-edited versions
 * of it) back into the document tree. Front matter (the pandoc/MyST layout
 * of `frontmatter.ts`, or the earlier `title: {zh, en}` one) is validated by
 * zod; problems become findings naming the field.
 */
import { unified, type Processor } from 'unified';
import { math } from 'micromark-extension-math';
import { mathFromMarkdown } from 'mdast-util-math';
import remarkParse from 'remark-parse';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import { parse as yamlParse } from 'yaml';
import type { VFile } from 'vfile';
import type { Heading, Image, List, Paragraph, PhrasingContent, Root, RootContent, Table, Text, Html } from 'mdast';
import { report } from '../findings/index.js';
import { emptyMeta, type ArticleMeta } from '../model/meta.js';
import type { ArticleRoot, Citation, FigureFloat, GlossaryEntry, ReferenceEntry, Superscript, Subscript, TableFloat } from '../model/types.js';
import { mergeAdjacentText, uniqueFloatIds } from '../model/util.js';
import { GLOSSARY_HEADING, LABEL_LIKE, MATH_SEPARATOR, REFERENCES_HEADING } from './stringify.js';
import { readFrontMatter } from './frontmatter.js';
import { capNesting, escapeMarkRuns, flattenDeep, MAX_DEPTH, MAX_TREE_DEPTH } from './nesting.js';
import { pushAll } from '../text/arrays.js';

const STAGE = 'markdown-in';
const parser = unified().use(remarkParse).use(remarkGfmSyntax).use(remarkFrontmatter, ['yaml']).use(remarkMathSyntax);

/**
 * GitHub's syntax (tables, footnotes, strikethrough, task lists) without its
 * autolink literals: a bare address or e-mail is text in the model anyway,
 * and finding them costs a third of the parse.
 */
function remarkGfmSyntax(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

/** `$…$` and `$$ … $$` formulas (micromark-extension-math, as remark-math reads them). */
function remarkMathSyntax(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(math());
  (data.fromMarkdownExtensions ??= []).push(mathFromMarkdown());
}

export function fromMarkdown(input: string, file: VFile): ArticleRoot {
  const nested = capNesting(input);
  const runs = escapeMarkRuns(nested.text);
  const markdown = runs.text;
  const deep = (what: string, lines: number[]) =>
    report(file, `${what} on ${lines.length} line${lines.length > 1 ? 's' : ''} (first: line ${lines[0]}); the text is kept`, {
      ruleId: 'md-nesting-deep',
      severity: 'warning',
      place: { line: lines[0]!, column: 1 },
      stage: 'read',
    });
  if (nested.lines.length) deep(`Nesting deeper than ${MAX_DEPTH} levels cut back`, nested.lines);
  if (runs.lines.length) deep('Runs of more than three `*` or `_` read as literal characters', runs.lines);
  currentSource = markdown;
  const mdast = parser.parse(markdown) as Root;
  const flattened = flattenDeep(mdast as never);
  if (flattened) {
    report(file, `Inline nesting deeper than ${MAX_TREE_DEPTH} levels: ${flattened} part${flattened > 1 ? 's' : ''} kept as plain text`, { ruleId: 'md-nesting-deep', severity: 'warning', place: null, stage: 'read' });
  }
  let meta: ArticleMeta = emptyMeta();
  let glossary: GlossaryEntry[] | undefined;
  const children: ArticleRoot['children'] = [];
  const nodes = mdast.children;
  let sawFrontMatter = false;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.type === 'yaml') {
      sawFrontMatter = true;
      let data: unknown;
      try {
        data = yamlParse(node.value);
      } catch (error) {
        report(file, `Front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`, { ruleId: 'meta-invalid', severity: 'error', place: node, stage: STAGE });
        continue;
      }
      const read = readFrontMatter(data);
      if (read.glossary) glossary = read.glossary;
      if (read.meta) meta = read.meta;
      for (const p of read.problems) report(file, `Invalid front matter: ${p}`, { ruleId: 'meta-invalid', severity: 'error', place: node, stage: STAGE });
      for (const key of read.ignored) {
        report(file, `Front matter key \`${key}\` tells pandoc or MyST how to render; it is not kept in the article's metadata`, { ruleId: 'meta-key-ignored', severity: 'info', place: node, stage: STAGE });
      }
      continue;
    }
    if (node.type === 'heading') {
      const text = headingText(node);
      if (text === REFERENCES_HEADING || /^references$/i.test(text)) {
        const entries: ReferenceEntry[] = [];
        const first = nodes[i + 1];
        while (nodes[i + 1]?.type === 'list') pushAll(entries, readReferences(nodes[++i] as List, file));
        if (entries.length) {
          children.push({ type: 'referenceList', children: entries, position: first?.position && { start: first.position.start, end: nodes[i]!.position!.end } });
        } else report(file, 'Reference heading without a list', { ruleId: 'md-references-missing', place: node, stage: STAGE });
        continue;
      }
      if (text === GLOSSARY_HEADING) continue;
      children.push(readHeading(node, markdown));
      continue;
    }
    if (node.type === 'paragraph') {
      const first = node.children[0];
      const next = nodes[i + 1];
      if (first?.type === 'text' && /^Table:\s*/.test(first.value) && next?.type === 'table') {
        children.push(readTable(node, next, file));
        i++;
        continue;
      }
      if (first?.type === 'text' && /^Table:\s*表\s*\d+/.test(first.value)) {
        // A numbered table caption with no table after it: a table whose rows were lost.
        children.push(readTable(node, { type: 'table', align: [], children: [], position: node.position }, file));
        continue;
      }
      if (node.children.length === 1 && first?.type === 'image' && /^图\s*\d+/.test(first.alt ?? '')) {
        children.push(readFigure(node, first));
        continue;
      }
      children.push({ ...node, children: inline(node.children) });
      continue;
    }
    if (node.type === 'table') {
      children.push(readTable(null, node, file));
      continue;
    }
    if (node.type === 'definition') continue;
    if (node.type === 'math') {
      // The TeX only: the parser's HTML hints (`data.hName`) are not the model's.
      children.push({ type: 'math', value: node.value, position: node.position });
      continue;
    }
    children.push(node as RootContent);
  }
  if (!sawFrontMatter) report(file, 'No YAML front matter: metadata is empty', { ruleId: 'meta-missing', place: null, stage: STAGE });
  uniqueFloatIds({ children });
  const tree: ArticleRoot = { type: 'root', children, data: { meta }, position: mdast.position };
  if (glossary) tree.data.glossary = glossary;
  mergeAdjacentText(tree);
  return tree;
}

function headingText(node: Heading): string {
  return node.children.map((c) => ('value' in c ? c.value : '')).join('').trim();
}

function readHeading(node: Heading, markdown: string): Heading {
  const kids = inline(node.children);
  const first = kids[0];
  const out: Heading = { type: 'heading', depth: node.depth, children: kids, position: node.position };
  const escaped = first?.position?.start.offset !== undefined && markdown.startsWith('&#', first.position.start.offset);
  if (first?.type === 'text' && !escaped) {
    const m = LABEL_LIKE.exec(first.value);
    if (m) {
      out.data = { label: m[1] };
      const rest = first.value.slice(m[0].length);
      out.children = rest ? [{ ...first, value: rest }, ...kids.slice(1)] : kids.slice(1);
    }
  }
  return out;
}

/** A figure from its image: the description is label and caption, then the English caption line after a line ending. */
function readFigure(node: Paragraph, image: Image): FigureFloat {
  const [alt, en] = splitOnce(image.alt ?? '', '\n');
  const m = /^(图\s*(\d+))\s*(.*)$/.exec(alt)!;
  const fig: FigureFloat = {
    type: 'figureFloat',
    identifier: `F${m[2]}`,
    label: m[1]!.replace(/\s+/g, ''),
    caption: m[3] ? [{ type: 'text', value: m[3] }] : [],
    children: [],
    position: node.position,
  };
  if (en) fig.captionEn = [{ type: 'text', value: en }];
  if (image.title) fig.credit = image.title;
  if (image.url) fig.url = image.url;
  return fig;
}

function splitOnce(value: string, separator: string): [string, string | undefined] {
  const at = value.indexOf(separator);
  return at === -1 ? [value, undefined] : [value.slice(0, at), value.slice(at + separator.length)];
}

/** A table caption's phrasing split at its first hard break: the caption, then the English caption line. */
function splitCaption(kids: PhrasingContent[]): Pick<TableFloat, 'caption' | 'captionEn'> {
  const at = kids.findIndex((k) => k.type === 'break');
  if (at === -1) return { caption: kids };
  const captionEn = kids.slice(at + 1);
  return captionEn.length ? { caption: kids.slice(0, at), captionEn } : { caption: kids.slice(0, at) };
}

function readTable(caption: Paragraph | null, table: Table, file: VFile): TableFloat {
  let label = '';
  let n = 0;
  let captionKids: PhrasingContent[] = [];
  if (caption) {
    const kids = inline(caption.children);
    const first = kids[0] as Text;
    const m = /^Table:\s*(表\s*(\d+))?\s*/.exec(first.value)!;
    if (m[1]) {
      label = m[1].replace(/\s+/g, '');
      n = Number(m[2]);
    }
    const rest = first.value.slice(m[0].length);
    captionKids = rest ? [{ ...first, value: rest }, ...kids.slice(1)] : kids.slice(1);
  }
  if (!n) {
    n = 1;
    label = '表1';
    report(file, 'Table without a numbered caption', { ruleId: 'ingest-table-caption-missing', place: table, stage: STAGE });
  }
  const t: Table = {
    ...table,
    children: table.children.map((row) => ({ ...row, children: row.children.map((cell) => ({ ...cell, children: inline(cell.children) as typeof cell.children })) })),
  };
  return {
    type: 'tableFloat',
    identifier: `T${n}`,
    label,
    ...splitCaption(captionKids),
    children: [t],
    position: caption?.position ? { start: caption.position.start, end: table.position!.end } : table.position,
  };
}

function readReferences(list: List, file: VFile): ReferenceEntry[] {
  const start = list.start ?? 1;
  return list.children.map((item, k) => {
    const para = item.children[0];
    const kids = para && para.type === 'paragraph' ? inline(para.children) : [];
    if (!para || para.type !== 'paragraph' || item.children.length > 1) {
      report(file, `Reference ${start + k} is not a single paragraph`, { ruleId: 'md-reference-shape', place: item, stage: STAGE });
    }
    return { type: 'referenceEntry', number: start + k, identifier: `ref-${start + k}`, children: kids, position: item.position } satisfies ReferenceEntry;
  });
}

const CITE = /\[@ref-(\d+)((?:\s*;\s*@ref-\d+)*)\]/g;
const RAW_CITE = /(\\?)\[@ref-\d+(?:\s*;\s*@ref-\d+)*\\?\]/g;
let currentSource = '';

/** For each citation-like match in a text node, was its `[` escaped in the Markdown source? */
function escapedCitations(node: Text, src: string): boolean[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  const raw = src.slice(start, end);
  const out: boolean[] = [];
  let m: RegExpExecArray | null;
  RAW_CITE.lastIndex = 0;
  while ((m = RAW_CITE.exec(raw))) out.push(m[1] === '\\');
  const count = [...node.value.matchAll(CITE)].length;
  return out.length === count ? out : [];
}

/** Citations out of text; `<sup>`/`<sub>` pairs into nodes. */
function inline(children: PhrasingContent[], src: string = currentSource): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.type === 'html' && /^<su[pb]>$/.test(child.value)) {
      const tag = child.value.slice(1, 4);
      const close = children.findIndex((c, j) => j > i && c.type === 'html' && (c as Html).value === `</${tag}>`);
      if (close > i) {
        const inner = inline(children.slice(i + 1, close));
        out.push(tag === 'sup' ? ({ type: 'superscript', children: inner } satisfies Superscript) : ({ type: 'subscript', children: inner } satisfies Subscript));
        i = close;
        continue;
      }
    }
    if (child.type === 'text') {
      let last = 0;
      const escaped = escapedCitations(child, src);
      let k = -1;
      CITE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = CITE.exec(child.value))) {
        k++;
        if (escaped[k]) continue; // `\[@ref-1]` in the Markdown is text, not a citation
        if (m.index > last) out.push({ type: 'text', value: child.value.slice(last, m.index) });
        const numbers = [Number(m[1]), ...[...m[2]!.matchAll(/@ref-(\d+)/g)].map((x) => Number(x[1]))];
        out.push({ type: 'citation', numbers, children: [] } satisfies Citation);
        last = m.index + m[0].length;
      }
      if (last === 0) out.push(child);
      else if (last < child.value.length) out.push({ type: 'text', value: child.value.slice(last) });
      continue;
    }
    if (child.type === 'html' && child.value === MATH_SEPARATOR && children[i - 1]?.type === 'inlineMath' && children[i + 1]?.type === 'inlineMath') continue;
    if (child.type === 'inlineMath') {
      out.push({ type: 'inlineMath', value: child.value, position: child.position });
      continue;
    }
    if (child.type === 'link') {
      // Autolinks (`<https://…>`, `<a@b.org>`) are text in the model, as bare addresses are.
      const text = child.children.map((c) => ('value' in c ? c.value : '')).join('');
      if (child.url === text || child.url === `mailto:${text}` || child.url === `http://${text}`) {
        out.push({ type: 'text', value: text });
        continue;
      }
    }
    if ('children' in child && Array.isArray(child.children)) {
      out.push({ ...child, children: inline(child.children as PhrasingContent[]) } as PhrasingContent);
      continue;
    }
    out.push(child);
  }
  return out;
}
