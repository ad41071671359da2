/**
 * Character-level safety for JATS output: XML 1.0 allows only some code
 * points, and ids must be ASCII names.
 */

/**
 * Remove what XML 1.0 forbids: C0 controls other than tab, newline and
 * carriage return; unpaired surrogates; U+FFFE and U+FFFF.
 */
export function cleanXmlText(value: string): string {
  // Fast path: most text has nothing to strip.
  if (!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/.test(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += value[i]! + value[i + 1]!;
        i++;
      }
      continue; // lone high surrogate
    }
    if (code >= 0xdc00 && code <= 0xdfff) continue; // lone low surrogate
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue;
    if (code === 0xfffe || code === 0xffff) continue;
    out += value[i]!;
  }
  return out;
}

/** An ASCII XML name usable as an `id` (`aff1`, `T1`, `B12`). */
export function isAsciiId(value: string | undefined): value is string {
  return typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(value);
}

/** Text contains Han characters (used to tag Chinese references). */
export function hasHan(value: string): boolean {
  return /\p{Script=Han}/u.test(value);
}
