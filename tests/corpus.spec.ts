/**
 * The shared corpus (../shared/corpus/chinaxiv, 146 real articles): every
 * article builds without an exception and gives DTD-valid JATS; each problem
 * the pipeline cannot resolve is a finding. Skipped when ../shared is absent.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toJats, validateJats } from '../src/jats/index.js';
import { corpusFiles, HAS_CORPUS, model } from './helpers/seed.js';

if (!HAS_CORPUS) console.warn('skipped: ../shared/corpus/chinaxiv is not present');

describe.skipIf(!HAS_CORPUS)('shared corpus', () => {
  it('every article builds, gives DTD-valid JATS, and reports what it could not resolve', () => {
    const invalid: string[] = [];
    let withFindings = 0;
    const files = corpusFiles();
    expect(files).toHaveLength(146);
    for (const f of files) {
      const { tree, file } = model(readFileSync(f, 'utf8'), f);
      if (file.messages.some((m) => m.fatal !== undefined)) withFindings++;
      const v = validateJats(toJats(tree));
      const dtd = v.errors.filter((e) => e.ruleId === 'jats-dtd' || e.ruleId === 'jats-xml-malformed' || e.ruleId === 'jats-rid-unresolved');
      if (dtd.length) invalid.push(`${path.basename(f)}: ${dtd[0]!.message}`);
    }
    expect(invalid).toEqual([]);
    expect(withFindings).toBeGreaterThan(0);
  });
});
