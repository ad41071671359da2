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

const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯',
  '轩辕', '端木', '独孤', '南宫', '西门', '百里', '呼延', '澹台', '公冶', '太史', '申屠', '万俟', '闻人', '濮阳',
  '淳于', '单于', '赫连', '钟离', '宗政', '拓跋', '第五', '司空', '左丘', '东郭', '羊舌', '微生', '梁丘',
]);

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
