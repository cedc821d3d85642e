// `countersign user create|show|list|update|disable|enable|unlock|set-password|delete|attributes` (issue 5
// command line): the user use cases of src/admin on the configured store; `--json` on each; passwords only from stdin.
import type { Command } from 'commander';
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

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

type UserAction = (svc: AdminServices, key: { userId: string; domain?: string }) => ReturnType<typeof viewUser>;

/** A subcommand `<name> <userId>` running `action` and printing the user. */
function simple(group: Command, name: string, description: string, action: UserAction): void {
  group.command(name).description(description).argument('<userId>', 'user ID')
    .option('--domain <domain>', 'domain (default: master)').option('--json', 'print JSON')
    .action((userId: string, opts: UserOptions) => withApp(async (app) => {
      report(app, await action(app.admin, { userId, domain: opts.domain }), opts, describeUser);
    }));
}

export function userCommands(group: Command): Command {
  group.description('administer users: create, show, list, update, disable, enable, unlock, set-password, delete, attributes');
  group.command('create').description('create a user (a static password is read from stdin with --password-stdin)')
    .argument('<userId>', 'user ID').option('--domain <domain>', 'domain (default: master)')
    .option('--password-stdin', 'read the static password from standard input')
    .option('--local-auth <mode>', 'Default, None, Digipass Only, Digipass/Password or DIGIPASS or Password')
    .option('--email <email>').option('--mobile <number>').option('--description <text>')
    .option('--disabled', 'create it disabled')
    .option('--admin', 'an administrator: may log on to the admin SOAP API (needs --password-stdin)').option('--json', 'print JSON')
    .action((userId: string, o: CreateOptions) => withApp(async (app) => {
      const password = o.passwordStdin ? await readStdinSecret() : undefined;
      const r = await createUser(app.admin, { userId, domain: o.domain, password, localAuth: o.localAuth, email: o.email, mobile: o.mobile, description: o.description, disabled: o.disabled, admin: o.admin });
      report(app, r, o, describeUser);
    }));
  simple(group, 'show', 'show a user and its authenticators', viewUser);
  group.command('list').description('list users in domain and user ID order')
    .option('--offset <n>', 'skip this many', '0').option('--limit <n>', 'at most this many', '1000').option('--json', 'print JSON')
    .action((o: ListOptions) => withApp(async (app) => {
      const r = await listUsers(app.admin, Number(o.offset), Number(o.limit));
      report(app, r, o, (us) => us.map((u) => `${u.domain}\\${u.userId}${u.disabled ? '  (disabled)' : ''}${u.locked ? '  (locked)' : ''}`).join('\n') || '(no users)');
    }));
  group.command('update').description('change a user\'s local authentication mode, email, mobile or description (what is not given stays)')
    .argument('<userId>', 'user ID').option('--domain <domain>', 'domain (default: master)')
    .option('--local-auth <mode>', 'Default, None, Digipass Only, Digipass/Password or DIGIPASS or Password')
    .option('--email <email>', 'email address (an empty value clears it)').option('--mobile <number>', 'mobile number (an empty value clears it)')
    .option('--description <text>', 'description (an empty value clears it)').option('--json', 'print JSON')
    .action((userId: string, o: UpdateOptions) => withApp(async (app) => {
      const r = await updateUser(app.admin, { userId, domain: o.domain }, { localAuth: o.localAuth, email: o.email, mobile: o.mobile, description: o.description });
      report(app, r, o, describeUser);
    }));
  simple(group, 'disable', 'disable a user (every logon fails with STAT_DISABLED)', (svc, k) => setUserDisabled(svc, k, true));
  simple(group, 'enable', 'enable a disabled user', (svc, k) => setUserDisabled(svc, k, false));
  simple(group, 'unlock', 'unlock a locked user and clear its failure count', unlockUser);
  group.command('set-password').description('set a user\'s static password, read from standard input')
    .argument('<userId>', 'user ID').option('--domain <domain>', 'domain (default: master)').option('--json', 'print JSON')
    .action((userId: string, o: UserOptions) => withApp(async (app) => {
      report(app, await setPassword(app.admin, { userId, domain: o.domain }, await readStdinSecret()), o, describeUser);
    }));
  simple(group, 'delete', 'delete a user (its authenticators become unassigned)', deleteUser);
  group.command('attributes').description('show or change the RADIUS reply attributes the RADIUS connector endpoint returns for a user')
    .argument('<userId>', 'user ID').option('--domain <domain>', 'domain (default: master)')
    .option('--set <Name=Value>', 'set an attribute (operator :=; Name+=Value for +=), replacing those of that name; repeat for more', collect)
    .option('--clear', 'remove every attribute first').option('--json', 'print JSON')
    .action((userId: string, o: AttributeOptions) => withApp(async (app) => {
      report(app, await replyAttributes(app.admin, { userId, domain: o.domain }, { set: o.set, clear: o.clear }), o, describeAttributes);
    }));
  return group;
}
