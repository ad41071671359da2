/**
 * Markdown out: a compiler from the document tree to Markdown with YAML front
 * matter (metadata in both languages, laid out for pandoc and MyST: see
 * `frontmatter.ts`), GFM tables with a pandoc-style
 * `Table:` caption, figures as captioned images, citations in pandoc syntax
 * (`[@ref-4; @ref-5]`, readable by pandoc and MyST with references.json) and
 * the numbered reference list.
 */
import { unified } from 'unified';
import remarkStringify from 'remark-stringify';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { frontmatterToMarkdown } from 'mdast-util-frontmatter';
import { mathToMarkdown } from 'mdast-util-math';
import { withLabel } from '../math/tex.js';
import { stringify as yamlStringify } from 'yaml';
import type { Root, RootContent, PhrasingContent, Paragraph, Heading } from 'mdast';
import type { Options as StringifyOptions, State, Info, Handle } from 'mdast-util-to-markdown';
import type { ArticleRoot, Citation, FigureFloat, ReferenceEntry, Superscript, Subscript, TableFloat } from '../model/types.js';
import { metaSchema } from '../model/meta.js';
import { toFrontMatter } from './frontmatter.js';
import { plainText } from '../model/util.js';
import { unescapeAsterisks } from './literal-marks.js';

export const REFERENCES_HEADING = '参考文献';
export const GLOSSARY_HEADING = '缩略语';
/** A section number at the start of a heading (`1 `, `2.1 `). */
export const LABEL_LIKE = /^(\d{1,2}(?:\.\d{1,2}){0,3})\s+/;

/**
 * Front matter object: the metadata as pandoc and MyST read it, then the
 * glossary. With a printed reference list, `suppress-bibliography` keeps
 * `pandoc --citeproc` from adding a second one.
 */
export function frontMatter(tree: ArticleRoot): Record<string, unknown> {
  const meta = metaSchema.parse(tree.data.meta);
  return toFrontMatter(meta, tree.data.glossary, { suppressBibliography: tree.children.some((c) => c.type === 'referenceList') });
}

/*
 * A float's English caption line (`captionEn`) is the second line of its
 * caption, as printed:
 * - table: after a hard line break in the `Table:` paragraph, which pandoc
 *   reads as a two-line caption:
 *       Table: 表1 MSCs-EVs的具体功能\
 *       Table 1 Functions of MSCs-EVs
 * - figure: after a line ending in the image description (an image
 *   description is plain text in mdast, so a hard break would not survive);
 *   pandoc makes the description the figure caption:
 *       ![图1 MSCs的具体功能
 *       Fig. 1 Functions of MSCs](<> "本图由Figdraw绘制")
 * The reader (`parse.ts`) splits the caption at the first hard break, the
 * description at the first line ending.
 */

/** The `Table:` caption paragraph: label, caption, then the English line after a hard break. */
function tableCaption(node: TableFloat): Paragraph {
  const children: PhrasingContent[] = [{ type: 'text', value: `Table: ${node.label}${node.caption.length ? ' ' : ''}` }, ...node.caption];
  if (node.captionEn?.length) children.push({ type: 'break' }, ...node.captionEn);
  return { type: 'paragraph', children };
}

/** A figure's image description: label and caption, then the English line after a line ending. */
function figureAlt(node: FigureFloat): string {
  const caption = plainText(node.caption);
  const en = node.captionEn?.length ? `\n${plainText(node.captionEn)}` : '';
  return `${node.label}${caption ? ' ' : ''}${caption}${en}`;
}

/** The tree as plain mdast (our node types lowered to Markdown constructs). */
export function toMdast(tree: ArticleRoot): Root {
  const children: RootContent[] = [];
  children.push({ type: 'yaml', value: yamlStringify(frontMatter(tree), { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' }).trimEnd() });
  for (const node of tree.children) {
    switch (node.type) {
      case 'heading': {
        const label = node.data?.label;
        let kids = node.children;
        const first = kids[0];
        if (!label && first?.type === 'text' && LABEL_LIKE.test(first.value)) {
          // An unnumbered heading that starts like a section number: write its first digit
          // as a character reference so that it is not read back as a label.
          kids = [{ type: 'html', value: `&#${first.value.charCodeAt(0)};` }, { ...first, value: first.value.slice(1) }, ...kids.slice(1)];
        }
        const h: Heading = { type: 'heading', depth: node.depth, children: label ? [{ type: 'text', value: `${label} ` }, ...kids] : kids };
        children.push(h);
        break;
      }
      case 'tableFloat':
        // A table whose rows the extraction lost is its caption alone.
        children.push(tableCaption(node), ...(node.children[0].children.length ? [node.children[0]] : []));
        break;
      case 'figureFloat':
        children.push({ type: 'paragraph', children: [{ type: 'image', url: node.url ?? '', alt: figureAlt(node), title: node.credit ?? null }] });
        break;
      case 'math':
        // `$$ … $$` (pandoc, MyST); the number as `\tag{1}`, which both show at the right.
        children.push({ type: 'math', value: withLabel(node.value, node.data?.label) });
        break;
      case 'referenceList': {
        children.push({ type: 'heading', depth: 2, children: [{ type: 'text', value: REFERENCES_HEADING }] });
        // One ordered list per run of consecutive numbers, so gaps and repeats survive.
        let run: ReferenceEntry[] = [];
        const flush = () => {
          if (!run.length) return;
          children.push({
            type: 'list',
            ordered: true,
            start: run[0]!.number,
            spread: false,
            children: run.map((entry) => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: entry.children }] })),
          });
          run = [];
        };
        for (const entry of node.children) {
          if (run.length && entry.number !== run[run.length - 1]!.number + 1) flush();
          run.push(entry);
        }
        flush();
        break;
      }
      default:
        children.push(node as RootContent);
    }
  }
  return { type: 'root', children };
}

const handlers: StringifyOptions['handlers'] = {
  citation(node: Citation) {
    return `[${node.numbers.map((n) => `@ref-${n}`).join('; ')}]`;
  },
  superscript(node: Superscript, _parent: unknown, state: State, info: Info) {
    return `<sup>${state.containerPhrasing(node as never, info)}</sup>`;
  },
  subscript(node: Subscript, _parent: unknown, state: State, info: Info) {
    return `<sub>${state.containerPhrasing(node as never, info)}</sub>`;
  },
} as unknown as StringifyOptions['handlers'];
// Without `peek`, mdast-util-to-markdown serializes a node once more to learn its first
// character, at every level: nested <sup> would cost 2^depth.
const peekTag = () => '<';
(handlers as Record<string, { peek?: () => string }>).superscript!.peek = peekTag;
(handlers as Record<string, { peek?: () => string }>).subscript!.peek = peekTag;

export const stringifyOptions: StringifyOptions = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  fence: '`',
  rule: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
  handlers,
};

/** Only the serializers (GFM, YAML front matter, `$` math): the parsers' syntax extensions stay unloaded. */
export function markdownProcessor() {
  return unified()
    .use(remarkStringify, stringifyOptions)
    .data('toMarkdownExtensions', [gfmToMarkdown(), frontmatterToMarkdown(['yaml']), separatedMath()]);
}

/** Between two formulas side by side an empty comment (`$a$<!-- -->$b$`): `$a$$b$` would read as one. */
export const MATH_SEPARATOR = '<!-- -->';

function separatedMath() {
  const ext = mathToMarkdown();
  const inlineMath = ext.handlers!.inlineMath as unknown as Handle;
  const handle: Handle = (node, parent, state, info) => {
    const out = inlineMath(node, parent, state, info);
    const kids = (parent as { children?: unknown[] } | undefined)?.children;
    const next = kids?.[kids.indexOf(node) + 1] as { type?: string } | undefined;
    return next?.type === 'inlineMath' ? out + MATH_SEPARATOR : out;
  };
  (handle as { peek?: unknown }).peek = (inlineMath as { peek?: unknown }).peek;
  return { ...ext, handlers: { ...ext.handlers, inlineMath: handle } };
}

const processor = markdownProcessor();

export function toMarkdown(tree: ArticleRoot): string {
  return unescapeAsterisks(processor.stringify(toMdast(tree)));
}

export type { PhrasingContent };
