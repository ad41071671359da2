/**
 * Link annotations for the layout's link areas (citations jumping to their
 * references, a reference's URL or DOI opening its address), as PDF/UA asks: each with a description (`/Contents`) and
 * the Link element of its text (see `writeStructure`, which gives it its
 * `/StructParent`); a page with annotations visits them in structure order
 * (`/Tabs /S`).
 */
import type { PDFDict, PDFDocument, PDFPage, PDFRef } from 'pdf-lib';
import type { LinkArea, Page, StructTag } from '../layout/types.js';
import { pdfLib } from './pdflib.js';

/** An annotation drawn on page `page` for the Link element `struct`. */
export interface LinkAnnotation {
  dict: PDFDict;
  ref: PDFRef;
  page: number;
  struct?: StructTag;
}

/** Add an annotation for every link area whose destination exists; returns them in page order. */
export function addLinkAnnotations(doc: PDFDocument, pdfPages: PDFPage[], pages: Page[], dests: ReadonlyMap<string, unknown>, lang: string): LinkAnnotation[] {
  const out: LinkAnnotation[] = [];
  pages.forEach((page, i) => {
    const pdfPage = pdfPages[i]!;
    for (const link of page.links) {
      if (!isAddress(link.target) && !dests.has(link.target)) continue;
      const dict = linkDict(doc, link, lang);
      const ref = doc.context.register(dict);
      pdfPage.node.addAnnot(ref);
      out.push({ dict, ref, page: i, ...(link.struct ? { struct: link.struct } : {}) });
    }
    if (out.length && out[out.length - 1]!.page === i) pdfPage.node.set(pdfLib.PDFName.of('Tabs'), pdfLib.PDFName.of('S'));
  });
  return out;
}

/** A URI action's address: 7-bit ASCII (non-ASCII percent-encoded), written in hex so that no character needs escaping. */
function uriString(address: string) {
  let href = address;
  try {
    href = new URL(address).href;
  } catch {
    href = encodeURI(address);
  }
  return pdfLib.PDFHexString.of(Buffer.from(href, 'latin1').toString('hex'));
}

/** An address outside the document (a reference's URL or DOI), not a destination's name. */
function isAddress(target: string): boolean {
  return /^(?:https?|ftp):\/\//i.test(target);
}

function linkDict(doc: PDFDocument, link: LinkArea, lang: string): PDFDict {
  const goTo = isAddress(link.target)
    ? { A: doc.context.obj({ Type: 'Action', S: 'URI', URI: uriString(link.target) }) }
    : { Dest: pdfLib.PDFString.of(link.target) };
  return doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [link.x, link.y, link.x + link.width, link.y + link.height],
    Border: [0, 0, 0],
    ...goTo,
    Contents: pdfLib.PDFHexString.fromText(linkDescription(link.target, lang)),
  });
}

/** What a link leads to, in the document's language: `参考文献 12` for `ref-12`, else the destination's name. */
export function linkDescription(target: string, lang: string): string {
  const n = /^ref-(\d+)$/.exec(target)?.[1];
  if (!n) return target;
  if (/^zh-(Hant|TW|HK|MO)/i.test(lang)) return `參考文獻 ${n}`;
  return lang.startsWith('zh') ? `参考文献 ${n}` : `Reference ${n}`;
}
