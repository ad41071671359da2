/** The single-file (UMD) build of pdf-lib: the package's API as a CommonJS default export. */
declare module 'pdf-lib/dist/pdf-lib.min.js' {
  const lib: typeof import('pdf-lib');
  export default lib;
}
