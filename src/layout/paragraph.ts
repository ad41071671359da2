/**
 * Setting one paragraph: inline content → atoms (unbreakable units) →
 * boxes, glue and penalties → Knuth–Plass breaks → positioned lines.
 *
 * Chinese rules applied here (W3C clreq, GB/T 15834):
 * - break opportunities from UAX #14, overridden so that no line starts with
 *   a closing mark and none ends with an opening mark; quotes follow the
 *   opening/closing rule instead of UAX #14's "no break beside quotes";
 * - no break inside a Latin word, number or token such as `TNF-α`, `CD4⁺`,
 *   `2095-9664`, nor before or inside a citation; an English compound such
 *   as `cell-derived` may break after its hyphen;
 * - a quarter em of glue between Han and Latin letters or digits, shrinking
 *   to an eighth, dropped at line edges and beside full-width marks;
 * - adjacent full-width marks compressed (two marks take 1.5 em), a closing
 *   mark at the end of a line loses its blank half;
 * - justification stretches word spaces and the Han–Latin glue first (this
 *   glue up to half an em) and the spaces between Han characters only when
 *   they are not enough, never inside Latin words; the breaker prices such
 *   lines apart (stretch in two orders), a line whose Han spaces open
 *   beyond 0.15 em higher still, and two very loose lines in a row, or a
 *   loose line beside a tight one, higher again; the last line keeps its
 *   natural spacing;
 * - a Latin run that lost the spaces of its list (`CD8,CD9,CD44`) may break
 *   after a separator before a letter;
 * - the last line never holds a single character.
 */
import LineBreakModule from 'linebreak';
import { citationLabel } from '../model/util.js';
import { IGNORED, NO_LINE_START, SCRIPT_FORMS, classify, isAlnum, isLetter, isLower } from './chars.js';
import { INFINITY, ItemBuffer, breakItems } from './knuth-plass.js';
import type { FontId, FontMetrics, MathBox } from './types.js';
import { tokenHyphenation } from './hyphenate.js';
import { pushAll } from '../text/arrays.js';

interface LineBreakerInstance {
  nextBreak(): { position: number; required: boolean } | null;
}
const LineBreaker = LineBreakModule as unknown as new (text: string) => LineBreakerInstance;

export interface TextStyle {
  font: FontId;
  size: number;
  script?: 'sup' | 'sub';
  /** Emphasis: Latin letters and digits in the italic face. */
  oblique?: boolean;
  gray?: number;
}

export type Inline =
  /** `link`: an address (`https://…`) the text links to. */
  | { kind: 'text'; text: string; style: TextStyle; link?: string }
  | { kind: 'citation'; numbers: number[]; style: TextStyle }
  /** A typeset formula: one unbreakable box, sized in em of the style's size. */
  | { kind: 'math'; box: MathBox; style: TextStyle }
  /** Fixed space that never breaks (e.g. between a heading number and its text). */
  | { kind: 'space'; width: number };

export interface ParagraphOptions {
  /** Line width in points. */
  width: number;
  /** Size in points of an em for glue and indent (the body size). */
  em: number;
  /** First-line indent in points. */
  indent?: number;
  align?: 'justify' | 'left' | 'center' | 'right';
  /** Forbid a last line with a single character (default true). */
  noSingleCharLastLine?: boolean;
  /** Stretch between CJK characters, in em (default 0.25). */
  cjkStretch?: number;
  /**
   * Keep the text's spaces beside Chinese too (reference entries, where
   * `王颖翠. 人脐带…` is the style). Otherwise a space next to a Han character
   * or full-width mark is dropped, as clreq asks for running text.
   */
  keepSpaces?: boolean;
  /**
   * Break Chinese only between words (titles, headings): `系统性红|斑狼疮`
   * is never a break. Words are those of the ICU dictionary
   * (`Intl.Segmenter`, Chinese, word granularity).
   */
  words?: boolean;
  /**
   * Hyphenate English words where the lines need it (default true for
   * justified text with a Latin word of six letters or more): every
   * hyphenation point is a break the breaker may take at a price (a flagged
   * penalty), so a paragraph that sets well without keeps its words whole.
   */
  hyphenate?: boolean;
}

/**
 * What a line costs for stretching the spaces between Han characters (after
 * its word spaces and Han–Latin glue took what they take first): a break
 * that leaves Han spacing even wins over one that does not by this much.
 */
const SECONDARY_BADNESS = 200;
/** Han spacing too slight to see (in em, over a whole line): still first order. */
const SECONDARY_FREE = 0.25;
/**
 * What a line costs besides when its Han spaces open wider than their
 * stretch (`cjkStretch`, 0.15 em): a loose line. Several lines opened a
 * little beat one opened wide.
 */
const WIDE_BADNESS = 1000;
/** Demerits besides for two very loose lines in a row (ratio above 1): about what a loose line itself costs. */
const LOOSE_DEMERITS = 1e6;

/** One glyph or glyph string placed on a line. */
export interface Piece {
  x: number;
  text: string;
  font: FontId;
  size: number;
  /** Baseline shift (positive raises). */
  rise: number;
  /** Never set on a paragraph's pieces (emphasis has its italic face); kept for the pieces' readers. */
  skew?: number;
  gray?: number;
  /** Natural advance of `text`. */
  advance: number;
  /** A formula drawn here instead of text (`text` is empty), `size` points to its em. */
  math?: MathBox;
}

export interface LineLink {
  x: number;
  width: number;
  target: string;
}

export interface SetLine {
  pieces: Piece[];
  links: LineLink[];
  /** Right edge of the last box after justification. */
  width: number;
  /** Width the line was set to. */
  target: number;
  ratio: number;
  last: boolean;
  /** Source text of the line (citations as `[n]`, fallbacks as written). */
  text: string;
}

type AtomClass = 'han' | 'open' | 'close' | 'cjk' | 'latin' | 'cite' | 'indent' | 'space';

interface Atom {
  cls: AtomClass;
  pieces: Omit<Piece, 'x'>[];
  /** Offsets of pieces within the atom. */
  offsets: number[];
  width: number;
  em: number;
  first: string;
  last: string;
  /** Source text. */
  text: string;
  /** Offset in the proxy string handed to UAX #14. */
  start: number;
  /** Characters counted for the last-line rule. */
  chars: number;
  links?: LineLink[];
  /** The address the atom's text links to (a text inline's `link`). */
  uri?: string;
  /** Latin atoms cut from one token: allowed break before this atom, with penalty. */
  tokenBreak?: { allowed: boolean; penalty: number; flagged: boolean };
  /** A word hyphenated before this atom: the hyphen that ends the line when it breaks there. */
  hyphen?: Omit<Piece, 'x'>;
  spaceBefore: boolean;
  spaceWidth: number;
}

/** Noto Serif Italic's x-height (536/1000) brought to the Latin of Noto Serif SC (514/1000). */
export const ITALIC_SCALE = 0.96;
const SCRIPT_SCALE = 0.62;

export interface SetParagraphResult {
  lines: SetLine[];
  warnings: string[];
}

/** Resolve the drawn size and rise of a style. */
function drawStyle(style: TextStyle, script?: 'sup' | 'sub') {
  const s = script ?? style.script;
  const size = s ? style.size * SCRIPT_SCALE : style.size;
  const rise = s === 'sup' ? style.size * 0.36 : s === 'sub' ? -style.size * 0.12 : 0;
  return { size, rise };
}

interface CharPiece {
  ch: string;
  piece: Omit<Piece, 'x'>;
  /** The address the character links to (a text inline's `link`). */
  uri?: string;
}

type PieceSpec = Omit<Piece, 'x'>;

function makePiece(text: string, font: FontId, size: number, rise: number, advance: number, gray: number | undefined): PieceSpec {
  const p: PieceSpec = { text, font, size, rise, advance };
  if (gray !== undefined) p.gray = gray;
  return p;
}

const pieceCaches = new WeakMap<FontMetrics, Map<string, Map<string, PieceSpec>>>();

/** Per-style cache of resolved characters. */
function pieceCache(metrics: FontMetrics, style: TextStyle): Map<string, PieceSpec> {
  let byStyle = pieceCaches.get(metrics);
  if (!byStyle) pieceCaches.set(metrics, (byStyle = new Map()));
  const key = `${style.font}|${style.size}|${style.script ?? ''}|${style.oblique ? 1 : 0}|${style.gray ?? ''}`;
  let cache = byStyle.get(key);
  if (!cache) byStyle.set(key, (cache = new Map()));
  return cache;
}

/** Map a character to what is drawn for it (cached); never glyph 0. */
function resolveChar(ch: string, style: TextStyle, metrics: FontMetrics, warnings: string[], cache = pieceCache(metrics, style)): PieceSpec {
  let piece = cache.get(ch);
  if (!piece) {
    piece = resolveCharUncached(ch, style, metrics, warnings);
    cache.set(ch, piece);
  } else if (piece.text === '□' && ch !== '□') {
    warnings.push(missingGlyph(ch));
  }
  return piece;
}

function missingGlyph(ch: string): string {
  return `no glyph for U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} (${ch}); drawn as □`;
}

/**
 * An emphasised Latin letter or digit in the italic face, or null. Only letters
 * and digits: punctuation and brackets stay upright (`报(医学版)`, `(Baltimore)`),
 * as Han does, each in its own face.
 */
function italicPiece(ch: string, style: TextStyle, metrics: FontMetrics): PieceSpec | null {
  if (!style.oblique || classify(ch) !== 'latin' || !/[\p{L}\p{N}]/u.test(ch) || !metrics.has('italic', ch)) return null;
  const base = drawStyle(style);
  const size = base.size * ITALIC_SCALE;
  return makePiece(ch, 'italic', size, base.rise, metrics.advance('italic', ch, size), style.gray);
}

function resolveCharUncached(ch: string, style: TextStyle, metrics: FontMetrics, warnings: string[]): PieceSpec {
  const italic = italicPiece(ch, style, metrics);
  if (italic) return italic;
  const base = drawStyle(style);
  const gray = style.gray;
  if (metrics.has(style.font, ch)) {
    return makePiece(ch, style.font, base.size, base.rise, metrics.advance(style.font, ch, base.size), gray);
  }
  const form = SCRIPT_FORMS.get(ch);
  if (form && !style.script) {
    const d = drawStyle(style, form.script);
    const font = metrics.has(style.font, form.base) ? style.font : style.font === 'serif' ? 'sans' : 'serif';
    if (metrics.has(font, form.base)) {
      return makePiece(form.base, font, d.size, d.rise, metrics.advance(font, form.base, d.size), gray);
    }
  }
  const other: FontId = style.font === 'serif' ? 'sans' : 'serif';
  if (metrics.has(other, ch)) {
    return makePiece(ch, other, base.size, base.rise, metrics.advance(other, ch, base.size), gray);
  }
  const decomposed = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  if (decomposed && decomposed !== ch && [...decomposed].every((c) => metrics.has(style.font, c))) {
    return makePiece(decomposed, style.font, base.size, base.rise, metrics.advance(style.font, decomposed, base.size), gray);
  }
  warnings.push(missingGlyph(ch));
  const box = metrics.has(style.font, '□') ? '□' : '?';
  return makePiece(box, style.font, base.size, base.rise, metrics.advance(style.font, box, base.size), undefined);
}

function isCjkClass(c: AtomClass): boolean {
  return c === 'han' || c === 'open' || c === 'close' || c === 'cjk';
}

/** Build atoms and the proxy string for UAX #14. */
function buildAtoms(inlines: readonly Inline[], opts: ParagraphOptions, metrics: FontMetrics, warnings: string[]) {
  const atoms: Atom[] = [];
  let proxy = '';
  let token: { chars: CharPiece[]; start: number; spaceBefore: boolean; spaceWidth: number } | null = null;
  let pendingSpace = false;
  let pendingSpaceWidth = 0;

  const flushToken = () => {
    if (!token) return;
    splitToken(token, atoms, opts, (p) => makePiece('-', p.font, p.size, p.rise, metrics.advance(p.font, '-', p.size), p.gray));
    token = null;
  };

  const pushAtom = (a: Atom) => {
    flushToken();
    a.spaceBefore = pendingSpace;
    a.spaceWidth = pendingSpaceWidth;
    atoms.push(a);
    pendingSpace = false;
    pendingSpaceWidth = 0;
  };

  for (const inline of inlines) {
    if (inline.kind === 'space') {
      flushToken();
      atoms.push({
        cls: 'space',
        pieces: [],
        offsets: [],
        width: inline.width,
        em: opts.em,
        first: ' ',
        last: ' ',
        text: ' ',
        start: proxy.length,
        chars: 0,
        spaceBefore: false,
        spaceWidth: 0,
      });
      proxy += '\u00a0';
      continue;
    }
    if (inline.kind === 'citation') {
      const label = `[${citationLabel(inline.numbers)}]`;
      const style: TextStyle = { ...inline.style, script: 'sup' };
      const pieces: Omit<Piece, 'x'>[] = [];
      const offsets: number[] = [];
      let w = 0;
      const charX: number[] = [];
      for (const ch of label) {
        const p = resolveChar(ch, style, metrics, warnings);
        pieces.push(p);
        offsets.push(w);
        charX.push(w);
        w += p.advance;
      }
      charX.push(w);
      pushAtom({
        cls: 'cite',
        pieces,
        offsets,
        width: w,
        em: inline.style.size,
        first: '[',
        last: ']',
        text: label,
        start: proxy.length,
        chars: 0,
        links: citationLinks(label, inline.numbers, charX),
        spaceBefore: false,
        spaceWidth: 0,
      });
      proxy += '\ufffc';
      continue;
    }
    if (inline.kind === 'math') {
      pushAtom(mathAtom(inline.box, drawStyle(inline.style), proxy.length, inline.style.size));
      // An object, as UAX #14 sees it: breaks around it as around an ideograph.
      proxy += '\ufffc';
      continue;
    }
    const style = inline.style;
    const cache = pieceCache(metrics, style);
    const uri = inline.link;
    const drawSize = drawStyle(style).size;
    for (const raw of inline.text) {
      if (IGNORED.has(raw)) continue;
      const cls = classify(raw);
      if (cls === 'space') {
        flushToken();
        if (!pendingSpace) {
          pendingSpace = true;
          pendingSpaceWidth = metrics.advance(style.font, ' ', drawSize);
          proxy += ' ';
        }
        continue;
      }
      const piece = resolveChar(raw, style, metrics, warnings, cache);
      if (cls === 'latin') {
        if (!token) {
          token = { chars: [], start: proxy.length, spaceBefore: pendingSpace, spaceWidth: pendingSpaceWidth };
          pendingSpace = false;
          pendingSpaceWidth = 0;
        }
        token.chars.push(uri ? { ch: raw, piece, uri } : { ch: raw, piece });
        proxy += raw;
        continue;
      }
      const atom: Atom = {
        cls,
        pieces: [piece],
        offsets: [cls === 'open' ? -piece.advance / 2 : 0],
        width: cls === 'open' || cls === 'close' ? piece.advance / 2 : piece.advance,
        em: drawSize,
        first: raw,
        last: raw,
        text: raw,
        start: proxy.length,
        chars: cls === 'han' ? 1 : 0,
        spaceBefore: false,
        spaceWidth: 0,
      };
      if (uri) atom.uri = uri;
      pushAtom(atom);
      proxy += raw;
    }
  }
  flushToken();
  return { atoms, proxy };
}

/** A formula as an atom: one piece, spaced and broken like a Latin word (`x` at both ends). */
function mathAtom(box: MathBox, d: { size: number; rise: number }, start: number, em: number): Atom {
  const width = box.width * d.size;
  return {
    cls: 'latin',
    pieces: [{ text: '', font: 'serif', size: d.size, rise: d.rise, advance: width, math: box }],
    offsets: [0],
    width,
    em,
    first: 'x',
    last: 'x',
    text: '\ufffc',
    start,
    chars: 1,
    spaceBefore: false,
    spaceWidth: 0,
  };
}

/** Link areas over the numbers of a printed citation label such as `[21-23]`. */
function citationLinks(label: string, numbers: readonly number[], charX: number[]): LineLink[] {
  const chars = [...label];
  const links: LineLink[] = [];
  let i = 0;
  let lastNumber: number | null = null;
  while (i < chars.length) {
    if (/\d/.test(chars[i]!)) {
      let j = i;
      while (j < chars.length && /\d/.test(chars[j]!)) j++;
      const n = Number(chars.slice(i, j).join(''));
      // Brackets join the nearest number's area.
      const from = i > 0 && chars[i - 1] === '[' ? i - 1 : i;
      const to = j < chars.length && chars[j] === ']' ? j + 1 : j;
      links.push({ x: charX[from]!, width: charX[to]! - charX[from]!, target: `ref-${n}` });
      lastNumber = n;
      i = j;
    } else {
      if (chars[i] === '-' && lastNumber !== null) {
        const mid = lastNumber + 1;
        if (numbers.includes(mid) && chars[i + 1] && Number(/^\d+/.exec(chars.slice(i + 1).join(''))?.[0]) > mid) {
          links.push({ x: charX[i]!, width: charX[i + 1]! - charX[i]!, target: `ref-${mid}` });
        }
      }
      i++;
    }
  }
  return links;
}

/**
 * Cut a Latin token into atoms. Inside a token no break is allowed except
 * after the hyphen of an English compound (`cell-derived`), or anywhere when
 * the token alone is wider than the line.
 */
function splitToken(
  token: { chars: CharPiece[]; start: number; spaceBefore: boolean; spaceWidth: number },
  atoms: Atom[],
  opts: ParagraphOptions,
  hyphenAfter: (piece: Omit<Piece, 'x'>) => Omit<Piece, 'x'>,
) {
  const { chars } = token;
  let total = 0;
  let hyphen = false;
  for (const c of chars) {
    total += c.piece.advance;
    if (c.ch === '-' || c.ch === '\u2010') hyphen = true;
  }
  const emergency = total > opts.width * 0.98;
  const cuts = new Map<number, { penalty: number; flagged: boolean; hyphen?: true }>();
  // English words hyphenated by their patterns (hyphenate.ts): a break there adds a hyphen
  if (opts.hyphenate) for (const k of tokenHyphenation(chars.map((c) => c.ch))) cuts.set(k, { penalty: HYPHEN_PENALTY, flagged: true, hyphen: true });
  // a list that lost its spaces (`CD8,CD9,CD44`, `IL-6;TNF-α`) breaks after its separators, never in a number (`2,3`, `1,000`)
  for (let k = 2; k < chars.length; k++) {
    if (/[,;]/.test(chars[k - 1]!.ch) && isAlnum(chars[k - 2]!.ch) && isLetter(chars[k]!.ch)) cuts.set(k, { penalty: LIST_BREAK_PENALTY, flagged: false });
  }
  if (hyphen || emergency) {
    for (let k = 1; k < chars.length; k++) {
      const prev = chars[k - 1]!.ch;
      if (prev === '-' || prev === '\u2010') {
        let a = k - 2;
        let letters = 0;
        while (a >= 0 && isLetter(chars[a]!.ch)) {
          letters++;
          a--;
        }
        let b = k;
        let lower = 0;
        while (b < chars.length && isLower(chars[b]!.ch) && LATIN.test(chars[b]!.ch)) {
          lower++;
          b++;
        }
        const endsWord = b === chars.length || !isLetter(chars[b]!.ch);
        const beforeIsLatin = letters >= 2 && LATIN.test(chars[k - 2]!.ch);
        if (beforeIsLatin && lower >= 3 && endsWord) {
          cuts.set(k, { penalty: 50, flagged: true });
          continue;
        }
      }
      if (emergency) {
        const soft = /[/\-.,:;_]/.test(prev) || (isAlnum(prev) && !isAlnum(chars[k]!.ch));
        cuts.set(k, { penalty: soft ? 500 : 2000, flagged: false });
      }
    }
  }
  let begin = 0;
  let offset = token.start;
  const emit = (end: number) => {
    const pieces: Omit<Piece, 'x'>[] = [];
    const offsets: number[] = [];
    let w = 0;
    let em = opts.em * 0.5;
    let text = '';
    for (let i = begin; i < end; i++) {
      const c = chars[i]!;
      const p = c.piece;
      const prev = pieces[pieces.length - 1];
      if (prev && prev.font === p.font && prev.size === p.size && prev.rise === p.rise && prev.gray === p.gray) {
        prev.text += p.text;
        prev.advance += p.advance;
      } else {
        pieces.push(makePiece(p.text, p.font, p.size, p.rise, p.advance, p.gray));
        offsets.push(w);
      }
      w += p.advance;
      if (p.rise === 0 && p.size > em) em = p.size;
      text += c.ch;
    }
    const cut = begin === 0 ? undefined : cuts.get(begin);
    const atom: Atom = {
      cls: 'latin',
      pieces,
      offsets,
      width: w,
      em,
      first: chars[begin]!.ch,
      last: chars[end - 1]!.ch,
      text,
      start: offset,
      chars: end - begin,
      tokenBreak: cut ? { allowed: true, penalty: cut.penalty, flagged: cut.flagged } : undefined,
      spaceBefore: begin === 0 ? token.spaceBefore : false,
      spaceWidth: begin === 0 ? token.spaceWidth : 0,
    };
    const uri = linkOf(chars, begin, end);
    if (uri) atom.uri = uri;
    if (cut?.hyphen) atom.hyphen = hyphenAfter(chars[begin - 1]!.piece);
    atoms.push(atom);
    offset += text.length;
    begin = end;
  };
  if (cuts.size) for (let k = 1; k < chars.length; k++) if (cuts.has(k)) emit(k);
  emit(chars.length);
}

const LATIN = /\p{Script=Latin}/u;

/** The address a piece of a Latin token links to: that of its first linked character. */
function linkOf(chars: readonly CharPiece[], begin: number, end: number): string | undefined {
  for (let i = begin; i < end; i++) if (chars[i]!.uri) return chars[i]!.uri;
  return undefined;
}

/** A linked atom from `x0` to `x1` on a line: it extends the line's last link to the same address (no more than a space before it), or starts one. */
function extendLink(links: LineLink[], uri: string, x0: number, x1: number, em: number): void {
  const last = links[links.length - 1];
  if (last && last.target === uri && x0 - (last.x + last.width) <= em) last.width = x1 - last.x;
  else links.push({ x: x0, width: x1 - x0, target: uri });
}
/** What a break after a list separator inside a Latin run costs the breaker. */
const LIST_BREAK_PENALTY = 100;
/** What a hyphenated line costs the breaker (Knuth and Plass's 50; TeX's \hyphenpenalty). */
const HYPHEN_PENALTY = 50;

interface Junction {
  width: number;
  stretch: number;
  shrink: number;
  breakable: boolean;
  penalty: number;
  flagged: boolean;
  /** The hyphen a break here adds at the line's end. */
  hyphen?: Omit<Piece, 'x'>;
  /**
   * Stretch this glue takes before any space between Han characters does
   * (a word space, the Han–Latin glue), in points: a justified line puts
   * its slack there first, so that Han text stays solid where it can.
   */
  first?: number;
}

const OPEN_QUOTES = new Set(['“', '‘']);
const CLOSE_QUOTES = new Set(['”', '’']);

/** Does the atom start with a superscript or subscript? */
function raisedOrLowered(atom: Atom): boolean {
  return (atom.pieces[0]?.rise ?? 0) !== 0;
}

function junction(a: Atom, b: Atom, breaks: Set<number>, opts: ParagraphOptions): Junction {
  const em = opts.em;
  const cjkStretch = (opts.cjkStretch ?? 0.15) * em;
  let width = 0;
  let stretch = 0;
  let shrink = 0;
  let first = 0;

  const aPunct = a.cls === 'open' || a.cls === 'close';
  const bPunct = b.cls === 'open' || b.cls === 'close';
  if (aPunct && bPunct) {
    if (a.cls === 'close' && b.cls === 'open') width = a.em / 2;
  } else {
    if (a.cls === 'close') width += a.em / 2;
    if (b.cls === 'open') width += b.em / 2;
  }
  shrink += width / 2;

  const aCjk = isCjkClass(a.cls);
  const bCjk = isCjkClass(b.cls);
  if (a.cls === 'space' || b.cls === 'space') {
    // fixed space: no stretch, no break
  } else if ((a.cls === 'han' && b.cls === 'latin' && isAlnum(b.first) && !raisedOrLowered(b)) || (a.cls === 'latin' && isAlnum(a.last) && b.cls === 'han')) {
    // Han–Latin glue; a superscript or subscript stays tight to the Han character it marks (`舒兆平¹`)
    width += em / 4;
    // first up to half an em (JIS X 4051's order), then as the line needs
    stretch += 0.35 * em;
    shrink += em / 8;
    first = em / 4;
  } else if (b.spaceBefore && (opts.keepSpaces || (!aCjk && !bCjk)) && a.cls !== 'indent') {
    const sw = b.spaceWidth;
    width += sw;
    stretch += sw / 2;
    shrink += sw / 3;
    first = sw;
  }
  // Justification stretches between CJK characters (and at the Han–Latin
  // glue and word spaces above), not beside citations or Latin punctuation.
  if (aCjk && bCjk) stretch += cjkStretch;

  let breakable: boolean;
  let penalty = 0;
  let flagged = false;
  if (a.cls === 'indent' || a.cls === 'space' || b.cls === 'space') breakable = false;
  else if (b.cls === 'close' || NO_LINE_START.has(b.first)) breakable = false;
  else if (a.cls === 'open') breakable = false;
  else if (b.cls === 'cite') breakable = false;
  else if (b.tokenBreak) {
    breakable = b.tokenBreak.allowed;
    penalty = b.tokenBreak.penalty;
    flagged = b.tokenBreak.flagged;
  } else if (OPEN_QUOTES.has(b.first)) breakable = true;
  else if (CLOSE_QUOTES.has(a.last)) breakable = true;
  else if (b.spaceBefore) breakable = true;
  else breakable = breaks.has(b.start);
  const j: Junction = { width, stretch, shrink, breakable, penalty, flagged };
  if (b.hyphen) j.hyphen = b.hyphen;
  if (first) j.first = first;
  return j;
}

/** A Latin word long enough to hyphenate (hyphenate.ts: six letters or more): else hyphenation has nothing to offer. */
function hasLongWord(inlines: readonly Inline[]): boolean {
  return inlines.some((i) => i.kind === 'text' && /\p{Script=Latin}{6}/u.test(i.text));
}

let segmenter: Intl.Segmenter | undefined;

/** Offsets where a word of the text starts (ICU's Chinese dictionary for Han). */
function wordBounds(text: string): Set<number> {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out = new Set<number>();
  for (const s of segmenter.segment(text)) out.add(s.index);
  return out;
}

function uaxBreaks(proxy: string): Set<number> {
  const set = new Set<number>();
  const lb = new LineBreaker(proxy);
  for (let br = lb.nextBreak(); br; br = lb.nextBreak()) set.add(br.position);
  return set;
}

const FILL = 1e6;
const sharedItems = new ItemBuffer();

/**
 * Break and position one paragraph. Centred paragraphs of several lines are
 * balanced: set to the narrowest width that keeps their number of lines.
 */
export function setParagraph(inlines: readonly Inline[], opts: ParagraphOptions, metrics: FontMetrics): SetParagraphResult {
  const justified = (opts.align ?? 'justify') === 'justify';
  const hyphenate = justified && opts.hyphenate !== false && hasLongWord(inlines);
  const plain = { ...opts, hyphenate };
  const prepared = prepareParagraph(inlines, plain, metrics);
  if ('empty' in prepared) return { lines: [], warnings: prepared.warnings };
  const first = breakPrepared(prepared, plain);
  if (opts.align !== 'center' || first.lines.length < 2) return first;
  const n = first.lines.length;
  let lo = opts.width / n;
  let hi = opts.width;
  let found = false;
  // The trials only break the prepared items again at another width, placing nothing.
  for (let i = 0; i < 8 && hi - lo > 2; i++) {
    const mid = (lo + hi) / 2;
    if (balancedFits(prepared, mid, n, opts.em)) {
      found = true;
      hi = mid;
    } else lo = mid;
  }
  const best = found ? breakPrepared(prepared, { ...opts, width: hi }) : first;
  // Centre on the full width.
  const shift = (opts.width - hi) / 2;
  if (best !== first && shift > 0) {
    for (const line of best.lines) {
      for (const p of line.pieces) p.x += shift;
      for (const l of line.links) l.x += shift;
      line.width += shift;
      line.target = opts.width;
    }
  }
  return best;
}

const NO_BREAKS = new Set<number>();

/**
 * The width `inlines` take on one line at natural spacing: what
 * `setParagraph` gives a ragged line wide enough for all of it, without
 * breaking or placing anything (a table measures its cells so).
 */
export function naturalWidth(inlines: readonly Inline[], opts: Pick<ParagraphOptions, 'em' | 'keepSpaces'>, metrics: FontMetrics): number {
  const o: ParagraphOptions = { ...opts, width: Infinity, align: 'left', hyphenate: false };
  const { atoms } = buildAtoms(inlines, o, metrics, []);
  let width = 0;
  for (let i = 0; i < atoms.length; i++) {
    width += atoms[i]!.width;
    if (i + 1 < atoms.length) width += junction(atoms[i]!, atoms[i + 1]!, NO_BREAKS, o).width;
  }
  return width;
}

/** What setting a paragraph needs whatever the width: its atoms and the Knuth–Plass items. */
interface PreparedParagraph {
  warnings: string[];
  items: ItemBuffer;
  itemAtom: (Atom | null)[];
  /** The hyphen of each discretionary break, by its penalty item. */
  hyphens: Map<number, Omit<Piece, 'x'>>;
  /** The stretch each glue takes first (see `Junction.first`), by its glue item. */
  first: Map<number, number>;
  align: NonNullable<ParagraphOptions['align']>;
  ragged: number;
}

/**
 * Atoms, break opportunities and items of a paragraph. The items live in the
 * shared buffer: break them before preparing another paragraph.
 */
function prepareParagraph(inlines: readonly Inline[], opts: ParagraphOptions, metrics: FontMetrics): PreparedParagraph | { empty: true; warnings: string[] } {
  const warnings: string[] = [];
  const { atoms: raw, proxy } = buildAtoms(inlines, opts, metrics, warnings);
  if (raw.length === 0) return { empty: true, warnings };
  const breaks = uaxBreaks(proxy);
  const atoms: Atom[] = [];
  if (opts.indent && opts.indent > 0) {
    atoms.push({
      cls: 'indent',
      pieces: [],
      offsets: [],
      width: opts.indent,
      em: opts.em,
      first: '',
      last: '',
      text: '',
      start: -1,
      chars: 0,
      spaceBefore: false,
      spaceWidth: 0,
    });
  }
  pushAll(atoms, raw);

  const junctions: Junction[] = [];
  for (let i = 0; i + 1 < atoms.length; i++) junctions.push(junction(atoms[i]!, atoms[i + 1]!, breaks, opts));
  // (ICU's dictionary takes a while to load: only for text that will wrap)
  if (opts.words && atoms.reduce((w, a) => w + a.width, 0) > opts.width) {
    const bounds = wordBounds(proxy);
    junctions.forEach((j, i) => {
      const at = atoms[i + 1]!.start;
      if (at > 0 && !bounds.has(at)) j.breakable = false;
    });
  }

  // No last line of a single character: forbid breaks that leave fewer than
  // two counted characters after them.
  if (opts.noSingleCharLastLine !== false) {
    const total = atoms.reduce((s, a) => s + a.chars, 0);
    if (total >= 2) {
      let after = 0;
      for (let i = atoms.length - 1; i >= 1; i--) {
        after += atoms[i]!.chars;
        if (after >= 2) break;
        junctions[i - 1]!.breakable = false;
      }
    }
  }

  // One buffer serves every paragraph (setting is synchronous).
  const items = sharedItems.reset();
  const itemAtom: (Atom | null)[] = [];
  const align = opts.align ?? 'justify';
  // Ragged lines (left, centre, right): Knuth and Plass's construction, where
  // a break leaves `ragged` stretch at the line end and spaces keep their
  // natural width inside the line.
  const ragged = align !== 'justify' ? 3 * opts.em : 0;
  const hyphens = new Map<number, Omit<Piece, 'x'>>();
  const first = new Map<number, number>();
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i]!;
    itemAtom[items.box(atom.width)] = atom;
    const j = junctions[i];
    if (!j) continue;
    if (j.hyphen && j.breakable) {
      // a discretionary hyphen: its width counts only on the line it ends
      if (ragged) items.glue(0, ragged, 0);
      hyphens.set(items.penaltyItem(j.hyphen.advance, j.penalty, true), j.hyphen);
      if (ragged) items.glue(0, -ragged, 0);
      continue;
    }
    const hasGlue = j.width !== 0 || j.stretch !== 0 || j.shrink !== 0;
    if (ragged) {
      if (j.breakable) {
        items.glue(0, ragged, 0);
        items.penaltyItem(0, j.penalty, j.flagged);
        items.glue(j.width, -ragged, j.shrink);
      } else if (hasGlue) {
        items.penaltyItem(0, INFINITY, false);
        items.glue(j.width, 0, j.shrink);
      }
    } else if (hasGlue) {
      if (!j.breakable) items.penaltyItem(0, INFINITY, false);
      else if (j.penalty !== 0) items.penaltyItem(0, j.penalty, j.flagged);
      const g = items.glue(j.width, j.stretch, j.shrink, j.first ?? 0);
      if (j.first) first.set(g, j.first);
    } else if (j.breakable) {
      items.penaltyItem(0, j.penalty, j.flagged);
    }
  }
  items.penaltyItem(0, INFINITY, false);
  items.glue(0, FILL, 0);
  items.penaltyItem(0, -INFINITY, true);
  return { warnings, items, itemAtom, align, ragged, hyphens, first };
}

/** Break prepared items at `opts.width` and place the pieces of each line. */
/**
 * How a stretched line spends its slack (`r` times its stretch, as the
 * breaker chose it), by glue item: first the word spaces and the Han–Latin
 * glue, up to what each takes first; what is left by every glue in
 * proportion to its stretch, the spaces between Han characters included.
 */
function slack(items: ItemBuffer, first: ReadonlyMap<number, number>, start: number, end: number, r: number): Map<number, number> {
  const { kind, stretch } = items;
  let total = 0;
  let room = 0;
  for (let k = start; k < end; k++) {
    if (kind[k] !== 1 || stretch[k]! >= FILL) continue;
    total += Math.max(0, stretch[k]!);
    room += first.get(k) ?? 0;
  }
  const spend = r * total;
  const taken = Math.min(spend, room);
  const rest = total > 0 ? (spend - taken) / total : 0;
  const out = new Map<number, number>();
  for (let k = start; k < end; k++) {
    if (kind[k] !== 1 || stretch[k]! >= FILL) continue;
    const f = first.get(k) ?? 0;
    out.set(k, (room > 0 ? (taken * f) / room : 0) + rest * Math.max(0, stretch[k]!));
  }
  return out;
}

/** The breaker's settings for a paragraph whose em is `em` points. */
function kpOptions(em: number) {
  return { tolerance: 3, secondaryBadness: SECONDARY_BADNESS, secondaryFree: SECONDARY_FREE * em, wideBadness: WIDE_BADNESS, looseDemerits: LOOSE_DEMERITS };
}

/**
 * A balancing trial for a centred paragraph: broken at `width`, does it keep
 * to `n` lines, each at natural spacing (no shrinking) and none wider than
 * `width`? The same arithmetic as `breakPrepared`, without placing pieces.
 */
function balancedFits(prepared: PreparedParagraph, width: number, n: number, em: number): boolean {
  const { items, hyphens } = prepared;
  const kpLines = breakItems(items, width, kpOptions(em));
  if (kpLines.length > n) return false;
  const { kind, width: itemWidth, stretch: itemStretch, shrink: itemShrink } = items;
  return kpLines.every((kl, i) => {
    const last = i === kpLines.length - 1;
    const r = Math.max(Math.min(kl.ratio, 0), -1);
    if (r < -1e-9) return false;
    let x = 0;
    let right = 0;
    for (let k = kl.start; k < kl.end; k++) {
      if (kind[k] === 0) right = x += itemWidth[k]!;
      else if (kind[k] === 1 && itemStretch[k]! < FILL) x += itemWidth[k]! + (r < 0 ? r * itemShrink[k]! : 0);
    }
    const hyphen = last ? undefined : hyphens.get(kl.end);
    if (hyphen) right = x + hyphen.advance;
    return right + (width - right) / 2 <= width + 0.01;
  });
}

function breakPrepared(prepared: PreparedParagraph, opts: ParagraphOptions): SetParagraphResult {
  const { items, itemAtom, align, ragged, hyphens, first } = prepared;
  const warnings = [...prepared.warnings];
  const kpLines = breakItems(items, opts.width, kpOptions(opts.em));
  const { kind, width: itemWidth, stretch: itemStretch, shrink: itemShrink } = items;
  const lines: SetLine[] = [];
  kpLines.forEach((kl, n) => {
    const last = n === kpLines.length - 1;
    let r = kl.ratio;
    if (last || ragged) r = Math.min(r, 0);
    if (r < -1) r = -1;
    const pieces: Piece[] = [];
    const links: LineLink[] = [];
    const extra = r > 0 ? slack(items, first, kl.start, kl.end, r) : undefined;
    let x = 0;
    let right = 0;
    let text = '';
    for (let k = kl.start; k < kl.end; k++) {
      const kd = kind[k];
      if (kd === 0) {
        const atom = itemAtom[k]!;
        for (let idx = 0; idx < atom.pieces.length; idx++) {
          const p = atom.pieces[idx]!;
          // one shape for every piece (the optional fields present, perhaps undefined)
          pieces.push({ x: x + atom.offsets[idx]!, text: p.text, font: p.font, size: p.size, rise: p.rise, advance: p.advance, gray: p.gray, math: p.math });
        }
        if (atom.links) for (const l of atom.links) links.push({ x: x + l.x, width: l.width, target: l.target });
        if (atom.uri) extendLink(links, atom.uri, x, x + itemWidth[k]!, opts.em);
        if (atom.cls === 'latin' && atom.spaceBefore && text && !/\s/.test(text[text.length - 1]!)) text += ' ';
        text += atom.text;
        x += itemWidth[k]!;
        right = x;
      } else if (kd === 1) {
        const y = itemStretch[k]!;
        if (y >= FILL) continue;
        x += itemWidth[k]! + (extra ? (extra.get(k) ?? 0) : r < 0 ? r * itemShrink[k]! : 0);
      }
    }
    const hyphen = last ? undefined : hyphens.get(kl.end);
    if (hyphen) {
      pieces.push({ ...hyphen, x });
      x += hyphen.advance;
      right = x;
      text += '-';
    }
    if (right > opts.width + 0.01) warnings.push(`overfull line (${(right - opts.width).toFixed(1)} pt): ${text}`);
    let shift = 0;
    if (align === 'center') shift = (opts.width - right) / 2;
    else if (align === 'right') shift = opts.width - right;
    if (shift) {
      for (const p of pieces) p.x += shift;
      for (const l of links) l.x += shift;
    }
    lines.push({ pieces, links, width: right + shift, target: opts.width, ratio: r, last, text });
  });
  return { lines, warnings };
}
