// `countersign client create|list|show|update|delete <componentType>` (issue 17): client components and
// their policy; for RADIUS clients `--address IP|CIDR` and the shared secret from stdin (`--secret-stdin`),
// stored sealed. RADIUS doors of every node read them from the store (no restart).
import type { Command } from 'commander';
import { createClient, deleteClient, listClients, updateClient, viewClient, type ClientInput, type ClientView } from '../../admin/client.js';
import { readStdinSecret, report, withApp, type OutputOptions } from './admin-run.js';

interface ClientOptions extends OutputOptions {
  policy?: string; address?: string; secretStdin?: boolean; name?: string; requireMessageAuthenticator?: string; removeAddress?: string;
}

const describeClient = (c: ClientView): string => [
  c.componentType, `  policy: ${c.policy}`,
  ...c.radius.map((r) => `  RADIUS client: ${r.address}${r.name ? ` (${r.name})` : ''}${r.requireMessageAuthenticator === null ? '' : `  Message-Authenticator required: ${r.requireMessageAuthenticator}`}`),
].join('\n');

function flagValue(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (/^(true|yes|on)$/i.test(text)) return true;
  if (/^(false|no|off)$/i.test(text)) return false;
  throw new Error(`--require-message-authenticator must be true or false, got "${text}"`);
}

async function inputOf(o: ClientOptions): Promise<ClientInput> {
  if (o.secretStdin && !o.address) throw new Error('--secret-stdin needs --address (the RADIUS client it belongs to)');
  if (o.address && !o.secretStdin) throw new Error('--address needs --secret-stdin: give the shared secret on standard input');
  const radius = o.address ? {
    address: o.address, secret: await readStdinSecret(), name: o.name,
    requireMessageAuthenticator: flagValue(o.requireMessageAuthenticator),
  } : undefined;
  return { policy: o.policy, radius, removeAddress: o.removeAddress };
}

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
    .action((type: string, o: ClientOptions) => withApp(async (app) => report(app, await createClient(app.admin, type, await inputOf(o)), o, describeClient)));
  group.command('list').description('list client components, their policies and RADIUS addresses (never secrets)').option('--json', 'print JSON')
    .action((o: OutputOptions) => withApp(async (app) => {
      report(app, await listClients(app.admin), o, (cs) => cs.map(describeClient).join('\n') || '(no client components)');
    }));
  group.command('show').description('show a client component').argument('<componentType>', 'component type').option('--json', 'print JSON')
    .action((type: string, o: OutputOptions) => withApp(async (app) => report(app, await viewClient(app.admin, type), o, describeClient)));
  radiusFlags(group.command('update').description('change the policy, add or replace a RADIUS address (--address with --secret-stdin), or remove one')
    .argument('<componentType>', 'component type').option('--policy <name>', 'new policy')
    .option('--remove-address <ip|cidr>', 'remove this RADIUS client address'))
    .action((type: string, o: ClientOptions) => withApp(async (app) => report(app, await updateClient(app.admin, type, await inputOf(o)), o, describeClient)));
  group.command('delete').description('delete a client component and its RADIUS addresses').argument('<componentType>', 'component type').option('--json', 'print JSON')
    .action((type: string, o: OutputOptions) => withApp(async (app) => report(app, await deleteClient(app.admin, type), o, describeClient)));
  return group;
}
