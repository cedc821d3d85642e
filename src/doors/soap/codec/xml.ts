// Small XML text helpers of the SOAP codec (soap-wire.md §3, §4): escaping for output and decoding of
// the predefined entities and character references on input (the parser leaves entities alone).
import { clientFault } from './fault.js';

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

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_][\w.-]*);/g;

const isXmlCodePoint = (c: number): boolean =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/** Decodes entity and character references; an undefined entity or a forbidden character is a Fault. */
export function decodeXmlText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (_all, ref: string) => {
    if (ref[0] !== '#') {
      const named = NAMED[ref];
      if (named === undefined) throw clientFault('malformed', `Request is not well-formed XML: undefined entity &${ref};`);
      return named;
    }
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (!isXmlCodePoint(code)) throw clientFault('malformed', `Request is not well-formed XML: character reference &${ref}; is not allowed`);
    return String.fromCodePoint(code);
  });
}

/** The part of a qualified name after its prefix. */
export const localName = (qname: string): string => {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
};
