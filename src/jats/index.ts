/**
 * JATS stage: model → JATS 1.3 (validated offline against the DTD) and
 * JATS → model.
 */
import type { VFile } from 'vfile';
import type { ArticleRoot } from '../model/types.js';
import { toJats, type ToJatsOptions } from './emit.js';
import { validateJats, type JatsValidation } from './validate.js';

export { toJats, toJatsTree, deriveArticleType, type ToJatsOptions, type ArticleType } from './emit.js';
export { validateJats, structuralChecks, type JatsValidation, type JatsProblem } from './validate.js';
export { fromJats } from './read.js';
export {
  JATS_PUBLIC_ID,
  JATS_SYSTEM_ID,
  JATS_ARCHIVING_PUBLIC_ID,
  JATS_ARCHIVING_SYSTEM_ID,
  jatsSchemaDir,
  localDtdFor,
  withLocalDtd,
} from './dtd.js';
export type { CslItem, CslName, CslDate } from './csl.js';

export interface EmitJatsResult {
  xml: string;
  /** No DTD error and no error from the structural checks. */
  valid: boolean;
  validation: JatsValidation;
}

/**
 * Write the article as JATS and validate it; every finding (from writing and
 * from validation) is reported on `file` under stage `jats`.
 */
export function emitJats(
  tree: ArticleRoot,
  file?: VFile,
  options: Omit<ToJatsOptions, 'file'> = {},
): EmitJatsResult {
  const xml = toJats(tree, { ...options, file });
  const validation = validateJats(xml, file);
  return { xml, valid: validation.valid, validation };
}
