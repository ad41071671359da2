/**
 * Name lists written family name first with a comma, as author-date and
 * Nature styles print them:
 *
 *     Huang, J., van der Veen, P. H., & Smith, J., Jr.        (APA)
 *     Huang, J., van der Veen, P.H. and Smith, J., Jr.        (Harvard)
 *     Huang, J., van der Veen, P. H. & Smith, J. Jr.          (Nature)
 *     黄建, & 张三 / 黄建 and 张三 / World Health Organization
 *
 * `readInvertedNames` reads such a list from the start of a string and says
 * where it ends, so the caller can go on with the title.
 */
import type { CslName } from '../../model/csl.js';
import { parseChinesePerson, parseNamePiece, recaseFamily } from '../names.js';
import { stopsOutsideBrackets } from '../tokens.js';
import { isPinyinWord } from '../../text/names.js';

export interface InvertedNames {
  names: CslName[];
  etAl: boolean;
  /** Index in the input just after the list (and its closing period, if any). */
  end: number;
}

const PARTICLE = String.raw`(?:(?:van|von|der|den|de|del|della|di|da|dos|du|des|la|le|ter|ten|bin|al|el)\s+)*`;
const FAMILY = String.raw`${PARTICLE}\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,2}`;
/** `P. H.`, `P.H.`, `J.-R.`, `Th.`: initials with periods; or given names spelled out (`John`, `Mary Ann`). */
const INITIALS = String.raw`(?:\p{Lu}\p{Ll}?\.(?:\s?-?\s?\p{Lu}\p{Ll}?\.)*)`;
const GIVEN = String.raw`(?:${INITIALS}|\p{Lu}\p{Ll}+(?:\s+(?:\p{Lu}\p{Ll}+|\p{Lu}\.))*)`;
const SUFFIX = String.raw`(?:,?\s+(?:Jr|Sr)(?![\p{L}])\.?|,?\s+(?:II|III|IV)(?![\p{L}]))`;
const PERSON = new RegExp(String.raw`^(?<family>${FAMILY}),\s*(?<given>${GIVEN})(?<suffix>${SUFFIX})?`, 'u');
const HAN_PERSON = /^(?<han>\p{Script=Han}{2,4}(?:[·•・]\p{Script=Han}+)?)(?![\p{Script=Han}])/u;
const JOIN = /^(?:\s*,\s*(?:&|and)\s+|\s*,\s*|\s+(?:&|and)\s+|\s*&\s*)/u;
const ETAL = /^\s*,?\s*(?:et\s+al\.?|等)/u;
const ELLIPSIS = /^\s*,?\s*(?:\.\.\.|…)\s*/u;

/**
 * `Yuan Ganzhao, Zhang Zhenjie, & Winslet, M.`: a Chinese name written whole
 * in pinyin, family name first, standing as one item of the list (a comma,
 * `&`, `and` or the end follows). Both words must be pinyin, so that
 * `Van Dyke, M.` stays an inverted name.
 */
const WHOLE_PINYIN = /^(?<family>\p{Lu}\p{Ll}+)\s+(?<given>\p{Lu}\p{Ll}+(?:-\p{Ll}+)?)(?=\s*(?:,|&|and\s|\.?$))/u;

function wholePinyin(text: string): { name: CslName; length: number } | null {
  const m = WHOLE_PINYIN.exec(text);
  if (!m?.groups || !isPinyinWord(m.groups.family!) || !isPinyinWord(m.groups.given!.replace(/-/g, ''))) return null;
  return { name: { family: m.groups.family!, given: m.groups.given! }, length: m[0].length };
}

function person(text: string): { name: CslName; length: number } | null {
  const whole = wholePinyin(text);
  if (whole) return whole;
  const m = PERSON.exec(text);
  if (m?.groups) {
    const family = recaseFamily(m.groups.family!.trim());
    const given = m.groups.given!.trim();
    const name: CslName = { family, given };
    const suffix = m.groups.suffix?.replace(/^[,\s]+/, '').replace(/\.$/, '');
    if (suffix) name.suffix = suffix;
    return { name, length: m[0].length };
  }
  const han = HAN_PERSON.exec(text);
  if (han?.groups) {
    const name = parseChinesePerson(han.groups.han!) ?? { literal: han.groups.han! };
    return { name, length: han[0].length };
  }
  return null;
}

/**
 * Read the name list at the start of `text`; null when it does not start
 * with a name written family-first. `stopAt` (an index) bounds the list: an
 * author-date string's names end at its date.
 */
export function readInvertedNames(text: string, stopAt = text.length): InvertedNames | null {
  const names: CslName[] = [];
  let i = 0;
  let etAl = false;
  for (;;) {
    const rest = text.slice(i, stopAt);
    const one = person(rest);
    if (!one) break;
    names.push(one.name);
    i += one.length;
    const after = text.slice(i, stopAt);
    const more = ETAL.exec(after);
    if (more) {
      etAl = true;
      i += more[0].length;
      break;
    }
    const ellipsis = ELLIPSIS.exec(after);
    const join = ellipsis ?? JOIN.exec(after);
    if (!join || !person(after.slice(join[0].length))) break;
    i += join[0].length;
  }
  if (!names.length) return null;
  const close = /^\s*\.?/.exec(text.slice(i))!;
  return { names, etAl, end: i + close[0].length };
}

const INITIALS_PIECE = /^(?:\p{Lu}\p{Ll}?\.\s*-?\s*)+(?:,?\s*(?:Jr|Sr)\.?)?$/u;

/** `Jia, Z. F., CHEN ARGL & Bao, F. X.`: pieces that are each a name, inverted pairs (`Bao, F. X.`) or not; null when one is not a name. */
export function namesOfPieces(text: string, andJoins = true): { names: CslName[]; etAl: boolean } | null {
  let etAl = false;
  const body = text.replace(/\s*,?\s*(?:et\s+al\.?|等)\s*$/u, () => {
    etAl = true;
    return '';
  });
  const joins = andJoins ? /\s*,\s*(?:&|and)\s+|\s*,\s*|\s+(?:&|and)\s+/u : /\s*,\s*&\s*|\s*,\s*|\s*&\s*/u;
  const pieces = body.split(joins).map((p) => p.trim()).filter(Boolean);
  const names: CslName[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const next = pieces[i + 1];
    if (next && INITIALS_PIECE.test(next) && /^\p{Lu}/u.test(pieces[i]!) && !INITIALS_PIECE.test(pieces[i]!)) {
      names.push({ family: recaseFamily(pieces[i]!), given: next.replace(/,?\s*(?:Jr|Sr)\.?$/u, '').trim() });
      i++;
      continue;
    }
    const read = parseNamePiece(pieces[i]!.replace(/\.$/, ''));
    if (!read) return null;
    names.push(read.name);
  }
  return names.length ? { names, etAl } : null;
}

/**
 * The name list at the start of a Nature-style string, which ends at a stop:
 * read family-first when it can be, else the first stop whose prefix is a
 * list of names of any form (damaged initials, organisations).
 */
export function readNamesToStop(text: string, limit = text.length): InvertedNames | null {
  const inverted = readInvertedNames(text, limit);
  const whole = inverted && !/^\s*[,&]|^\s+and\s/u.test(text.slice(inverted.end)) && /[.]\s*$/.test(text.slice(0, inverted.end));
  // Nature gives initials: `Yuan Ganzhao, Zhang Zhenjie & Winslet, M.` is three names, not `Yuan Ganzhao, Zhang Zhenjie`
  if (whole && inverted.names.every((n) => !n.given || /^(?:\p{Lu}\p{Ll}?\.\s*-?\s*)+$/u.test(n.given))) return inverted;
  for (const stop of stopsOutsideBrackets(text.slice(0, limit))) {
    const head = text.slice(0, stop + 1);
    // `Jia, Z. F.`: a stop followed by another initial is inside a name; `U.S. Department of …`: initials alone are no name
    if (/^\s*(?:\p{Lu}\p{Ll}?\.|&|and\s)/u.test(text.slice(stop + 1)) || /^(?:\p{Lu}\.\s?)+$/u.test(head.trim())) continue;
    // Nature joins names with `&`: `International Federation of Library Association and Institutions` is one
    const list = namesOfPieces(head, false) ?? namesOfPieces(head);
    if (list) return { ...list, end: stop + 1 };
  }
  return whole ? inverted : null;
}
