// XML text → a small element tree for the SOAP codec (soap-wire.md §3): well-formedness check with
// fast-xml-parser's validator, DTDs refused before parsing, entities decoded by us (processEntities
// off), comments and processing instructions dropped, nothing converted to numbers or booleans.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { clientFault } from './fault.js';
import { decodeXmlText, localName } from './xml.js';

export interface XmlElement {
  /** Qualified name as written (`soapenv:Body`). */
  readonly qname: string;
  /** Name without prefix (`Body`). */
  readonly name: string;
  /** Attributes by qualified name, values decoded. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated character data of this element (entities decoded, CDATA verbatim). */
  readonly text: string;
}

type OrderedNode = Record<string, unknown>;
const ATTRS = ':@';
const TEXT = '#text';
const CDATA = '#cdata';

const parser = new XMLParser({
  preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', processEntities: false,
  htmlEntities: false, parseTagValue: false, parseAttributeValue: false, trimValues: false,
  ignoreDeclaration: true, ignorePiTags: true, cdataPropName: CDATA, removeNSPrefix: false,
  // No callbacks use the element path: skip building its string for every element (fast-xml-parser 5).
  jPath: false,
});

const DTD = /<!\s*(DOCTYPE|ENTITY)/i;

/** Parses a whole document and returns its single root element; any defect is a Client Fault. */
export function parseXml(text: string): XmlElement {
  const xml = text.trimStart();
  if (DTD.test(xml)) throw clientFault('doctype', 'DTDs and entity declarations are not accepted (<!DOCTYPE / <!ENTITY)');
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw clientFault('malformed', `Request is not well-formed XML: ${msg} (line ${line}${col ? `, column ${col}` : ''})`);
  }
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(xml) as OrderedNode[];
  } catch (e) {
    throw clientFault('malformed', `Request is not well-formed XML: ${(e as Error).message.slice(0, 200)}`);
  }
  const roots = nodes.map(toElement).filter((e): e is XmlElement => e !== undefined);
  if (roots.length !== 1) throw clientFault('malformed', 'Request is not well-formed XML: expected exactly one root element');
  return roots[0];
}

function tagOf(node: OrderedNode): string | undefined {
  for (const key in node) if (key !== ATTRS) return key;
  return undefined;
}

function toElement(node: OrderedNode): XmlElement | undefined {
  const qname = tagOf(node);
  if (qname === undefined || qname === TEXT || qname === CDATA) return undefined;
  const children: XmlElement[] = [];
  let text = '';
  for (const child of node[qname] as OrderedNode[]) {
    if (TEXT in child) text += decodeXmlText(String(child[TEXT]));
    else if (CDATA in child) text += (child[CDATA] as OrderedNode[]).map((c) => String(c[TEXT] ?? '')).join('');
    else {
      const el = toElement(child);
      if (el) children.push(el);
    }
  }
  return { qname, name: localName(qname), attrs: decodeAttrs(node[ATTRS]), children, text };
}

function decodeAttrs(raw: unknown): Record<string, string> {
  if (!raw) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) out[k] = decodeXmlText(String(v));
  return out;
}

/** The first child element with this local name. */
export const childNamed = (el: XmlElement, name: string): XmlElement | undefined =>
  el.children.find((c) => c.name === name);
