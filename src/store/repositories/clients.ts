// Clients and policies (spec: flows.md §1 client record, policy): component type -> policy, with the
// policy kept as JSON text of the settings that differ from the defaults.
import type { ClientRecord, Policy } from '../../domain/model.js';
import { StoreReferenceError, isForeignKeyViolation } from '../errors.js';
import { policySettings, toPolicy } from '../mappers.js';
import type { Sql } from '../sql.js';
import type { StoredClient, StoredPolicy } from '../store.js';

const FIND = `SELECT c.component_type, p.name, p.settings FROM clients c
  JOIN policies p ON p.name = c.policy_name WHERE c.component_type = ?`;

interface PolicyRow { name: string; settings: string }
interface ClientRow { component_type: string; policy_name: string }
const stored = (r: PolicyRow): StoredPolicy => Object.freeze({ ...(JSON.parse(r.settings) as Partial<Policy>), name: r.name });

interface ClientJoinRow { component_type: string; name: string; settings: string }
interface CacheEntry { readonly value: ClientRecord | null; readonly until: number }

export class ClientRepository {
  /**
   * Client records, unknown component types included, are served from memory for `cacheMs`
   * (5 s by default): a change made by another process shows after at most that long; a change
   * made through this store clears the cache at once.
   */
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly sql: Sql, private readonly cacheMs: number) {}

  async find(componentType: string): Promise<ClientRecord | null> {
    const now = Date.now();
    const hit = this.cache.get(componentType);
    if (hit && hit.until > now) return hit.value;
    const row = await this.sql.one<ClientJoinRow>(FIND, [componentType]);
    const value = row ? Object.freeze({ componentType: row.component_type, policy: toPolicy(row.name, row.settings) }) : null;
    if (this.cacheMs > 0) this.cache.set(componentType, { value, until: now + this.cacheMs });
    return value;
  }

  async savePolicy(p: Partial<Policy> & { name: string }): Promise<void> {
    await this.sql.run(
      'INSERT INTO policies (name, settings) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET settings = excluded.settings',
      [p.name, policySettings(p)]);
    this.cache.clear();
  }

  async saveClient(componentType: string, policyName: string): Promise<void> {
    const policy = await this.sql.one('SELECT name FROM policies WHERE name = ?', [policyName]);
    if (!policy) throw new StoreReferenceError(`client "${componentType}": no policy named "${policyName}"`);
    await this.sql.run(
      `INSERT INTO clients (component_type, policy_name) VALUES (?, ?)
       ON CONFLICT (component_type) DO UPDATE SET policy_name = excluded.policy_name`,
      [componentType, policyName]);
    this.cache.clear();
  }

  /** Drops the cached records (after a change made through another repository instance). */
  forget(): void { this.cache.clear(); }

  async findPolicy(name: string): Promise<StoredPolicy | null> {
    const row = await this.sql.one<PolicyRow>('SELECT name, settings FROM policies WHERE name = ?', [name]);
    return row ? stored(row) : null;
  }

  async listPolicies(): Promise<StoredPolicy[]> {
    return (await this.sql.rows<PolicyRow>('SELECT name, settings FROM policies ORDER BY name')).map(stored);
  }

  async deletePolicy(name: string): Promise<boolean> {
    const user = await this.sql.one<ClientRow>('SELECT component_type FROM clients WHERE policy_name = ? ORDER BY component_type', [name]);
    if (user) throw new StoreReferenceError(`policy "${name}" is the policy of client "${user.component_type}"`);
    try {
      return (await this.sql.run('DELETE FROM policies WHERE name = ?', [name])) === 1;
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new StoreReferenceError(`policy "${name}" is used by a client`);
      throw err;
    } finally { this.cache.clear(); }
  }

  async listClients(): Promise<StoredClient[]> {
    const rows = await this.sql.rows<ClientRow>('SELECT component_type, policy_name FROM clients ORDER BY component_type');
    return rows.map((r) => Object.freeze({ componentType: r.component_type, policyName: r.policy_name }));
  }

  /** Its RADIUS clients go with it (in the same transaction when `sql` is one). */
  async deleteClient(componentType: string): Promise<boolean> {
    await this.sql.run('DELETE FROM radius_clients WHERE component_type = ?', [componentType]);
    const n = await this.sql.run('DELETE FROM clients WHERE component_type = ?', [componentType]);
    this.cache.clear();
    return n === 1;
  }
}
