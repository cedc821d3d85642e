// The one rate-limit check of every credential-checking operation (docs/operations/rate-limits.md):
// before the user's turn, the store or any OTP, an attempt takes a token per source address and per
// user; refused, it is answered STAT_RATE_LIMITED (audited, reported to the limiter's listeners) and
// counts toward nothing. Tokens of an attempt that was no failed guess are given back afterwards.
import type { AuthOutcome } from '../domain/request.js';
import type { StatusKey } from '../domain/status.js';
import { isInvalid, type CallHooks, type InvalidRequest } from './engine.js';
import { refuse } from './outcome.js';
import type { Ports, RateLimiter, RateScope } from './ports.js';
import { DEFAULT_DOMAIN } from './steps/resolve-user.js';
import { userGateKey } from './user-gate.js';

/** Who attempts what, as far as the limits care. No user ID: only the source's bucket applies. */
export interface Attempt {
  readonly operation: string;
  readonly door: string;
  readonly componentType: string;
  readonly sourceAddress?: string;
  readonly userId?: string;
  readonly domain?: string;
}

/**
 * Outcomes that are no failed guess: a success, a challenge, a sent OTP or new-PIN prompt, a push nobody (or the
 * user) answered, a back end that failed. Every other outcome keeps its tokens: wrong or replayed
 * credentials, unknown users, locked or disabled accounts, unknown push keys.
 */
const NOT_A_GUESS: ReadonlySet<StatusKey> = new Set<StatusKey>(['SUCCESS', 'CHALLENGE', 'OTP_SENT', 'NEW_PIN_REQUIRED', 'PUSH_TIMEOUT', 'PUSH_REJECTED', 'COMMS', 'ERROR']);

export const isFailedGuess = (status: StatusKey): boolean => !NOT_A_GUESS.has(status);

export type Gate =
  | { readonly admitted: true; settle(status: StatusKey): void; giveBack(): void }
  | { readonly admitted: false; readonly scope: RateScope; readonly retryAfterS: number; readonly detail: string };

/** The attempt of a request of any operation (the credential itself stays out). */
export const attemptOf = (operation: string, r: Omit<Attempt, 'operation'>): Attempt => ({
  operation, door: r.door, componentType: r.componentType, sourceAddress: r.sourceAddress, userId: r.userId, domain: r.domain,
});

const OPEN: Gate = { admitted: true, settle: () => undefined, giveBack: () => undefined };

const WHY: Record<RateScope, string> = { source: 'from this address', user: 'for this user' };

/** Takes the attempt's tokens, or refuses it (reported to the limiter's listeners). */
export function admitAttempt(limiter: RateLimiter | undefined, a: Attempt): Gate {
  if (!limiter) return OPEN;
  const user = a.userId ? userGateKey(a.domain || DEFAULT_DOMAIN, a.userId) : undefined;
  const admission = limiter.admit({ source: a.sourceAddress, user });
  if (!admission.admitted) {
    limiter.report({ door: a.door, scope: admission.scope, operation: a.operation });
    const retryAfterS = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
    return { admitted: false, scope: admission.scope, retryAfterS, detail: `too many failed attempts ${WHY[admission.scope]}; retry in ${retryAfterS} s` };
  }
  return {
    admitted: true,
    giveBack: () => admission.giveBack(),
    settle: (status) => { if (!isFailedGuess(status)) admission.giveBack(); },
  };
}

/**
 * Runs `run` when the attempt is admitted and settles its tokens by the outcome; `run` gets the early
 * give-back for a call held for a device answer (a held push is no guess and must not hold a token).
 */
export async function limitedBy<T>(ports: Ports, a: Attempt, run: (giveBack: () => void) => Promise<T>,
  outcomeOf: (t: T) => AuthOutcome, refused: (o: AuthOutcome) => T, keepsToken?: (o: AuthOutcome) => boolean): Promise<T> {
  const gate = admitAttempt(ports.limiter, a);
  if (!gate.admitted) {
    const o = await refuse(ports, { invalid: 'RATE_LIMITED', detail: gate.detail, door: a.door, componentType: a.componentType,
      userId: a.userId || undefined, domain: a.domain, sourceAddress: a.sourceAddress });
    return refused({ ...o, retryAfterS: gate.retryAfterS });
  }
  let result: T;
  try { result = await run(gate.giveBack); } catch (err) { gate.giveBack(); throw err; }
  const outcome = outcomeOf(result);
  if (!keepsToken?.(outcome)) gate.settle(outcome.status);
  return result;
}

export const limited = (ports: Ports, a: Attempt, run: (giveBack: () => void) => Promise<AuthOutcome>,
  keepsToken?: (o: AuthOutcome) => boolean): Promise<AuthOutcome> => limitedBy(ports, a, run, (o) => o, (o) => o, keepsToken);

/**
 * An engine operation behind the limits: an invalid request is refused (audited) first, at no token's
 * cost. `keepsToken` names outcomes that keep their tokens although they are no failed guess.
 */
export function guarded<R extends Omit<Attempt, 'operation'>>(ports: Ports, operation: string,
  run: (request: R, giveBack: () => void, hooks?: CallHooks) => Promise<AuthOutcome>,
  keepsToken?: (o: AuthOutcome) => boolean): (request: R | InvalidRequest, hooks?: CallHooks) => Promise<AuthOutcome> {
  return (request, hooks) => (isInvalid(request) ? refuse(ports, request)
    : limited(ports, attemptOf(operation, request), (giveBack) => run(request, giveBack, hooks), keepsToken));
}
