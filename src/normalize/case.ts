/**
 * Case restoration for text that extraction upper-cased (a table set in
 * small caps): each token is looked up, whole or by its parts, in the
 * article's own vocabulary of mixed-case Latin tokens.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

export type Vocabulary = Map<string, string>;

const TOKEN = /[A-Za-z0-9α-ω][A-Za-z0-9α-ω+⁺\-/.]*[A-Za-z0-9α-ω+⁺]|[A-Za-z]{2,}/g;

export function buildVocabulary(tree: Root): Vocabulary {
  const counts = new Map<string, Map<string, number>>();
  const add = (form: string) => {
    if (!/[a-z]/.test(form) || !/[A-Za-z]/.test(form)) return;
    const key = form.toUpperCase();
    const m = counts.get(key) ?? new Map<string, number>();
    m.set(form, (m.get(form) ?? 0) + 1);
    counts.set(key, m);
  };
  visit(tree, (node, _i, parent) => {
    if (node.type !== 'text' || !parent || (parent.type !== 'paragraph' && parent.type !== 'heading')) return;
    for (const m of (node as { value: string }).value.matchAll(TOKEN)) {
      const token = m[0];
      add(token);
      for (const part of token.split(/[-/]/)) if (part.length >= 2) add(part);
    }
  });
  const vocab: Vocabulary = new Map();
  for (const [key, forms] of counts) {
    let best = '';
    let n = -1;
    for (const [form, c] of forms) if (c > n) [best, n] = [form, c];
    vocab.set(key, best);
  }
  return vocab;
}

/** The article's own spelling of an upper-cased token, or null to keep it. */
export function restoreCase(token: string, vocab: Vocabulary): string | null {
  if (/[a-z]/.test(token)) return null;
  const whole = vocab.get(token.toUpperCase());
  if (whole) return whole === token ? null : whole;
  const parts = token.split(/([-/])/);
  let changed = false;
  const out = parts.map((p) => {
    if (p === '-' || p === '/' || p.length < 2) return p;
    const v = vocab.get(p.toUpperCase());
    if (v && v !== p) {
      changed = true;
      return v;
    }
    return p;
  });
  return changed ? out.join('') : null;
}
