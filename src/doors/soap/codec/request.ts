// Request envelopes from named fields (`countersign call`): a field name resolves through the one
// CREDFLD table or the administration tables (wire ID, table key or request field name, any case);
// a name no table knows becomes a child element of the operation (sessionID, cmd, componentType...).
import { CMD_PREFIX, DIGIPASSAPPLFLD, DIGIPASSFLD, USERFLD, type AdminFld } from './admin-fields.js';
import { CREDFLD, type CredFld } from './credfld.js';
import { escapeXml } from './xml.js';

const NS_AUTHENTICATION = 'http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication';
const NS_ADMINISTRATION = 'http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Administration';

export interface NamedField { readonly name: string; readonly value: string }

/** How to send an operation: its attribute set element (none: typed child elements only), and its WSDL. */
export interface RequestShape {
  readonly operation: string;
  readonly container?: string;
  readonly administration: boolean;
}

interface Row { readonly id: string; readonly type: string }

/** The attribute table an operation's attribute set draws from. */
function tableOf(shape: RequestShape): ReadonlyMap<string, Row> {
  const rows = new Map<string, Row>();
  const add = (key: string, id: string, type: string, field?: string) => {
    for (const name of [key, id, field]) if (name) rows.set(name.toLowerCase(), { id, type });
  };
  const op = shape.operation.toLowerCase();
  const family = op.startsWith('digipassappl') ? DIGIPASSAPPLFLD : op.startsWith('digipass') ? DIGIPASSFLD
    : op.startsWith('user') ? USERFLD : undefined;
  if (family) for (const [key, f] of Object.entries(family) as [string, AdminFld][]) add(key, f.id, `xsd:${f.type}`, f.field);
  else for (const [key, f] of Object.entries(CREDFLD) as [string, CredFld][]) add(key, f.id, `xsd:${f.types.length === 1 ? f.types[0] : 'string'}`, f.input);
  return rows;
}

const WIRE_ID = /^[A-Z]+FLD_[A-Z0-9_]+$/;

/** `NAME=VALUE` → a field; the value may itself contain `=`. */
export function parseNamedField(text: string): NamedField {
  const at = text.indexOf('=');
  if (at <= 0) throw new Error(`--field "${text}": write NAME=VALUE, e.g. --field userId=jane.doe`);
  return { name: text.slice(0, at).trim(), value: text.slice(at + 1) };
}

/** The whole SOAP 1.1 envelope for the operation, attributes in the order given. */
export function buildRequest(shape: RequestShape, fields: readonly NamedField[]): string {
  const table = tableOf(shape);
  const elements: string[] = [];
  const attributes: string[] = [];
  for (const { name, value } of withDefaults(shape, fields, table)) {
    const row = table.get(name.toLowerCase()) ?? (WIRE_ID.test(name) ? { id: name, type: 'xsd:string' } : undefined);
    if (row && shape.container) attributes.push(`        <attributes><value xsi:type="${row.type}">${escapeXml(value)}</value><attributeID>${row.id}</attributeID></attributes>`);
    else if (/^[A-Za-z_][\w.-]*$/.test(name)) elements.push(`      <${name}>${escapeXml(elementValue(shape, name, value))}</${name}>`);
    else throw new Error(`--field "${name}": not an attribute of ${shape.operation} nor an element name`);
  }
  const set = shape.container ? [`      <${shape.container}>`, ...attributes, `      </${shape.container}>`] : [];
  const ns = shape.administration ? NS_ADMINISTRATION : NS_AUTHENTICATION;
  return [
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
      + ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:op="${ns}">`,
    '  <soapenv:Body>', `    <op:${shape.operation}>`, ...elements, ...set, `    </op:${shape.operation}>`, '  </soapenv:Body>',
    '</soapenv:Envelope>', '',
  ].join('\n');
}

/** An execute command may be given without its prefix: `cmd=VIEW` → `USERCMD_VIEW`. */
function elementValue(shape: RequestShape, name: string, value: string): string {
  const prefix = (CMD_PREFIX as Readonly<Record<string, string>>)[shape.operation];
  return name === 'cmd' && prefix && !value.startsWith(prefix) ? `${prefix}${value.toUpperCase()}` : value;
}

/** Credential sets get the demo component type and password format 0 unless given. */
function withDefaults(shape: RequestShape, fields: readonly NamedField[], table: ReadonlyMap<string, Row>): NamedField[] {
  if (shape.container !== 'credentialAttributeSet') return [...fields];
  const given = new Set(fields.map((f) => table.get(f.name.toLowerCase())?.id ?? f.name));
  const out: NamedField[] = [];
  if (!given.has(CREDFLD.COMPONENT_TYPE.id)) out.push({ name: CREDFLD.COMPONENT_TYPE.id, value: 'SOAP Auth Client' });
  out.push(...fields);
  if (given.has(CREDFLD.PASSWORD.id) && !given.has(CREDFLD.PASSWORD_FORMAT.id)) out.push({ name: CREDFLD.PASSWORD_FORMAT.id, value: '0' });
  return out;
}
