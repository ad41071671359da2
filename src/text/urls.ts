/**
 * Which link addresses an output may carry: web, mail, FTP and DOI links, and
 * relative ones (no scheme). `javascript:`, `data:`, `vbscript:`, `file:` and
 * every other scheme are refused. Browsers ignore tabs, line ends and other
 * controls inside a scheme (`java\tscript:`), so the scheme is read without
 * them.
 */
export const SAFE_URL_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'ftp', 'doi']);

/** The scheme of `url` in lower case, or null for a relative address. */
export function urlScheme(url: string): string | null {
  // eslint-disable-next-line no-control-regex
  const squeezed = url.replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, '');
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(squeezed);
  return m ? m[1]!.toLowerCase() : null;
}

/** Null when `url` may be linked; else the reason it may not. */
export function unsafeUrlReason(url: string): string | null {
  const scheme = urlScheme(url);
  if (scheme === null) {
    // `//host/…` takes the scheme of the page: an external address without a stated scheme.
    return /^\s*[\\/]{2}/.test(url) ? 'an address without a scheme (`//…`)' : null;
  }
  return SAFE_URL_SCHEMES.has(scheme) ? null : `the \`${scheme}:\` scheme is not allowed`;
}

/**
 * A DOI as printed: `10.`, a registrant code, `/`, then a suffix of printable
 * ASCII (DOIs registered in practice use no other characters; the Chinese
 * text an extraction runs into it is not part of it).
 */
export const DOI_SOURCE = '10\\.\\d{4,9}\\/[\\x21-\\x7e]+';
