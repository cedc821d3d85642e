// Safe XML reading for record and replay (issue 9; soap-wire.md §3): DTDs refused before parsing,
// fast-xml-parser with entity processing off (we decode the five predefined entities and character
// references ourselves), the result a small tree of local names, attributes and text.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkXmlBounds } from '../doors/soap/codec/bounds.js';
import { SoapFault } from '../doors/soap/codec/fault.js';
import { XML_LIMITS } from '../doors/soap/decisions.js';

export interface Node {
  readonly qname: string;
  /** Local name, prefix dropped. */
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly Node[];
  readonly text: string;
}

export class XmlError extends Error {}

const parser = new XMLParser({
  preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', processEntities: false,
  htmlEntities: false, parseTagValue: false, parseAttributeValue: false, trimValues: false,
  ignoreDeclaration: true, ignorePiTags: true, cdataPropName: '#cdata', removeNSPrefix: false,
});

const DTD = /<!\s*(DOCTYPE|ENTITY)/i;
/** The SOAP door's bounds (issue 16), with room for large recorded query answers: the validator below is
 * quadratic in attributes per element, so those stay bounded as tightly as the door's. */
const RECORD_LIMITS = { ...XML_LIMITS, maxElements: 200_000, maxAttributes: 200_000 };
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export const decodeText = (raw: string): string => raw.replace(/&(#x[0-9A-Fa-f]+|#\d+|\w+);/g, (all, ref: string) =>
  ref[0] !== '#' ? NAMED[ref] ?? all : String.fromCodePoint(ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)));

export const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/** Checks well-formedness; refuses DTDs. Throws XmlError with a short reason. */
export function checkXml(text: string): void {
  if (DTD.test(text)) throw new XmlError('contains a <!DOCTYPE or <!ENTITY declaration (refused)');
  if (text.trim() === '') throw new XmlError('is empty');
  try {
    checkXmlBounds(text, RECORD_LIMITS);
  } catch (e) {
    if (e instanceof SoapFault) throw new XmlError(`is refused: ${e.faultstring}`);
    throw e;
  }
  const verdict = XMLValidator.validate(text.trimStart());
  if (verdict !== true) throw new XmlError(`is not well-formed XML: ${verdict.err.msg} (line ${verdict.err.line})`);
}

/** Parses a whole document and returns its root element. */
export function parseXml(text: string): Node {
  checkXml(text);
  const roots = (parser.parse(text.trimStart()) as Raw[]).map(toNode).filter((n): n is Node => n !== undefined);
  if (roots.length !== 1) throw new XmlError('is not well-formed XML: expected exactly one root element');
  return roots[0];
}

type Raw = Record<string, unknown>;

function toNode(raw: Raw): Node | undefined {
  const qname = Object.keys(raw).find((k) => k !== ':@');
  if (qname === undefined || qname === '#text' || qname === '#cdata') return undefined;
  const children: Node[] = [];
  let text = '';
  for (const child of raw[qname] as Raw[]) {
    if ('#text' in child) text += decodeText(String(child['#text']));
    else if ('#cdata' in child) text += (child['#cdata'] as Raw[]).map((c) => String(c['#text'] ?? '')).join('');
    else {
      const node = toNode(child);
      if (node) children.push(node);
    }
  }
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries((raw[':@'] ?? {}) as Raw)) attrs[k] = decodeText(String(v));
  return { qname, name: localName(qname), attrs, children, text };
}

export const child = (node: Node | undefined, name: string): Node | undefined => node?.children.find((c) => c.name === name);

/** Every descendant (depth first, document order) with this local name. */
export function descendants(node: Node, name: string): Node[] {
  const out: Node[] = [];
  const walk = (n: Node): void => { for (const c of n.children) { if (c.name === name) out.push(c); walk(c); } };
  walk(node);
  return out;
}

/** The charset of a body: Content-Type parameter, else the XML declaration, else UTF-8. */
export function charsetOf(body: Buffer, contentType: string | undefined): BufferEncoding {
  const declared = /charset\s*=\s*"?([\w.-]+)/i.exec(contentType ?? '')?.[1]
    ?? /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']/i.exec(body.subarray(0, 200).toString('latin1'))?.[1];
  return declared && /^(iso-?8859-1|iso_8859-1|latin-?1|l1|cp819)$/i.test(declared) ? 'latin1' : 'utf8';
}

/** The SOAP Body's first element (the operation), or undefined when this is not a SOAP envelope. */
export function soapOperation(root: Node): Node | undefined {
  if (root.name !== 'Envelope') return undefined;
  return child(root, 'Body')?.children[0];
}
