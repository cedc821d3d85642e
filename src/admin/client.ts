// Client component administration (issue 17; flows.md §1 client record; OneSpan componentExecute
// COMPONENTCMD_CREATE/VIEW/UPDATE/DELETE): a component type and its policy, and for RADIUS clients
// their locations (source address or CIDR) with a shared secret, which the store keeps sealed.
// Choice: one component may have several RADIUS locations; secrets are never shown or returned.
import { isIPv4, isIPv6 } from 'node:net';
import type { RadiusClientRecord, StoredClient } from '../store/store.js';
import { fail, succeed, type AdminResult, type AdminServices } from './services.js';

export interface RadiusLocationView {
  readonly address: string;
  readonly name: string | null;
  readonly requireMessageAuthenticator: boolean | null;
}

export interface ClientView {
  readonly componentType: string;
  readonly policy: string;
  readonly radius: RadiusLocationView[];
}

/** A RADIUS location to add or replace: address or CIDR, shared secret, optional name and flag. */
export interface RadiusLocationInput {
  readonly address: string;
  readonly secret?: string;
  readonly name?: string;
  readonly requireMessageAuthenticator?: boolean;
}

export interface ClientInput {
  readonly policy?: string;
  readonly radius?: RadiusLocationInput;
  /** update: RADIUS location to remove. */
  readonly removeAddress?: string;
}

const MAX_LENGTH = 255;
const MAX_SECRET_BYTES = 256;

/** Why `address` is not an IP address or CIDR, or undefined when it is one. */
export function addressProblem(address: string): string | undefined {
  const [ip, prefix, extra] = address.split('/');
  const width = isIPv4(ip!) ? 32 : isIPv6(ip!) ? 128 : 0;
  if (!width || extra !== undefined) return `The address "${address.slice(0, 64)}" is not an IP address or CIDR (e.g. 192.0.2.10 or 10.0.0.0/8)`;
  if (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= width)) return `The prefix length in "${address}" must be 0..${width}`;
  return undefined;
}

async function view(svc: AdminServices, c: StoredClient): Promise<ClientView> {
  const radius = (await svc.store.listRadiusClients()).filter((r) => r.componentType === c.componentType)
    .map((r) => ({ address: r.address, name: r.name, requireMessageAuthenticator: r.requireMessageAuthenticator }));
  return { componentType: c.componentType, policy: c.policyName, radius };
}

const findClient = async (svc: AdminServices, componentType: string) =>
  (await svc.store.listClients()).find((c) => c.componentType === componentType);

/** Refuses an address that another component already has (it would silently move). */
async function takenElsewhere(svc: AdminServices, componentType: string, r: RadiusClientRecord | undefined): Promise<string | undefined> {
  const other = r && (await svc.store.listRadiusClients()).find((x) => x.address === r.address && x.componentType !== componentType);
  return other && `The RADIUS address ${other.address} belongs to client component "${other.componentType}" (remove it there first)`;
}

function radiusRecord(componentType: string, r: RadiusLocationInput): RadiusClientRecord | string {
  const problem = addressProblem(r.address);
  if (problem) return problem;
  if (!r.secret) return 'A RADIUS client address needs its shared secret';
  if (Buffer.byteLength(r.secret) > MAX_SECRET_BYTES) return `The shared secret is longer than ${MAX_SECRET_BYTES} bytes`;
  if (r.name !== undefined && (r.name === '' || r.name.length > MAX_LENGTH)) return `The name must be 1 to ${MAX_LENGTH} characters`;
  return { address: r.address, componentType, secret: Buffer.from(r.secret, 'utf8'), name: r.name ?? null, requireMessageAuthenticator: r.requireMessageAuthenticator ?? null };
}

async function checkPolicy(svc: AdminServices, policy: string): Promise<string | undefined> {
  return (await svc.store.findPolicy(policy)) ? undefined : `No policy named "${policy}" (create it with: countersign policy create "${policy}")`;
}

export async function createClient(svc: AdminServices, componentType: string | undefined, input: ClientInput): Promise<AdminResult<ClientView>> {
  if (!componentType) return fail('MISSINGFLD', 'The component type is missing');
  if (componentType.length > MAX_LENGTH) return fail('INVDATA', `The component type is longer than ${MAX_LENGTH} characters`);
  if (!input.policy) return fail('MISSINGFLD', 'The policy is missing (--policy NAME)');
  if (await findClient(svc, componentType)) return fail('EXISTS', `A client component "${componentType}" already exists (change it with update)`);
  const refused = await checkPolicy(svc, input.policy);
  if (refused) return fail('NOT_FOUND', refused);
  const radius = input.radius && radiusRecord(componentType, input.radius);
  if (typeof radius === 'string') return fail('INVDATA', radius);
  const taken = await takenElsewhere(svc, componentType, radius);
  if (taken) return fail('EXISTS', taken);
  await svc.store.saveClient(componentType, input.policy);
  if (radius) await svc.store.saveRadiusClient(radius);
  return succeed(await view(svc, { componentType, policyName: input.policy }));
}

export async function viewClient(svc: AdminServices, componentType: string | undefined): Promise<AdminResult<ClientView>> {
  if (!componentType) return fail('MISSINGFLD', 'The component type is missing');
  const c = await findClient(svc, componentType);
  return c ? succeed(await view(svc, c)) : fail('NOT_FOUND', `No client component "${componentType}" (component types are case-sensitive)`);
}

export async function listClients(svc: AdminServices): Promise<AdminResult<ClientView[]>> {
  const radius = await svc.store.listRadiusClients();
  return succeed((await svc.store.listClients()).map((c) => ({
    componentType: c.componentType, policy: c.policyName,
    radius: radius.filter((r) => r.componentType === c.componentType).map((r) => ({ address: r.address, name: r.name, requireMessageAuthenticator: r.requireMessageAuthenticator })),
  })));
}

export async function updateClient(svc: AdminServices, componentType: string | undefined, input: ClientInput): Promise<AdminResult<ClientView>> {
  if (!componentType) return fail('MISSINGFLD', 'The component type is missing');
  const c = await findClient(svc, componentType);
  if (!c) return fail('NOT_FOUND', `No client component "${componentType}" (create it first)`);
  const refused = input.policy === undefined ? undefined : await checkPolicy(svc, input.policy);
  if (refused) return fail('NOT_FOUND', refused);
  const radius = input.radius && radiusRecord(componentType, input.radius);
  if (typeof radius === 'string') return fail('INVDATA', radius);
  const taken = await takenElsewhere(svc, componentType, radius);
  if (taken) return fail('EXISTS', taken);
  const locations = (await svc.store.listRadiusClients()).filter((r) => r.componentType === componentType);
  if (input.removeAddress !== undefined && !locations.some((r) => r.address === input.removeAddress)) {
    return fail('NOT_FOUND', `Client component "${componentType}" has no RADIUS client at ${input.removeAddress}`);
  }
  const policyName = input.policy ?? c.policyName;
  if (input.policy !== undefined) await svc.store.saveClient(componentType, policyName);
  if (input.removeAddress !== undefined) await svc.store.deleteRadiusClient(input.removeAddress);
  if (radius) await svc.store.saveRadiusClient(radius);
  return succeed(await view(svc, { componentType, policyName }));
}

export async function deleteClient(svc: AdminServices, componentType: string | undefined): Promise<AdminResult<ClientView>> {
  const shown = await viewClient(svc, componentType);
  if (!shown.ok) return shown;
  await svc.store.deleteClient(componentType!);
  return shown;
}
