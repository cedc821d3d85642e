// getChallenge credential attributes → ChallengeRequest (door 'soap'), or an InvalidRequest
// (soap-wire.md §3, §5; flows.md §5 1-step): CREDFLD_COMPONENT_TYPE is mandatory; user, domain and
// serial are optional (none: a general challenge). Other known attributes are read and ignored.
import type { ChallengeRequest } from '../../../domain/request.js';
import type { InvalidRequest } from '../../../engine/engine.js';
import { CREDFLD } from './credfld.js';
import type { RequestAttribute } from './envelope.js';
import { DOOR, refuse, type DecodeMeta } from './decode-auth.js';
import { missingField, readFields } from './fields.js';

export function decodeGetChallenge(attributes: ReadonlyMap<string, RequestAttribute>, meta: DecodeMeta = {}): ChallengeRequest | InvalidRequest {
  const { values: v, given, invalid } = readFields(attributes);
  const problem = (!given.has('componentType') && missingField(CREDFLD.COMPONENT_TYPE)) || invalid;
  if (problem) return refuse(problem, v, meta);
  return {
    door: DOOR, sourceAddress: meta.sourceAddress, componentType: v.componentType!,
    userId: v.userId, domain: v.domain, serialNo: v.serialNo,
  };
}
