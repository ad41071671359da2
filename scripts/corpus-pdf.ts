/**
 * Checks of the typeset PDF over the corpus, from the PDF's own glyph boxes
 * (scripts/typo-glyphs.ts reads the positions pdf.js's operator list gives;
 * the checks are in scripts/glyph-checks.ts): no two lines overlap, and the
 * English abstract, when the article has one, is whole. The test suite runs
 * the same checks on every corpus article's layout (tests/helpers/corpus-ingest.ts),
 * this script on the PDFs themselves.
 *
 * Usage, after `npm run build`:
 *
 *     node dist/scripts/corpus-pdf.js [--limit N] [files.md ...]
 *
 * Without files: every article of ../shared/corpus/chinaxiv. Prints one line
 * per article with a problem and a summary; exits 1 when any check fails.
 */
import { buildModel } from './model.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderArticle } from '../src/render/index.js';
import { readGlyphs } from './typo-glyphs.js';
import { glyphRuns, missingWords, overlaps, type Overlap } from './glyph-checks.js';
import { projectRoot } from './root.js';

export interface PdfCheck {
  name: string;
  overlaps: Overlap[];
  missing: string[];
  pages: number;
}

export async function checkArticle(file: string): Promise<PdfCheck> {
  const { tree } = buildModel(readFileSync(file, 'utf8'), file);
  const { pdf } = await renderArticle(tree, { inputDir: path.dirname(file), date: new Date('2024-01-01T00:00:00Z') });
  const pages = glyphRuns(await readGlyphs(pdf));
  const abstract = tree.data.meta.abstract?.en;
  return { name: path.basename(file), overlaps: overlaps(pages), missing: abstract ? missingWords(pages, abstract) : [], pages: pages.length };
}

async function main(argv: string[]): Promise<number> {
  let limit = Infinity;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--limit') limit = Number(argv[++i]);
    else files.push(argv[i]!);
  }
  if (!files.length) {
    const dir = path.resolve(projectRoot(), '..', 'shared', 'corpus', 'chinaxiv');
    if (!existsSync(dir)) {
      console.log(`corpus-pdf: skipped, ${dir} is absent`);
      return 0;
    }
    files.push(...readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => path.join(dir, f)));
  }
  const started = Date.now();
  let overlapping = 0;
  let cut = 0;
  let done = 0;
  for (const file of files.slice(0, limit)) {
    const r = await checkArticle(file);
    done++;
    if (r.overlaps.length) {
      overlapping++;
      console.log(`${r.name}: overlapping lines on page ${r.overlaps.map((o) => `${o.page} (${o.a}/${o.b})`).join(', ')}`);
    }
    if (r.missing.length) {
      cut++;
      console.log(`${r.name}: English abstract words missing from the PDF: ${r.missing.slice(0, 8).join(', ')}`);
    }
  }
  console.log(`${done} articles, ${((Date.now() - started) / 1000).toFixed(0)} s: ${overlapping} with overlapping lines, ${cut} with English abstract words missing`);
  return overlapping || cut ? 1 : 0;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
