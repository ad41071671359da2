/**
 * normalize: tree → tree. Citations become citation nodes; Chinese text gets
 * GB/T 15834 punctuation widths and loses literal Han–Latin spaces; split
 * Greek letters and spaced hyphens are re-joined; an uppercased table gets
 * its case back from the article's own vocabulary; Markdown emphasis and
 * `^{…}` in references become structure. Every change is a finding with
 * rule id, position, before and after.
 */
import type { VFile } from 'vfile';
import type { Emphasis, PhrasingContent, Text } from 'mdast';
import type { Position } from 'unist';
import { report } from '../findings/index.js';
import type { ArticleRoot, Citation, Subscript, Superscript, TableFloat } from '../model/types.js';
import { mergeAdjacentText, parseCitationLabel } from '../model/util.js';
import { SourceText } from '../ingest/source.js';
import { MappedString } from './mapped.js';
import { HAN_TEXT_RULES, REFERENCE_RULES, type Rule } from './rules.js';
import { restoreCase, buildVocabulary } from './case.js';
import { simpleMath, unicodeText } from './math.js';
import { isFormula, looksLikeMath, mathMatches, stringFormulas } from '../math/strings.js';
import { checkFormulas, checkMetaFormulas, checkTextFormulas } from './formulas.js';
import type { InlineMath } from 'mdast-util-math';

const SUB_OPEN = '\uE000';
const SUP_OPEN = '\uE001';
const SCRIPT_CLOSE = '\uE002';
const SENTINELS = /[\uE000-\uE002]/;
/** `$^{[1]}$` is a citation: left for the citation pass. */
import { findTraditionalInSimplified } from '../convert/stray.js';
import { pushAll } from '../text/arrays.js';
import { CJK_RE } from '../text/chars.js';
import { dropUnsafeLinks } from './links.js';
import { limitTableCells } from './limits.js';

const STAGE = 'normalize';
/** `$$` in running text, not part of `$$$` nor escaped, with the spaces around it. */
const LOST_SYMBOL = /(?<![$\\])[ \t]*\$\$(?!\$)[ \t]*/g;

export interface NormalizeOptions {
  /** Report each change as an info finding (default true). */
  recordChanges?: boolean;
}

export function normalize(tree: ArticleRoot, file: VFile, options: NormalizeOptions = {}): ArticleRoot {
  const record = options.recordChanges !== false;
  limitTableCells(tree, file);
  const src = file.value !== undefined ? new SourceText(String(file.value)) : null;
  const place = (start: number, end: number): Position | null =>
    src && start >= 0 && end >= start ? src.position(start, end) : null;

  // Rules see each other's results: repeat until nothing changes, so normalizing twice changes nothing.
  const applyRules = (ms: MappedString, rules: Rule[]) => {
    for (let round = 0; round < 4; round++) if (!applyOnce(ms, rules)) break;
  };
  const applyOnce = (ms: MappedString, rules: Rule[]): boolean => {
    let changed = false;
    for (const rule of rules) {
      rule.prepare?.(ms.value);
      const changes = ms.replace(rule.re, rule.replace);
      if (changes.length) changed = true;
      if (!record) continue;
      for (const c of changes) {
        report(file, rule.describe(c.before, c.after), {
          ruleId: rule.id,
          severity: 'info',
          place: place(c.start, c.end),
          before: c.before,
          after: c.after,
          stage: STAGE,
        });
      }
    }
    return changed;
  };

  const reportStray = (ms: MappedString, fallback: Position | null = null) => {
    for (const hit of findTraditionalInSimplified(ms.value)) {
      report(file, `Traditional character \`${hit.char}\` in Simplified text (Simplified: \`${hit.simplified}\`)`, {
        ruleId: 'trad-in-simp',
        place: place(ms.map[hit.index]!, ms.map[hit.index + hit.char.length]!) ?? fallback,
        before: hit.char,
        after: hit.simplified,
        stage: STAGE,
      });
    }
  };

  const toText = (ms: MappedString): Text => {
    const node: Text = { type: 'text', value: ms.value };
    const s = ms.map[0]!;
    const e = ms.map[ms.value.length]!;
    const p = place(s, e);
    if (p) node.position = p;
    return node;
  };

  /** Rewrite phrasing children: merge text runs, lift citations, apply rules. */
  /** `plain`: the text cannot hold subscripts or superscripts (a figure caption is an image's alt text). */
  const rewrite = (children: PhrasingContent[], rules: Rule[], citations: boolean, plain = false): PhrasingContent[] => {
    const out: PhrasingContent[] = [];
    let run: MappedString[] = [];
    const flush = () => {
      if (!run.length) return;
      const ms = MappedString.concat(run);
      run = [];
      if (citations) convertMath(ms);
      const pieces: Array<MappedString | Citation | InlineMath> = [];
      if (!citations) pieces.push(ms);
      else for (const p of plain ? [ms] : splitMath(ms)) pushAll(pieces, p instanceof MappedString ? splitCitations(p) : [p]);
      for (const piece of pieces) {
        if (piece instanceof MappedString) {
          if (plain) piece.replace(/[\uE000-\uE002]/g, () => '');
          applyRules(piece, rules);
          if (rules === HAN_TEXT_RULES) reportStray(piece);
          pushAll(out, splitScripts(piece));
        } else out.push(piece);
      }
    };
    for (const child of children) {
      if (child.type === 'text') run.push(new MappedString(child.value, child.position?.start.offset ?? null));
      else {
        flush();
        if ('children' in child && Array.isArray(child.children) && child.type !== 'citation') {
          (child as { children: PhrasingContent[] }).children = rewrite(child.children as PhrasingContent[], rules, false);
        }
        out.push(child);
      }
    }
    flush();
    return out;
  };

  /**
   * `$…$` TeX remnants: simple ones become text in place, with subscripts and
   * superscripts marked by private-use sentinels so that the text rules see
   * the whole run; `splitScripts` turns the marks into nodes afterwards.
   */
  const convertMath = (ms: MappedString): void => {
    if (!ms.value.includes('$') || SENTINELS.test(ms.value)) return;
    // `$^{[1]}$` is a citation (not a formula): left for the citation pass.
    const changes = ms.replaceMatches(mathMatches(ms.value, isFormula), (m) => {
      if (m[1] === undefined) return null;
      const runs = simpleMath(m[1]);
      if (!runs) return null;
      return runs.map((r) => (r.kind === 'text' ? r.value : `${r.kind === 'sup' ? SUP_OPEN : SUB_OPEN}${r.value}${SCRIPT_CLOSE}`)).join('');
    });
    if (!record) return;
    for (const c of changes) {
      const after = c.after.replace(/\uE000/g, '_').replace(/\uE001/g, '^').replace(/\uE002/g, '');
      report(file, `TeX \`${c.before}\` → \`${after}\``, { ruleId: 'math-converted', severity: 'info', place: place(c.start, c.end), before: c.before, after, stage: STAGE });
    }
  };

  /**
   * `$$` that pairs with nothing, in running text: an empty formula where the
   * extraction lost a symbol (`脱水 $$ 透明`: an arrow). Dropped, reported.
   */
  const dropLostSymbols = (ms: MappedString): MappedString => {
    if (!ms.value.includes('$$')) return ms;
    const changes = ms.replace(LOST_SYMBOL, (m, value) => {
      const before = value[m.index - 1] ?? '';
      const after = value[m.index + m[0].length] ?? '';
      // between two Latin words a space stays
      return before && after && !CJK_RE.test(before + after) ? ' ' : '';
    });
    for (const c of changes) {
      report(file, `\`$$\` that pairs with nothing (a symbol the extraction lost) dropped`, { ruleId: 'math-lost', severity: 'warning', place: place(c.start, c.end), stage: STAGE });
    }
    return ms;
  };

  /** The `$…$` (and inline `$$…$$`) formulas left after `convertMath`, as inline math nodes. */
  const splitMath = (ms: MappedString): Array<MappedString | InlineMath> => {
    if (!ms.value.includes('$')) return [ms];
    const out: Array<MappedString | InlineMath> = [];
    let last = 0;
    for (const [start, end, tex] of stringFormulas(ms.value)) {
      if (start > last) out.push(ms.slice(last, start));
      const node: InlineMath = { type: 'inlineMath', value: tex };
      const p = place(ms.map[start]!, ms.map[end]!);
      if (p) node.position = p;
      if (record) report(file, `TeX \`${ms.value.slice(start, end)}\` read as a formula`, { ruleId: 'math-formula', severity: 'info', place: p, stage: STAGE });
      out.push(node);
      last = end;
    }
    if (last === 0) return [dropLostSymbols(ms)];
    if (last < ms.value.length) out.push(ms.slice(last));
    return out.map((piece) => (piece instanceof MappedString ? dropLostSymbols(piece) : piece));
  };

  /** In a reference, `$\&$` and the like: TeX remnants that are plain text. */
  const plainMath = (ms: MappedString): void => {
    if (!ms.value.includes('$')) return;
    const changes = ms.replaceMatches(mathMatches(ms.value, looksLikeMath), (m) => {
      const runs = m[1] !== undefined ? simpleMath(m[1]) : null;
      return runs && runs.every((r) => r.kind === 'text') ? runs.map((r) => r.value).join('') : null;
    });
    if (!record) return;
    for (const c of changes) report(file, `TeX \`${c.before}\` → \`${c.after}\``, { ruleId: 'math-converted', severity: 'info', place: place(c.start, c.end), before: c.before, after: c.after, stage: STAGE });
  };

  /** Simple TeX remnants in a string that holds no structure: Unicode text (`$\mathrm{H}_{2}$` → `H₂`). */
  const textMath = (ms: MappedString): void => {
    if (!ms.value.includes('$')) return;
    const changes = ms.replaceMatches(mathMatches(ms.value, looksLikeMath), (m) => {
      const runs = m[1] !== undefined ? simpleMath(m[1]) : null;
      // a script Unicode has no form for (`F_{10.7}`): its characters on the line
      return runs ? (unicodeText(runs) ?? runs.map((r) => r.value).join('')) : null;
    });
    if (!record) return;
    for (const c of changes) report(file, `TeX \`${c.before}\` → \`${c.after}\``, { ruleId: 'math-converted', severity: 'info', place: place(c.start, c.end), before: c.before, after: c.after, stage: STAGE });
  };

  const splitScripts = (ms: MappedString): PhrasingContent[] => {
    if (!SENTINELS.test(ms.value)) return ms.value ? [toText(ms)] : [];
    const out: PhrasingContent[] = [];
    const re = /([\uE000\uE001])([^\uE000-\uE002]*)\uE002/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(ms.value))) {
      if (m.index > last) out.push(toText(ms.slice(last, m.index)));
      const inner = toText(ms.slice(m.index + 1, m.index + 1 + m[2]!.length));
      out.push(m[1] === SUP_OPEN ? ({ type: 'superscript', children: [inner] } as Superscript) : ({ type: 'subscript', children: [inner] } as Subscript));
      last = m.index + m[0].length;
    }
    if (last < ms.value.length) out.push(toText(ms.slice(last)));
    return out.filter((n) => n.type !== 'text' || n.value !== '');
  };

  const splitCitations = (ms: MappedString): Array<MappedString | Citation> => {
    const out: Array<MappedString | Citation> = [];
    // `^[4-5]`, `$^{[4-5]}$`, or a plain `[4-5]` when every number names a reference.
    const re = /\$?\^\{?\s*[[［]([^\]］]*)[\]］]\s*\}?\$?|\^\s*\[\s*\]|[[［](\d{1,3}(?:\s*[-–~,，]\s*\d{1,3})*)[\]］]/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(ms.value))) {
      if (m[2] !== undefined) {
        const plain = parseCitationLabel(m[2]);
        if (!plain || !maxReference || plain.some((n) => n < 1 || n > maxReference)) continue;
      }
      const label = m[1] ?? m[2];
      const numbers = label !== undefined ? parseCitationLabel(label) : null;
      const p = place(ms.map[m.index]!, ms.map[m.index + m[0].length]!);
      if (!numbers) {
        report(file, `Citation \`${m[0]}\` cannot be read`, { ruleId: 'cite-malformed', place: p, stage: STAGE });
        continue;
      }
      if (m.index > last) out.push(ms.slice(last, m.index));
      const node: Citation = { type: 'citation', numbers, children: [] };
      if (p) node.position = p;
      out.push(node);
      last = m.index + m[0].length;
    }
    if (last < ms.value.length) out.push(ms.slice(last));
    return out;
  };

  const referenceList = tree.children.find((c) => c.type === 'referenceList');
  const maxReference = referenceList && 'children' in referenceList ? Math.max(0, ...(referenceList.children as Array<{ number: number }>).map((e) => e.number)) : 0;

  // Body: paragraphs, headings, floats.
  for (const node of tree.children) {
    if (node.type === 'heading') {
      // A heading is a plain line in every output: its simple TeX as Unicode text (`$\beta$-catenin` → `β-catenin`).
      for (const child of node.children) {
        if (child.type !== 'text' || !child.value.includes('$')) continue;
        const ms = new MappedString(child.value, child.position?.start.offset ?? null);
        textMath(ms);
        child.value = ms.value;
      }
    }
    if (node.type === 'paragraph' || node.type === 'heading') {
      node.children = rewrite(node.children, HAN_TEXT_RULES, node.type === 'paragraph');
    } else if (node.type === 'figureFloat') {
      node.caption = rewrite(node.caption, HAN_TEXT_RULES, true, true);
      if (node.captionEn) node.captionEn = rewrite(node.captionEn, HAN_TEXT_RULES, true, true);
      if (node.credit) {
        const ms = new MappedString(node.credit, null);
        applyRules(ms, HAN_TEXT_RULES);
        node.credit = ms.value;
      }
    }
  }
  const vocabulary = buildVocabulary(tree);
  for (const node of tree.children) {
    if (node.type === 'tableFloat') normalizeTable(node);
  }

  function normalizeTable(node: TableFloat): void {
    const cells: PhrasingContent[][] = [node.caption];
    for (const row of node.children[0].children) for (const cell of row.children) cells.push(cell.children);
    const upper = isUppercased(cells);
    const fix = (children: PhrasingContent[]) => {
      if (upper) {
        for (const child of children) {
          if (child.type !== 'text') continue;
          const ms = new MappedString(child.value, child.position?.start.offset ?? null);
          const changes = ms.replace(/[A-Za-z0-9α-ω][A-Za-z0-9α-ω+⁺\-/.]*[A-Za-z0-9α-ω+⁺]|[A-Za-z]{2,}/g, (m) => restoreCase(m[0], vocabulary));
          for (const c of changes) {
            report(file, `Case restored from the article's vocabulary: \`${c.before}\` → \`${c.after}\``, {
              ruleId: 'case-restored',
              severity: 'info',
              place: place(c.start, c.end),
              before: c.before,
              after: c.after,
              stage: STAGE,
            });
          }
          child.value = ms.value;
          // The map is kept linear for rules that follow.
          (child as Text & { _map?: number[] })._map = ms.map;
        }
      }
      const runs = children.map((c) => {
        if (c.type !== 'text') return c;
        const ms = new MappedString(c.value, c.position?.start.offset ?? null);
        const map = (c as Text & { _map?: number[] })._map;
        if (map) ms.map = map;
        return ms;
      });
      const out: PhrasingContent[] = [];
      for (const r of runs) {
        if (!(r instanceof MappedString)) {
          out.push(r);
          continue;
        }
        textMath(r);
        // The formulas left (not simple enough for Unicode text) become math, as in paragraphs.
        for (const piece of splitMath(r)) {
          if (!(piece instanceof MappedString)) {
            out.push(piece);
            continue;
          }
          applyRules(piece, HAN_TEXT_RULES);
          reportStray(piece);
          if (piece.value) out.push(toText(piece));
        }
      }
      return out;
    };
    node.caption = fix(node.caption);
    if (node.captionEn) node.captionEn = fix(node.captionEn);
    for (const row of node.children[0].children) for (const cell of row.children) cell.children = fix(cell.children) as typeof cell.children;
  }

  // References: rules, then `*…*` → emphasis and `^{…}` → superscript.
  for (const node of tree.children) {
    if (node.type !== 'referenceList') continue;
    for (const entry of node.children) {
      const texts = entry.children.filter((c): c is Text => c.type === 'text');
      if (texts.length !== entry.children.length) {
        entry.children = rewrite(entry.children, REFERENCE_RULES, false);
        continue;
      }
      const ms = MappedString.concat(texts.map((t) => new MappedString(t.value, t.position?.start.offset ?? null)));
      plainMath(ms);
      applyRules(ms, REFERENCE_RULES);
      entry.children = structureReference(ms, toText);
    }
  }

  // Metadata strings: simple TeX remnants as Unicode text (they hold no structure); Chinese ones get the text rules.
  const meta = tree.data.meta;
  const positions = tree.data.positions ?? {};
  const mappedString = (value: string, key: string): MappedString => {
    const p = positions[key];
    return new MappedString(value, p && p.start.offset !== undefined && p.end.offset! - p.start.offset === value.length ? p.start.offset : null);
  };
  const fixString = (value: string, key: string): string => {
    const ms = mappedString(value, key);
    textMath(ms);
    applyRules(ms, HAN_TEXT_RULES);
    // Metadata strings are Simplified text too (a stray `號` glued to a line number lands in the abstract).
    if (key) reportStray(ms, positions[key] ?? positions[key.replace(/\.item$/, '')] ?? null);
    return ms.value;
  };
  const fixEnglish = (value: string, key: string): string => {
    const ms = mappedString(value, key);
    textMath(ms);
    return ms.value;
  };
  if (meta.title.zh) meta.title.zh = fixString(meta.title.zh, 'title.zh');
  if (meta.abstract?.zh) meta.abstract.zh = fixString(meta.abstract.zh, 'abstract.zh');
  if (meta.keywords.zh) meta.keywords.zh = meta.keywords.zh.map((k) => fixString(k, 'keywords.zh.item'));
  if (meta.title.en) meta.title.en = fixEnglish(meta.title.en, 'title.en');
  if (meta.abstract?.en) meta.abstract.en = fixEnglish(meta.abstract.en, 'abstract.en');
  if (meta.keywords.en) meta.keywords.en = meta.keywords.en.map((k) => fixEnglish(k, 'keywords.en.item'));
  meta.affiliations.forEach((a, i) => {
    if (a.zh) {
      a.zh.text = fixString(a.zh.text, `affiliations.${i}.zh`);
      if (a.zh.institution) a.zh.institution = fixString(a.zh.institution, '');
    }
  });

  checkFormulas(tree, file);
  checkMetaFormulas(meta, positions, file);
  checkTextFormulas(tree, file);
  dropUnsafeLinks(tree, file);
  mergeAdjacentText(tree);
  const leftover = /\^\[/;
  for (const node of tree.children) {
    if (node.type === 'paragraph' && node.children.some((c) => c.type === 'text' && leftover.test(c.value))) {
      report(file, 'A `^[` citation mark is left in the text', { ruleId: 'cite-malformed', place: node, stage: STAGE });
    }
  }
  return tree;
}

function isUppercased(cells: PhrasingContent[][]): boolean {
  let upper = 0;
  let lower = 0;
  for (const cell of cells)
    for (const c of cell)
      if (c.type === 'text') {
        upper += (c.value.match(/[A-Z]/g) ?? []).length;
        lower += (c.value.match(/[a-z]/g) ?? []).length;
      }
  return upper >= 10 && lower <= upper * 0.05;
}

/** Split a normalized reference string into text, emphasis and superscript nodes. */
function structureReference(ms: MappedString, toText: (m: MappedString) => Text): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const re = /\*([^*\n]+?)\*|\^\{([^}]*)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ms.value))) {
    if (m.index > last) out.push(toText(ms.slice(last, m.index)));
    if (m[1] !== undefined) {
      const em: Emphasis = { type: 'emphasis', children: [toText(ms.slice(m.index + 1, m.index + 1 + m[1].length))] };
      out.push(em);
    } else {
      const sup: Superscript = { type: 'superscript', children: [toText(ms.slice(m.index + 2, m.index + 2 + m[2]!.length))] };
      out.push(sup);
    }
    last = m.index + m[0].length;
  }
  if (last < ms.value.length) out.push(toText(ms.slice(last)));
  return out.filter((n) => n.type !== 'text' || n.value !== '');
}
