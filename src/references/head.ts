/**
 * The head of a reference: its list of names (persons or organisations) and
 * what follows them, split at the first separator whose prefix reads as
 * names. Shared by every style family that prints names first.
 */
import { HAN, HAN_ORG_END, ORG_WORDS, parseNameList, parseWesternOrg, type NameListResult } from './names.js';
import { separators, type Sep } from './tokens.js';

export interface HeadResult {
  names?: NameListResult;
  title: string;
}

export function isOrgPiece(piece: string): boolean {
  const p = piece.trim();
  if (!p) return false;
  if (HAN.test(p)) return HAN_ORG_END.test(p) && !/[:：]/.test(p) && p.length <= 40;
  return parseWesternOrg(p) !== null && ORG_WORDS.test(p);
}

/**
 * Split `Responsibility. Title` at the first separator whose prefix reads as
 * a list of names. Persons' initials written with periods (`Yufin S. A.`)
 * and organisation names of several parts (`Commonwealth Libraries Bureau of
 * Library Development. Pennsylvania Department of Education Office`) are
 * kept together.
 */
export function splitHead(head: string): HeadResult {
  const regular = separators(head);
  const seps: (Sep & { compact?: boolean })[] = [...regular];
  // compact English (`FUJIOKA M,UEHARA M,et al.Equol, a ...`): a period glued to the next word
  const COMPACT = /\.(?=[\p{L}\d])/gu;
  let m: RegExpExecArray | null;
  while ((m = COMPACT.exec(head))) {
    if (!regular.some((r) => r.index === m!.index)) seps.push({ index: m.index, next: m.index + 1, compact: true });
  }
  seps.sort((a, b) => a.index - b.index);
  const usable = seps.filter((s) => s.next < head.length);
  return splitHeadAt(head, usable);
}

function compactOk(head: string, sep: Sep & { compact?: boolean }, persons: boolean): boolean {
  if (!sep.compact) return true;
  if (persons) return true;
  // an organisation glued to the title: `ICRP.Recommendations`, but not `U.S`
  return /(?:\p{Ll}|\p{Lu}{2})$/u.test(head.slice(0, sep.index)) && /^\p{Lu}/u.test(head.slice(sep.next));
}

function splitHeadAt(head: string, seps: (Sep & { compact?: boolean })[]): HeadResult {
  for (let i = 0; i < seps.length; i++) {
    const prefix = head.slice(0, seps[i]!.index).trim();
    if (!prefix) continue;
    const names = parseNameList(prefix);
    if (!names.ok || !compactOk(head, seps[i]!, names.persons)) continue;
    let chosen = i;
    let chosenNames = names;
    if (names.persons) {
      // `Yufin S. A. Title`: a lone capital before the next separator is an initial
      while (chosen + 1 < seps.length) {
        const piece = head.slice(seps[chosen]!.next, seps[chosen + 1]!.index).trim();
        if (!/^\p{Lu}$/u.test(piece)) break;
        const longer = parseNameList(head.slice(0, seps[chosen + 1]!.index).trim());
        if (!longer.ok || !longer.persons) break;
        chosen++;
        chosenNames = longer;
      }
    } else {
      while (chosen + 1 < seps.length) {
        const piece = head.slice(seps[chosen]!.next, seps[chosen + 1]!.index).trim();
        if (!isOrgPiece(piece)) break;
        chosen++;
      }
      if (chosen !== i) {
        const joined = head.slice(0, seps[chosen]!.index).trim();
        chosenNames = { names: [{ literal: joined }], etAl: false, persons: false, ok: true };
      }
    }
    const title = head.slice(seps[chosen]!.next).trim();
    if (!title) continue;
    return { names: chosenNames, title };
  }
  return { title: head.trim() };
}
