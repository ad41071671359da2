/**
 * Builds `dist/zhpub.cjs`: the command line and its libraries as one
 * CommonJS file. One file loads faster than hundreds of modules, and `bin/zhpub.js`
 * keeps a V8 code cache beside it, so a new process skips parsing and
 * compiling. Run after `tsc` (it bundles the compiled `dist/` files).
 *
 * The code cache is made here too, by one build of the bundled article
 * (every format), so that it holds every stage's code; and
 * `mathml-known.json`, the MathML the JATS validator need not check again.
 *
 * tiny-inflate is replaced by src/fonts/inflate.ts (the same on native zlib);
 * fontkit's WOFF2 decoder and citation-js's fetching of remote inputs, which
 * the pipeline never uses, are left out.
 *
 * Left outside the file: libxmljs2 (a native addon), opencc-js (its
 * dictionaries are 2 MB and only the handout needs them) and the math
 * libraries, which get files of their own (`bundleMath`, loaded only for
 * articles with formulas).
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPONENTS, packageVersion } from '../src/cli/version.js';
import { learnCommonMath } from '../src/jats/mathml-warmup.js';
import { MATH_BUNDLES, mathBundleName, type MathGroup } from '../src/math/libs.js';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BUNDLE_FILE = path.join(DIST, 'zhpub.cjs');
const SEED_NAME = '000_551b843f840d1098.txt';
/** An article of formulas of every common kind, whose build fills the math libraries' code caches. */
const MATH_ARTICLE = 'tests/fixtures/math/formulas.md';

/** What every single-file build shares: one CommonJS file for Node, `import.meta.url` its own address. */
const SINGLE_FILE = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // ES2022 (Node 20 runs all of it); with a `node` target esbuild rewrites every regular
  // expression with \p{…} into a `new RegExp` built on each evaluation
  target: 'es2022',
  // ZHPUB_BUNDLE_DEBUG=1 keeps names and lines readable (for profiles)
  minify: process.env.ZHPUB_BUNDLE_DEBUG !== '1',
  keepNames: false,
  legalComments: 'linked',
  banner: { js: 'const __zhpubModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
} as const;

export async function bundle(outfile = BUNDLE_FILE): Promise<string> {
  await build({
    ...SINGLE_FILE,
    entryPoints: [path.join(DIST, 'src/cli/bundle-entry.js')],
    outfile,
    external: ['libxmljs2', 'opencc-js', 'opencc-js/*'],
    // `import.meta.url` of every module becomes the bundle's own address; the versions of the
    // bundled components (`zhpub --version`, src/cli/version.ts) are those bundled, not whatever
    // package.json files happen to lie beside the bundle at run time.
    define: { 'import.meta.url': '__zhpubModuleUrl', __ZHPUB_BUNDLE__: 'true', __ZHPUB_COMPONENTS__: JSON.stringify(componentVersions()) },
    plugins: [
      {
        // tiny-inflate (fontkit's and linebreak's Unicode tables) on native zlib: src/fonts/inflate.ts
        name: 'zlib-inflate',
        setup(b) {
          // tiny-inflate is a CommonJS function export
          b.onResolve({ filter: /^tiny-inflate$/ }, () => ({ path: 'tiny-inflate', namespace: 'zlib-inflate' }));
          b.onLoad({ filter: /.*/, namespace: 'zlib-inflate' }, () => ({
            contents: `module.exports = require(${JSON.stringify(path.join(DIST, 'src/fonts/inflate.js'))}).default;`,
            resolveDir: DIST,
            loader: 'js',
          }));
        },
      },
      {
        // svg.ts and MathJax come from their own file (dist/zhpub-mathjax.cjs, see bundleMath), loaded on first use.
        name: 'math-apart',
        setup(b) {
          b.onResolve({ filter: /^\.\/svg\.js$/ }, (args) =>
            path.basename(args.importer) === 'typeset.js' ? { path: 'svg', namespace: 'math-apart' } : undefined,
          );
          b.onLoad({ filter: /.*/, namespace: 'math-apart' }, () => ({
            contents: `module.exports = require(${JSON.stringify(path.join(DIST, 'src/math/libs.js'))}).bundledMath('mathjax');`,
            resolveDir: DIST,
            loader: 'js',
          }));
        },
      },
      {
        // Code paths the pipeline never takes, left out (about 600 KB): fontkit's
        // WOFF2 decoder and citation-js's fetching of remote inputs.
        name: 'unused',
        setup(b) {
          const stubs: Record<string, string> = {
            'brotli/decompress.js': `module.exports = function () { throw new Error('zhpub: WOFF2 fonts are not supported'); };`,
            'sync-fetch': `module.exports = Object.assign(function () { throw new Error('zhpub: remote inputs are not fetched'); }, { Headers: class Headers {} });`,
            'node-fetch': `exports.__esModule = true; exports.default = function () { throw new Error('zhpub: remote inputs are not fetched'); }; exports.Headers = class Headers {};`,
          };
          b.onResolve({ filter: /^(brotli\/decompress\.js|sync-fetch|node-fetch)$/ }, (args) => ({ path: args.path, namespace: 'unused' }));
          b.onLoad({ filter: /.*/, namespace: 'unused' }, (args) => ({ contents: stubs[args.path], loader: 'js' }));
        },
      },
    ],
  });
  writeFileSync(outfile, asciiOnly(readFileSync(outfile, 'utf8')));
  // A code cache made for an older bundle is useless (V8 would reject it anyway).
  rmSync(`${outfile}.v8cache`, { force: true });
  return outfile;
}

/** The versions of the components `zhpub --version` names, read from their package.json files now. */
function componentVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of COMPONENTS) {
    const v = packageVersion(name, DIST);
    if (v) out[name] = v;
  }
  return out;
}

/**
 * The bundle with every non-ASCII character written as a `\u` escape.
 * esbuild escapes strings but leaves regular expression literals as they
 * are; one such character makes V8 hold the whole 4 MB source as UTF-16 and
 * decode it as UTF-8 first. Escapes mean the same in strings, identifiers
 * and regular expressions (a surrogate pair of escapes matches what the
 * character matched, with or without the `u` flag); an escaped character
 * (`\，`) becomes its escape, a character after an escaped backslash keeps
 * the backslash.
 */
export function asciiOnly(code: string): string {
  const hex = (unit: number) => `\\u${unit.toString(16).padStart(4, '0')}`;
  return code.replace(/(\\*)([^\x00-\x7f])/gu, (_, backslashes: string, ch: string) => {
    // an odd run of backslashes escapes the character: the escape replaces that last backslash
    let out = backslashes.length % 2 ? backslashes.slice(1) : backslashes;
    for (let i = 0; i < ch.length; i++) out += hex(ch.charCodeAt(i));
    return out;
  });
}

/**
 * The math code's single-file builds beside the bundle, one per group of
 * src/math/libs.ts (`dist/zhpub-temml.cjs`, `dist/zhpub-mathjax.cjs`): loaded
 * only by articles with formulas, each with its own code cache.
 */
export async function bundleMath(dir = DIST): Promise<string[]> {
  const out: string[] = [];
  for (const [group, from] of Object.entries(MATH_BUNDLES) as Array<[MathGroup, (typeof MATH_BUNDLES)[MathGroup]]>) {
    const outfile = path.join(dir, mathBundleName(group));
    await build({
      ...SINGLE_FILE,
      ...('entry' in from
        ? { entryPoints: [path.join(DIST, from.entry)] }
        : { stdin: { contents: from.source, resolveDir: DIST, loader: 'js' as const, sourcefile: `${group}-entry.cjs` } }),
      outfile,
      define: { 'import.meta.url': '__zhpubModuleUrl' },
    });
    writeFileSync(outfile, asciiOnly(readFileSync(outfile, 'utf8')));
    rmSync(`${outfile}.v8cache`, { force: true });
    out.push(outfile);
  }
  return out;
}

/**
 * Write the code caches (`dist/*.cjs.v8cache`) by building the bundled
 * article and, when the repository has it, the formula test article once,
 * in one process, through `bin/zhpub.js`.
 */
export function makeCodeCache(): boolean {
  const root = path.resolve(DIST, '..');
  const source = path.join(root, 'source');
  // one article, built in this process (a batch would compile the stages in its workers)
  const seed = existsSync(path.join(source, SEED_NAME))
    ? path.join(source, SEED_NAME)
    : existsSync(source)
      ? readdirSync(source)
          .filter((n) => /\.(txt|md)$/i.test(n))
          .sort()
          .map((n) => path.join(source, n))[0]
      : undefined;
  if (!seed) return false;
  const formulas = path.join(root, MATH_ARTICLE);
  const inputs = existsSync(formulas) ? [seed, formulas] : [seed];
  const out = mkdtempSync(path.join(tmpdir(), 'zhpub-cache-'));
  try {
    spawnSync(process.execPath, [path.join(root, 'bin/zhpub.js'), 'build', ...inputs, '--out', out, '--force', '--jobs', '1'], {
      env: { ...process.env, ZHPUB_CODE_CACHE: 'write' },
      stdio: 'ignore',
    });
    return existsSync(`${BUNDLE_FILE}.v8cache`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
/**
 * `dist/mathml-known.json`: the MathML elements the validator learned are
 * valid from a set of common formulas (src/jats/mathml-warmup.ts), which
 * every process starts from.
 */
export function writeKnownMath(): boolean {
  const learned = learnCommonMath();
  if (!learned) return false;
  for (const e of learned.errors) console.warn(`zhpub: a common formula is not valid MathML: ${e}`);
  writeFileSync(path.join(DIST, 'mathml-known.json'), `${JSON.stringify(learned.snapshot)}\n`);
  return true;
}

if (invokedDirectly) {
  await bundle();
  await bundleMath();
  if (!writeKnownMath()) console.warn('zhpub: the JATS DTDs were not found; no MathML known in advance');
  if (!makeCodeCache()) console.warn('zhpub: no code cache made (it will be written on the first run)');
}
