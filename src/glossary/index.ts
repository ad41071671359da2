/**
 * Glossary of defined terms: every `中文（english, ABBR）` in the body text,
 * deduplicated, with findings for abbreviations defined twice
 * (`abbr-redefined`) and abbreviations used before their definition
 * (`abbr-used-before-definition`).
 */
import type { Point, Position } from 'unist';
import type { Heading, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import type { GlossaryEntry } from '../model/types.js';
import { report } from '../findings/index.js';
import { findDefinitions, type Definition } from './definitions.js';

export { findDefinitions, parseParenthetical, type Definition } from './definitions.js';
export { deriveEnglishKeywords } from './keywords.js';

const STAGE = 'glossary';

/** One block's text with the text nodes it came from. */
interface BlockText {
  kind: 'paragraph' | 'heading';
  text: string;
  segments: Array<{ start: number; node: Text }>;
}

/** Characters standing for non-text inline nodes (a citation cuts a term). */
const BREAK = '\u0000';

function collect(nodes: readonly PhrasingContent[], block: BlockText): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      block.segments.push({ start: block.text.length, node });
      block.text += node.value;
    } else if (node.type === 'citation' || node.type === 'break' || node.type === 'image' || node.type === 'footnoteReference') {
      block.text += BREAK;
    } else if (node.type === 'inlineCode') {
      block.text += BREAK;
    } else if ('children' in node && Array.isArray(node.children)) {
      collect(node.children as PhrasingContent[], block);
    }
  }
}

/** Paragraphs and headings in document order, outside the reference list. */
function blocksOf(tree: Root): BlockText[] {
  const out: BlockText[] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === 'referenceList' || node.type === 'code' || node.type === 'html' || node.type === 'yaml') return;
    if (node.type === 'paragraph' || node.type === 'heading') {
      const block: BlockText = { kind: node.type, text: '', segments: [] };
      collect((node as Paragraph | Heading).children, block);
      out.push(block);
      return;
    }
    if ('children' in node && Array.isArray(node.children)) for (const child of node.children) walk(child as RootContent);
  };
  walk(tree);
  return out;
}

/**
 * The source point of `index` in a block. When a text node's value spans
 * exactly its source range (the value maps linearly onto the source), the
 * point is exact; otherwise the start of the text node is used.
 */
function pointAt(block: BlockText, index: number): Point | undefined {
  let seg = block.segments[0];
  for (const s of block.segments) {
    if (s.start <= index) seg = s;
    else break;
  }
  if (!seg || !seg.node.position) return undefined;
  const { start, end } = seg.node.position;
  const value = seg.node.value;
  const local = Math.max(0, Math.min(index - seg.start, value.length));
  const linear = start.offset !== undefined && end.offset !== undefined && end.offset - start.offset === value.length;
  if (!linear) return { ...start };
  let line = start.line;
  let column = start.column;
  for (let i = 0; i < local; i++) {
    if (value[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column, offset: start.offset! + local };
}

function positionOf(block: BlockText, from: number, to: number): Position | undefined {
  const start = pointAt(block, from);
  const end = pointAt(block, to);
  if (!start) return undefined;
  return { start, end: end && (end.line > start.line || (end.line === start.line && end.column >= start.column)) ? end : start };
}

/** Compare expansions loosely: case, spacing, hyphens and plural -s do not count. */
function expansionKey(en: string): string {
  return en
    .toLowerCase()
    .replace(/[\s\-‐–_/,.'’]+/g, ' ')
    .split(' ')
    .filter(Boolean)
    .map((w) => (w.length > 3 ? w.replace(/s$/, '') : w))
    .join(' ');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word occurrences of an abbreviation (not inside a longer Latin token). */
function occurrences(text: string, abbr: string): number[] {
  const re = new RegExp(`(?<![A-Za-z0-9_\\-‐])${escapeRe(abbr)}(?![A-Za-z0-9_\\-‐])`, 'g');
  const out: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push(m.index);
  return out;
}

interface Located extends Definition {
  block: number;
}

/**
 * Extract the glossary from the body's paragraphs: the first definition of
 * each abbreviation (or of each Chinese term without one), in order of
 * appearance. Findings go to `file` when given.
 */
export function extractGlossary(tree: Root, file?: VFile): GlossaryEntry[] {
  const blocks = blocksOf(tree);
  const defs: Located[] = [];
  blocks.forEach((block, b) => {
    if (block.kind !== 'paragraph') return;
    for (const d of findDefinitions(block.text)) defs.push({ ...d, block: b });
  });

  const entries: GlossaryEntry[] = [];
  const byAbbr = new Map<string, Located>();
  const byZh = new Set<string>();
  for (const d of defs) {
    if (d.abbr) {
      const first = byAbbr.get(d.abbr);
      if (first) {
        if (file) {
          // Expansions decide when both have one; otherwise the Chinese terms.
          const differs = first.en && d.en ? expansionKey(first.en) !== expansionKey(d.en) : first.zh !== d.zh;
          const place = positionOf(blocks[d.block]!, d.index, d.end) ?? null;
          if (differs) {
            // Certain only when both definitions read as clean terms that share no tail (else a cut in the wrong place).
            // Certain only when both carry an English expansion and those differ; Chinese terms alone may be rewordings of one thing.
            const sure = !!first.en && !!d.en && cleanTerm(first.zh) && cleanTerm(d.zh) && !shareTail(first.zh, d.zh);
            report(
              file,
              `${d.abbr} is defined again as ${d.zh}${d.en ? ` (${d.en})` : ''}, differently from its first definition ${first.zh}${first.en ? ` (${first.en})` : ''}`,
              { ruleId: 'abbr-redefined', severity: sure ? 'warning' : 'info', place, stage: STAGE },
            );
          } else {
            // Defined in the abstract and again in the body: the usual practice, noted only.
            report(file, `${d.abbr} is defined again; it was defined as ${first.zh} before`, {
              ruleId: 'abbr-redefined',
              severity: 'info',
              place,
              stage: STAGE,
            });
          }
        }
        continue;
      }
      byAbbr.set(d.abbr, d);
    } else if (byZh.has(d.zh) || [...byAbbr.values()].some((f) => f.zh === d.zh)) continue;
    byZh.add(d.zh);
    const entry: GlossaryEntry = { zh: d.zh };
    if (d.en) entry.en = d.en;
    if (d.abbr) entry.abbr = d.abbr;
    entries.push(entry);
  }

  if (file) {
    for (const [abbr, first] of byAbbr) {
      let found: { block: number; index: number } | null = null;
      for (let b = 0; b <= first.block && !found; b++) {
        const text = blocks[b]!.text;
        for (const at of occurrences(text, abbr)) {
          if (b === first.block && at >= first.index) break;
          found = { block: b, index: at };
          break;
        }
      }
      if (found) {
        const place = positionOf(blocks[found.block]!, found.index, found.index + abbr.length) ?? null;
        // A well-known abbreviation may be used before it is spelled out: noted, not a fault for certain.
        report(file, `${abbr} is used before its definition (${first.zh}${first.en ? `, ${first.en}` : ''})`, {
          ruleId: 'abbr-used-before-definition',
          severity: 'info',
          place,
          stage: STAGE,
        });
      }
    }
  }
  return entries;
}

/** Definitions with their source positions, for editors' listings. */
export function locateDefinitions(tree: Root): Array<Definition & { position?: Position }> {
  const out: Array<Definition & { position?: Position }> = [];
  for (const block of blocksOf(tree)) {
    if (block.kind !== 'paragraph') continue;
    for (const d of findDefinitions(block.text)) {
      const position = positionOf(block, d.index, d.end);
      out.push(position ? { ...d, position } : d);
    }
  }
  return out;
}

/** A defined term as a clean run of Han characters (no digits, no Latin, no marks). */
function cleanTerm(zh: string): boolean {
  return /^[\u4e00-\u9fff]{2,20}$/.test(zh);
}

/** Two terms ending alike (`比习惯施肥`, `农民习惯施肥`): one definition was cut at the wrong place. */
function shareTail(a: string, b: string): boolean {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return a.includes(b) || b.includes(a) || (n >= 3 && n >= Math.min(a.length, b.length) * 0.6);
}
