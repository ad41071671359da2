/**
 * Tables the extraction merged: consecutive tables printed close together
 * come out as one HTML block, the captions of the later ones inside its
 * rows (`<td>表7</td><td>Trees 图像匹配率/%</td>`). A row whose cell holds
 * the next table number (`表7`, `Table 7`) at its start, or at its end after
 * the last row's text (`本文方法 表12`), starts a new table there, provided
 * no other table of the article carries that number. The caption is the
 * row's text in Han characters (or the next row's, when the marker row has
 * none); whatever else the row holds stays as a row.
 */
import { sliceLine, trimLine, type Line } from './source.js';

export interface TableItem {
  kind: 'table';
  number: number;
  caption: Line | null;
  captionEn?: Line;
  rows: Line[][];
  line: Line;
  after: number;
}

const AT_START = /^(?:续?表|Table\s*)\s*(\d{1,3})(?!\d)\s*/;
const AT_END = /\s+(?:表|Table\s*)\s*(\d{1,3})$/;
const HAN = /[\u4e00-\u9fff]/;

/** Split every merged table of `items` in place; returns the tables made, for findings. */
export function splitMergedTables<T extends { kind: string }>(items: T[]): TableItem[] {
  const numbers = new Set(items.flatMap((b) => (b.kind === 'table' ? [(b as unknown as TableItem).number] : [])));
  const made: TableItem[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as unknown as TableItem;
    if (item.kind !== 'table' || item.number <= 0) continue;
    const next = splitOnce(item, numbers);
    if (!next) continue;
    numbers.add(next.number);
    made.push(next);
    items.splice(i + 1, 0, next as unknown as T);
  }
  return made;
}

/** The first caption row of the next number inside `table`: the rows from there become a new table. */
function splitOnce(table: TableItem, numbers: Set<number>): TableItem | null {
  const want = table.number + 1;
  if (numbers.has(want)) return null;
  for (let r = 1; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c]!;
      const start = AT_START.exec(cell.text);
      const end = start ? null : AT_END.exec(cell.text);
      const m = start ?? end;
      if (!m || Number(m[1]) !== want) continue;
      return start ? splitAtStart(table, r, c, m[0].length, want) : splitAtEnd(table, r, c, m.index, want);
    }
  }
  return null;
}

/** `表7 Trees 图像…` (or `表7` with the caption in another cell): the row is the new table's caption. */
function splitAtStart(table: TableItem, r: number, c: number, labelEnd: number, number: number): TableItem {
  const marker = table.rows[r]![c]!;
  const rest = trimLine(sliceLine(marker, labelEnd));
  const row = table.rows[r]!.map((x, k) => (k === c ? rest : x));
  const rows = [row, ...table.rows.slice(r + 1)];
  table.rows = table.rows.slice(0, r);
  return { kind: 'table', number, ...takeCaption(rows, rest.text ? c : -1, marker), line: marker, after: table.after };
}

/** `本文方法 表12`: the row stays with the table before (without the marker); the caption is in the rows after. */
function splitAtEnd(table: TableItem, r: number, c: number, markerAt: number, number: number): TableItem {
  const row = table.rows[r]!;
  const marker = trimLine(sliceLine(row[c]!, markerAt));
  row[c] = trimLine(sliceLine(row[c]!, 0, markerAt));
  const rows = table.rows.slice(r + 1);
  table.rows = table.rows.slice(0, r + 1);
  return { kind: 'table', number, ...takeCaption(rows, -1, marker), line: marker, after: table.after };
}

/**
 * The caption out of the first rows: the cell `at` of the first row, or the
 * first cell with Han text in the first row, else in the second. The cell is
 * emptied; the first rows, when left empty, are dropped.
 */
function takeCaption(rows: Line[][], at: number, marker: Line): { caption: Line; rows: Line[][] } {
  let r = 0;
  let c = at;
  if (c < 0) c = rows[0]?.findIndex((x) => HAN.test(x.text)) ?? -1;
  if (c < 0 && rows[1]) {
    r = 1;
    c = rows[1].findIndex((x) => HAN.test(x.text));
  }
  const emptied = (row: Line[] | undefined, k: number) => !!row && k <= r && !row.some((x) => x.text);
  if (c < 0) return { caption: { ...marker, text: '', start: marker.end }, rows: rows.filter((row, k) => !emptied(row, k)) };
  const caption = rows[r]![c]!;
  const out = rows.map((row, k) => (k === r ? row.map((x, j) => (j === c ? { ...x, text: '', end: x.start } : x)) : row));
  return { caption, rows: out.filter((row, k) => !emptied(row, k)) };
}
