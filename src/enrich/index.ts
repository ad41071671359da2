/**
 * align/glossary stage: checks the Chinese and English front matter against
 * each other, extracts the glossary of defined terms into the model, and
 * derives English keywords (marked as derived) where the source gives none.
 */
import type { VFile } from 'vfile';
import { alignArticle } from '../align/index.js';
import { extractGlossary } from '../glossary/index.js';
import { deriveEnglishKeywords } from '../glossary/keywords.js';
import type { ArticleRoot } from '../model/types.js';

export function enrich(tree: ArticleRoot, file: VFile): ArticleRoot {
  const meta = tree.data.meta;
  const positions = tree.data.positions ?? {};
  alignArticle(meta, file, positions, { marks: tree.data.authorMarks });
  const glossary = extractGlossary(tree, file);
  if (glossary.length) tree.data.glossary = glossary;
  else delete tree.data.glossary;
  if (!meta.keywords.en?.length && meta.keywords.zh?.length) {
    const en = deriveEnglishKeywords(meta, glossary, file, { place: positions['keywords.zh'] ?? null });
    if (en.length) {
      meta.keywords.en = en;
      meta.keywords.enDerived = true;
    }
  }
  return tree;
}
