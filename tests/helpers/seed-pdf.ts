/**
 * The seed's PDF as the PDF tests read it (dated 2024-04-01), rendered once
 * per test process and shared by the spec files that run there (test files
 * share worker processes: vitest.config.ts sets `isolate: false`). Readers
 * only: no test may change the tree or the bytes.
 */
import type { ArticleRoot } from '../../src/model/types.js';
import { renderArticle, type RenderedArticle } from '../../src/render/index.js';
import { seedModel } from './seed.js';

export const SEED_PDF_DATE = new Date('2024-04-01T00:00:00Z');

let cached: Promise<{ tree: ArticleRoot; out: RenderedArticle }> | undefined;

export function seedPdf(): Promise<{ tree: ArticleRoot; out: RenderedArticle }> {
  cached ??= (async () => {
    const { tree } = seedModel();
    return { tree, out: await renderArticle(tree, { date: SEED_PDF_DATE }) };
  })();
  return cached;
}
