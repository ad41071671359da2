/**
 * Structured abstracts (目的/方法/结果/结论, Objective/Methods/…) in JATS:
 * one `sec` per part, its `title` the label and its `p` the text.
 *
 * The model also keeps the whole abstract as printed (`meta.abstract`). When
 * that text is the parts joined as most journals print them (`目的：…方法：…`,
 * `Objective: … Methods: …`, see `joinAbstractParts`), the `sec`s say it all;
 * otherwise the whole text is written too, in an `abstract` (`trans-abstract`)
 * marked `specific-use="as-printed"`, so that it reads back exactly. (Parts
 * without a whole text read back with the parts joined as the whole text.)
 */
import type { Element } from 'libxmljs2';
import type { AbstractPart } from '../model/meta.js';
import { descendants, kid, kids, textOf } from './dom.js';

/** `specific-use` of the abstract that holds the whole text as printed. */
export const AS_PRINTED = 'as-printed';

/** The parts as one text: `目的：…方法：…` (Chinese), `Objective: … Methods: …` (other languages). */
export function joinAbstractParts(parts: readonly AbstractPart[], lang: 'zh' | 'en'): string {
  return lang === 'zh'
    ? parts.map((p) => `${p.label}：${p.text}`).join('')
    : parts.map((p) => `${p.label}: ${p.text}`).join(' ');
}

/**
 * The parts of a structured abstract: after its own label and title, every
 * child is a `sec` with a title and text (a paragraph outside them makes it
 * unstructured).
 */
export function readAbstractParts(abstract: Element): AbstractPart[] | undefined {
  const children = kids(abstract).filter((k) => k.name() !== 'label' && k.name() !== 'title');
  if (!children.length || children.some((k) => k.name() !== 'sec')) return undefined;
  const parts: AbstractPart[] = [];
  for (const sec of children) {
    const label = textOf(kid(sec, 'title'));
    const text = descendants(sec, 'p').map(textOf).filter(Boolean).join('\n');
    if (!label || !text) return undefined;
    parts.push({ label, text });
  }
  return parts;
}

/** Whole text of an unstructured abstract: its paragraphs, one per line. */
export function abstractText(node: Element): string {
  const ps = descendants(node, 'p');
  if (!ps.length) return textOf(node);
  return ps.map(textOf).filter(Boolean).join('\n');
}
