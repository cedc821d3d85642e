// userExecute USERCMD_VIEW and the user view every user command answers with (issue 5; soap-wire.md
// §4): a user's account state and its assigned authenticators, without any secret.
import type { LocalAuthMode } from '../domain/model.js';
import type { StoredUser } from '../store/store.js';
import { DEFAULT_ADMIN_DOMAIN } from './session.js';
import { fail, succeed, type AdminResult, type AdminServices } from './services.js';

export interface UserKey {
  readonly userId?: string;
  readonly domain?: string;
}

export interface UserView {
  readonly userId: string;
  readonly domain: string;
  readonly localAuth: LocalAuthMode;
  /** Back-end authentication mode; null when never set. */
  readonly backendAuth: string | null;
  readonly disabled: boolean;
  readonly locked: boolean;
  readonly lockCount: number;
  readonly hasPassword: boolean;
  readonly email: string | null;
  readonly mobile: string | null;
  readonly description: string | null;
  readonly admin: boolean;
  /** Serials of the assigned authenticators, sorted. */
  readonly serials: readonly string[];
  /** When the user was created, ISO-8601 UTC. */
  readonly createdAt: string;
  /** Last administration change, ISO-8601 UTC; null when never changed. */
  readonly modifiedAt: string | null;
  /** When the account expires, ISO-8601 UTC; null when it does not. */
  readonly expiresAt: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The user named by `key`, or the failure a command reports (MISSINGFLD, NOT_FOUND). */
export async function findUserByKey(svc: AdminServices, key: UserKey): Promise<AdminResult<StoredUser>> {
  if (!key.userId) return fail('MISSINGFLD', 'The user ID is missing');
  const user = await svc.store.findUser(key.domain ?? DEFAULT_ADMIN_DOMAIN, key.userId);
  return user ? succeed(user) : fail('NOT_FOUND', 'No such user in this domain');
}

export async function toUserView(svc: AdminServices, user: StoredUser): Promise<UserView> {
  const serials = (await svc.store.listForUser(user.id)).map((a) => a.serial).sort();
  return {
    userId: user.userId, domain: user.domain, localAuth: user.localAuth, backendAuth: user.backendAuth ?? null, disabled: user.disabled, locked: user.locked,
    lockCount: user.lockCount, hasPassword: user.staticPasswordHash !== null, email: user.email ?? null,
    mobile: user.mobile ?? null, description: user.description ?? null, admin: user.admin, serials,
    createdAt: iso(user.createdAt), modifiedAt: user.modifiedAt === null ? null : iso(user.modifiedAt),
    expiresAt: user.expiresAt === null ? null : iso(user.expiresAt),
  };
}

/** USERCMD_VIEW. */
export async function viewUser(svc: AdminServices, key: UserKey): Promise<AdminResult<UserView>> {
  const found = await findUserByKey(svc, key);
  return found.ok ? succeed(await toUserView(svc, found.value)) : found;
}

/** Re-reads a user after a change and answers its view. */
export async function viewAfter(svc: AdminServices, user: StoredUser): Promise<AdminResult<UserView>> {
  return viewUser(svc, { userId: user.userId, domain: user.domain });
}
