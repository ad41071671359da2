/**
 * ingest: PDF-extracted text → document tree.
 *
 * A set of small recognizers, each in its own file: clean-up of extraction
 * marks and noise lines (clean.ts, noise.ts), front-block segmentation
 * (front.ts) with the title, byline, affiliations, abstract, keywords,
 * classification codes and English block, page-foot notes (footnotes.ts),
 * the body (body.ts, captions.ts, tree.ts) and the reference list
 * (references.ts). Text is kept as found (the normalize stage rewrites it);
 * every node keeps its source position; every line left out is a finding
 * that quotes it.
 */
import type { VFile } from 'vfile';
import type { Position } from 'unist';
import { report } from '../findings/index.js';
import { emptyMeta, metaSchema, validateMeta, type ArticleMeta, type Author } from '../model/meta.js';
import type { ArticleRoot, ReferenceList } from '../model/types.js';
import { structuredParts } from './abstract.js';
import { buildAffiliations, type ParsedAffiliation } from './affiliations.js';
import type { ParsedName } from './authors.js';
import { recognizeBody, type BodyLine } from './body.js';
import { removeEscapes } from './clean.js';
import { parseCodes, type Codes } from './codes.js';
import { recognizeEnglishBlock, splitEnglishFromReferences, type EnglishBlock } from './english.js';
import { splitGluedChineseNames } from './name-pairs.js';
import { applyNote, continuesNote, findEmail, parseCorrespondence } from './footnotes.js';
import { recognizeFront, type FrontParts, type PositionMap } from './front.js';
import { repairKeywords } from './keyword-repair.js';
import { NOTE_LABELS, PAGE_NOTES, labelAtStart, splitAtLabels, type LabelKind } from './labels.js';
import { noiseReason, repeatedLines, stripLineNumbers } from './noise.js';
import { matchReferencesHeading, matchTrailingReferencesHeading, recognizeReferences } from './references.js';
import { SourceText, splitBlocks, sliceLine, trimLine, type Line } from './source.js';
import { buildBody } from './tree.js';

const STAGE = 'ingest';

export interface IngestResult {
  tree: ArticleRoot;
  /** Source positions of metadata fields (`title.zh`, `authors.0.en`, …). */
  positions: PositionMap;
}

interface Ctx {
  file: VFile;
  src: SourceText;
  meta: ArticleMeta;
  positions: PositionMap;
  corresp: { name?: string; email?: string };
  /** The keyword lists as printed, for their repair. */
  keywordsRaw: { zh?: string; en?: string };
}

export function ingest(text: string, file: VFile): IngestResult {
  const cleaned = removeEscapes(text);
  const src = new SourceText(text, cleaned.map);
  const ctx: Ctx = { file, src, meta: emptyMeta(), positions: {}, corresp: {}, keywordsRaw: {} };
  if (cleaned.escapes) info(ctx, 'ingest-escape-removed', `${cleaned.escapes} Markdown escape${cleaned.escapes > 1 ? 's' : ''} of the extraction removed (\`\\*\` → \`*\`)`, null);
  const lines = cleanLines(ctx, readLines(cleaned.text));

  const refAt = referencesStart(lines);
  const bodyAndFront = refAt ? [...lines.slice(0, refAt.index), ...(refAt.bodyTail ? [refAt.bodyTail] : [])] : lines;
  if (refAt?.heading) info(ctx, 'ingest-reference-split', `The reference heading \`${refAt.heading.text}\` and its list run into the paragraph before; cut there`, refAt.heading);
  const front = recognizeFront(bodyAndFront);
  const refs = refAt ? recognizeReferences(splitEnglishFromReferences(refAt.lines), src, file) : null;
  // The English block after the references; or only its Abstract there, the title and byline having come before.
  const englishAfter = front.english?.abstract ? undefined : englishAfterReferences(refs?.rest ?? []);
  const english = mergeEnglish(front.english, englishAfter);
  applyFront(ctx, front, english);

  let bodyLines = bodyAndFront.slice(front.bodyStart) as BodyLine[];
  const head = front.bodyHead ?? front.english?.bodyHead;
  if (head) bodyLines = [{ ...head, block: -1 }, ...bodyLines];
  if (!english?.abstract) {
    // The English block printed at the end of the body, before the references.
    const found = englishInBody(bodyLines);
    if (found) {
      applyEnglish(ctx, found.block);
      const glued = found.block.bodyHead ? [{ ...found.block.bodyHead, block: -1 }] : [];
      bodyLines = [...bodyLines.slice(0, found.at), ...glued, ...bodyLines.slice(found.at + found.block.consumed)];
    }
  }
  const back = backMatter(ctx, refs?.rest ?? [], englishAfter);
  const body = takeNotes(ctx, [...bodyLines, ...back]);
  const children = buildBody(recognizeBody(body, file, src), src, file);
  if (refs?.list.children.length) children.push(refs.list);
  else report(file, 'No reference list found', { ruleId: 'ingest-no-references', severity: refAt ? 'warning' : 'info', place: null, stage: STAGE });

  applyKeywordRepair(ctx, cleaned.text);
  const authorMarks = assembleAuthors(ctx, front.zhAuthors, english?.authors ?? [], front.zhAffs, english?.affiliations ?? []);
  reportMissing(ctx, children, !!refAt);
  const tree: ArticleRoot = {
    type: 'root',
    children,
    data: { meta: finalMeta(ctx), positions: ctx.positions, authorMarks },
    position: src.position(0, cleaned.text.length),
  };
  return { tree, positions: ctx.positions };
}

function info(ctx: Ctx, ruleId: string, message: string, line: Line | null): void {
  report(ctx.file, message, { ruleId, severity: 'info', place: line ? ctx.src.position(line.start, line.end) : null, stage: STAGE });
}

function pos(ctx: Ctx, l: { start: number; end: number }): Position {
  return ctx.src.position(l.start, l.end);
}

function readLines(text: string): BodyLine[] {
  return splitBlocks(text).flatMap((b, block) => b.lines.map((l) => ({ ...l, block })));
}

/** Line numbers, watermarks, running heads: removed, each with a finding quoting it. */
function cleanLines(ctx: Ctx, input: BodyLine[]): BodyLine[] {
  const numbered = stripLineNumbers(input);
  if (numbered.stripped) info(ctx, 'ingest-line-numbers', `The manuscript's line numbers were removed from ${numbered.stripped} lines`, null);
  const lines = numbered.lines.map((l, i) => ({ ...l, block: input[i]!.block })) as BodyLine[];
  const repeated = repeatedLines(lines);
  return lines.filter((l) => {
    const reason = noiseReason(l.text, repeated);
    if (reason) info(ctx, 'ingest-noise-removed', `Left out ${reason}: \`${l.text}\``, l);
    return !reason;
  });
}

/** The reference list: after its last heading line (or a heading at the end of a body line). */
function referencesStart(lines: BodyLine[]): { index: number; lines: Line[]; bodyTail?: BodyLine; heading?: Line } | null {
  for (let i = lines.length - 1; i > 0; i--) {
    const m = matchReferencesHeading(lines[i]!.text);
    if (!m) continue;
    const first = trimLine(sliceLine(lines[i]!, m.rest));
    return { index: i, lines: [...(first.text ? [first] : []), ...lines.slice(i + 1)] };
  }
  for (let i = lines.length - 1; i > 0; i--) {
    const m = matchTrailingReferencesHeading(lines[i]!.text);
    if (m && i > lines.length * 0.3) return { index: i + 1, lines: lines.slice(i + 1) };
  }
  // `…还有待分析。参考文献[1] Zhang…`: the heading and the list run into the last paragraph.
  for (let i = lines.length - 1; i > lines.length * 0.3; i--) {
    const m = /[。！？.]\s*(?:参\s*考\s*文\s*献|References)\s*[:：]?\s*(?=[[［]1[\]］])/.exec(lines[i]!.text);
    if (!m) continue;
    const cut = m.index + 1;
    const head = trimLine(sliceLine(lines[i]!, 0, cut));
    const list = trimLine(sliceLine(lines[i]!, cut + m[0].length - 1));
    const heading = trimLine(sliceLine(lines[i]!, cut, cut + m[0].length - 1));
    return { index: i, lines: [list, ...lines.slice(i + 1)], bodyTail: { ...head, block: lines[i]!.block }, heading };
  }
  return null;
}

/** The front's English block completed by the one found later (its abstract, keywords and codes). */
function mergeEnglish(front: EnglishBlock | undefined, later: EnglishBlock | undefined): EnglishBlock | undefined {
  if (!front || !later) return front ?? later;
  return { ...front, abstract: front.abstract ?? later.abstract, keywords: front.keywords ?? later.keywords, codes: front.codes ?? later.codes };
}

/** Lines after the references that interrupt an English block without belonging to it (reported on their own). */
const INTERRUPTIONS = new Set(['revision note', 'watermark']);

function englishAfterReferences(rest: Array<{ line: Line; reason: string }>): EnglishBlock | undefined {
  const lines = rest.filter((r) => !INTERRUPTIONS.has(r.reason)).map((r) => r.line);
  for (let at = 0; at < lines.length; at++) {
    if (!/^[#\s]*[A-Za-z]/.test(lines[at]!.text)) continue;
    const block = recognizeEnglishBlock(lines, at);
    if (block) {
      block.used = new Set(lines.slice(at, at + block.consumed));
      return block;
    }
  }
  return undefined;
}

/** An English block inside the body: its Abstract line, and the Latin title, byline and affiliations just above it. */
function englishInBody(lines: BodyLine[]): { at: number; block: EnglishBlock } | null {
  const abs = lines.findIndex((l) => labelAtStart(l.text)?.kind === 'abstract-en');
  if (abs < 0) return null;
  let at = abs;
  while (at > 0 && abs - at < 6 && !/[\u4e00-\u9fff]/.test(lines[at - 1]!.text.replace(/\$[^$]*\$/g, ''))) at--;
  const block = recognizeEnglishBlock(lines, at);
  return block ? { at, block } : null;
}

/** Kinds of line after the references that belong with the body: appendix text, its tables and figures. */
const BACK_KINDS = new Set(['image', 'caption', 'table', 'appendix', 'body text', 'heading']);

/**
 * Lines after the references: the English block (already read), notes (to the
 * metadata), appendix text and floats (returned, for the body); anything else
 * is a finding that quotes it.
 */
function backMatter(ctx: Ctx, rest: Array<{ line: Line; reason: string }>, english: EnglishBlock | undefined): BodyLine[] {
  const used = english?.used ?? new Set<Line>();
  const left = takeNotes(ctx, rest.filter((r) => !used.has(r.line)).map((r, k) => ({ ...r.line, block: 1e6 + k })));
  const out: BodyLine[] = [];
  if (english?.bodyHead) info(ctx, 'ingest-back-unplaced', `After the references, left out (text run into the English keywords): \`${english.bodyHead.text}\``, english.bodyHead);
  for (const l of left) {
    const reason = rest.find((x) => x.line.start === l.start)?.reason ?? 'unrecognized';
    if (BACK_KINDS.has(reason)) out.push(l);
    else info(ctx, 'ingest-back-unplaced', `After the references, left out (${reason}): \`${l.text}\``, l);
  }
  return out;
}

/** Page-foot notes anywhere in the body go to the metadata; the other lines are returned. */
function takeNotes(ctx: Ctx, input: BodyLine[]): BodyLine[] {
  const out: BodyLine[] = [];
  let open: { kind: LabelKind; text: string } | null = null;
  for (const l of input.flatMap(splitGluedNotes)) {
    const label = labelAtStart(l.text);
    if (label && NOTE_LABELS.has(label.kind)) {
      let value = trimLine(sliceLine(l, label.rest));
      const glued = label.kind === 'corresp' ? textAfterEmail(value) : -1;
      if (glued > 0) {
        // `…E-mail:a@b.com通过摄入益生菌…`: a body paragraph run into the note.
        out.push({ ...trimLine(sliceLine(value, glued)), block: l.block });
        value = trimLine(sliceLine(value, 0, glued));
      }
      takeNote(ctx, label.kind, value, l);
      open = { kind: label.kind, text: value.text };
      continue;
    }
    if (open && (open.kind === 'funding' || open.kind === 'bio') && continuesNote(open.text, l.text) && l.text.length < 120 && !/[。]$/.test(open.text)) {
      takeNote(ctx, open.kind, l, l);
      open.text = l.text;
      continue;
    }
    open = null;
    out.push(l);
  }
  return out;
}

/**
 * A page-foot note the extraction ran into a paragraph (`…LNA 又可收稿日期：2017-03-05作者简介：…`):
 * the paragraph's text, then each note as a line of its own.
 */
function splitGluedNotes(l: BodyLine): BodyLine[] {
  const pieces = splitAtLabels(l);
  const first = pieces.findIndex((p, k) => k > 0 && PAGE_NOTES.has(labelAtStart(p.text)?.kind as LabelKind));
  if (first < 0) return [l];
  const body = trimLine(sliceLine(l, 0, pieces[first]!.start - l.start));
  return [...(body.text ? [body] : []), ...pieces.slice(first)].map((p) => ({ ...p, block: l.block }));
}

/** Where text that is not part of a correspondence note starts after its e-mail, or -1. */
function textAfterEmail(value: Line): number {
  const m = /[A-Za-z0-9._%+-]+\s*(?:\$\s*@\s*\$|@)\s*[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}[。.;；,，)）\s]*/.exec(value.text);
  if (!m) return -1;
  const end = m.index + m[0].length;
  return (value.text.slice(end).match(/[\u4e00-\u9fff]/g) ?? []).length >= 15 ? end : -1;
}

function takeNote(ctx: Ctx, kind: LabelKind, value: Line, line: Line): void {
  if (kind === 'corresp') {
    const c = parseCorrespondence(value.text);
    ctx.corresp = { name: ctx.corresp.name ?? c.name, email: ctx.corresp.email ?? c.email };
    ctx.positions.correspondence = pos(ctx, value);
    info(ctx, 'ingest-note-partial', `Correspondence note: its name and e-mail are kept, the rest is not modelled: \`${value.text}\``, value);
  } else if (kind === 'cite-as') {
    info(ctx, 'ingest-front-unrecognized', `Left out the article's own citation: \`${line.text}\``, line);
  } else if (applyNote(ctx.meta, kind, value.text)) {
    ctx.positions[kind === 'bio' ? 'authorNotes' : kind] ??= pos(ctx, value);
  } else info(ctx, 'ingest-front-unrecognized', `A note that could not be read: \`${line.text}\``, line);
}

function applyFront(ctx: Ctx, front: FrontParts, english: EnglishBlock | undefined): void {
  const { meta } = ctx;
  if (front.title?.text) set(ctx, 'title.zh', front.title, () => (meta.title.zh = front.title!.text));
  if (front.abstractZh?.text) {
    meta.abstract = { ...meta.abstract, zh: front.abstractZh.text };
    ctx.positions['abstract.zh'] = spanOf(ctx, front.abstractZh.lines);
  }
  if (front.keywordsZh?.list.length) {
    set(ctx, 'keywords.zh', front.keywordsZh.line, () => (meta.keywords.zh = front.keywordsZh!.list));
    ctx.keywordsRaw.zh = front.keywordsZh.line.text;
  }
  for (const { codes, line } of front.codes) applyCodes(ctx, codes, line);
  for (const n of front.notes) takeNote(ctx, n.kind, n.value, n.line);
  for (const s of front.skipped) info(ctx, 'ingest-front-unrecognized', `Left out ${s.reason}: \`${s.line.text}\``, s.line);
  if (english) applyEnglish(ctx, english);
}

function applyEnglish(ctx: Ctx, english: EnglishBlock): void {
  const { meta } = ctx;
  if (english.title?.text) set(ctx, 'title.en', english.title, () => (meta.title.en = english.title!.text));
  if (english.abstract?.text) {
    meta.abstract = { ...meta.abstract, en: english.abstract.text };
    ctx.positions['abstract.en'] = spanOf(ctx, english.abstract.lines);
    if (english.abstract.parts) meta.abstractParts = { ...meta.abstractParts, en: english.abstract.parts };
  }
  if (english.keywords?.list.length) {
    set(ctx, 'keywords.en', english.keywords.line, () => (meta.keywords.en = english.keywords!.list));
    ctx.keywordsRaw.en = english.keywords.line.text;
  }
  if (english.codes) applyCodes(ctx, parseCodes(english.codes.text), english.codes);
  for (const s of english.skipped) info(ctx, 'ingest-front-unrecognized', `Left out a line of the English block: \`${s.text}\``, s);
  for (const n of english.notes ?? []) {
    const label = labelAtStart(n.text)!;
    takeNote(ctx, label.kind, trimLine(sliceLine(n, label.rest)), n);
  }
}

/** Keyword lists whose separators the extraction lost, cut anew (a finding quotes both cuts). */
function applyKeywordRepair(ctx: Ctx, text: string): void {
  const { keywords } = ctx.meta;
  const repaired = repairKeywords({ zh: keywords.zh ?? [], en: keywords.en ?? [] }, { zhRaw: ctx.keywordsRaw.zh, enRaw: ctx.keywordsRaw.en, text });
  if (!repaired) return;
  for (const lang of ['zh', 'en'] as const) {
    const before = keywords[lang] ?? [];
    if (repaired[lang].join('\u0000') === before.join('\u0000')) continue;
    keywords[lang] = repaired[lang];
    const place = ctx.positions[`keywords.${lang}`] ?? null;
    report(ctx.file, `Keywords printed without separators, cut where the article uses each term: \`${before.join(' | ')}\` → \`${repaired[lang].join(' | ')}\``, { ruleId: 'ingest-keywords-recut', severity: 'info', place, stage: STAGE });
  }
}

function applyCodes(ctx: Ctx, codes: Codes, line: Line): void {
  const { meta } = ctx;
  const unread = line.text.replace(/中\s*图\s*(?:法\s*)?分\s*类\s*号|分类号|文献标[识志]码|文章编号/g, '');
  if (/[\u4e00-\u9fff]/.test(unread)) info(ctx, 'ingest-note-partial', `Classification line: its codes are kept, the rest is not modelled: \`${line.text}\``, line);
  if (codes.clc && !meta.clc) set(ctx, 'clc', line, () => (meta.clc = codes.clc));
  if (codes.clcOcr && meta.clc === codes.clc) info(ctx, 'ingest-clc-ocr', `CLC code \`${codes.clcOcr}\` starts with a digit: read as \`${codes.clc![0]}\` (a class letter misread by OCR)`, line);
  if (codes.documentCode) meta.documentCode ??= codes.documentCode;
  if (codes.doi) meta.doi ??= codes.doi;
  if (codes.articleNumber) meta.articleNumber ??= codes.articleNumber;
  else if (codes.articleNumberText) {
    report(ctx.file, `Article number \`${codes.articleNumberText}\` is not of the form ISSN(year)issue-page-count`, { ruleId: 'meta-article-number', severity: 'info', place: pos(ctx, line), stage: STAGE });
  }
}

function set(ctx: Ctx, key: string, line: Line, apply: () => unknown): void {
  apply();
  ctx.positions[key] = pos(ctx, line);
}

function spanOf(ctx: Ctx, lines: Line[]): Position {
  return ctx.src.position(lines[0]!.start, lines[lines.length - 1]!.end);
}

function assembleAuthors(ctx: Ctx, zhByline: ParsedName[], enAuthors: ParsedName[], zhAffs: ParsedAffiliation[], enAffs: ParsedAffiliation[]) {
  const { meta } = ctx;
  const zhAuthors = splitGluedChineseNames(zhByline, enAuthors);
  if (meta.abstract?.zh) {
    const parts = structuredParts(meta.abstract.zh, 'zh');
    if (parts) meta.abstractParts = { ...meta.abstractParts, zh: parts };
  }
  const affiliations = buildAffiliations(zhAffs, enAffs);
  const idOf = (label: string) => affiliations.find((a) => a.label === label)?.id;
  affiliations.forEach((a, i) => {
    const z = zhAffs.find((x) => x.label === a.label);
    const e = enAffs.find((x) => x.label === a.label);
    if (z) ctx.positions[`affiliations.${i}.zh`] = pos(ctx, z.line);
    if (e) ctx.positions[`affiliations.${i}.en`] = pos(ctx, e.line);
  });
  const count = Math.max(zhAuthors.length, enAuthors.length);
  const authors: Author[] = [];
  for (let i = 0; i < count; i++) {
    const z = zhAuthors[i];
    const e = enAuthors[i];
    const marks = z?.marks.length ? z.marks : (e?.marks ?? []);
    let affIds = marks.map(idOf).filter((x): x is string => !!x);
    if (!affIds.length && affiliations.length === 1) affIds = [affiliations[0]!.id];
    const author: Author = { name: {}, affiliations: [...new Set(affIds)], corresponding: !!(z?.corresponding || e?.corresponding) };
    if (z) {
      author.name.zh = z.name;
      ctx.positions[`authors.${i}.zh`] = pos(ctx, z.line);
    }
    if (e) {
      author.name.en = e.name;
      ctx.positions[`authors.${i}.en`] = pos(ctx, e.line);
    }
    authors.push(author);
  }
  applyCorrespondence(ctx, authors);
  meta.authors = authors;
  meta.affiliations = affiliations;
  return Array.from({ length: count }, (_, i) => ({ zh: zhAuthors[i]?.marks ?? [], en: enAuthors[i]?.marks ?? [] }));
}

function applyCorrespondence(ctx: Ctx, authors: Author[]): void {
  const { name } = ctx.corresp;
  // Without a correspondence note, the e-mail of the author note when its author is the one marked (or none is).
  const noteAuthorMarked = !authors.some((a) => a.corresponding) || authors[0]?.corresponding;
  const email = ctx.corresp.email ?? (noteAuthorMarked ? findEmail(ctx.meta.authorNotes?.zh ?? ctx.meta.authorNotes?.en ?? '') : undefined);
  if (name) {
    const norm = (s: string) => s.toLowerCase().replace(/[\s-]/g, '');
    const idx = authors.findIndex((a) => (a.name.en && norm(a.name.en) === norm(name)) || a.name.zh === name.replace(/\s/g, ''));
    if (idx >= 0) {
      authors[idx]!.corresponding = true;
      if (email) authors[idx]!.email = email;
    }
  }
  if (name || email) {
    ctx.meta.correspondence = {};
    if (name) ctx.meta.correspondence.name = /[A-Za-z]/.test(name) ? { en: name } : { zh: name };
    if (email) ctx.meta.correspondence.email = email;
  }
}

function reportMissing(ctx: Ctx, children: ArticleRoot['children'], hadHeading: boolean): void {
  const { meta } = ctx;
  const missing: Array<[boolean, string, string]> = [
    [!meta.title.zh, 'ingest-no-title', 'No Chinese title found'],
    [!meta.title.en, 'ingest-no-english-block', 'No English title block found'],
    [!meta.authors.length, 'ingest-no-authors', 'No author line found'],
    [!meta.abstract?.zh, 'ingest-no-abstract', 'No Chinese abstract (摘要) found'],
    [!meta.keywords.zh?.length, 'ingest-no-keywords', 'No Chinese keywords (关键词) found'],
    [!meta.articleNumber, 'ingest-no-article-number', 'No article number (文章编号) found'],
  ];
  // Many journals print no article number or English block: absent parts are facts to know, not errors.
  for (const [cond, ruleId, reason] of missing) if (cond) report(ctx.file, reason, { ruleId, severity: 'info', place: null, stage: STAGE });
  void hadHeading;
  if (!children.some((c) => c.type === 'paragraph')) report(ctx.file, 'No body text found', { ruleId: 'ingest-no-body', severity: 'error', place: null, stage: STAGE });
}

function finalMeta(ctx: Ctx): ArticleMeta {
  const checked = validateMeta(ctx.meta);
  if (checked.ok) return checked.meta;
  for (const p of checked.problems) report(ctx.file, `Invalid metadata: ${p}`, { ruleId: 'meta-invalid', severity: 'error', place: null, stage: STAGE });
  return sanitizeMeta(ctx.meta);
}

export type { ReferenceList };
/** Drop fields that fail validation so later stages can still run. */
function sanitizeMeta(meta: ArticleMeta): ArticleMeta {
  const copy = structuredClone(meta) as Record<string, unknown> & ArticleMeta;
  for (let round = 0; round < 20; round++) {
    const res = metaSchema.safeParse(copy);
    if (res.success) return res.data;
    for (const issue of res.error.issues) {
      const path = issue.path.slice();
      // Remove the deepest optional field on the path.
      let obj: any = copy;
      for (let k = 0; k < path.length - 1; k++) obj = obj?.[path[k] as string];
      const last = path[path.length - 1];
      if (obj && last !== undefined) {
        if (Array.isArray(obj) && typeof last === 'number') obj.splice(last, 1);
        else delete obj[last as string];
      }
    }
  }
  return emptyMeta();
}

