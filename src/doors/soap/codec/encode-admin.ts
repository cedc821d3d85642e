// Administration answers (soap-wire.md §4 admin shapes): `ADMIN-TYPES:<op>Response` > `results`
// (resultCodes, resultAttribute, errorStack, all three always present and typed), values typed by the
// admin field table. The ADMIN-TYPES type names of attributes and results are [OURS].
import type { StatusCatalogue, StatusKey } from '../../../domain/status.js';
import { statusMessage } from '../decisions.js';
import type { AdminValueType } from './admin-fields.js';
import { encodeErrorStack, encodeOperationResponse, encodeResultCodes, NS_ADMIN } from './encode.js';
import { escapeXml } from './xml.js';

export interface AdminAttr {
  readonly id: string;
  readonly value: string;
  readonly type: AdminValueType;
  /** Sent with `<attributeOptions><masked>true</masked>` (the session id). */
  readonly masked?: boolean;
}

/** Type names of one answer family: `Credential` (logon), `User`, `Digipass`. */
export type AdminFamily = 'Credential' | 'User' | 'Digipass' | 'Component' | 'Policy';

const XSD: Record<AdminValueType, string> = { string: 'xsd:string', boolean: 'xsd:boolean', int: 'xsd:int', dateTime: 'xsd:dateTime' };

const typeNames = (family: AdminFamily) => (family === 'Credential'
  ? { results: 'CREDENTIAL-TYPES:CredentialResults', set: 'CREDENTIAL-TYPES:CredentialAttributeSet', attr: 'CREDENTIAL-TYPES:CredentialAttribute' }
  : { results: `ADMIN-TYPES:${family}Results`, set: `ADMIN-TYPES:${family}AttributeSet`, attr: `ADMIN-TYPES:${family}Attribute` });

function encodeAttr(a: AdminAttr, type: string): string {
  const options = a.masked ? '<attributeOptions><masked>true</masked></attributeOptions>' : '';
  return `<attributes xsi:type="${type}">${options}<value xsi:type="${XSD[a.type]}">${escapeXml(a.value)}</value>`
    + `<attributeID>${a.id}</attributeID></attributes>`;
}

function encodeSet(attrs: readonly AdminAttr[], family: AdminFamily): string {
  const t = typeNames(family);
  if (attrs.length === 0) return `<resultAttribute xsi:type="${t.set}"/>`;
  return `<resultAttribute xsi:type="${t.set}">${attrs.map((a) => encodeAttr(a, t.attr)).join('')}</resultAttribute>`;
}

/** A success: the attributes, no errors. */
export function adminSuccess(op: string, family: AdminFamily, attrs: readonly AdminAttr[], catalogue: StatusCatalogue): string {
  const results = `<results xsi:type="${typeNames(family).results}">${encodeResultCodes({ row: catalogue.SUCCESS, success: true })}`
    + `${encodeSet(attrs, family)}${encodeErrorStack([])}</results>`;
  return encodeOperationResponse(`${op}Response`, results, 'ADMIN-TYPES', NS_ADMIN);
}

/** A query answer: one `attributeList` per match inside `resultAttribute`, no errors. */
export function adminQuerySuccess(op: string, family: AdminFamily, rows: readonly (readonly AdminAttr[])[], catalogue: StatusCatalogue): string {
  const t = typeNames(family);
  const lists = rows.map((attrs) => `<attributeList xsi:type="ADMIN-TYPES:${family}AttributeList">${attrs.map((a) => encodeAttr(a, t.attr)).join('')}</attributeList>`);
  const results = `<results xsi:type="${t.results}">${encodeResultCodes({ row: catalogue.SUCCESS, success: true })}`
    + `<resultAttribute xsi:type="${t.set}">${lists.join('')}</resultAttribute>${encodeErrorStack([])}</results>`;
  return encodeOperationResponse(`${op}Response`, results, 'ADMIN-TYPES', NS_ADMIN);
}

/** A refusal: no attributes, one error carrying the status code and its message with the detail. */
export function adminFailure(op: string, family: AdminFamily, status: StatusKey, detail: string | undefined, catalogue: StatusCatalogue): string {
  const row = catalogue[status];
  const message = statusMessage(row.message, detail);
  const results = `<results xsi:type="${typeNames(family).results}">${encodeResultCodes({ row, success: false })}`
    + `${encodeSet([], family)}${encodeErrorStack([{ code: row.code, desc: message }])}</results>`;
  return encodeOperationResponse(`${op}Response`, results, 'ADMIN-TYPES', NS_ADMIN);
}
