/** Front matter: recognizing metadata lines and parsing names, affiliations and the article number. */
import type { Position } from 'unist';
import type { Affiliation, AffiliationPart, ArticleNumber } from '../model/meta.js';
import { superscriptDigitsToAscii } from '../text/chars.js';
import type { Line } from './source.js';
import { sliceLine, trimLine } from './source.js';

export type MetaKey =
  | 'abstract-zh'
  | 'keywords-zh'
  | 'clc'
  | 'doi'
  | 'abstract-en'
  | 'keywords-en'
  | 'corresp-en'
  | 'corresp-zh'
  | 'funding'
  | 'bio'
  | 'received'
  | 'editor'
  | 'references';

const KEYS: Array<[MetaKey, RegExp]> = [
  ['abstract-zh', /^[#\s]*(?:[[【〔(（]\s*)?摘\s*要(?:\s*[\]】〕)）])?\s*[:：]?\s*/],
  ['keywords-zh', /^[#\s]*(?:[[【〔(（]\s*)?关\s*键\s*[词字](?:\s*[\]】〕)）])?\s*[:：]?\s*/],
  ['clc', /^[#\s]*中图分类号/],
  ['doi', /^[#\s]*DOI\s*[:：]\s*/i],
  ['abstract-en', /^[#\s]*(?:\[\s*)?Abstract(?:\s*\])?\s*[:：.]?\s*/i],
  ['keywords-en', /^[#\s]*(?:\[\s*)?Key\s*-?\s*words?(?:\s*\])?\s*[:：]?\s*/i],
  ['corresp-en', /^[#\s]*\*?\s*Corresponding\s+authors?\s*[:：]\s*/i],
  ['corresp-zh', /^[#\s]*\*?\s*通[信讯]作者\s*[:：]?\s*/],
  ['funding', /^[#\s]*[(（]?\s*基金项目\s*[:：]?\s*/],
  ['bio', /^[#\s]*[(（]?\s*作者简介\s*[:：]?\s*/],
  ['received', /^[#\s]*[(（]?\s*收稿日期\s*[:：]?\s*/],
  ['editor', /^[#\s]*[(（]?\s*(?:本文)?(?:责任)?编辑\s*[:：]\s*/],
  ['references', /^[#\s]*(?:参\s*考\s*文\s*献|References|REFERENCES|Bibliography)\s*[:：]?\s*$/],
];

export function metaKey(text: string): { key: MetaKey; rest: number } | null {
  for (const [key, re] of KEYS) {
    const m = re.exec(text);
    if (m) return { key, rest: m[0].length };
  }
  return null;
}

/** Strip a trailing closing paren from `(收稿日期:2023-08-31)`-style notes. */
export function stripNoteParens(line: Line): Line {
  let l = trimLine(line);
  if (/^[(（]/.test(l.text)) l = sliceLine(l, 1);
  if (/[)）]$/.test(l.text)) l = sliceLine(l, 0, l.text.length - 1);
  return trimLine(l);
}

export interface ParsedName {
  name: string;
  marks: string[];
  corresponding: boolean;
  line: Line;
}

/**
 * Split an author line such as `舒兆平¹,袁媛²,付强³` or `SHU Zhaoping¹, YUAN Yuan²`
 * into names with their affiliation marks.
 */
export function parseAuthorLine(line: Line): ParsedName[] {
  const out: ParsedName[] = [];
  // Separators: comma-like marks not followed by a superscript digit or mark continuation.
  const re = /[,，、;；]\s*(?![⁰¹²³⁴⁵⁶⁷⁸⁹\d*])|\s{2,}|\u3000+/g;
  let last = 0;
  const pieces: Line[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(line.text))) {
    pieces.push(sliceLine(line, last, m.index));
    last = m.index + m[0].length;
  }
  pieces.push(sliceLine(line, last));
  // `CAI Yongjun1,2 ZHANG Xiangkun1 JIANG Jingshan1`: pinyin names run together with marks.
  const PINYIN = /([A-Z][A-Z]+(?:-[A-Z]+)?\s+[A-Z][a-z]+(?:-?[a-z]+)*)\s*([\d,*]*)/g;
  const expanded: Line[] = [];
  for (const raw of pieces) {
    const names = [...raw.text.matchAll(PINYIN)];
    const covered = names.reduce((n, m) => n + m[0].length, 0);
    if (names.length >= 2 && covered >= raw.text.replace(/\s+/g, '').length * 0.9) {
      for (const m of names) expanded.push(sliceLine(raw, m.index!, m.index! + m[0].trimEnd().length));
    } else expanded.push(raw);
  }
  for (const raw of expanded) {
    const piece = trimLine(raw);
    if (!piece.text) continue;
    const mm = /^(.*?)[\s$^{]*((?:[⁰¹²³⁴⁵⁶⁷⁸⁹*,，]|\d)+)?[}$\s]*$/.exec(piece.text);
    let name = piece.text;
    let marksText = '';
    if (mm && mm[2]) {
      name = mm[1]!;
      marksText = mm[2];
    }
    name = name.replace(/[*∗†]+$/, '').trim();
    const corresponding = /[*∗†]/.test(piece.text);
    // Each superscript digit is a mark of its own (`¹²` and `1²` are 1 and 2).
    const marks = superscriptDigitsToAscii(marksText.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => `,${c},`))
      .split(/[,，*]/)
      .map((s) => s.trim())
      .filter((s) => /^\d+$/.test(s));
    // Plain digits glued to a Latin name are also marks: "Zhaoping1,2".
    if (!name) continue;
    out.push({ name, marks, corresponding, line: { ...piece, end: piece.start + name.length } });
  }
  return out;
}

export interface ParsedAffiliation {
  label: string;
  part: AffiliationPart;
  line: Line;
}

/** `(1.南华大学…,湖南衡阳421001;2.…)` → labelled affiliations. */
export function parseAffiliationLine(line: Line, lang: 'zh' | 'en'): ParsedAffiliation[] {
  let l = trimLine(line);
  if (/^[(（]/.test(l.text)) l = sliceLine(l, 1);
  if (/[)）]$/.test(l.text)) l = sliceLine(l, 0, l.text.length - 1);
  const labelRe = /(?:^|[;；]\s*)(\d{1,2})\s*[.．、]\s*/g;
  const starts: Array<{ label: string; at: number; body: number }> = [];
  let m: RegExpExecArray | null;
  while ((m = labelRe.exec(l.text))) starts.push({ label: m[1]!, at: m.index, body: m.index + m[0].length });
  const out: ParsedAffiliation[] = [];
  if (starts.length === 0) {
    const t = trimLine(l);
    if (t.text) out.push({ label: '1', part: parseAffiliationText(t.text, lang), line: t });
    return out;
  }
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.at : l.text.length;
    const body = trimLine(sliceLine(l, s.body, end));
    const text = body.text.replace(/[;；]\s*$/, '');
    if (text) out.push({ label: s.label, part: parseAffiliationText(text, lang), line: { ...body, end: body.start + text.length } });
  });
  return out;
}

const PROVINCES = [
  '内蒙古', '黑龙江', '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '广西', '西藏', '宁夏', '新疆',
  '香港', '澳门',
];
const MUNICIPALITIES = new Set(['北京', '天津', '上海', '重庆', '香港', '澳门']);

export function parseAffiliationText(text: string, lang: 'zh' | 'en'): AffiliationPart {
  const part: AffiliationPart = { text };
  if (lang === 'zh') {
    const idx = Math.max(text.lastIndexOf(','), text.lastIndexOf('，'));
    const loc = idx >= 0 ? text.slice(idx + 1).trim() : text;
    const inst = idx >= 0 ? text.slice(0, idx).trim() : '';
    const pm = /^(.*?)\s*(\d{6})$/.exec(loc);
    if (pm) {
      part.postcode = pm[2];
      let place = pm[1]!.trim();
      const prov = PROVINCES.find((p) => place.startsWith(p));
      if (prov) {
        part.province = prov;
        place = place.slice(prov.length).replace(/^(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)/, '');
      }
      place = place.replace(/市$/, '');
      if (place) part.city = place;
      else if (prov && MUNICIPALITIES.has(prov)) part.city = prov;
      part.country = '中国';
      if (inst) part.institution = inst;
    } else if (inst) part.institution = text;
  } else {
    const parts = text.split(/\s*[,，]\s*/).filter(Boolean);
    const ci = parts.findIndex((p) => /^(.*?)\s*([\dOo]{6})$/.test(p) && /\d/.test(p));
    if (ci >= 0) {
      const cm = /^(.*?)\s*([\dOo]{6})$/.exec(parts[ci]!)!;
      const postcode = cm[2]!.replace(/[Oo]/g, '0');
      if (/^\d{6}$/.test(postcode)) part.postcode = postcode;
      let cityIndex = ci;
      if (cm[1]) part.city = cm[1].trim();
      else if (ci > 0) {
        part.city = parts[ci - 1];
        cityIndex = ci - 1;
      }
      const after = parts.slice(ci + 1);
      if (after.length >= 2) {
        part.province = after[0];
        part.country = after[after.length - 1];
      } else if (after.length === 1) {
        if (/^(P\.?\s*R\.?\s*)?China$/i.test(after[0]!)) part.country = after[0];
        else part.province = after[0];
      }
      const inst = parts.slice(0, cityIndex).join(', ');
      if (inst) part.institution = inst;
    } else if (parts.length) part.institution = text;
  }
  return part;
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

/** Dates as `2023-08-31`, `2023.8.31` or `2023年8月31日`. */
export function parseDate(text: string): string | null {
  const m = /(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/.exec(text);
  if (!m) return null;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function splitKeywords(text: string): string[] {
  return text
    .split(/\s*[;；,，、]\s*|\s{2,}/)
    .map((k) => k.trim().replace(/[。.]$/, ''))
    .filter(Boolean);
}

export function buildAffiliations(zh: ParsedAffiliation[], en: ParsedAffiliation[]): Affiliation[] {
  const labels: string[] = [];
  for (const a of [...zh, ...en]) if (!labels.includes(a.label)) labels.push(a.label);
  return labels.map((label, i) => {
    const aff: Affiliation = { id: `aff${i + 1}`, label };
    const z = zh.find((a) => a.label === label);
    const e = en.find((a) => a.label === label);
    if (z) aff.zh = z.part;
    if (e) aff.en = e.part;
    return aff;
  });
}

export type PositionMap = Record<string, Position>;
