// The request target of an HTTP request as a path and query (RFC 9112 §3.2), parsed without ever
// throwing: `new URL(target, base)` reads `//x` as a host and throws on `//`, `/\` or `http://`, and
// that once ended the process (issue 16). Origin-form (`/path?q`) is read against a fixed base, so
// `//` is the path `//`; absolute-form (`http://host/path`) must be http(s) with a host.

const BASE = 'http://localhost';

/** The target's path and query, or undefined when it is neither origin-form nor absolute-form. */
export function parseRequestTarget(raw: string | undefined): URL | undefined {
  const target = raw ?? '/';
  try {
    if (target.startsWith('/')) return new URL(BASE + target);
    const url = new URL(target);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** decodeURIComponent that answers undefined for a malformed escape (`%zz`, a lone surrogate). */
export function decodeComponent(text: string): string | undefined {
  try { return decodeURIComponent(text); } catch { return undefined; }
}
