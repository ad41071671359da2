/**
 * The Chinese title: the first title-like line of the front block, cut from
 * a byline the extraction glued to it (`…的影响李登赴² 万 津1*…`,
 * `氧化应激与自噬1吴艳萍 王阳…`), with a footnote mark at its end removed.
 */
import { surnameLength } from '../text/names.js';
import { looksLikeZhByline, parseZhAuthors } from './authors.js';
import { sliceLine, trimLine, type Line } from './source.js';

const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;

/** Could this line be (the start of) a Chinese title? */
export function isTitleLike(text: string): boolean {
  const t = text.replace(/^#+\s*/, '');
  const han = (t.match(/[\u4e00-\u9fff]/g) ?? []).length;
  return han >= 4 && t.length <= 160 && !/[。]/.test(t) && !/\[[A-Z]{1,2}\]/.test(t) && !/^[(（]/.test(t);
}

/** A title line split from the byline glued to its end: [title, byline] (byline null when none). */
export function splitTitleByline(line: Line, expectedAuthors = 0): [Line, Line | null] {
  const text = line.text;
  HAN_RUN.lastIndex = 0;
  let run: RegExpExecArray | null;
  while ((run = HAN_RUN.exec(text))) {
    const best = bestCut(text, run, expectedAuthors);
    if (best) return [stripTitleMarks(trimLine(sliceLine(line, 0, best.titleEnd))), trimLine(sliceLine(line, best.at))];
  }
  return [stripTitleMarks(line), null];
}

/** Where a byline starts inside or right after this run of Han characters, if it does. */
function bestCut(text: string, run: RegExpExecArray, expected: number): { at: number; titleEnd: number } | null {
  const runEnd = run.index + run[0].length;
  if (runEnd < 5) return null;
  const candidates: Array<{ at: number; titleEnd: number; score: number }> = [];
  for (const len of [3, 2, 4]) {
    const at = runEnd - len;
    if (at < 5 || at < run.index || !surnameLength(text.slice(at, runEnd))) continue;
    const rest = text.slice(at);
    if (looksLikeZhByline(rest) && enoughForByline(rest)) candidates.push({ at, titleEnd: at, score: score(rest, expected) + (len === 3 ? 0.3 : len === 2 ? 0.2 : 0) });
  }
  const marks = /^[0-9¹²³*！!]+(?=[\u4e00-\u9fff])/.exec(text.slice(runEnd));
  if (marks && looksLikeZhByline(text.slice(runEnd + marks[0].length)) && enoughForByline(text.slice(runEnd + marks[0].length))) {
    candidates.push({ at: runEnd + marks[0].length, titleEnd: runEnd, score: score(text.slice(runEnd + marks[0].length), expected) + 0.25 });
  }
  candidates.sort((a, b) => b.score - a.score);
  return candidates[0] ?? null;
}

/** A byline cut from a title names two people, or one followed by an affiliation: `…方案*` alone is a title's footnote mark. */
function enoughForByline(rest: string): boolean {
  const names = parseZhAuthors({ text: rest, start: 0, end: rest.length });
  return names.length >= 2 || /[(（]/.test(rest);
}

function score(byline: string, expected: number): number {
  const names = parseZhAuthors({ text: byline, start: 0, end: byline.length });
  const plausible = names.filter((n) => n.name.length <= 3 && surnameLength(n.name) > 0).length / Math.max(1, names.length);
  return plausible + (expected && names.length === expected ? 1 : 0);
}

/** `…的影响！`, `…自噬1`, `# …`: the title without heading marks and its footnote mark. */
export function stripTitleMarks(line: Line): Line {
  let l = trimLine(line);
  const hashes = /^#+\s*/.exec(l.text);
  if (hashes) l = sliceLine(l, hashes[0].length);
  const mark = /(?<=[\u4e00-\u9fff)）])\s*(?:[0-9¹²³*∗！!]|\$[^$]*\$)+$/.exec(l.text);
  if (mark) l = sliceLine(l, 0, mark.index);
  // A footnote mark or line number before the title (`1霉菌毒素…`), not a count (`3种…`).
  const lead = /^[0-9¹]\s*(?=[\u4e00-\u9fff])(?![\u4e00-\u9fff][种个类项株例篇次年月日])/.exec(l.text);
  if (lead) l = sliceLine(l, lead[0].length);
  return trimLine(l);
}
