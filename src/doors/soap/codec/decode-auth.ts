// authUser credential attributes → AuthRequest (door 'soap'), or an InvalidRequest the engine audits
// and answers as a business failure (soap-wire.md §3, §5; flows.md §2). Order of checks: mandatory
// attributes present (STAT_MISSINGFLD), then types, lengths and values (STAT_INVDATA).
import type { AuthRequest, PasswordFormat } from '../../../domain/request.js';
import type { InvalidRequest } from '../../../engine/engine.js';
import { AUTH_TYPE_VALUES, HOST_CODE_VALUES } from '../decisions.js';
import { CREDFLD, type CredFld } from './credfld.js';
import type { RequestAttribute } from './envelope.js';
import { invalidData, missingField, readFields, type FieldProblem, type FieldValues } from './fields.js';

export interface DecodeMeta {
  readonly sourceAddress?: string;
}

export const DOOR = 'soap';
const MANDATORY: readonly CredFld[] = [CREDFLD.COMPONENT_TYPE, CREDFLD.USERID, CREDFLD.PASSWORD_FORMAT];
const FORMATS: Readonly<Record<string, PasswordFormat>> = { '0': 'combined', '4': 'separate' };

export function decodeAuthUser(attributes: ReadonlyMap<string, RequestAttribute>, meta: DecodeMeta = {}): AuthRequest | InvalidRequest {
  const { values: v, given, invalid } = readFields(attributes);
  const missing = MANDATORY.find((fld) => !given.has(fld.input!));
  const problem = (missing && missingField(missing)) ?? invalid ?? checkValues(v);
  if (problem) return refuse(problem, v, meta);
  return {
    door: DOOR, sourceAddress: meta.sourceAddress,
    componentType: v.componentType!, userId: v.userId!, domain: v.domain,
    passwordFormat: FORMATS[v.passwordFormat!.trim()],
    password: v.password, staticPassword: v.staticPassword, response: v.response,
    currentPin: v.currentPin, newPin: v.newPin, confirmPin: v.confirmPin,
    serialNo: v.serialNo, challenge: v.challenge, challengeKey: v.challengeKey,
    requestHostCode: HOST_CODE_VALUES[v.requestHostCode?.trim().toLowerCase() ?? '0'],
    authType: AUTH_TYPE_VALUES.find((t) => t === v.authType?.trim().toUpperCase()),
  };
}

/** Value rules beyond type and length: password format 0 or 4, known host-code and auth-type words. */
function checkValues(v: FieldValues): FieldProblem | undefined {
  if (!Object.hasOwn(FORMATS, v.passwordFormat!.trim())) {
    return invalidData(`${CREDFLD.PASSWORD_FORMAT.id} must be 0 (combined) or 4 (separate)`);
  }
  if (v.requestHostCode !== undefined && !Object.hasOwn(HOST_CODE_VALUES, v.requestHostCode.trim().toLowerCase())) {
    return invalidData(`${CREDFLD.REQUEST_HOST_CODE.id} must be 1/optional or 2/required`);
  }
  if (v.authType !== undefined && !AUTH_TYPE_VALUES.some((t) => t === v.authType!.trim().toUpperCase())) {
    return invalidData(`${CREDFLD.AUTH_TYPE.id} must be one of ${AUTH_TYPE_VALUES.join(', ')}`);
  }
  return undefined;
}

/** The InvalidRequest the engine audits and answers for a request the codec refused. */
export function refuse(problem: FieldProblem, v: FieldValues, meta: DecodeMeta): InvalidRequest {
  return {
    invalid: problem.status, detail: problem.detail, door: DOOR, sourceAddress: meta.sourceAddress,
    componentType: v.componentType, userId: v.userId, domain: v.domain,
  };
}
