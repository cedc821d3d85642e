// Users table access (spec: flows.md §1 user, §4 lockout): case-insensitive lookup by lower-cased key
// columns, lock state written by compare-and-set on lock_count; administration writes stamp modified_at.
import { randomUUID } from 'node:crypto';
import type { LockState } from '../../engine/ports.js';
import type { UserRow } from '../entities.js';
import { StoreConflictError, isUniqueViolation } from '../errors.js';
import { lookupKey, toUser } from '../mappers.js';
import type { Sql } from '../sql.js';
import type { NewUser, StoredUser, UserChanges } from '../store.js';

const INSERT_INTO = `INSERT INTO users (id, domain, domain_key, user_id, userid_key, disabled, locked, lock_count,
  locked_until, auto_unlocks, static_password_hash, local_auth, expires_at, last_failure, last_failure_at,
  email, mobile, description, admin, created_at, backend_auth) VALUES `;
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?)';
const INSERT = INSERT_INTO + ROW;
/** Rows per multi-row INSERT of a bulk import (19 parameters each: far below SQLite's and PostgreSQL's limits). */
const BULK_ROWS = 500;

const insertParams = (id: string, u: NewUser, now: number): unknown[] => [
  id, u.domain, lookupKey(u.domain), u.userId, lookupKey(u.userId), u.disabled ?? false, u.locked ?? false,
  u.lockCount ?? 0, u.lockedUntil ?? null, u.autoUnlocks ?? 0, u.staticPasswordHash ?? null,
  u.localAuth ?? 'Default', u.expiresAt ?? null, u.email ?? null, u.mobile ?? null, u.description ?? null,
  u.admin ?? false, now, u.backendAuth ?? null,
];

const UPDATE_LOCK = `UPDATE users SET lock_count = ?, locked = ?, locked_until = ?, auto_unlocks = ?,
  last_failure = ?, last_failure_at = ? WHERE id = ? AND lock_count = ?`;

const UNLOCK = `UPDATE users SET lock_count = 0, locked = ?, locked_until = NULL, auto_unlocks = 0,
  last_failure = NULL, last_failure_at = NULL, modified_at = ? WHERE id = ? AND lock_count = ?`;

export class UserRepository {
  constructor(private readonly sql: Sql, private readonly now: () => number) {}

  async find(domain: string, userId: string): Promise<StoredUser | null> {
    const row = await this.sql.one<UserRow>(
      'SELECT * FROM users WHERE domain_key = ? AND userid_key = ?', [lookupKey(domain), lookupKey(userId)]);
    return row ? toUser(row) : null;
  }

  async updateLockState(userRef: string, expectedLockCount: number, next: LockState): Promise<boolean> {
    // A failed guess writes here on every request: it joins the event-loop turn's group commit (sql.ts).
    const changed = await this.sql.runGrouped(UPDATE_LOCK, [
      next.lockCount, next.locked, next.lockedUntil, next.autoUnlocks, next.lastFailure, next.lastFailureAt,
      userRef, expectedLockCount,
    ]);
    return changed === 1;
  }

  async unlock(userRef: string, expectedLockCount: number): Promise<boolean> {
    return (await this.sql.run(UNLOCK, [false, this.now(), userRef, expectedLockCount])) === 1;
  }

  /** A password change (by an administrator or by the user) is a change of the user record: stamped. */
  async setStaticPassword(userRef: string, hash: string | null): Promise<void> {
    await this.sql.run('UPDATE users SET static_password_hash = ?, modified_at = ? WHERE id = ?', [hash, this.now(), userRef]);
  }

  /** Stamps modified_at on the given users (an authenticator assignment changed). */
  async touch(userRefs: readonly (string | null)[]): Promise<void> {
    const at = this.now();
    for (const ref of userRefs) if (ref !== null) await this.sql.run('UPDATE users SET modified_at = ? WHERE id = ?', [at, ref]);
  }

  async create(u: NewUser, now = this.now()): Promise<string> {
    const id = randomUUID();
    try {
      await this.sql.run(INSERT, insertParams(id, u, now));
    } catch (err) {
      if (isUniqueViolation(err)) throw new StoreConflictError(`user ${u.domain}\\${u.userId} already exists`);
      throw err;
    }
    return id;
  }

  /** Bulk import: many users in few multi-row INSERTs (inside the caller's transaction); their ids in order. */
  async createMany(users: readonly NewUser[], now: number): Promise<string[]> {
    const ids = users.map(() => randomUUID());
    for (let i = 0; i < users.length; i += BULK_ROWS) {
      const chunk = users.slice(i, i + BULK_ROWS);
      try {
        await this.sql.run(INSERT_INTO + chunk.map(() => ROW).join(', '), chunk.flatMap((u, k) => insertParams(ids[i + k]!, u, now)));
      } catch (err) {
        if (isUniqueViolation(err)) throw new StoreConflictError(`one of users ${i + 1} to ${i + chunk.length} of the batch already exists`);
        throw err;
      }
    }
    return ids;
  }

  async findById(id: string): Promise<StoredUser | null> {
    const row = await this.sql.one<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
    return row ? toUser(row) : null;
  }

  async list(offset: number, limit: number): Promise<StoredUser[]> {
    const rows = await this.sql.rows<UserRow>('SELECT * FROM users ORDER BY domain_key, userid_key LIMIT ? OFFSET ?', [limit, offset]);
    return rows.map(toUser);
  }

  async update(id: string, c: UserChanges): Promise<void> {
    const cols: [string, unknown][] = [['disabled', c.disabled], ['local_auth', c.localAuth], ['email', c.email], ['mobile', c.mobile], ['description', c.description],
      ['backend_auth', c.backendAuth]];
    const set = cols.filter(([, v]) => v !== undefined);
    if (set.length === 0) return;
    set.push(['modified_at', this.now()]);
    await this.sql.run(`UPDATE users SET ${set.map(([k]) => `${k} = ?`).join(', ')} WHERE id = ?`, [...set.map(([, v]) => v), id]);
  }

  async delete(id: string): Promise<void> {
    await this.sql.run('UPDATE authenticators SET user_ref = NULL WHERE user_ref = ?', [id]);
    await this.sql.run('DELETE FROM pending WHERE user_ref = ?', [id]);
    await this.sql.run('DELETE FROM user_reply_attributes WHERE user_ref = ?', [id]);
    await this.sql.run('DELETE FROM users WHERE id = ?', [id]);
  }

  async any(): Promise<boolean> {
    return (await this.sql.rows('SELECT 1 AS one FROM users LIMIT 1')).length > 0;
  }
}
