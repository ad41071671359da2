/**
 * The `tiny-inflate` interface on Node's zlib. fontkit and linebreak read
 * their Unicode tables (unicode-trie) through tiny-inflate, a raw-DEFLATE
 * decoder in JavaScript, when they load; zlib does the same in native code,
 * several times faster. The single-file build uses this in place of
 * tiny-inflate (scripts/bundle.ts); the output is the same bytes (tested).
 */
import { inflateRawSync } from 'node:zlib';

/**
 * Inflate raw DEFLATE `source` into `dest`; returns `dest`, or its filled
 * part when the data is shorter. As tiny-inflate, output beyond `dest` is
 * dropped.
 */
export default function inflate(source: Uint8Array, dest: Uint8Array): Uint8Array {
  const out = inflateRawSync(source);
  if (out.length >= dest.length) {
    dest.set(out.subarray(0, dest.length));
    return dest;
  }
  dest.set(out);
  return dest.slice(0, out.length);
}
