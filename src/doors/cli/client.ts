// `countersign client create|list|show|update|delete <componentType>` (issue 17): client components and
// their policy; for RADIUS clients `--address IP|CIDR` and the shared secret from stdin (`--secret-stdin`),
// stored sealed. RADIUS doors of every node read them from the store (no restart). The definitions; the
// actions (client-run.ts) load only when one runs.
import type { Command } from 'commander';
import { lazyGroup } from './lazy.js';

const run = lazyGroup(() => import('./client-run.js'), (m) => m.clientActions);

function radiusFlags(cmd: Command): Command {
  return cmd.option('--address <ip|cidr>', 'RADIUS client: its source address or network (e.g. 192.0.2.10 or 10.0.0.0/8)')
    .option('--secret-stdin', 'RADIUS client: read the shared secret from standard input (with --address)')
    .option('--name <name>', 'RADIUS client: a name for logs (default: the address)')
    .option('--require-message-authenticator <true|false>', 'RADIUS client: require Message-Authenticator (default: COUNTERSIGN_RADIUS_REQUIRE_MESSAGE_AUTHENTICATOR)')
    .option('--json', 'print JSON');
}

export function clientCommands(group: Command): Command {
  group.description('administer client components (e.g. "SOAP Auth Client", "RADIUS Client") with their policy and RADIUS addresses: create, list, show, update, delete');
  radiusFlags(group.command('create').description('create a client component with its policy (and a RADIUS client address with its secret)')
    .argument('<componentType>', 'component type, case-sensitive, as clients present it').requiredOption('--policy <name>', 'policy of this component'))
    .action(run('create'));
  group.command('list').description('list client components, their policies and RADIUS addresses (never secrets)').option('--json', 'print JSON')
    .action(run('list'));
  group.command('show').description('show a client component').argument('<componentType>', 'component type').option('--json', 'print JSON')
    .action(run('show'));
  radiusFlags(group.command('update').description('change the policy, add or replace a RADIUS address (--address with --secret-stdin), or remove one')
    .argument('<componentType>', 'component type').option('--policy <name>', 'new policy')
    .option('--remove-address <ip|cidr>', 'remove this RADIUS client address'))
    .action(run('update'));
  group.command('delete').description('delete a client component and its RADIUS addresses').argument('<componentType>', 'component type').option('--json', 'print JSON')
    .action(run('delete'));
  return group;
}
