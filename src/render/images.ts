/**
 * Find figure images beside the input and read their pixel size from the
 * file header (PNG IHDR, JPEG SOFn), without decoding them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { ImageInfo } from '../layout/journal.js';

export function imageSize(bytes: Uint8Array): { format: 'png' | 'jpeg'; width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = bytes[i + 1]!;
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      const length = view.getUint16(i + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) return { format: 'jpeg', height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
      i += 2 + length;
    }
  }
  return null;
}

/** Images referenced by `url`s that exist as PNG or JPEG files under `inputDir`. */
export function findImages(urls: Iterable<string>, inputDir: string | undefined): Record<string, ImageInfo> {
  const out: Record<string, ImageInfo> = {};
  for (const url of urls) {
    if (/^[a-z]+:\/\//i.test(url)) continue;
    const path = isAbsolute(url) ? url : resolve(inputDir ?? process.cwd(), url);
    if (!existsSync(path)) continue;
    try {
      const size = imageSize(readFileSync(path));
      if (size && size.width > 0 && size.height > 0) out[url] = { path, ...size };
    } catch {
      // unreadable: the figure keeps its placeholder
    }
  }
  return out;
}
