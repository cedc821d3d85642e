// Clients and policies (spec: flows.md §1 client record, policy): component type -> policy, with the
// policy kept as JSON text of the settings that differ from the defaults.
import type { ClientRecord, Policy } from '../../domain/model.js';
import { StoreReferenceError } from '../errors.js';
import { policySettings, toPolicy } from '../mappers.js';
import type { Sql } from '../sql.js';

const FIND = `SELECT c.component_type, p.name, p.settings FROM clients c
  JOIN policies p ON p.name = c.policy_name WHERE c.component_type = ?`;

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
}
