// What the administration use cases need (issue 5; soap-wire.md §4 admin operations): the store,
// injected time and randomness, the secret hasher, and the shape every use case answers with.
import type { StatusKey } from '../domain/status.js';
import type { Clock, RateLimiter, Randomness, SecretHasher } from '../engine/ports.js';
import type { Store } from '../store/store.js';

export interface AdminServices {
  readonly store: Store;
  readonly clock: Clock;
  readonly random: Randomness;
  readonly hasher: SecretHasher;
  /** How long an administration session lives after logon, in ms (default 20 minutes). */
  readonly sessionLifetimeMs?: number;
  /** The rate limits logon passes (the engine's, src/engine/rate-limit.ts); absent = none. */
  readonly limiter?: RateLimiter;
}

export const DEFAULT_SESSION_LIFETIME_MS = 20 * 60 * 1000;

/** A refusal: the status and a reason naming the field or rule, never a secret value. */
export interface AdminFailure {
  readonly ok: false;
  readonly status: StatusKey;
  readonly detail: string;
}

export interface AdminSuccess<T> {
  readonly ok: true;
  readonly value: T;
}

export type AdminResult<T> = AdminSuccess<T> | AdminFailure;

export const succeed = <T>(value: T): AdminSuccess<T> => ({ ok: true, value });
export const fail = (status: StatusKey, detail: string): AdminFailure => ({ ok: false, status, detail });
