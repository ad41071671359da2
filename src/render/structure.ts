/**
 * The tagged PDF's logical structure: the elements the layout gave its boxes
 * (`StructTag`: H1, P, Table > TR > TD, L > LI > Lbl/LBody, Figure, Note…)
 * become a structure tree in reading order under one Document element, each
 * element holding the marked-content sequences (page and MCID) drawn for it,
 * with a parent tree from each page's MCIDs back to their elements. An
 * element whose text has Latin letters and no Han character says
 * `/Lang (en)` (the document's language is Chinese); a figure carries its
 * text alternative. Inside a line's element stand Link elements (the text
 * of a link, then an object reference to its annotation) and Formula
 * elements (a formula's drawing, its TeX as alternative text), as PDF/UA-1
 * asks.
 */
import type { PDFDocument, PDFPage, PDFRef } from 'pdf-lib';
import type { StructTag } from '../layout/types.js';
import { HAN_RE } from '../text/chars.js';
import { pdfLib } from './pdflib.js';
import type { LinkAnnotation } from './links.js';

/** What one page's content stream marked: the element of each MCID, in order, and the text drawn for each element. */
export interface MarkedPage {
  mcids: StructTag[];
}

interface Element {
  tag: StructTag;
  ref: PDFRef;
  /** Child elements, marked content and annotations, in reading order. */
  kids: Array<Element | MarkedContent | AnnotationKid>;
  text: string;
}

interface MarkedContent {
  page: number;
  mcid: number;
}

interface AnnotationKid {
  page: number;
  annotation: PDFRef;
}

/** The elements met so far, each created (with its ancestors) when first met, in the order met. */
class ElementTree {
  readonly top: Element[] = [];
  readonly order: Element[] = [];
  private readonly byKey = new Map<number, Element>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly textOf: ReadonlyMap<number, string>,
  ) {}

  element(tag: StructTag): Element {
    let el = this.byKey.get(tag.key);
    if (el) return el;
    el = { tag, ref: this.doc.context.nextRef(), kids: [], text: this.textOf.get(tag.key) ?? '' };
    this.byKey.set(tag.key, el);
    this.order.push(el);
    (tag.parent ? this.element(tag.parent).kids : this.top).push(el);
    return el;
  }

  parentRef(el: Element, documentRef: PDFRef): PDFRef {
    return el.tag.parent ? this.byKey.get(el.tag.parent.key)!.ref : documentRef;
  }
}

/**
 * Build the structure tree and hang it on the catalog; the pages get their
 * `StructParents`, each annotation with an element its `StructParent` (the
 * parent tree's keys after the pages') and an object reference in it.
 */
export function writeStructure(
  doc: PDFDocument,
  pages: PDFPage[],
  marked: MarkedPage[],
  textOf: ReadonlyMap<number, string>,
  lang: string,
  annotations: readonly LinkAnnotation[] = [],
): void {
  const context = doc.context;
  const rootRef = context.nextRef();
  const documentRef = context.nextRef();
  const tree = new ElementTree(doc, textOf);
  const parentTree: unknown[] = [];
  marked.forEach((page, p) => {
    const refs = page.mcids.map((tag, mcid) => {
      const el = tree.element(tag);
      el.kids.push({ page: p, mcid });
      return el.ref;
    });
    pages[p]!.node.set(pdfLib.PDFName.of('StructParents'), pdfLib.PDFNumber.of(p));
    parentTree.push(p, refs);
  });
  let nextKey = marked.length;
  for (const a of annotations) {
    if (!a.struct) continue;
    const el = tree.element(a.struct);
    el.kids.push({ page: a.page, annotation: a.ref });
    a.dict.set(pdfLib.PDFName.of('StructParent'), pdfLib.PDFNumber.of(nextKey));
    parentTree.push(nextKey++, el.ref);
  }
  for (const el of tree.order) context.assign(el.ref, context.obj(elementDict(doc, el, tree.parentRef(el, documentRef), pages, lang) as never));
  context.assign(documentRef, context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: tree.top.map((el) => el.ref) } as never));
  const parentTreeRef = context.register(context.obj({ Nums: parentTree } as never));
  context.assign(rootRef, context.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: parentTreeRef, ParentTreeNextKey: nextKey } as never));
  doc.catalog.set(pdfLib.PDFName.of('StructTreeRoot'), rootRef);
  doc.catalog.set(pdfLib.PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  // PDF/UA: the viewer shows the document's title, not its file name.
  doc.catalog.set(pdfLib.PDFName.of('ViewerPreferences'), context.obj({ DisplayDocTitle: true }));
}

/** Text of an element and its descendants, for its language. */
function textUnder(el: Element): string {
  return el.text + el.kids.map((k) => ('tag' in k ? textUnder(k) : '')).join('');
}

/** The element's dictionary: its kids as element references, marked-content and object references. */
function elementDict(doc: PDFDocument, el: Element, parent: PDFRef, pages: PDFPage[], lang: string): Record<string, unknown> {
  const context = doc.context;
  const kid = (k: Element['kids'][number]) => {
    if ('tag' in k) return k.ref;
    if ('annotation' in k) return context.obj({ Type: 'OBJR', Pg: pages[k.page]!.ref, Obj: k.annotation });
    return context.obj({ Type: 'MCR', Pg: pages[k.page]!.ref, MCID: k.mcid });
  };
  const dict: Record<string, unknown> = { Type: 'StructElem', S: el.tag.role, P: parent, K: el.kids.map(kid) };
  const text = textUnder(el);
  if (lang.startsWith('zh') && el.tag.role !== 'Formula' && !HAN_RE.test(text) && /[A-Za-z]/.test(text)) dict.Lang = pdfLib.PDFString.of('en');
  if (el.tag.alt) dict.Alt = pdfLib.PDFHexString.fromText(el.tag.alt);
  return dict;
}
