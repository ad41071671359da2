import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The spec files that take longest, longest first. Two workers finish
 * together only when the long files start first; vitest orders by the
 * timings of earlier runs, and a fresh checkout has none (it would run these
 * small files, which import their tests, last).
 */
const LONGEST = ['corpus.ingest.b', 'corpus.ingest.a', 'bundle', 'security.batch', 'math', 'cli.options'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST.findIndex((name) => f.moduleId.endsWith(`/${name}.spec.ts`));
      return i < 0 ? LONGEST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    include: ['tests/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
    sequence: { sequencer: LongestFirst },
    globalSetup: ['tests/setup/tmpdir.ts'],
  },
});
