// In-memory policies, client components and RADIUS clients for MemoryStore (spec: flows.md §1 client
// record, policy; other-frontends.md §1): the same contract as the SQL tables (references checked).
import type { ClientRecord, Policy } from '../domain/model.js';
import { resolvePolicy } from '../engine/policy/defaults.js';
import { StoreReferenceError } from './errors.js';
import type { RadiusClientRecord, StoredClient, StoredPolicy } from './store.js';

const sorted = <T>(m: Map<string, T>): [string, T][] => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export class MemoryClients {
  private readonly policies = new Map<string, Partial<Policy> & { name: string }>();
  private readonly clients = new Map<string, string>();
  private readonly radius = new Map<string, RadiusClientRecord>();

  findClient(componentType: string): ClientRecord | null {
    const policyName = this.clients.get(componentType);
    const policy = policyName === undefined ? undefined : this.policies.get(policyName);
    return policy ? Object.freeze({ componentType, policy: resolvePolicy(policy) }) : null;
  }

  savePolicy(p: Partial<Policy> & { name: string }): void { this.policies.set(p.name, structuredClone(p)); }

  saveClient(componentType: string, policyName: string): void {
    if (!this.policies.has(policyName)) throw new StoreReferenceError(`client "${componentType}": no policy named "${policyName}"`);
    this.clients.set(componentType, policyName);
  }

  findPolicy(name: string): StoredPolicy | null {
    const p = this.policies.get(name);
    return p ? Object.freeze(structuredClone(p)) : null;
  }

  listPolicies(): StoredPolicy[] { return sorted(this.policies).map(([, p]) => Object.freeze(structuredClone(p))); }

  deletePolicy(name: string): boolean {
    const user = sorted(this.clients).find(([, p]) => p === name);
    if (user) throw new StoreReferenceError(`policy "${name}" is the policy of client "${user[0]}"`);
    return this.policies.delete(name);
  }

  listClients(): StoredClient[] {
    return sorted(this.clients).map(([componentType, policyName]) => Object.freeze({ componentType, policyName }));
  }

  deleteClient(componentType: string): boolean {
    for (const [address, r] of this.radius) if (r.componentType === componentType) this.radius.delete(address);
    return this.clients.delete(componentType);
  }

  saveRadiusClient(c: RadiusClientRecord): void {
    if (!this.clients.has(c.componentType)) throw new StoreReferenceError(`RADIUS client ${c.address}: no client component "${c.componentType}"`);
    this.radius.set(c.address, Object.freeze({ ...c, secret: Buffer.from(c.secret), name: c.name ?? null, requireMessageAuthenticator: c.requireMessageAuthenticator ?? null }));
  }

  listRadiusClients(): RadiusClientRecord[] {
    return sorted(this.radius).map(([, r]) => Object.freeze({ ...r, secret: Buffer.from(r.secret) }));
  }

  deleteRadiusClient(address: string): boolean { return this.radius.delete(address); }
}
