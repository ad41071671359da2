/** File output: atomic writes (temp file + rename), only below the output folder. */
import { accessSync, closeSync, constants as fsConstants, existsSync, mkdirSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';

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

/** An output folder name of a batch, and why it is not the input's own stem when it is not. */
export interface BatchStem {
  stem: string;
  /** The folder name from the input's file name (`outputStem`). */
  natural: string;
  /** When `stem` is not `natural`: the earlier input (or reserved name) that has `natural`. */
  clashWith?: string;
  /** `clashWith` is a reserved name, not an input. */
  reserved?: boolean;
}

/**
 * Distinct output folder names for the inputs of a batch, in input order: the
 * first input with a stem keeps it, the next get `<stem>-2`, `<stem>-3`, ...
 * (never a name another input has from its own file name). Names are compared
 * case-insensitively and after NFC normalization (case-insensitive and
 * normalizing file systems). `reserved`: names the batch itself writes
 * (`report.json`).
 */
export function batchStems(inputs: readonly string[], reserved: readonly string[] = []): BatchStem[] {
  const key = (s: string) => s.normalize('NFC').toLowerCase();
  const holder = new Map<string, { name: string; reserved: boolean }>(reserved.map((r) => [key(r), { name: r, reserved: true }]));
  const naturals = inputs.map((i) => outputStem(i));
  const wanted = new Set(naturals.map(key));
  return inputs.map((input, i) => {
    const natural = naturals[i]!;
    const first = holder.get(key(natural));
    if (!first) {
      holder.set(key(natural), { name: input, reserved: false });
      return { stem: natural, natural };
    }
    let n = 2;
    let stem = `${natural}-${n}`;
    while (holder.has(key(stem)) || wanted.has(key(stem))) stem = `${natural}-${++n}`;
    holder.set(key(stem), { name: input, reserved: false });
    return { stem, natural, clashWith: first.name, ...(first.reserved ? { reserved: true } : {}) };
  });
}

/** The real path of an existing file or folder (symlinks resolved, the file system's case), or null. */
export function realPath(p: string): string | null {
  try {
    return realpathSync.native(p);
  } catch {
    return null;
  }
}

/** Whether real path `file` is `dir` or below it. */
export function within(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** An error's message naming the input it is about (prefixed with the path unless it names it already). */
export function errorNaming(input: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes(input) ? message : `${input}: ${message}`;
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
    ensureOutputDir(path.dirname(file));
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

/**
 * Make sure `dir` is an ordinary, writable folder, creating the missing part
 * of its path one level at a time (a recursive mkdir loops for ever on paths
 * such as `/proc/x`). Throws an Error naming the folder and the reason.
 */
export function ensureOutputDir(dir: string): string {
  const root = path.resolve(dir);
  const missing: string[] = [];
  let at = root;
  for (;;) {
    let stat: import('node:fs').Stats | undefined;
    try {
      stat = statSync(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`output folder ${root}: ${at} cannot be read (${(error as NodeJS.ErrnoException).code})`);
    }
    if (stat) {
      if (!stat.isDirectory()) throw new Error(`output folder ${root}: ${at} exists and is not a folder`);
      break;
    }
    missing.unshift(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new Error(`output folder ${root}: cannot create ${d} (${code})`);
    }
  }
  try {
    accessSync(root, fsConstants.W_OK);
  } catch (error) {
    throw new Error(`output folder ${root} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return root;
}

/** Staging and retired folders of an article's output set: `.<stem>.new-<pid>-<n>`, `.<stem>.old-<pid>-<n>`. */
const SET_PART = /^\.(.+)\.(new|old)-(\d+)-[0-9a-z]+$/;
/** Temporary files of writeAtomic: `<name>.<pid>.<n>.tmp`. */
const TMP_FILE = /\.(\d+)\.[0-9a-z]+\.tmp$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Write an article's output files as one set: into a staging folder beside
 * the article's folder, then swapped in by two renames (old set out, new set
 * in). A reader of `<out>/<stem>/` sees the whole old set or the whole new
 * one; an interrupted build leaves only dot-folders, which `cleanLeftovers`
 * removes. File names are checked to stay inside the set.
 */
export function writeOutputSet(outDir: string, stem: string, files: Array<{ name: string; data: string | Uint8Array }>): void {
  const articleDir = inside(outDir, stem);
  const n = (tmpCounter++).toString(36);
  const staging = inside(outDir, `.${stem}.new-${process.pid}-${n}`);
  const retired = inside(outDir, `.${stem}.old-${process.pid}-${n}`);
  try {
    mkdirSync(staging);
    // One file per name: a later file of the same name replaces an earlier one.
    for (const f of new Map(files.map((f) => [f.name, f])).values()) {
      const target = inside(staging, f.name);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, f.data, { flag: 'wx' });
    }
    let hadOld = false;
    try {
      renameSync(articleDir, retired);
      hadOld = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      renameSync(staging, articleDir);
    } catch (error) {
      if (hadOld) renameSync(retired, articleDir);
      throw error;
    }
    if (hadOld) rmSync(retired, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Remove what interrupted builds left in `outDir`: staging and retired
 * folders of `stem` and temporary files in the cache, of processes that are
 * gone. If the article's folder itself is missing (a build stopped between
 * its two renames), the retired set goes back in place.
 */
export function cleanLeftovers(outDir: string, stem: string): void {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return;
  }
  const articleDir = inside(outDir, stem);
  for (const name of names) {
    const m = SET_PART.exec(name);
    if (!m || m[1] !== stem || alive(Number(m[3]))) continue;
    const full = inside(outDir, name);
    if (m[2] === 'old' && !existsSync(articleDir)) {
      try {
        renameSync(full, articleDir);
        continue;
      } catch {
        // fall through: remove it
      }
    }
    rmSync(full, { recursive: true, force: true });
  }
  // Temporary files of the batch report beside the article folders.
  for (const name of names) {
    const m = TMP_FILE.exec(name);
    if (m && !alive(Number(m[1]))) rmSync(path.join(outDir, name), { force: true });
  }
  const cache = path.join(outDir, '.cache');
  let cached: string[] = [];
  try {
    cached = readdirSync(cache);
  } catch {
    return;
  }
  for (const name of cached) {
    const m = TMP_FILE.exec(name);
    if (m && !alive(Number(m[1]))) rmSync(path.join(cache, name), { force: true });
  }
}

/** Refuse an input that lies inside the folder its outputs replace. */
export function refuseInputInside(inputPath: string, articleDir: string): void {
  let input: string;
  let dir: string;
  try {
    input = realpathSync(inputPath);
    dir = existsSync(articleDir) ? realpathSync(articleDir) : path.resolve(articleDir);
  } catch {
    return;
  }
  if (input === dir || input.startsWith(dir + path.sep)) {
    throw new InputError(`${inputPath}: the input lies inside its own output folder ${articleDir}, which the build replaces; move it or choose another --out`);
  }
}
