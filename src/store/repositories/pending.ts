// Multi-leg records (spec: flows.md §5 challenges, §6 push): one row per challenge or push
// transaction, state changed by compare-and-set so a key is answered or fetched once.
import type { PendingRecord } from '../../engine/ports.js';
import type { PendingRow } from '../entities.js';
import { StoreConflictError, isUniqueViolation } from '../errors.js';
import { toPending } from '../mappers.js';
import type { Sql } from '../sql.js';

const INSERT = `INSERT INTO pending (pending_key, kind, user_ref, authenticator_ref, component_type, created_at,
  expires_at, payload, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export class PendingRepository {
  constructor(private readonly sql: Sql) {}

  async create(r: PendingRecord): Promise<void> {
    try {
      await this.sql.run(INSERT, [
        r.key, r.kind, r.userRef, r.authenticatorRef, r.componentType, r.createdAt, r.expiresAt,
        JSON.stringify(r.payload), r.state,
      ]);
    } catch (err) {
      if (isUniqueViolation(err)) throw new StoreConflictError('pending record key already exists');
      throw err;
    }
  }

  async find(key: string): Promise<PendingRecord | null> {
    const row = await this.sql.one<PendingRow>('SELECT * FROM pending WHERE pending_key = ?', [key]);
    return row ? toPending(row) : null;
  }

  async transition(key: string, from: PendingRecord['state'], to: PendingRecord['state']): Promise<boolean> {
    return (await this.sql.run('UPDATE pending SET state = ? WHERE pending_key = ? AND state = ?', [to, key, from])) === 1;
  }

  purgeExpired(before: number): Promise<number> {
    return this.sql.run('DELETE FROM pending WHERE expires_at < ?', [before]);
  }
}
