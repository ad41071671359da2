/** The stages, in dependency order. The CLI and the runner only wire these together. */
import { ingest } from '../src/ingest/index.js';
import { normalize } from '../src/normalize/index.js';
import { toMarkdown } from '../src/markdown/stringify.js';
import { fromMarkdown } from '../src/markdown/parse.js';
import { enrich } from '../src/enrich/index.js';
import type { Stage } from './graph.js';

export const STAGES: Stage[] = [
  {
    name: 'read',
    version: '1',
    after: null,
    formats: [],
    options: () => null,
    cache: true,
    run: (input, ctx) => {
      if (input.kind === 'markdown') return { tree: fromMarkdown(input.text ?? '', ctx.file) };
      return { tree: ingest(input.text ?? '', ctx.file).tree };
    },
  },
  {
    name: 'normalize',
    version: '1',
    after: 'read',
    formats: [],
    options: () => null,
    cache: true,
    run: (input, ctx) => ({ tree: normalize(input.tree!, ctx.file) }),
  },
  {
    name: 'enrich',
    version: '1',
    after: 'normalize',
    formats: [],
    options: () => null,
    cache: true,
    run: (input, ctx) => ({ tree: enrich(input.tree!, ctx.file) }),
  },
  {
    name: 'markdown',
    version: '1',
    after: 'enrich',
    formats: ['md'],
    options: () => null,
    cache: true,
    run: (input) => ({ files: [{ name: 'article.md', data: toMarkdown(input.tree!) }] }),
  },
];
