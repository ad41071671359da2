/** fontkit 2 ships no type declarations; the parts used are declared in index.ts. */
declare module 'fontkit';
