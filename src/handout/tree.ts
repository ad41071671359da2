/**
 * The handout as a document tree for the PDF layout engine: the article's
 * title block (titles, names, affiliations, abstract, keywords in both
 * languages), then the glossary as a three-column table, the article's first
 * table, the key references in short form and the source line.
 */
import type { Paragraph, Table, TableCell } from 'mdast';
import type { ArticleRoot, ReferenceEntry, TableFloat } from '../model/types.js';
import type { Handout } from './index.js';
import { maxOf } from '../text/arrays.js';

export function handoutTree(h: Handout, article: ArticleRoot, meta = article.data.meta): ArticleRoot {
  const children: ArticleRoot['children'] = [];
  const L = h.labels;
  if (h.glossary.length) {
    children.push(tableFloat('TG', '', L.glossary, [L.glossaryHead, ...h.glossary.map((g) => [g.zh, g.en ?? '', g.abbr ?? ''])]));
  }
  if (h.table) {
    const original = article.children.find((c): c is TableFloat => c.type === 'tableFloat' && c.label === h.table!.label);
    children.push(tableFloat(original?.identifier ?? 'T1', h.table.label, h.table.caption, h.table.rows));
  }
  if (h.source) {
    const p: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: `${L.source}：${h.source}` }] };
    children.push(p);
  }
  if (h.references.length) {
    children.push({
      type: 'referenceList',
      children: h.references.map(
        (r): ReferenceEntry => ({ type: 'referenceEntry', number: r.number, identifier: `ref-${r.number}`, children: [{ type: 'text', value: r.short }] }),
      ),
    });
  }
  return { type: 'root', children, data: { meta, glossary: h.glossary } };
}

function tableFloat(identifier: string, label: string, caption: string, rows: string[][]): TableFloat {
  const width = maxOf(rows.map((r) => r.length), 0);
  const table: Table = {
    type: 'table',
    align: new Array(width).fill(null),
    children: rows.map((r) => ({
      type: 'tableRow',
      children: Array.from({ length: width }, (_, i): TableCell => ({ type: 'tableCell', children: r[i] ? [{ type: 'text', value: r[i]! }] : [] })),
    })),
  };
  return { type: 'tableFloat', identifier, label, caption: caption ? [{ type: 'text', value: caption }] : [], children: [table] };
}
