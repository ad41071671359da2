/**
 * Abstracts: the lines of a hard-wrapped abstract joined into one text, and
 * a structured abstract (目的…方法…结果…结论…, Objective: … Methods: …)
 * split into its labelled parts; it stays one abstract.
 */
import type { AbstractPart } from '../model/meta.js';

const ZH_PARTS = ['目的', '方法', '结果', '结论', '背景', '意义', '局限性', '目标'];
const EN_PARTS = ['Objectives?', 'Purpose', 'Aims?', 'Background', 'Methods?', 'Materials and methods', 'Results?', 'Conclusions?', 'Significance', 'Findings'];

const ZH_LABEL = new RegExp(`(?:^|(?<=[。；;]\\s*))[【[]?(${ZH_PARTS.join('|')})(?:[】\\]]\\s*[:：]?|\\s*[:：]|\\s+)`, 'g');
const EN_LABEL = new RegExp(`(?:^|(?<=[.;]\\s*))(${EN_PARTS.join('|')})\\s*[:：]`, 'g');

/** Join the lines of one paragraph: no space between Han, one space between Latin words. */
export function joinLines(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    const t = p.trim();
    if (!t) continue;
    if (out && /[A-Za-z0-9,.;:)]$/.test(out) && /^[A-Za-z0-9(]/.test(t)) out += out.endsWith('-') ? '' : ' ';
    out += t;
  }
  return out;
}

/** The labelled parts of a structured abstract, or undefined for a plain one (fewer than two labels). */
export function structuredParts(text: string, lang: 'zh' | 'en'): AbstractPart[] | undefined {
  const re = lang === 'zh' ? ZH_LABEL : EN_LABEL;
  re.lastIndex = 0;
  const hits = [...text.matchAll(re)];
  if (hits.length < 2 || hits[0]!.index! > 0) return undefined;
  const parts: AbstractPart[] = [];
  hits.forEach((h, i) => {
    const end = i + 1 < hits.length ? hits[i + 1]!.index! : text.length;
    const body = text.slice(h.index! + h[0].length, end).trim();
    if (body) parts.push({ label: h[1]!, text: body });
  });
  return parts.length >= 2 ? parts : undefined;
}
