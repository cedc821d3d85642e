// userExecute USERCMD_SET_PASSWORD and USERCMD_RESET_PASSWORD (issue 5; soap-wire.md §4): replace the
// user's static password (argon2id) or remove it.
import { fail, type AdminResult, type AdminServices } from './services.js';
import { findUserByKey, viewAfter, type UserKey, type UserView } from './user-view.js';

export async function setPassword(svc: AdminServices, key: UserKey, password: string | undefined): Promise<AdminResult<UserView>> {
  const found = await findUserByKey(svc, key);
  if (!found.ok) return found;
  if (!password) return fail('MISSINGFLD', 'The new password is missing');
  await svc.store.setStaticPassword(found.value.id, await svc.hasher.hash(password));
  return viewAfter(svc, found.value);
}

export async function resetPassword(svc: AdminServices, key: UserKey): Promise<AdminResult<UserView>> {
  const found = await findUserByKey(svc, key);
  if (!found.ok) return found;
  await svc.store.setStaticPassword(found.value.id, null);
  return viewAfter(svc, found.value);
}
