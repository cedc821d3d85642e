// `countersign user create|show|list|update|disable|enable|unlock|set-password|delete|attributes` (issue 5
// command line): the definitions; the actions (user-run.ts) load only when one runs. `--json` on each;
// passwords only from stdin.
import type { Command } from 'commander';
import { lazyGroup } from './lazy.js';

const run = lazyGroup(() => import('./user-run.js'), (m) => m.userActions);

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A subcommand `<name> <userId>` printing the user. */
function simple(group: Command, name: 'show' | 'disable' | 'enable' | 'unlock' | 'delete', description: string): void {
  group.command(name).description(description).argument('<userId>', 'user ID')
    .option('--domain <domain>', 'domain (default: master)').option('--json', 'print JSON')
    .action(run(name));
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
    .action(run('create'));
  simple(group, 'show', 'show a user and its authenticators');
  group.command('list').description('list users in domain and user ID order')
    .option('--offset <n>', 'skip this many', '0').option('--limit <n>', 'at most this many', '1000').option('--json', 'print JSON')
    .action(run('list'));
  group.command('update').description('change a user\'s local authentication mode, email, mobile or description (what is not given stays)')
    .argument('<userId>', 'user ID').option('--domain <domain>', 'domain (default: master)')
    .option('--local-auth <mode>', 'Default, None, Digipass Only, Digipass/Password or DIGIPASS or Password')
    .option('--email <email>', 'email address (an empty value clears it)').option('--mobile <number>', 'mobile number (an empty value clears it)')
    .option('--description <text>', 'description (an empty value clears it)').option('--json', 'print JSON')
    .action(run('update'));
  simple(group, 'disable', 'disable a user (every logon fails with STAT_DISABLED)');
  simple(group, 'enable', 'enable a disabled user');
  simple(group, 'unlock', 'unlock a locked user and clear its failure count');
  group.command('set-password').description('set a user\'s static password, read from standard input')
    .argument('<userId>', 'user ID').option('--domain <domain>', 'domain (default: master)').option('--json', 'print JSON')
    .action(run('set-password'));
  simple(group, 'delete', 'delete a user (its authenticators become unassigned)');
  group.command('attributes').description('show or change the RADIUS reply attributes the RADIUS connector endpoint returns for a user')
    .argument('<userId>', 'user ID').option('--domain <domain>', 'domain (default: master)')
    .option('--set <Name=Value>', 'set an attribute (operator :=; Name+=Value for +=), replacing those of that name; repeat for more', collect)
    .option('--clear', 'remove every attribute first').option('--json', 'print JSON')
    .action(run('attributes'));
  return group;
}
