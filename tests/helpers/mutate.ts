/** fast-check arbitraries that damage an article the way real inputs are damaged. */
import fc from 'fast-check';

export const HOSTILE_PIECES = ['<', '&', ']]>', '&amp;', '\u0000', '\u0007', '\u001b', '\ud800', '\udc00', '\u200f', '\u202e', '\ufeff', '\ufffe', '*', '_', '`', '[@ref-1]', '<sup>', '\\', '#'];

const hostileChar = fc.oneof(
  fc.constantFrom(...HOSTILE_PIECES),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
);

/** The seed with blocks deleted, duplicated, shuffled, characters inserted, or truncated. */
export function mutatedSeed(seed: string): fc.Arbitrary<string> {
  const blocks = seed.split(/\n\s*\n/);
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: hostileChar }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  );
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => {
    let bs = blocks.slice();
    let tail: number | null = null;
    for (const m of ms) {
      const i = m.at % Math.max(1, bs.length);
      if (m.kind === 'delete') bs.splice(i, 1);
      else if (m.kind === 'duplicate') bs.splice(i, 0, bs[i] ?? '');
      else if (m.kind === 'swap') {
        const j = m.to % Math.max(1, bs.length);
        [bs[i], bs[j]] = [bs[j]!, bs[i]!];
      } else if (m.kind === 'insert') {
        const b = bs[i] ?? '';
        const k = b.length ? m.at % b.length : 0;
        bs[i] = b.slice(0, k) + m.text + b.slice(k);
      } else tail = m.at;
    }
    bs = bs.filter((b) => b !== undefined);
    let text = bs.join('\n\n');
    if (tail !== null) text = text.slice(0, Math.max(1, tail % Math.max(1, text.length)));
    return text;
  });
}
