/**
 * The runner: decodes one input, runs the stages its formats need in graph
 * order, caches each stage's result by content hash, and writes the output
 * files atomically into `<out>/<input stem>/`.
 */
import { createHash } from 'node:crypto';
import { readFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { decode, DecodeError } from '../src/decode/index.js';
import { findingToJson } from '../src/findings/index.js';
import type { ArticleRoot } from '../src/model/types.js';
import type { BuildOptions, OutputFile, Stage, StageResult } from './graph.js';
import { STAGES } from './stages.js';
import { inside, outputStem, writeAtomic } from './io.js';
import { figureImageFiles } from './figures.js';
import { TOOL_VERSION, codeFingerprint } from './version.js';
import { messageToJson, restoreMessage, type MessageJson } from './messages.js';

export { InputError } from './errors.js';
import { InputError } from './errors.js';

export interface RunOptions {
  outDir: string;
  /** Ignore cached results. */
  force?: boolean;
  /** Write files (false: only compute, e.g. for `check`). */
  write?: boolean;
  /** Use the on-disk cache (default true when writing). */
  cache?: boolean;
  /** The article's output folder name (default: from the input's file name, see `outputStem`). */
  stem?: string;
}

export interface StageStat {
  stage: string;
  ms: number;
  cached: boolean;
}

export interface BuildResult {
  input: string;
  outDir: string;
  file: VFile;
  /** The last tree a stage computed (absent when every tree stage came from the cache). */
  tree?: ArticleRoot;
  files: OutputFile[];
  stats: StageStat[];
}

/**
 * Which reader an input needs. Markdown with YAML front matter is ours; other
 * `.md` files (text extracted from a PDF as Markdown) go through ingest.
 */
export function inputKind(p: string, text: string): 'text' | 'markdown' | 'jats' {
  if (/\.(xml|jats)$/i.test(p) || /^\s*<\?xml[^>]*>\s*(<!DOCTYPE article|<article)/.test(text)) return 'jats';
  if (/\.(md|markdown)$/i.test(p) && /^---\n[\s\S]*?\n---\n/.test(text)) return 'markdown';
  return 'text';
}

function hash(...parts: unknown[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' || p instanceof Uint8Array ? p : JSON.stringify(p ?? null)).update('\0');
  return h.digest('hex').slice(0, 32);
}

/** The stages needed for the requested formats, in graph order. */
export function plan(formats: BuildOptions['formats'], stages: Stage[] = STAGES): Stage[] {
  const need = new Set<string>();
  const byName = new Map(stages.map((s) => [s.name, s]));
  const want = (s: Stage) => {
    if (need.has(s.name)) return;
    need.add(s.name);
    if (s.after) want(byName.get(s.after)!);
  };
  for (const s of stages) if (s.formats.length === 0 || s.formats.some((f) => formats.includes(f))) want(s);
  return stages.filter((s) => need.has(s.name));
}

export async function buildOne(inputPath: string, options: BuildOptions, run: RunOptions): Promise<BuildResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(inputPath);
  } catch (error) {
    throw new InputError(`${inputPath}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let text: string;
  try {
    text = decode(bytes).text;
  } catch (error) {
    if (error instanceof DecodeError) throw new InputError(`${inputPath}: ${error.message}`);
    throw error;
  }
  const kind = inputKind(inputPath, text);
  const file = new VFile({ path: inputPath, value: text });
  const stem = run.stem ?? outputStem(inputPath);
  const articleDir = inside(run.outDir, stem);
  const useCache = run.cache ?? run.write !== false;
  const cacheDir = inside(run.outDir, '.cache');
  const stats: StageStat[] = [];
  const results = new Map<string, { key: string; result: StageResult; loadTree?: () => Promise<ArticleRoot | undefined> }>();
  const files: OutputFile[] = [];
  // Images beside the input are inputs too.
  const images = figureImageFiles(inputPath).map((i) => [i.name, i.size, i.mtimeMs]);
  const baseKey = hash(TOOL_VERSION, codeFingerprint(), kind, text, images);
  let lastTree: ArticleRoot | undefined;
  const usedKeys: string[] = [];

  for (const stage of plan(options.formats)) {
    const upstream = stage.after ? results.get(stage.after)! : null;
    const key = hash(upstream?.key ?? baseKey, stage.name, stage.version, stage.options(options));
    const started = performance.now();
    let entry: CachedEntry | null = null;
    if (useCache && stage.cache && !run.force) entry = await readCache(cacheDir, key, file);
    if (entry) {
      results.set(stage.name, { key, result: { files: entry.files }, loadTree: entry.loadTree });
      if (entry.files) files.push(...entry.files);
    } else {
      const before = file.messages.length;
      // A cached upstream tree is read only now that a stage needs it. Stages that
      // change trees in place get their own copy; read-only stages share it.
      let inTree = upstream?.result.tree;
      if (!inTree && upstream?.loadTree) inTree = await upstream.loadTree();
      else if (inTree && !stage.readOnly) inTree = structuredClone(inTree);
      const result = await stage.run({ text, tree: inTree, kind }, { file, inputPath, options });
      if (useCache && stage.cache) await writeCache(cacheDir, key, result, file.messages.slice(before));
      results.set(stage.name, { key, result });
      if (result.tree) lastTree = result.tree;
      if (result.files) files.push(...result.files);
    }
    usedKeys.push(key);
    stats.push({ stage: stage.name, ms: performance.now() - started, cached: entry !== null });
  }
  if (useCache && run.write !== false) await pruneCache(cacheDir, stem, usedKeys);
  if (run.write !== false) {
    await mkdir(articleDir, { recursive: true });
    for (const f of files) await writeAtomic(inside(articleDir, f.name), f.data);
    const report = { input: inputPath, findings: file.messages.map((m) => findingToJson(m)) };
    await writeAtomic(inside(articleDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  }
  return { input: inputPath, outDir: articleDir, file, tree: lastTree, files, stats };
}

interface CachedEntry {
  files?: OutputFile[];
  loadTree?: () => Promise<ArticleRoot | undefined>;
}

/** A cached stage result: its findings and files now, its tree (a separate file) when asked for. */
async function readCache(dir: string, key: string, file: VFile): Promise<CachedEntry | null> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, `${key}.json`), 'utf8');
  } catch {
    return null;
  }
  let entry: { tree?: boolean; files?: Array<{ name: string; text?: string; offset?: number; length?: number }>; messages: MessageJson[] };
  try {
    entry = JSON.parse(raw);
  } catch {
    return null;
  }
  for (const m of entry.messages) restoreMessage(file, m);
  const out: CachedEntry = {};
  if (entry.files) {
    let bin: Buffer | undefined;
    if (entry.files.some((f) => f.text === undefined)) {
      try {
        bin = await readFile(path.join(dir, `${key}.bin`));
      } catch {
        return null;
      }
    }
    const files: OutputFile[] = [];
    for (const f of entry.files) {
      if (f.text !== undefined) files.push({ name: f.name, data: f.text });
      else if (bin && f.offset !== undefined && f.length !== undefined && f.offset + f.length <= bin.length)
        files.push({ name: f.name, data: new Uint8Array(bin.subarray(f.offset, f.offset + f.length)) });
      else return null;
    }
    out.files = files;
  }
  if (entry.tree) out.loadTree = async () => JSON.parse(await readFile(path.join(dir, `${key}.tree.json`), 'utf8')) as ArticleRoot;
  return out;
}

async function writeCache(dir: string, key: string, result: StageResult, messages: VFileMessage[]): Promise<void> {
  if (result.tree) await writeAtomic(path.join(dir, `${key}.tree.json`), JSON.stringify(result.tree));
  let binLength = 0;
  const entry = {
    tree: result.tree !== undefined,
    // binary files (PDFs, images) go to one `.bin` file beside the entry, at recorded offsets
    files: result.files?.map((f) => {
      if (typeof f.data === 'string') return { name: f.name, text: f.data };
      const at = { name: f.name, offset: binLength, length: f.data.length };
      binLength += f.data.length;
      return at;
    }),
    messages: messages.map(messageToJson),
  };
  const binaries = (result.files ?? []).flatMap((f) => (typeof f.data === 'string' ? [] : [f.data]));
  if (binaries.length) await writeAtomic(path.join(dir, `${key}.bin`), Buffer.concat(binaries));
  await writeAtomic(path.join(dir, `${key}.json`), JSON.stringify(entry));
}

/** Keep the cache to what the latest build of each input used. */
async function pruneCache(dir: string, stem: string, keys: string[]): Promise<void> {
  const index = path.join(dir, `${stem}.keys.json`);
  let previous: string[] = [];
  try {
    previous = JSON.parse(await readFile(index, 'utf8')) as string[];
  } catch {
    // first build of this input
  }
  const keep = new Set(keys);
  for (const k of previous) {
    if (keep.has(k) || !/^[0-9a-f]{32}$/.test(k)) continue;
    await rm(path.join(dir, `${k}.json`), { force: true });
    await rm(path.join(dir, `${k}.tree.json`), { force: true });
    await rm(path.join(dir, `${k}.bin`), { force: true });
  }
  await writeAtomic(index, JSON.stringify(keys));
}

