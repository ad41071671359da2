/**
 * The runner: decodes one input, runs the stages its formats need in graph
 * order, caches each stage's result by content hash, and writes the output
 * files atomically into `<out>/<input stem>/`.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { decode, MAX_INPUT_BYTES, sizeError, type Decoded } from '../src/decode/index.js';
import { report } from '../src/findings/index.js';
import { findingToJson } from '../src/findings/index.js';
import type { ArticleRoot } from '../src/model/types.js';
import type { BuildOptions, OutputFile, Stage, StageResult } from './graph.js';
import { STAGES } from './stages.js';
import { cleanLeftovers, ensureOutputDir, inside, outputStem, refuseInputInside, writeAtomic, writeOutputSet } from './io.js';
import { z } from 'zod';
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
  /** Cache damage found by a first attempt, reported by the build the runner starts again without the cache. */
  damaged?: string[];
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
    // Only an ordinary file, and not a huge one: a FIFO or device would block or never end.
    const info = await stat(inputPath);
    if (!info.isFile()) throw new InputError(`${inputPath}: not an ordinary file`);
    if (info.size > MAX_INPUT_BYTES) throw new InputError(`${inputPath}: ${sizeError(info.size)}`);
    bytes = await readFile(inputPath);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${inputPath}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let decoded: Decoded;
  try {
    decoded = decode(bytes);
  } catch (error) {
    throw new InputError(`${inputPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = decoded.text;
  const kind = inputKind(inputPath, text);
  const file = new VFile({ path: inputPath, value: text });
  reportDecoding(file, decoded);
  for (const reason of run.damaged ?? []) reportDamaged(file, reason);
  const stem = run.stem ?? outputStem(inputPath);
  const articleDir = inside(run.outDir, stem);
  if (run.write !== false) {
    try {
      ensureOutputDir(run.outDir);
    } catch (error) {
      throw new InputError((error as Error).message);
    }
    refuseInputInside(inputPath, articleDir);
    cleanLeftovers(run.outDir, stem);
  }
  const useCache = run.cache ?? run.write !== false;
  const cacheDir = inside(run.outDir, '.cache');
  const stats: StageStat[] = [];
  const results = new Map<string, { key: string; stage: string; result: StageResult; loadTree?: () => Promise<ArticleRoot | undefined> }>();
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
    if (useCache && stage.cache && !run.force) entry = await readCache(cacheDir, key, file, stage.name, inputPath);
    if (entry) {
      results.set(stage.name, { key, stage: stage.name, result: { files: entry.files }, loadTree: entry.loadTree });
      if (entry.files) files.push(...entry.files);
    } else {
      const before = file.messages.length;
      // A cached upstream tree is read only now that a stage needs it. Stages that
      // change trees in place get their own copy; read-only stages share it.
      let inTree = upstream?.result.tree;
      if (!inTree && upstream?.loadTree) {
        inTree = await upstream.loadTree();
        // A cached tree that fails its check: build the article again without the cache.
        if (!inTree) {
          const damaged = file.messages.filter((m) => m.ruleId === 'cache-entry-invalid').map((m) => m.reason);
          damaged.push(damagedReason(upstream.stage, 'its tree does not match its hash'));
          return buildOne(inputPath, options, { ...run, force: true, damaged });
        }
      }
      else if (inTree && !stage.readOnly) inTree = structuredClone(inTree);
      let result: StageResult;
      try {
        result = await stage.run({ text, tree: inTree, kind }, { file, inputPath, options });
      } catch (error) {
        // Every error names the file (and the stage that failed on it).
        if (error instanceof InputError) throw error;
        throw new Error(`${inputPath}: ${stage.name} stage failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      const deps = stage.readsImages && inTree ? imageDeps(inTree, inputPath) : undefined;
      if (useCache && stage.cache) await writeCache(cacheDir, key, result, file.messages.slice(before), deps);
      results.set(stage.name, { key, stage: stage.name, result });
      if (result.tree) lastTree = result.tree;
      if (result.files) files.push(...result.files);
    }
    usedKeys.push(key);
    stats.push({ stage: stage.name, ms: performance.now() - started, cached: entry !== null });
  }
  if (useCache && run.write !== false) await pruneCache(cacheDir, stem, usedKeys);
  if (run.write !== false) {
    const report = { input: inputPath, findings: file.messages.map((m) => findingToJson(m)) };
    writeOutputSet(run.outDir, stem, [...files, { name: 'report.json', data: JSON.stringify(report, null, 2) + '\n' }]);
  }
  return { input: inputPath, outDir: articleDir, file, tree: lastTree, files, stats };
}

/** Control characters decode removed, and invalid sequences it replaced: findings, never silent. */
function reportDecoding(file: VFile, decoded: Decoded): void {
  const text = decoded.text;
  const lineStarts = [0];
  if (decoded.removed.length) for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const point = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1, offset };
  };
  const SHOWN = 20;
  for (const r of decoded.removed.slice(0, SHOWN)) {
    const code = `U+${r.code.toString(16).toUpperCase().padStart(4, '0')}`;
    report(file, `Control character ${code} removed`, { ruleId: 'char-control', severity: 'warning', place: point(r.offset), stage: 'decode' });
  }
  if (decoded.removed.length > SHOWN) {
    const rest = decoded.removed.slice(SHOWN);
    report(file, `${rest.length} more control characters removed`, { ruleId: 'char-control', severity: 'warning', place: point(rest[0]!.offset), stage: 'decode' });
  }
  if (decoded.replaced) {
    report(file, `${decoded.replaced} invalid UTF-16 sequence${decoded.replaced > 1 ? 's' : ''} (lone surrogates) replaced by U+FFFD`, { ruleId: 'decode-invalid-replaced', severity: 'warning', place: null, stage: 'decode' });
  }
}

interface CachedEntry {
  files?: OutputFile[];
  loadTree?: () => Promise<ArticleRoot | undefined>;
}

/** A cached stage result: its findings and files now, its tree (a separate file) when asked for. */
async function readCache(dir: string, key: string, file: VFile, stage: string, inputPath: string): Promise<CachedEntry | null> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, `${key}.json`), 'utf8');
  } catch {
    return null;
  }
  const bad = async (why: string) => {
    reportDamaged(file, damagedReason(stage, why));
    await removeEntry(dir, key);
    return null;
  };
  // The first line is the hash of the rest, of the binary data and of the tree.
  const newline = raw.indexOf('\n');
  const recorded = raw.slice(0, Math.max(0, newline));
  const body = raw.slice(newline + 1);
  let entry: z.infer<typeof CacheEntry>;
  try {
    const result = CacheEntry.safeParse(JSON.parse(body));
    if (!result.success) return bad(`field ${result.error.issues[0]?.path.join('.') || '(entry)'}: ${result.error.issues[0]?.message}`);
    entry = result.data;
  } catch {
    return bad('not JSON');
  }
  let bin: Buffer | undefined;
  try {
    if (entry.files?.some((f) => f.text === undefined)) bin = await readFile(path.join(dir, `${key}.bin`));
  } catch {
    return bad('a part is missing');
  }
  if (newline < 0 || entryHash(body, bin) !== recorded) return bad('its content does not match its hash');
  // Images the stage read have changed since: the entry is stale (not damaged).
  if (entry.deps?.length) {
    const base = path.dirname(path.resolve(inputPath));
    if (entry.deps.some((d) => fileStamp(base, d.url) !== d.stat)) return null;
  }
  // Matching its hash, the entry is as written: its findings need no field-by-field check.
  if (!entry.messages.every((m) => m !== null && typeof m === 'object' && typeof (m as { reason?: unknown }).reason === 'string')) return bad('a finding without its text');
  const files: OutputFile[] = [];
  for (const f of entry.files ?? []) {
    if (f.text !== undefined) files.push({ name: f.name, data: f.text });
    else if (bin && f.offset !== undefined && f.length !== undefined && f.offset + f.length <= bin.length)
      files.push({ name: f.name, data: new Uint8Array(bin.subarray(f.offset, f.offset + f.length)) });
    else return bad(`file ${f.name} lies outside its data`);
  }
  for (const m of entry.messages) restoreMessage(file, m as MessageJson);
  const out: CachedEntry = {};
  if (entry.files) out.files = files;
  if (entry.tree) {
    // The tree is read and checked only when a stage needs it (a build with nothing changed never does).
    const treeHash = entry.treeHash;
    out.loadTree = async () => {
      try {
        const text = await readFile(path.join(dir, `${key}.tree.json`), 'utf8');
        if (treeHash && hash('cache-tree', text) === treeHash) return JSON.parse(text) as ArticleRoot;
      } catch {
        // missing or unreadable: damaged
      }
      await removeEntry(dir, key);
      return undefined;
    };
  }
  return out;
}

function damagedReason(stage: string, why: string): string {
  return `Cached result of the ${stage} stage is damaged (${why}); computed again`;
}

function reportDamaged(file: VFile, reason: string): void {
  report(file, reason, { ruleId: 'cache-entry-invalid', severity: 'info', place: null, stage: 'cache' });
}

/** The shape of a cache entry; anything else is a damaged entry. */
const CacheEntry = z.object({
  tree: z.boolean(),
  treeHash: z.string().optional(),
  files: z
    .array(z.object({ name: z.string().min(1), text: z.string().optional(), offset: z.number().int().nonnegative().optional(), length: z.number().int().nonnegative().optional() }))
    .optional(),
  messages: z.array(z.unknown()),
  deps: z.array(z.object({ url: z.string(), stat: z.string() })).optional(),
});

/** A hash over an entry, its binary data and its tree: what `readCache` checks. */
function entryHash(body: string, bin: Uint8Array | undefined): string {
  return hash('cache-entry', body, bin ?? '');
}

async function removeEntry(dir: string, key: string): Promise<void> {
  for (const suffix of ['.json', '.tree.json', '.bin']) await rm(path.join(dir, `${key}${suffix}`), { force: true });
}

/** The figure images a tree names, each with its size and modification time now (or `none`). */
function imageDeps(tree: ArticleRoot, inputPath: string): Array<{ url: string; stat: string }> {
  const dir = path.dirname(path.resolve(inputPath));
  const urls = new Set(tree.children.flatMap((n) => (n.type === 'figureFloat' && n.url ? [n.url] : [])));
  return [...urls].map((url) => ({ url, stat: fileStamp(dir, url) }));
}

function fileStamp(dir: string, url: string): string {
  try {
    const s = statSync(path.resolve(dir, url));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'none';
  }
}

async function writeCache(dir: string, key: string, result: StageResult, messages: VFileMessage[], deps?: Array<{ url: string; stat: string }>): Promise<void> {
  const treeText = result.tree ? JSON.stringify(result.tree) : undefined;
  let binLength = 0;
  const entry = {
    tree: result.tree !== undefined,
    treeHash: treeText !== undefined ? hash('cache-tree', treeText) : undefined,
    // binary files (PDFs, images) go to one `.bin` file beside the entry, at recorded offsets
    files: result.files?.map((f) => {
      if (typeof f.data === 'string') return { name: f.name, text: f.data };
      const at = { name: f.name, offset: binLength, length: f.data.length };
      binLength += f.data.length;
      return at;
    }),
    messages: messages.map(messageToJson),
    deps,
  };
  const binaries = (result.files ?? []).flatMap((f) => (typeof f.data === 'string' ? [] : [f.data]));
  const bin = binaries.length ? Buffer.concat(binaries) : undefined;
  const body = JSON.stringify(entry);
  if (treeText !== undefined) await writeAtomic(path.join(dir, `${key}.tree.json`), treeText);
  if (bin) await writeAtomic(path.join(dir, `${key}.bin`), bin);
  await writeAtomic(path.join(dir, `${key}.json`), `${entryHash(body, bin)}\n${body}`);
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

