// userExecute USERCMD_UPDATE, USERCMD_DISABLE, USERCMD_ENABLE and USERCMD_DELETE (issue 5; soap-wire.md
// §4): change a user's settings, switch it off or on, or remove it (its authenticators become unassigned).
import type { LocalAuthMode } from '../domain/model.js';
import { unstorableText } from '../domain/text.js';
import { badBackendAuth, LOCAL_AUTH_MODES } from './user-create.js';
import { fail, succeed, type AdminResult, type AdminServices } from './services.js';
import { findUserByKey, toUserView, viewAfter, type UserKey, type UserView } from './user-view.js';

export interface UpdateUserInput {
  readonly localAuth?: string;
  readonly disabled?: boolean;
  readonly email?: string;
  readonly mobile?: string;
  readonly description?: string;
  readonly backendAuth?: string;
}

/** An empty value clears a text setting; absent leaves it. */
const cleared = (v: string | undefined): string | null | undefined => (v === '' ? null : v);

export async function updateUser(svc: AdminServices, key: UserKey, input: UpdateUserInput): Promise<AdminResult<UserView>> {
  const found = await findUserByKey(svc, key);
  if (!found.ok) return found;
  const bad = unstorableText({ 'e-mail address': input.email, 'mobile number': input.mobile, description: input.description }, ['description']);
  if (bad) return fail('INVDATA', bad);
  if (input.localAuth !== undefined && !(LOCAL_AUTH_MODES as readonly string[]).includes(input.localAuth)) {
    return fail('INVDATA', `The local authentication mode must be one of ${LOCAL_AUTH_MODES.join(', ')}`);
  }
  const badMode = badBackendAuth(input.backendAuth);
  if (badMode) return fail('INVDATA', badMode);
  await svc.store.updateUser(found.value.id, {
    localAuth: input.localAuth as LocalAuthMode | undefined, disabled: input.disabled,
    email: cleared(input.email), mobile: cleared(input.mobile), description: cleared(input.description),
    backendAuth: input.backendAuth,
  });
  return viewAfter(svc, found.value);
}

export async function setUserDisabled(svc: AdminServices, key: UserKey, disabled: boolean): Promise<AdminResult<UserView>> {
  return updateUser(svc, key, { disabled });
}

/** Deletes the user; answers its view as it was just before. */
export async function deleteUser(svc: AdminServices, key: UserKey): Promise<AdminResult<UserView>> {
  const found = await findUserByKey(svc, key);
  if (!found.ok) return found;
  const before = await toUserView(svc, found.value);
  await svc.store.deleteUser(found.value.id);
  return succeed(before);
}
