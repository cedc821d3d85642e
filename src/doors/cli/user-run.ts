// The actions of `countersign user ...` (definitions in user.ts, loaded only when a user command runs):
// the user use cases of src/admin on the configured store, printed as text or JSON.
import type { AdminServices } from '../../admin/services.js';
import { replyAttributes, type ReplyAttributesView } from '../../admin/reply-attributes.js';
import { createUser } from '../../admin/user-create.js';
import { listUsers } from '../../admin/user-list.js';
import { setPassword } from '../../admin/user-password.js';
import { unlockUser } from '../../admin/user-unlock.js';
import { deleteUser, setUserDisabled, updateUser } from '../../admin/user-update.js';
import { viewUser, type UserView } from '../../admin/user-view.js';
import { readStdinSecret, report, withApp, type OutputOptions } from './admin-run.js';

interface UserOptions extends OutputOptions { domain?: string; passwordStdin?: boolean }
interface CreateOptions extends UserOptions { localAuth?: string; email?: string; mobile?: string; description?: string; disabled?: boolean; admin?: boolean }
interface UpdateOptions extends UserOptions { localAuth?: string; email?: string; mobile?: string; description?: string }
interface ListOptions extends OutputOptions { offset?: string; limit?: string }
interface AttributeOptions extends UserOptions { set?: string[]; clear?: boolean }

const describeUser = (u: UserView): string => [
  `${u.domain}\\${u.userId}${u.admin ? '  (administrator)' : ''}`, `  local auth: ${u.localAuth}`, `  disabled: ${u.disabled}`,
  `  locked: ${u.locked} (failures: ${u.lockCount})`, `  static password: ${u.hasPassword ? 'set' : 'none'}`,
  `  authenticators: ${u.serials.join(', ') || 'none'}`, `  created: ${u.createdAt}`, ...(u.modifiedAt ? [`  modified: ${u.modifiedAt}`] : []),
  ...(u.email ? [`  email: ${u.email}`] : []), ...(u.mobile ? [`  mobile: ${u.mobile}`] : []),
  ...(u.description ? [`  description: ${u.description}`] : []),
].join('\n');

const describeAttributes = (v: ReplyAttributesView): string => [
  `${v.domain}\\${v.userId}`, ...v.attributes.map((a) => `  ${a.name} ${a.op} ${a.value}`), ...(v.attributes.length ? [] : ['  (no reply attributes)']),
].join('\n');

type UserAction = (svc: AdminServices, key: { userId: string; domain?: string }) => ReturnType<typeof viewUser>;

/** `<name> <userId>`: runs `action` and prints the user. */
const simple = (action: UserAction) => (userId: string, opts: UserOptions) => withApp(async (app) => {
  report(app, await action(app.admin, { userId, domain: opts.domain }), opts, describeUser);
});

export const userActions = {
  create: (userId: string, o: CreateOptions) => withApp(async (app) => {
    const password = o.passwordStdin ? await readStdinSecret() : undefined;
    const r = await createUser(app.admin, { userId, domain: o.domain, password, localAuth: o.localAuth, email: o.email, mobile: o.mobile, description: o.description, disabled: o.disabled, admin: o.admin });
    report(app, r, o, describeUser);
  }),
  show: simple(viewUser),
  list: (o: ListOptions) => withApp(async (app) => {
    const r = await listUsers(app.admin, Number(o.offset), Number(o.limit));
    report(app, r, o, (us) => us.map((u) => `${u.domain}\\${u.userId}${u.disabled ? '  (disabled)' : ''}${u.locked ? '  (locked)' : ''}`).join('\n') || '(no users)');
  }),
  update: (userId: string, o: UpdateOptions) => withApp(async (app) => {
    const r = await updateUser(app.admin, { userId, domain: o.domain }, { localAuth: o.localAuth, email: o.email, mobile: o.mobile, description: o.description });
    report(app, r, o, describeUser);
  }),
  disable: simple((svc, k) => setUserDisabled(svc, k, true)),
  enable: simple((svc, k) => setUserDisabled(svc, k, false)),
  unlock: simple(unlockUser),
  'set-password': (userId: string, o: UserOptions) => withApp(async (app) => {
    report(app, await setPassword(app.admin, { userId, domain: o.domain }, await readStdinSecret()), o, describeUser);
  }),
  delete: simple(deleteUser),
  attributes: (userId: string, o: AttributeOptions) => withApp(async (app) => {
    report(app, await replyAttributes(app.admin, { userId, domain: o.domain }, { set: o.set, clear: o.clear }), o, describeAttributes);
  }),
};
