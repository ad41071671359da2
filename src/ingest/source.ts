/** Source text with offset → line:column mapping, split into blank-line separated blocks. */
import type { Point, Position } from 'unist';
import { toSourceOffset, type OffsetMap } from './clean.js';

/**
 * Line and column of offsets. With a map, offsets are into a cleaned copy of
 * `text` (see clean.ts) and are mapped back to the text as written.
 */
export class SourceText {
  readonly text: string;
  private readonly lineStarts: number[];
  private readonly map: OffsetMap | undefined;

  constructor(text: string, map?: OffsetMap) {
    this.text = text;
    this.map = map;
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  point(at: number): Point {
    const offset = toSourceOffset(this.map, at);
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1, offset };
  }

  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }
}

export interface Line {
  text: string;
  start: number;
  end: number;
}

export interface Block {
  lines: Line[];
  /** Lines joined by \n. */
  text: string;
  start: number;
  end: number;
}

/** Split into blocks separated by lines holding only white space. Lines keep their offsets; text is trimmed at the ends. */
export function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Line[] = [];
  let offset = 0;
  const flush = () => {
    if (current.length) {
      blocks.push({
        lines: current,
        text: current.map((l) => l.text).join('\n'),
        start: current[0]!.start,
        end: current[current.length - 1]!.end,
      });
      current = [];
    }
  };
  for (const raw of text.split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    if (raw.trim() === '') {
      flush();
      continue;
    }
    // Trim, keeping offsets exact.
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    current.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
  }
  flush();
  return blocks;
}

/** A line or block with its start offset moved past a matched prefix. */
export function sliceLine(line: Line, from: number, to = line.text.length): Line {
  return { text: line.text.slice(from, to), start: line.start + from, end: line.start + to };
}

/** Trim a line, keeping offsets exact. */
export function trimLine(line: Line): Line {
  const lead = line.text.length - line.text.trimStart().length;
  const t = line.text.trim();
  return { text: t, start: line.start + lead, end: line.start + lead + t.length };
}
