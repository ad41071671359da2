/**
 * TeX of a formula as the model holds it: the number a display formula
 * carries (`\tag{1}`, or a printed `\quad (1)` at its end) taken out into a
 * label, the macros that extractions write but the converters lack, and the
 * check that the TeX can be read at all (temml's parser, loaded on first use).
 */
import { createRequire } from 'node:module';
import { bundledMath } from './libs.js';

/**
 * Text-mode and obsolete commands of PDF extractions, as math both
 * converters (temml for MathML, MathJax for the drawing) read.
 */
export const MACROS: Readonly<Record<string, string>> = {
  '\\textdegree': '{^\\circ}',
  '\\textmu': '\\mu',
  '\\em': '',
  '\\normalfont': '',
  '\\textsuperscript': '^{#1}',
  '\\textregistered': '®',
  '\\textleftarrow': '\\leftarrow',
  '\\sb': '_',
  '\\sp': '^',
  '\\hfill': '',
  '\\nonumber': '',
  '\\notag': '',
  '\\overbar': '\\overline',
  '\\Vec': '\\vec',
};

export interface Labelled {
  tex: string;
  label?: string;
}

const TAG = /\\tag(\*?)\s*\{([^{}]*)\}/;
/** A printed number at the end of a display, after spacing: `\quad ( 8 )`. */
const TRAILING_NUMBER = /(?:\\q?quad|\\[,;: ]|~)\s*[({]?\s*\(\s*(\d{1,3}(?:\s*[.\-–]\s*\d{1,3})?\s*[a-z]?)\s*\)\s*\}?\s*$/;

/** The formula's number out of a display formula's TeX. */
export function takeLabel(tex: string): Labelled {
  const tag = TAG.exec(tex);
  if (tag) {
    const rest = (tex.slice(0, tag.index) + tex.slice(tag.index + tag[0].length)).trim();
    const body = tag[2]!.trim();
    return { tex: rest, label: tag[1] ? body : `(${body})` };
  }
  const trailing = TRAILING_NUMBER.exec(tex);
  if (trailing && trailing.index > 0) {
    const rest = tex.slice(0, trailing.index).trim();
    if (rest && balanced(rest)) return { tex: rest, label: `(${trailing[1]!.replace(/\s+/g, '')})` };
  }
  return { tex };
}

/** The TeX written back with its label, as `\tag{…}` (what pandoc, MyST, MathJax and temml read). */
export function withLabel(tex: string, label: string | undefined): string {
  if (!label) return tex;
  const inner = /^\((.*)\)$/.exec(label);
  return inner ? `${tex} \\tag{${inner[1]}}` : `${tex} \\tag*{${label}}`;
}

function balanced(tex: string): boolean {
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * The TeX as the model keeps it: outer spaces trimmed, but a final control
 * space (`\ `) stays whole.
 */
export function trimTex(tex: string): string {
  const t = tex.trim();
  const slashes = /\\*$/.exec(t)![0].length;
  return slashes % 2 === 1 ? `${t} ` : t;
}

interface Temml {
  renderToString(tex: string, options: Record<string, unknown>): string;
}

let temml: Temml | undefined;

/** temml, loaded on first use (only articles with formulas need it). */
export function loadTemml(): Temml {
  temml ??= ((bundledMath('temml') as Temml | undefined) ?? createRequire(import.meta.url)('temml')) as Temml;
  return temml;
}

/** Commands whose argument is text: its spaces are words' spaces. */
const TEXT_COMMANDS = /^\\(?:text|mbox|hbox|textrm|textit|textbf|texttt|textsf|textnormal|textup|textmd|textsc|emph)$/;

/**
 * TeX with the spaces math mode ignores taken out: PDF extractions space
 * every token (`1 . 0 0 3 8`, `\mathrm { k J }`), and MathJax reads a
 * spaced number as digits and a point apart (set with a gap after the
 * point) where TeX and temml read one number. Kept: one space after a
 * control word before a letter (`\alpha b`) and between `\\` and `[`,
 * control spaces (`\ `), and the arguments of text commands as written. TeX with a comment (`%`) is
 * left as it is (its line ends matter).
 */
export function compactTex(tex: string): string {
  if (/(?:^|[^\\])(?:\\\\)*%/.test(tex)) return tex;
  const tokens = tex.match(/\\(?:[A-Za-z]+|[\s\S])|\s+|[^\\\s]/gu) ?? [];
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (TEXT_COMMANDS.test(tok)) {
      out += tok;
      let j = i + 1;
      while (j < tokens.length && /^\s/.test(tokens[j]!)) j++;
      if (tokens[j] !== '{') continue;
      // the braced argument, as written
      for (let depth = 0; j < tokens.length; j++) {
        out += tokens[j];
        if (tokens[j] === '{') depth++;
        else if (tokens[j] === '}' && --depth === 0) break;
      }
      i = j;
    } else if (/^\s/.test(tok)) {
      const before = tokens[i - 1] ?? '';
      const after = tokens[i + 1] ?? '';
      // `\\ [x]` is a row that starts with a bracket, not `\\[x]` (a row's added space)
      if ((/^\\[A-Za-z]+$/.test(before) && /^[A-Za-z]/.test(after)) || (before === '\\\\' && after === '[')) out += ' ';
    } else out += tok;
  }
  return out;
}

/** A formula's key in the caches of its conversions: `D` or `I` (display or inline) and its TeX. */
export function formulaKey(tex: string, display: boolean): string {
  return `${display ? 'D' : 'I'}${tex}`;
}

/** MathML (a `<math>` element as text) of a formula; throws on TeX that cannot be read. */
export function texToMathml(tex: string, display: boolean): string {
  // The check in normalize and the JATS convert the same formulas: once per process.
  const key = formulaKey(tex, display);
  let out = converted.get(key);
  if (out === undefined) {
    try {
      out = loadTemml().renderToString(tex, { displayMode: display, throwOnError: true, xml: true, annotate: false, macros: { ...MACROS } });
    } catch (error) {
      out = error instanceof Error ? error : new Error(String(error));
    }
    if (converted.size >= 20_000) converted.clear();
    converted.set(key, out);
  }
  if (out instanceof Error) throw out;
  return out;
}

const converted = new Map<string, string | Error>();

/** Why the TeX cannot be read, or null when it can. */
export function texProblem(tex: string, display: boolean): string | null {
  if (!tex.trim()) return 'empty formula';
  try {
    texToMathml(tex, display);
    return null;
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    return message.replace(/^(?:Temml )?ParseError:\s*/i, '').replace(/\s+at position[\s\S]*$/, '').trim() || 'cannot be read';
  }
}
