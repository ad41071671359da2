/**
 * Affiliations: `(1.南华大学…,湖南衡阳421001;2.…)`, `1(南京…210044)2(…)`,
 * one numbered line each (`1江西理工大学…赣州341000`), unlabelled
 * `（中国科学院…，北京100190)`; each parsed into institution, city,
 * province, postcode and country.
 */
import type { Affiliation, AffiliationPart } from '../model/meta.js';
import { sliceLine, trimLine, type Line } from './source.js';

export interface ParsedAffiliation {
  label: string;
  part: AffiliationPart;
  line: Line;
}

/** `(1.南华大学…,湖南衡阳421001;2.…)` or `1(南京…)2(…)` → labelled affiliations. */
export function parseAffiliationLine(line: Line, lang: 'zh' | 'en'): ParsedAffiliation[] {
  const l = stripParens(trimLine(line));
  const starts = labelStarts(l.text);
  const out: ParsedAffiliation[] = [];
  if (starts.length === 0) {
    const t = stripParens(l);
    if (t.text) out.push({ label: '1', part: parseAffiliationText(t.text, lang), line: t });
    return out;
  }
  const head = trimLine(sliceLine(l, 0, starts[0]!.at));
  if (/[\p{L}]{4,}/u.test(head.text)) out.push({ label: '1', part: parseAffiliationText(head.text, lang), line: head });
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.at : l.text.length;
    const body = stripParens(trimLine(sliceLine(l, s.body, end)));
    const text = body.text.replace(/[;；,，。.]\s*$/, '');
    if (text) out.push({ label: s.label, part: parseAffiliationText(text, lang), line: { ...body, end: body.start + text.length } });
  });
  return lang === 'en' ? fillLostLabels(out) : out;
}

/**
 * Where an English affiliation ends at its country and the next one starts
 * (`…, Shanghai 200030, China Key Laboratory of …`), its label perhaps
 * glued to it (`…, China 2College of …`).
 */
const COUNTRY_THEN_NEXT = /[,，]\s*(?:P\.?\s*R\.?\s*)?China\b[.;；]?\s*(?:\d(?=[A-Z]))?(?=[A-Z])/g;

/**
 * A label the extraction lost (`1.…, China Key Laboratory …, China 3. …`):
 * the affiliation before the gap is cut where a country ends and an
 * institution starts, and the second half takes the missing label.
 */
function fillLostLabels(list: ParsedAffiliation[]): ParsedAffiliation[] {
  const out: ParsedAffiliation[] = [];
  list.forEach((a, i) => {
    const next = list[i + 1];
    const missing = next && Number(next.label) === Number(a.label) + 2 ? String(Number(a.label) + 1) : null;
    const cut = missing ? [...a.line.text.matchAll(COUNTRY_THEN_NEXT)].find((m) => EN_INSTITUTION.test(a.line.text.slice(m.index! + m[0].length))) : undefined;
    if (!missing || !cut) {
      out.push(a);
      return;
    }
    // a label glued to the next affiliation (`China 2College`) belongs to neither text
    const label = /\d$/.test(cut[0]) ? 1 : 0;
    const first = trimLine(sliceLine(a.line, 0, cut.index! + cut[0].length - label));
    const second = trimLine(sliceLine(a.line, cut.index! + cut[0].length));
    const firstText = first.text.replace(/[;；,，。.]\s*$/, '');
    const secondText = second.text.replace(/[;；,，。.]\s*$/, '');
    out.push({ label: a.label, part: parseAffiliationText(firstText, 'en'), line: { ...first, end: first.start + firstText.length } });
    out.push({ label: missing, part: parseAffiliationText(secondText, 'en'), line: { ...second, end: second.start + secondText.length } });
  });
  return out;
}

/** Where each `1.`, `2 `, `3(` label starts: at the start, or after `;`, `)` or a postcode. */
function labelStarts(text: string): Array<{ label: string; at: number; body: number }> {
  const re = /(?:^|[;；)）]\s*|(?<=\d{6})\s*|(?<=\D\d{6}\))\s*|(?<=\s)(?=\d{1,2}\s*[.．]\s*[A-Z\u4e00-\u9fff])|(?<=\s)(?=\d{1,2}\s+[A-Z][a-z]))[(（]?(\d{1,2})\s*(?:[.．、:：](?!\d)\s*|(?=[(（])|\s+(?=[\p{L}])|(?=[\u4e00-\u9fffA-Z]))/gu;
  const out: Array<{ label: string; at: number; body: number }> = [];
  let expected = 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const n = Number(m[1]);
    // One label lost by the extraction is allowed for (`1. … 3. …`).
    if (n !== expected && !(out.length === 0 && n <= 2) && !(out.length > 0 && n === expected + 1)) continue;
    out.push({ label: m[1]!, at: m.index, body: m.index + m[0].length });
    expected = n + 1;
  }
  return out;
}

/**
 * Affiliation lines broken by the page (`(1. Institute …, Guangzhou 510640,` /
 * `China; 2. …`) as one line: the text joined, the span from the first line's
 * start to the last one's end (offsets inside are those of the first line).
 */
export function joinAffiliationLines(lines: Line[], glue: string): Line {
  if (lines.length === 1) return lines[0]!;
  return { text: lines.map((l) => l.text).join(glue), start: lines[0]!.start, end: lines[lines.length - 1]!.end };
}

/** Is a parenthesis opened in these lines still open (the affiliations continue on the next line)? */
export function parenOpen(lines: Line[]): boolean {
  const text = lines.map((l) => l.text).join('');
  return (text.match(/[(（]/g) ?? []).length > (text.match(/[)）]/g) ?? []).length;
}

function stripParens(line: Line): Line {
  let l = trimLine(line);
  if (/^[(（]/.test(l.text)) l = sliceLine(l, 1);
  if (/[)）]$/.test(l.text) && !/[(（][^)）]*[)）]$/.test(l.text)) l = sliceLine(l, 0, l.text.length - 1);
  return trimLine(l);
}

const ZH_INSTITUTION = /大学|学院|研究所|研究院|研究中心|实验室|中心|公司|医院|学校|集团|局|站|厅|部|所|院|厂|基地|委员会/;
const EN_INSTITUTION = /\b(?:University|Institute|College|School|Laborator(?:y|ies)|Lab|Center|Centre|Department|Academy|Hospital|Company|Co\.|Ltd|Bureau|Station|Ministry|Faculty|Key)\b/i;

/** Does this line read as one or more affiliations? */
export function looksLikeAffiliation(text: string, lang: 'zh' | 'en'): boolean {
  const t = text.replace(/^[(（]?\s*\d{0,2}\s*[.．、:：]?\s*/, '');
  if (lang === 'zh') return ZH_INSTITUTION.test(t) && (/\d{6}/.test(t) || /^[(（]/.test(text.trim()) || /^\d/.test(text.trim()) || /[，,]\s*\S{2,}$/.test(t)) && !/[。]$/.test(t);
  return EN_INSTITUTION.test(t) && !/^(?:Abstract|Key\s*words)/i.test(t);
}

const PROVINCES = [
  '内蒙古', '黑龙江', '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '广西', '西藏', '宁夏', '新疆',
  '香港', '澳门',
];
const MUNICIPALITIES = new Set(['北京', '天津', '上海', '重庆', '香港', '澳门']);

function lastInstitutionEnd(text: string): number {
  let end = -1;
  for (const m of text.matchAll(/大学|学院|研究所|研究院|研究中心|实验室|中心|公司|医院|局|站/g)) end = m.index! + m[0].length;
  return end;
}

export function parseAffiliationText(text: string, lang: 'zh' | 'en'): AffiliationPart {
  const part: AffiliationPart = { text };
  if (lang === 'zh') {
    // The place after the last comma, or after the last institution word when no comma separates them.
    const comma = Math.max(text.lastIndexOf(','), text.lastIndexOf('，'));
    const instEnd = comma >= 0 ? comma : /\d{6}\s*$/.test(text) ? lastInstitutionEnd(text) : -1;
    const locStart = comma >= 0 ? comma + 1 : instEnd;
    const loc = instEnd > 0 ? text.slice(locStart).trim() : text;
    const inst = instEnd > 0 ? text.slice(0, instEnd).trim() : '';
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

