/** linebreak ships no type declarations; the shape used is declared in paragraph.ts. */
declare module 'linebreak' {
  const LineBreaker: unknown;
  export default LineBreaker;
}

/** The part of `hyphen` (US English patterns, a CommonJS module) hyphenate.ts uses; the package ships no type declarations. */
declare module 'hyphen/en/index.js' {
  const hyphen: { hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string };
  export default hyphen;
}
