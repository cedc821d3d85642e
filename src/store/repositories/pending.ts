// Multi-leg records (spec: flows.md §5 challenges, §6 push): one row per challenge or push
// transaction, state changed by compare-and-set so a key is answered or fetched once.
import type { PendingRecord } from '../../engine/ports.js';
import type { PendingRow } from '../entities.js';
import { StoreConflictError, isUniqueViolation } from '../errors.js';
import { toPending } from '../mappers.js';
import type { Sql } from '../sql.js';

const INSERT = `INSERT INTO pending (pending_key, kind, user_ref, authenticator_ref, component_type, created_at,
  expires_at, payload, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const FIND_MANY_CHUNK = 200;
const FIND_MANY = `SELECT * FROM pending WHERE pending_key IN (${Array(FIND_MANY_CHUNK).fill('?').join(', ')})`;

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

  /** One statement per FIND_MANY_CHUNK keys; a short chunk is padded so the statement text never varies. */
  async findMany(keys: readonly string[]): Promise<PendingRecord[]> {
    const out: PendingRecord[] = [];
    for (let i = 0; i < keys.length; i += FIND_MANY_CHUNK) {
      const chunk = keys.slice(i, i + FIND_MANY_CHUNK);
      const params = Array.from({ length: FIND_MANY_CHUNK }, (_, j) => chunk[j] ?? chunk[0]);
      const rows = await this.sql.rows<PendingRow>(FIND_MANY, params);
      out.push(...rows.map(toPending));
    }
    return out;
  }

  async listForUser(userRef: string, kind: PendingRecord['kind']): Promise<PendingRecord[]> {
    const rows = await this.sql.rows<PendingRow>('SELECT * FROM pending WHERE user_ref = ? AND kind = ? ORDER BY created_at', [userRef, kind]);
    return rows.map(toPending);
  }

  /** Open or fetched push records not expired at `now`, counted up to `cap` (the scrape's cost stays bounded). */
  async countOpenPush(now: number, cap: number): Promise<number> {
    const row = await this.sql.one<{ n: number | string }>(`SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM pending WHERE kind = 'push'
      AND state IN ('open', 'fetched') AND expires_at >= ? LIMIT ?) AS live`, [now, cap]);
    return Number(row?.n ?? 0);
  }

  /** Open or fetched push records not expired at `now`, oldest first, at most `limit`. */
  async listOpenPush(now: number, limit: number): Promise<PendingRecord[]> {
    const rows = await this.sql.rows<PendingRow>(`SELECT * FROM pending WHERE kind = 'push' AND state IN ('open', 'fetched')
      AND expires_at >= ? ORDER BY created_at LIMIT ?`, [now, limit]);
    return rows.map(toPending);
  }

  purgeExpired(before: number): Promise<number> {
    return this.sql.run('DELETE FROM pending WHERE expires_at < ?', [before]);
  }
}
