// The actions of `countersign client create|list|show|update|delete` (definitions in client.ts, loaded
// only when one runs): client components and their policy; a RADIUS client's shared secret is read from
// stdin and stored sealed.
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

export const clientActions = {
  create: (type: string, o: ClientOptions) => withApp(async (app) => report(app, await createClient(app.admin, type, await inputOf(o)), o, describeClient)),
  list: (o: OutputOptions) => withApp(async (app) => {
    report(app, await listClients(app.admin), o, (cs) => cs.map(describeClient).join('\n') || '(no client components)');
  }),
  show: (type: string, o: OutputOptions) => withApp(async (app) => report(app, await viewClient(app.admin, type), o, describeClient)),
  update: (type: string, o: ClientOptions) => withApp(async (app) => report(app, await updateClient(app.admin, type, await inputOf(o)), o, describeClient)),
  delete: (type: string, o: OutputOptions) => withApp(async (app) => report(app, await deleteClient(app.admin, type), o, describeClient)),
};
