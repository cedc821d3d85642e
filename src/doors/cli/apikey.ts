// `countersign apikey create|list|revoke` (issue 7 command line): API keys of the REST doors. A new key
// is printed once and only its SHA-256 digest is stored; `list` shows names and times, never keys.
import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyView, type CreatedApiKey } from '../../admin/api-keys.js';
import { report, withApp, type OutputOptions } from './admin-run.js';

const describeKey = (k: ApiKeyView): string => `${k.name}  created ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}`;

const describeCreated = (k: CreatedApiKey): string =>
  `${k.key}\n(API key "${k.name}": shown this once; only its SHA-256 digest is stored)`;

export function apiKeyCommands(group: Command): Command {
  group.description('administer API keys of the REST doors (appliance-style API, RADIUS connector): create, list, revoke');
  group.command('create').description('create a random API key and print it (the only time it is shown)')
    .argument('<name>', 'a name for the key: letters, digits, ".", "_" or "-"').option('--json', 'print JSON')
    .action((name: string, o: OutputOptions) => withApp(async (app) => report(app, await createApiKey(app.admin, name), o, describeCreated)));
  group.command('list').description('list API keys: names, creation and revocation times (never the keys)').option('--json', 'print JSON')
    .action((o: OutputOptions) => withApp(async (app) => {
      report(app, await listApiKeys(app.admin), o, (keys) => keys.map(describeKey).join('\n') || '(no API keys)');
    }));
  group.command('revoke').description('revoke an API key: requests presenting it are refused from now on')
    .argument('<name>', 'name of the key').option('--json', 'print JSON')
    .action((name: string, o: OutputOptions) => withApp(async (app) => report(app, await revokeApiKey(app.admin, name), o, describeKey)));
  return group;
}
