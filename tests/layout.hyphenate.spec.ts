import { describe, expect, it } from 'vitest';
import { hyphenationPoints, tokenHyphenation } from '../src/layout/hyphenate.js';

describe('hyphenation points of English words', () => {
  it('follow the US English TeX patterns, two letters before and three after at least', () => {
    expect(hyphenationPoints('erythematosus')).toEqual([3, 6, 10]); // ery-the-mato-sus
    expect(hyphenationPoints('mesenchymal')).toEqual([3, 8]); // mes-enchy-mal
    expect(hyphenationPoints('Immunology')).toEqual([2, 7]); // Im-munol-ogy
    expect(hyphenationPoints('therapy')).toEqual([4]);
  });

  it('leave short words, capitals inside, digits, compounds and slashes alone', () => {
    for (const w of ['stem', 'cells', 'MSCs', 'SLE', 'mRNA']) expect(hyphenationPoints(w), w).toEqual([]);
    expect(tokenHyphenation([...'cell-derived'])).toEqual([]);
    expect(tokenHyphenation([...'IL10cytokines'])).toEqual([]);
    expect(tokenHyphenation([...'CD4expressing'])).toEqual([]);
    expect(tokenHyphenation([...'and/or/therapeutic'])).toEqual([]);
    // a word inside brackets: offsets in the token
    expect(tokenHyphenation([...'(therapy)'])).toEqual([5]);
  });
});
