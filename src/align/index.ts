/**
 * Bilingual alignment of the front matter: Chinese and English author names
 * (pinyin), affiliation marks, and the place names and postcodes of each
 * affiliation in both languages. Every problem is a finding `align-*`.
 *
 * The metadata carries no positions; the ingest passes a map of source
 * positions (`AlignPositions`) so that findings point at the source line.
 */
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { AffiliationPart, ArticleMeta } from '../model/meta.js';
import { report, type Severity } from '../findings/index.js';
import { isPinyinWord, surnameLength } from '../text/names.js';
import {
  expectedEnglishName,
  expectedPlaceName,
  foldLatin,
  isChineseName,
  matchPinyinName,
  matchPlaceName,
  splitChineseName,
  stripChinesePlaceSuffix,
} from '../text/pinyin.js';

export {
  matchPinyinName,
  expectedEnglishName,
  matchPlaceName,
  expectedPlaceName,
  splitChineseName,
  type PinyinNameMatch,
} from '../text/pinyin.js';

const STAGE = 'align';

/**
 * Keys of the position map, indexed like the metadata arrays:
 * `authors.0.zh`, `authors.0.en`, `affiliations.2.en`, `correspondence.name`,
 * `correspondence.email`.
 */
export type AlignPositionKey =
  | `authors.${number}.zh`
  | `authors.${number}.en`
  | `affiliations.${number}.zh`
  | `affiliations.${number}.en`
  | 'correspondence.name'
  | 'correspondence.email';

/** Source positions of the names and affiliations, keyed as `AlignPositionKey`. */
export type AlignPositions = { readonly [K in AlignPositionKey]?: Position };

export interface AlignOptions {
  /**
   * Affiliation marks as printed after each author's name in each language
   * (labels such as `'1'`), indexed like `meta.authors`. When given, marks
   * that differ between the languages or name no affiliation are reported.
   */
  marks?: ReadonlyArray<{ zh?: readonly string[]; en?: readonly string[] } | undefined>;
}

type Lang = 'zh' | 'en';

export function alignArticle(
  meta: ArticleMeta,
  file: VFile,
  positions: AlignPositions = {},
  options: AlignOptions = {},
): VFileMessage[] {
  const out: VFileMessage[] = [];
  const pos = (key: AlignPositionKey): Position | null => positions[key] ?? null;
  // A disagreement is certain only when both bylines read cleanly; on names the extraction garbled it is noted as info.
  const trusted = bylinesClean(meta);
  const emit = (reason: string, ruleId: string, severity: Severity, place: Position | null, before?: string, after?: string) => {
    // Affiliation marks are superscripts, the first thing extraction loses or misreads: certain only when every name carries them.
    // Affiliation details are compared only between affiliations read whole and alike in number.
    const placeRule = /^align-affiliation-(?:postcode|city|province)$/.test(ruleId);
    const sure =
      trusted &&
      (ruleId !== 'align-affiliation-marks' || (marksComplete(meta, options) && affiliationsWhole(meta))) &&
      // …and without TeX remnants (`$X i ^ { \prime }$ an` is Xi'an).
      (!placeRule || (affiliationsWhole(meta) && affiliationsPaired(meta) && !meta.affiliations.some((a) => a.en?.text.includes('$'))));
    const opts: Parameters<typeof report>[2] = { ruleId, severity: sure ? severity : 'info', place, stage: STAGE };
    if (before !== undefined) opts.before = before;
    if (after !== undefined) opts.after = after;
    out.push(report(file, reason, opts));
  };
  const authorPlace = (i: number, prefer: Lang = 'en') =>
    pos(`authors.${i}.${prefer}`) ?? pos(`authors.${i}.${prefer === 'en' ? 'zh' : 'en'}`);
  const affPlace = (i: number, prefer: Lang = 'en') =>
    pos(`affiliations.${i}.${prefer}`) ?? pos(`affiliations.${i}.${prefer === 'en' ? 'zh' : 'en'}`);

  const misordered = checkAuthors(meta, emit, authorPlace);
  checkMarks(meta, options, misordered, emit, authorPlace, affPlace);
  checkAffiliations(meta, emit, affPlace);
  checkCorrespondence(meta, emit, pos);
  return out;
}

/**
 * Every name reads as a name: Chinese names of two to four characters with a
 * known surname, English names made of pinyin words (or of letters only when
 * the article's names are not Chinese); affiliations in both languages alike.
 */
export function bylinesClean(meta: ArticleMeta): boolean {
  const zhOk = meta.authors.every((a) => !a.name.zh || (/^[\u4e00-\u9fff]{2,4}$/.test(a.name.zh) && surnameLength(a.name.zh) > 0));
  const enOk = meta.authors.every((a) => !a.name.en || (/\s/.test(a.name.en.trim()) && a.name.en.split(/[\s-]+/).every((w) => isPinyinWord(w.replace(/[’']/g, '')))));
  return zhOk && enOk;
}

function affiliationsPaired(meta: ArticleMeta): boolean {
  return meta.affiliations.every((a) => !!a.zh === !!a.en);
}

/** Each affiliation read whole: one postcode each (two would be two affiliations run together). */
function affiliationsWhole(meta: ArticleMeta): boolean {
  const one = (p?: AffiliationPart) => !p || (!!p.postcode && (p.text.match(/(?<!\d)[\dOo]{6}(?!\d)/g) ?? []).length <= 1);
  return meta.affiliations.every((a) => one(a.zh) && one(a.en));
}

/** With several affiliations, every author carries marks in every language the byline is printed in. */
function marksComplete(meta: ArticleMeta, options: AlignOptions): boolean {
  if (!options.marks || meta.affiliations.length < 2) return false;
  return meta.authors.every((a, i) => {
    const m = options.marks![i];
    return (!a.name.zh || !!m?.zh?.length) && (!a.name.en || !!m?.en?.length);
  });
}

type Emit = (reason: string, ruleId: string, severity: Severity, place: Position | null, before?: string, after?: string) => void;

function label(name: { zh?: string; en?: string }, i: number): string {
  return name.zh ?? name.en ?? `author ${i + 1}`;
}

/** Checks names and counts; returns the indices of authors whose order differs between the languages. */
function checkAuthors(meta: ArticleMeta, emit: Emit, place: (i: number, prefer?: Lang) => Position | null): Set<number> {
  const misordered = new Set<number>();
  const authors = meta.authors;
  const zhCount = authors.filter((a) => a.name.zh).length;
  const enCount = authors.filter((a) => a.name.en).length;
  if (zhCount > 0 && enCount > 0) {
    const onlyZh = authors.map((a, i) => (a.name.zh && !a.name.en ? i : -1)).filter((i) => i >= 0);
    const onlyEn = authors.map((a, i) => (a.name.en && !a.name.zh ? i : -1)).filter((i) => i >= 0);
    if (onlyZh.length || onlyEn.length) {
      const lacking = [
        ...onlyZh.map((i) => `${authors[i]!.name.zh} has no English name`),
        ...onlyEn.map((i) => `${authors[i]!.name.en} has no Chinese name`),
      ];
      const first = Math.min(...onlyZh, ...onlyEn);
      emit(
        `${zhCount} Chinese author names but ${enCount} English ones: ${lacking.join('; ')}`,
        'align-author-count',
        // One name short is an omission; more, a byline the extraction broke.
        Math.abs(zhCount - enCount) === 1 ? 'error' : 'info',
        place(first, onlyZh.includes(first) ? 'zh' : 'en'),
      );
    }
  }

  const pairs = authors
    .map((a, i) => ({ i, zh: a.name.zh, en: a.name.en }))
    .filter((p): p is { i: number; zh: string; en: string } => !!p.zh && !!p.en && isChineseName(p.zh));
  for (const p of pairs) {
    const m = matchPinyinName(p.zh, p.en);
    if (m.ok) continue;
    const owner = pairs.find((q) => q.i !== p.i && matchPinyinName(q.zh, p.en).ok);
    if (owner) {
      misordered.add(p.i);
      emit(
        `English author ${p.i + 1} "${p.en}" is the pinyin of Chinese author ${owner.i + 1} ${owner.zh}: the author order differs between the languages`,
        'align-author-order',
        // With a name missing on one side, every later name shifts: the count finding says it once.
        zhCount === enCount ? 'error' : 'info',
        place(p.i, 'en'),
        p.en,
        m.expected,
      );
    } else {
      // A few letters off is a misspelling to fix; no likeness at all, more likely names read out of place.
      const near = editDistance(foldLatin(p.en), foldLatin(m.expected)) <= 3;
      emit(
        `English name "${p.en}" does not spell ${p.zh} in pinyin (expected ${m.expected})`,
        'align-author-name',
        near ? 'error' : 'info',
        place(p.i, 'en'),
        p.en,
        m.expected,
      );
    }
  }
  return misordered;
}

function checkMarks(
  meta: ArticleMeta,
  options: AlignOptions,
  misordered: ReadonlySet<number>,
  emit: Emit,
  authorPlace: (i: number, prefer?: Lang) => Position | null,
  affPlace: (i: number, prefer?: Lang) => Position | null,
): void {
  const ids = new Set(meta.affiliations.map((a) => a.id));
  const labels = new Set(meta.affiliations.map((a) => a.label));
  const referenced = new Set<string>();
  meta.authors.forEach((author, i) => {
    const who = label(author.name, i);
    for (const id of author.affiliations) {
      referenced.add(id);
      if (!ids.has(id)) {
        emit(`${who} refers to affiliation ${id}, which is not listed`, 'align-affiliation-marks', 'error', authorPlace(i, 'zh'));
      }
    }
    const raw = options.marks?.[i];
    // `12` after a name with no affiliation 12 is 1 and 2 run together.
    const split = (list?: readonly string[]) => list?.flatMap((m) => (!labels.has(m) && /^\d\d$/.test(m) && [...m].every((d) => labels.has(d)) ? [...m] : [m]));
    const marks = raw && { zh: split(raw.zh), en: split(raw.en) };
    if (marks) {
      for (const lang of ['zh', 'en'] as const) {
        for (const mark of marks[lang] ?? []) {
          if (!labels.has(mark)) {
            emit(
              `${who}: affiliation mark ${mark} in the ${lang === 'zh' ? 'Chinese' : 'English'} author line names no affiliation`,
              'align-affiliation-marks',
              'error',
              authorPlace(i, lang),
            );
          }
        }
      }
      // Marks of misordered authors follow their names; the order finding covers them.
      if (marks.zh && marks.en && author.name.zh && author.name.en && !misordered.has(i)) {
        const a = [...new Set(marks.zh)].sort().join(',');
        const b = [...new Set(marks.en)].sort().join(',');
        if (a !== b) {
          emit(
            `${who}: affiliation marks differ between the languages (${a || 'none'} in Chinese, ${b || 'none'} in English)`,
            'align-affiliation-marks',
            'error',
            authorPlace(i, 'en'),
            b,
            a,
          );
        }
      }
    }
  });
  if (meta.authors.length > 0 && meta.affiliations.length > 1) {
    meta.affiliations.forEach((aff, i) => {
      if (!referenced.has(aff.id)) {
        emit(`Affiliation ${aff.label} is not referred to by any author`, 'align-affiliation-marks', 'warning', affPlace(i, 'zh'));
      }
    });
  }
}

const SIX_DIGITS = /(?<!\d)\d{6}(?!\d)/g;

function postcodeOf(part: AffiliationPart): string | undefined {
  if (part.postcode) return part.postcode;
  const all = part.text.match(SIX_DIGITS);
  return all && all.length === 1 ? all[0] : undefined;
}

/** Does a Chinese place name appear among the words of an English text? */
function placeInText(zh: string, text: string): boolean {
  const words = text.split(/[^A-Za-z\u00C0-\u024F'’-]+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    for (let len = 1; len <= 3 && i + len <= words.length; len++) {
      if (matchPlaceName(zh, words.slice(i, i + len).join(' '))) return true;
    }
  }
  return false;
}

/**
 * The address tail of an English affiliation, where its place names are:
 * from the comma-separated part holding the postcode on (`Hengyang 421001,
 * Hunan, China`), or the last three parts.
 */
/** The address part of an English affiliation: from the part with the postcode (and `before` parts more) on. */
function addressTail(text: string, before = 0): string {
  const parts = text.split(/[,，;；]/);
  const at = parts.findIndex((p) => /(?<!\d)\d{6}(?!\d)/.test(p));
  return parts.slice(at >= 0 ? Math.max(0, at - before) : Math.max(0, parts.length - 3)).join(',');
}

/**
 * The Han run just before the postcode or at the end of a Chinese affiliation
 * (`…,湖南衡阳421001` → `湖南衡阳`), when the ingest gives no city or province.
 */
function placeRun(part: AffiliationPart): string | undefined {
  const m = /([\u4e00-\u9fff]{2,12})\s*(?:\d{6})?\s*$/.exec(part.text.replace(/[)）。.]\s*$/, ''));
  if (!m) return undefined;
  const run = m[1]!;
  // Only the part after the last separator belongs to the place.
  const cut = part.text.lastIndexOf(run);
  const before = part.text.slice(0, cut);
  if (before && !/[,，、;；\s]$/.test(before)) return undefined;
  return run;
}

/** Can the run be cut into place names that each appear in the English text? */
function runCovered(run: string, text: string): boolean {
  const chars = [...run];
  const memo = new Map<number, boolean>();
  const go = (at: number): boolean => {
    if (at === chars.length) return true;
    const hit = memo.get(at);
    if (hit !== undefined) return hit;
    let ok = false;
    for (let end = chars.length; end >= at + 2 && !ok; end--) {
      const piece = chars.slice(at, end).join('');
      if (stripChinesePlaceSuffix(piece) && placeInText(piece, text) && go(end)) ok = true;
    }
    memo.set(at, ok);
    return ok;
  };
  return go(0);
}

function checkAffiliations(meta: ArticleMeta, emit: Emit, place: (i: number, prefer?: Lang) => Position | null): void {
  const affs = meta.affiliations;
  const zhCount = affs.filter((a) => a.zh).length;
  const enCount = affs.filter((a) => a.en).length;
  if (zhCount > 0 && enCount > 0) {
    affs.forEach((a, i) => {
      if (a.zh && !a.en) {
        emit(
          `${zhCount} Chinese affiliations but ${enCount} English ones: affiliation ${a.label} has no English text`,
          'align-affiliation-count',
          // Affiliations split over lines and run together are the hardest part of the front to read:
          // certain only when every affiliation read whole (each with its postcode).
          affiliationsWhole(meta) ? 'error' : 'info',
          place(i, 'zh'),
        );
      } else if (a.en && !a.zh) {
        emit(
          `${zhCount} Chinese affiliations but ${enCount} English ones: affiliation ${a.label} has no Chinese text`,
          'align-affiliation-count',
          // Affiliations split over lines and run together are the hardest part of the front to read:
          // certain only when every affiliation read whole (each with its postcode).
          affiliationsWhole(meta) ? 'error' : 'info',
          place(i, 'en'),
        );
      }
    });
  }

  affs.forEach((a, i) => {
    if (!a.zh || !a.en) return;
    const zh = a.zh;
    const en = a.en;
    const zhCode = postcodeOf(zh);
    const enCode = postcodeOf(en);
    if (zhCode && enCode && zhCode !== enCode) {
      emit(
        `Affiliation ${a.label}: postcode ${enCode} in English but ${zhCode} in Chinese`,
        'align-affiliation-postcode',
        'warning',
        place(i, 'en'),
        enCode,
        zhCode,
      );
    }
    const fields: Array<['city' | 'province', string]> = [];
    if (zh.city) fields.push(['city', zh.city]);
    if (zh.province) fields.push(['province', zh.province]);
    for (const [field, zhName] of fields) {
      if (!/[\u4e00-\u9fff]/.test(zhName)) continue;
      const enName = en[field];
      // `UniversityShangrao` read as the city still names Shangrao.
      // A place read wrong on either side (`随州` against the province word, a run of names) is no disagreement.
      const named = placeInText(zhName, addressTail(en.text, 1)) || (enName !== undefined && foldLatin(enName).includes(foldLatin(expectedPlaceName(zhName))));
      if (zhName.length > 4 && enName) continue;
      const ok = enName ? matchPlaceName(zhName, enName) || named : placeInText(zhName, addressTail(en.text));
      if (ok) continue;
      const expected = expectedPlaceName(zhName);
      emit(
        enName
          ? `Affiliation ${a.label}: ${field} "${enName}" in English does not match ${zhName} (expected ${expected})`
          : `Affiliation ${a.label}: ${field} ${zhName} (${expected}) is not named in the English text`,
        `align-affiliation-${field}`,
        // Absent from text whose words the extraction may have run together: noted; misspelled: a warning.
        enName ? 'warning' : 'info',
        place(i, 'en'),
        enName,
        expected,
      );
    }
    if (!zh.city && !zh.province) {
      const run = placeRun(zh);
      if (run && !runCovered(run, addressTail(en.text))) {
        emit(
          `Affiliation ${a.label}: place ${run} is not named in the English text`,
          'align-affiliation-city',
          'info',
          place(i, 'en'),
        );
      }
    }
  });
}

function sameEnglishName(a: string, b: string): boolean {
  return foldLatin(a) === foldLatin(b);
}

/** Spellings of a name that an e-mail local part commonly contains. */
function emailForms(en: string, zh: string | undefined): string[] {
  let surname = '';
  let given = '';
  let initials = '';
  const parts = zh ? splitChineseName(zh) : null;
  const m = zh ? matchPinyinName(zh, en) : null;
  if (parts && m?.ok) {
    surname = parts.expectedSurname;
    given = parts.expectedGiven;
    initials = parts.givenReadings.map((r) => (r[0] ?? '')[0] ?? '').join('');
    // Spell the parts as written in the English name when they differ.
    const tokens = en.split(/\s+/).filter(Boolean);
    if (tokens.length >= 2) {
      const first = foldLatin(tokens[0]!);
      const rest = foldLatin(tokens.slice(1).join(''));
      const last = foldLatin(tokens[tokens.length - 1]!);
      const head = foldLatin(tokens.slice(0, -1).join(''));
      if (m.order === 'surname-first') [surname, given] = [first, rest];
      else [surname, given] = [last, head];
    }
  } else {
    const tokens = en.split(/\s+/).filter(Boolean);
    if (tokens.length < 2) return [foldLatin(en)];
    const capsAt = tokens.findIndex((t) => /[A-Z]{2,}/.test(t) && t === t.toUpperCase());
    const si = capsAt >= 0 ? capsAt : 0;
    surname = foldLatin(tokens[si]!);
    given = foldLatin(tokens.filter((_, k) => k !== si).join(''));
    initials = tokens
      .filter((_, k) => k !== si)
      .flatMap((t) => t.split('-'))
      .map((t) => foldLatin(t)[0] ?? '')
      .join('');
  }
  const forms = [surname + given, given + surname, surname + initials, initials + surname, given + surname[0], surname + given[0]];
  return forms.filter((f) => f.length >= 3);
}

function checkCorrespondence(meta: ArticleMeta, emit: Emit, pos: (key: AlignPositionKey) => Position | null): void {
  const corr = meta.correspondence;
  const seen = new Set<string>();
  const checks: Array<{ en: string; zh?: string; email: string; place: Position | null }> = [];
  if (corr?.name && (corr.name.en || corr.name.zh)) {
    const { en: corrEn, zh: corrZh } = corr.name;
    const is = (a: ArticleMeta['authors'][number], loose: boolean) =>
      (corrEn && a.name.en && sameEnglishName(a.name.en, corrEn)) ||
      (corrZh && a.name.zh === corrZh) ||
      // The English byline may be misspelt; the pinyin of the Chinese name still identifies the author.
      (loose && corrEn && a.name.zh && matchPinyinName(a.name.zh, corrEn).ok);
    let idx = meta.authors.findIndex((a) => is(a, false));
    if (idx < 0) idx = meta.authors.findIndex((a) => is(a, true));
    if (idx < 0 && meta.authors.length) {
      emit(
        `The corresponding author ${corr.name.en ?? corr.name.zh} is not among the authors`,
        'align-corresponding-author',
        // A name the extraction misread (`Ll Zheng`) cannot be matched: certain only for a clean name.
        (corrEn ? corrEn.split(/[\s-]+/).every((w) => isPinyinWord(w)) : /^[\u4e00-\u9fff]{2,4}$/.test(corrZh ?? '')) ? 'warning' : 'info',
        pos('correspondence.name'),
      );
    }
    const author = idx >= 0 ? meta.authors[idx] : undefined;
    const en = corr.name.en ?? author?.name.en;
    const email = corr.email ?? author?.email;
    if (en && email) {
      const item: { en: string; zh?: string; email: string; place: Position | null } = {
        en,
        email,
        place: pos('correspondence.email') ?? pos('correspondence.name'),
      };
      const zh = author?.name.zh ?? corr.name.zh;
      if (zh) item.zh = zh;
      checks.push(item);
    }
  }
  meta.authors.forEach((a, i) => {
    if (!a.email || !a.name.en) return;
    const item: { en: string; zh?: string; email: string; place: Position | null } = {
      en: a.name.en,
      email: a.email,
      place: pos('correspondence.email') ?? pos(`authors.${i}.en`),
    };
    if (a.name.zh) item.zh = a.name.zh;
    checks.push(item);
  });
  for (const c of checks) {
    const key = `${c.email}\u0000${foldLatin(c.en)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const local = c.email.split('@')[0]!.toLowerCase().replace(/[^a-z]/g, '');
    const forms = emailForms(c.en, c.zh);
    if (forms.some((f) => local.includes(f))) continue;
    emit(
      `The e-mail address ${c.email} does not contain the corresponding author's name ${c.en}; please confirm the address`,
      'align-corresponding-email',
      'info',
      c.place,
    );
  }
}

/** Expected English byline for every author with a Chinese name, for editors. */
export function expectedBylines(meta: ArticleMeta): string[] {
  return meta.authors.map((a) => (a.name.zh && isChineseName(a.name.zh) ? expectedEnglishName(a.name.zh) : (a.name.en ?? '')));
}

/** Levenshtein distance of two short strings. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
