// Console API, users (issue 21): search, view (authenticators, lock state, last logon), create, change,
// disable/enable, unlock, set or remove the static password, delete, enrol a TOTP, add a virtual authenticator. Each route is one
// admin use case of src/admin, the same the CLI and admin SOAP run.
import QRCode from 'qrcode';
import { createAuthenticator, type CreatedAuthenticator } from '../../admin/authenticator.js';
import { enrolTotp } from '../../admin/enrol.js';
import { queryUsers, type Criterion } from '../../admin/query.js';
import { toAuthenticatorView } from '../../admin/digipass.js';
import { succeed } from '../../admin/services.js';
import { lastLogon } from '../../admin/user-activity.js';
import { createUser } from '../../admin/user-create.js';
import { resetPassword, setPassword } from '../../admin/user-password.js';
import { unlockUser } from '../../admin/user-unlock.js';
import { deleteUser, updateUser } from '../../admin/user-update.js';
import { viewUser, type UserKey } from '../../admin/user-view.js';
import { intParam, resultReply, textParam } from './http.js';
import { audited, field, userObject, type Call, type Route } from './route.js';

const keyOf = (call: Call): UserKey => ({ domain: call.params.domain, userId: call.params.userId });
const objectOf = (call: Call): string => userObject(call.params.domain, call.params.userId);

/** `q` matches anywhere in the user ID (`*` is a wildcard); none found is an empty list. */
async function search(call: Call) {
  const q = textParam(call.url, 'q');
  const criteria: Criterion[] = q ? [{ field: 'userId', value: `*${q}*` }] : [];
  const page = { offset: intParam(call.url, 'offset', 0, 0, 1_000_000), count: intParam(call.url, 'limit', 50, 1, 1000) };
  const found = await queryUsers(call.deps.admin, criteria, page);
  if (!found.ok && found.status === 'NOT_FOUND') return resultReply(call.deps.catalogue, succeed([]));
  return resultReply(call.deps.catalogue, found);
}

/** The user view, its authenticators' views and its last logon. */
async function detail(call: Call) {
  const svc = call.deps.admin;
  const view = await viewUser(svc, keyOf(call));
  if (!view.ok) return resultReply(call.deps.catalogue, view);
  const authenticators = [];
  for (const serial of view.value.serials) {
    const a = await svc.store.findBySerial(serial);
    if (a) authenticators.push(await toAuthenticatorView(svc, a));
  }
  const last = await lastLogon(svc, keyOf(call));
  return resultReply(call.deps.catalogue, succeed({ ...view.value, authenticators, lastLogon: last.ok ? last.value : null }));
}

const changes = (call: Call) => ({
  localAuth: field(call, 'localAuth'), email: field(call, 'email'), mobile: field(call, 'mobile'), description: field(call, 'description'),
  disabled: typeof call.body.disabled === 'boolean' ? call.body.disabled : undefined,
});

async function create(call: Call) {
  const input = { ...changes(call), userId: field(call, 'userId'), domain: field(call, 'domain'), password: field(call, 'password'), admin: call.body.admin === true };
  return audited(call, 'user create', userObject(input.domain, input.userId), await createUser(call.deps.admin, input), undefined, true);
}

/** The enrolment with its otpauth URI drawn as a QR code (PNG data URL; the page shows it as an image). */
async function enrol(call: Call) {
  const made = await enrolTotp(call.deps.admin, keyOf(call), { serial: field(call, 'serial') });
  const shaped = made.ok ? succeed({ ...made.value, qr: await QRCode.toDataURL(made.value.uri, { errorCorrectionLevel: 'M', margin: 4, scale: 6 }) }) : made;
  return audited(call, 'enrol', `${objectOf(call)}${made.ok ? ` ${made.value.authenticator.serial}` : ''}`, shaped, undefined, true);
}

/** A virtual authenticator (OTPs by e-mail or SMS, docs/virtual-otp.md) created for the user. */
async function addVirtual(call: Call) {
  const b = call.body;
  const made = await createAuthenticator(call.deps.admin, {
    serial: field(call, 'serial'), kind: 'virtual', user: keyOf(call), delivery: field(call, 'delivery'), backup: b.backup === true ? true : undefined,
    uses: typeof b.uses === 'number' ? b.uses : undefined, days: typeof b.days === 'number' ? b.days : undefined,
  });
  // The authenticator's view: a virtual one has no secret, and the answer names none of the OTP shape.
  const view = ({ secret: _s, algorithm: _a, digits: _d, period: _p, ...v }: CreatedAuthenticator) => v;
  return audited(call, 'virtual authenticator create', `${objectOf(call)}${made.ok ? ` ${made.value.serial}` : ''}`, made, view, true);
}

const USER = '/users/{domain}/{userId}';

export const USER_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/users', operationId: 'consoleUserSearch', summary: 'Search users by user ID (`q`, `*` wildcard)', answer: 'ConsoleUserList',
    query: { q: 'Part of the user ID', offset: 'Rows to skip', limit: 'At most this many (1-1000, default 50)' }, handle: search },
  { method: 'POST', path: '/users', operationId: 'consoleUserCreate', summary: 'Create a user', body: 'ConsoleNewUser', answer: 'ConsoleUser', handle: create },
  { method: 'GET', path: USER, operationId: 'consoleUserView', summary: 'A user, its authenticators and last logon', answer: 'ConsoleUserDetail', handle: detail },
  { method: 'PATCH', path: USER, operationId: 'consoleUserUpdate', summary: 'Change settings, disable or enable', body: 'ConsoleUserChanges', answer: 'ConsoleUser',
    handle: async (call) => audited(call, call.body.disabled === true ? 'user disable' : call.body.disabled === false ? 'user enable' : 'user update',
      objectOf(call), await updateUser(call.deps.admin, keyOf(call), changes(call))) },
  { method: 'DELETE', path: USER, operationId: 'consoleUserDelete', summary: 'Delete a user (its authenticators become unassigned)', answer: 'ConsoleUser',
    handle: async (call) => audited(call, 'user delete', objectOf(call), await deleteUser(call.deps.admin, keyOf(call))) },
  { method: 'POST', path: `${USER}/unlock`, operationId: 'consoleUserUnlock', summary: 'Unlock: clear the lock and the failure count', answer: 'ConsoleUser',
    handle: async (call) => audited(call, 'user unlock', objectOf(call), await unlockUser(call.deps.admin, keyOf(call))) },
  { method: 'PUT', path: `${USER}/password`, operationId: 'consoleUserSetPassword', summary: 'Set the static password', body: 'ConsolePassword', answer: 'ConsoleUser',
    handle: async (call) => audited(call, 'user set-password', objectOf(call), await setPassword(call.deps.admin, keyOf(call), field(call, 'password'))) },
  { method: 'DELETE', path: `${USER}/password`, operationId: 'consoleUserResetPassword', summary: 'Remove the static password', answer: 'ConsoleUser',
    handle: async (call) => audited(call, 'user reset-password', objectOf(call), await resetPassword(call.deps.admin, keyOf(call))) },
  { method: 'POST', path: `${USER}/enrol`, operationId: 'consoleUserEnrol', summary: 'Enrol a new TOTP authenticator: its otpauth URI and QR code', body: 'ConsoleEnrol',
    answer: 'ConsoleEnrolment', handle: enrol },
  { method: 'POST', path: `${USER}/virtual`, operationId: 'consoleUserAddVirtual', summary: 'Create a virtual authenticator for the user (one-time passwords by e-mail or SMS)',
    body: 'ConsoleNewVirtual', answer: 'ConsoleAuthenticator', handle: addVirtual },
];
