// `countersign apikey create|list|revoke` (issue 7 command line): API keys of the REST doors. A new key
// is printed once and only its SHA-256 digest is stored; `list` shows names and times, never keys. The
// definitions; the actions (apikey-run.ts) load only when one runs.
import type { Command } from 'commander';
import { lazyGroup } from './lazy.js';

const run = lazyGroup(() => import('./apikey-run.js'), (m) => m.apiKeyActions);

export function apiKeyCommands(group: Command): Command {
  group.description('administer API keys of the REST doors (appliance-style API, RADIUS connector): create, list, revoke');
  group.command('create').description('create a random API key and print it (the only time it is shown)')
    .argument('<name>', 'a name for the key: letters, digits, ".", "_" or "-"').option('--json', 'print JSON')
    .action(run('create'));
  group.command('list').description('list API keys: names, creation and revocation times (never the keys)').option('--json', 'print JSON')
    .action(run('list'));
  group.command('revoke').description('revoke an API key: requests presenting it are refused from now on')
    .argument('<name>', 'name of the key').option('--json', 'print JSON')
    .action(run('revoke'));
  return group;
}
