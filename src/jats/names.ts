/**
 * Personal names: split the model's display strings into surname and given
 * names, and join them back in the same form.
 *
 * - Chinese: `舒兆平` → 舒 + 兆平 (two-character surnames such as 欧阳 are
 *   known); joined without a space.
 * - Pinyin in the Chinese journal convention, surname first in capitals:
 *   `SHU Zhaoping` → SHU + Zhaoping; a capitalised surname is written first
 *   again when joined.
 * - Other Latin names, given names first: `Jane Q. Doe` → Doe + Jane Q.
 */

import { COMPOUND_SURNAMES } from '../text/names.js';

export interface NameParts {
  surname: string;
  given?: string;
}

export function splitChineseName(name: string): NameParts {
  const value = name.trim();
  // Names with a middle dot (transliterated names) stay whole.
  if (/[·・•\s]/.test(value) || [...value].length <= 1) return { surname: value };
  const chars = [...value];
  const two = chars.slice(0, 2).join('');
  const cut = COMPOUND_SURNAMES.has(two) && chars.length > 2 ? 2 : 1;
  return { surname: chars.slice(0, cut).join(''), given: chars.slice(cut).join('') };
}

export function joinChineseName(parts: NameParts): string {
  return `${parts.surname}${parts.given ?? ''}`;
}

const CAPITALISED = /^\p{Lu}[\p{Lu}'’-]+$/u;

export function splitLatinName(name: string): NameParts {
  const tokens = name.trim().split(/\s+/).filter(Boolean);
  if (tokens.length <= 1) return { surname: tokens[0] ?? '' };
  if (CAPITALISED.test(tokens[0]!) && !tokens.slice(1).every((t) => CAPITALISED.test(t))) {
    return { surname: tokens[0]!, given: tokens.slice(1).join(' ') };
  }
  return { surname: tokens[tokens.length - 1]!, given: tokens.slice(0, -1).join(' ') };
}

export function joinLatinName(parts: NameParts): string {
  if (!parts.given) return parts.surname;
  if (CAPITALISED.test(parts.surname)) return `${parts.surname} ${parts.given}`;
  return `${parts.given} ${parts.surname}`;
}
