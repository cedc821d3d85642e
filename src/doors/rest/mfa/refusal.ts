// How an engine refusal reads on the MFA initialisation API (spec: other-frontends.md §3): the status
// name the policy lets the client see (generic masking applies), never the credential.
import type { AuthOutcome } from '../../../domain/request.js';
import type { RestContext } from '../context.js';
import { ApiError } from './http.js';

/** The audit's door name of every MFA API call: lockout and replay are shared with SOAP and RADIUS. */
export const MFA_DOOR = 'rest-mfa';

/** 429 (Retry-After) when rate limited, 503 when the password directory did not answer, 403 when no authenticator is usable, else 401. */
export function refusal(ctx: RestContext, o: AuthOutcome): ApiError {
  const name = ctx.catalogue[o.reported].name;
  if (o.status === 'RATE_LIMITED') return new ApiError(429, 'rate-limited', `too many failed attempts; retry in ${o.retryAfterS ?? 1} s (${name})`, undefined, o.retryAfterS ?? 1);
  if (o.status === 'COMMS') return new ApiError(503, 'target-system-unreachable', `the password directory did not answer (${name})`);
  if (o.status === 'DIGIPASS_LOCKED' && o.reported === 'DIGIPASS_LOCKED') return new ApiError(403, 'no-usable-authenticator', `no authenticator of this user can be used (${name})`);
  return new ApiError(401, 'authentication-failed', `authentication failed (${name})`);
}
