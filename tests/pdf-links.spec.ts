/**
 * A reference's web address and DOI open from the PDF: link annotations with
 * a URI action, tagged as Link elements like the citation links.
 */
import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFRef } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { linkAddresses } from '../src/layout/inline.js';
import type { Inline } from '../src/layout/paragraph.js';
import { renderArticle } from '../src/render/index.js';
import { model } from './helpers/seed.js';

const style = { font: 'serif' as const, size: 9 };
const text = (s: string): Inline => ({ kind: 'text', text: s, style });

describe('addresses in a reference entry', () => {
  it('links web addresses and DOIs, without the stop after them', () => {
    const out = linkAddresses([text('萧钰. 出版业[EB/OL]. (2001-12-19)[2002-04-15]. http://www.creader.com/news/2001.html. DOI:10.1038/nature13308.')]);
    expect(out.map((i) => (i.kind === 'text' ? [i.text, i.link ?? null] : null))).toEqual([
      ['萧钰. 出版业[EB/OL]. (2001-12-19)[2002-04-15]. ', null],
      ['http://www.creader.com/news/2001.html', 'http://www.creader.com/news/2001.html'],
      ['. ', null],
      ['DOI:10.1038/nature13308', 'https://doi.org/10.1038/nature13308'],
      ['.', null],
    ]);
    const plain = [text('张三. 某书[M]. 北京: 科学出版社, 2000.')];
    expect(linkAddresses(plain)).toEqual(plain);
    expect(linkAddresses([text('javascript:alert(1) file:///etc/passwd')])).toHaveLength(1); // no other scheme is linked
  });

  it('opens them from the PDF: a URI action per address, its Link element holding the text and the annotation', async () => {
    const url = 'https://example.org/path/to/a-long-page-name.html?id=41707&lang=zh';
    const source = [
      '某研究的标题',
      '',
      '正文引用了一个网页[1]和一篇文章[2]。',
      '',
      '参考文献',
      `[1] 萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. ${url}.`,
      '[2] MYBURG A A, GRATTAPAGLIA D, TUSKAN G A, et al. The genome of eucalyptus grandis[J]. Nature, 2014, 510: 356-362. DOI:10.1038/nature13308.',
    ].join('\n');
    const { tree } = model(source, 'links.txt');
    const { pdf } = await renderArticle(tree, { date: new Date('2024-04-01T00:00:00Z') });
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const uris: string[] = [];
    for (const page of doc.getPages()) {
      const annots = page.node.Annots();
      for (let i = 0; i < (annots?.size() ?? 0); i++) {
        const annot = doc.context.lookup(annots!.get(i) as PDFRef, PDFDict);
        const action = annot.lookup(PDFName.of('A'));
        if (!(action instanceof PDFDict)) continue;
        expect(action.get(PDFName.of('S'))).toBe(PDFName.of('URI'));
        const uri = Buffer.from((action.get(PDFName.of('URI')) as PDFHexString).asBytes()).toString('latin1');
        uris.push(uri);
        expect((annot.lookup(PDFName.of('Contents')) as PDFHexString).decodeText()).toBe(uri);
        expect(annot.get(PDFName.of('StructParent'))).toBeInstanceOf(PDFNumber);
      }
    }
    expect([...new Set(uris)].sort()).toEqual(['https://doi.org/10.1038/nature13308', url].sort());
    // every link annotation (citations and addresses) has its Link element, inside the entry's LBody for an address
    const js = await pdfjs.getDocument({ data: pdf.slice(), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
    interface Node {
      role?: string;
      type?: string;
      children?: Node[];
    }
    let links = 0;
    let inEntries = 0;
    let annotations = 0;
    const walk = (n: Node) => {
      for (const c of n.children ?? []) {
        if (c.role === 'Link') {
          links++;
          if (n.role === 'LBody') inEntries++;
        }
        walk(c);
      }
    };
    for (let i = 1; i <= js.numPages; i++) {
      const page = await js.getPage(i);
      walk((await page.getStructTree()) as Node);
      annotations += (await page.getAnnotations()).filter((a: { subtype: string }) => a.subtype === 'Link').length;
    }
    await js.destroy();
    expect(links).toBe(annotations);
    expect(inEntries).toBeGreaterThanOrEqual(uris.length);
  });
});
