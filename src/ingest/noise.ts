/**
 * Lines that are not the article: the preprint server's watermark, running
 * heads repeated on every page, a manuscript's line numbers. Each is removed
 * with a finding that quotes it (see index.ts).
 */
import { sliceLine, type Line } from './source.js';

const WATERMARK = /^C\s*hina\s*X\s*iv\s*合作期刊$/i;
/** Word's revision balloons exported with the text (`带格式的：正文`). */
const REVISION_NOTE = /^(?:带格式的|删除的内容|批注\s*\[)/;

/** A word processor's revision note (`带格式的：字体…`), or an extracted table holding nothing else. */
export function isRevisionNote(text: string): boolean {
  if (REVISION_NOTE.test(text)) return true;
  if (!/^(?:<html>\s*<body>\s*)?<table[\s>]/i.test(text)) return false;
  const cells = [...text.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/gi)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim()).filter(Boolean);
  return cells.length > 0 && cells.every((c) => REVISION_NOTE.test(c));
}

/** Short lines printed three times or more: running heads and footers. */
export function repeatedLines(lines: Line[]): Set<string> {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const key = noiseKey(l.text);
    if (key.length < 2 || key.length > 30 || /^[#!<|]/.test(l.text) || /^\d+$/.test(key)) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 3).map(([k]) => k));
}

function noiseKey(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Why this line is not part of the article, or null. */
export function noiseReason(text: string, repeated: Set<string>): string | null {
  if (WATERMARK.test(text.trim())) return 'the preprint server’s watermark';
  if (isRevisionNote(text)) return 'a word processor’s revision note';
  // `$$` lines open and close display formulas, however many there are.
  if (repeated.has(noiseKey(text)) && !/^\$\$|\$\$$/.test(text.trim())) return 'a running head repeated on every page';
  return null;
}

const LEADING_NUMBER = /^(\d{1,4})(?=[\s\u3000]|[\u4e00-\u9fff（(【])[\s\u3000]*/;

/**
 * A manuscript with numbered lines (`12 本试验旨在…`): the numbers rise line by
 * line. Returns the lines with the numbers cut off, and how many were cut;
 * a text without such numbering comes back unchanged.
 */
export function stripLineNumbers(lines: Line[]): { lines: Line[]; stripped: number } {
  const accepted = new Array<boolean>(lines.length).fill(false);
  let previous = -1;
  let steps = 0;
  let numbered = 0;
  let first = -1;
  lines.forEach((l, i) => {
    const m = LEADING_NUMBER.exec(l.text);
    if (!m) return;
    const n = Number(m[1]);
    numbered++;
    // Numbers printed with their last digits only wrap (`…8 9 0 1…`).
    const wraps = previous >= 0 && n < previous && (n === (previous + 1) % 10 || n === (previous + 1) % 100);
    if (previous < 0 || (n > previous && n <= previous + 60) || wraps) {
      if (wraps) steps++;
      if (n === previous + 1) steps++;
      if (first < 0) first = i;
      accepted[i] = true;
      previous = n;
    }
  });
  // Numbering runs from the first page: a numbered reference list alone is not it.
  if (steps < 12 || steps < numbered * 0.5 || first > 20) return { lines, stripped: 0 };
  let stripped = 0;
  const out = lines.map((l, i) => {
    if (!accepted[i]) return l;
    const m = LEADING_NUMBER.exec(l.text)!;
    if (m[0].length >= l.text.length) return l;
    stripped++;
    return sliceLine(l, m[0].length);
  });
  return { lines: out, stripped };
}
