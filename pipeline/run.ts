/**
 * The runner: decodes one input, runs the stages its formats need in graph
 * order, caches each stage's result by content hash, and writes the output
 * files atomically into `<out>/<input stem>/`.
 */
import { createHash } from 'node:crypto';
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { decode, DecodeError } from '../src/decode/index.js';
import { findingToJson, type FindingJson } from '../src/findings/index.js';
import type { ArticleRoot } from '../src/model/types.js';
import type { BuildOptions, OutputFile, Stage, StageResult } from './graph.js';
import { STAGES } from './stages.js';
import { inside, outputStem, writeAtomic } from './io.js';
import { figureImageFiles } from './figures.js';
import { TOOL_VERSION, codeFingerprint } from './version.js';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface RunOptions {
  outDir: string;
  /** Ignore cached results. */
  force?: boolean;
  /** Write files (false: only compute, e.g. for `check`). */
  write?: boolean;
  /** Use the on-disk cache (default true when writing). */
  cache?: boolean;
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
  tree: ArticleRoot;
  files: OutputFile[];
  stats: StageStat[];
}

type MessageJson = ReturnType<typeof messageToJson>;

function messageToJson(m: VFileMessage) {
  return {
    reason: m.reason,
    ruleId: m.ruleId,
    source: m.source,
    fatal: m.fatal,
    place: m.place,
    actual: m.actual,
    expected: m.expected,
  };
}

function restoreMessage(file: VFile, j: MessageJson): void {
  const m = new VFileMessage(j.reason, { place: j.place ?? undefined, ruleId: j.ruleId ?? undefined, source: j.source ?? undefined });
  m.fatal = j.fatal;
  m.file = file.path ?? '';
  if (j.actual !== undefined) m.actual = j.actual;
  if (j.expected !== undefined) m.expected = j.expected;
  file.messages.push(m);
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
  const articleDir = inside(run.outDir, outputStem(inputPath));
  const useCache = run.cache ?? run.write !== false;
  const cacheDir = inside(run.outDir, '.cache');
  const stats: StageStat[] = [];
  const results = new Map<string, { key: string; result: StageResult }>();
  const files: OutputFile[] = [];
  // Images beside the input are inputs too.
  const images = figureImageFiles(inputPath).map((i) => [i.name, i.size, i.mtimeMs]);
  const baseKey = hash(TOOL_VERSION, codeFingerprint(), kind, text, images);
  let lastTree: ArticleRoot | undefined;

  for (const stage of plan(options.formats)) {
    const upstream = stage.after ? results.get(stage.after)! : null;
    const key = hash(upstream?.key ?? baseKey, stage.name, stage.version, stage.options(options));
    const started = performance.now();
    let result: StageResult | null = null;
    let cached = false;
    if (useCache && stage.cache && !run.force) {
      result = await readCache(cacheDir, key, file);
      cached = result !== null;
    }
    if (!result) {
      const before = file.messages.length;
      // Stages mutate trees in place: hand each one its own copy of a cached upstream tree.
      const inTree = upstream?.result.tree ? structuredClone(upstream.result.tree) : undefined;
      result = await stage.run({ text, tree: inTree, kind }, { file, inputPath, options });
      if (useCache && stage.cache) await writeCache(cacheDir, key, result, file.messages.slice(before));
    }
    stats.push({ stage: stage.name, ms: performance.now() - started, cached });
    results.set(stage.name, { key, result });
    if (result.tree) lastTree = result.tree;
    if (result.files) files.push(...result.files);
  }
  if (run.write !== false) {
    await mkdir(articleDir, { recursive: true });
    for (const f of files) await writeAtomic(inside(articleDir, f.name), f.data);
    const report = { input: inputPath, findings: file.messages.map((m) => findingToJson(m)) };
    await writeAtomic(inside(articleDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  }
  return { input: inputPath, outDir: articleDir, file, tree: lastTree!, files, stats };
}

async function readCache(dir: string, key: string, file: VFile): Promise<StageResult | null> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, `${key}.json`), 'utf8');
  } catch {
    return null;
  }
  try {
    const entry = JSON.parse(raw) as { tree?: ArticleRoot; files?: Array<{ name: string; text?: string; base64?: string }>; messages: MessageJson[] };
    for (const m of entry.messages) restoreMessage(file, m);
    const result: StageResult = {};
    if (entry.tree) result.tree = entry.tree;
    if (entry.files) result.files = entry.files.map((f) => ({ name: f.name, data: f.base64 !== undefined ? new Uint8Array(Buffer.from(f.base64, 'base64')) : f.text! }));
    return result;
  } catch {
    return null;
  }
}

async function writeCache(dir: string, key: string, result: StageResult, messages: VFileMessage[]): Promise<void> {
  const entry = {
    tree: result.tree,
    files: result.files?.map((f) => (typeof f.data === 'string' ? { name: f.name, text: f.data } : { name: f.name, base64: Buffer.from(f.data).toString('base64') })),
    messages: messages.map(messageToJson),
  };
  await writeAtomic(path.join(dir, `${key}.json`), JSON.stringify(entry));
}

export function findingsOf(result: { file: VFile; input: string }): FindingJson[] {
  return result.file.messages.map((m) => findingToJson(m, result.input));
}
