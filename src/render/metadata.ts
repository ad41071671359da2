/**
 * Document information dictionary and XMP metadata (Dublin Core, PDF, XMP
 * basic and PRISM properties), bilingual where the metadata is.
 */
import type { PDFDocument } from 'pdf-lib';
import type { ArticleMeta } from '../model/meta.js';

const PRODUCER = 'zhpub (pdf-lib)';

function authorNames(meta: ArticleMeta): string[] {
  return meta.authors.map((a) => {
    const { zh, en } = a.name;
    return zh && en ? `${zh} (${en})` : (zh ?? en ?? '');
  });
}

function keywordText(meta: ArticleMeta): string {
  return [meta.keywords.zh?.join('；'), meta.keywords.en?.join('; ')].filter(Boolean).join('; ');
}

export function documentInfo(doc: PDFDocument, meta: ArticleMeta, date: Date): void {
  const title = meta.title.zh ?? meta.title.en;
  if (title) doc.setTitle(title, { showInWindowTitleBar: true });
  if (meta.title.en && meta.title.zh) doc.setSubject(meta.title.en);
  const authors = authorNames(meta);
  if (authors.length) doc.setAuthor(authors.join('; '));
  const kw = keywordText(meta);
  if (kw) doc.setKeywords([kw]);
  doc.setCreator('zhpub');
  doc.setProducer(PRODUCER);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function alt(values: { lang: string; text: string | undefined }[]): string {
  const present = values.filter((v) => v.text);
  if (!present.length) return '';
  const items = [{ lang: 'x-default', text: present[0]!.text }, ...present]
    .map((v) => `<rdf:li xml:lang="${v.lang}">${esc(v.text!)}</rdf:li>`)
    .join('');
  return `<rdf:Alt>${items}</rdf:Alt>`;
}

function isoDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface XmpOptions {
  /** Language tag of the document and of its Chinese texts (default `zh-CN`). */
  lang?: string;
  /** Write the article's pages in the issue (`prism:startingPage`, `prism:endingPage`); default true. */
  pageRange?: boolean;
}

/** The XMP packet, as a string to be written UTF-8 encoded and uncompressed. */
export function xmpPacket(meta: ArticleMeta, date: Date, pageCount: number, options: XmpOptions = {}): string {
  const lang = options.lang ?? 'zh-CN';
  const props: string[] = ['<dc:format>application/pdf</dc:format>'];
  const title = alt([
    { lang, text: meta.title.zh },
    { lang: 'en', text: meta.title.en },
  ]);
  if (title) props.push(`<dc:title>${title}</dc:title>`);
  const authors = authorNames(meta);
  if (authors.length) props.push(`<dc:creator><rdf:Seq>${authors.map((a) => `<rdf:li>${esc(a)}</rdf:li>`).join('')}</rdf:Seq></dc:creator>`);
  const description = alt([
    { lang, text: meta.abstract?.zh },
    { lang: 'en', text: meta.abstract?.en },
  ]);
  if (description) props.push(`<dc:description>${description}</dc:description>`);
  const subjects = [...(meta.keywords.zh ?? []), ...(meta.keywords.en ?? [])];
  if (subjects.length) props.push(`<dc:subject><rdf:Bag>${subjects.map((k) => `<rdf:li>${esc(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`);
  props.push(`<dc:language><rdf:Bag><rdf:li>${esc(lang)}</rdf:li></rdf:Bag></dc:language>`);
  const kw = keywordText(meta);
  if (kw) props.push(`<pdf:Keywords>${esc(kw)}</pdf:Keywords>`);
  props.push(`<pdf:Producer>${PRODUCER}</pdf:Producer>`);
  props.push(`<xmp:CreatorTool>zhpub</xmp:CreatorTool>`);
  props.push(`<xmp:CreateDate>${isoDate(date)}</xmp:CreateDate>`);
  props.push(`<xmp:ModifyDate>${isoDate(date)}</xmp:ModifyDate>`);
  props.push(`<xmp:MetadataDate>${isoDate(date)}</xmp:MetadataDate>`);
  const an = meta.articleNumber;
  if (an) {
    props.push(`<prism:issn>${esc(an.issn)}</prism:issn>`);
    props.push(`<prism:number>${an.issue}</prism:number>`);
    if (options.pageRange !== false) {
      props.push(`<prism:startingPage>${an.firstPage}</prism:startingPage>`);
      props.push(`<prism:endingPage>${an.firstPage + pageCount - 1}</prism:endingPage>`);
    }
    props.push(`<prism:pageCount>${pageCount}</prism:pageCount>`);
    props.push(`<prism:coverDate>${an.year}</prism:coverDate>`);
  }
  if (meta.doi) props.push(`<prism:doi>${esc(meta.doi)}</prism:doi>`);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:prism="http://prismstandard.org/namespaces/basic/3.0/"',
    ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    ...props,
    // identifies the file as meant to be PDF/UA-1 (a tagged PDF with its structure in reading order)
    '<pdfuaid:part>1</pdfuaid:part>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}
