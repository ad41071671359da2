/**
 * `npm run typo`: typographic measurements of typeset PDFs, read from the
 * PDFs' glyph positions (typo-glyphs.ts) with the heuristics documented in
 * typo-measure.ts; one table column per PDF. See docs/typo.md.
 *
 *   node dist/scripts/typo.js [--typst] [--verbose] [[--label name] file.pdf ...]
 *
 * Without files it measures the seed article's PDF
 * (output/000_551b843f840d1098/article.pdf), building it with bin/zhpub.js
 * when it is missing or older than the build. `--typst` also typesets the
 * seed with Typst (scripts/typst-seed.ts, into output/typst-seed/) and adds
 * its column. `--label` names the column of the file that follows it
 * (default: the file name). `--verbose` lists where the widows, orphans and
 * split references are and a few more numbers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './root.js';
import { readGlyphsFromFile } from './typo-glyphs.js';
import { measure, table, type TypoResult } from './typo-measure.js';

const ROOT = projectRoot();
const SEED_NAME = '000_551b843f840d1098';
export const SEED_PDF = path.join(ROOT, 'output', SEED_NAME, 'article.pdf');

/** The seed's zhpub PDF, built when missing or older than the build. */
export function ensureSeedPdf(): string {
  const bundle = path.join(ROOT, 'dist/zhpub.cjs');
  const stale = !existsSync(SEED_PDF) || (existsSync(bundle) && statSync(bundle).mtimeMs > statSync(SEED_PDF).mtimeMs);
  if (stale) {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/zhpub.js'), 'build', path.join(ROOT, 'source', `${SEED_NAME}.txt`), '--out', path.join(ROOT, 'output')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    if (run.status !== 0 || !existsSync(SEED_PDF)) throw new Error(`could not build ${SEED_PDF}:\n${run.stdout}${run.stderr}`);
  }
  return SEED_PDF;
}

export async function measureFile(file: string): Promise<TypoResult> {
  return measure(await readGlyphsFromFile(file));
}

async function main(argv: string[]): Promise<number> {
  const files: Array<{ file: string; label: string }> = [];
  let typst = false;
  let verbose = false;
  let label: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--typst') typst = true;
    else if (a === '--verbose' || a === '-v') verbose = true;
    else if (a === '--label') label = argv[++i];
    else if (a === '--help' || a === '-h') {
      console.log('usage: node dist/scripts/typo.js [--typst] [--verbose] [[--label name] file.pdf ...]');
      return 0;
    } else {
      files.push({ file: path.resolve(a), label: label ?? path.basename(a) });
      label = undefined;
    }
  }
  if (!files.length) files.push({ file: ensureSeedPdf(), label: 'zhpub' });
  if (typst) {
    const { buildTypstSeed } = await import('./typst-seed.js');
    const built = await buildTypstSeed();
    files.push({ file: built.pdf, label: 'Typst' });
  }
  const results: TypoResult[] = [];
  for (const f of files) {
    if (!existsSync(f.file)) {
      console.error(`typo: no such file: ${f.file}`);
      return 1;
    }
    results.push(await measureFile(f.file));
  }
  console.log(table(files.map((f) => f.label), results));
  if (verbose) {
    files.forEach((f, i) => {
      const r = results[i]!;
      console.log(`\n${f.label}: ${path.relative(process.cwd(), f.file)}`);
      console.log(
        `  body ${r.bodySize} pt ${r.bodyFont}; gutter ${r.gutter ? r.gutter.map((v) => v.toFixed(1)).join('–') : 'none'} pt; ` +
          `justified lines ${r.justified}; largest line mean gap ${r.maxMeanGap.toFixed(2)} em; smallest gap ${r.minGap.toFixed(3)} em; ` +
          `short non-final lines ${r.shortLines}`,
      );
      for (const n of r.notes) console.log(`  ${n}`);
    });
  }
  return 0;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) process.exitCode = await main(process.argv.slice(2));
