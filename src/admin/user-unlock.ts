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
    if (await svc.store.unlockUser(u.id, u.lockCount)) return viewAfter(svc, u);
  }
  return fail('ERROR', 'The user kept changing; try the unlock again');
}
