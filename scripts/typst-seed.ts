/**
 * The seed article typeset by Typst, for `npm run typo -- --typst`.
 *
 * Builds the seed's document model with the compiled stages (ingest,
 * normalize, references, enrich — the sequence tests/helpers/seed.ts uses),
 * writes a Typst source of the same content in the same page design as
 * zhpub's PDF (A4, two columns of 22 em at 10.5 pt with a 2 em gutter, line
 * pitch 1.5 em, 2 em first-line indent on every paragraph, headings in Noto
 * Sans SC Medium, references at 9 pt with a hanging indent, the front matter
 * across both columns), and compiles it with the npm Typst compiler
 * (`@myriaddreamin/typst-ts-node-compiler`) given only the two font files
 * zhpub embeds. Simplifications: tables keep their cells but not zhpub's
 * rules; the figure is a framed placeholder like zhpub's; the footnote
 * block of page 1 (received date, corresponding author) and running heads
 * are left out (the measurements ignore them).
 *
 *   node dist/scripts/typst-seed.js [--out dir] [source.txt]
 *
 * writes `article.typ` and `article.pdf` into `dir` (default
 * output/typst-seed) and prints the PDF's path.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VFile } from 'vfile';
import type { PhrasingContent, RootContent, Table } from 'mdast';
import { projectRoot } from './root.js';
import type { ArticleRoot, ReferenceEntry } from '../src/model/types.js';

const ROOT = projectRoot();
export const SEED = path.join(ROOT, 'source/000_551b843f840d1098.txt');
export const FONT_FILES = [
  'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  'node_modules/@expo-google-fonts/noto-sans-sc/500Medium/NotoSansSC_500Medium.ttf',
];

/** The compiled stages, imported from dist (so that this script runs the built pipeline). */
async function buildModel(text: string, name: string): Promise<ArticleRoot> {
  const load = (p: string) => import(pathToFileURL(path.join(ROOT, 'dist/src', p)).href);
  const [{ ingest }, { normalize }, { referencesStage }, { enrich }] = await Promise.all([
    load('ingest/index.js'),
    load('normalize/index.js'),
    load('references/index.js'),
    load('enrich/index.js'),
  ]);
  const file = new VFile({ path: name, value: text });
  const { tree } = ingest(text, file);
  normalize(tree, file);
  referencesStage(tree, file);
  enrich(tree, file);
  return tree as ArticleRoot;
}

/** Typst markup for literal text: every markup-significant character escaped. */
export function esc(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\#*_`$<>@[\]~/=\-+'"]/g, (c) => `\\${c}`);
}

/** Citation numbers as printed: runs of consecutive numbers as `a-b`. */
export function citationLabel(numbers: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j > i ? `${numbers[i]}-${numbers[j]}` : String(numbers[i]));
    i = j + 1;
  }
  return `[${parts.join(',')}]`;
}

function inline(nodes: readonly PhrasingContent[] | undefined): string {
  let out = '';
  for (const n of nodes ?? []) {
    switch (n.type) {
      case 'text':
        out += esc(n.value);
        break;
      case 'emphasis':
        out += `#emph[${inline(n.children)}]`;
        break;
      case 'strong':
        out += `#strong[${inline(n.children)}]`;
        break;
      case 'citation':
        // Glued to the word before with U+2060 WORD JOINER, as zhpub does.
        out += `\u2060#super[${esc(citationLabel(n.numbers))}]`;
        break;
      case 'superscript':
        out += `#super[${inline(n.children)}]`;
        break;
      case 'subscript':
        out += `#sub[${inline(n.children)}]`;
        break;
      case 'inlineCode':
      case 'inlineMath':
        out += esc(n.value);
        break;
      case 'link':
        out += inline(n.children);
        break;
      case 'break':
        out += ' ';
        break;
      default:
        if ('children' in n && Array.isArray(n.children)) out += inline(n.children as PhrasingContent[]);
        else if ('value' in n && typeof n.value === 'string') out += esc(n.value);
    }
  }
  return out;
}

function table(t: Table): string {
  const cols = Math.max(...t.children.map((r) => r.children.length));
  const cells = t.children.flatMap((row, ri) =>
    Array.from({ length: cols }, (_, ci) => {
      const body = inline(row.children[ci]?.children ?? []);
      return ri === 0 ? `[#text(font: "Noto Sans SC", weight: 500)[${body}]]` : `[${body}]`;
    }),
  );
  return `table(columns: ${cols}, stroke: none, inset: (x: 4pt, y: 3pt), align: left,\n    table.hline(stroke: 0.75pt), ${cells.slice(0, cols).join(', ')},\n    table.hline(stroke: 0.5pt),\n    ${cells.slice(cols).join(', ')},\n    table.hline(stroke: 0.75pt))`;
}

function reference(e: ReferenceEntry): string {
  const formatted = e.data?.formatted?.trim();
  const body = formatted ? esc(formatted) : inline(e.children);
  return `#par[${esc(`[${e.number}]`)} ${body}]`;
}

function block(n: RootContent): string {
  switch (n.type) {
    case 'heading': {
      const label = n.data?.label ? `${esc(n.data.label)} ` : '';
      return `${'='.repeat(Math.min(n.depth - 1, 3) || 1)} ${label}${inline(n.children)}`;
    }
    case 'paragraph':
      return inline(n.children);
    case 'tableFloat':
      return `#figure(placement: top, scope: "parent", kind: table, caption: [${esc(n.label)} ${inline(n.caption)}],\n  ${table(n.children[0])})`;
    case 'figureFloat': {
      const credit = n.credit ? `\\ #text(size: 8pt)[（${esc(n.credit)}）]` : '';
      return `#figure(placement: auto, kind: image, caption: [${esc(n.label)} ${inline(n.caption)}${credit}],\n  rect(width: 100%, height: 6em, stroke: 0.5pt)[#align(center + horizon)[#text(size: 9pt)[（图像未提供）]]])`;
    }
    case 'referenceList':
      return `#heading(level: 1, numbering: none)[参考文献]\n#[\n#set text(size: 9pt)\n#set par(justify: false, first-line-indent: 0pt, hanging-indent: 2.2em, leading: 0.4em, spacing: 0.4em)\n${n.children.map(reference).join('\n\n')}\n]`;
    case 'math':
      return `#align(center)[${esc(n.value)}]`;
    case 'list':
      return n.children.map((item) => `- ${item.children.map((c) => (c.type === 'paragraph' ? inline(c.children) : '')).join(' ')}`).join('\n');
    case 'blockquote':
      return n.children.map(block).join('\n\n');
    case 'thematicBreak':
      return '';
    default:
      return '';
  }
}

/** The Typst source of an article model. */
export function typstSource(tree: ArticleRoot): string {
  const m = tree.data.meta;
  const out: string[] = [];
  out.push(`// Generated by scripts/typst-seed.ts from the zhpub document model.
#set page(width: 595.28pt, height: 841.89pt, margin: (x: 56.14pt, top: 70pt, bottom: 62pt), columns: 2)
#set columns(gutter: 2em)
#set text(font: "Noto Serif SC", size: 10.5pt, lang: "zh", region: "cn", cjk-latin-spacing: auto, top-edge: 0.88em, bottom-edge: -0.12em)
#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 0.5em, spacing: 0.5em)
#set super(typographic: false)
#show heading: set text(font: "Noto Sans SC", weight: 500, size: 11pt)
#show heading: set block(above: 1em, below: 0.6em)
#show figure.caption: set text(font: "Noto Sans SC", weight: 500, size: 9pt)
#show figure.where(kind: table): set figure.caption(position: top)
#show figure: set text(size: 9pt)
#set figure(gap: 0.6em)
#set figure.caption(separator: none)
`);
  const authors = m.authors.map((a) => `${esc(a.name?.zh ?? '')}#super[${(a.affiliations ?? []).map((id) => m.affiliations.find((f) => f.id === id)?.label ?? '').join(',')}]`);
  const authorsEn = m.authors.map((a) => esc(a.name?.en ?? '')).filter(Boolean);
  const affs = m.affiliations.map((f) => `${esc(f.label ?? '')}.${esc(f.zh?.text ?? '')}`).join('；');
  const affsEn = m.affiliations.map((f) => (f.en?.text ? `${esc(f.label ?? '')}. ${esc(f.en.text)}` : '')).filter(Boolean).join('; ');
  const front: string[] = [];
  front.push(`#align(center)[#text(font: "Noto Sans SC", weight: 500, size: 18pt)[${esc(m.title.zh ?? '')}]]`);
  front.push(`#align(center)[#text(size: 12pt)[${authors.join('，')}]]`);
  if (affs) front.push(`#align(center)[#text(size: 9pt)[（${affs}）]]`);
  const abs = m.abstract?.zh;
  const kw = m.keywords.zh?.length ? m.keywords.zh.map(esc).join('；') : '';
  front.push(
    `#pad(x: 18pt)[#set text(size: 9pt)\n#set par(first-line-indent: 0pt, leading: 0.5em)\n${abs ? `#text(font: "Noto Sans SC", weight: 500)[摘要] ${esc(abs)}\n\n` : ''}${kw ? `#text(font: "Noto Sans SC", weight: 500)[关键词] ${kw}` : ''}]`,
  );
  if (m.title.en) front.push(`#align(center)[#text(font: "Noto Sans SC", weight: 500, size: 12pt)[${esc(m.title.en)}]]`);
  if (authorsEn.length) front.push(`#align(center)[#text(size: 10pt)[${authorsEn.join(', ')}]]`);
  if (affsEn) front.push(`#align(center)[#text(size: 8.5pt)[(${affsEn})]]`);
  const absEn = m.abstract?.en;
  const kwEn = m.keywords.en?.length ? m.keywords.en.map(esc).join('; ') : '';
  if (absEn || kwEn)
    front.push(
      `#pad(x: 18pt)[#set text(size: 9pt)\n#set par(first-line-indent: 0pt, leading: 0.5em)\n${absEn ? `#text(font: "Noto Sans SC", weight: 500)[Abstract:] ${esc(absEn)}\n\n` : ''}${kwEn ? `#text(font: "Noto Sans SC", weight: 500)[Keywords:] ${kwEn}` : ''}]`,
    );
  out.push(`#place(top, scope: "parent", float: true, clearance: 2em)[\n#set par(justify: true, first-line-indent: 0pt)\n${front.join('\n#v(0.6em)\n')}\n]\n`);
  for (const n of tree.children) {
    const s = block(n);
    if (s) out.push(s, '');
  }
  return out.join('\n');
}

export interface TypstBuild {
  typ: string;
  pdf: string;
  pages: number;
}

/** Writes `article.typ` and compiles `article.pdf` into `outDir`. */
export async function buildTypstSeed(outDir = path.join(ROOT, 'output/typst-seed'), source = SEED): Promise<TypstBuild> {
  const tree = await buildModel(readFileSync(source, 'utf8'), path.basename(source));
  mkdirSync(outDir, { recursive: true });
  const typ = path.join(outDir, 'article.typ');
  writeFileSync(typ, typstSource(tree));
  const fontDir = mkdtempSync(path.join(tmpdir(), 'zhpub-typst-fonts-'));
  try {
    for (const f of FONT_FILES) symlinkSync(path.join(ROOT, f), path.join(fontDir, path.basename(f)));
    const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
    const compiler = NodeCompiler.create({ workspace: outDir, fontArgs: [{ fontPaths: [fontDir] }] });
    const result = compiler.compile({ mainFilePath: typ });
    const doc = result.result;
    if (!doc || result.hasError()) {
      result.printDiagnostics();
      throw new Error(`typst could not compile ${typ}`);
    }
    const pdf = path.join(outDir, 'article.pdf');
    writeFileSync(pdf, compiler.pdf(doc, {}));
    return { typ, pdf, pages: doc.numOfPages };
  } finally {
    rmSync(fontDir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const args = process.argv.slice(2);
  const o = args.indexOf('--out');
  const outDir = o >= 0 ? path.resolve(args.splice(o, 2)[1]!) : undefined;
  const built = await buildTypstSeed(outDir, args[0] ? path.resolve(args[0]) : SEED);
  console.log(`${path.relative(process.cwd(), built.pdf)} (${built.pages} pages)`);
}
