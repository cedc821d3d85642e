// XML text → a small element tree for the SOAP codec (soap-wire.md §3, docs/soap-input.md): DTDs
// refused before parsing, size bounds checked in one cheap pass before any tree exists (bounds.ts),
// then saxes (strict XML 1.0 in one streaming pass: control characters, undefined entities, mismatched
// tags and content after the root are refused) building this tree from its events, with no tree of its
// own in between. Comments and processing instructions dropped, nothing typed.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
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

interface Building { qname: string; name: string; attrs: Record<string, string>; children: Building[]; text: string }

const DTD = /<!\s*(DOCTYPE|ENTITY)/i;
const LEADING_SPACE = /^[ \t\r\n]+/;

/**
 * One parser for every request (parsing is synchronous; saxes resets itself after a whole document)
 * and the open elements of the document being read. A parser that failed is replaced.
 */
let stack: Building[] = [];
let root: Building | undefined;
let parser = newParser();

function newParser(): SaxesParser {
  const p = new SaxesParser();
  p.on('opentag', (t: SaxesTagPlain) => {
    const el: Building = { qname: t.name, name: localName(t.name), attrs: t.attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  p.on('closetag', () => { stack.pop(); });
  const addText = (t: string): void => { const top = stack[stack.length - 1]; if (top) top.text += t; };
  p.on('text', addText);
  p.on('cdata', addText);
  return p;
}

/** Parses a whole document and returns its single root element; any defect is a Client Fault. */
export function parseXml(text: string, limits: XmlLimits = XML_LIMITS): XmlElement {
  // Only XML white space (S) is skipped before the document; trimStart() would also drop U+FEFF.
  const xml = text.replace(LEADING_SPACE, '');
  // The body's byte order mark is gone (charset.ts); another U+FEFF is content before the root.
  if (xml.charCodeAt(0) === 0xfeff) throw clientFault('malformed', 'Request is not well-formed XML: a second byte order mark (U+FEFF) before the root element');
  if (DTD.test(xml)) throw clientFault('doctype', 'DTDs and entity declarations are not accepted (<!DOCTYPE / <!ENTITY)');
  checkXmlBounds(xml, limits);
  stack = [];
  root = undefined;
  try {
    parser.write(xml).close();
  } catch (e) {
    parser = newParser();
    throw clientFault('malformed', `Request is not well-formed XML: ${describe((e as Error).message)}`);
  } finally {
    stack = [];
  }
  const doc = root;
  root = undefined;
  if (!doc) throw clientFault('malformed', 'Request is not well-formed XML: expected exactly one root element');
  return doc;
}

/** saxes says `line:column: what.`; the faultstring says what, then where. */
function describe(message: string): string {
  const m = /^(\d+):(\d+): (.*?)\.?$/s.exec(message.split('\n', 1)[0]!);
  const what = m ? m[3]! : message;
  return `${what.charAt(0).toUpperCase()}${what.slice(1, 200)}${m ? ` (line ${m[1]}, column ${m[2]})` : ''}`;
}

/** The first child element with this local name. */
export const childNamed = (el: XmlElement, name: string): XmlElement | undefined =>
  el.children.find((c) => c.name === name);
