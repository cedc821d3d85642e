// Administration sessions (issue 5; soap-wire.md §4 logon/logoff/sessionalive): an administrator logs
// on with a static password and gets a random session id, kept in the store only as its digest (a
// pending record of kind `admin-session` that expires); a wrong, expired or logged-off id is
// STAT_ADMIN_SESSION_STOPPED. Logon passes the rate limits, locks like a user's authUser and is
// audited (issue 16).
import { verifyAgainstDummy } from '../engine/policy/equal-cost.js';
import { resolvePolicy } from '../engine/policy/defaults.js';
import { settleLock } from '../engine/policy/lockout.js';
import { admitAttempt } from '../engine/rate-limit.js';
import type { Policy } from '../domain/model.js';
import { GENERIC_TARGET, STATUS, type StatusKey } from '../domain/status.js';
import { bearerKey } from '../store/bearer-digest.js';
import type { StoredUser } from '../store/store.js';
import { DEFAULT_SESSION_LIFETIME_MS, fail, succeed, type AdminResult, type AdminServices } from './services.js';

export const DEFAULT_ADMIN_DOMAIN = 'master';

/**
 * What an administrator may do, reported at logon. An account is an administrator or not (no partial
 * roles), so every privilege is granted; the names are ours [OURS], one per family of admin operations.
 */
export const ADMIN_PRIVILEGES: readonly string[] = Object.freeze(['PRIV_USER_ADMIN', 'PRIV_DIGIPASS_ADMIN', 'PRIV_DIGIPASSAPPL_ADMIN', 'PRIV_QUERY']);
const SESSION_KIND = 'admin-session';
/** The client component whose policy (lock threshold, auto-unlock, generic codes) administrators lock under. */
export const ADMIN_COMPONENT = 'Administration Program';
/** Without that client record, administrators lock under the base policy's defaults. */
const FALLBACK_POLICY = resolvePolicy({ name: 'Base' });

/** The stored key of a session id: its digest (src/store/bearer-digest.ts); the id itself is never stored. */
export const sessionKey = (sessionId: string): string => bearerKey(SESSION_KIND, sessionId);

export interface LogonInput {
  readonly userId?: string;
  readonly domain?: string;
  readonly password?: string;
  /** The client's address, for the rate limit per source. */
  readonly sourceAddress?: string;
  /** The door, for the rate-limit events (default `soap-admin`). */
  readonly door?: string;
}

export interface AdminSession {
  readonly sessionId: string;
  readonly admin: StoredUser;
  /** When the session ends (epoch ms, the services' clock). */
  readonly expiresAt: number;
}

/** Checks the administrator's static password (after the rate limits) and opens a session. */
export async function logon(svc: AdminServices, input: LogonInput): Promise<AdminResult<AdminSession>> {
  if (!input.userId) return fail('MISSINGFLD', 'The user ID is missing');
  if (input.password === undefined) return fail('MISSINGFLD', 'The password is missing');
  const domain = input.domain ?? DEFAULT_ADMIN_DOMAIN;
  const attempt = { operation: 'logon', door: input.door ?? 'soap-admin', componentType: ADMIN_COMPONENT, sourceAddress: input.sourceAddress, userId: input.userId, domain };
  const gate = admitAttempt(svc.limiter, attempt);
  const checked = gate.admitted ? await checkAdministrator(svc, domain, input.userId, input.password) : fail('RATE_LIMITED', gate.detail);
  if (gate.admitted) gate.settle(checked.ok ? 'SUCCESS' : checked.status);
  await svc.store.record({
    at: svc.clock.now(), door: attempt.door, componentType: ADMIN_COMPONENT, domain, userId: input.userId, serialNo: null,
    status: checked.ok ? 'SUCCESS' : checked.status, statusCode: STATUS[checked.ok ? 'SUCCESS' : checked.status].code,
    sourceAddress: input.sourceAddress ?? null, detail: checked.ok ? 'administration logon' : `administration logon: ${checked.detail}`,
  });
  if (!checked.ok) return checked;
  const user = checked.value;
  const sessionId = svc.random.bytes(16).toString('hex');
  const now = svc.clock.now();
  const expiresAt = now + (svc.sessionLifetimeMs ?? DEFAULT_SESSION_LIFETIME_MS);
  await svc.store.create({
    key: sessionKey(sessionId), kind: SESSION_KIND, userRef: user.id, authenticatorRef: null, componentType: ADMIN_COMPONENT,
    createdAt: now, expiresAt, payload: { domain: user.domain, userId: user.userId }, state: 'open',
  });
  return succeed({ sessionId, admin: user, expiresAt });
}

const masked = (status: StatusKey, policy: Policy): StatusKey => (policy.genericStatusCodes && STATUS[status].generic ? GENERIC_TARGET : status);

/**
 * Lock first (as authUser: flows.md §4), so a locked account's password cannot be guessed; a wrong
 * password counts toward the lock (no retry de-duplication: an admin client does not resend), a
 * logon that succeeds resets it.
 */
async function checkAdministrator(svc: AdminServices, domain: string, userId: string, password: string): Promise<AdminResult<StoredUser>> {
  const user = await svc.store.findUser(domain, userId);
  const policy = (await svc.store.findClient(ADMIN_COMPONENT))?.policy ?? FALLBACK_POLICY;
  const now = svc.clock.now();
  if (user?.locked && (user.lockedUntil === null || now < user.lockedUntil)) {
    return fail(masked('LOCKED', policy), 'The administrator account is locked; another administrator unlocks it');
  }
  const hash = user?.staticPasswordHash;
  // An unknown administrator costs the argon2id verify a known one does (no enumeration by timing).
  if (!user || !hash) await verifyAgainstDummy(svc.hasher, password);
  if (!user || !hash || !(await svc.hasher.verify(hash, password))) {
    if (user && hash) await settleLock(svc.store, user, policy, now, 'LOCAL_PASSWORD_MISMATCH');
    return fail('INVCREDENTIALS', 'Unknown administrator or wrong password');
  }
  if (!user.admin) return fail('PERMISSION', 'The user is not an administrator');
  if (user.disabled) return fail('PERMISSION', 'The administrator account is disabled');
  await settleLock(svc.store, user, policy, now, 'SUCCESS');
  return succeed(user);
}

/** The administrator behind an open, unexpired session that may still administer. */
export async function requireSession(svc: AdminServices, sessionId: string | undefined): Promise<AdminResult<AdminSession>> {
  if (!sessionId) return fail('ADMIN_SESSION_STOPPED', 'No session id was given');
  const rec = await svc.store.find(sessionKey(sessionId));
  if (!rec || rec.kind !== SESSION_KIND || rec.state !== 'open' || rec.expiresAt <= svc.clock.now()) {
    return fail('ADMIN_SESSION_STOPPED', 'The session is unknown, expired or logged off');
  }
  const user = await svc.store.findUser(String(rec.payload.domain), String(rec.payload.userId));
  if (!user) return fail('USER_UNKNOWN', 'The administrator of this session no longer exists');
  if (!user.admin || user.disabled) return fail('PERMISSION', 'The session user may no longer administer');
  return succeed({ sessionId, admin: user, expiresAt: rec.expiresAt });
}

/** Ends a session; a second logoff finds it stopped. */
export async function logoff(svc: AdminServices, sessionId: string | undefined): Promise<AdminResult<null>> {
  const s = await requireSession(svc, sessionId);
  if (!s.ok) return s;
  const ended = await svc.store.transition(sessionKey(s.value.sessionId), 'open', 'used');
  return ended ? succeed(null) : fail('ADMIN_SESSION_STOPPED', 'The session was already logged off');
}

/** Tells whether a session is still usable. */
export async function sessionAlive(svc: AdminServices, sessionId: string | undefined): Promise<AdminResult<null>> {
  const s = await requireSession(svc, sessionId);
  return s.ok ? succeed(null) : s;
}
