// Small XML text helpers of the SOAP codec (soap-wire.md §3, §4): escaping for output (shared with every
// XML writer: domain/text.ts) and decoding of the predefined entities and character references.
import { clientFault } from './fault.js';

export { escapeXml } from '../../../domain/text.js';

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
