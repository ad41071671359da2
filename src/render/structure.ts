/**
 * The tagged PDF's logical structure: the elements the layout gave its boxes
 * (`StructTag`: H1, P, Table > TR > TD, L > LI > Lbl/LBody, Figure, Note…)
 * become a structure tree in reading order under one Document element, each
 * element holding the marked-content sequences (page and MCID) drawn for it,
 * with a parent tree from each page's MCIDs back to their elements. An
 * element whose text has Latin letters and no Han character says
 * `/Lang (en)` (the document's language is Chinese); a figure carries its
 * text alternative.
 */
import type { PDFDocument, PDFPage, PDFRef } from 'pdf-lib';
import type { StructTag } from '../layout/types.js';
import { HAN_RE } from '../text/chars.js';
import { pdfLib } from './pdflib.js';

/** What one page's content stream marked: the element of each MCID, in order, and the text drawn for each element. */
export interface MarkedPage {
  mcids: StructTag[];
}

interface Element {
  tag: StructTag;
  ref: PDFRef;
  /** Child elements and marked content, in reading order. */
  kids: Array<Element | { page: number; mcid: number }>;
  text: string;
}

/** Build the structure tree and hang it on the catalog; the pages get their `StructParents`. */
export function writeStructure(doc: PDFDocument, pages: PDFPage[], marked: MarkedPage[], textOf: ReadonlyMap<number, string>, lang: string): void {
  const context = doc.context;
  const rootRef = context.nextRef();
  const documentRef = context.nextRef();
  const top: Element['kids'] = [];
  const elements = new Map<number, Element>();
  const order: Element[] = [];
  const element = (tag: StructTag): Element => {
    let el = elements.get(tag.key);
    if (el) return el;
    el = { tag, ref: context.nextRef(), kids: [], text: textOf.get(tag.key) ?? '' };
    elements.set(tag.key, el);
    order.push(el);
    (tag.parent ? element(tag.parent).kids : top).push(el);
    return el;
  };
  const parentTree: unknown[] = [];
  marked.forEach((page, p) => {
    const refs = page.mcids.map((tag, mcid) => {
      const el = element(tag);
      el.kids.push({ page: p, mcid });
      return el.ref;
    });
    pages[p]!.node.set(pdfLib.PDFName.of('StructParents'), pdfLib.PDFNumber.of(p));
    parentTree.push(p, refs);
  });
  // Text of an element and its descendants, for its language.
  const textUnder = (el: Element): string => el.text + el.kids.map((k) => ('tag' in k ? textUnder(k) : '')).join('');
  for (const el of order) {
    const dict: Record<string, unknown> = {
      Type: 'StructElem',
      S: el.tag.role,
      P: el.tag.parent ? elements.get(el.tag.parent.key)!.ref : documentRef,
      K: el.kids.map((k) => ('tag' in k ? k.ref : context.obj({ Type: 'MCR', Pg: pages[k.page]!.ref, MCID: k.mcid }))),
    };
    const text = textUnder(el);
    if (!HAN_RE.test(text) && /[A-Za-z]/.test(text) && lang.startsWith('zh')) dict.Lang = pdfLib.PDFString.of('en');
    if (el.tag.alt) dict.Alt = pdfLib.PDFHexString.fromText(el.tag.alt);
    context.assign(el.ref, context.obj(dict as never));
  }
  context.assign(documentRef, context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: top.map((k) => ('tag' in k ? k.ref : null)).filter(Boolean) } as never));
  const parentTreeRef = context.register(context.obj({ Nums: parentTree } as never));
  context.assign(rootRef, context.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: parentTreeRef, ParentTreeNextKey: marked.length } as never));
  doc.catalog.set(pdfLib.PDFName.of('StructTreeRoot'), rootRef);
  doc.catalog.set(pdfLib.PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  // PDF/UA: the viewer shows the document's title, not its file name.
  doc.catalog.set(pdfLib.PDFName.of('ViewerPreferences'), context.obj({ DisplayDocTitle: true }));
}
