/**
 * A few helpers for walking a libxmljs2 DOM when reading JATS.
 */
import type { Element, Node } from 'libxmljs2';

export const XLINK_NS = 'http://www.w3.org/1999/xlink';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export function isElement(node: Node | null | undefined): node is Element {
  return !!node && node.type() === 'element';
}

/** Local name of an element (prefix stripped). */
export function nameOf(node: Element): string {
  return node.name();
}

export function kids(node: Element): Element[] {
  return node.childNodes().filter(isElement);
}

export function kid(node: Element | null | undefined, name: string): Element | undefined {
  if (!node) return undefined;
  return kids(node).find((k) => k.name() === name);
}

export function kidsNamed(node: Element | null | undefined, name: string): Element[] {
  if (!node) return [];
  return kids(node).filter((k) => k.name() === name);
}

/** All descendants with this name, document order. */
export function descendants(node: Element, name: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Element) => {
    for (const k of kids(n)) {
      if (k.name() === name) out.push(k);
      walk(k);
    }
  };
  walk(node);
  return out;
}

/**
 * Attribute value. `ns` picks a namespaced attribute: 'xlink' for
 * `xlink:href`, 'xml' for `xml:lang`; without it only attributes with no
 * namespace match.
 */
export function attr(node: Element, name: string, ns?: 'xlink' | 'xml'): string | undefined {
  const want = ns === 'xlink' ? XLINK_NS : ns === 'xml' ? XML_NS : undefined;
  for (const a of node.attrs()) {
    if (a.name() !== name) continue;
    const href = a.namespace()?.href();
    if (want ? href === want : !href) return a.value();
  }
  return undefined;
}

/** `xml:lang` of the element or its nearest ancestor that has one. */
export function langOf(node: Element): string | undefined {
  let cur: Element | null = node;
  while (cur && cur.type() === 'element') {
    const lang = attr(cur, 'lang', 'xml');
    if (lang) return lang;
    const parent = cur.parent();
    cur = parent && (parent as Node).type() === 'element' ? (parent as Element) : null;
  }
  return undefined;
}

/**
 * Line breaks with their indentation (pretty-printed XML) become one space;
 * outer ASCII whitespace is trimmed. Other spacing, such as double or
 * ideographic spaces inside the text, is kept.
 */
export function squash(value: string): string {
  return value.replace(/[ \t\r]*\n[ \t\r\n]*/g, ' ').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** Text content of an element, whitespace collapsed. */
export function textOf(node: Element | null | undefined): string {
  return node ? squash(node.text()) : '';
}
