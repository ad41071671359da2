/**
 * Links and images with an unsafe address (see src/text/urls.ts) lose their
 * address: a link keeps its text, an image its description, a link
 * definition goes. Each is a `link-unsafe`
 * warning quoting the address.
 */
import type { VFile } from 'vfile';
import type { Node, Parent } from 'unist';
import { report } from '../findings/index.js';
import { unsafeUrlReason } from '../text/urls.js';

const STAGE = 'normalize';
const MAX_QUOTED = 80;

export function dropUnsafeLinks(tree: Parent, file: VFile): void {
  const stack: Parent[] = [tree];
  while (stack.length) {
    const parent = stack.pop()!;
    const kids = parent.children;
    for (let i = 0; i < kids.length; i++) {
      const node = kids[i] as Node & { url?: unknown; children?: Node[] };
      if ((node.type === 'link' || node.type === 'definition' || node.type === 'image') && typeof node.url === 'string') {
        const why = unsafeUrlReason(node.url);
        if (why) {
          const shown = node.url.length > MAX_QUOTED ? `${node.url.slice(0, MAX_QUOTED)}…` : node.url;
          report(file, `Link address dropped, ${why}: \`${shown}\``, { ruleId: 'link-unsafe', severity: 'warning', place: node.position ?? null, stage: STAGE });
          const alt = (node as { alt?: unknown }).alt;
          const replacement = node.type === 'link' ? (node.children ?? []) : node.type === 'image' && typeof alt === 'string' && alt ? [{ type: 'text', value: alt } as Node] : [];
          kids.splice(i, 1, ...(replacement as typeof kids));
          i += replacement.length - 1;
          continue;
        }
      }
      if (Array.isArray(node.children)) stack.push(node as Parent);
    }
  }
}
