/**
 * decode: bytes → text. Accepts UTF-8 (with or without BOM), UTF-16 with BOM
 * and GB18030/GBK; normalizes line ends to LF. Empty, binary and oversized
 * input is refused with a one-line reason.
 *
 * One rule for control characters wherever they occur: NUL and the other C0
 * controls (but tab, line feed, carriage return and form feed), DEL, and the
 * non-characters U+FFFE/U+FFFF make a file binary when they are more than 1 %
 * of it (at least 8); fewer are removed, and each removal is returned so the
 * caller reports it. Invalid UTF-16 (a lone surrogate) becomes U+FFFD, also
 * returned.
 */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: Encoding;
  crlf: boolean;
  /** Control characters removed: offset in the returned text where each stood, and its code. */
  removed: Array<{ offset: number; code: number }>;
  /** Invalid sequences replaced by U+FFFD (UTF-16 with a lone surrogate). */
  replaced: number;
}

/**
 * Largest input accepted, in bytes and in characters: far above any article
 * (the longest of 146 real ones is 0.1 MB), low enough that every stage stays
 * within its time and memory bounds on a hostile input of that size.
 */
export const MAX_INPUT_BYTES = 1024 * 1024;
export const MAX_INPUT_CHARS = 300_000;

/** The reason an input of `size` bytes is refused. */
export function sizeError(size: number, maxBytes = MAX_INPUT_BYTES): string {
  return `the file is ${(size / 1048576).toFixed(1)} MB; the largest article accepted is ${(maxBytes / 1048576).toFixed(0)} MB`;
}

/** Controls that have no place in text (see the module comment). */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffe\uffff]/g;

export function decode(bytes: Uint8Array, maxBytes = MAX_INPUT_BYTES): Decoded {
  if (bytes.length === 0) throw new DecodeError('the file is empty');
  if (bytes.length > maxBytes) throw new DecodeError(sizeError(bytes.length, maxBytes));
  let encoding: Encoding;
  let text: string;
  let replaced = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8-bom';
    text = strict('utf-8', bytes.subarray(3));
  } else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const body = bytes.subarray(2);
    try {
      text = strict(encoding, body);
    } catch {
      // A lone surrogate: keep the rest, mark each bad unit.
      text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
      replaced = countReplacements(text) - countReplacements(salvage(encoding, body));
      replaced = Math.max(1, replaced);
    }
  } else {
    try {
      text = strict('utf-8', bytes);
      encoding = 'utf-8';
    } catch {
      if (bytes.includes(0)) throw new DecodeError('the file is binary, not text');
      try {
        text = strict('gb18030', bytes);
        encoding = 'gb18030';
      } catch {
        throw new DecodeError('the file is neither UTF-8, UTF-16 with a byte order mark, nor GB18030/GBK text');
      }
    }
  }
  if (text.length > MAX_INPUT_CHARS) {
    throw new DecodeError(`the file has ${text.length} characters; the largest article accepted has ${MAX_INPUT_CHARS}`);
  }
  const crlf = text.includes('\r');
  if (crlf) text = text.replace(/\r\n?/g, '\n');
  const controls = countControls(text);
  if (controls > Math.max(8, text.length / 100)) throw new DecodeError('the file is binary, not text');
  const removed: Decoded['removed'] = [];
  if (controls) {
    let shift = 0;
    text = text.replace(CONTROL, (c, offset: number) => {
      removed.push({ offset: offset - shift++, code: c.charCodeAt(0) });
      return '';
    });
  }
  if (text.trim() === '') throw new DecodeError('the file has no text (only white space)');
  return { text, encoding, crlf, removed, replaced };
}

function strict(label: string, bytes: Uint8Array): string {
  return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
}

/** U+FFFD already in the file, as opposed to those the lenient decoder put in. */
function salvage(encoding: string, bytes: Uint8Array): string {
  // The file's own U+FFFD (FD FF / FF FD) are the only ones a decoder leaves when every unit is valid.
  const out: string[] = [];
  const le = encoding === 'utf-16le';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const unit = le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    if (unit === 0xfffd) out.push('\ufffd');
  }
  return out.join('');
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

function countControls(text: string): number {
  CONTROL.lastIndex = 0;
  let n = 0;
  while (CONTROL.exec(text)) n++;
  return n;
}
