// Console API, client components and policies (issue 21; the use cases of issue 17, src/admin/client.ts
// and src/admin/policy.ts, which the CLI and componentExecute/policyExecute run too): list, create,
// change and delete. RADIUS shared secrets go in and are never shown.
import { createClient, deleteClient, listClients, updateClient, type ClientInput, type RadiusLocationInput } from '../../admin/client.js';
import { createPolicy, deletePolicy, listPolicies, updatePolicy } from '../../admin/policy.js';
import { resultReply } from './http.js';
import { audited, field, type Call, type Route } from './route.js';

function clientInput(call: Call): ClientInput {
  const r = call.body.radius as Record<string, unknown> | undefined;
  const radius: RadiusLocationInput | undefined = r && { address: String(r.address), secret: typeof r.secret === 'string' ? r.secret : undefined,
    name: typeof r.name === 'string' ? r.name : undefined, requireMessageAuthenticator: typeof r.requireMessageAuthenticator === 'boolean' ? r.requireMessageAuthenticator : undefined };
  return { policy: field(call, 'policy'), radius, removeAddress: field(call, 'removeAddress') };
}

const componentOf = (call: Call): string => call.params.componentType ?? '';
const policyOf = (call: Call): string => call.params.name ?? '';
const settingsOf = (call: Call): Record<string, unknown> => (call.body.settings as Record<string, unknown> | undefined) ?? {};

export const CONFIG_ROUTES: readonly Route[] = [
  { method: 'GET', path: '/clients', operationId: 'consoleClientList', summary: 'Client components, their policy and RADIUS locations', answer: 'ConsoleClientList',
    handle: async (call) => resultReply(call.deps.catalogue, await listClients(call.deps.admin)) },
  { method: 'POST', path: '/clients', operationId: 'consoleClientCreate', summary: 'Create a client component', body: 'ConsoleNewClient', answer: 'ConsoleClient',
    handle: async (call) => audited(call, 'client create', field(call, 'componentType') ?? '', await createClient(call.deps.admin, field(call, 'componentType'), clientInput(call)), undefined, true) },
  { method: 'PATCH', path: '/clients/{componentType}', operationId: 'consoleClientUpdate', summary: 'Change its policy, add or replace a RADIUS location, remove one',
    body: 'ConsoleClientChanges', answer: 'ConsoleClient',
    handle: async (call) => audited(call, 'client update', componentOf(call), await updateClient(call.deps.admin, componentOf(call), clientInput(call))) },
  { method: 'DELETE', path: '/clients/{componentType}', operationId: 'consoleClientDelete', summary: 'Delete a client component and its RADIUS locations', answer: 'ConsoleClient',
    handle: async (call) => audited(call, 'client delete', componentOf(call), await deleteClient(call.deps.admin, componentOf(call))) },
  { method: 'GET', path: '/policies', operationId: 'consolePolicyList', summary: 'Policies: stored settings and effective ones', answer: 'ConsolePolicyList',
    handle: async (call) => resultReply(call.deps.catalogue, await listPolicies(call.deps.admin)) },
  { method: 'POST', path: '/policies', operationId: 'consolePolicyCreate', summary: 'Create a policy', body: 'ConsoleNewPolicy', answer: 'ConsolePolicy',
    handle: async (call) => audited(call, 'policy create', field(call, 'name') ?? '', await createPolicy(call.deps.admin, field(call, 'name'), settingsOf(call)), undefined, true) },
  { method: 'PATCH', path: '/policies/{name}', operationId: 'consolePolicyUpdate', summary: 'Change settings (`null` returns one to its default)', body: 'ConsolePolicyChanges',
    answer: 'ConsolePolicy', handle: async (call) => audited(call, 'policy update', policyOf(call), await updatePolicy(call.deps.admin, policyOf(call), settingsOf(call))) },
  { method: 'DELETE', path: '/policies/{name}', operationId: 'consolePolicyDelete', summary: 'Delete a policy no client uses', answer: 'ConsolePolicy',
    handle: async (call) => audited(call, 'policy delete', policyOf(call), await deletePolicy(call.deps.admin, policyOf(call))) },
];
