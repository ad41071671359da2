/**
 * Reading the name lists of GB/T 7714 references.
 *
 * - Chinese personal names (2–4 Han characters) become `{family, given}`,
 *   with two-character family names recognised from a list of compound
 *   surnames (`欧阳`, `司马`, ...). Transliterated foreign names written with a
 *   middle dot (`哈里森·沃尔德伦`) and longer Han strings become `{literal}`.
 * - Western names are written family name first, then initials without
 *   periods (`Kamen DL`, `Cunninghame Graham DS`, `Luz-Crawford P`,
 *   `PEEBLES P Z`). They become `{family, given}` with the initials spelled
 *   out as `D. L.`; an all-capital family name is recased (`Peebles`).
 * - Everything else that reads as a name of an organisation becomes
 *   `{literal}` (`World Health Organization`, `中华医学会风湿病学分会`).
 * - `等`, `et al.` end the list and set `etAl`; `Jr` / `Inc` attach to the
 *   name before them; a trailing `译` / `主编` / `ed.` gives the role.
 */
import { COMPOUND_SURNAMES } from '../text/names.js';
import { HAN, type CslName } from './csl.js';

export { HAN };
const HAN_ONLY = /^\p{Script=Han}+$/u;


/** Endings that mark a Han string as the name of an organisation. */
export const HAN_ORG_END =
  /(委员会|办公室|研究所|研究院|研究中心|实验室|出版社|编辑部|协会|学会|中心|大学|学院|学校|集团|公司|政府|银行|医院|联盟|基金会|档案馆|图书馆|博物馆|纪念馆|国务院|部|局|厅|署|司|处|社|所|馆|院|会|组|室|站|台|网|报|刊|厂|团)$/u;

/** Multi-character endings that rule out a personal name even in three or four characters. */
const HAN_ORG_END_LONG = /(委员会|办公室|中心|大学|学院|公司|协会|学会|医院|政府|集团|出版社|国务院|研究所|研究院|图书馆|档案馆|编辑部)$/u;

const WESTERN_PARTICLES = new Set([
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'das', 'du', 'des', 'la', 'le', 'ter', 'ten', 'bin', 'al', 'el', 'ibn', 'y',
]);

/** Lower-case words allowed inside an organisation's name. */
const ORG_FUNCTION_WORDS = new Set([
  'of', 'and', 'for', 'the', 'on', 'in', 'at', 'to', 'de', 'du', 'des', 'la', 'le', 'et', 'und', 'für', 'y', '&', 'an', 'a',
]);

/** Words that make a capitalised phrase read as an organisation. */
export const ORG_WORDS =
  /\b(Department|Dept|Office|Bureau|Association|Organi[sz]ation|Society|Council|Committee|Commission|Institute|Institution|University|Univ|College|School|Center|Centre|Ministry|Agency|Administration|Board|Foundation|Group|Library|Libraries|Academy|Inc|Ltd|Corporation|Corp|Company|Federation|Union|Service|Services|Laboratory|Hospital|Network|Consortium|Alliance|Trust|Authority|Government|Assembly|Congress|Parliament|Secretariat|Programme|Program|Project|Team|Working|Panel|Force|Bank|Fund)\b/i;

const ETAL = /^(?:等|等等|et\s*al\.?|etc\.?|and\s+others|others)$/iu;
const NAME_SUFFIX = /^(?:Jr|Sr|II|III|IV)\.?$/iu;
const ORG_SUFFIX = /^(?:Inc|Ltd|Co|Corp|LLC|GmbH|plc|S\.?A|AG|KG|L\.?P)\.?$/iu;

export type Role = 'author' | 'editor' | 'translator';

const ROLE_SUFFIX =
  /^(?<names>.*?)[\s,，]*(?<etal>等|et\s*al\.?)?[\s,，]*(?<role>等?译注|等?编译|等?主译|等?译|等?翻译|主编|副主编|总主编|等?编著|等?编|等?校注|等?整理|(?<=[\s,，])(?:[Tt]rans\.?|[Tt]r\.|[Tt]ranslators?|[Ee]ds?\.|eds?|[Ee]ditors?|[Cc]omps?\.?))$/u;

export interface NameListResult {
  names: CslName[];
  etAl: boolean;
  role?: Role;
  /** All names are personal names (no organisations). */
  persons: boolean;
  /** Every piece could be read as a name. */
  ok: boolean;
}

/** Split off a responsibility mark (`译`, `主编`, `eds.`) at the end of a name list. */
export function splitRole(text: string): { text: string; role?: Role; etAl: boolean } {
  const m = ROLE_SUFFIX.exec(text.trim());
  if (!m || !m.groups) return { text: text.trim(), etAl: false };
  const roleWord = m.groups.role!;
  const names = m.groups.names!.trim();
  if (!names) return { text: text.trim(), etAl: false };
  // A Han organisation name may itself end in 编/译 characters only when glued
  // to other Han characters without a separator; require a separator or a
  // multi-character mark for single-character marks.
  const glued = /^等?[编译]$/u.test(roleWord) && !/[\s,，]$/.test(text.trim().slice(0, -roleWord.length)) && !m.groups.etal;
  if (glued && HAN_ONLY.test(names) && names.length > 4) return { text: text.trim(), etAl: false };
  const role: Role = /译|trans|tr\./iu.test(roleWord) ? 'translator' : 'editor';
  const etAl = Boolean(m.groups.etal) || roleWord.startsWith('等');
  return { text: names, role, etAl };
}

/** Recase an all-capital Western family name: `DES MARAIS` → `Des Marais`, `O’BRIEN` → `O’Brien`. */
export function recaseFamily(family: string): string {
  if (!/\p{Lu}{2}/u.test(family) || /\p{Ll}/u.test(family)) return family;
  return family.toLowerCase().replace(/(^|[\s\-'’])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function isInitialsToken(token: string): boolean {
  return (
    /^\p{Lu}{1,3}$/u.test(token) ||
    /^(?:\p{Lu}\.){1,3}$/u.test(token) ||
    /^\p{Lu}(?:\.\p{Lu}){1,2}\.?$/u.test(token) ||
    /^\p{Lu}\.?-\p{Lu}\.?$/u.test(token) ||
    /^\p{Lu}\p{Ll}?\.$/u.test(token)
  );
}

/** `DL` → `D. L.`; `P` → `P.`; `J-R` → `J.-R.`; `Th.` → `Th.` */
export function spellInitials(tokens: string[]): string {
  const out: string[] = [];
  for (const token of tokens) {
    if (/^\p{Lu}\p{Ll}\.$/u.test(token)) out.push(token);
    else if (/^\p{Lu}\.?-\p{Lu}\.?$/u.test(token)) {
      const [a, b] = token.replace(/\./g, '').split('-');
      out.push(`${a}.-${b}.`);
    } else for (const c of token.replace(/\./g, '')) out.push(`${c}.`);
  }
  return out.join(' ');
}

/** Compact initials as the house style prints them: `D. L.` → `DL`. */
export function compactInitials(given: string): string {
  return given.replace(/\.\s*/g, '').replace(/\s+/g, '');
}

function familyTokenOk(token: string): boolean {
  return /^\p{Lu}[\p{L}'’\-]*$/u.test(token) || WESTERN_PARTICLES.has(token.toLowerCase());
}

/** A Western personal name `Family [Family] INITIALS`, or null. */
export function parseWesternPerson(piece: string): CslName | null {
  const tokens = piece.trim().split(/\s+/);
  // `Smith J Jr`: a generational suffix after the initials
  const suffix = tokens.length > 2 && NAME_SUFFIX.test(tokens[tokens.length - 1]!) ? tokens.pop()!.replace(/\.$/, '').replace(/^([JS])R$/u, (_, c: string) => `${c}r`) : undefined;
  // `Veen PH van der`: particles written after the initials belong before the family name
  const trailing: string[] = [];
  while (tokens.length > 2 && WESTERN_PARTICLES.has(tokens[tokens.length - 1]!)) trailing.unshift(tokens.pop()!);
  if (!trailing.length) trailing.push(...capitalParticles(tokens));
  if (trailing.length) tokens.unshift(...trailing);
  const name = westernPersonOf(tokens);
  if (name && suffix) name.suffix = suffix;
  return name;
}

/**
 * `VEEN P H VAN DER` (GB/T 7714 capitals): particles after the initials,
 * taken off `tokens`. Capital particles look like initials (`DE`), so a run
 * counts only after a separate initial and when it is two words long or
 * one of three letters or more (`VAN`, `VON`, `DER`).
 */
function capitalParticles(tokens: string[]): string[] {
  let k = tokens.length;
  while (k > 2 && WESTERN_PARTICLES.has(tokens[k - 1]!.toLowerCase()) && /^\p{Lu}+$/u.test(tokens[k - 1]!)) k--;
  const run = tokens.slice(k);
  if (!run.length || !/^\p{Lu}\.?$/u.test(tokens[k - 1]!)) return [];
  if (run.length < 2 && run[0]!.length < 3) return [];
  tokens.length = k;
  return run;
}

function westernPersonOf(tokens: string[]): CslName | null {
  if (tokens.length < 2 || tokens.length > 7) return null;
  let k = 0;
  while (k < tokens.length - 1 && isInitialsToken(tokens[tokens.length - 1 - k]!)) k++;
  if (k === 0) return null;
  const familyTokens = tokens.slice(0, tokens.length - k);
  if (familyTokens.length > 4 || !familyTokens.every(familyTokenOk)) return null;
  if (!/^\p{Lu}/u.test(familyTokens[familyTokens.length - 1]!)) return null;
  const initials = tokens.slice(tokens.length - k);
  return { family: recaseFamily(familyTokens.join(' ')), given: spellInitials(initials) };
}

/** A Chinese personal name of two to four Han characters, or null. */
export function parseChinesePerson(piece: string): CslName | null {
  const s = piece.replace(/\s+/g, '');
  if (!HAN_ONLY.test(s) || s.length < 2 || s.length > 4) return null;
  if (s.length >= 3 && HAN_ORG_END_LONG.test(s)) return null;
  const family = s.length >= 3 && COMPOUND_SURNAMES.has(s.slice(0, 2)) ? s.slice(0, 2) : s.slice(0, 1);
  return { family, given: s.slice(family.length) };
}

/** Han text that reads as a name (person with a middle dot, or organisation). */
function parseHanLiteral(piece: string): CslName | null {
  const s = piece.trim();
  if (!HAN.test(s)) return null;
  if (/[:：;；。？?！!《》“”"]/u.test(s)) return null;
  if (/[·•・]/u.test(s) && /^[\p{Script=Han}·•・\s]+$/u.test(s)) return { literal: s.replace(/\s+/g, '') };
  if (!/^[\p{Script=Han}\p{L}\d()（）\-\s]+$/u.test(s)) return null;
  if (s.length < 2 || s.length > 40) return null;
  return { literal: s };
}

/** An organisation written in Latin script (`World Health Organization`). */
export function parseWesternOrg(piece: string): CslName | null {
  const s = piece.trim();
  if (!s || HAN.test(s) || /[:;?!"“”\[\]]/.test(s)) return null;
  const tokens = s.split(/\s+/);
  if (tokens.length > 14) return null;
  if (!/^[\p{Lu}\d]/u.test(tokens[0]!)) return null;
  for (const token of tokens) {
    if (!/^[\p{L}\d&.'’()\-\/,]+$/u.test(token)) return null;
    if (/^\p{Ll}/u.test(token) && !ORG_FUNCTION_WORDS.has(token.toLowerCase())) return null;
  }
  return { literal: s };
}

/** Read one piece of a name list. */
export function parseNamePiece(input: string): { name: CslName; person: boolean } | null {
  // extraction sometimes spaces hyphens: `Luz - Crawford P`
  // and reads spaces as underscores: `ZHANG B_L`
  const piece = input.replace(/(\p{L})\s+[-‐]\s+(\p{L})/gu, '$1-$2').replace(/_/g, ' ').trim();
  const chinese = parseChinesePerson(piece);
  if (chinese) return { name: chinese, person: true };
  if (HAN.test(piece)) {
    const lit = parseHanLiteral(piece);
    return lit ? { name: lit, person: /[·•・]/u.test(piece) } : null;
  }
  const western = parseWesternPerson(piece);
  if (western) return { name: western, person: true };
  const org = parseWesternOrg(piece);
  return org ? { name: org, person: false } : null;
}

/**
 * Read a list of names separated by commas (half or full width) or `、`.
 * `ok` is false when some piece is not a name; the names read so far are
 * still returned.
 */
export function parseNameList(input: string): NameListResult {
  const { text, role, etAl: roleEtAl } = splitRole(input);
  const result: NameListResult = { names: [], etAl: roleEtAl, persons: true, ok: true };
  if (role) result.role = role;
  const pieces = text
    .split(/\s*[,，、;；]\s*/u)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (!pieces.length) {
    result.ok = false;
    return result;
  }
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (ETAL.test(piece)) {
      result.etAl = true;
      if (i !== pieces.length - 1) result.ok = false;
      continue;
    }
    const last = result.names[result.names.length - 1];
    if (last && NAME_SUFFIX.test(piece) && last.family) {
      last.suffix = piece.replace(/\.$/, '');
      continue;
    }
    if (last && ORG_SUFFIX.test(piece) && last.literal) {
      last.literal = `${last.literal}, ${piece.replace(/\.$/, '')}`;
      continue;
    }
    // `陈晋镳, 张惠民, 朱士兴, 等` may arrive as `朱士兴等`
    const glued = /^(\p{Script=Han}{2,4})\s*等$/u.exec(piece);
    if (glued && i === pieces.length - 1) {
      const p = parseChinesePerson(glued[1]!);
      if (p) {
        result.names.push(p);
        result.etAl = true;
        continue;
      }
    }
    const read = parseNamePiece(piece);
    if (!read) {
      result.ok = false;
      continue;
    }
    if (!read.person) result.persons = false;
    result.names.push(read.name);
  }
  if (!result.names.length) result.ok = false;
  return result;
}

/** Plain display form of a name, for messages and comparisons. */
export function nameText(name: CslName): string {
  if (name.literal) return name.literal;
  const family = name.family ?? '';
  const given = name.given ?? '';
  if (HAN.test(family)) return family + given;
  return given ? `${family} ${compactInitials(given)}` : family;
}
