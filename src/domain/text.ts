// Text that crosses into XML (issue 16): what XML 1.0 can carry, one escaping for every XML writer
// (SOAP, admin SOAP, REST format=2, PSKC export, record/replay), and the check that keeps stored
// values (user ids, domains, e-mail, mobile, description) free of control characters on the way in.

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NEEDS_ESCAPE = /[&<>"']/;
/** Characters XML 1.0 does not allow at all (controls, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOT_XML_CHARS = new RegExp(NOT_XML_CHAR.source, 'g');

/** Escapes text for element content and attribute values; characters XML cannot carry become U+FFFD. */
export function escapeXml(text: string): string {
  const clean = NOT_XML_CHAR.test(text) ? text.replace(NOT_XML_CHARS, '\uFFFD') : text;
  return NEEDS_ESCAPE.test(clean) ? clean.replace(/[&<>"']/g, (c) => ESCAPES[c]) : clean;
}

/** In any stored text: what XML cannot carry, and DEL. Identifiers also refuse tab, CR and LF. */
const NOT_STORABLE = new RegExp(`${NOT_XML_CHAR.source}|\\u007F`);
const NOT_STORABLE_ID = new RegExp(`${NOT_XML_CHAR.source}|[\\u0009\\u000A\\u000D\\u007F]`);

const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first field (by its label) holding a character that may not be stored, as a message saying what
 * to do; undefined when all are fine. `multiLine` labels may hold tab, CR and LF (a description).
 */
export function unstorableText(fields: Readonly<Record<string, string | null | undefined>>, multiLine: readonly string[] = []): string | undefined {
  for (const [label, value] of Object.entries(fields)) {
    if (typeof value !== 'string') continue;
    const bad = (multiLine.includes(label) ? NOT_STORABLE : NOT_STORABLE_ID).exec(value);
    if (bad) return `The ${label} contains the control character ${codePoint(bad[0])} at position ${bad.index + 1}: remove it and send the value again`;
  }
  return undefined;
}
