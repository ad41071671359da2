/**
 * SVG path data (as MathJax writes its glyph outlines) → absolute moves,
 * lines, cubic curves and closes: `ops` one letter each (`M`, `L`, `C`,
 * `Z`), `coords` their points in order. Quadratic curves become cubic,
 * `H`/`V` lines; relative commands are made absolute. Arcs are drawn as
 * straight lines to their end (MathJax's fonts have none).
 */
export interface PathData {
  ops: string;
  coords: number[];
}

const ARGS: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 };

export function parsePath(d: string): PathData {
  const tokens = d.match(/[MLHVCSQTAZmlhvcsqtaz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? [];
  const state = { ops: '', coords: [] as number[], x: 0, y: 0, sx: 0, sy: 0, cx: 0, cy: 0, last: '' };
  let i = 0;
  let command = '';
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (/[A-Za-z]/.test(t)) {
      command = t;
      i++;
      if (command === 'Z' || command === 'z') step(state, 'Z', []);
      continue;
    }
    const upper = command.toUpperCase();
    const n = ARGS[upper];
    if (!n) break;
    const args = tokens.slice(i, i + n).map(Number);
    if (args.length < n || args.some((a) => !Number.isFinite(a))) break;
    i += n;
    step(state, command, args);
    // Further pairs after a move are lines.
    if (upper === 'M') command = command === 'm' ? 'l' : 'L';
  }
  return { ops: state.ops, coords: state.coords };
}

type State = { ops: string; coords: number[]; x: number; y: number; sx: number; sy: number; cx: number; cy: number; last: string };

function step(s: State, command: string, a: number[]): void {
  const rel = command !== command.toUpperCase();
  const c = command.toUpperCase();
  const X = (v: number) => (rel ? s.x + v : v);
  const Y = (v: number) => (rel ? s.y + v : v);
  const emit = (op: string, ...pts: number[]) => {
    s.ops += op;
    s.coords.push(...pts);
  };
  switch (c) {
    case 'M':
      s.x = X(a[0]!);
      s.y = Y(a[1]!);
      s.sx = s.x;
      s.sy = s.y;
      emit('M', s.x, s.y);
      break;
    case 'L':
    case 'H':
    case 'V':
    case 'A': {
      const x = c === 'V' ? s.x : c === 'A' ? X(a[5]!) : X(a[0]!);
      const y = c === 'H' ? s.y : c === 'V' ? Y(a[0]!) : c === 'A' ? Y(a[6]!) : Y(a[1]!);
      s.x = x;
      s.y = y;
      emit('L', x, y);
      break;
    }
    case 'C':
    case 'S': {
      const reflect = 'CS'.includes(s.last);
      const [x1, y1] = c === 'C' ? [X(a[0]!), Y(a[1]!)] : reflect ? [2 * s.x - s.cx, 2 * s.y - s.cy] : [s.x, s.y];
      const k = c === 'C' ? 2 : 0;
      const x2 = X(a[k]!);
      const y2 = Y(a[k + 1]!);
      const x = X(a[k + 2]!);
      const y = Y(a[k + 3]!);
      emit('C', x1, y1, x2, y2, x, y);
      s.cx = x2;
      s.cy = y2;
      s.x = x;
      s.y = y;
      break;
    }
    case 'Q':
    case 'T': {
      const reflect = 'QT'.includes(s.last);
      const [qx, qy] = c === 'Q' ? [X(a[0]!), Y(a[1]!)] : reflect ? [2 * s.x - s.cx, 2 * s.y - s.cy] : [s.x, s.y];
      const k = c === 'Q' ? 2 : 0;
      const x = X(a[k]!);
      const y = Y(a[k + 1]!);
      emit('C', s.x + (2 / 3) * (qx - s.x), s.y + (2 / 3) * (qy - s.y), x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y), x, y);
      s.cx = qx;
      s.cy = qy;
      s.x = x;
      s.y = y;
      break;
    }
    case 'Z':
      emit('Z');
      s.x = s.sx;
      s.y = s.sy;
      break;
  }
  s.last = c;
}
