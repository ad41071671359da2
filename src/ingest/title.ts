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
  const candidates: Array<{ at: number; titleEnd: number; score: number }> = [];
  HAN_RUN.lastIndex = 0;
  const run = HAN_RUN.exec(text);
  if (!run) return [line, null];
  const runEnd = run.index + run[0].length;
  for (const len of [3, 2, 4]) {
    const at = runEnd - len;
    if (at - run.index < 5 || !surnameLength(text.slice(at, runEnd))) continue;
    const rest = text.slice(at);
    if (!looksLikeZhByline(rest)) continue;
    candidates.push({ at, titleEnd: at, score: score(rest, expectedAuthors) + (len === 3 ? 0.3 : len === 2 ? 0.2 : 0) });
  }
  const marks = /^[0-9¹²³*！!]+(?=[\u4e00-\u9fff])/.exec(text.slice(runEnd));
  if (marks && run[0].length >= 5 && looksLikeZhByline(text.slice(runEnd + marks[0].length))) {
    const rest = text.slice(runEnd + marks[0].length);
    candidates.push({ at: runEnd + marks[0].length, titleEnd: runEnd, score: score(rest, expectedAuthors) + 0.25 });
  }
  if (!candidates.length) return [stripTitleMarks(line), null];
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0]!;
  return [stripTitleMarks(trimLine(sliceLine(line, 0, best.titleEnd))), trimLine(sliceLine(line, best.at))];
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
  return trimLine(l);
}
