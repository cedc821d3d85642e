// SOAP 1.1 or 1.2 request envelope → operation name and credential attributes (soap-wire.md §3). Tolerant
// of every variation real clients send (any prefixes, Header or not, element order, xsi:type anywhere,
// comments); strict only where §3 says Fault: malformed XML, DTDs, a foreign envelope namespace
// (VersionMismatch), unknown operation, no attribute set. The operation element's namespace is not checked.
import { EMPTY_VALUE_IS_ABSENT, SOAP11_ENVELOPE_NS, SOAP12_ENVELOPE_NS } from '../decisions.js';
import { clientFault, SoapFault } from './fault.js';
import { childNamed, parseXml, type XmlElement } from './tree.js';

export interface AttributeOptions {
  readonly masked?: boolean;
  readonly negative?: boolean;
  readonly null?: boolean;
}

export interface RequestAttribute {
  /** The value text; undefined when not given (no value, empty, xsi:nil or options null). */
  readonly value: string | undefined;
  /** The xsi:type as written (`xsd:unsignedInt`), if any. */
  readonly xsiType?: string;
  readonly options: AttributeOptions;
  /** The value held child elements instead of text (never valid for a credential attribute). */
  readonly nested: boolean;
}

export type SoapVersion = '1.1' | '1.2';

export interface SoapRequest {
  /** The envelope's SOAP version: the answer is written in the same one. */
  readonly version: SoapVersion;
  /** Local name of the Body's first child element. */
  readonly operation: string;
  /** Attributes of the operation's attribute set by attribute ID (the first occurrence of an ID counts). */
  readonly attributes: ReadonlyMap<string, RequestAttribute>;
  /** The operation element's children, for strongly typed operations and admin siblings (sessionID, cmd). */
  readonly children: readonly XmlElement[];
}

/** What the envelope reader needs to know about an operation: the attribute set it must carry, if any. */
export interface OperationShape {
  readonly container?: string;
}

/** Parses and checks a request; every refusal is a SoapFault (Client). */
export function parseEnvelope(text: string, shapeOf: (operation: string) => OperationShape | undefined): SoapRequest {
  const root = parseXml(text);
  if (root.name !== 'Envelope') throw clientFault('not-soap', `Not a SOAP envelope: the root element is <${clip(root.qname)}>`);
  const version = envelopeVersion(root);
  const body = childNamed(root, 'Body');
  if (!body) throw clientFault('not-soap', 'The SOAP envelope has no Body');
  const op = body.children[0];
  if (!op) throw clientFault('unknown-operation', 'The SOAP Body is empty: no operation element');
  const shape = shapeOf(op.name);
  if (!shape) throw clientFault('unknown-operation', `Unknown operation element <${clip(op.qname)}>`);
  let attributes: ReadonlyMap<string, RequestAttribute> = new Map();
  if (shape.container) {
    const set = childNamed(op, shape.container);
    if (!set) throw clientFault('missing-container', `${op.name} has no ${shape.container} element`);
    attributes = readAttributeSet(set);
  }
  return { version, operation: op.name, attributes, children: op.children };
}

/** The SOAP version named by the Envelope element's own namespace; any other is a VersionMismatch. */
function envelopeVersion(root: XmlElement): SoapVersion {
  const colon = root.qname.indexOf(':');
  const ns = root.attrs[colon < 0 ? 'xmlns' : `xmlns:${root.qname.slice(0, colon)}`];
  if (ns === SOAP11_ENVELOPE_NS) return '1.1';
  if (ns === SOAP12_ENVELOPE_NS) return '1.2';
  const named = ns === undefined ? 'no namespace' : `the namespace "${clip(ns)}"`;
  throw new SoapFault('version-mismatch',
    `The Envelope element has ${named}: send SOAP 1.1 (${SOAP11_ENVELOPE_NS}) or SOAP 1.2 (${SOAP12_ENVELOPE_NS})`,
    'SOAP-ENV:VersionMismatch');
}

const clip = (s: string): string => (s.length > 80 ? `${s.slice(0, 80)}...` : s);

export function readAttributeSet(set: XmlElement): Map<string, RequestAttribute> {
  const out = new Map<string, RequestAttribute>();
  for (const item of set.children) {
    if (item.name !== 'attributes') continue;
    const id = childNamed(item, 'attributeID')?.text.trim();
    if (!id || out.has(id)) continue;
    out.set(id, readAttribute(item));
  }
  return out;
}

function readAttribute(item: XmlElement): RequestAttribute {
  const valueEl = childNamed(item, 'value');
  const options = readOptions(childNamed(item, 'attributeOptions'));
  const xsiType = valueEl ? attrByLocalName(valueEl, 'type') : undefined;
  const nil = valueEl ? isTrue(attrByLocalName(valueEl, 'nil')) : false;
  const text = valueEl?.text;
  const nested = (valueEl?.children.length ?? 0) > 0;
  const absent = !nested && (text === undefined || (text === '' && EMPTY_VALUE_IS_ABSENT) || nil || options.null === true);
  return { value: absent ? undefined : text, xsiType, options, nested };
}

/** No attributeOptions element: shared, never written to. */
const NO_OPTIONS: AttributeOptions = Object.freeze({});

function readOptions(el: XmlElement | undefined): AttributeOptions {
  if (!el) return NO_OPTIONS;
  const flag = (name: string): boolean | undefined => {
    const c = childNamed(el, name);
    return c ? isTrue(c.text) : undefined;
  };
  return { masked: flag('masked'), negative: flag('negative'), null: flag('null') };
}

/**
 * A prefixed attribute by local name (`xsi:type`, `i:type`: the prefix may even be undeclared). Walks the
 * keys without building entries: this runs for every value of every request.
 */
function attrByLocalName(el: XmlElement, name: string): string | undefined {
  const { attrs } = el;
  for (const qname in attrs) {
    const colon = qname.length - name.length - 1;
    if (colon > 0 && qname.charCodeAt(colon) === COLON && qname.endsWith(name) && qname.indexOf(':') === colon && !qname.startsWith('xmlns')) {
      return attrs[qname];
    }
  }
  return undefined;
}

const COLON = 0x3a;

const isTrue = (v: string | undefined): boolean => v !== undefined && ['true', '1'].includes(v.trim().toLowerCase());
