/**
 * Defined terms in running Chinese text:
 *
 * - `中文（english expansion, ABBR）`
 * - `中文（ABBR）`
 * - `中文（english expansion）`
 *
 * Full-width and half-width parentheses are both accepted. The Chinese term
 * ends at the parenthesis; where it begins is decided in two steps:
 *
 * 1. Scan back over characters that can belong to a term (Han, Latin, digits,
 *    Greek, `-`, `/`, `+`, a comma between digits as in `2,3-`) until a
 *    punctuation mark, a parenthesis, a citation or the paragraph start.
 * 2. Inside that span, cut after the last *boundary word*: a verb or function
 *    word such as 通过 产生 抑制 诱导 促进 调节 如 的 与 和 及 是 在 对 由 等.
 *    The result is the longest term not led by such a word. A boundary word
 *    does not cut when it is part of the term:
 *    - inside a listed compound (随机对照试验, 中和抗体, 潜在, 自由基);
 *    - a verb followed by a nominal suffix (调节性, 诱导型, 抑制剂, 合成酶);
 *    - a verb whose English counterpart occurs in the expansion
 *      (诱导多能干细胞（induced pluripotent stem cells…）);
 *    - 的 after 来源 / 衍生 (脐带来源的间充质干细胞), or any 的 when the span
 *      starts a sentence and nothing else cuts it (the whole noun phrase is the
 *      term).
 */

export interface Definition {
  /** The Chinese term, exactly as written. */
  zh: string;
  en?: string;
  abbr?: string;
  /** Index of the term's first character in the text. */
  index: number;
  /** Index just after the closing parenthesis. */
  end: number;
}

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const HAN_RE = new RegExp(`[${HAN}]`);
const GREEK_RE = /[α-ωΑ-Ω]/;
const isHan = (c: string | undefined) => c !== undefined && HAN_RE.test(c);
const isDigit = (c: string | undefined) => c !== undefined && /[0-9０-９]/.test(c);
const isLatinish = (c: string | undefined) => c !== undefined && /[A-Za-z0-9Ａ-Ｚａ-ｚ０-９α-ωΑ-Ω]/.test(c);

/** Verbs: they cut the span unless their English counterpart is in the expansion. */
const VERBS: Record<string, string[]> = {
  通过: [],
  经过: [],
  产生: ['produc'],
  抑制: ['inhibit', 'suppress', 'repress'],
  诱导: ['induc'],
  促进: ['promot'],
  调节: ['regulat', 'modulat'],
  调控: ['regulat', 'modulat'],
  表达: ['express'],
  分泌: ['secret'],
  介导: ['mediat'],
  激活: ['activat'],
  活化: ['activat'],
  释放: ['releas'],
  合成: ['synth'],
  生成: ['generat', 'poie'],
  分化: ['differentiat'],
  靶向: ['target'],
  清除: ['clear'],
  形成: ['form'],
  阻断: ['block'],
  增加: ['increas'],
  减少: ['reduc', 'decreas'],
  提高: ['enhanc', 'rais'],
  降低: ['reduc', 'lower', 'decreas'],
  上调: ['upregulat', 'up-regulat'],
  下调: ['downregulat', 'down-regulat'],
  影响: ['affect', 'influenc'],
  参与: ['involv', 'particip'],
  引起: ['caus', 'induc'],
  导致: ['caus', 'lead'],
  使用: ['use', 'using'],
  采用: ['adopt', 'using'],
  利用: ['using', 'use'],
  具有: [],
  含有: [],
  包括: [],
  称为: [],
  又称: [],
  作为: [],
  缺乏: ['defici', 'lack'],
  存在: ['presen', 'exist'],
  涉及: ['involv'],
  发现: [],
  表明: [],
  显示: [],
  认为: [],
  检测: ['detect', 'assay', 'test'],
  测定: ['determin', 'assay', 'measur'],
  治疗: ['therap', 'treat'],
  发生: [],
  发挥: [],
  进行: [],
  给予: [],
};

/** Function words: they always cut (的 has its own rules). */
const FUNCTION_WORDS = [
  '以及', '及其', '或者', '并且', '而且', '但是', '例如', '比如', '即为', '由于', '对于', '关于', '属于', '可以', '能够',
  '这些', '那些', '一种', '一个', '某些', '多种', '各种', '所有', '其中', '因此', '主要', '还可', '均可',
  '的', '与', '和', '及', '或', '并', '而', '但', '如', '是', '在', '对', '由', '等', '被', '将', '把', '使',
  '为', '于', '以', '从', '向', '其', '该', '此', '这', '即', '可', '能', '也', '还', '又', '则', '均', '已',
];

/** Compounds containing a boundary character that do not cut. */
const PROTECTED = [
  '对照', '相对', '绝对', '配对', '对称', '对数', '对侧', '自由', '等位', '等渗', '等离子', '中等', '高等', '同等',
  '中和', '饱和', '亲和', '缓和', '潜在', '内在', '外在', '所在', '及时', '目的', '行为', '向量', '定向', '合并',
  '并发', '有丝', '可溶', '可逆', '可变', '免疫调节', '免疫抑制', '功能', '能量', '性能', '多能', '全能', '潜能', '效能', '机能', '智能', '本能', '神经', '经典', '还原',
  '平均', '均值', '均质', '被膜', '的确', '信使', '以色列',
];

const NOMINAL_SUFFIX = /^[性型剂素物酶率因子体]/;
/** 的 after these is part of the term: 脐带来源的间充质干细胞, 间充质干细胞衍生的外泌体. */
const DE_BINDERS = /(来源|衍生|源性|来源于[^的]{1,6})$/;

interface Token {
  start: number;
  end: number;
  word: string;
  kind: 'verb' | 'function' | 'protected';
}

const LEXICON = new Map<string, Token['kind']>();
for (const w of Object.keys(VERBS)) LEXICON.set(w, 'verb');
for (const w of FUNCTION_WORDS) if (!LEXICON.has(w)) LEXICON.set(w, 'function');
for (const w of PROTECTED) if (w.length > 1) LEXICON.set(w, 'protected');
const MAX_WORD = Math.max(...[...LEXICON.keys()].map((w) => w.length));

/** Forward maximum matching against the boundary lexicon. */
function tokenize(span: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < span.length) {
    let hit: Token | null = null;
    for (let len = Math.min(MAX_WORD, span.length - i); len >= 1; len--) {
      const w = span.slice(i, i + len);
      const kind = LEXICON.get(w);
      if (kind) {
        hit = { start: i, end: i + len, word: w, kind };
        break;
      }
    }
    if (hit) {
      out.push(hit);
      i = hit.end;
    } else i++;
  }
  return out;
}

const SENTENCE_END = /[。！？；!?;\u0000]/;

/** Can the character at `i` belong to a term? */
function isTermChar(text: string, i: number): boolean {
  const c = text[i]!;
  if (isHan(c) || isLatinish(c)) return true;
  if (/[-–‐/+⁺⁻′'·._~⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉]/.test(c)) return true;
  if (c === ',' || c === '，') return c === ',' && isDigit(text[i - 1]) && isDigit(text[i + 1]);
  if (c === ' ') {
    const a = text[i - 1];
    const b = text[i + 1];
    if (a === undefined || b === undefined || a === ' ' || b === ' ') return false;
    // `TNF- α 刺激`: spaces around Greek letters and hyphens; never between two Han.
    if (isHan(a) && isHan(b)) return false;
    return GREEK_RE.test(a) || GREEK_RE.test(b) || a === '-' || b === '-' || (!isHan(a) && !isHan(b));
  }
  return false;
}

const ABBR_RE = /^[A-Za-z0-9α-ωΑ-Ω][A-Za-z0-9α-ωΑ-Ω+⁺\-‐/.·]*$/;
const ENGLISH_RE = /^[A-Za-z][A-Za-z0-9α-ωΑ-Ω\s\-‐–,'’/+⁺.:()&]*$/;

function isAbbr(s: string): boolean {
  if (!ABBR_RE.test(s) || s.length > 24) return false;
  if (!/[A-Z]/.test(s)) return false;
  // A capitalized plain word (`Figdraw`) is not an abbreviation; `Treg`, `Bregs` are short.
  const upper = (s.match(/[A-Z]/g) ?? []).length;
  return upper >= 2 || /\d/.test(s) || s.length <= 5;
}

function isEnglish(s: string): boolean {
  if (!ENGLISH_RE.test(s)) return false;
  return /[A-Za-z]{2,}/.test(s) && !/^(et al|e\.g|i\.e|fig|table)\b/i.test(s);
}

/** Split `english expansion, ABBR` at its last separator (not a comma between digits). */
export function parseParenthetical(content: string): { en?: string; abbr?: string } | null {
  const s = content.trim().replace(/\s+/g, ' ');
  if (!s || HAN_RE.test(s)) return null;
  let sep = -1;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s[i]!;
    if ((c === ',' || c === '，' || c === ';' || c === '；') && !(isDigit(s[i - 1]) && isDigit(s[i + 1]))) {
      sep = i;
      break;
    }
  }
  if (sep >= 0) {
    const en = s.slice(0, sep).trim();
    const abbr = s.slice(sep + 1).trim();
    if (abbr && isAbbr(abbr) && isEnglish(en)) return { en, abbr };
    return isEnglish(s) && !/[;；]/.test(s) ? { en: s } : null;
  }
  if (isAbbr(s) && !s.includes(' ')) return { abbr: s };
  if (isEnglish(s)) return { en: s };
  return null;
}

/** Where does the Chinese term that ends at `close` (exclusive) begin? */
function termBefore(text: string, close: number, en: string | undefined): { zh: string; index: number } | null {
  let k = close;
  while (k > 0 && isTermChar(text, k - 1)) k--;
  // Trim spaces at both ends.
  let end = close;
  while (end > k && text[end - 1] === ' ') end--;
  while (k < end && text[k] === ' ') k++;
  if (k >= end) return null;
  const span = text.slice(k, end);
  const prev = text[k - 1];
  const sentenceStart = k === 0 || prev === undefined || SENTENCE_END.test(prev) || prev === '\n';
  const enLower = (en ?? '').toLowerCase();

  const tokens = tokenize(span);
  const cuts = (t: Token, i: number): boolean => {
    if (t.kind === 'protected') return false;
    const after = span.slice(t.end);
    if (t.kind === 'verb') {
      if (NOMINAL_SUFFIX.test(after)) return false;
      if (VERBS[t.word]!.some((stem) => enLower.includes(stem))) return false;
      return true;
    }
    if (t.word === '的') {
      const before = span.slice(0, t.start);
      if (DE_BINDERS.test(before)) return false;
      if (sentenceStart && HAN_RE.test(before) && [...before].filter((c) => isHan(c)).length >= 2) {
        // Inside a sentence-initial noun phrase unless another word cuts to the left.
        const leftCut = tokens.slice(0, i).some((u, j) => u.word !== '的' && cuts(u, j));
        return leftCut;
      }
      return true;
    }
    return true;
  };
  let start = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (cuts(t, i)) {
      start = t.end;
      break;
    }
  }
  let zh = span.slice(start);
  let index = k + start;
  // Drop leading separators and spaces left by the cut.
  const lead = /^[\s\-–‐/+.·,]+/.exec(zh);
  if (lead) {
    zh = zh.slice(lead[0].length);
    index += lead[0].length;
  }
  if (!HAN_RE.test(zh)) return null;
  if ([...zh].length > 40) return null;
  return { zh, index };
}

const OPEN_RE = /[（(]/g;

/** Every defined term in `text`, in order of appearance. */
export function findDefinitions(text: string): Definition[] {
  const out: Definition[] = [];
  OPEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OPEN_RE.exec(text))) {
    const open = m.index;
    const rest = text.slice(open + 1);
    const closeRel = rest.search(/[）)（(]/);
    if (closeRel < 0 || rest[closeRel] === '（' || rest[closeRel] === '(') continue;
    const content = rest.slice(0, closeRel);
    if (content.length > 200) continue;
    const parsed = parseParenthetical(content);
    if (!parsed) continue;
    const term = termBefore(text, open, parsed.en);
    if (!term) continue;
    const def: Definition = { zh: term.zh, index: term.index, end: open + 1 + closeRel + 1 };
    if (parsed.en) def.en = parsed.en;
    if (parsed.abbr) def.abbr = parsed.abbr;
    out.push(def);
    OPEN_RE.lastIndex = def.end;
  }
  return out;
}
