/**
 * Pinyin helpers: personal names (surname readings, compound surnames,
 * polyphonic given names) and place names, for alignment and for ingest
 * (a byline's names checked against the English byline).
 */
import { pinyin } from 'pinyin-pro';

const HAN_RE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Two-character surnames with their romanization as printed. */
const COMPOUND_SURNAMES: Record<string, string[]> = {
  欧阳: ['ouyang'],
  司马: ['sima'],
  诸葛: ['zhuge'],
  上官: ['shangguan'],
  东方: ['dongfang'],
  皇甫: ['huangfu'],
  尉迟: ['yuchi'],
  公孙: ['gongsun'],
  慕容: ['murong'],
  长孙: ['zhangsun'],
  宇文: ['yuwen'],
  司徒: ['situ'],
  司空: ['sikong'],
  夏侯: ['xiahou'],
  轩辕: ['xuanyuan'],
  令狐: ['linghu'],
  钟离: ['zhongli'],
  闾丘: ['lvqiu', 'luqiu', 'lyuqiu'],
  澹台: ['tantai'],
  公冶: ['gongye'],
  宗政: ['zongzheng'],
  濮阳: ['puyang'],
  淳于: ['chunyu'],
  单于: ['chanyu'],
  太叔: ['taishu'],
  申屠: ['shentu'],
  赫连: ['helian'],
  万俟: ['moqi'],
  端木: ['duanmu'],
  百里: ['baili'],
  东郭: ['dongguo'],
  南宫: ['nangong'],
  西门: ['ximen'],
  独孤: ['dugu'],
  呼延: ['huyan'],
  拓跋: ['tuoba'],
  左丘: ['zuoqiu'],
  第五: ['diwu'],
  梁丘: ['liangqiu'],
  羊舌: ['yangshe'],
  微生: ['weisheng'],
  公羊: ['gongyang'],
  乐正: ['yuezheng'],
  亓官: ['qiguan'],
  子车: ['ziju'],
  巫马: ['wuma'],
  公西: ['gongxi'],
  漆雕: ['qidiao'],
  谷梁: ['guliang'],
  东门: ['dongmen'],
  仲孙: ['zhongsun'],
  叔孙: ['shusun'],
  鲜于: ['xianyu'],
  闻人: ['wenren'],
  颛孙: ['zhuansun'],
  公良: ['gongliang'],
  夹谷: ['jiagu'],
  宰父: ['zaifu'],
  段干: ['duangan'],
  壤驷: ['rangsi'],
  即墨: ['jimo'],
};

/**
 * Single-character surnames read differently from the character's common
 * reading. The first reading is the one expected; others are accepted.
 */
const SURNAME_READINGS: Record<string, string[]> = {
  曾: ['zeng'],
  单: ['shan'],
  仇: ['qiu'],
  区: ['ou'],
  解: ['xie'],
  查: ['zha'],
  朴: ['piao'],
  盖: ['ge', 'gai'],
  缪: ['miao'],
  翟: ['zhai'],
  秘: ['bi'],
  乐: ['yue', 'le'],
  宿: ['su'],
  覃: ['qin', 'tan'],
  种: ['chong'],
  折: ['she'],
  繁: ['po'],
  牟: ['mou', 'mu'],
  句: ['gou'],
  召: ['shao'],
  员: ['yun'],
  么: ['yao'],
  朝: ['chao'],
  重: ['chong'],
  沈: ['shen'],
  石: ['shi'],
  藏: ['zang'],
  尉: ['wei', 'yu'],
  谌: ['chen', 'shen'],
  莘: ['shen', 'xin'],
  蕃: ['pi'],
  郇: ['huan', 'xun'],
  隗: ['wei', 'kui'],
  訾: ['zi'],
  长: ['chang'],
  柏: ['bai', 'bo'],
  薄: ['bo'],
  卜: ['bu'],
  黑: ['he'],
  那: ['na'],
  能: ['nai'],
  华: ['hua'],
  纪: ['ji'],
  过: ['guo'],
  蔚: ['yu', 'wei'],
  燕: ['yan'],
  任: ['ren'],
  冼: ['xian'],
  应: ['ying'],
  车: ['che'],
  费: ['fei', 'bi'],
  吕: ['lyu', 'lv', 'lu'],
  闵: ['min'],
  贾: ['jia'],
  阚: ['kan'],
  逄: ['pang'],
  恽: ['yun'],
  令: ['ling'],
  褚: ['chu'],
};

/** Places whose customary English name is not plain pinyin. */
const PLACE_NAMES: Record<string, string[]> = {
  陕西: ['shaanxi'],
  内蒙古: ['innermongolia', 'neimenggu', 'neimongol'],
  西藏: ['tibet', 'xizang'],
  香港: ['hongkong'],
  澳门: ['macao', 'macau', 'aomen'],
  台湾: ['taiwan'],
  呼和浩特: ['hohhot', 'huhehaote'],
  乌鲁木齐: ['urumqi', 'wulumuqi'],
  拉萨: ['lhasa', 'lasa'],
  哈尔滨: ['harbin', 'haerbin'],
  喀什: ['kashgar', 'kashi'],
  日喀则: ['shigatse', 'rikaze'],
  石家庄: ['shijiazhuang'],
  重庆: ['chongqing'],
  厦门: ['xiamen', 'amoy'],
  蚌埠: ['bengbu'],
  六安: ['luan', 'liuan'],
  丽水: ['lishui'],
  乐山: ['leshan'],
  长沙: ['changsha'],
  长春: ['changchun'],
  长治: ['changzhi'],
  大理: ['dali'],
  延边: ['yanbian'],
};

/** Pinyin syllable → the spellings accepted in English text (ü written u, v or yu). */
function syllableVariants(syllable: string): string[] {
  const s = syllable.toLowerCase();
  if (!s.includes('ü')) return [s];
  const out = [s.replace(/ü/g, 'v'), s.replace(/ü/g, 'u')];
  if (/^[ln]ü/.test(s)) out.unshift(s.replace(/ü/g, 'yu'));
  return [...new Set(out)];
}

/** The preferred romanization of a syllable (ü after l/n written yu). */
function preferredSpelling(syllable: string): string {
  return syllableVariants(syllable)[0]!;
}

function readingsOfChar(ch: string): string[] {
  const all = pinyin(ch, { toneType: 'none', type: 'array', multiple: true });
  const out: string[] = [];
  for (const r of all) for (const v of syllableVariants(r)) if (!out.includes(v)) out.push(v);
  return out;
}

const charCache = new Map<string, string[]>();
function cachedReadings(ch: string): string[] {
  let r = charCache.get(ch);
  if (!r) {
    r = readingsOfChar(ch);
    charCache.set(ch, r);
  }
  return r;
}

/** Contextual (most likely) pinyin of a Han string, one syllable per character. */
export function contextualSyllables(text: string, surname = false): string[] {
  const opts = surname
    ? ({ toneType: 'none', type: 'array', mode: 'surname', surname: 'head' } as const)
    : ({ toneType: 'none', type: 'array' } as const);
  return pinyin(text, opts).map((s) => preferredSpelling(s));
}

/**
 * Readings accepted for each character of `text`: the contextual reading first,
 * then every reading pinyin-pro lists for the character.
 */
export function readingsPerChar(text: string): string[][] {
  const chars = [...text];
  const ctx = contextualSyllables(text);
  return chars.map((ch, i) => {
    const out = [ctx[i] ?? ''].filter(Boolean);
    for (const v of cachedReadings(ch)) if (!out.includes(v)) out.push(v);
    // Every spelling variant of the contextual reading as well.
    return out;
  });
}

/** Can `s` be written as one reading per character, in order? */
export function segmentsAs(s: string, readings: string[][]): boolean {
  const memo = new Map<string, boolean>();
  const go = (pos: number, idx: number): boolean => {
    if (idx === readings.length) return pos === s.length;
    const key = `${pos}:${idx}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let ok = false;
    for (const r of readings[idx]!) {
      if (r && s.startsWith(r, pos) && go(pos + r.length, idx + 1)) {
        ok = true;
        break;
      }
    }
    memo.set(key, ok);
    return ok;
  };
  return go(0, 0);
}

/** Lower-case ASCII letters only: diacritics removed, hyphens, apostrophes and spaces dropped. */
export function foldLatin(s: string): string {
  return s
    .replace(/ü/gi, 'v')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export interface ChineseNameParts {
  surname: string;
  given: string;
  /** Accepted spellings of the surname, the expected one first. */
  surnameReadings: string[];
  /** Accepted readings of each given-name character. */
  givenReadings: string[][];
  /** Expected romanization of the surname and of the given name. */
  expectedSurname: string;
  expectedGiven: string;
}

export function isChineseName(zh: string): boolean {
  const s = zh.replace(/\s+/g, '');
  return s.length >= 2 && [...s].every((c) => HAN_RE.test(c));
}

/** Split a Chinese personal name into surname and given name, with their readings. */
export function splitChineseName(zh: string): ChineseNameParts | null {
  const name = zh.replace(/\s+/g, '');
  if (!isChineseName(name)) return null;
  const chars = [...name];
  const head2 = chars.slice(0, 2).join('');
  const compound = chars.length >= 3 && COMPOUND_SURNAMES[head2] !== undefined;
  const surname = compound ? head2 : chars[0]!;
  const given = chars.slice(compound ? 2 : 1).join('');
  let surnameReadings: string[];
  if (compound) surnameReadings = COMPOUND_SURNAMES[surname]!;
  else if (SURNAME_READINGS[surname]) surnameReadings = SURNAME_READINGS[surname]!;
  else {
    const ctx = contextualSyllables(surname, true)[0] ?? '';
    surnameReadings = [ctx, ...cachedReadings(surname).filter((r) => r !== ctx)].filter(Boolean);
  }
  const givenReadings = readingsPerChar(given);
  const expectedGiven = givenReadings.map((r) => r[0] ?? '').join('');
  return {
    surname,
    given,
    surnameReadings,
    givenReadings,
    expectedSurname: surnameReadings[0] ?? '',
    expectedGiven,
  };
}

export interface PinyinNameMatch {
  ok: boolean;
  order?: 'surname-first' | 'given-first';
  /** The expected English form, surname first as printed in the byline (`SHU Zhaoping`). */
  expected: string;
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const isAllCaps = (token: string) => /[A-Z]{2,}/.test(token) && token === token.toUpperCase();

/** Expected English byline form of a Chinese name: `SHU Zhaoping`, `OUYANG Xiu`. */
export function expectedEnglishName(zh: string): string {
  const parts = splitChineseName(zh);
  if (!parts) return '';
  return `${parts.expectedSurname.toUpperCase()} ${capitalize(parts.expectedGiven)}`.trim();
}

/**
 * Does the English name `en` spell the Chinese name `zh` in pinyin? Accepts
 * surname-first (`SHU Zhaoping`) and given-first (`Zhaoping Shu`) order, any
 * letter case, hyphenated or separated given names (`Zhao-ping`, `Zhao Ping`),
 * compound surnames, special surname readings and every reading of a
 * polyphonic given-name character.
 */
export function matchPinyinName(zh: string, en: string): PinyinNameMatch {
  const parts = splitChineseName(zh);
  if (!parts) return { ok: false, expected: '' };
  const expected = `${parts.expectedSurname.toUpperCase()} ${capitalize(parts.expectedGiven)}`.trim();
  const tokens = en
    .split(/[\s,，]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  const folded = tokens.map(foldLatin);
  if (tokens.length < 2 || folded.some((t) => !t)) return { ok: false, expected };
  const isSurname = (s: string) => parts.surnameReadings.includes(s);
  const isGiven = (s: string) => (parts.given ? segmentsAs(s, parts.givenReadings) : s === '');
  const join = (from: number, to: number) => folded.slice(from, to).join('');
  const n = folded.length;
  let surnameFirst = false;
  let givenFirst = false;
  for (let k = 1; k < n; k++) {
    if (isSurname(join(0, k)) && isGiven(join(k, n))) surnameFirst = true;
    if (isGiven(join(0, n - k)) && isSurname(join(n - k, n))) givenFirst = true;
  }
  if (!surnameFirst && !givenFirst) return { ok: false, expected };
  let order: 'surname-first' | 'given-first';
  if (surnameFirst && givenFirst) {
    // `YUAN Yuan` / `Yuan YUAN`: the capitalized token marks the surname.
    order = !isAllCaps(tokens[0]!) && isAllCaps(tokens[n - 1]!) ? 'given-first' : 'surname-first';
  } else order = surnameFirst ? 'surname-first' : 'given-first';
  return { ok: true, order, expected };
}

/** Strip administrative suffixes from a Chinese place name: 衡阳市 → 衡阳, 湖南省 → 湖南. */
export function stripChinesePlaceSuffix(zh: string): string {
  let s = zh.replace(/\s+/g, '');
  s = s.replace(/(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|自治州|自治县|地区|省)$/, '');
  if ([...s].length > 2) s = s.replace(/[市县区]$/, '');
  else s = s.replace(/市$/, '');
  return s;
}

/** Strip English administrative words: `Hunan Province` → `hunan`, `Hengyang City` → `hengyang`. */
export function foldEnglishPlace(en: string): string {
  const s = en
    .toLowerCase()
    .replace(/\b(province|city|municipality|autonomous region|special administrative region|sar|prefecture|county|district|shi|sheng)\b/g, ' ');
  return foldLatin(s);
}

/** Accepted English spellings (folded) for a Chinese place name. */
export function placeSpellings(zh: string): { exceptions: string[]; readings: string[][]; expected: string } {
  const name = stripChinesePlaceSuffix(zh);
  const exceptions = PLACE_NAMES[name] ?? [];
  const readings = readingsPerChar(name);
  const expected = exceptions[0] ?? readings.map((r) => r[0] ?? '').join('');
  return { exceptions, readings, expected };
}

/** Does the English place name match the Chinese one? */
export function matchPlaceName(zh: string, en: string): boolean {
  const e = foldEnglishPlace(en);
  if (!e) return false;
  const { exceptions, readings } = placeSpellings(zh);
  if (exceptions.includes(e)) return true;
  return segmentsAs(e, readings);
}

/** Display form of a place's expected spelling: 衡阳 → Hengyang. */
export function expectedPlaceName(zh: string): string {
  return capitalize(placeSpellings(zh).expected);
}
