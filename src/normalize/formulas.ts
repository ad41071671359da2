/**
 * The formulas of the tree (`inlineMath`, `math`): a display formula's number
 * (`\tag{1}`, a printed `\quad (1)`) becomes its label, and TeX that cannot
 * be read is a `math-invalid` warning at its source position (the formula is
 * then printed as written). Running it twice changes nothing.
 */
import type { VFile } from 'vfile';
import type { InlineMath, Math } from 'mdast-util-math';
import type { Node, Parent } from 'unist';
import { report } from '../findings/index.js';
import { takeLabel, texProblem, trimTex } from '../math/tex.js';
import { metaStrings, stringFormulas } from '../math/strings.js';
import type { ArticleMeta } from '../model/meta.js';
import type { Position } from 'unist';

const STAGE = 'normalize';

type Formula = InlineMath | Math;

function collect(node: Node, out: Formula[]): void {
  if (node.type === 'math' || node.type === 'inlineMath') out.push(node as Formula);
  const kids = (node as Parent).children;
  if (Array.isArray(kids)) for (const k of kids) collect(k, out);
  // Float captions sit beside the children.
  for (const key of ['caption', 'captionEn'] as const) {
    const extra = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(extra)) for (const k of extra as Node[]) collect(k, out);
  }
}

export function checkFormulas(tree: Node, file: VFile): void {
  const formulas: Formula[] = [];
  collect(tree, formulas);
  const problems = new Map<string, string | null>();
  for (const node of formulas) {
    const display = node.type === 'math';
    node.value = trimTex(node.value);
    if (node.type === 'math') {
      delete node.meta;
      const { tex, label } = takeLabel(node.value);
      node.value = tex;
      if (label) node.data = { ...node.data, label };
    }
    const key = `${display ? 'D' : 'I'}${node.value}`;
    let problem = problems.get(key);
    if (problem === undefined) problems.set(key, (problem = texProblem(node.value, display)));
    const data: Record<string, unknown> = { ...node.data };
    delete data.invalid;
    if (problem) {
      data.invalid = problem;
      // A fault of the source, reported whether or not changes are recorded.
      report(file, `Formula \`${node.value}\` cannot be read (${problem}); printed as written`, {
        ruleId: 'math-invalid',
        severity: 'warning',
        place: node.position ?? null,
        stage: STAGE,
      });
    }
    if (Object.keys(data).length) node.data = data;
    else delete node.data;
  }
}

/**
 * The formulas of the metadata strings (abstracts, titles, affiliations,
 * notes) stay TeX in the strings; those that cannot be read are reported
 * as in the body, at the field's source position (the PDF prints them as written).
 */
export function checkMetaFormulas(meta: ArticleMeta, positions: Record<string, Position>, file: VFile): void {
  for (const [key, value] of metaStrings(meta)) {
    for (const [, , tex] of stringFormulas(value)) {
      const problem = texProblem(tex, false);
      if (!problem) continue;
      const place = positions[key] ?? positions[key.replace(/\.\d+$/, '')] ?? null;
      report(file, `Formula \`${tex}\` in ${key} cannot be read (${problem}); printed as written`, { ruleId: 'math-invalid', severity: 'warning', place, stage: STAGE });
    }
  }
}

/**
 * The TeX the model keeps as text (a figure caption is an image's description,
 * a reference its printed string, a heading a plain line): each formula in it
 * that cannot be read is reported where it stands; the PDF prints it as written.
 */
export function checkTextFormulas(tree: Node, file: VFile): void {
  const visit = (node: Node, where: Node) => {
    if (node.type === 'text') {
      for (const [, , tex] of stringFormulas((node as unknown as { value: string }).value)) {
        const problem = texProblem(tex, false);
        if (problem) report(file, `Formula \`${tex}\` in text cannot be read (${problem}); printed as written`, { ruleId: 'math-invalid', severity: 'warning', place: node.position ?? where.position ?? null, stage: STAGE });
      }
      return;
    }
    const kids = (node as Parent).children;
    if (Array.isArray(kids)) for (const k of kids) visit(k, node.position ? node : where);
    for (const key of ['caption', 'captionEn'] as const) {
      const extra = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(extra)) for (const k of extra as Node[]) visit(k, node);
    }
  };
  visit(tree, tree);
}
