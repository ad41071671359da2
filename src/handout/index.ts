/**
 * The bilingual handout: a one- or two-page summary of the article for
 * readers of either language — both titles, names in Chinese and pinyin,
 * affiliations in both languages, abstract, keywords in both languages, the
 * glossary as a three-column table, the article's first table, the key
 * references in short form and a source line. A compiler from the tree; the
 * Traditional Chinese version converts Chinese text only.
 *
 * The handout is for its readers: notes for the editor (English keywords
 * derived from the glossary, to be confirmed) are findings
 * (`reportHandoutNotes`), never printed.
 */
import type { ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell } from 'mdast';
import type { VFile } from 'vfile';
import { stringify as yamlStringify } from 'yaml';
import type { ArticleRoot, Citation, GlossaryEntry, ReferenceEntry, TableFloat } from '../model/types.js';
import { plainText } from '../model/util.js';
import { toTraditional, traditionalLanguageTag, type TraditionalVariant } from '../convert/index.js';
import { report } from '../findings/index.js';
import { markdownProcessor } from '../markdown/stringify.js';
import { maxOf } from '../text/arrays.js';
import { unescapeAsterisks } from '../markdown/literal-marks.js';
import { stringPhrasing } from '../math/strings.js';

export interface HandoutAuthor {
  zh?: string;
  /** The name in pinyin (the article's English name). */
  pinyin?: string;
  marks: string[];
  corresponding: boolean;
}

export interface HandoutReference {
  number: number;
  short: string;
}

export interface Handout {
  script: 'zh-Hans' | 'zh-Hant';
  /** BCP 47 tag of its Chinese text: `zh-Hans`, `zh-Hant-TW` or `zh-Hant-HK`. */
  lang: string;
  labels: typeof LABELS_HANS;
  title: { zh?: string; en?: string };
  authors: HandoutAuthor[];
  affiliations: Array<{ label: string; zh?: string; en?: string }>;
  abstract: { zh?: string; en?: string };
  /** `enDerived`: the English keywords were derived for an editor to confirm (reported, not printed). */
  keywords: { zh: string[]; en: string[]; enDerived: boolean };
  glossary: GlossaryEntry[];
  table?: { label: string; caption: string; rows: string[][] };
  references: HandoutReference[];
  email?: string;
  source: string;
}

const LABELS_HANS = {
  abstract: '摘要',
  abstractEn: 'Abstract',
  keywords: '关键词',
  keywordsEn: 'Keywords',
  glossary: '缩略语 Glossary',
  glossaryHead: ['中文', 'English', '缩写'],
  references: '主要参考文献 Key references',
  corresponding: '通信作者',
  source: '来源',
};

const MAX_REFERENCES = 8;

export function handoutFromTree(tree: ArticleRoot): Handout {
  const meta = tree.data.meta;
  const labelOf = new Map(meta.affiliations.map((a) => [a.id, a.label]));
  const authors = meta.authors.map((a) => ({
    zh: a.name.zh,
    pinyin: a.name.en,
    marks: a.affiliations.map((id) => labelOf.get(id) ?? id),
    corresponding: a.corresponding,
  }));
  const firstTable = tree.children.find((c): c is TableFloat => c.type === 'tableFloat' && c.children[0].children.length > 0);
  const n = meta.articleNumber;
  const sourceParts: string[] = [];
  if (n) sourceParts.push(`ISSN ${n.issn}`, `${n.year}年第${n.issue}期`, `第${n.firstPage}–${n.lastPage}页`);
  if (meta.doi) sourceParts.push(`DOI ${meta.doi}`);
  return {
    script: 'zh-Hans',
    lang: 'zh-Hans',
    labels: LABELS_HANS,
    title: { ...meta.title },
    authors,
    affiliations: meta.affiliations.map((a) => ({ label: a.label, zh: a.zh?.text, en: a.en?.text })),
    abstract: { ...meta.abstract },
    keywords: { zh: meta.keywords.zh ?? [], en: meta.keywords.en ?? [], enDerived: meta.keywords.enDerived === true },
    glossary: tree.data.glossary ?? [],
    table: firstTable && {
      label: firstTable.label,
      caption: plainText(firstTable.caption),
      rows: firstTable.children[0].children.map((r) => r.children.map((c) => plainText(c.children))),
    },
    references: keyReferences(tree),
    email: meta.correspondence?.email ?? meta.authors.find((a) => a.corresponding)?.email,
    source: sourceParts.join('，'),
  };
}

/**
 * Key references: those cited more than once or named in the text, in
 * number order, at most eight; short form "First author, et al. Journal, year."
 */
export function keyReferences(tree: ArticleRoot): HandoutReference[] {
  const counts = new Map<number, number>();
  const visit = (nodes: Array<RootContent | PhrasingContent>) => {
    for (const node of nodes) {
      if (node.type === 'citation') for (const k of (node as Citation).numbers) counts.set(k, (counts.get(k) ?? 0) + 1);
      else if ('children' in node && Array.isArray(node.children) && node.type !== 'referenceList') visit(node.children as PhrasingContent[]);
    }
  };
  visit(tree.children);
  const list = tree.children.find((c) => c.type === 'referenceList');
  const entries = (list && 'children' in list ? (list.children as ReferenceEntry[]) : []) ?? [];
  const ranked = entries
    .map((e) => ({ e, count: counts.get(e.number) ?? 0 }))
    .filter(({ count }) => count > 0)
    .sort((a, b) => b.count - a.count || a.e.number - b.e.number)
    .slice(0, MAX_REFERENCES)
    .map(({ e }) => e)
    .sort((a, b) => a.number - b.number);
  return ranked.map((e) => ({ number: e.number, short: shortReference(e) }));
}


export function shortReference(entry: ReferenceEntry): string {
  const csl = entry.data?.csl;
  if (!csl) {
    const text = plainText(entry.children);
    const m = /^(.*?)[.．]\s*(.*?)\[[A-Z]+(?:\/OL)?\][.．]?\s*(.*)$/.exec(text);
    if (!m) return text;
    const authors = m[1]!.split(/\s*[,，]\s*/);
    const first = authors[0] ?? '';
    const zh = /[\u4e00-\u9fff]/.test(first);
    const more = authors.length > 1 ? (zh ? '，等' : ', et al') : '';
    return `${first}${more}. ${m[3]!.replace(/\s+/g, ' ').trim()}`;
  }
  const zh = (csl.language ?? '').startsWith('zh');
  const a = csl.author?.[0];
  const initials = (given: string) => (/^([A-Z]\.?\s*-?)+$/.test(given.trim()) ? given.replace(/[.\s]/g, '') : given);
  const first = a ? (a.literal ?? (zh ? `${a.family ?? ''}${a.given ?? ''}` : `${a.family ?? ''} ${initials(a.given ?? '')}`.trim())) : '';
  const more = (csl.author?.length ?? 0) > 1 || csl.custom?.etAl ? (zh ? '，等' : ', et al') : '';
  const year = csl.issued?.['date-parts']?.[0]?.[0];
  const container = csl['container-title'] ?? csl.title ?? '';
  return `${first}${more}. ${container}${year ? `, ${year}` : ''}.`;
}

// ---- Traditional Chinese ----

const LABELS_HANT_CACHE = new Map<TraditionalVariant, typeof LABELS_HANS>();

/** The handout in Traditional Chinese: Chinese text converted; English, pinyin and references untouched. */
export function toTraditionalHandout(h: Handout, variant: TraditionalVariant = 'tw'): Handout {
  const t = (s: string | undefined) => (s === undefined ? undefined : toTraditional(s, variant));
  let labels = LABELS_HANT_CACHE.get(variant);
  if (!labels) {
    labels = {
      ...LABELS_HANS,
      abstract: t(LABELS_HANS.abstract)!,
      keywords: t(LABELS_HANS.keywords)!,
      glossary: t(LABELS_HANS.glossary)!,
      glossaryHead: LABELS_HANS.glossaryHead.map((x) => t(x)!),
      references: t(LABELS_HANS.references)!,
      corresponding: t(LABELS_HANS.corresponding)!,
      source: t(LABELS_HANS.source)!,
    };
    LABELS_HANT_CACHE.set(variant, labels);
  }
  return {
    ...h,
    script: 'zh-Hant',
    lang: traditionalLanguageTag(variant),
    labels,
    title: { zh: t(h.title.zh), en: h.title.en },
    authors: h.authors.map((a) => ({ ...a, zh: t(a.zh) })),
    affiliations: h.affiliations.map((a) => ({ ...a, zh: t(a.zh) })),
    abstract: { zh: t(h.abstract.zh), en: h.abstract.en },
    keywords: { ...h.keywords, zh: h.keywords.zh.map((k) => t(k)!) },
    glossary: h.glossary.map((g) => ({ ...g, zh: t(g.zh)! })),
    table: h.table && { label: t(h.table.label)!, caption: t(h.table.caption)!, rows: h.table.rows.map((r) => r.map((c) => t(c)!)) },
    source: t(h.source)!,
  };
}

// ---- Markdown ----

const SUP: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', ',': '˒' };
export const superscriptMarks = (marks: string[]) => marks.join(',').replace(/[0-9,]/g, (c) => SUP[c] ?? c);

const text = (value: string): PhrasingContent => ({ type: 'text', value });
/** A metadata string as phrasing: its `$…$` formulas stay formulas (`$…$` in the Markdown), not escaped dollars. */
const withMath = (value: string): PhrasingContent[] => stringPhrasing(value);
const para = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] });

function gfmTable(rows: string[][]): Table {
  const width = maxOf(rows.map((r) => r.length), 0);
  return {
    type: 'table',
    align: new Array(width).fill(null),
    children: rows.map((r) => ({
      type: 'tableRow',
      children: Array.from({ length: width }, (_, i): TableCell => ({ type: 'tableCell', children: r[i] ? [text(r[i]!)] : [] })),
    })),
  };
}

export function authorLine(h: Handout): string {
  return h.authors
    .map((a) => `${[a.zh, a.pinyin].filter(Boolean).join(' ')}${superscriptMarks(a.marks)}${a.corresponding ? '*' : ''}`)
    .join(h.script === 'zh-Hant' || h.authors.some((a) => a.zh) ? '，' : ', ');
}

export function handoutMdast(h: Handout): Root {
  const L = h.labels;
  // Front matter: the language of the handout's Chinese text.
  const children: RootContent[] = [{ type: 'yaml', value: yamlStringify({ lang: h.lang }).trimEnd() }];
  if (h.title.zh) children.push({ type: 'heading', depth: 1, children: withMath(h.title.zh) });
  if (h.title.en) children.push({ type: 'heading', depth: 2, children: withMath(h.title.en) });
  if (h.authors.length) children.push(para(text(authorLine(h))));
  if (h.affiliations.length) {
    children.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: h.affiliations.map((a): ListItem => ({
        type: 'listItem',
        spread: false,
        children: [para(...withMath(`${superscriptMarks([a.label])} ${[a.zh, a.en].filter(Boolean).join(' / ')}`))],
      })),
    });
  }
  if (h.email) children.push(para(text(`* ${L.corresponding} Corresponding author: ${h.email}`)));
  if (h.abstract.zh) children.push(para(strong(L.abstract), ...withMath(` ${h.abstract.zh}`)));
  if (h.abstract.en) children.push(para(strong(L.abstractEn), ...withMath(` ${h.abstract.en}`)));
  if (h.keywords.zh.length) children.push(para(strong(L.keywords), ...withMath(` ${h.keywords.zh.join('；')}`)));
  if (h.keywords.en.length) children.push(para(strong(L.keywordsEn), ...withMath(` ${h.keywords.en.join('; ')}`)));
  if (h.glossary.length) {
    children.push({ type: 'heading', depth: 3, children: [text(L.glossary)] });
    children.push(gfmTable([L.glossaryHead, ...h.glossary.map((g) => [g.zh, g.en ?? '', g.abbr ?? ''])]));
  }
  if (h.table) {
    children.push({ type: 'heading', depth: 3, children: [text(`${h.table.label} ${h.table.caption}`)] });
    children.push(gfmTable(h.table.rows));
  }
  if (h.references.length) {
    children.push({ type: 'heading', depth: 3, children: [text(L.references)] });
    children.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: h.references.map((r): ListItem => ({ type: 'listItem', spread: false, children: [para(text(`[${r.number}] ${r.short}`))] })),
    });
  }
  if (h.source) children.push(para(text(`${L.source}：${h.source}`)));
  return { type: 'root', children };
}

const processor = markdownProcessor();

export function handoutMarkdown(h: Handout): string {
  return unescapeAsterisks(processor.stringify(handoutMdast(h)));
}

// ---- notes for the editor ----

/**
 * What the handout knows but its readers need not: notes for the editor,
 * reported as findings (`handout-term-unconfirmed`, info) instead of being
 * printed.
 */
export function handoutNotes(h: Handout): string[] {
  const notes: string[] = [];
  if (h.keywords.enDerived && h.keywords.en.length) {
    notes.push(
      `Handout: the English keywords (${h.keywords.en.join('; ')}) were derived from the glossary and are not confirmed by an editor; ` +
        'the handout prints them without a note. Please confirm them.',
    );
  }
  return notes;
}

/** Report the handout's notes for the editor (see `handoutNotes`) on the build's file; `place`: where their subject stands in the source. */
export function reportHandoutNotes(h: Handout, file: VFile, place: Parameters<typeof report>[2]['place'] = null): void {
  for (const note of handoutNotes(h)) report(file, note, { ruleId: 'handout-term-unconfirmed', severity: 'info', place, stage: 'handout' });
}
