// XML text → a small element tree for the SOAP codec (soap-wire.md §3, docs/soap-input.md): DTDs
// refused before parsing, size bounds checked in one cheap pass before any tree exists (bounds.ts),
// then @rgrove/parse-xml (strict XML 1.0, one pass: control characters, undefined entities and content
// after the root are refused). Comments and processing instructions dropped, nothing typed.
import { parseXml as parseStrict, XmlElement as ParsedElement, XmlError, XmlText } from '@rgrove/parse-xml';
import { XML_LIMITS } from '../decisions.js';
import { checkXmlBounds, type XmlLimits } from './bounds.js';
import { clientFault } from './fault.js';
import { localName } from './xml.js';

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

const DTD = /<!\s*(DOCTYPE|ENTITY)/i;
const LEADING_SPACE = /^[ \t\r\n]+/;

/** Parses a whole document and returns its single root element; any defect is a Client Fault. */
export function parseXml(text: string, limits: XmlLimits = XML_LIMITS): XmlElement {
  // Only XML white space (S) is skipped before the document; trimStart() would also drop U+FEFF.
  const xml = text.replace(LEADING_SPACE, '');
  // The body's byte order mark is gone (charset.ts); another U+FEFF is content before the root.
  if (xml.charCodeAt(0) === 0xfeff) throw clientFault('malformed', 'Request is not well-formed XML: a second byte order mark (U+FEFF) before the root element');
  if (DTD.test(xml)) throw clientFault('doctype', 'DTDs and entity declarations are not accepted (<!DOCTYPE / <!ENTITY)');
  checkXmlBounds(xml, limits);
  let root: ParsedElement | null;
  try {
    root = parseStrict(xml).root;
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    throw clientFault('malformed', `Request is not well-formed XML: ${e.message.split('\n', 1)[0].slice(0, 200)}`);
  }
  if (!root) throw clientFault('malformed', 'Request is not well-formed XML: expected exactly one root element');
  return toElement(root);
}

/** Recursion is bounded: the depth limit was checked before parsing. */
function toElement(el: ParsedElement): XmlElement {
  const children: XmlElement[] = [];
  let text = '';
  for (const child of el.children) {
    if (child instanceof ParsedElement) children.push(toElement(child));
    else if (child instanceof XmlText) text += child.text;
  }
  return { qname: el.name, name: localName(el.name), attrs: el.attributes, children, text };
}

/** The first child element with this local name. */
export const childNamed = (el: XmlElement, name: string): XmlElement | undefined =>
  el.children.find((c) => c.name === name);
