/**
 * TrueType subsets for embedding, written from the font's raw tables: the
 * glyph outlines are copied as bytes (component glyph ids renumbered), never
 * decoded. The result is byte for byte what fontkit 2's `TTFSubset` writes
 * for the same glyphs (tested), without decoding every outline into points
 * first, which is most of fontkit's cost here.
 *
 * Tables written, as fontkit does: head, hhea, loca, maxp, cvt, prep, glyf,
 * hmtx, fpgm (what a PDF needs of an embedded TrueType font).
 */

export interface TableRecord {
  offset: number;
  length: number;
}

/** The table directory of a TrueType file. */
export function tableDirectory(bytes: Uint8Array): Map<string, TableRecord> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numTables = view.getUint16(4);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    tables.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return tables;
}

/**
 * Calls `use(at)` with the offset of each component's glyph id in the composite
 * glyph whose outline starts at `start` in `view` (nothing for a simple glyph).
 */
export function forEachComponent(view: DataView, start: number, end: number, use: (glyphIdAt: number) => void): void {
  if (view.getInt16(start) >= 0) return;
  let p = start + 10;
  for (;;) {
    const flags = view.getUint16(p);
    use(p + 2);
    p += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) p += 2;
    else if (flags & 0x0040) p += 4;
    else if (flags & 0x0080) p += 8;
    if (!(flags & 0x0020) || p + 4 > end) break;
  }
}

const ORDER = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;

export class TrueTypeSubset {
  /** Glyph ids of the font, in the order of the subset's ids. */
  readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();
  private readonly view: DataView;
  private readonly tables: Map<string, TableRecord>;
  private readonly longLoca: boolean;

  /**
   * @param bytes the font file (outlines of the glyphs to include must be present)
   * @param loadGlyph called before a glyph's outline is read (for sparsely read files)
   */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly loadGlyph: (id: number) => void = () => undefined,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.tables = tableDirectory(bytes);
    for (const tag of ['head', 'hhea', 'loca', 'maxp', 'glyf', 'hmtx']) if (!this.tables.has(tag)) throw new Error(`TrueType subset: no ${tag} table`);
    this.longLoca = this.view.getInt16(this.table('head').offset + 50) === 1;
    this.includeGlyph(0);
  }

  /** A copy of a byte range (Buffer.slice would share the font's memory). */
  private copy(start: number, end: number): Uint8Array {
    return new Uint8Array(this.bytes.subarray(start, end));
  }

  private table(tag: string): TableRecord {
    return this.tables.get(tag)!;
  }

  /** The subset's id for a glyph of the font (added on first use). */
  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'number' ? glyph : glyph.id;
    let mapped = this.mapping.get(id);
    if (mapped === undefined) {
      mapped = this.glyphs.push(id) - 1;
      this.mapping.set(id, mapped);
    }
    return mapped;
  }

  private location(id: number): [number, number] {
    const loca = this.table('loca').offset;
    return this.longLoca
      ? [this.view.getUint32(loca + id * 4), this.view.getUint32(loca + id * 4 + 4)]
      : [this.view.getUint16(loca + id * 2) * 2, this.view.getUint16(loca + id * 2 + 2) * 2];
  }

  private metrics(id: number): [number, number] {
    const hmtx = this.table('hmtx').offset;
    const count = this.view.getUint16(this.table('hhea').offset + 34);
    if (id < count) return [this.view.getUint16(hmtx + id * 4), this.view.getInt16(hmtx + id * 4 + 2)];
    return [this.view.getUint16(hmtx + (count - 1) * 4), this.view.getInt16(hmtx + count * 4 + (id - count) * 2)];
  }

  /** The outline bytes of a glyph, its components renumbered (which includes them). */
  private glyphBytes(id: number): Uint8Array {
    this.loadGlyph(id);
    const [start, end] = this.location(id);
    const glyf = this.table('glyf').offset;
    if (end <= start) return new Uint8Array(0);
    const out = this.copy(glyf + start, glyf + end);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    forEachComponent(view, 0, out.length, (at) => view.setUint16(at, this.includeGlyph(view.getUint16(at))));
    return out;
  }

  encode(): Uint8Array {
    const outlines: Uint8Array[] = [];
    // components found on the way are appended to `glyphs` and encoded in turn
    for (let i = 0; i < this.glyphs.length; i++) outlines.push(this.glyphBytes(this.glyphs[i]!));
    const n = outlines.length;
    const raw = (tag: string) => {
      const t = this.tables.get(tag);
      return t ? this.copy(t.offset, t.offset + t.length) : undefined;
    };
    const head = raw('head')!;
    new DataView(head.buffer).setInt16(50, this.longLoca ? 1 : 0);
    const hhea = raw('hhea')!;
    new DataView(hhea.buffer).setUint16(34, n);
    const maxp = raw('maxp')!;
    new DataView(maxp.buffer).setUint16(4, n);
    const loca = new Uint8Array((n + 1) * (this.longLoca ? 4 : 2));
    const locaView = new DataView(loca.buffer);
    let offset = 0;
    for (let i = 0; i <= n; i++) {
      if (this.longLoca) locaView.setUint32(i * 4, offset);
      else locaView.setUint16(i * 2, offset >>> 1);
      if (i < n) offset += outlines[i]!.length;
    }
    const glyf = new Uint8Array(offset);
    offset = 0;
    for (const o of outlines) {
      glyf.set(o, offset);
      offset += o.length;
    }
    const hmtx = new Uint8Array(n * 4);
    const hmtxView = new DataView(hmtx.buffer);
    this.glyphs.forEach((id, i) => {
      const [advance, bearing] = this.metrics(id);
      hmtxView.setUint16(i * 4, advance);
      hmtxView.setInt16(i * 4 + 2, bearing);
    });
    const data: Record<(typeof ORDER)[number], Uint8Array | undefined> = {
      head,
      hhea,
      loca,
      maxp,
      'cvt ': raw('cvt '),
      prep: raw('prep'),
      glyf,
      hmtx,
      fpgm: raw('fpgm'),
    };
    const present = ORDER.filter((tag) => data[tag] !== undefined);
    const count = present.length;
    const exponent = Math.floor(Math.log2(count));
    const searchRange = 2 ** exponent * 16;
    let size = 12 + 16 * count;
    for (const tag of present) size += data[tag]!.length;
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    out.set([0x74, 0x72, 0x75, 0x65], 0); // 'true', as fontkit writes it
    view.setUint16(4, count);
    view.setUint16(6, searchRange);
    view.setUint16(8, exponent);
    view.setUint16(10, count * 16 - searchRange);
    let at = 12 + 16 * count;
    present.forEach((tag, i) => {
      const entry = 12 + i * 16;
      for (let k = 0; k < 4; k++) out[entry + k] = tag.charCodeAt(k);
      view.setUint32(entry + 4, 0); // fontkit writes no checksums
      view.setUint32(entry + 8, at);
      view.setUint32(entry + 12, data[tag]!.length);
      out.set(data[tag]!, at);
      at += data[tag]!.length;
    });
    return out;
  }
}
