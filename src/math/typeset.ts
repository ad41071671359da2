/**
 * The formulas of a tree typeset for the layout: a `MathLookup` over
 * MathJax (loaded only here, and only for a tree that has formulas; the
 * single-file build takes svg.ts from a file of its own, see libs.ts).
 */
import type { MathLookup } from '../layout/inline.js';

/**
 * A lookup typesetting each formula once; one MathJax cannot read is
 * reported through `warn` and printed as its TeX.
 */
export async function mathLookup(warn: (message: string) => void): Promise<MathLookup> {
  const { typeset } = await import('./svg.js');
  const failed = new Set<string>();
  return (tex, display) => {
    try {
      return typeset(tex, display);
    } catch (error) {
      if (!failed.has(tex)) {
        failed.add(tex);
        warn(`formula \`${tex}\` could not be typeset (${(error as Error).message}); printed as written`);
      }
      return null;
    }
  };
}
