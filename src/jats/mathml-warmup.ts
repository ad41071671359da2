/**
 * Formulas of the kinds articles print most, written as the emitter writes
 * them, in a document of each MathML variant of the DTD. `npm run build`
 * validates these documents and keeps the MathML elements it learned are
 * valid (`dist/mathml-known.json`), so that an article made of the same
 * constructions is not checked against the MathML content models again
 * (libxml2 compiles them anew for every document; see validate.ts).
 */
import type { Math } from 'mdast-util-math';
import { toXml } from 'xast-util-to-xml';
import { dispFormula, inlineFormula } from './mathml.js';
import { JATS_ARCHIVING_MATHML_PUBLIC_ID, JATS_ARCHIVING_MATHML_SYSTEM_ID, JATS_MATHML_PUBLIC_ID, JATS_MATHML_SYSTEM_ID, localDtdFor } from './dtd.js';
import { knownMathSnapshot, validateJats, type KnownMathSnapshot } from './validate.js';

const DISPLAY = [
  String.raw`x_{i}^{2}+y_{i}^{2}=r^{2}`,
  String.raw`\frac{a+b}{c-d}=\frac{1}{2}`,
  String.raw`\sqrt{x^{2}+1}+\sqrt[3]{8}=2`,
  String.raw`\sum_{i=1}^{n} x_{i}`,
  String.raw`\prod_{k=1}^{n} k=n!`,
  String.raw`\int_{0}^{\infty} e^{-x} \mathrm{d} x=1`,
  String.raw`\lim_{x \to 0} \frac{\sin x}{x}=1`,
  String.raw`\left( \frac{1}{2} \right)^{n}+\left[ a \right]+\left\{ b \right\}+\left| c \right|`,
  String.raw`f(x)=\left\{\begin{array}{ll} x^{2}, & x \geq 0 \\ -x, & x<0 \end{array}\right.`,
  String.raw`\begin{cases} a & b \\ c & d \end{cases}`,
  String.raw`\begin{pmatrix} a & b \\ c & d \end{pmatrix} \begin{bmatrix} 1 \\ 2 \end{bmatrix} \begin{matrix} 1 & 2 \end{matrix}`,
  String.raw`\begin{aligned} a &= b+c \\ &= d \end{aligned}`,
  String.raw`\hat{\theta}=\bar{x} \pm \tilde{\sigma}, \vec{F}=m \vec{a}, \dot{x}, \overline{AB}, \underline{x}`,
  String.raw`\mathbf{X} \boldsymbol{\beta} \mathcal{L} \mathbb{R} \mathrm{CO}_{2} \text{ mol} \cdot \mathrm{L}^{-1}`,
  String.raw`\max_{x} \min_{y} \log_{2} n+\exp (x)+\ln x+\operatorname{argmax}_{\theta} L`,
  String.raw`\frac{\partial f}{\partial x}+\nabla \cdot u \approx 0, \quad a \leq b \neq c \sim d`,
  String.raw`\binom{n}{k}+\underbrace{a+b}_{n}+\overbrace{c}^{m}+{}^{14}\mathrm{C}`,
  String.raw`P(Y=1 \mid X)=\frac{1}{1+e^{-\left(\beta_{0}+\beta_{1} X\right)}}`,
  String.raw`R^{2}=1-\frac{\sum_{i}\left(y_{i}-\hat{y}_{i}\right)^{2}}{\sum_{i}\left(y_{i}-\bar{y}\right)^{2}}`,
  String.raw`10^{-3} \%, 25^{\circ} \mathrm{C}, x', f''(x), \|x\|_{2}`,
  String.raw`\displaystyle \frac{a}{b} \textstyle \sum x \scriptstyle y`,
  String.raw`\big( \Big[ \bigg\{ x \bigg\} \Big] \big) \langle x \rangle \lvert y \rvert`,
  String.raw`\boxed{x} \textcircled{1} \cancel{y} \sqrt{\frac{a}{b}} \frac{x_{1}}{y^{2}}`,
  String.raw`\begin{array}{cc} 1 & 2 \\ 3 & 4 \end{array}`,
  String.raw`\overset{*}{x} \underset{n}{y} \stackrel{def}{=} \xrightarrow{f} \mathring{A}`,
  String.raw`\mathsf{A} \mathtt{B} \mathit{C} \tfrac{1}{2} \dfrac{3}{4} \left. x \right|_{0}^{1}`,
  String.raw`\arg\min_{x} f, \sup_{n} a_{n}, \inf b, \det A, a \bmod b, \sum\limits_{i} x_{i}, \int\nolimits_{a} f`,
  String.raw`a \! b \, c \; d \quad e \qquad f \hspace{1em} g \phantom{h}`,
  String.raw`x_{i, j}^{(k)}=\sum_{\substack{i=1 \\ j \neq i}}^{n} w_{i j}`,
  String.raw`{\large x} {\small y} \pmb{z}`,
];

const INLINE = [
  String.raw`x_{i}`,
  String.raw`\mathrm{H}_{2} \mathrm{O}`,
  String.raw`\frac{a}{b}`,
  String.raw`\alpha=0.05`,
  String.raw`P<0.01`,
  String.raw`\sqrt{2}`,
  String.raw`\sum_{i=1}^{n} x_{i}`,
  String.raw`\left( a \right)`,
  String.raw`\bar{x} \pm s`,
  String.raw`R^{2}`,
  String.raw`a \\ b`,
];

/** The formulas as one line of JATS: a paragraph of inline formulas and the display formulas. */
export function warmupFormulas(): string {
  return toXml(
    [
      { type: 'element', name: 'p', attributes: {}, children: INLINE.map((value) => inlineFormula({ type: 'inlineMath', value })) },
      ...DISPLAY.map((value, i) => dispFormula({ type: 'math', value } as Math, `F${i + 1}`)),
    ],
    { closeEmptyElements: true, tightClose: true },
  ).replace(/\s*\n\s*/g, ' ');
}

/** A small article holding the formulas, naming the given MathML variant of the DTD. */
export function warmupDocument(publicId: string, systemId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE article PUBLIC "${publicId}" "${systemId}">\n` +
    `<article xmlns:mml="http://www.w3.org/1998/Math/MathML" xmlns:xlink="http://www.w3.org/1999/xlink" dtd-version="1.3">` +
    `<front><journal-meta><journal-id journal-id-type="publisher-id">zhpub</journal-id><issn>0000-0000</issn></journal-meta><article-meta><title-group><article-title>Formulas</article-title></title-group></article-meta></front>` +
    `<body>${warmupFormulas()}</body></article>\n`
  );
}

/** Validate the warm-up documents of both MathML variants; what was learned, to be written as `dist/mathml-known.json`. */
export function learnCommonMath(): { snapshot: KnownMathSnapshot; errors: string[] } | undefined {
  const errors: string[] = [];
  let dtd: string | null = null;
  for (const [publicId, systemId] of [
    [JATS_ARCHIVING_MATHML_PUBLIC_ID, JATS_ARCHIVING_MATHML_SYSTEM_ID],
    [JATS_MATHML_PUBLIC_ID, JATS_MATHML_SYSTEM_ID],
  ] as const) {
    dtd = localDtdFor(publicId, systemId);
    if (!dtd) return undefined;
    for (const e of validateJats(warmupDocument(publicId, systemId)).errors) errors.push(e.message);
  }
  return { snapshot: knownMathSnapshot(dtd!), errors };
}
