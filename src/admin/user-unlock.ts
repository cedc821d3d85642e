// userExecute USERCMD_UNLOCK (issue 5; flows.md §4 lockout): clears the lock, the failure count and the
// auto-unlock history with a compare-and-set on the lock count, retried when a logon raced it.
import { fail, type AdminResult, type AdminServices } from './services.js';
import { findUserByKey, viewAfter, type UserKey, type UserView } from './user-view.js';

const ATTEMPTS = 5;

export async function unlockUser(svc: AdminServices, key: UserKey): Promise<AdminResult<UserView>> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const found = await findUserByKey(svc, key);
    if (!found.ok) return found;
    const u = found.value;
    const next = { lockCount: 0, locked: false, lockedUntil: null, autoUnlocks: 0, lastFailure: null, lastFailureAt: null };
    if (await svc.store.updateLockState(u.id, u.lockCount, next)) return viewAfter(svc, u);
  }
  return fail('ERROR', 'The user kept changing; try the unlock again');
}
