/**
 * Corpus-wide invariants of structure recognition, part 2 of 2 of the 146
 * articles of ../shared/corpus/chinaxiv (skipped when absent); the tests are
 * in tests/helpers/corpus-ingest.ts.
 */
import { HAS_CORPUS } from './helpers/seed.js';
import { corpusIngestTests } from './helpers/corpus-ingest.js';

if (!HAS_CORPUS) console.warn('corpus.ingest spec skipped: ../shared/corpus/chinaxiv is not present');
corpusIngestTests(1, 2);
