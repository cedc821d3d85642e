// RADIUS clients as store records (other-frontends.md §1; issue 17): source address or CIDR → client
// component and shared secret. The secret is sealed with the master key (context: the address), never kept in clear.
import type { Bool } from '../entities.js';
import { StoreReferenceError, isForeignKeyViolation } from '../errors.js';
import { bool } from '../mappers.js';
import type { SecretBox } from '../secret-box.js';
import type { Sql } from '../sql.js';
import type { RadiusClientRecord } from '../store.js';

interface Row { address: string; component_type: string; name: string | null; secret_sealed: string; require_message_authenticator: Bool | null }

/** The sealing context of a RADIUS client's secret: a sealed value moved to another address does not open. */
export const radiusSecretContext = (address: string): string => `radius-client:${address}`;

export class RadiusClientRepository {
  constructor(private readonly sql: Sql, private readonly box: SecretBox) {}

  async save(c: RadiusClientRecord, at: number): Promise<void> {
    const known = await this.sql.one('SELECT component_type FROM clients WHERE component_type = ?', [c.componentType]);
    if (!known) throw new StoreReferenceError(`RADIUS client ${c.address}: no client component "${c.componentType}"`);
    const sealed = this.box.seal(c.secret, radiusSecretContext(c.address));
    const rma = c.requireMessageAuthenticator ?? null;
    try {
      await this.sql.run(
        `INSERT INTO radius_clients (address, component_type, name, secret_sealed, require_message_authenticator, created_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (address) DO UPDATE SET component_type = excluded.component_type,
         name = excluded.name, secret_sealed = excluded.secret_sealed, require_message_authenticator = excluded.require_message_authenticator`,
        [c.address, c.componentType, c.name, sealed, rma, at]);
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new StoreReferenceError(`RADIUS client ${c.address}: no client component "${c.componentType}"`);
      throw err;
    }
  }

  async list(): Promise<RadiusClientRecord[]> {
    const rows = await this.sql.rows<Row>(
      'SELECT address, component_type, name, secret_sealed, require_message_authenticator FROM radius_clients ORDER BY address');
    return rows.map((r) => Object.freeze({
      address: r.address, componentType: r.component_type, name: r.name,
      secret: this.box.open(r.secret_sealed, radiusSecretContext(r.address)),
      requireMessageAuthenticator: r.require_message_authenticator === null ? null : bool(r.require_message_authenticator),
    }));
  }

  async delete(address: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM radius_clients WHERE address = ?', [address])) === 1;
  }
}
