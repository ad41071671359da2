/**
 * A TrueType file read in part: every table but the glyph outlines (`glyf`)
 * at once, and each glyph's outline (with the components of a composite
 * glyph) when the glyph is first used. The buffer has the file's size, but
 * its pages stay unallocated until written, so a 15 MB CJK font costs the
 * memory of its tables and of the few thousand glyphs an article uses.
 *
 * fontkit parses the buffer as if it were the whole file; the only rule is
 * that a glyph must be loaded (`loadGlyph`) before fontkit looks at it.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { forEachComponent, tableDirectory } from './subset.js';

export interface SparseFontFile {
  bytes: Uint8Array;
  /** Make sure the outline of glyph `id` (and its components) is in `bytes`. */
  loadGlyph(id: number): void;
}

function readAt(fd: number, buf: Buffer, offset: number, length: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, offset + done, length - done, offset + done);
    if (n <= 0) throw new Error('font file ended early');
    done += n;
  }
}

/** Read a font file sparsely; fonts without a `glyf` table (CFF, collections) are read whole. */
export function readSparseFont(path: string): SparseFontFile {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(size);
    readAt(fd, buf, 0, Math.min(12, size));
    const version = buf.readUInt32BE(0);
    if (version !== 0x00010000 && version !== 0x74727565) return whole(path);
    const numTables = buf.readUInt16BE(4);
    readAt(fd, buf, 12, numTables * 16);
    const tables = tableDirectory(buf);
    const glyf = tables.get('glyf');
    const loca = tables.get('loca');
    const head = tables.get('head');
    if (!glyf || !loca || !head) return whole(path);
    for (const [tag, t] of tables) {
      if (tag === 'glyf') continue;
      if (t.offset + t.length > size) throw new Error(`font table ${tag} lies outside the file`);
      readAt(fd, buf, t.offset, t.length);
    }
    const longOffsets = buf.readInt16BE(head.offset + 50) === 1;
    const glyphCount = Math.floor(loca.length / (longOffsets ? 4 : 2)) - 1;
    const locate = (id: number): [number, number] =>
      longOffsets
        ? [buf.readUInt32BE(loca.offset + id * 4), buf.readUInt32BE(loca.offset + id * 4 + 4)]
        : [buf.readUInt16BE(loca.offset + id * 2) * 2, buf.readUInt16BE(loca.offset + id * 2 + 2) * 2];
    const loaded = new Uint8Array(Math.max(0, glyphCount));
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    // kept open for the process's glyph reads (fonts are loaded once per process)
    let reader: number | undefined;
    const loadGlyph = (id: number): void => {
      if (id < 0 || id >= glyphCount || loaded[id]) return;
      loaded[id] = 1;
      const [start, end] = locate(id);
      if (end <= start) return;
      const at = glyf.offset + start;
      if (glyf.offset + end > size) throw new Error(`glyph ${id} lies outside the font file`);
      reader ??= openSync(path, 'r');
      readAt(reader, buf, at, end - start);
      // a composite glyph: load its components too
      forEachComponent(view, at, glyf.offset + end, (idAt) => loadGlyph(buf.readUInt16BE(idAt)));
    };
    // .notdef: every subset begins with it
    loadGlyph(0);
    return { bytes: buf, loadGlyph };
  } finally {
    closeSync(fd);
  }
}

function whole(path: string): SparseFontFile {
  return { bytes: readFileSync(path), loadGlyph: () => undefined };
}
