// Lockout accounting (spec: flows.md §4): +1 per failed credential check, reset on success, lock at
// the threshold, auto-unlock with a growing duration, and a client retry of the same wrong
// credential counted once. Every change is a compare-and-set on the lock count, retried on conflict.
import type { Policy, User } from '../../domain/model.js';
import type { StatusKey } from '../../domain/status.js';
import type { EngineEvents, LockState, UserStore } from '../ports.js';

/** Statuses that are failed credential checks and therefore count toward the lock. */
const COUNTED: ReadonlySet<StatusKey> = new Set<StatusKey>(['OTP_INCORRECT', 'OTP_REPLAY', 'LOCAL_PASSWORD_MISMATCH']);

export const countsTowardLock = (status: StatusKey): boolean => COUNTED.has(status);

const CLEAR: LockState = { lockCount: 0, locked: false, lockedUntil: null, autoUnlocks: 0, lastFailure: null, lastFailureAt: null };

export function afterFailure(user: User, policy: Policy, now: number, tag: string | undefined): LockState | undefined {
  const isRetry = tag !== undefined && user.lastFailure === tag && user.lastFailureAt !== null
    && now - user.lastFailureAt < policy.retryDedupS * 1000;
  if (isRetry) return undefined;
  const lockCount = user.lockCount + 1;
  const base = { ...stateOf(user), lockCount, lastFailure: tag ?? null, lastFailureAt: now };
  const retrying = user.locked && user.lockedUntil !== null;
  if (!retrying && (policy.lockThreshold === 0 || lockCount < policy.lockThreshold)) return base;
  return { ...base, locked: true, ...nextAutoUnlock(user, policy, now, retrying) };
}

function nextAutoUnlock(user: User, policy: Policy, now: number, retrying: boolean): Pick<LockState, 'lockedUntil' | 'autoUnlocks'> {
  const au = policy.autoUnlock;
  const autoUnlocks = retrying ? user.autoUnlocks + 1 : user.autoUnlocks;
  if (!au.enabled || autoUnlocks >= au.maxUnlocks) return { lockedUntil: null, autoUnlocks };
  return { lockedUntil: now + au.durationS * 1000 * au.multiplier ** autoUnlocks, autoUnlocks };
}

const stateOf = (u: User): LockState => ({
  lockCount: u.lockCount, locked: u.locked, lockedUntil: u.lockedUntil, autoUnlocks: u.autoUnlocks,
  lastFailure: u.lastFailure, lastFailureAt: u.lastFailureAt,
});

/** No failure counted, no lock, no auto-unlock: a success changes nothing. */
export const isClear = (u: User): boolean => u.lockCount === 0 && !u.locked && u.autoUnlocks === 0;

/**
 * A compare-and-set on the lock count fails only because another request's update landed, so retrying
 * always ends; this bound is a safety net far above any realistic number of racers (a burst of 30 wrong
 * OTPs over two nodes lost 5 of its counts with a bound of 8).
 */
const MAX_LOCK_ATTEMPTS = 1000;

/**
 * Applies the lock consequence of an outcome; re-reads and retries when another request won. `events`
 * hears of the one update that locked the account, or locked it again once an auto-unlock
 * ran out (the compare-and-set makes it one per lockout).
 */
export async function settleLock(users: UserStore, user: User, policy: Policy, now: number, status: StatusKey, tag?: string,
  events?: EngineEvents): Promise<void> {
  let current: User | null = user;
  for (let attempt = 0; attempt < MAX_LOCK_ATTEMPTS && current; attempt++) {
    const next = status === 'SUCCESS' ? (isClear(current) ? undefined : CLEAR) : afterFailure(current, policy, now, tag);
    if (!next) return;
    if (await users.updateLockState(current.id, current.lockCount, next)) {
      if (next.locked && (!current.locked || next.lockedUntil !== current.lockedUntil)) events?.locked(current);
      return;
    }
    current = await users.findUser(current.domain, current.userId);
  }
}
