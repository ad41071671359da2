/**
 * CSL-JSON, BibTeX and RIS export of CSL items. Apart from the formatting
 * in format.ts, so that exporting never starts the citation processor.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { cslItemSchema, type CslItem } from './csl.js';

function checkedItems(items: readonly CslItem[]): CslItem[] {
  return items.map((item) => cslItemSchema.parse(item));
}

function withoutCustom(item: CslItem): Record<string, unknown> {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(item));
  delete copy.custom;
  return copy;
}

/** BibTeX, keys from the item ids, Unicode kept (Chinese names and titles). */
export function toBibtex(items: readonly CslItem[]): string {
  if (!items.length) return '';
  const config = plugins.config.get('@bibtex');
  const saved = { ...config.format };
  config.format.asciiOnly = false;
  config.format.useIdAsLabel = true;
  try {
    const data = checkedItems(items).map((item) => {
      const copy = withoutCustom(item);
      // BibTeX writes a cut list as `and others`
      if (item.custom?.etAl && item.author?.length) copy.author = [...item.author, { literal: 'others' }];
      return copy;
    });
    const text = String(new Cite(data).format('bibtex', { format: 'text' }));
    return withItemKeys(text, data).replace(/ and \{others\}/g, ' and others').trim() + '\n';
  } finally {
    Object.assign(config.format, saved);
  }
}

/**
 * The entry keys are the items' ids (`ref-1`), the keys the Markdown cites
 * (`[@ref-1]`): the BibTeX writer drops the hyphen (`ref1`), so pandoc would
 * find none of them. Entries come out in item order.
 */
function withItemKeys(bibtex: string, items: ReadonlyArray<Record<string, unknown>>): string {
  let k = 0;
  return bibtex.replace(/^@([a-zA-Z]+)\{([^,\n]*),/gm, (whole, type: string) => {
    const id = items[k++]?.id;
    return typeof id === 'string' && /^[A-Za-z0-9_:.\-]+$/.test(id) ? `@${type}{${id},` : whole;
  });
}

/** RIS records. */
export function toRis(items: readonly CslItem[]): string {
  if (!items.length) return '';
  const data = checkedItems(items).map(withoutCustom);
  const ris = String(new Cite(data).format('ris', { format: 'text' })).replace(/^\n+|\s*$/g, '').replace(/^ER {2}-$/gm, 'ER  - ');
  return unwrapRis(ris) + '\n';
}

/** The RIS writer folds long values onto untagged lines; readers expect one line per tag. */
export function unwrapRis(ris: string): string {
  const out: string[] = [];
  for (const line of ris.split('\n')) {
    if (/^[A-Z][A-Z0-9] {2}-( |$)/.test(line) || line === '' || out.length === 0) out.push(line);
    else out[out.length - 1] += line;
  }
  return out.join('\n');
}

/** CSL-JSON (with the project's `custom` fields), pretty-printed. */
export function toCslJson(items: readonly CslItem[]): string {
  return JSON.stringify(checkedItems(items), null, 2) + '\n';
}

