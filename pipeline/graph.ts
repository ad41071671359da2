/**
 * The stage graph: which stage feeds which. Each stage names its inputs and
 * outputs (artifacts), the options it depends on, and a version; results are
 * cached by a hash of all of these and of its inputs' own hashes, so a
 * rebuild after changing only PDF options reruns only the PDF stages.
 *
 *   decode → ingest → normalize → references → enrich (align, glossary)
 *     → { markdown, jats (+validate), refs exports, layout/render (pdf), handout }
 *   markdown | jats files → readers → the same tree
 */
import type { VFile } from 'vfile';
import type { ArticleRoot } from '../src/model/types.js';

export type Format = 'md' | 'jats' | 'pdf' | 'handout' | 'refs';
export const ALL_FORMATS: Format[] = ['md', 'jats', 'pdf', 'handout', 'refs'];

export interface BuildOptions {
  formats: Format[];
  /** Traditional Chinese variant for the handout. */
  variant: 'tw' | 'hk';
  /** PDF options (only the PDF stages depend on them). */
  pdf?: PdfOptions;
  /** The journal, from the configuration file. */
  journal?: import('../src/model/meta.js').Journal;
}

export interface PdfOptions {
  /** Body text size in points (default 10.5, 五号). */
  bodySize?: number;
}

/** A produced file: its name in the article's output folder and its content. */
export interface OutputFile {
  name: string;
  data: string | Uint8Array;
}

export type Artifacts = {
  bytes: Uint8Array;
  text: string;
  tree: ArticleRoot;
  files: OutputFile[];
};

export interface StageContext {
  file: VFile;
  inputPath: string;
  options: BuildOptions;
}

export interface Stage {
  name: string;
  /** Bump when the stage's behaviour changes, to invalidate cached results. */
  version: string;
  /** The stage whose tree this stage reads (none: the decoded input). */
  after: string | null;
  /** Formats that need this stage (empty: always needed). */
  formats: Format[];
  /** The part of the options this stage depends on (hashed into its cache key). */
  options: (o: BuildOptions) => unknown;
  /** Pure with respect to its inputs: returns a new tree or output files. */
  run: (input: StageInput, ctx: StageContext) => Promise<StageResult> | StageResult;
  /** Should the result be cached (cheap stages are recomputed). */
  cache: boolean;
  /**
   * The stage only reads its input tree (emitters): it gets the upstream tree
   * itself rather than a copy. Tested on frozen trees.
   */
  readOnly?: boolean;
  /**
   * The stage reads the figure images its tree names: its cached result is
   * used only while those files keep their size and modification time.
   */
  readsImages?: boolean;
}

export interface StageInput {
  text?: string;
  tree?: ArticleRoot;
  /** Input kind decides the reader. */
  kind: 'text' | 'markdown' | 'jats';
}

export interface StageResult {
  text?: string;
  tree?: ArticleRoot;
  files?: OutputFile[];
}
