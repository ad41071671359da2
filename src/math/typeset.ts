/**
 * The formulas of a tree typeset for the layout: a `MathLookup` over
 * MathJax (loaded only here, and only for a tree that has formulas; the
 * single-file build takes svg.ts from a file of its own, see libs.ts).
 */
import type { MathLookup } from '../layout/inline.js';
import { texToMathml } from './tex.js';

/**
 * A lookup typesetting each formula once; one MathJax cannot read is
 * reported through `warn` and printed as its TeX.
 */
export async function mathLookup(warn: (message: string) => void): Promise<MathLookup> {
  const { typeset } = await import('./svg.js');
  // temml's MathML of the formula, made by the check in normalize (and the JATS) already
  const mathml = (tex: string, display: boolean) => {
    try {
      return texToMathml(tex, display);
    } catch {
      return undefined;
    }
  };
  const failed = new Set<string>();
  return (tex, display) => {
    try {
      return typeset(tex, display, mathml(tex, display));
    } catch (error) {
      if (!failed.has(tex)) {
        failed.add(tex);
        warn(`formula \`${tex}\` could not be typeset (${(error as Error).message}); printed as written`);
      }
      return null;
    }
  };
}
