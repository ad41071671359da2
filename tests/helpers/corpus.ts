/**
 * The corpus model, built once per test process and shared by the spec files
 * that read it (test files share worker processes: vitest.config.ts sets
 * `isolate: false`). Each entry is what `model()` gives: ingest, normalize,
 * references and enrich.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { ArticleRoot } from '../../src/model/types.js';
import { corpusFiles, model } from './seed.js';

export interface CorpusModel {
  path: string;
  name: string;
  text: string;
  tree: ArticleRoot;
  messages: VFileMessage[];
}

const cache = new Map<string, CorpusModel>();

/** The corpus models, all of them, or those of one part (`part` of `parts`, by file order). */
export function corpusModels(part?: { index: number; of: number }): CorpusModel[] {
  const files = corpusFiles().filter((_, i) => !part || i % part.of === part.index);
  return files.map((f) => {
    let m = cache.get(f);
    if (!m) {
      const text = readFileSync(f, 'utf8');
      const { tree, file } = model(text, f);
      m = { path: f, name: path.basename(f), text, tree, messages: file.messages };
      cache.set(f, m);
    }
    return m;
  });
}

/** Time for a test over the whole corpus: generous, so that a busy machine stays well inside it. */
export const CORPUS_TIMEOUT = 300_000;
