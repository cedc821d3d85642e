// updatePassword credential attributes → PasswordChangeRequest (door 'soap'), or an InvalidRequest
// (soap-wire.md §3, §5). Mandatory: component type, user, the current static password, the new one
// and its confirmation (either spelling); missing → STAT_MISSINGFLD, before type or length problems.
import type { PasswordChangeRequest } from '../../../domain/request.js';
import type { InvalidRequest } from '../../../engine/engine.js';
import { CURRENT_PASSWORD_FALLBACK } from '../decisions.js';
import { CREDFLD, type CredFld } from './credfld.js';
import type { RequestAttribute } from './envelope.js';
import { DOOR, refuse, type DecodeMeta } from './decode-auth.js';
import { missingField, readFields, type FieldValues } from './fields.js';

const MANDATORY: readonly CredFld[] = [
  CREDFLD.COMPONENT_TYPE, CREDFLD.USERID, CREDFLD.STATIC_PASSWORD, CREDFLD.NEW_STATIC_PASSWORD, CREDFLD.CONFIRM_STATIC_PASSWORD,
];

/** The current password: CREDFLD_STATIC_PASSWORD, else CREDFLD_PASSWORD when the decision allows it. */
const currentOf = (v: FieldValues): string | undefined => v.staticPassword ?? (CURRENT_PASSWORD_FALLBACK ? v.password : undefined);

export function decodeUpdatePassword(attributes: ReadonlyMap<string, RequestAttribute>, meta: DecodeMeta = {}): PasswordChangeRequest | InvalidRequest {
  const { values: v, given, invalid } = readFields(attributes);
  const present = new Set(given);
  if (CURRENT_PASSWORD_FALLBACK && given.has('password')) present.add('staticPassword');
  const missing = MANDATORY.find((fld) => !present.has(fld.input!));
  const problem = (missing && missingField(missing)) ?? invalid;
  if (problem) return refuse(problem, v, meta);
  return {
    door: DOOR, sourceAddress: meta.sourceAddress, componentType: v.componentType!, userId: v.userId!, domain: v.domain,
    staticPassword: currentOf(v)!, newStaticPassword: v.newStaticPassword!, confirmStaticPassword: v.confirmStaticPassword!,
  };
}
