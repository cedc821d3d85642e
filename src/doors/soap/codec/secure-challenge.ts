// getSecureChallenge, Secure Channel (soap-wire.md §4, §5; flows.md §6): credential attributes →
// SecureChallengeRequest (component type and user mandatory; domain, serial, transaction title and
// request body optional), and `getSecureChallengeRespond` (sic) > `results` with the user, domain,
// serial, challenge key and request message (hex) on success.
import type { AuthOutcome, SecureChallengeRequest } from '../../../domain/request.js';
import type { StatusCatalogue } from '../../../domain/status.js';
import type { InvalidRequest } from '../../../engine/engine.js';
import { CREDFLD } from './credfld.js';
import { DOOR, refuse, type DecodeMeta } from './decode-auth.js';
import { encodeOperationResponse, encodeResults, outcomeResults, type ResultAttribute } from './encode.js';
import type { RequestAttribute } from './envelope.js';
import { missingField, readFields } from './fields.js';

export function decodeGetSecureChallenge(attributes: ReadonlyMap<string, RequestAttribute>, meta: DecodeMeta = {}): SecureChallengeRequest | InvalidRequest {
  const { values: v, given, invalid } = readFields(attributes);
  const missing = [CREDFLD.COMPONENT_TYPE, CREDFLD.USERID].find((fld) => !given.has(fld.input!));
  const problem = (missing && missingField(missing)) || invalid;
  if (problem) return refuse(problem, v, meta);
  return {
    door: DOOR, sourceAddress: meta.sourceAddress, componentType: v.componentType!, userId: v.userId!, domain: v.domain,
    serialNo: v.serialNo, transactionTitle: v.transactionTitle, requestBody: v.requestBody,
  };
}

export function encodeGetSecureChallengeRespond(outcome: AuthOutcome, catalogue: StatusCatalogue): string {
  const element = 'getSecureChallengeRespond';
  if (outcome.reported !== 'SUCCESS') return encodeOperationResponse(element, outcomeResults(outcome, catalogue));
  const attrs: ResultAttribute[] = [];
  const add = (fld: ResultAttribute['fld'], value: string | undefined): void => { if (value) attrs.push({ fld, value }); };
  add(CREDFLD.USERID, outcome.userId);
  add(CREDFLD.DOMAIN, outcome.domain);
  add(CREDFLD.SERIAL_NO, outcome.serialNo);
  add(CREDFLD.CHALLENGE_KEY, outcome.challengeKey);
  add(CREDFLD.REQUEST_MESSAGE, outcome.requestMessage);
  return encodeOperationResponse(element, encodeResults({ row: catalogue.SUCCESS, success: true }, attrs, []));
}
