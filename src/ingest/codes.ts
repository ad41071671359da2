/**
 * The classification line: 中图分类号 (CLC codes), 文献标识码 (document code),
 * 文章编号 (article number) and DOI, on one line or several, bracketed or not
 * (`【中图分类号】TU17【文献标识码】A`).
 */
import type { ArticleNumber } from '../model/meta.js';

export interface Codes {
  clc?: string[];
  documentCode?: string;
  articleNumberText?: string;
  articleNumber?: ArticleNumber;
  doi?: string;
}

/** TeX remnants in codes (`$\mathrm { V } 4 1 2 . 4 + 1$`) as plain text. */
function untex(text: string): string {
  return text.replace(/\$([^$]*)\$/g, (_, m: string) => m.replace(/\\[a-z]+/gi, '').replace(/[{}\s^_]/g, ''));
}

const CLC = /(?:中\s*图\s*(?:法\s*)?分\s*类\s*号|分类号|CLC\s+number)\s*[】\]]?\s*[:：]?\s*((?:[A-Z][A-Z0-9.+\-/:()（）]*\d[A-Z0-9.+\-/]*[\s;；,，]*)+)/i;

export function parseCodes(raw: string): Codes {
  const text = untex(raw);
  const out: Codes = {};
  const clc = CLC.exec(text);
  if (clc) {
    const codes = clc[1]!.split(/[\s;；,，]+/).map((c) => c.replace(/[(（]\d*[)）]?$/, '')).filter((c) => /^[A-Z][A-Z0-9.+\-/:]*$/.test(c));
    if (codes.length) out.clc = codes;
  }
  const code = /(?:文献标[识志]码|Document\s+code)\s*[】\]]?\s*[:：]?\s*([A-Z])(?![A-Za-z])/i.exec(text);
  if (code) out.documentCode = code[1]!.toUpperCase();
  const num = /(?:文章编号|Article\s+ID)\s*[】\]]?\s*[:：]?\s*([0-9][0-9A-Za-z()（）\-－—\s]{6,})/.exec(text);
  if (num) {
    out.articleNumberText = num[1]!.trim();
    const parsed = parseArticleNumber(num[1]!.replace(/[－—]/g, '-'));
    if (parsed) out.articleNumber = parsed;
  }
  const doi = /DOI\s*[】\]]?\s*[:：]?\s*(10\.\d{3,}\/\S+)/i.exec(text) ?? /\b(10\.\d{4,}\/[^\s,，;；]+)/.exec(text);
  if (doi) out.doi = doi[1]!.replace(/[.,;。]$/, '');
  return out;
}

/** `2095-9664(2024)02-0075-06` → ISSN, year, issue, first page, page count, last page. */
export function parseArticleNumber(text: string): ArticleNumber | null {
  const m = /(\d{4})\s*-\s*(\d{3}[\dXx])\s*[(（]\s*(\d{4})\s*[)）]\s*(\d{1,2})\s*-\s*(\d{1,5})\s*-\s*(\d{1,3})/.exec(text);
  if (!m) return null;
  const firstPage = Number(m[5]);
  const pageCount = Number(m[6]);
  if (pageCount < 1) return null;
  return {
    text: m[0].replace(/\s+/g, '').replace('（', '(').replace('）', ')'),
    issn: `${m[1]}-${m[2]!.toUpperCase()}`,
    year: Number(m[3]),
    issue: Number(m[4]),
    firstPage,
    pageCount,
    lastPage: firstPage + pageCount - 1,
  };
}
