/**
 * TeX remnants of PDF extraction (`$\mathrm { H } _ { 2 } \mathrm { O }$`,
 * `$7 2 \mathrm { h }$`, `$P < 0 . 0 5$`): simple ones become text with
 * subscripts and superscripts; anything else (fractions, roots, sums) is kept
 * as written.
 */
const SYMBOLS: Record<string, string> = {
  times: '×', pm: '±', mp: '∓', cdot: '·', le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠', approx: '≈',
  sim: '~', circ: '°', degree: '°', infty: '∞', to: '→', rightarrow: '→', leftarrow: '←', prime: '′', ast: '*',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', varphi: 'φ',
  chi: 'χ', psi: 'ψ', omega: 'ω', Delta: 'Δ', Gamma: 'Γ', Lambda: 'Λ', Sigma: 'Σ', Phi: 'Φ', Omega: 'Ω',
  '%': '%', '&': '&', '#': '#', '_': '_', '{': '{', '}': '}', ',': '', ';': '', '!': '', ' ': '', quad: ' ', qquad: ' ',
  // Size and delimiter commands print nothing themselves.
  scriptstyle: '', displaystyle: '', textstyle: '', left: '', right: '', big: '', Big: '',
};
const STYLE = new Set(['mathrm', 'text', 'textrm', 'mathbf', 'boldsymbol', 'mathit', 'mathsf', 'operatorname', 'rm', 'bf', 'it']);

export interface Run {
  kind: 'text' | 'sup' | 'sub';
  value: string;
}

/** Convert one math body; null when it holds something that is not simple text. */
export function simpleMath(body: string): Run[] | null {
  let i = 0;
  const out: Run[] = [];
  const push = (kind: Run['kind'], value: string) => {
    if (!value) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.value += value;
    else out.push({ kind, value });
  };
  // A group `{…}` or one token, as text.
  const group = (): string | null => {
    while (body[i] === ' ') i++;
    if (body[i] === '{') {
      i++;
      let depth = 1;
      let text = '';
      while (i < body.length && depth > 0) {
        if (body[i] === '{') {
          depth++;
          i++;
          continue;
        }
        if (body[i] === '}') {
          depth--;
          i++;
          continue;
        }
        const t = token();
        if (t === null) return null;
        text += t;
      }
      return depth === 0 ? text : null;
    }
    return token();
  };
  const token = (): string | null => {
    const c = body[i];
    if (c === undefined) return '';
    if (c === ' ') {
      i++;
      return '';
    }
    if (c === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(body.slice(i));
      if (!m) return null;
      i += m[0].length;
      const name = m[1]!;
      if (STYLE.has(name)) return group();
      if (name in SYMBOLS) return SYMBOLS[name]!;
      return null;
    }
    if (c === '^' || c === '_' || c === '{' || c === '}') return null;
    i++;
    return c === '~' ? ' ' : c;
  };
  while (i < body.length) {
    const c = body[i];
    if (c === '^' || c === '_') {
      i++;
      const g = group();
      if (g === null) return null;
      push(c === '^' ? 'sup' : 'sub', g);
      continue;
    }
    const t = c === '{' ? group() : token();
    if (t === null) return null;
    push('text', t);
  }
  return out;
}


const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ', '°': '°', '′': '′', '*': '*',
};
const SUBSCRIPT: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
  '+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ', o: 'ₒ', x: 'ₓ', h: 'ₕ', k: 'ₖ',
  l: 'ₗ', m: 'ₘ', n: 'ₙ', p: 'ₚ', s: 'ₛ', t: 'ₜ', i: 'ᵢ', r: 'ᵣ', u: 'ᵤ', v: 'ᵥ', j: 'ⱼ',
};

/**
 * A simple formula as plain Unicode text, for strings that hold no
 * structure (titles, abstracts, keywords): `H₂O`, `10⁻³`, `750°C`; null when
 * a sub- or superscript has a character Unicode has no script form of.
 */
export function unicodeText(runs: Run[]): string | null {
  let out = '';
  for (const run of runs) {
    if (run.kind === 'text') {
      out += run.value;
      continue;
    }
    const table = run.kind === 'sup' ? SUPERSCRIPT : SUBSCRIPT;
    for (const ch of run.value) {
      const mapped = table[ch];
      if (mapped === undefined) return null;
      out += mapped;
    }
  }
  return out;
}
