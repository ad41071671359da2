/**
 * The math code, loaded on first use (only articles with formulas need it),
 * in two groups so that Markdown and JATS never load MathJax: `temml` (TeX →
 * MathML, for the check and the JATS) and `mathjax` (svg.ts with MathJax:
 * TeX → boxes, for the PDF).
 *
 * The single-file build (`dist/zhpub.cjs`) leaves both out; each group is a
 * file of its own beside it (`dist/zhpub-temml.cjs`, `dist/zhpub-mathjax.cjs`,
 * made by scripts/bundle.ts from `MATH_BUNDLES`), run with a V8 code cache
 * (bin/code-cache.cjs). Without the single-file build the modules are
 * imported as they are.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

declare const __ZHPUB_BUNDLE__: boolean | undefined;

export type MathGroup = 'temml' | 'mathjax';

/** What each group's single-file build is made from: a module of `dist/` or a source of its own. */
export const MATH_BUNDLES: Record<MathGroup, { entry: string } | { source: string }> = {
  temml: { source: `module.exports = require('temml');\n` },
  mathjax: { entry: 'src/math/svg.js' },
};

/** The file name of a group's single-file build, beside `dist/zhpub.cjs`. */
export function mathBundleName(group: MathGroup): string {
  return `zhpub-${group}.cjs`;
}

const loaded = new Map<MathGroup, unknown>();

/**
 * A group's exports from its single-file build, loaded once per process;
 * undefined when not running from the single-file build.
 */
export function bundledMath(group: MathGroup): unknown {
  if (typeof __ZHPUB_BUNDLE__ === 'undefined') return undefined;
  if (loaded.has(group)) return loaded.get(group);
  const file = fileURLToPath(new URL(mathBundleName(group), import.meta.url));
  const loader = fileURLToPath(new URL('../bin/code-cache.cjs', import.meta.url));
  if (!existsSync(file) || !existsSync(loader)) throw new Error(`${file} is missing: the build is incomplete (run npm run build)`);
  const exports = (createRequire(import.meta.url)(loader) as { loadCached(file: string): unknown }).loadCached(file);
  loaded.set(group, exports);
  return exports;
}
