/** Shared test fixtures: the bundled seed article and the optional shared corpus. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { ingest } from '../../src/ingest/index.js';
import { normalize } from '../../src/normalize/index.js';
import { enrich } from '../../src/enrich/index.js';
import { referencesStage } from '../../src/references/index.js';
import type { ArticleRoot } from '../../src/model/types.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SEED_PATH = path.join(ROOT, 'source/000_551b843f840d1098.txt');
export const SEED_TEXT = readFileSync(SEED_PATH, 'utf8');
export const SHARED = path.resolve(ROOT, '../shared');
export const CORPUS = path.join(SHARED, 'corpus/chinaxiv');
export const HAS_CORPUS = existsSync(CORPUS);

export function corpusFiles(): string[] {
  return HAS_CORPUS ? readdirSync(CORPUS).filter((n) => n.endsWith('.md')).sort().map((n) => path.join(CORPUS, n)) : [];
}

export function model(text: string, name = 'article.txt'): { tree: ArticleRoot; file: VFile } {
  const file = new VFile({ path: name, value: text });
  const { tree } = ingest(text, file);
  normalize(tree, file);
  referencesStage(tree, file);
  enrich(tree, file);
  return { tree, file };
}

export function seedModel() {
  return model(SEED_TEXT, 'seed.txt');
}
