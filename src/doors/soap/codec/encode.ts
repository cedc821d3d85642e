// Responses, built as strings on the hot path (soap-wire.md §4): the envelope with the exact prefixes
// of a real server, `results` (resultCodes, resultAttribute, errorStack: always all three, typed),
// the authUser wrapper, getChallenge and updatePassword answers, and SOAP 1.1 Faults (never a stack trace).
import type { AuthOutcome } from '../../../domain/request.js';
import { RETURN, type StatusCatalogue, type StatusRow } from '../../../domain/status.js';
import { MASKED_VALUE, statusMessage } from '../decisions.js';
import { CREDFLD, type CredFld } from './credfld.js';
import type { FaultCode } from './fault.js';
import { escapeXml } from './xml.js';

const NS_SOAP_ENV = 'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"';
const NS_XSD_XSI = 'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const NS_BASIC = 'xmlns:BASIC-TYPES="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/BasicTypes.xsd"';
const NS_CREDENTIAL = 'xmlns:CREDENTIAL-TYPES="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/CredentialTypes.xsd"';
export const NS_AUTH = 'xmlns:AUTH-TYPES="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Authentication"';
export const NS_ADMIN = 'xmlns:ADMIN-TYPES="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Administration"';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** A whole response envelope around `body`; `operationNs` declares the operation element's prefix. */
export function encodeEnvelope(body: string, operationNs: string = NS_AUTH): string {
  return `${XML_DECLARATION}<SOAP-ENV:Envelope ${NS_SOAP_ENV} ${NS_XSD_XSI} ${NS_BASIC} ${NS_CREDENTIAL} ${operationNs}>`
    + `<SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;
}

export interface ResultAttribute {
  readonly fld: CredFld;
  readonly value: string;
}

export interface ErrorEntry {
  readonly code: number;
  readonly desc: string;
}

/** The status a response reports: the catalogue row, and whether it is a success (RET_SUCCESS). */
export interface WireStatus {
  readonly row: StatusRow;
  readonly success: boolean;
}

export function encodeResultCodes({ row, success }: WireStatus): string {
  const ret = success ? RETURN.SUCCESS : RETURN.FAILURE;
  return '<resultCodes xsi:type="BASIC-TYPES:ResultCodes">'
    + `<returnCodeEnum xsi:type="BASIC-TYPES:ReturnCodeEnum">${ret.name}</returnCodeEnum>`
    + `<statusCodeEnum xsi:type="BASIC-TYPES:StatusCodeEnum">${escapeXml(row.name)}</statusCodeEnum>`
    + `<returnCode xsi:type="xsd:int">${ret.code}</returnCode>`
    + `<statusCode xsi:type="xsd:int">${row.code}</statusCode>`
    + '</resultCodes>';
}

/** One `attributes` entry: attributeOptions (secrets only, value masked), value, attributeID. */
function encodeAttribute({ fld, value }: ResultAttribute): string {
  const options = fld.secret ? '<attributeOptions><masked>true</masked></attributeOptions>' : '';
  return `<attributes xsi:type="CREDENTIAL-TYPES:CredentialAttribute">${options}`
    + `<value xsi:type="xsd:string">${escapeXml(fld.secret ? MASKED_VALUE : value)}</value>`
    + `<attributeID>${fld.id}</attributeID></attributes>`;
}

export function encodeAttributeSet(attributes: readonly ResultAttribute[]): string {
  if (attributes.length === 0) return '<resultAttribute xsi:type="CREDENTIAL-TYPES:CredentialAttributeSet"/>';
  return `<resultAttribute xsi:type="CREDENTIAL-TYPES:CredentialAttributeSet">${attributes.map(encodeAttribute).join('')}</resultAttribute>`;
}

export function encodeErrorStack(errors: readonly ErrorEntry[]): string {
  if (errors.length === 0) return '<errorStack xsi:type="BASIC-TYPES:ErrorStack"/>';
  const items = errors.map((e) => '<errors xsi:type="BASIC-TYPES:Error">'
    + `<errorCode xsi:type="xsd:int">${e.code}</errorCode>`
    + `<errorDesc xsi:type="xsd:string">${escapeXml(e.desc)}</errorDesc></errors>`);
  return `<errorStack xsi:type="BASIC-TYPES:ErrorStack">${items.join('')}</errorStack>`;
}

/** `results`: resultCodes, resultAttribute, errorStack, in that order, all three always present. */
export function encodeResults(status: WireStatus, attributes: readonly ResultAttribute[], errors: readonly ErrorEntry[]): string {
  return `<results xsi:type="CREDENTIAL-TYPES:CredentialResults">${encodeResultCodes(status)}`
    + `${encodeAttributeSet(attributes)}${encodeErrorStack(errors)}</results>`;
}

/** `<PREFIX:opResponse><results …/></PREFIX:opResponse>` for operations without a wrapper. */
export function encodeOperationResponse(element: string, results: string, prefix = 'AUTH-TYPES', ns = NS_AUTH): string {
  return encodeEnvelope(`<${prefix}:${element}>${results}</${prefix}:${element}>`, ns);
}

/**
 * The attributes and errors an engine outcome puts on the wire. The rule:
 * - success: CREDFLD_USERID, CREDFLD_DOMAIN, then CREDFLD_SERIAL_NO, CREDFLD_HOST_CODE, CREDFLD_CHALLENGE,
 *   CREDFLD_CHALLENGE_KEY, CREDFLD_CHALLENGE_MESSAGE each when the outcome has it; no status message,
 *   no errors (one client reads "success plus a status message" as failure);
 * - failure: CREDFLD_USERID when known, the challenge attributes for STAT_CHALLENGE and STAT_OTP_SENT
 *   (a virtual authenticator's OTP was sent: key and message, no challenge), then
 *   CREDFLD_STATUS_MESSAGE; one error whose code is the status code and whose text is the message.
 * Row, number and message come from the catalogue for `outcome.reported` (generic masking already
 * applied); the engine's detail is shown only when the status was not masked.
 */
export function outcomeResults(outcome: AuthOutcome, catalogue: StatusCatalogue): string {
  const row = catalogue[outcome.reported];
  const success = outcome.reported === 'SUCCESS';
  const attrs: ResultAttribute[] = [];
  const add = (fld: CredFld, value: string | undefined): void => { if (value !== undefined && value !== '') attrs.push({ fld, value }); };
  add(CREDFLD.USERID, outcome.userId);
  if (success) add(CREDFLD.DOMAIN, outcome.domain);
  if (success) add(CREDFLD.SERIAL_NO, outcome.serialNo);
  if (success) add(CREDFLD.HOST_CODE, outcome.hostCode);
  if (success || outcome.reported === 'CHALLENGE' || outcome.reported === 'OTP_SENT') {
    add(CREDFLD.CHALLENGE, outcome.challenge);
    add(CREDFLD.CHALLENGE_KEY, outcome.challengeKey);
    add(CREDFLD.CHALLENGE_MESSAGE, outcome.challengeMessage);
  }
  if (success) return encodeResults({ row, success }, attrs, []);
  const message = statusMessage(row.message, outcome.reported === outcome.status ? outcome.detail : undefined);
  add(CREDFLD.STATUS_MESSAGE, message);
  return encodeResults({ row, success }, attrs, [{ code: row.code, desc: message }]);
}

/** The authUser answer: `authUserResponse` > `authUserResults` (the only wrapper) > `results`. */
export function encodeAuthUserResponse(outcome: AuthOutcome, catalogue: StatusCatalogue): string {
  return encodeEnvelope('<AUTH-TYPES:authUserResponse><authUserResults xsi:type="AUTH-TYPES:AuthUserResults">'
    + `${outcomeResults(outcome, catalogue)}</authUserResults></AUTH-TYPES:authUserResponse>`);
}

/**
 * The getChallenge answer: `getChallengeResponse` > `results`, no wrapper. CREDFLD_DOMAIN goes out only
 * with a user: a general challenge belongs to no domain.
 */
export function encodeGetChallengeResponse(outcome: AuthOutcome, catalogue: StatusCatalogue): string {
  const shown = outcome.userId === undefined ? { ...outcome, domain: undefined } : outcome;
  return encodeOperationResponse('getChallengeResponse', outcomeResults(shown, catalogue));
}

/** The updatePassword answer: `updatePasswordResponse` > `results`, no wrapper. */
export function encodeUpdatePasswordResponse(outcome: AuthOutcome, catalogue: StatusCatalogue): string {
  return encodeOperationResponse('updatePasswordResponse', outcomeResults(outcome, catalogue));
}

/** A SOAP 1.1 Fault; the text is the client-facing reason, never a stack trace. */
export function encodeFault(faultcode: FaultCode, faultstring: string): string {
  return `${XML_DECLARATION}<SOAP-ENV:Envelope ${NS_SOAP_ENV}><SOAP-ENV:Body><SOAP-ENV:Fault>`
    + `<faultcode>${faultcode}</faultcode><faultstring>${escapeXml(faultstring)}</faultstring>`
    + '</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>';
}
