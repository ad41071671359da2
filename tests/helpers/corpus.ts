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

let cache: CorpusModel[] | undefined;

export function corpusModels(): CorpusModel[] {
  cache ??= corpusFiles().map((f) => {
    const text = readFileSync(f, 'utf8');
    const { tree, file } = model(text, f);
    return { path: f, name: path.basename(f), text, tree, messages: file.messages };
  });
  return cache;
}

/** Time for a test over the whole corpus: generous, so that a busy machine stays well inside it. */
export const CORPUS_TIMEOUT = 300_000;
