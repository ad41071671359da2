/** GB/T 7714 document-type codes of CSL items (no formatter needed to read them). */
import type { CslItem } from './csl.js';

/** GB/T 7714 type code for an item: the one it was read with, else from its CSL type. */
export function typeCode(item: CslItem): string {
  const code = item.custom?.gbtType;
  if (typeof code === 'string' && code) return code;
  switch (item.type) {
    case 'article-journal':
    case 'article-magazine':
    case 'periodical':
      return 'J';
    case 'article-newspaper':
      return 'N';
    case 'paper-conference':
      return 'C';
    case 'thesis':
      return 'D';
    case 'report':
      return 'R';
    case 'standard':
      return 'S';
    case 'patent':
      return 'P';
    case 'dataset':
      return 'DS';
    case 'software':
      return 'CP';
    case 'map':
      return 'CM';
    case 'collection':
    case 'legislation':
    case 'regulation':
      return 'A';
    case 'webpage':
    case 'post':
    case 'post-weblog':
      return 'EB';
    case 'article':
      return 'PP';
    case 'book':
    case 'chapter':
    case 'classic':
    case 'entry':
    case 'entry-dictionary':
    case 'entry-encyclopedia':
      return 'M';
    default:
      return 'Z';
  }
}
