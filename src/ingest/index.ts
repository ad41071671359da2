/**
 * ingest: PDF-extracted text → document tree.
 *
 * Splits front matter, English block, body, references and back notes;
 * detects numbered section headings; rejoins paragraphs and words split by
 * page breaks; lifts figure captions and tables out of the sentence they
 * interrupt and places them after the paragraph that first refers to them;
 * joins reference entries continued on a new page. Text is kept as found
 * (the normalize stage rewrites it); every node keeps its source position.
 */
import type { VFile } from 'vfile';
import type { Heading, Paragraph, PhrasingContent, Table, TableRow, Text } from 'mdast';
import type { Position } from 'unist';
import { report } from '../findings/index.js';
import { emptyMeta, metaSchema, validateMeta, type ArticleMeta, type Author } from '../model/meta.js';
import type { ArticleRoot, FigureFloat, ReferenceEntry, ReferenceList, TableFloat } from '../model/types.js';
import { uniqueFloatIds } from '../model/util.js';
import { HAN_RE, isLatinLetter } from '../text/chars.js';
import {
  buildAffiliations,
  metaKey,
  parseAffiliationLine,
  parseArticleNumber,
  parseAuthorLine,
  parseDate,
  splitKeywords,
  stripNoteParens,
  type ParsedAffiliation,
  type ParsedName,
  type PositionMap,
} from './front.js';
import { SourceText, splitBlocks, sliceLine, trimLine, type Block, type Line } from './source.js';

const STAGE = 'ingest';

export interface IngestResult {
  tree: ArticleRoot;
  /** Source positions of metadata fields (`title.zh`, `authors.0.en`, …). */
  positions: PositionMap;
}

type BodyItem =
  | { kind: 'para'; segments: Line[] }
  | { kind: 'heading'; label?: string; depth: number; text: Line; line: Line }
  | { kind: 'figure'; number: number; caption: Line; credit?: string; line: Line; after: number; url?: string }
  | { kind: 'table'; number: number; caption: Line | null; rows: Line[][]; line: Line; after: number };

export function ingest(text: string, file: VFile): IngestResult {
  const src = new SourceText(text);
  const pos = (l: { start: number; end: number }): Position => src.position(l.start, l.end);
  const blocks = splitBlocks(text);
  const positions: PositionMap = {};
  const meta: ArticleMeta = emptyMeta();

  let zhAuthors: ParsedName[] = [];
  let enAuthors: ParsedName[] = [];
  let zhAffs: ParsedAffiliation[] = [];
  let enAffs: ParsedAffiliation[] = [];
  let correspName: string | undefined;
  let correspEmail: string | undefined;

  type Phase = 'front' | 'body' | 'refs';
  let phase: Phase = 'front';
  let seenFrontKey = false;
  let enTitleSeen = false;
  let titleFromHeading = false;
  const body: BodyItem[] = [];
  const refLines: Line[] = [];
  let lastTop = 0;
  let lastSub = 0;
  let pendingImage: { url: string; line: Line } | null = null;

  const handleMetaLine = (line: Line, key: string, rest: number): boolean => {
    const value = trimLine(sliceLine(line, rest));
    switch (key) {
      case 'abstract-zh':
        if (value.text) {
          meta.abstract = { ...meta.abstract, zh: value.text };
          positions['abstract.zh'] = pos(value);
        }
        return true;
      case 'keywords-zh':
        meta.keywords.zh = splitKeywords(value.text);
        positions['keywords.zh'] = pos(value);
        return true;
      case 'abstract-en':
        if (value.text) {
          meta.abstract = { ...meta.abstract, en: value.text };
          positions['abstract.en'] = pos(value);
        }
        return true;
      case 'keywords-en':
        meta.keywords.en = splitKeywords(value.text);
        positions['keywords.en'] = pos(value);
        return true;
      case 'clc': {
        const clc = /中图分类号\s*[:：]?\s*([A-Z][A-Z0-9.;；+\-\s/]*?)(?=\s*(?:文献标[识志]码|文章编号|DOI|$))/.exec(line.text);
        if (clc) meta.clc = clc[1]!.split(/[;；\s]+/).filter(Boolean);
        const code = /文献标[识志]码\s*[:：]?\s*([A-Z])/.exec(line.text);
        if (code) meta.documentCode = code[1];
        const num = /文章编号\s*[:：]?\s*(.+)$/.exec(line.text);
        if (num) {
          const parsed = parseArticleNumber(num[1]!);
          if (parsed) meta.articleNumber = parsed;
          else report(file, `Article number \`${num[1]!.trim()}\` is not of the form ISSN(year)issue-page-count`, { ruleId: 'meta-article-number', place: pos(line), stage: STAGE });
        }
        positions.clc = pos(line);
        const doi = /DOI\s*[:：]\s*(10\.\S+)/i.exec(line.text);
        if (doi) meta.doi = doi[1]!.replace(/[.,;。]$/, '');
        return true;
      }
      case 'doi': {
        const doi = /(10\.\d{3,}\/\S+)/.exec(value.text);
        if (doi) meta.doi = doi[1]!.replace(/[.,;。]$/, '');
        return true;
      }
      case 'corresp-en':
      case 'corresp-zh': {
        const email = /([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/.exec(value.text);
        if (email) correspEmail = email[1];
        const name = /^([^,，;；:：]+?)\s*(?:[,，;；]|$)/.exec(value.text.replace(/^\s*[:：]/, ''));
        if (name && !/@/.test(name[1]!) && !/e-?mail/i.test(name[1]!)) correspName = name[1]!.trim();
        positions.correspondence = pos(value);
        return true;
      }
      case 'received': {
        const d = parseDate(value.text);
        if (d) {
          meta.received = d;
          positions.received = pos(value);
        }
        const rev = /修回日期\s*[:：]?\s*(.+)$/.exec(value.text);
        if (rev) {
          const r = parseDate(rev[1]!);
          if (r) meta.revised = r;
        }
        return true;
      }
      case 'editor': {
        const ed = stripNoteParens(line);
        const name = ed.text.replace(/^(?:本文)?(?:责任)?编辑\s*[:：]\s*/, '').trim();
        if (name) {
          meta.editor = name;
          positions.editor = pos(ed);
        }
        return true;
      }
      case 'funding':
      case 'bio':
        return true;
    }
    return false;
  };

  for (const block of blocks) {
    for (let li = 0; li < block.lines.length; li++) {
      const line = block.lines[li]!;
      const key = metaKey(line.text);
      if (key?.key === 'references') {
        phase = 'refs';
        continue;
      }
      if (key) {
        // A back note inside references, or front metadata anywhere.
        handleMetaLine(line, key.key, key.rest);
        if (phase === 'front') seenFrontKey = true;
        continue;
      }
      if (phase === 'refs') {
        refLines.push(line);
        continue;
      }
      if (phase === 'front') {
        const t = line.text.replace(/^#+\s*/, '');
        const latin = !HAN_RE.test(t) && /[A-Za-z]/.test(t) && !/[。，；]/.test(t);
        const headingLike = /^#{1,6}\s*\d/.test(line.text);
        // A citation of the article itself, printed above it ("…[J]．电波科学学报,2015,30(6)…").
        if (!seenFrontKey && !zhAuthors.length && /\[[A-Z]{1,2}\]\s*[.．]/.test(t) && /(?:19|20)\d{2}/.test(t)) {
          report(file, 'A citation line above the title was skipped', { ruleId: 'ingest-front-unrecognized', severity: 'info', place: pos(line), stage: STAGE });
          continue;
        }
        const markdownTitle = /^#\s/.test(line.text) && !latin && !headingLike;
        if ((!meta.title.zh || (markdownTitle && !zhAuthors.length && !seenFrontKey && !titleFromHeading)) && !latin) {
          const tl = trimLine(sliceLine(line, line.text.length - t.length));
          meta.title.zh = tl.text;
          positions['title.zh'] = pos(tl);
          titleFromHeading = markdownTitle;
          continue;
        }
        if (!latin && meta.title.zh && !zhAuthors.length && !seenFrontKey && t.length < 120 && !/[。]/.test(t) && !headingLike) {
          // Authors, possibly followed by an affiliation in parentheses.
          const paren = t.search(/[(（]/);
          const namesLine = paren > 0 ? sliceLine(line, 0, paren) : line;
          if (paren !== 0) {
            zhAuthors = parseAuthorLine(namesLine);
            if (paren > 0) zhAffs = parseAffiliationLine(sliceLine(line, paren), 'zh');
            continue;
          }
        }
        if (!latin && /^[(（]/.test(t) && !zhAffs.length && !seenFrontKey) {
          zhAffs = parseAffiliationLine(line, 'zh');
          continue;
        }
        if (latin && !headingLike) {
          if (!enTitleSeen) {
            const tl = trimLine(sliceLine(line, line.text.length - t.length));
            meta.title.en = tl.text;
            positions['title.en'] = pos(tl);
            enTitleSeen = true;
            continue;
          }
          if (!enAuthors.length && !/^[(（]/.test(t)) {
            const paren = t.search(/[(（]/);
            enAuthors = parseAuthorLine(paren > 0 ? sliceLine(line, 0, paren) : line);
            if (paren > 0) enAffs = parseAffiliationLine(sliceLine(line, paren), 'en');
            continue;
          }
          if (/^[(（]/.test(t) && !enAffs.length) {
            enAffs = parseAffiliationLine(line, 'en');
            continue;
          }
          if (!seenFrontKey || !meta.abstract?.en) continue; // other English front text
        }
        if (!seenFrontKey && !enTitleSeen && !headingLike && t.length < 200 && !/[。]/.test(t)) {
          // A short unlabelled front line (e.g. a second author line): skip.
          report(file, `Front-matter line not recognized: \`${t.slice(0, 40)}\``, { ruleId: 'ingest-front-unrecognized', severity: 'info', place: pos(line), stage: STAGE });
          continue;
        }
        phase = 'body';
      }
      // Body phase: whole blocks are classified; the rest of this block goes with it.
      classifyBody(block, li);
      break;
    }
  }

  function classifyBody(block: Block, fromLine: number): void {
    const lines = block.lines.slice(fromLine);
    let i = 0;
    while (i < lines.length) {
      const line = lines[i]!;
      const t = line.text;
      const image = /^!\[[^\]]*\]\(\s*<?([^)\s>]+)>?\s*\)$/.exec(t);
      if (image) {
        // An image line of the extraction: the picture of the figure whose caption follows.
        pendingImage = { url: image[1]!, line };
        i++;
        continue;
      }
      const fig = /^(?:图|Fig\.?|Figure)\s*(\d{1,3})(?![\d.])\s*[.:：]?\s*(.*)$/.exec(t);
      if (fig && t.length <= 160 && !/[。；]$/.test(t)) {
        const prevFig = body[body.length - 1];
        if (prevFig && prevFig.kind === 'figure' && prevFig.number === Number(fig[1])) {
          i++;
          continue;
        }
        const capStart = t.length - fig[2]!.length;
        let caption = trimLine(sliceLine(line, capStart));
        let credit: string | undefined;
        const cm = /\s*[(（]([^()（）]*(?:绘制|提供|引自|来源|摄|drawn|courtesy|source)[^()（）]*)[)）]\s*$/i.exec(caption.text);
        if (cm) {
          credit = cm[1]!.trim();
          caption = trimLine(sliceLine(caption, 0, cm.index));
        }
        body.push({ kind: 'figure', number: Number(fig[1]), caption, credit, line, after: lastParaIndex(), url: pendingImage?.url });
        pendingImage = null;
        i++;
        continue;
      }
      const tab = /^(?:表|Table)\s*(\d{1,3})(?![\d.])\s*[.:：]?\s*(.*)$/.exec(t);
      if (tab && t.length <= 160 && !t.includes('\t') && !/[。；]$/.test(t)) {
        const caption = trimLine(sliceLine(line, t.length - tab[2]!.length));
        const last = body[body.length - 1];
        const num = Number(tab[1]);
        if (last && last.kind === 'table' && last.number === num && last.caption) {
          // The same table's caption in the other language: keep the first.
          i++;
          continue;
        }
        if (last && last.kind === 'table' && !last.caption && last.rows.length && !(lines[i + 1] ?? null)) {
          // A caption set below its table.
          last.caption = caption;
          last.number = num;
          last.line = line;
          i++;
          continue;
        }
        body.push({ kind: 'table', number: Number(tab[1]), caption, rows: [], line, after: lastParaIndex() });
        i++;
        continue;
      }
      if (/^(?:<html>\s*<body>\s*)?<table[\s>]/i.test(t)) {
        const rows = parseHtmlTable(line);
        const last = body[body.length - 1];
        if (rows.length && last && last.kind === 'table' && last.rows.length === 0) last.rows.push(...rows);
        else if (rows.length) body.push({ kind: 'table', number: 0, caption: null, rows, line, after: lastParaIndex() });
        i++;
        continue;
      }
      if (t.includes('\t')) {
        const row = splitRow(line);
        const last = body[body.length - 1];
        if (last && last.kind === 'table' && (last.rows.length === 0 || last.rows[0]!.length === row.length)) last.rows.push(row);
        else body.push({ kind: 'table', number: 0, caption: null, rows: [row], line, after: lastParaIndex() });
        i++;
        continue;
      }
      const heading = matchHeading(line);
      if (heading && lines.length - i === 1) {
        body.push(heading);
        i++;
        continue;
      }
      // Paragraph text: continue the previous paragraph when it ended mid-sentence.
      const prev = lastParaIndex();
      const prevItem = prev >= 0 ? (body[prev] as { kind: 'para'; segments: Line[] }) : null;
      const onlyFloatsSince = prev >= 0 && body.slice(prev + 1).every((b) => b.kind === 'figure' || b.kind === 'table');
      if (prevItem && onlyFloatsSince && endsMidSentence(prevItem.segments[prevItem.segments.length - 1]!.text)) {
        prevItem.segments.push(line);
        report(file, 'Paragraph continued after a page break or float; joined', {
          ruleId: 'ingest-paragraph-joined',
          severity: 'info',
          place: pos(line),
          stage: STAGE,
        });
      } else body.push({ kind: 'para', segments: [line] });
      i++;
    }
  }

  function lastParaIndex(): number {
    for (let k = body.length - 1; k >= 0; k--) {
      const b = body[k]!;
      if (b.kind === 'para') return k;
      if (b.kind === 'heading') return -1;
    }
    return -1;
  }

  function matchHeading(line: Line): BodyItem | null {
    const hashes = /^(#{1,6})\s*/.exec(line.text);
    const t = hashes ? line.text.slice(hashes[0].length) : line.text;
    const offset = line.text.length - t.length;
    const m = /^(\d{1,2}(?:\.\d{1,2}){0,3})(?:\.(?!\d))?\s*(\S.*)$/.exec(t);
    const short = t.length <= 60 && !/[。；;]$/.test(t) && !/[，,]$/.test(t);
    if (m && short && !/^[\d%．.\s]/.test(m[2]!) && !/^(例|名|只|位|种|个|年|月|日|次|h|d|mg|kg|ml|mL|μ)/.test(m[2]!)) {
      const parts = m[1]!.split('.').map(Number);
      const top = parts[0]!;
      const inSequence =
        (parts.length === 1 && top === lastTop + 1) ||
        (parts.length === 2 && top === lastTop && parts[1] === lastSub + 1) ||
        (parts.length > 2 && top === lastTop);
      if (inSequence || hashes) {
        if (!inSequence) {
          report(file, `Section ${m[1]} is out of sequence`, { ruleId: 'heading-sequence', place: pos(line), stage: STAGE });
        }
        if (parts.length === 1) {
          lastTop = top;
          lastSub = 0;
        } else if (parts.length === 2) lastSub = parts[1]!;
        const text = trimLine(sliceLine(line, offset + m[0].length - m[2]!.length));
        return { kind: 'heading', label: m[1], depth: Math.min(6, parts.length + 1), text, line };
      }
    }
    if (hashes && short && t) {
      return { kind: 'heading', depth: 2, text: trimLine(sliceLine(line, offset)), line };
    }
    return null;
  }

  // ---- metadata assembly ----
  const affiliations = buildAffiliations(zhAffs, enAffs);
  const idOf = (label: string) => affiliations.find((a) => a.label === label)?.id;
  affiliations.forEach((a, i) => {
    const z = zhAffs.find((x) => x.label === a.label);
    const e = enAffs.find((x) => x.label === a.label);
    if (z) positions[`affiliations.${i}.zh`] = pos(z.line);
    if (e) positions[`affiliations.${i}.en`] = pos(e.line);
  });
  const count = Math.max(zhAuthors.length, enAuthors.length);
  const authors: Author[] = [];
  for (let i = 0; i < count; i++) {
    const z = zhAuthors[i];
    const e = enAuthors[i];
    const marks = z?.marks.length ? z.marks : (e?.marks ?? []);
    let affIds = marks.map(idOf).filter((x): x is string => !!x);
    if (!marks.length && affiliations.length === 1) affIds = [affiliations[0]!.id];
    const author: Author = { name: {}, affiliations: affIds, corresponding: !!(z?.corresponding || e?.corresponding) };
    if (z) {
      author.name.zh = z.name;
      positions[`authors.${i}.zh`] = pos(z.line);
    }
    if (e) {
      author.name.en = e.name;
      positions[`authors.${i}.en`] = pos(e.line);
    }
    authors.push(author);
  }
  if (correspName) {
    const norm = (s: string) => s.toLowerCase().replace(/[\s-]/g, '');
    const idx = authors.findIndex((a) => (a.name.en && norm(a.name.en) === norm(correspName!)) || a.name.zh === correspName);
    if (idx >= 0) {
      authors[idx]!.corresponding = true;
      if (correspEmail) authors[idx]!.email = correspEmail;
    }
  }
  if (correspName || correspEmail) {
    meta.correspondence = {};
    if (correspName) meta.correspondence.name = /[A-Za-z]/.test(correspName) ? { en: correspName } : { zh: correspName };
    if (correspEmail) meta.correspondence.email = correspEmail;
  }
  meta.authors = authors;
  meta.affiliations = affiliations;
  // ---- body tree ----
  const children: ArticleRoot['children'] = [];
  const textNode = (l: Line): Text => ({ type: 'text', value: l.text, position: pos(l) });
  const paragraphs: Array<{ node: Paragraph; text: string }> = [];
  const floats: Array<{ item: BodyItem & { kind: 'figure' | 'table' }; node: TableFloat | FigureFloat }> = [];
  let tableCount = 0;
  let figureCount = 0;
  for (const item of body) {
    if (item.kind === 'para') {
      const segs: PhrasingContent[] = [];
      item.segments.forEach((seg, k) => {
        if (k > 0) {
          const prev = item.segments[k - 1]!.text;
          if (isLatinLetter(prev[prev.length - 1]) && isLatinLetter(seg.text[0]) && !prev.endsWith('-')) segs.push({ type: 'text', value: ' ' });
        }
        segs.push(textNode(seg));
      });
      const node: Paragraph = {
        type: 'paragraph',
        children: segs,
        position: src.position(item.segments[0]!.start, item.segments[item.segments.length - 1]!.end),
      };
      children.push(node);
      paragraphs.push({ node, text: item.segments.map((s) => s.text).join('') });
    } else if (item.kind === 'heading') {
      const node: Heading = { type: 'heading', depth: item.depth as Heading['depth'], children: [textNode(item.text)], position: pos(item.line) };
      if (item.label) node.data = { label: item.label };
      children.push(node);
    } else if (item.kind === 'figure') {
      figureCount++;
      const node: FigureFloat = {
        type: 'figureFloat',
        identifier: `F${item.number || figureCount}`,
        label: `图${item.number || figureCount}`,
        caption: item.caption.text ? [textNode(item.caption)] : [],
        children: [],
        position: pos(item.line),
      };
      if (item.credit) node.credit = item.credit;
      if (item.url && !/^[a-z]+:/i.test(item.url) && !item.url.split('/').includes('..')) node.url = item.url;
      floats.push({ item, node });
    } else {
      tableCount++;
      if (!item.rows.length) {
        report(file, `Table ${item.number} has a caption but no rows`, { ruleId: 'ingest-table-empty', place: pos(item.line), stage: STAGE });
        continue;
      }
      const width = Math.max(...item.rows.map((r) => r.length));
      const table: Table = {
        type: 'table',
        align: new Array(width).fill(null),
        children: item.rows.map(
          (r): TableRow => ({
            type: 'tableRow',
            children: Array.from({ length: width }, (_, c) => ({
              type: 'tableCell' as const,
              children: r[c] && r[c]!.text ? [textNode(r[c]!)] : [],
            })),
            position: src.position(r[0]!.start, r[r.length - 1]!.end),
          }),
        ),
        position: src.position(item.rows[0]![0]!.start, item.rows[item.rows.length - 1]![item.rows[item.rows.length - 1]!.length - 1]!.end),
      };
      const n = item.number || tableCount;
      if (!item.caption) report(file, 'Table without a caption', { ruleId: 'ingest-table-caption-missing', place: table.position ?? null, stage: STAGE });
      const node: TableFloat = {
        type: 'tableFloat',
        identifier: `T${n}`,
        label: `表${n}`,
        caption: item.caption && item.caption.text ? [textNode(item.caption)] : [],
        children: [table],
        position: item.caption ? src.position(item.line.start, table.position!.end.offset!) : table.position,
      };
      floats.push({ item, node });
    }
  }
  // Place each float after the paragraph that first refers to it, else after the paragraph it interrupted.
  const placed = new Map<Paragraph | null, Array<TableFloat | FigureFloat>>();
  for (const { item, node } of floats) {
    const num = node.label.slice(1);
    const ref = new RegExp(`[${item.kind === 'figure' ? '图' : '表'}]\\s*${num}(?![\\d.])`);
    const target = paragraphs.find((p) => ref.test(p.text))?.node ?? null;
    const origin = item.after >= 0 ? paragraphOf(item.after) : null;
    const where = target ?? origin;
    if (!target) {
      report(file, `${node.label} is not referred to in the text`, { ruleId: 'float-unreferenced', place: node.position ?? null, stage: STAGE });
    } else if (target !== origin) {
      report(file, `${node.label} moved after the paragraph that first refers to it (line ${target.position?.start.line})`, {
        ruleId: 'ingest-float-moved',
        severity: 'info',
        place: node.position ?? null,
        stage: STAGE,
      });
    }
    const list = placed.get(where) ?? [];
    list.push(node);
    placed.set(where, list);
  }
  function paragraphOf(bodyIndex: number): Paragraph | null {
    let k = -1;
    for (let b = 0; b <= bodyIndex; b++) if (body[b]!.kind === 'para') k++;
    return k >= 0 ? (paragraphs[k]?.node ?? null) : null;
  }
  const ordered: ArticleRoot['children'] = [...(placed.get(null) ?? [])];
  for (const child of children) {
    ordered.push(child);
    if (child.type === 'paragraph') ordered.push(...(placed.get(child) ?? []));
  }

  for (const r of uniqueFloatIds({ children: ordered })) {
    report(file, `${(r.node as TableFloat).label} is numbered twice; the second is ${r.to}`, { ruleId: 'float-number-duplicate', place: r.node, stage: STAGE });
  }

  // ---- references ----
  const refs = ingestReferences(refLines, src, file);
  if (refs.children.length) ordered.push(refs);
  else report(file, 'No reference list found', { ruleId: 'ingest-no-references', place: null, stage: STAGE });

  // ---- findings for missing parts ----
  const missing: Array<[boolean, string, string]> = [
    [!meta.title.zh, 'ingest-no-title', 'No Chinese title found'],
    [!meta.title.en, 'ingest-no-english-block', 'No English title block found'],
    [!authors.length, 'ingest-no-authors', 'No author line found'],
    [!meta.abstract?.zh, 'ingest-no-abstract', 'No Chinese abstract (摘要) found'],
    [!meta.keywords.zh?.length, 'ingest-no-keywords', 'No Chinese keywords (关键词) found'],
    [!meta.articleNumber, 'ingest-no-article-number', 'No article number (文章编号) found'],
  ];
  for (const [cond, ruleId, reason] of missing) if (cond) report(file, reason, { ruleId, place: null, stage: STAGE });
  if (!ordered.some((c) => c.type === 'paragraph')) report(file, 'No body text found', { ruleId: 'ingest-no-body', severity: 'error', place: null, stage: STAGE });

  const checked = validateMeta(meta);
  let finalMeta = meta;
  if (!checked.ok) {
    for (const p of checked.problems) report(file, `Invalid metadata: ${p}`, { ruleId: 'meta-invalid', severity: 'error', place: null, stage: STAGE });
    finalMeta = sanitizeMeta(meta);
  } else finalMeta = checked.meta;

  const tree: ArticleRoot = {
    type: 'root',
    children: ordered,
    data: { meta: finalMeta, positions, authorMarks: Array.from({ length: count }, (_, i) => ({ zh: zhAuthors[i]?.marks ?? [], en: enAuthors[i]?.marks ?? [] })) },
    position: src.position(0, text.length),
  };
  return { tree, positions };
}

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
  const rowRe = /<tr[^>]*>([\s\S]*?)<\/tr>/gi;
  let r: RegExpExecArray | null;
  while ((r = rowRe.exec(line.text))) {
    const rowStart = r.index + r[0].indexOf('>') + 1;
    const cells: Line[] = [];
    const cellRe = /<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/gi;
    let c: RegExpExecArray | null;
    while ((c = cellRe.exec(r[1]!))) {
      const start = rowStart + c.index + c[0].indexOf('>') + 1;
      const inner = c[1]!;
      // Keep offsets exact only when the cell has no markup of its own.
      const text = inner.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ');
      const cell = text === inner ? trimLine({ text, start, end: start + text.length }) : { text: text.trim(), start, end: start + inner.length };
      cells.push(cell);
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

// ---- references ----

function ingestReferences(lines: Line[], src: SourceText, file: VFile): ReferenceList {
  const entries: Array<{ number: number; parts: Line[]; first: Line; unnumbered?: boolean }> = [];
  for (const raw of lines) {
    let line = trimLine(raw);
    if (/^[-*•·]\s+/.test(line.text)) line = trimLine(sliceLine(line, /^[-*•·]\s+/.exec(line.text)![0].length));
    if (!line.text) continue;
    // Possibly several entries on one line: "[3] … [4] …".
    const starts: Array<{ n: number; at: number; body: number }> = [];
    const re = /(?:^|\s)[[［](\d{1,3})[\]］]\s*/g;
    let m: RegExpExecArray | null;
    let expected = (entries[entries.length - 1]?.number ?? 0) + 1;
    while ((m = re.exec(line.text))) {
      const n = Number(m[1]);
      const at = m.index + (m[0].startsWith(' ') || m[0].startsWith('\t') ? 1 : 0);
      if ((at === 0 && (n === expected || entries.length === 0 || n > 0)) || (at > 0 && n === expected)) {
        starts.push({ n, at, body: m.index + m[0].length });
        expected = n + 1;
      }
    }
    // `12. …`, `12 …` or `12张三…`: a bare number counts when it is the next one expected.
    const numbered = /^(\d{1,3})(?:[.．、]\s*|\s+|(?=[\u4e00-\u9fff]))(?=\S)/.exec(line.text);
    if (!starts.length && numbered && Number(numbered[1]) === (entries[entries.length - 1]?.number ?? 0) + 1) {
      starts.push({ n: Number(numbered[1]), at: 0, body: numbered[0].length });
    }
    if (!starts.length || starts[0]!.at > 0) {
      const head = trimLine(sliceLine(line, 0, starts[0]?.at ?? line.text.length));
      const last = entries[entries.length - 1];
      if (last && isContinuation(last.parts[last.parts.length - 1]!.text, head.text)) {
        last.parts.push(head);
        report(file, `Reference [${last.number}] continues on a new line; joined`, {
          ruleId: 'ingest-reference-joined',
          severity: 'info',
          place: src.position(head.start, head.end),
          stage: STAGE,
        });
      } else if (head.text) {
        const n = (last?.number ?? 0) + 1;
        entries.push({ number: n, parts: [head], first: head, unnumbered: true });
      }
    }
    starts.forEach((s, k) => {
      const end = k + 1 < starts.length ? starts[k + 1]!.at : line.text.length;
      const part = trimLine(sliceLine(line, s.body, end));
      entries.push({ number: s.n, parts: [part], first: part });
    });
  }
  const unnumbered = entries.filter((e) => e.unnumbered);
  if (unnumbered.length && unnumbered.length === entries.length) {
    report(file, `The reference list is not numbered (author–year style?): its ${entries.length} entries are numbered in order`, {
      ruleId: 'ref-unnumbered',
      place: src.position(entries[0]!.first.start, entries[0]!.first.end),
      stage: STAGE,
    });
  } else {
    for (const e of unnumbered) {
      report(file, `Reference without a number; numbered ${e.number}`, { ruleId: 'ref-unnumbered', place: src.position(e.first.start, e.first.end), stage: STAGE });
    }
  }
  const children: ReferenceEntry[] = [];
  for (const e of entries) {
    const kids: PhrasingContent[] = [];
    e.parts.forEach((p, k) => {
      if (k > 0) {
        const prev = e.parts[k - 1]!.text;
        if (/[A-Za-z,;.]$/.test(prev) && /^[A-Za-z]/.test(p.text)) kids.push({ type: 'text', value: ' ' });
      }
      kids.push({ type: 'text', value: p.text, position: src.position(p.start, p.end) });
    });
    children.push({
      type: 'referenceEntry',
      number: e.number,
      identifier: `ref-${e.number}`,
      children: kids,
      position: src.position(e.first.start, e.parts[e.parts.length - 1]!.end),
    });
  }
  const seen = new Set<number>();
  for (const c of children) {
    if (seen.has(c.number)) report(file, `Reference number ${c.number} appears twice`, { ruleId: 'ref-number-duplicate', severity: 'error', place: c, stage: STAGE });
    seen.add(c.number);
  }
  return { type: 'referenceList', children };
}

/** Is `next` the rest of a reference cut at a page break? */
function isContinuation(prev: string, next: string): boolean {
  if (!next) return false;
  if (/^[\d(（]/.test(next) && /[:：,，(（]\s*$/.test(prev)) return true;
  if (/^[a-z]/.test(next)) return true;
  if (!/[.。]$/.test(prev.trim())) return true;
  return false;
}

