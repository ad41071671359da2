/**
 * decode: bytes → text. Accepts UTF-8 (with or without BOM), UTF-16 with BOM
 * and GB18030/GBK; normalizes line ends to LF. Empty and binary input is
 * refused with a one-line reason.
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
}

/** Largest input accepted, in bytes. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

export function decode(bytes: Uint8Array, maxBytes = MAX_INPUT_BYTES): Decoded {
  if (bytes.length === 0) throw new DecodeError('the file is empty');
  if (bytes.length > maxBytes) {
    throw new DecodeError(
      `the file is ${(bytes.length / 1048576).toFixed(1)} MB; the largest article accepted is ${(maxBytes / 1048576).toFixed(0)} MB`,
    );
  }
  let encoding: Encoding;
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8-bom';
    text = strict('utf-8', bytes.subarray(3));
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    text = strict('utf-16le', bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    text = strict('utf-16be', bytes.subarray(2));
  } else {
    if (looksBinary(bytes)) throw new DecodeError('the file is binary, not text');
    try {
      text = strict('utf-8', bytes);
      encoding = 'utf-8';
    } catch {
      try {
        text = strict('gb18030', bytes);
        encoding = 'gb18030';
      } catch {
        throw new DecodeError('the file is neither UTF-8, UTF-16 with a byte order mark, nor GB18030/GBK text');
      }
    }
  }
  if (text === undefined) throw new DecodeError('the file could not be decoded');
  if (hasBinaryControls(text)) throw new DecodeError('the file is binary, not text');
  const crlf = text.includes('\r');
  if (crlf) text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new DecodeError('the file has no text (only white space)');
  return { text, encoding, crlf };
}

function strict(label: string, bytes: Uint8Array): string {
  const decoded = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  if (decoded === undefined) throw new DecodeError('undecodable');
  return decoded;
}

/** NUL bytes in the first 8 KB mark a binary file (UTF-16 is caught by its BOM first). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** More than 1% C0 controls (other than tab, LF, CR, FF) means binary. */
function hasBinaryControls(text: string): boolean {
  const n = Math.min(text.length, 65536);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0) bad++;
  }
  return bad > Math.max(8, n / 100);
}
