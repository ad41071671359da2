/**
 * Floats the text cites but the extraction lost. A figure cited as `如图6所示`
 * whose number is missing from the run of figures (a gap, or the cited
 * numbers just past the last figure) was in the article: it gets an empty
 * figure (label only) after the first paragraph that cites it, and a
 * warning. A lost table gets the warning alone (a table without rows is not
 * a table). Where a float of the kind has no caption, the cited one may be
 * that float: the finding is `info` and nothing is inserted.
 */
import type { VFile } from 'vfile';
import type { Paragraph } from 'mdast';
import { report } from '../findings/index.js';
import type { ArticleRoot, FigureFloat } from '../model/types.js';
import { plainText } from '../model/util.js';
import { maxOf } from '../text/arrays.js';

const STAGE = 'ingest';
const MAX_NUMBER = 99;

const CITE = {
  figure: /(?<![附续])(?:图|Fig(?:ure)?\.?)\s*(\d{1,2})(?![\d.．\-－–—])/g,
  table: /(?<![附续])(?:表|Table\.?)\s*(\d{1,2})(?![\d.．\-－–—])/g,
};

type Kind = keyof typeof CITE;

/** Numbers of `kind` cited in `text`. */
export function citedNumbers(text: string, kind: Kind): number[] {
  return [...text.matchAll(CITE[kind])].map((m) => Number(m[1])).filter((n) => n >= 1 && n <= MAX_NUMBER);
}

/**
 * Cited numbers absent from `present`: those inside the run (below its
 * largest number) and those just past it, as long as each next one is cited.
 * Nothing when no float of the kind is present at all.
 */
export function lostNumbers(present: ReadonlySet<number>, cited: ReadonlySet<number>): number[] {
  if (!present.size) return [];
  let top = maxOf(present);
  while (cited.has(top + 1)) top++;
  const lost: number[] = [];
  for (let n = 1; n <= top; n++) if (!present.has(n) && cited.has(n)) lost.push(n);
  return lost;
}

/**
 * Insert label-only figures for lost ones; report lost figures and tables.
 * `captionedTables`: numbers of tables whose caption was read, rows or not.
 */
export function restoreLostFloats(children: ArticleRoot['children'], file: VFile, captionedTables: ReadonlySet<number> = new Set()): ArticleRoot['children'] {
  const paragraphs = children.filter((c): c is Paragraph => c.type === 'paragraph').map((node) => ({ node, text: plainText(node.children) }));
  const firstCiting = (kind: Kind, n: number) => paragraphs.find((p) => citedNumbers(p.text, kind).includes(n))?.node;
  const insertAfter = new Map<Paragraph, FigureFloat[]>();
  for (const kind of ['figure', 'table'] as const) {
    const type = kind === 'figure' ? 'figureFloat' : 'tableFloat';
    const prefix = kind === 'figure' ? '图' : '表';
    const present = new Set(children.flatMap((c) => (c.type === type ? [Number(c.label.slice(1))] : [])).filter(Number.isFinite));
    if (kind === 'table') for (const n of captionedTables) present.add(n);
    const cited = new Set(paragraphs.flatMap((p) => citedNumbers(p.text, kind)));
    // An uncaptioned float of the kind may be the one cited: then the loss is only likely.
    const uncaptioned = children.some((c) => c.type === type && !c.caption.length && !c.captionEn?.length);
    for (const n of lostNumbers(present, cited)) {
      const at = firstCiting(kind, n)!;
      const stands = kind === 'figure' && !uncaptioned;
      const what = stands ? '; an empty figure stands in its place' : uncaptioned ? ` (unless it is one of the uncaptioned ${kind}s)` : '';
      report(file, `${prefix}${n} is cited in the text, but the input has no ${kind} ${n}${what}`, {
        ruleId: 'ingest-float-lost',
        severity: uncaptioned ? 'info' : 'warning',
        place: at.position ?? null,
        stage: STAGE,
      });
      if (!stands) continue;
      const node: FigureFloat = { type: 'figureFloat', identifier: `F${n}`, label: `${prefix}${n}`, caption: [], children: [] };
      if (at.position) node.position = at.position;
      insertAfter.set(at, [...(insertAfter.get(at) ?? []), node]);
    }
  }
  if (!insertAfter.size) return children;
  return children.flatMap((c) => (c.type === 'paragraph' && insertAfter.has(c) ? [c, ...insertAfter.get(c)!] : [c]));
}
