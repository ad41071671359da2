/**
 * Knuth–Plass total-fit line breaking over boxes, glue and penalties
 * (Knuth & Plass, "Breaking paragraphs into lines", 1981).
 *
 * A break may happen at a glue item that follows a box, or at a penalty
 * below +INFINITY. Glue at a break, and glue and penalties that follow it up
 * to the next box, are discarded.
 */

export const INFINITY = 10000;
/** Stretch at least this large is infinite (a paragraph's last line fills with it): such a line has one order. */
const FIL = 1e5;

export interface KPBox {
  type: 'box';
  width: number;
}
export interface KPGlue {
  type: 'glue';
  width: number;
  stretch: number;
  shrink: number;
  /** Of the stretch, what this glue takes before any other glue stretches (see `KPOptions.secondaryBadness`). */
  first?: number;
}
export interface KPPenalty {
  type: 'penalty';
  width: number;
  penalty: number;
  flagged: boolean;
}
export type KPItem = KPBox | KPGlue | KPPenalty;

export interface KPOptions {
  /** Largest adjustment ratio accepted on the first pass. */
  tolerance?: number;
  /** Added to every line's badness before squaring. */
  linePenalty?: number;
  /** Extra demerits for two consecutive flagged (hyphen) breaks. */
  flaggedDemerits?: number;
  /** Extra demerits when adjacent lines differ by more than one fitness class. */
  fitnessDemerits?: number;
  /** Extra demerits when two lines in a row are both very loose (ratio above 1: fitness class 3). */
  looseDemerits?: number;
  /**
   * Stretch in two orders: a line whose slack its glues' `first` stretch
   * covers (word spaces, Han–Latin glue) has the badness of that stretch
   * alone; a line that needs more (so the other glues stretch too: the
   * spaces between Han characters) has this badness added. Unset: one order,
   * as in TeX.
   */
  secondaryBadness?: number;
  /** Slack the other glues may take beyond the first stretch and still count as first order (too little to see). */
  secondaryFree?: number;
  /**
   * With `secondaryBadness`: badness added to a second-order line whose
   * other glues must stretch beyond their stretch (ratio above 1 once the
   * first stretch is spent: spaces between Han characters wider than their
   * stretch, the point where a line looks loose). A third step: the breaker
   * takes more lines that stretch a little to avoid one that stretches a lot.
   */
  wideBadness?: number;
}

export interface KPLine {
  /** Index of the first item of the line (after discarded items). */
  start: number;
  /** Index of the break item (exclusive end of the line's content). */
  end: number;
  /** Adjustment ratio: >0 stretches, <0 shrinks. */
  ratio: number;
  /** The line stretches beyond its glues' first stretch (only with `secondaryBadness`). */
  secondOrder?: boolean;
}

interface Node {
  position: number;
  line: number;
  fitness: number;
  width: number;
  stretch: number;
  shrink: number;
  first: number;
  demerits: number;
  ratio: number;
  secondOrder: boolean;
  prev: Node | null;
}

/**
 * Items in typed arrays, filled without an object per item: the passes run
 * over these.
 */
export class ItemBuffer {
  n = 0;
  kind = new Uint8Array(256); // 0 box, 1 glue, 2 penalty
  width = new Float64Array(256);
  stretch = new Float64Array(256);
  shrink = new Float64Array(256);
  penalty = new Float64Array(256);
  flagged = new Uint8Array(256);
  first = new Float64Array(256);

  /** Empty the buffer, keeping its storage. */
  reset(): this {
    this.n = 0;
    return this;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const copy = <T extends Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.kind = copy(this.kind, (k) => new Uint8Array(k));
    this.width = copy(this.width, (k) => new Float64Array(k));
    this.stretch = copy(this.stretch, (k) => new Float64Array(k));
    this.shrink = copy(this.shrink, (k) => new Float64Array(k));
    this.penalty = copy(this.penalty, (k) => new Float64Array(k));
    this.flagged = copy(this.flagged, (k) => new Uint8Array(k));
    this.first = copy(this.first, (k) => new Float64Array(k));
  }

  box(width: number): number {
    return this.push(0, width, 0, 0, 0, false);
  }
  glue(width: number, stretch: number, shrink: number, first = 0): number {
    const i = this.push(1, width, stretch, shrink, 0, false);
    this.first[i] = first;
    return i;
  }
  penaltyItem(width: number, penalty: number, flagged: boolean): number {
    return this.push(2, width, 0, 0, penalty, flagged);
  }

  private push(kind: number, width: number, stretch: number, shrink: number, penalty: number, flagged: boolean): number {
    if (this.n === this.kind.length) this.grow();
    const i = this.n++;
    this.kind[i] = kind;
    this.width[i] = width;
    this.stretch[i] = stretch;
    this.shrink[i] = shrink;
    this.penalty[i] = penalty;
    this.flagged[i] = flagged ? 1 : 0;
    this.first[i] = 0;
    return i;
  }

  static from(items: readonly KPItem[]): ItemBuffer {
    const f = new ItemBuffer();
    for (const it of items) {
      if (it.type === 'box') f.box(it.width);
      else if (it.type === 'glue') f.glue(it.width, it.stretch, it.shrink, it.first);
      else f.penaltyItem(it.width, it.penalty, it.flagged);
    }
    return f;
  }
}

/**
 * Choose breakpoints. The item list must end with a forced break (penalty of
 * -INFINITY). Tries the tolerance given, then a looser one, then a final pass
 * that accepts underfull and overfull lines so that a result always exists.
 */
export function breakLines(items: readonly KPItem[], lineWidth: number | ((line: number) => number), options: KPOptions = {}): KPLine[] {
  return breakItems(ItemBuffer.from(items), lineWidth, options);
}

/** `breakLines` over items already in an `ItemBuffer`. */
export function breakItems(flat: ItemBuffer, lineWidth: number | ((line: number) => number), options: KPOptions = {}): KPLine[] {
  const widthOf = typeof lineWidth === 'number' ? null : lineWidth;
  const fixed = typeof lineWidth === 'number' ? lineWidth : 0;
  const tolerance = options.tolerance ?? 2;
  const passes: [number, boolean][] = [
    [tolerance, false],
    [Math.max(tolerance, 10), false],
    [Infinity, true],
  ];
  for (const [t, final] of passes) {
    const result = pass(flat, widthOf, fixed, t, final, options);
    if (result) return result;
  }
  throw new Error('line breaking failed');
}

function pass(
  f: ItemBuffer,
  widthOf: ((line: number) => number) | null,
  fixedWidth: number,
  tolerance: number,
  final: boolean,
  options: KPOptions,
): KPLine[] | null {
  const linePenalty = options.linePenalty ?? 10;
  const flaggedDemerits = options.flaggedDemerits ?? 3000;
  const fitnessDemerits = options.fitnessDemerits ?? 100;
  const looseDemerits = options.looseDemerits ?? 0;
  // what the previous line's class can add to a line's demerits: a candidate worse than the best by more can never win
  const classDemerits = fitnessDemerits + looseDemerits;
  const secondary = options.secondaryBadness;
  const free = options.secondaryFree ?? 0;
  const wide = options.wideBadness ?? 0;
  const { n, kind, width, stretch, shrink, first, penalty: pen, flagged: flag } = f;

  // Active nodes live in the first `count` slots of `active`.
  const active: Node[] = [{ position: 0, line: 0, fitness: 1, width: 0, stretch: 0, shrink: 0, first: 0, demerits: 0, ratio: 0, secondOrder: false, prev: null }];
  let count = 1;
  let sumW = 0;
  let sumY = 0;
  let sumZ = 0;
  let sumF = 0;
  const bestNode: (Node | null)[] = [null, null, null, null];
  const bestD = new Float64Array(4);
  const bestR = new Float64Array(4);
  const bestS = [false, false, false, false];

  const tryBreak = (b: number) => {
    const isPenalty = kind[b] === 2;
    const penalty = isPenalty ? pen[b]! : 0;
    const penaltyWidth = isPenalty ? width[b]! : 0;
    const flagged = isPenalty && flag[b] === 1;
    const forced = penalty === -INFINITY;
    bestNode[0] = bestNode[1] = bestNode[2] = bestNode[3] = null;
    let found = false;
    let keep = 0;
    let lastRemoved: Node | null = null;
    let lastRemovedRatio = 0;
    for (let k = 0; k < count; k++) {
      const a = active[k]!;
      const lineW = sumW - a.width + penaltyWidth;
      const target = widthOf ? widthOf(a.line) : fixedWidth;
      let r: number;
      if (lineW < target) {
        const y = sumY - a.stretch;
        r = y > 0 ? (target - lineW) / y : INFINITY;
      } else if (lineW > target) {
        const z = sumZ - a.shrink;
        r = z > 0 ? (target - lineW) / z : -INFINITY;
      } else r = 0;

      if (r < -1) {
        lastRemoved = a;
        lastRemovedRatio = r;
      } else if (!forced) active[keep++] = a;

      // The final pass accepts underfull lines; badness is not capped, so
      // that a less underfull line always costs less.
      if (r >= -1 && (r <= tolerance || final)) {
        const ordered = secondary !== undefined && r > 0 && sumY - a.stretch < FIL;
        const second = ordered && target - lineW > sumF - a.first + free;
        const ar = r < 0 ? -r : r;
        let badness = 100 * ar * ar * ar;
        if (second) {
          badness += 100 + secondary!;
          // beyond their stretch: what is left after the first stretch exceeds the other glues' stretch
          if (wide && target - lineW - (sumF - a.first) > sumY - a.stretch) badness += wide;
        }
        else if (ordered) badness = firstOrder(target - lineW, sumF - a.first + free);
        let d = (linePenalty + badness) ** 2;
        if (penalty >= 0) d += penalty * penalty;
        else if (!forced) d -= penalty * penalty;
        if (flagged && kind[a.position] === 2 && flag[a.position] === 1) d += flaggedDemerits;
        const fc = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
        if (Math.abs(fc - a.fitness) > 1) d += fitnessDemerits;
        else if (fc === 3 && a.fitness === 3) d += looseDemerits;
        d += a.demerits;
        if (bestNode[fc] === null || d < bestD[fc]!) {
          bestNode[fc] = a;
          bestD[fc] = d;
          bestR[fc] = r;
          bestS[fc] = second;
          found = true;
        }
      }
    }
    count = keep;
    if (final && keep === 0 && !found && lastRemoved) {
      // Nothing fits: accept an overfull line rather than fail.
      bestNode[0] = lastRemoved;
      bestD[0] = lastRemoved.demerits + 1e9;
      bestR[0] = Math.max(lastRemovedRatio, -1);
      found = true;
    }
    if (!found) return;
    // Totals after the break: skip the glue and penalties discarded there.
    let w = sumW;
    let y = sumY;
    let z = sumZ;
    let fy = sumF;
    for (let i = b; i < n; i++) {
      const kd = kind[i];
      if (kd === 0) break;
      if (kd === 1) {
        w += width[i]!;
        y += stretch[i]!;
        z += shrink[i]!;
        fy += first[i]!;
      } else if (pen[i] === -INFINITY && i > b) break;
    }
    // A candidate worse than the best by more than what the previous line's
    // class can add (classDemerits) can never win: drop it (as TeX does).
    let minD = Infinity;
    for (let fc = 0; fc < 4; fc++) if (bestNode[fc] !== null && bestD[fc]! < minD) minD = bestD[fc]!;
    for (let fc = 0; fc < 4; fc++) {
      const node = bestNode[fc];
      if (node === null || bestD[fc]! > minD + classDemerits) continue;
      active[count++] = {
        position: b,
        line: node.line + 1,
        fitness: fc,
        width: w,
        stretch: y,
        shrink: z,
        first: fy,
        demerits: bestD[fc]!,
        ratio: bestR[fc]!,
        secondOrder: bestS[fc]!,
        prev: node,
      };
    }
  };

  for (let i = 0; i < n; i++) {
    const kd = kind[i];
    if (kd === 0) {
      sumW += width[i]!;
    } else if (kd === 1) {
      if (i > 0 && kind[i - 1] === 0) tryBreak(i);
      sumW += width[i]!;
      sumY += stretch[i]!;
      sumZ += shrink[i]!;
      sumF += first[i]!;
    } else if (pen[i]! < INFINITY) {
      tryBreak(i);
    }
    if (count === 0) return null;
  }

  let bestEnd: Node | null = null;
  for (let k = 0; k < count; k++) {
    const a = active[k]!;
    if (a.position === n - 1 && (!bestEnd || a.demerits < bestEnd.demerits)) bestEnd = a;
  }
  if (!bestEnd) return null;

  const breaks: Node[] = [];
  for (let node: Node | null = bestEnd; node && node.prev; node = node.prev) breaks.push(node);
  breaks.reverse();
  const lines: KPLine[] = [];
  let start = 0;
  for (const node of breaks) {
    const line: KPLine = { start: firstContent(kind, pen, n, start), end: node.position, ratio: node.ratio };
    if (node.secondOrder) line.secondOrder = true;
    lines.push(line);
    start = node.position;
  }
  return lines;
}

/**
 * The badness of a line whose `slack` its first stretch `firstRoom` covers:
 * as that stretch at ratio slack/firstRoom (up to 100). A line that needs
 * more stretches every glue and costs `secondaryBadness` more than a full
 * first stretch, plus the usual badness of its ratio.
 */
function firstOrder(slack: number, firstRoom: number): number {
  const q = slack / firstRoom;
  return 100 * q * q * q;
}

/** First item of a line that starts after a break at `b` (or at 0). */
function firstContent(kind: Uint8Array, pen: Float64Array, n: number, b: number): number {
  if (b === 0) return 0;
  for (let i = b + 1; i < n; i++) {
    if (kind[i] === 0) return i;
    if (kind[i] === 2 && pen[i] === -INFINITY) return i;
  }
  return n;
}
