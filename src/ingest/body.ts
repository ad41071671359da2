/**
 * The body's lines as items: paragraphs (continued across page breaks and
 * floats), numbered section headings, figures and tables with their
 * Chinese and English captions (before or after the float), image lines.
 */
import type { VFile } from 'vfile';
import { report } from '../findings/index.js';
import { captionCredit, matchCaption, type CaptionMatch } from './captions.js';
import { splitMergedTables } from './merged-tables.js';
import { sliceLine, trimLine, type Line, type SourceText } from './source.js';
import { pushAll } from '../text/arrays.js';

const STAGE = 'ingest';

export type BodyItem =
  | { kind: 'para'; segments: Line[] }
  | { kind: 'heading'; label?: string; depth: number; text: Line; line: Line }
  | { kind: 'figure'; number: number; caption: Line | null; captionEn?: Line; parts?: Line[]; credit?: string; line: Line; after: number; url?: string }
  | { kind: 'table'; number: number; caption: Line | null; captionEn?: Line; rows: Line[][]; line: Line; after: number }
  /** A display formula `$$ … $$`: its TeX and the lines it spans. */
  | { kind: 'math'; tex: string; line: Line };

export type BodyLine = Line & { block: number };

export interface BodyContext {
  file: VFile;
  src: SourceText;
  items: BodyItem[];
  lastTop: number;
  lastSub: number;
  pendingImage: { url: string; line: Line } | null;
}

export function recognizeBody(lines: BodyLine[], file: VFile, src: SourceText): BodyItem[] {
  const ctx: BodyContext = { file, src, items: [], lastTop: 0, lastSub: 0, pendingImage: null };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const math = displayMath(lines, i);
    if (math) {
      if (ctx.pendingImage) settlePendingImage(ctx);
      ctx.items.push(math.item);
      i = math.last;
      continue;
    }
    const lastInBlock = lines[i + 1]?.block !== line.block;
    classifyLine(ctx, line, lastInBlock);
  }
  if (ctx.pendingImage) addFigure(ctx, ctx.pendingImage.line, null, 0, 'zh');
  for (const t of splitMergedTables(ctx.items)) {
    report(file, `Table ${t.number} was merged into table ${t.number - 1} by the extraction; split at its caption row`, {
      ruleId: 'ingest-table-split',
      severity: 'info',
      place: src.position(t.line.start, t.line.end),
      stage: STAGE,
    });
  }
  return ctx.items;
}

/** Lines most a display formula spans. */
const MAX_MATH_LINES = 60;

/** A display formula starting at line `i`: `$$ … $$` on one line, or from a `$$` line to one ending in `$$` in the same block. */
function displayMath(lines: BodyLine[], i: number): { item: BodyItem; last: number } | null {
  const first = lines[i]!;
  if (!first.text.startsWith('$$')) return null;
  for (let j = i; j < lines.length && j - i < MAX_MATH_LINES && lines[j]!.block === first.block; j++) {
    const l = lines[j]!;
    const closes = l.text.endsWith('$$') && (j > i || l.text.length >= 4);
    if (!closes) continue;
    const parts = lines.slice(i, j + 1).map((x) => x.text);
    const tex = parts.join('\n').slice(2, -2);
    if (tex.includes('$$')) return null;
    return { item: { kind: 'math', tex, line: { text: parts.join('\n'), start: first.start, end: l.end } }, last: j };
  }
  return null;
}

function classifyLine(ctx: BodyContext, line: Line, lastInBlock: boolean): void {
  const t = line.text;
  const image = /^!\[[^\]]*\]\(\s*<?([^)\s>]+)>?\s*\)$/.exec(t);
  if (image) {
    // An image line of the extraction: the picture of the figure whose caption follows.
    // Several image lines before one caption are the parts of one figure.
    ctx.pendingImage ??= { url: image[1]!, line };
    return;
  }
  // Right after an image, or as the other language's line of the float just read, a caption may be long.
  const prev = lastItem(ctx);
  const loose = matchCaption(t, true);
  const nextToFloat = !!ctx.pendingImage || ((prev?.kind === 'figure' || prev?.kind === 'table') && loose?.kind === prev.kind && loose.number === prev.number);
  const cap = nextToFloat ? loose : matchCaption(t);
  const en = cap?.lang === 'zh' ? /\s(?=(?:Table|TABLE|Tab\.?|Fig\.?|FIG\.?|Figure)\s*\d)|(?<=[\u4e00-\u9fff）)])(?=(?:Table|TABLE|Tab\.|Fig\.|FIG\.|Figure)\s*\d)/.exec(t) : null;
  if (cap && en && en.index > cap.textStart) {
    // `表4 … Table 4 …`: both languages of the caption on one line.
    classifyLine(ctx, trimLine(sliceLine(line, 0, en.index)), lastInBlock);
    classifyLine(ctx, trimLine(sliceLine(line, en.index)), lastInBlock);
    return;
  }
  if (cap) fitSequence(ctx, cap, t);
  if (cap && !(cap.number > 0 && cap.number < 1000)) {
    addParagraphLine(ctx, line);
    return;
  }
  if (cap) {
    const capLine = trimLine(sliceLine(line, cap.textStart));
    if (cap.kind === 'figure') addFigure(ctx, line, capLine, cap.number, cap.lang);
    else addTableCaption(ctx, line, capLine, cap.number, cap.lang, cap.continued);
    return;
  }
  if (/^(?:<html>\s*<body>\s*)?<table[\s>]/i.test(t)) return addHtmlTable(ctx, line);
  if (t.includes('\t')) return addRows(ctx, line, [splitRow(line)], true);
  const heading = lastInBlock ? matchHeading(ctx, line) : null;
  if (heading) {
    ctx.items.push(heading);
    return;
  }
  // A heading mark the extraction put before a long line or an empty one: not part of the text.
  const hashes = /^#{1,6}(?:\s+|$)/.exec(t);
  if (hashes && hashes[0].length === t.length) return;
  // Text between an image and the next image or caption: the image belongs to the figure captioned just
  // before it (caption above the picture), or, when that one has its image, it is a figure whose caption is lost.
  if (ctx.pendingImage && !endsMidSentenceBefore(ctx)) settlePendingImage(ctx);
  addParagraphLine(ctx, hashes ? trimLine(sliceLine(line, hashes[0].length)) : line);
}

/**
 * `图44种不同地面…` after figure 3 is figure 4 followed by `4种…`; `Fig.1Ob` after
 * figure 10a is figure 10: of the readings of the label, the one that continues
 * the numbering (the same number or the next) wins.
 */
function fitSequence(ctx: BodyContext, cap: CaptionMatch, text: string): void {
  const prev = [...ctx.items].reverse().find((b) => b.kind === cap.kind && b.number > 0) as { number: number } | undefined;
  const last = prev?.number ?? 0;
  if (cap.number === last || cap.number === last + 1) return;
  const label = /\d[\dO]*/.exec(text.slice(0, cap.textStart + 3));
  if (!label) return;
  const digits = label[0].replace(/O/g, '0');
  for (const n of [last + 1, last]) {
    const s = String(n);
    if (n > 0 && digits.startsWith(s)) {
      cap.number = n;
      cap.textStart = label.index + s.length;
      while (/[.:：．\s]/.test(text[cap.textStart] ?? '')) cap.textStart++;
      return;
    }
  }
}

function lastItem(ctx: BodyContext): BodyItem | undefined {
  return ctx.items[ctx.items.length - 1];
}

function addFigure(ctx: BodyContext, line: Line, caption: Line | null, number: number, lang: 'zh' | 'en'): void {
  const last = [...ctx.items].reverse().find((b) => b.kind === 'figure');
  // The other language's line of the caption just read, or a part (`图8b`) of the same figure.
  if (caption && last?.kind === 'figure' && last.number === number) {
    if (lang === 'en' && !last.captionEn) last.captionEn = caption;
    else if (lang === 'zh' && !last.caption) last.caption = caption;
    else (last.parts ??= []).push(trimLine(line)); // a part keeps its own label (`图8b …`)
    if (ctx.pendingImage && !last.url) last.url = ctx.pendingImage.url;
    ctx.pendingImage = null;
    return;
  }
  let cap = caption;
  let credit: string | undefined;
  const c = cap ? captionCredit(cap.text) : null;
  if (cap && c) {
    credit = c.credit;
    cap = trimLine(sliceLine(cap, 0, c.at));
  }
  const n = number || ctx.items.filter((b) => b.kind === 'figure').length + 1;
  const item: BodyItem = { kind: 'figure', number: n, caption: lang === 'zh' ? cap : null, line, after: lastParaIndex(ctx), url: ctx.pendingImage?.url };
  if (lang === 'en' && cap) item.captionEn = cap;
  if (credit) item.credit = credit;
  ctx.pendingImage = null;
  ctx.items.push(item);
}

function addTableCaption(ctx: BodyContext, line: Line, caption: Line, number: number, lang: 'zh' | 'en', continued: boolean): void {
  // The other language's caption of a table among the last few items (`表3…`, `表2…`, `Table 3…`),
  // or displaced further down by the extraction (a table of that number already read, lacking it).
  const lacks = (b: BodyItem): b is BodyItem & { kind: 'table' } => b.kind === 'table' && b.number === number && !(lang === 'en' ? b.captionEn : b.caption);
  const far = continued ? undefined : ctx.items.filter(lacks).find((b) => !!(b.caption || b.captionEn));
  let same = ctx.items.slice(-3).find(lacks);
  if (!same && far?.rows.length) same = far;
  else if (!same && far) {
    // A caption printed early with others (`表2…`, `表3…`), the other language's line and the rows later: moved here.
    ctx.items.splice(ctx.items.indexOf(far), 1);
    ctx.items.push({ ...far, ...(lang === 'en' ? { captionEn: caption } : { caption }), after: lastParaIndex(ctx) });
    return;
  }
  const last = same ?? lastItem(ctx);
  if (last?.kind === 'table' && (last.number === number || (!last.caption && !last.captionEn && last.rows.length))) {
    // The same table's caption in the other language, or a caption printed below its table.
    if (lang === 'en' && !last.captionEn) last.captionEn = caption;
    else if (lang === 'zh' && !last.caption) last.caption = caption;
    else if (!continued) return addParagraphLine(ctx, line); // captioned already: a note on the table, kept as text
    if (!last.number || !last.caption) last.number = number;
    if (last.rows.length && !last.caption) last.line = line;
    return;
  }
  if (continued) {
    ctx.items.push({ kind: 'table', number, caption: null, rows: [], line, after: lastParaIndex(ctx) });
    return;
  }
  const item: BodyItem = { kind: 'table', number, caption: lang === 'zh' ? caption : null, rows: [], line, after: lastParaIndex(ctx) };
  if (lang === 'en') item.captionEn = caption;
  ctx.items.push(item);
}

/** An HTML table of the extraction; a caption it holds as its first row (`<td colspan="3">Table 2 …</td>`) is read as one. */
function addHtmlTable(ctx: BodyContext, line: Line): void {
  let rows = parseHtmlTable(line);
  const cells = rows[0]?.filter((c) => c.text.trim()) ?? [];
  const cap = cells.length === 1 ? matchCaption(cells[0]!.text, true) : null;
  if (cap?.kind === 'table' && cap.number > 0 && cap.number < 1000 && !cap.continued) {
    fitSequence(ctx, cap, cells[0]!.text);
    addTableCaption(ctx, cells[0]!, trimLine(sliceLine(cells[0]!, cap.textStart)), cap.number, cap.lang, false);
    rows = rows.slice(1);
  }
  addRows(ctx, line, rows);
}

function addRows(ctx: BodyContext, line: Line, rows: Line[][], tsv = false): void {
  if (!rows.length) return;
  const waiting = captionWaiting(ctx);
  if (waiting) {
    // Captions printed together above their tables (`表2…`, `表3…`, rows of 2, rows of 3).
    pushAll(waiting.rows, rows);
    return;
  }
  const last = (tsv ? undefined : recentTable(ctx)) ?? lastItem(ctx);
  const fits = last?.kind === 'table' && (!tsv || last.rows.length === 0 || last.rows[0]!.length === rows[0]!.length);
  // A table continued after a page break comes as a second table block right after the first.
  if (last?.kind === 'table' && fits) pushAll(last.rows, rows);
  else ctx.items.push({ kind: 'table', number: 0, caption: null, rows, line, after: lastParaIndex(ctx) });
}

/** The earliest captioned table still without rows among the last few items (a note or unit line may sit between). */
function captionWaiting(ctx: BodyContext): (BodyItem & { kind: 'table' }) | undefined {
  const recent = ctx.items.slice(-4);
  for (const item of recent) {
    if (item.kind === 'table' && item.rows.length === 0 && (item.caption || item.captionEn)) {
      const after = recent.slice(recent.indexOf(item) + 1);
      if (after.every((b) => b.kind === 'table' || (b.kind === 'para' && b.segments.every((l) => l.text.length <= 160)))) return item;
    }
  }
  return undefined;
}

/** The last table, when only short lines (its caption's second line, a unit, a note) came after it. */
function recentTable(ctx: BodyContext): (BodyItem & { kind: 'table' }) | undefined {
  const recent = ctx.items.slice(-3);
  for (let k = recent.length - 1; k >= 0; k--) {
    const item = recent[k]!;
    if (item.kind === 'table') return item.rows.length ? item : undefined;
    if (item.kind !== 'para' || item.segments.some((l) => l.text.length > 160)) return undefined;
  }
  return undefined;
}

function addParagraphLine(ctx: BodyContext, line: Line): void {
  // Paragraph text: continue the previous paragraph when it ended mid-sentence.
  const prev = lastParaIndex(ctx);
  const prevItem = prev >= 0 ? (ctx.items[prev] as { kind: 'para'; segments: Line[] }) : null;
  const onlyFloatsSince = prev >= 0 && ctx.items.slice(prev + 1).every((b) => b.kind === 'figure' || b.kind === 'table');
  if (prevItem && onlyFloatsSince && endsMidSentence(prevItem.segments[prevItem.segments.length - 1]!.text)) {
    prevItem.segments.push(line);
    report(ctx.file, 'Paragraph continued after a page break or float; joined', {
      ruleId: 'ingest-paragraph-joined',
      severity: 'info',
      place: ctx.src.position(line.start, line.end),
      stage: STAGE,
    });
  } else ctx.items.push({ kind: 'para', segments: [line] });
}

function settlePendingImage(ctx: BodyContext): void {
  const last = [...ctx.items].reverse().find((b) => b.kind === 'figure');
  if (last?.kind === 'figure' && !last.url) {
    last.url = ctx.pendingImage!.url;
    ctx.pendingImage = null;
  } else addFigure(ctx, ctx.pendingImage!.line, null, 0, 'zh');
}

/** The paragraph before the pending image stopped mid-sentence: the text after the image continues it. */
function endsMidSentenceBefore(ctx: BodyContext): boolean {
  const prev = lastParaIndex(ctx);
  if (prev < 0 || prev !== ctx.items.length - 1) return false;
  const para = ctx.items[prev] as { kind: 'para'; segments: Line[] };
  return endsMidSentence(para.segments[para.segments.length - 1]!.text);
}

export function lastParaIndex(ctx: { items: BodyItem[] }): number {
  for (let k = ctx.items.length - 1; k >= 0; k--) {
    const b = ctx.items[k]!;
    if (b.kind === 'para') return k;
    if (b.kind === 'heading') return -1;
  }
  return -1;
}

const NOT_A_HEADING_START = /^(例|名|只|位|种|个|年|月|日|次|h|d|mg|kg|ml|mL|μ)/;

function matchHeading(ctx: BodyContext, line: Line): BodyItem | null {
  const hashes = /^(#{1,6})\s*/.exec(line.text);
  const t = hashes ? line.text.slice(hashes[0].length) : line.text;
  const offset = line.text.length - t.length;
  const m = /^(\d{1,2}(?:\s?\.\s?\d{1,2}){0,3})(?:[.．、](?!\d))?\s*(\S.*)$/.exec(t);
  const short = t.length <= 60 && !/[。；;]$/.test(t) && !/[，,]$/.test(t);
  if (m && short && !/^[\d%．.\s]/.test(m[2]!) && !NOT_A_HEADING_START.test(m[2]!)) {
    const label = m[1]!.replace(/\s/g, '');
    const parts = label.split('.').map(Number);
    const top = parts[0]!;
    const inSequence =
      (parts.length === 1 && top === ctx.lastTop + 1) ||
      (parts.length === 2 && top === ctx.lastTop && parts[1] === ctx.lastSub + 1) ||
      (parts.length > 2 && top === ctx.lastTop);
    if (inSequence || hashes) {
      if (!inSequence) {
        report(ctx.file, `Section ${label} is out of sequence`, { ruleId: 'heading-sequence', severity: 'info', place: ctx.src.position(line.start, line.end), stage: STAGE });
      }
      if (parts.length === 1) {
        ctx.lastTop = top;
        ctx.lastSub = 0;
      } else if (parts.length === 2) ctx.lastSub = parts[1]!;
      const text = trimLine(sliceLine(line, offset + m[0].length - m[2]!.length));
      return { kind: 'heading', label, depth: Math.min(6, parts.length + 1), text, line };
    }
  }
  if (hashes && short && t) return { kind: 'heading', depth: 2, text: trimLine(sliceLine(line, offset)), line };
  return null;
}

function splitRow(line: Line): Line[] {
  const cells: Line[] = [];
  let last = 0;
  for (let i = 0; i <= line.text.length; i++) {
    if (i === line.text.length || line.text[i] === '\t') {
      cells.push(trimLine(sliceLine(line, last, i)));
      last = i + 1;
    }
  }
  return cells;
}

/** Rows of an extracted HTML table (`<table><tr><td>…`); spans are not kept, cells keep offsets. */
function parseHtmlTable(line: Line): Line[][] {
  const rows: Line[][] = [];
  // A row or cell the extraction left unclosed ends where the next one (or the table) does.
  const rowRe = /<tr[^>]*>([\s\S]*?)(?:<\/tr>|(?=<tr[\s>]|<\/table>|$))/gi;
  let r: RegExpExecArray | null;
  while ((r = rowRe.exec(line.text))) {
    const rowStart = line.start + r.index + r[0].indexOf('>') + 1;
    const cells: Line[] = [];
    const cellRe = /<t[dh][^>]*>([\s\S]*?)(?:<\/t[dh]>|(?=<t[dh][\s>]|$))/gi;
    let c: RegExpExecArray | null;
    while ((c = cellRe.exec(r[1]!))) {
      const start = rowStart + c.index + c[0].indexOf('>') + 1;
      const inner = c[1]!;
      // Keep offsets exact only when the cell has no markup of its own.
      const text = inner.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ');
      cells.push(text === inner ? trimLine({ text, start, end: start + text.length }) : { text: text.trim(), start, end: start + inner.length });
    }
    if (cells.length) rows.push(cells);
  }
  return rows;
}

/** Does this paragraph text stop mid-sentence (a page break, not a paragraph end)? */
export function endsMidSentence(text: string): boolean {
  let t = text.trimEnd();
  t = t.replace(/(?:\^?\[[\d,，\-–~\s]+\]|\$\^\{\[[^\]]*\]\}\$)+$/, '');
  t = t.replace(/[”’」』)）\]】"']+$/, '');
  const last = t[t.length - 1];
  if (!last) return false;
  return !/[。！？!?…:：.;；]/.test(last);
}
