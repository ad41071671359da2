/**
 * A paragraph far longer than any an article prints (a whole extraction run
 * into one line) is set in pieces: line breaking holds a paragraph's every
 * glyph and breakpoint at once, so its memory grows with the paragraph. The
 * pieces end at a sentence end where one is near; each piece after the first
 * continues without an indent.
 */
import type { Inline } from './paragraph.js';

/** Characters of one piece; real paragraphs stay far below it. */
export const PIECE_CHARS = 6000;
const SENTENCE_END = /[。！？；.!?;]/g;

export function paragraphPieces(inlines: Inline[], max = PIECE_CHARS): Inline[][] {
  const pieces: Inline[][] = [];
  let current: Inline[] = [];
  let length = 0;
  for (const inline of inlines) {
    if (inline.kind !== 'text') {
      current.push(inline);
      length += 1;
      continue;
    }
    let text = inline.text;
    while (length + text.length > max) {
      const cut = cutAt(text, Math.max(1, max - length), max);
      current.push({ ...inline, text: text.slice(0, cut) });
      pieces.push(current);
      current = [];
      length = 0;
      text = text.slice(cut);
    }
    if (text) {
      current.push({ ...inline, text });
      length += text.length;
    }
  }
  if (current.length) pieces.push(current);
  return pieces;
}

/** Where to end a piece within `text`: after the last sentence end before `room`, else at `room` (not inside a surrogate pair). */
function cutAt(text: string, room: number, max: number): number {
  let best = -1;
  SENTENCE_END.lastIndex = Math.max(0, room - Math.floor(max / 4));
  let m: RegExpExecArray | null;
  while ((m = SENTENCE_END.exec(text)) && m.index < room) best = m.index + 1;
  let cut = best > 0 ? best : Math.min(room, text.length);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff && cut < text.length) cut++;
  return cut;
}
