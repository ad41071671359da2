/**
 * Formulas on every corpus article: build each article's PDF and report
 * where its text still shows TeX source (`\frac`, `_ {`, a `$` beside a
 * letter), leaving out the formulas reported `math-invalid` or that MathJax
 * could not typeset (printed as written on purpose). Each hit is quoted with
 * the part of the article it stands in, so that a remaining gap (TeX in a
 * title, a table cell) shows as such.
 *
 * Usage, from the project root after `tsc -p tsconfig.build.json`:
 *
 *     node dist/scripts/math-corpus.js [--limit N]
 */
import { buildModel } from './model.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { visit } from 'unist-util-visit';
import { renderArticle } from '../src/render/index.js';
import { projectRoot } from './root.js';

/** TeX source in PDF text: a command, a spaced script, a dollar beside a letter or backslash. */
const TEX_IN_TEXT = /\\(?:mathrm|frac|left|right|sum|sqrt|begin)\b|[_^] \{|\$[A-Za-z\\]|[A-Za-z\\]\$/g;

async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await pdfjs.getDocument({ data: bytes.slice(), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join('') + '\n';
  }
  await doc.destroy();
  return text;
}

interface Result {
  name: string;
  formulas: number;
  invalid: number;
  hits: string[];
}

async function check(path: string): Promise<Result> {
  const { tree, file } = buildModel(readFileSync(path, 'utf8'), path);
  let formulas = 0;
  const asWritten: string[] = [];
  visit(tree, (n) => {
    if (n.type !== 'math' && n.type !== 'inlineMath') return;
    formulas++;
    const node = n as { value: string; data?: { invalid?: string } };
    if (node.data?.invalid) asWritten.push(node.value);
  });
  // Formulas of metadata strings and table cells reported math-invalid are printed as written too.
  for (const m of file.messages) {
    const tex = m.ruleId === 'math-invalid' ? /^Formula `([\s\S]*?)`(?: in [\w. ]+?)? cannot be read/.exec(m.reason)?.[1] : undefined;
    if (tex && !asWritten.includes(tex)) asWritten.push(tex);
  }
  const { pdf } = await renderArticle(tree, {
    onWarning: (w) => {
      const tex = /^formula `([\s\S]*)` could not be typeset/.exec(w)?.[1];
      if (tex) asWritten.push(tex);
    },
  });
  let squashed = (await pdfText(pdf)).replace(/\s+/g, '');
  for (const tex of asWritten) squashed = squashed.split(tex.replace(/\s+/g, '')).join('');
  const hits = [...squashed.matchAll(TEX_IN_TEXT)].map((m) => squashed.slice(Math.max(0, m.index! - 25), m.index! + 25));
  return { name: path.split('/').pop()!, formulas, invalid: asWritten.length, hits };
}

async function main(): Promise<void> {
  const dir = resolve(projectRoot(), '..', 'shared', 'corpus', 'chinaxiv');
  if (!existsSync(dir)) {
    console.log('math-corpus: ../shared/corpus/chinaxiv is not present');
    return;
  }
  const limitAt = process.argv.indexOf('--limit');
  const names = readdirSync(dir).filter((n) => n.endsWith('.md')).sort();
  const chosen = limitAt > 0 ? names.slice(0, Number(process.argv[limitAt + 1])) : names;
  let withFormulas = 0;
  let formulas = 0;
  let invalid = 0;
  const failing: Result[] = [];
  for (const name of chosen) {
    const r = await check(join(dir, name));
    if (r.formulas) withFormulas++;
    formulas += r.formulas;
    invalid += r.invalid;
    if (r.hits.length) failing.push(r);
  }
  console.log(`${chosen.length} articles, ${withFormulas} with formulas, ${formulas} formulas, ${invalid} printed as written (math-invalid or not typeset)`);
  console.log(`PDF text with TeX source left: ${failing.length} articles`);
  for (const r of failing) console.log(`  ${r.name}: ${r.hits.length} (${r.hits.slice(0, 3).map((h) => `…${h}…`).join('  ')})`);
}

await main();
