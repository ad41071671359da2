/** File output: atomic writes (temp file + rename), only below the output folder. */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Temporary names: the process id and a counter (unique within the process, and between processes). */
let tmpCounter = 0;
const tmpName = (file: string) => `${file}.${process.pid}.${(tmpCounter++).toString(36)}.tmp`;

export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  // Synchronous inside: a build writes a few dozen small files and waits for each
  // anyway; the thread pool's round trips cost more than the writes.
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tmpName(file);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** A safe folder name from an input file name (never from document content). */
export function outputStem(inputPath: string): string {
  const base = path.basename(inputPath).replace(/\.(txt|md|markdown|xml|jats)$/i, '');
  const safe = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_').slice(0, 120);
  return safe || 'article';
}

/** Resolve `name` inside `dir`, refusing anything that escapes it. */
export function inside(dir: string, name: string): string {
  const root = path.resolve(dir);
  const full = path.resolve(root, name);
  if (full !== root && !full.startsWith(root + path.sep)) throw new Error(`refusing to write outside ${root}: ${name}`);
  return full;
}

/**
 * A JSON array written element by element, in index order whatever order the
 * elements arrive in: a batch's report or findings are never held whole.
 * `write` receives the text in pieces; together they are
 * `JSON.stringify(elements, null, 2)` indented by `indent` spaces after the
 * first line.
 */
export class OrderedJsonArray {
  private readonly waiting = new Map<number, unknown[]>();
  private next = 0;
  private count = 0;
  constructor(
    private readonly write: (text: string) => void,
    private readonly indent = 0,
  ) {
    write('[');
  }

  /** The elements of slot `index` (several, or none). */
  add(index: number, elements: unknown[]): void {
    this.waiting.set(index, elements);
    while (this.waiting.has(this.next)) {
      const ready = this.waiting.get(this.next)!;
      this.waiting.delete(this.next++);
      const pad = ' '.repeat(this.indent + 2);
      for (const e of ready) {
        const text = JSON.stringify(e, null, 2).replace(/\n/g, `\n${pad}`);
        this.write(`${this.count++ ? ',' : ''}\n${pad}${text}`);
      }
    }
  }

  end(): void {
    this.write(this.count ? `\n${' '.repeat(this.indent)}]` : ']');
  }
}

/** A file written piece by piece to a temporary name and renamed into place at the end. */
export class StreamedFile {
  private readonly tmp: string;
  private readonly fd: number;
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.tmp = tmpName(file);
    this.fd = openSync(this.tmp, 'w');
  }
  write = (text: string): void => {
    writeSync(this.fd, text);
  };
  finish(): void {
    closeSync(this.fd);
    renameSync(this.tmp, this.file);
  }
  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.tmp, { force: true });
  }
}
