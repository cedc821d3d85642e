// Strongly typed device operations (soap-wire.md §4; flows.md §6): plain child elements in
// (`componentType`, `serialNumber`, `challengeKey` or `challengeKeyMessage`), and `<op>Response` out with
// `status` (resultCodes, errorStack) and, for getPreparedSecureChallenge on success, `result`.
// The `result` children and the xsi:type names of `status`/`result` are [OURS] (declared in wsdl/).
import type { AuthOutcome, DeviceRequest, PushTransaction } from '../../../domain/request.js';
import type { StatusCatalogue } from '../../../domain/status.js';
import type { InvalidRequest } from '../../../engine/engine.js';
import { statusMessage } from '../decisions.js';
import { encodeEnvelope, encodeErrorStack, encodeResultCodes } from './encode.js';
import type { XmlElement } from './tree.js';
import { escapeXml } from './xml.js';

const DOOR = 'soap';
const MAX_LENGTH = 256;

/** The text of the first child named `name`, trimmed; undefined when absent or empty. */
const childText = (children: readonly XmlElement[], name: string): string | undefined => {
  const text = children.find((c) => c.name === name)?.text.trim();
  return text === undefined || text === '' ? undefined : text;
};

export function decodeDeviceRequest(children: readonly XmlElement[], keyElement: 'challengeKey' | 'challengeKeyMessage', sourceAddress?: string): DeviceRequest | InvalidRequest {
  const componentType = childText(children, 'componentType');
  const serialNo = childText(children, 'serialNumber');
  const challengeKey = childText(children, keyElement);
  const refuse = (invalid: 'MISSINGFLD' | 'INVDATA', detail: string): InvalidRequest => ({ invalid, detail, door: DOOR, componentType, sourceAddress });
  for (const [name, value] of [['componentType', componentType], ['serialNumber', serialNo], [keyElement, challengeKey]] as const) {
    if (value === undefined) return refuse('MISSINGFLD', name);
    if (value.length > MAX_LENGTH) return refuse('INVDATA', `${name} is longer than ${MAX_LENGTH} characters`);
  }
  return { componentType: componentType!, serialNo: serialNo!, challengeKey: challengeKey!, sourceAddress, door: DOOR };
}

function encodeStatus(outcome: AuthOutcome, catalogue: StatusCatalogue): string {
  const row = catalogue[outcome.reported];
  const success = outcome.reported === 'SUCCESS';
  const errors = success ? [] : [{ code: row.code, desc: statusMessage(row.message, outcome.reported === outcome.status ? outcome.detail : undefined) }];
  return `<status xsi:type="BASIC-TYPES:StatusResults">${encodeResultCodes({ row, success })}${encodeErrorStack(errors)}</status>`;
}

const item = (name: string, value: string): string => `<${name} xsi:type="xsd:string">${escapeXml(value)}</${name}>`;

function encodeTransaction(t: PushTransaction, outcome: AuthOutcome): string {
  return '<result xsi:type="AUTH-TYPES:PreparedSecureChallenge">'
    + item('challengeKey', t.challengeKey) + item('serialNumber', t.serialNo)
    + item('userID', outcome.userId ?? '') + item('domain', outcome.domain ?? '')
    + item('challenge', t.message) + item('expiryTime', new Date(t.expiresAt).toISOString())
    + '</result>';
}

/** `<AUTH-TYPES:{element}>` > `status` [+ `result`]. */
export function encodeTypedResponse(element: string, outcome: AuthOutcome, catalogue: StatusCatalogue): string {
  const result = outcome.reported === 'SUCCESS' && outcome.transaction ? encodeTransaction(outcome.transaction, outcome) : '';
  return encodeEnvelope(`<AUTH-TYPES:${element}>${encodeStatus(outcome, catalogue)}${result}</AUTH-TYPES:${element}>`);
}
