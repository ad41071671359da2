/**
 * The stages, in dependency order. Each loads its module when it first runs,
 * so a build (or a cached rebuild) pays only for the stages it executes.
 * The CLI and the runner only wire these together.
 */
import type { BuildOptions, Stage, StageContext, StageInput, StageResult } from './graph.js';

export const STAGES: Stage[] = [
  {
    name: 'read',
    version: '1',
    after: null,
    formats: [],
    options: (o) => o.journal ?? null,
    cache: true,
    run: async (input, ctx) => withJournal(await read(input, ctx), ctx.options.journal),
  },
  {
    name: 'normalize',
    version: '1',
    after: 'read',
    formats: [],
    options: () => null,
    cache: true,
    run: async (input, ctx) => {
      const { normalize } = await import('../src/normalize/index.js');
      return { tree: normalize(input.tree!, ctx.file) };
    },
  },
  {
    name: 'references',
    version: '1',
    after: 'normalize',
    formats: [],
    options: () => null,
    cache: true,
    run: async (input, ctx) => {
      const { referencesStage } = await import('../src/references/check.js');
      referencesStage(input.tree!, ctx.file);
      return { tree: input.tree! };
    },
  },
  {
    name: 'enrich',
    version: '1',
    after: 'references',
    formats: [],
    options: () => null,
    cache: true,
    run: async (input, ctx) => {
      const { enrich } = await import('../src/enrich/index.js');
      return { tree: enrich(input.tree!, ctx.file) };
    },
  },
  {
    name: 'markdown',
    readOnly: true,
    version: '1',
    after: 'enrich',
    formats: ['md'],
    options: () => null,
    cache: true,
    run: async (input) => {
      const { toMarkdown } = await import('../src/markdown/stringify.js');
      const { withOutputFigureUrls } = await import('./figures.js');
      return { files: [{ name: 'article.md', data: toMarkdown(withOutputFigureUrls(input.tree!)) }] };
    },
  },
  {
    name: 'jats',
    readOnly: true,
    version: '1',
    after: 'enrich',
    formats: ['jats'],
    options: () => null,
    cache: true,
    run: async (input, ctx) => {
      const { emitJats } = await import('../src/jats/index.js');
      const { withOutputFigureUrls } = await import('./figures.js');
      return { files: [{ name: 'article.xml', data: emitJats(withOutputFigureUrls(input.tree!), ctx.file).xml }] };
    },
  },
  {
    name: 'handout-md',
    readOnly: true,
    version: '1',
    after: 'enrich',
    formats: ['handout'],
    options: (o) => ({ variant: o.variant }),
    cache: true,
    run: async (input, ctx) => {
      const { handoutFromTree, toTraditionalHandout, handoutMarkdown, reportHandoutNotes } = await import('../src/handout/index.js');
      const h = handoutFromTree(input.tree!);
      // notes for the editor go to the findings, never into the handout (this stage only: handout-pdf runs with it)
      reportHandoutNotes(h, ctx.file, input.tree!.data.positions?.['keywords.zh'] ?? null);
      return {
        files: [
          { name: 'handout.md', data: handoutMarkdown(h) },
          { name: 'handout.zh-Hant.md', data: handoutMarkdown(toTraditionalHandout(h, ctx.options.variant)) },
        ],
      };
    },
  },
  {
    name: 'refs',
    readOnly: true,
    version: '1',
    after: 'references',
    formats: ['refs'],
    options: () => null,
    cache: true,
    run: async (input) => {
      const { referenceItems } = await import('../src/references/check.js');
      const { toCslJson, toBibtex, toRis } = await import('../src/references/export.js');
      const items = [...referenceItems(input.tree!).entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item);
      return {
        files: [
          { name: 'references.json', data: toCslJson(items) },
          { name: 'references.bib', data: toBibtex(items) },
          { name: 'references.ris', data: toRis(items) },
        ],
      };
    },
  },
  {
    // House-style reference strings for the PDF, cached apart from the drawing.
    name: 'house',
    version: '1',
    after: 'enrich',
    formats: ['pdf'],
    options: () => null,
    cache: true,
    run: async (input) => {
      const { withHouseStyle } = await import('./pdf-options.js');
      return { tree: await withHouseStyle(input.tree!) };
    },
  },
  {
    name: 'pdf',
    readOnly: true,
    version: '1',
    after: 'house',
    formats: ['pdf'],
    options: (o) => ({ pdf: o.pdf ?? {}, date: process.env.SOURCE_DATE_EPOCH ?? null }),
    cache: true,
    readsImages: true,
    run: async (input, ctx) => {
      const { renderArticlePdf } = await import('../src/render/index.js');
      const { pdfStyle, pdfDate } = await import('./pdf-options.js');
      const { report } = await import('../src/findings/index.js');
      const { approvedImages } = await import('./figures.js');
      const pdf = await renderArticlePdf(input.tree!, {
        // only images the resolver approved, read once per build (the figures stage reports the rest)
        images: approvedImages(input.tree!, ctx.inputPath, ctx.file),
        style: await pdfStyle(ctx.options.pdf),
        date: pdfDate(),
        onWarning: (w) => report(ctx.file, w, { ruleId: 'pdf-layout', severity: layoutSeverity(w), place: null, stage: 'pdf' }),
      });
      return { files: [{ name: 'article.pdf', data: pdf }] };
    },
  },
  {
    name: 'handout-pdf',
    readOnly: true,
    version: '1',
    after: 'enrich',
    formats: ['handout'],
    options: (o) => ({ variant: o.variant, pdf: o.pdf ?? {}, date: process.env.SOURCE_DATE_EPOCH ?? null }),
    cache: true,
    run: async (input, ctx) => {
      const { renderHandoutPdfs } = await import('../src/handout/pdf.js');
      const { pdfStyle, pdfDate } = await import('./pdf-options.js');
      const { report } = await import('../src/findings/index.js');
      const { simplified, traditional } = await renderHandoutPdfs(input.tree!, {
        variant: ctx.options.variant,
        style: await pdfStyle(ctx.options.pdf),
        date: pdfDate(),
        onWarning: (w) => report(ctx.file, `handout: ${w}`, { ruleId: 'pdf-layout', severity: 'info', place: null, stage: 'handout' }),
      });
      return {
        files: [
          { name: 'handout.pdf', data: simplified },
          { name: 'handout.zh-Hant.pdf', data: traditional },
        ],
      };
    },
  },
  {
    name: 'figures',
    readOnly: true,
    version: '1',
    after: 'read',
    formats: ['md', 'jats', 'pdf'],
    options: () => null,
    cache: true,
    readsImages: true,
    run: async (input, ctx) => {
      const { figureFiles } = await import('./figures.js');
      // approved images only, under `figures/` in the output folder
      return { files: await figureFiles(input.tree!, ctx.inputPath, ctx.file) };
    },
  },
];

async function read(input: StageInput, ctx: StageContext): Promise<StageResult> {
  if (input.kind === 'jats') {
    const { fromJats } = await import('../src/jats/read.js');
    try {
      return { tree: fromJats(input.text ?? '', ctx.file) };
    } catch (error) {
      const { InputError } = await import('./errors.js');
      throw new InputError(`${ctx.inputPath}: not well-formed XML (${(error as Error).message.trim()})`);
    }
  }
  if (input.kind === 'markdown') {
    const { fromMarkdown } = await import('../src/markdown/parse.js');
    return { tree: fromMarkdown(input.text ?? '', ctx.file) };
  }
  const { ingest } = await import('../src/ingest/index.js');
  const { attachFigureImages } = await import('./figures.js');
  return { tree: attachFigureImages(ingest(input.text ?? '', ctx.file).tree, ctx.inputPath) };
}

/** The journal named by the configuration, unless the document names one itself. */
function withJournal(result: StageResult, journal: BuildOptions['journal']): StageResult {
  if (journal && result.tree && !result.tree.data.meta.journal) result.tree.data.meta = { ...result.tree.data.meta, journal };
  return result;
}

/**
 * A layout note's severity: a private-use character (U+E000–U+F8FF, what OCR
 * leaves for a glyph it could not read) is a fault of the source; a real
 * character the fonts lack, an overfull line or the like is a note on the
 * typesetting. The handout repeats the article's notes: always info.
 */
function layoutSeverity(message: string): 'warning' | 'info' {
  return /^no glyph for U\+(?:E[0-9A-F]{3}|F[0-8][0-9A-F]{2})\b/.test(message) ? 'warning' : 'info';
}
