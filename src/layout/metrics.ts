/**
 * A fixed-pitch `FontMetrics` without font files: CJK characters and
 * full-width marks one em, everything else half an em, spaces a quarter.
 * Deterministic geometry for tests and quick estimates; characters in
 * `missing` report no glyph.
 */
import { classify } from './chars.js';
import type { FontMetrics } from './types.js';

export function gridMetrics(missing: Iterable<string> = ['⁺', '⁻', '₁', '₂', '₃', '₄']): FontMetrics {
  const absent = new Set(missing);
  const unit = (ch: string) => {
    if (ch === ' ') return 0.25;
    const c = classify(ch);
    return c === 'latin' ? 0.5 : 1;
  };
  return {
    advance(_font, text, size) {
      let sum = 0;
      for (const ch of text) {
        if (absent.has(ch)) throw new Error(`no glyph for ${ch}`);
        sum += unit(ch);
      }
      return sum * size;
    },
    has(_font, ch) {
      return !absent.has(ch);
    },
    vertical() {
      return { ascent: 0.88, descent: -0.12 };
    },
  };
}
