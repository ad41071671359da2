/**
 * The classification line: 中图分类号 (CLC codes), 文献标识码 (document code),
 * 文章编号 (article number) and DOI, on one line or several, bracketed or not
 * (`【中图分类号】TU17【文献标识码】A`).
 */
import type { ArticleNumber } from '../model/meta.js';
import { DOI_SOURCE } from '../text/urls.js';

export interface Codes {
  clc?: string[];
  documentCode?: string;
  articleNumberText?: string;
  articleNumber?: ArticleNumber;
  doi?: string;
  /** The CLC code as printed, when its class letter was read back from an OCR digit (`5963.73` → `S963.73`). */
  clcOcr?: string;
}

/** TeX remnants in codes (`$\mathrm { V } 4 1 2 . 4 + 1$`) as plain text. */
function untex(text: string): string {
  return text.replace(/\$([^$]*)\$/g, (_, m: string) => m.replace(/\\[a-z]+/gi, '').replace(/[{}\s^_]/g, ''));
}

const CLC = /(?:中\s*图\s*(?:法\s*)?分\s*类\s*号|分类号|CLC\s+number)\s*[】\]]?\s*[:：]?\s*((?:[A-Z][A-Z0-9.+\-/:()（）]*\d[A-Z0-9.+\-/]*[\s;；,，]*)+)/i;

/** A CLC class letter read as a digit by OCR: S→5, O→0, I→1, Z→2, B→8. */
const OCR_CLASS: Record<string, string> = { '5': 'S', '0': 'O', '1': 'I', '2': 'Z', '8': 'B' };
const CLC_OCR = /(?:中\s*图\s*(?:法\s*)?分\s*类\s*号|分类号)\s*[】\]]?\s*[:：]?\s*([05128])(\d{1,3}(?:\.\d+)?(?:[+\-/]\d+)*)(?![\d.])/;

export function parseCodes(raw: string): Codes {
  const text = untex(raw);
  const out: Codes = {};
  const clc = CLC.exec(text);
  if (clc) {
    // A class letter printed in lower case (`p171.5`) is the code all the same: codes are upper case.
    const codes = clc[1]!
      .split(/[\s;；,，]+/)
      .map((c) => c.replace(/[(（]\d*[)）]?$/, ''))
      .filter((c) => /^[A-Za-z][A-Za-z0-9.+\-/:]*$/.test(c) && !/^doi\b/i.test(c) && /^[A-Z]|^[a-z][\d.]*\d$/.test(c))
      .map((c) => c.toUpperCase());
    if (codes.length) out.clc = codes;
  } else {
    const ocr = CLC_OCR.exec(text);
    if (ocr) {
      out.clc = [OCR_CLASS[ocr[1]!]! + ocr[2]!];
      out.clcOcr = ocr[1]! + ocr[2]!;
    }
  }
  const code = /(?:文献标[识志]码|Document\s+code)\s*[】\]]?\s*[:：]?\s*([A-Z])(?![A-Za-z])/i.exec(text);
  if (code) out.documentCode = code[1]!.toUpperCase();
  const num = /(?:文章编号|Article\s+ID)\s*[】\]]?\s*[:：]?\s*([0-9][0-9A-Za-z()（）\-－—\s]{6,})/.exec(text);
  if (num) {
    out.articleNumberText = num[1]!.trim();
    const parsed = parseArticleNumber(num[1]!.replace(/[－—]/g, '-'));
    if (parsed) out.articleNumber = parsed;
  }
  const doi = new RegExp(`DOI\\s*[】\\]]?\\s*[:：]?\\s*(${DOI_SOURCE})`, 'i').exec(text) ?? new RegExp(`\\b(${DOI_SOURCE})`).exec(text);
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
