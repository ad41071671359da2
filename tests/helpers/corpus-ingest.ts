/**
 * Corpus-wide invariants of structure recognition, on all 146 articles of the
 * shared corpus (../shared/corpus/chinaxiv; skipped when absent). Each model
 * is built once (ingest → normalize → references → enrich, then the Markdown
 * and the JATS) and shared by the tests. The checks live in
 * `scripts/corpus-checks.ts`; `scripts/corpus-invariants.ts` prints them as a
 * report (`npx tsc -p tsconfig.build.json && node dist/scripts/corpus-invariants.js`).
 *
 * A failure message lists the worst articles with the input lines concerned,
 * so that whoever fixes ingest sees what is lost or misread.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { HAS_CORPUS } from './seed.js';
import { CORPUS_TIMEOUT, corpusModels } from './corpus.js';
import { fromJats, validateJats } from '../../src/jats/index.js';
import { checkFormulas } from '../../src/normalize/formulas.js';
import type { ArticleRoot } from '../../src/model/types.js';
import { fromMarkdown } from '../../src/markdown/parse.js';
import { toMarkdown } from '../../src/markdown/stringify.js';
import { normalize } from '../../src/normalize/index.js';
import { referencesStage } from '../../src/references/index.js';
import { enrich } from '../../src/enrich/index.js';
import { withoutPositions } from '../../src/model/util.js';
import { layout } from '../../src/layout/index.js';
import { defaultStyle } from '../../src/layout/style.js';
import { fontMetrics } from '../../src/fonts/index.js';
import { layoutRuns, missingWords, overlaps } from '../../scripts/glyph-checks.js';
import {
  CHECKS,
  checkCaptionHeadings,
  checkEnglishBlock,
  checkJatsEscapes,
  checkKeywords,
  checkMarkdownEscapes,
  checkModelEscapes,
  checkReferenceList,
  failuresOf,
  formatFailure,
  prepareArticle,
  type Article,
  type ArticleFailure,
  type CheckDef,
  type Offence,
} from '../../scripts/corpus-checks.js';



const WORST = 10;

function check(id: string): CheckDef {
  const found = CHECKS.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

/** Failures of a check (or of an ad-hoc offence finder), worst first. */
function failures(articles: readonly Article[], find: (a: Article) => Offence[]): ArticleFailure[] {
  const out: ArticleFailure[] = [];
  for (const a of articles) {
    const offences = find(a);
    if (offences.length) out.push({ article: a.name, count: offences.length, offences });
  }
  return out.sort((x, y) => y.count - x.count || x.article.localeCompare(y.article));
}

/** The failure message: how many articles, then the worst ones with their first offences. */
function describeFailures(title: string, list: ReadonlyArray<ArticleFailure & { note?: string }>, perArticle = 3): string {
  const total = list.reduce((n, f) => n + f.count, 0);
  return [`${title}: ${total} in ${list.length} article(s); worst ${Math.min(WORST, list.length)}:`, ...list.slice(0, WORST).map((f) => formatFailure(f, perArticle))].join('\n');
}

/**
 * Known residue, each named with what is known of it. A listed article may
 * not fail by more than its allowance; when it no longer fails, the test says
 * so and the entry must go.
 */
const KNOWN: Record<string, Record<string, { allowance: number; why: string }>> = {
  // None today: every invariant holds on all 146 articles.
};

/** What JATS carries: the model without source positions and the ingest-time records of where metadata sat. */
function comparable(tree: ArticleRoot): ArticleRoot {
  const copy = withoutPositions(tree);
  delete copy.data.positions;
  delete copy.data.authorMarks;
  return copy;
}

/** JSON with every object's keys in order (the readers build objects in their own key order). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}

/**
 * JATS documents as one: the first whole, the others as its sub-articles
 * (same content model as an article), their ids and rids prefixed `aN-` so
 * that they stay unique. `articleAt(line)` is the index of the document a
 * line of the result came from.
 */
function asOneDocument(docs: string[]): { xml: string; articleAt: (line: number) => number } {
  const starts: number[] = [];
  const parts: string[] = [];
  let line = 1;
  docs.forEach((doc, n) => {
    let text = doc;
    if (n > 0) {
      text = doc
        .replace(/^[\s\S]*?<article\b[^>]*?(\sarticle-type="[^"]*")?[^>]*>/, (_m, type: string | undefined) => `<sub-article${type ?? ''}>`)
        .replace(/<\/article>\s*$/, '</sub-article>')
        .replace(/\s(id|rid)="([^"]*)"/g, (_m, name: string, ids: string) => ` ${name}="${ids.split(/\s+/).map((id) => `a${n}-${id}`).join(' ')}"`);
    } else text = doc.replace(/<\/article>\s*$/, '');
    starts.push(line);
    parts.push(text);
    line += text.split('\n').length - 1 + 1;
  });
  const xml = `${parts.join('\n')}\n</article>\n`;
  const articleAt = (l: number) => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= l) k++;
    return k;
  };
  return { xml, articleAt };
}

/** Failures beyond the known residue, and known entries that no longer fail. */
function beyondKnown(id: string, list: readonly ArticleFailure[], present: ReadonlySet<string>): { over: ArticleFailure[]; stale: string[] } {
  const known = KNOWN[id] ?? {};
  const over = list.filter((f) => f.count > (known[f.article]?.allowance ?? 0));
  const stale = Object.keys(known).filter((name) => present.has(name) && !list.some((f) => f.article === name));
  return { over, stale };
}

/**
 * The corpus invariants on one part of the corpus (every `of`-th article from
 * `index`): two spec files run the two halves, on the test run's two worker
 * processes at once.
 */
export function corpusIngestTests(index: number, of: number): void {
describe.skipIf(!HAS_CORPUS)(`corpus invariants of structure recognition (part ${index + 1} of ${of})`, { timeout: CORPUS_TIMEOUT }, () => {
  let articles: Article[] = [];
  let expected = 0;

  beforeAll(() => {
    const models = corpusModels({ index, of });
    expected = models.length;
    articles = models.map((m) => prepareArticle(m.name, m.text, m.tree, m.messages));
  }, CORPUS_TIMEOUT);

  it('gives DTD-valid JATS for every article, and findings for what it could not resolve', () => {
    // Loading the JATS DTD takes libxml2 about 70 ms a document, and compiling the MathML 3 content
    // models about 0.3 s more: so the articles of the part are validated together, each one (its
    // ids prefixed) as a sub-article of one document; an error's line names its article.
    // One document per DTD variant the articles declare (with or without journal metadata, MathML).
    const byDoctype = new Map<string, Article[]>();
    for (const a of articles) {
      const doctype = /<!DOCTYPE[^>]*>/.exec(a.jats)?.[0] ?? '';
      byDoctype.set(doctype, [...(byDoctype.get(doctype) ?? []), a]);
    }
    const invalid: string[] = [];
    for (const group of byDoctype.values()) {
      const { xml, articleAt } = asOneDocument(group.map((a) => a.jats));
      const v = validateJats(xml);
      for (const e of v.errors) {
        if (e.ruleId === 'jats-dtd' || e.ruleId === 'jats-xml-malformed' || e.ruleId === 'jats-rid-unresolved') invalid.push(`${group[articleAt(e.line ?? 0)]?.name}: ${e.message}`);
      }
    }
    expect(byDoctype.size).toBeLessThan(5);
    expect(invalid).toEqual([]);
    expect(articles.filter((a) => a.messages.some((m) => m.fatal !== undefined)).length).toBeGreaterThan(0);
  });

  it('round-trips every article through Markdown: Markdown → model → Markdown byte-identical, the model equal', () => {
    const failures: string[] = [];
    for (const a of articles) {
      const file = new VFile({ path: 'article.md', value: a.markdown });
      const back = normalize(fromMarkdown(a.markdown, file), file, { recordChanges: false });
      referencesStage(back, file);
      enrich(back, file);
      if (toMarkdown(back) !== a.markdown) failures.push(`${a.name}: Markdown differs`);
      else if (JSON.stringify(withoutPositions(back)) !== JSON.stringify(withoutPositions(a.tree))) failures.push(`${a.name}: model differs`);
    }
    expect(failures).toEqual([]);
  });

  it('reads every article back from its JATS to the same model (but for the source positions)', () => {
    const failures: string[] = [];
    let renamed = 0;
    for (const a of articles) {
      // A model whose float ids repeat gets unique ids in the JATS: those come back changed.
      const ids = a.tree.children.flatMap((c) => (c.type === 'tableFloat' || c.type === 'figureFloat' ? [c.identifier] : []));
      if (new Set(ids).size < ids.length) {
        renamed++;
        continue;
      }
      // As a JATS input is built: the reader, then the stages that judge what it gave (which formulas
      // cannot be read; the items of references printed without a tagged citation).
      const back = fromJats(a.jats);
      const file = new VFile();
      checkFormulas(back, file);
      referencesStage(back, file);
      if (canonical(comparable(back)) !== canonical(comparable(a.tree))) failures.push(`${a.name}: the model read back differs`);
    }
    expect(failures).toEqual([]);
    expect(renamed).toBeLessThan(articles.length / 5);
  });

  it('builds every article and writes its Markdown and JATS', () => {
    expect(articles.length).toBeGreaterThan(60);
    expect(articles).toHaveLength(expected);
    expect(articles.filter((a) => a.outputError).map((a) => `${a.name}: ${a.outputError}`)).toEqual([]);
  });

  it('loses nothing silently: every Han character of the input is in the model or quoted by an ingest finding', () => {
    // Multisets of Han ideographs (U+4E00–U+9FFF, U+3400–U+4DBF) after NFKC.
    // Model text: every `value` in the tree, float labels and captions (zh,
    // en), table cells, reference entries, every string of `tree.data.meta`.
    // Findings: what an ingest finding quotes of a line it left out. The
    // printed labels ingest turns into structure (摘要：, 关键词：, 中图分类号：,
    // 参考文献, …) are not content (`withoutLabels`).
    const { over, stale } = beyondKnown('han', failuresOf(check('han'), articles), new Set(articles.map((a) => a.name)));
    expect(over.reduce((n, f) => n + f.count, 0), describeFailures('Han characters of the input missing from the model', over, 5)).toBe(0);
    expect(stale, 'known residue that is gone: remove it from KNOWN').toEqual([]);
  });

  it('puts no classification code inside a keyword', () => {
    const list = failures(articles, checkKeywords);
    expect(list.length, describeFailures('keywords holding a classification code', list)).toBe(0);
  });

  it('leaves no Markdown escape (\\* or \\#) in the model text or the JATS, and no \\# in the Markdown', () => {
    // Except where the source itself had that backslash inside `$…$` math.
    // A `\#` in the Markdown is remark-stringify escaping a `#` the model kept
    // at the start of a block (a heading mark of the source left in the text).
    const list = failures(articles, (a) => [...checkModelEscapes(a), ...checkJatsEscapes(a), ...checkMarkdownEscapes(a, '#')]);
    expect(list.length, describeFailures('Markdown escapes in the outputs', list)).toBe(0);
  });

  // A literal `*` is written bare where it cannot form emphasis, else as `&#42;` (src/markdown/literal-marks.ts).
  it('writes no \\* escape in the Markdown', () => {
    const list = failures(articles, (a) => checkMarkdownEscapes(a, '*'));
    expect(list.length, describeFailures('\\* in the Markdown', list)).toBe(0);
  });

  it('makes no figure or table caption a section heading', () => {
    const list = failures(articles, checkCaptionHeadings);
    expect(list.length, describeFailures('caption lines read as headings', list)).toBe(0);
  });

  it('fills the English metadata: an Abstract line gives abstract.en, an English title before a pinyin byline gives title.en', () => {
    const { over, stale } = beyondKnown('english-block', failures(articles, checkEnglishBlock), new Set(articles.map((a) => a.name)));
    expect(over.length, describeFailures('English block missing from the metadata', over)).toBe(0);
    expect(stale, 'known residue that is gone: remove it from KNOWN').toEqual([]);
  });

  it('finds a reference list whenever the input has a 参考文献/References heading', () => {
    const list = failures(articles, checkReferenceList);
    expect(list.length, describeFailures('reference heading without a reference list', list)).toBe(0);
  });

  it('typesets every article with no two lines overlapping and the English abstract whole (glyph boxes of the layout)', () => {
    // The glyphs the layout places, as the PDF draws them (`npm run corpus:pdf` checks the PDFs themselves).
    const metrics = fontMetrics();
    const bad: string[] = [];
    let abstracts = 0;
    for (const m of corpusModels({ index, of })) {
      const pages = layoutRuns(layout(m.tree, defaultStyle, metrics), metrics);
      const abstract = m.tree.data.meta.abstract?.en;
      if (abstract) abstracts++;
      const over = overlaps(pages, 3);
      const missing = abstract ? missingWords(pages, abstract) : [];
      if (over.length) bad.push(`${m.name}: overlapping lines on page ${over.map((o) => `${o.page} (${o.a}/${o.b})`).join(', ')}`);
      if (missing.length) bad.push(`${m.name}: English abstract words missing: ${missing.slice(0, 8).join(', ')}`);
    }
    expect(abstracts).toBeGreaterThan(expected / 2);
    expect(bad).toEqual([]);
  });
});
}
