/**
 * Small helpers for building xast trees: every text and attribute value is
 * cleaned of characters XML 1.0 forbids before it enters the tree; escaping
 * is left to the serializer.
 */
import { x } from 'xastscript';
import type { Element, ElementContent, Text } from 'xast';
import { cleanXmlText } from './chars.js';
import { pushAll } from '../text/arrays.js';

export type Attrs = Record<string, string | number | undefined | null | false>;
export type Kid = ElementContent | string | null | undefined | false | readonly Kid[];
export type Kids = Kid[];

export function txt(value: string): Text {
  return { type: 'text', value: cleanXmlText(value) };
}

function isKidList(value: Kid): value is readonly Kid[] {
  return Array.isArray(value);
}

function flatten(children: readonly Kid[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (typeof child === 'string') {
      if (child !== '') out.push(txt(child));
    } else if (isKidList(child)) pushAll(out, flatten(child));
    else out.push(child);
  }
  return out;
}

/** An element; `undefined`, `null` and `false` attributes are left out. */
export function el(name: string, attrs: Attrs = {}, ...children: Kids): Element {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    clean[key] = cleanXmlText(String(value));
  }
  const node = x(name, clean);
  node.children = flatten(children);
  return node;
}

/** `el` only when there is something to put in it. */
export function elIf(name: string, value: string | number | undefined | null, attrs: Attrs = {}): Element | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return el(name, attrs, String(value));
}
