/**
 * Literal asterisks without backslashes. The Markdown writer escapes every
 * `*` of the text that might open or close emphasis (`L\*`, `a\*24h`), which
 * readers of the file see as noise. Per block (the text between blank lines),
 * the escapes are dropped when, by the CommonMark flanking rules, no `*` run
 * of the block could open emphasis before another could close it. Where a
 * bare `*` would mean something (emphasis could form in the block; a bullet,
 * `* ` at a line start; a thematic break), the escaped asterisks become the
 * character reference `&#42;`, which every CommonMark reader (pandoc, MyST)
 * reads as `*` and never as a delimiter.
 */

const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/u;

interface Run {
  start: number;
  end: number;
}

export function unescapeAsterisks(markdown: string): string {
  if (!markdown.includes('\\*')) return markdown;
  const body = bodyStart(markdown);
  const lines = markdown.slice(body).split('\n');
  let fence = false;
  let block: number[] = [];
  const flush = () => {
    if (block.some((k) => lines[k]!.includes('\\*'))) {
      const rewritten = rewriteBlock(block.map((k) => lines[k]!).join('\n')).split('\n');
      block.forEach((k, n) => (lines[k] = rewritten[n]!));
    }
    block = [];
  };
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    if (/^[ \t]*(?:```|~~~)/.test(line)) {
      flush();
      fence = !fence;
    } else if (fence) continue;
    else if (line.trim() === '') flush();
    else block.push(k);
  }
  flush();
  return markdown.slice(0, body) + lines.join('\n');
}

/** Where the body starts: after YAML front matter, if any. */
function bodyStart(markdown: string): number {
  if (!markdown.startsWith('---\n')) return 0;
  const end = markdown.indexOf('\n---\n', 3);
  return end === -1 ? 0 : end + 5;
}

function rewriteBlock(block: string): string {
  const lines = block.split('\n');
  const plain = lines.map((line) => (keepsEscapes(line) ? line.replace(/(?<!\\)\\\*/g, '&#42;') : dropEscapes(line))).join('\n');
  return emphasisPossible(plain) ? block.replace(/(?<!\\)\\\*/g, '&#42;') : plain;
}

/** A line whose escaped asterisks are structure, not text: a bullet, or a thematic break. */
function keepsEscapes(line: string): boolean {
  return /^[ \t]*\\\*(?:[ \t]|$)/.test(line) || /^[ \t]*(?:\\?\*[ \t]*){3,}$/.test(line);
}

/** `\*` → `*`, leaving `\\*` (an escaped backslash before a delimiter) alone. */
function dropEscapes(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      if (line[i + 1] === '*') {
        out += '*';
        i++;
        continue;
      }
      out += c + line[i + 1];
      i++;
      continue;
    }
    out += c;
  }
  return out;
}

/** Unescaped `*` runs of a block, in order. */
function runs(text: string): Run[] {
  const out: Run[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c !== '*') continue;
    let j = i;
    while (text[j + 1] === '*') j++;
    out.push({ start: i, end: j + 1 });
    i = j;
  }
  return out;
}

/** Could some run open emphasis that a later run closes? */
function emphasisPossible(text: string): boolean {
  let opener = false;
  for (const run of runs(text)) {
    const before = text[run.start - 1] ?? '\n';
    const after = text[run.end] ?? '\n';
    if (opener && rightFlanking(before, after)) return true;
    if (leftFlanking(before, after)) opener = true;
  }
  return false;
}

function leftFlanking(before: string, after: string): boolean {
  if (WHITESPACE.test(after)) return false;
  return !PUNCTUATION.test(after) || WHITESPACE.test(before) || PUNCTUATION.test(before);
}

function rightFlanking(before: string, after: string): boolean {
  if (WHITESPACE.test(before)) return false;
  return !PUNCTUATION.test(before) || WHITESPACE.test(after) || PUNCTUATION.test(after);
}
