/**
 * A budget on table cells: the stages after reading spend time on every cell
 * (rules, Markdown, JATS, layout), so a crafted input of a hundred thousand
 * cells would take minutes. Real articles stay far below the budget; past
 * it, the rows of the table that exceeds it are cut, with a warning saying
 * how many rows of which table.
 */
import type { VFile } from 'vfile';
import type { Table } from 'mdast';
import type { Node, Parent } from 'unist';
import { report } from '../findings/index.js';

export const MAX_TABLE_CELLS = 20_000;

export function limitTableCells(tree: Parent, file: VFile, budget = MAX_TABLE_CELLS): void {
  let left = budget;
  const stack: Node[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'table') {
      const table = node as Table;
      let keep = 0;
      for (const row of table.children) {
        if (left - row.children.length < 0) break;
        left -= row.children.length;
        keep++;
      }
      if (keep < table.children.length) {
        const cut = table.children.length - keep;
        report(file, `Table too large: ${cut} of its ${table.children.length} rows left out (at most ${budget} table cells in an article)`, {
          ruleId: 'table-too-large',
          severity: 'warning',
          place: table.children[keep]?.position ?? table.position ?? null,
          stage: 'normalize',
        });
        table.children = table.children.slice(0, Math.max(1, keep));
        left = 0;
      }
      continue;
    }
    const kids = (node as Parent).children;
    if (Array.isArray(kids)) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}
