/** The document model of an input text, built as the pipeline (and tests/helpers/seed.ts `model()`) builds it. */
import { VFile } from 'vfile';
import { ingest } from '../src/ingest/index.js';
import { normalize } from '../src/normalize/index.js';
import { referencesStage } from '../src/references/index.js';
import { enrich } from '../src/enrich/index.js';
import type { ArticleRoot } from '../src/model/types.js';

/** Ingest, normalize, references and enrich `text`; `path` names it in the findings on `file`. */
export function buildModel(text: string, path: string): { tree: ArticleRoot; file: VFile } {
  const file = new VFile({ path, value: text });
  const { tree } = ingest(text, file);
  normalize(tree, file);
  referencesStage(tree, file);
  enrich(tree, file);
  return { tree, file };
}
