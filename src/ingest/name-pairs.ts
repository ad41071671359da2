/**
 * Chinese names the extraction glued together (`邓波吴杰` for 邓波 and 吴杰),
 * told apart by the English byline: when it names more authors than the
 * Chinese one, a Chinese name that its English counterpart does not spell
 * but that splits into two names spelled by that English name and the next
 * is cut in two. Nothing is cut without the pinyin of both halves agreeing.
 */
import { matchPinyinName } from '../text/pinyin.js';
import { sliceLine, trimLine } from './source.js';
import type { ParsedName } from './authors.js';

/** The Chinese names, glued pairs cut in two where the English names show them. */
export function splitGluedChineseNames(zh: readonly ParsedName[], en: readonly ParsedName[]): ParsedName[] {
  if (en.length <= zh.length) return [...zh];
  const out: ParsedName[] = [];
  let spare = en.length - zh.length;
  for (const name of zh) {
    const k = out.length;
    const cut = spare > 0 ? gluedAt(name.name, en[k]?.name, en[k + 1]?.name) : 0;
    if (!cut) {
      out.push(name);
      continue;
    }
    const at = Math.max(0, name.line.text.indexOf(name.name));
    const first = trimLine(sliceLine(name.line, at, at + cut));
    const second = trimLine(sliceLine(name.line, at + cut));
    // the marks printed after the glued pair are the second name's
    out.push({ name: name.name.slice(0, cut), marks: [], corresponding: false, line: first });
    out.push({ ...name, name: name.name.slice(cut), line: second });
    spare--;
  }
  return out;
}

/** Where `zh` splits into two names that `a` and `b` spell (two or three characters each), or 0. */
function gluedAt(zh: string, a: string | undefined, b: string | undefined): number {
  if (!a || !b || zh.length < 4 || zh.length > 6 || matchPinyinName(zh, a).ok) return 0;
  for (const cut of [2, 3]) {
    const rest = zh.length - cut;
    if (rest < 2 || rest > 3) continue;
    if (matchPinyinName(zh.slice(0, cut), a).ok && matchPinyinName(zh.slice(cut), b).ok) return cut;
  }
  return 0;
}
