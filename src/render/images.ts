/**
 * Figure images from untrusted input. A figure's `url` names a file beside
 * the input; `resolveFigureImage` is the only way the pipeline reads one, for
 * the copy next to the outputs and for the PDF alike:
 *
 * - the url must be a plain relative path (no scheme, not absolute, no `..`
 *   segment, no backslash, no NUL or other control character);
 * - the file, after following symlinks, must lie inside the input's folder
 *   (also after following symlinks);
 * - it must be a regular file (not a FIFO, device, socket or directory) of at
 *   most `MAX_IMAGE_BYTES`, named `.png`, `.jpg` or `.jpeg`, whose bytes start
 *   with the PNG or JPEG signature and give a pixel size of at most
 *   `MAX_IMAGE_PIXELS`.
 *
 * The bytes are read once, with a bounded read on a non-blocking descriptor,
 * and handed on: nothing downstream opens the path again.
 *
 * `imageSize` reads the pixel size from the file header (PNG IHDR, JPEG SOFn)
 * without decoding the image.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { ImageInfo } from '../layout/journal.js';

/** Largest image file read (bytes). */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
/** Largest pixel count accepted (a PNG is decoded whole when embedded in the PDF). */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** The output folder's subfolder that holds copied figure images. */
export const FIGURES_DIR = 'figures';

const EXTENSION = /\.(png|jpe?g)$/i;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** An image the resolver approved: its bytes, format and pixel size. */
export interface ApprovedImage extends ImageInfo {
  /** The url as written in the model. */
  url: string;
  /** The url normalized (`images/a.png`), the name below the input folder. */
  relative: string;
  bytes: Uint8Array;
}

export type ImageRefusal = 'missing' | 'remote' | 'outside' | 'not-file' | 'too-large' | 'not-image';

export type ImageResolution = { ok: true; image: ApprovedImage } | { ok: false; reason: ImageRefusal; detail: string };

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

/** Does `bytes` start with the PNG or the JPEG signature? */
export function imageSignature(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

/** A url with a scheme (`https:`, `file:`, `data:`; also a drive letter `C:`). */
export function hasScheme(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

/**
 * The url as a safe relative path (`./images//a.png` → `images/a.png`), or
 * null when it has a scheme, is absolute, climbs out with `..`, or holds a
 * backslash or a control character.
 */
export function safeRelativeUrl(url: string): string | null {
  if (!url || hasScheme(url) || /[\\\u0000-\u001f\u007f]/.test(url)) return null;
  if (url.startsWith('/') || path.win32.isAbsolute(url)) return null;
  const segments = url.split('/').filter((s) => s !== '' && s !== '.');
  if (!segments.length || segments.includes('..')) return null;
  return segments.join('/');
}

/**
 * Where a figure's image is linked from the Markdown and JATS outputs, and
 * under which name it is copied into the output folder: `figures/<url>`
 * (`images/a.jpg` → `figures/images/a.jpg`). A url already below `figures/`
 * keeps its name, so an output folder built again as input gives the same
 * links. Remote http(s) URLs are kept as written; any other url (absolute,
 * `..`, other schemes) is not written (undefined).
 */
export function figureOutputUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (/^https?:\/\//i.test(url)) return url;
  const rel = safeRelativeUrl(url);
  if (!rel) return undefined;
  return rel.startsWith(`${FIGURES_DIR}/`) ? rel : `${FIGURES_DIR}/${rel}`;
}

const isInside = (root: string, full: string) => full.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;

/**
 * Resolve and read the image a figure names, relative to `inputDir`; see the
 * module comment for what is refused. Never blocks on a FIFO and never reads
 * more than `MAX_IMAGE_BYTES` + 1 bytes.
 */
export function resolveFigureImage(url: string, inputDir: string): ImageResolution {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return { ok: false, reason: 'remote', detail: 'a URL, not a file beside the input (not fetched)' };
  const rel = safeRelativeUrl(url);
  if (!rel) return { ok: false, reason: 'outside', detail: 'outside the input folder (only relative paths below it are read)' };
  let root: string;
  try {
    root = realpathSync(inputDir);
  } catch {
    return { ok: false, reason: 'missing', detail: 'not found beside the input' };
  }
  let real: string;
  try {
    real = realpathSync(path.join(root, ...rel.split('/')));
  } catch {
    // Missing, a dangling symlink or a symlink loop: nothing to read.
    return { ok: false, reason: 'missing', detail: 'not found beside the input' };
  }
  if (!isInside(root, real)) return { ok: false, reason: 'outside', detail: 'outside the input folder (after following symlinks)' };
  let st: Stats;
  try {
    st = statSync(real);
  } catch {
    return { ok: false, reason: 'missing', detail: 'not found beside the input' };
  }
  if (!st.isFile()) return { ok: false, reason: 'not-file', detail: `not a regular file (${kindOf(st)})` };
  if (st.size > MAX_IMAGE_BYTES) return { ok: false, reason: 'too-large', detail: `too large (${mb(st.size)}; at most ${mb(MAX_IMAGE_BYTES)})` };
  if (!EXTENSION.test(rel)) return { ok: false, reason: 'not-image', detail: 'not PNG or JPEG (only .png, .jpg and .jpeg files are read)' };

  let bytes: Uint8Array;
  let fd: number;
  try {
    // Non-blocking: should the file have become a FIFO since the stat, opening returns at once.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return { ok: false, reason: 'missing', detail: 'cannot be opened' };
  }
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile() || fst.dev !== st.dev || fst.ino !== st.ino) return { ok: false, reason: 'not-file', detail: 'not a regular file (changed while read)' };
    if (fst.size > MAX_IMAGE_BYTES) return { ok: false, reason: 'too-large', detail: `too large (${mb(fst.size)}; at most ${mb(MAX_IMAGE_BYTES)})` };
    // At most one byte past the limit: a file that grows while read is caught, never followed.
    const buffer = Buffer.alloc(Math.min(fst.size, MAX_IMAGE_BYTES) + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > MAX_IMAGE_BYTES) return { ok: false, reason: 'too-large', detail: `too large (more than ${mb(MAX_IMAGE_BYTES)})` };
    bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, length);
  } catch {
    return { ok: false, reason: 'not-file', detail: 'cannot be read' };
  } finally {
    closeSync(fd);
  }

  const signature = imageSignature(bytes);
  const size = signature ? imageSize(bytes) : null;
  if (!signature || !size || size.format !== signature || size.width <= 0 || size.height <= 0)
    return { ok: false, reason: 'not-image', detail: 'not PNG or JPEG (no PNG or JPEG header with a pixel size)' };
  if (size.width * size.height > MAX_IMAGE_PIXELS)
    return { ok: false, reason: 'too-large', detail: `too large (${size.width}×${size.height} pixels; at most ${MAX_IMAGE_PIXELS / 1e6} million)` };
  return { ok: true, image: { url, relative: rel, path: real, bytes, ...size } };
}

/** The approved images of `urls` (by url), read once each; refused ones are left out (their figures get a placeholder). */
export function findImages(urls: Iterable<string>, inputDir: string | undefined): Record<string, ApprovedImage> {
  const out: Record<string, ApprovedImage> = {};
  if (!inputDir) return out;
  for (const url of new Set(urls)) {
    const r = resolveFigureImage(url, inputDir);
    if (r.ok) out[url] = r.image;
  }
  return out;
}
