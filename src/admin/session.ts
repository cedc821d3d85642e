// Administration sessions (issue 5; soap-wire.md §4 logon/logoff/sessionalive): an administrator logs
// on with a static password and gets a random session id, kept in the store as a pending record of kind
// `admin-session` that expires; a wrong, expired or logged-off id is STAT_ADMIN_SESSION_STOPPED.
import type { StoredUser } from '../store/store.js';
import { DEFAULT_SESSION_LIFETIME_MS, fail, succeed, type AdminResult, type AdminServices } from './services.js';

export const DEFAULT_ADMIN_DOMAIN = 'master';

/**
 * What an administrator may do, reported at logon. An account is an administrator or not (no partial
 * roles), so every privilege is granted; the names are ours [OURS], one per family of admin operations.
 */
export const ADMIN_PRIVILEGES: readonly string[] = Object.freeze(['PRIV_USER_ADMIN', 'PRIV_DIGIPASS_ADMIN', 'PRIV_DIGIPASSAPPL_ADMIN', 'PRIV_QUERY']);
const SESSION_KIND = 'admin-session';
const SESSION_COMPONENT = 'Administration Program';

export interface LogonInput {
  readonly userId?: string;
  readonly domain?: string;
  readonly password?: string;
}

export interface AdminSession {
  readonly sessionId: string;
  readonly admin: StoredUser;
}

/** Checks the administrator's static password and opens a session. */
export async function logon(svc: AdminServices, input: LogonInput): Promise<AdminResult<AdminSession>> {
  if (!input.userId) return fail('MISSINGFLD', 'The user ID is missing');
  if (input.password === undefined) return fail('MISSINGFLD', 'The password is missing');
  const domain = input.domain ?? DEFAULT_ADMIN_DOMAIN;
  const user = await svc.store.findUser(domain, input.userId);
  const hash = user?.staticPasswordHash;
  if (!user || !hash || !(await svc.hasher.verify(hash, input.password))) return fail('INVCREDENTIALS', 'Unknown administrator or wrong password');
  if (!user.admin) return fail('PERMISSION', 'The user is not an administrator');
  if (user.disabled || user.locked) return fail('PERMISSION', 'The administrator account is disabled or locked');
  const sessionId = svc.random.bytes(16).toString('hex');
  const now = svc.clock.now();
  await svc.store.create({
    key: sessionId, kind: SESSION_KIND, userRef: user.id, authenticatorRef: null, componentType: SESSION_COMPONENT,
    createdAt: now, expiresAt: now + (svc.sessionLifetimeMs ?? DEFAULT_SESSION_LIFETIME_MS),
    payload: { domain: user.domain, userId: user.userId }, state: 'open',
  });
  return succeed({ sessionId, admin: user });
}

/** The administrator behind an open, unexpired session that may still administer. */
export async function requireSession(svc: AdminServices, sessionId: string | undefined): Promise<AdminResult<AdminSession>> {
  if (!sessionId) return fail('ADMIN_SESSION_STOPPED', 'No session id was given');
  const rec = await svc.store.find(sessionId);
  if (!rec || rec.kind !== SESSION_KIND || rec.state !== 'open' || rec.expiresAt <= svc.clock.now()) {
    return fail('ADMIN_SESSION_STOPPED', 'The session is unknown, expired or logged off');
  }
  const user = await svc.store.findUser(String(rec.payload.domain), String(rec.payload.userId));
  if (!user) return fail('USER_UNKNOWN', 'The administrator of this session no longer exists');
  if (!user.admin || user.disabled) return fail('PERMISSION', 'The session user may no longer administer');
  return succeed({ sessionId, admin: user });
}

/** Ends a session; a second logoff finds it stopped. */
export async function logoff(svc: AdminServices, sessionId: string | undefined): Promise<AdminResult<null>> {
  const s = await requireSession(svc, sessionId);
  if (!s.ok) return s;
  const ended = await svc.store.transition(s.value.sessionId, 'open', 'used');
  return ended ? succeed(null) : fail('ADMIN_SESSION_STOPPED', 'The session was already logged off');
}

/** Tells whether a session is still usable. */
export async function sessionAlive(svc: AdminServices, sessionId: string | undefined): Promise<AdminResult<null>> {
  const s = await requireSession(svc, sessionId);
  return s.ok ? succeed(null) : s;
}
