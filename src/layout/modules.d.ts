/** linebreak ships no type declarations; the shape used is declared in paragraph.ts. */
declare module 'linebreak' {
  const LineBreaker: unknown;
  export default LineBreaker;
}
