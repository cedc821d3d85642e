// userExecute (soap-wire.md §4 admin shapes; issue 5): `sessionID`, `cmd` (USERCMD_*) and USERFLD_*
// attributes → one user use case of src/admin → the user's attributes. An unknown or unsupported
// command is STAT_INVDATA naming it.
import type { AdminResult, AdminServices } from '../../../admin/services.js';
import { createUser } from '../../../admin/user-create.js';
import { resetPassword, setPassword } from '../../../admin/user-password.js';
import { unlockUser } from '../../../admin/user-unlock.js';
import { deleteUser, setUserDisabled, updateUser } from '../../../admin/user-update.js';
import { viewUser, type UserView } from '../../../admin/user-view.js';
import { USER_CREATE_MANDATORY, USERFLD } from '../codec/admin-fields.js';
import { flag, text, type AdminFields } from '../codec/decode-admin.js';
import type { AdminAttr } from '../codec/encode-admin.js';
import { executeOperation } from './execute.js';

const OP = 'userExecute';
type Command = (svc: AdminServices, f: AdminFields) => Promise<AdminResult<UserView>>;

const key = (f: AdminFields) => ({ userId: text(f, 'userId'), domain: text(f, 'domain') });

const COMMANDS: Readonly<Record<string, Command>> = {
  CREATE: (svc, f) => createUser(svc, {
    ...key(f), password: text(f, 'password'), localAuth: text(f, 'localAuth'), disabled: flag(f, 'disabled'),
    email: text(f, 'email'), mobile: text(f, 'mobile'), description: text(f, 'description'), backendAuth: text(f, 'backendAuth'),
  }),
  VIEW: (svc, f) => viewUser(svc, key(f)),
  UNLOCK: (svc, f) => unlockUser(svc, key(f)),
  SET_PASSWORD: (svc, f) => setPassword(svc, key(f), text(f, 'password')),
  RESET_PASSWORD: (svc, f) => resetPassword(svc, key(f)),
  UPDATE: (svc, f) => updateUser(svc, key(f), {
    localAuth: text(f, 'localAuth'), disabled: flag(f, 'disabled'), email: text(f, 'email'), mobile: text(f, 'mobile'),
    description: text(f, 'description'), backendAuth: text(f, 'backendAuth'),
  }),
  DISABLE: (svc, f) => setUserDisabled(svc, key(f), true),
  ENABLE: (svc, f) => setUserDisabled(svc, key(f), false),
  DELETE: (svc, f) => deleteUser(svc, key(f)),
};

/** A create's first missing mandatory attribute (codec/admin-fields.ts USER_CREATE_MANDATORY), if any. */
const createMissing = (command: string, f: AdminFields): string | undefined =>
  (command === 'CREATE' ? USER_CREATE_MANDATORY.find((fld) => f.values[fld.field] === undefined)?.id : undefined);

/** The user as USERFLD attributes; back-end mode, contact fields, modify and expiry times only when set. */
export function userAttributes(u: UserView): AdminAttr[] {
  const out: AdminAttr[] = [
    { id: USERFLD.USERID.id, value: u.userId, type: 'string' },
    { id: USERFLD.DOMAIN.id, value: u.domain, type: 'string' },
    { id: USERFLD.LOCAL_AUTH.id, value: u.localAuth, type: 'string' },
    ...(u.backendAuth ? [{ id: USERFLD.BACKEND_AUTH.id, value: u.backendAuth, type: 'string' } as const] : []),
    { id: USERFLD.DISABLED.id, value: String(u.disabled), type: 'boolean' },
    { id: USERFLD.LOCKED.id, value: String(u.locked), type: 'boolean' },
    { id: USERFLD.LOCK_COUNT.id, value: String(u.lockCount), type: 'int' },
  ];
  const opt = (id: string, v: string | null) => { if (v) out.push({ id, value: v, type: 'string' }); };
  opt(USERFLD.EMAIL.id, u.email);
  opt(USERFLD.MOBILE.id, u.mobile);
  opt(USERFLD.DESCRIPTION.id, u.description);
  out.push({ id: USERFLD.HAS_DP.id, value: u.serials.length > 0 ? 'Assigned' : 'Unassigned', type: 'string' });
  opt(USERFLD.ASSIGNED_DIGIPASS.id, u.serials.join(',') || null);
  out.push({ id: USERFLD.CREATE_TIME.id, value: u.createdAt, type: 'dateTime' });
  if (u.modifiedAt) out.push({ id: USERFLD.MODIFY_TIME.id, value: u.modifiedAt, type: 'dateTime' });
  if (u.expiresAt) out.push({ id: USERFLD.EXPIRATION_TIME.id, value: u.expiresAt, type: 'dateTime' });
  return out;
}

export const userExecute = executeOperation({
  op: OP, family: 'User', commands: COMMANDS, attributes: userAttributes,
  required: { field: 'userId', id: USERFLD.USERID.id },
  alsoMissing: createMissing,
});
