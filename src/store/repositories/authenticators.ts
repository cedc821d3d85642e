// Authenticators table access (spec: flows.md §1 authenticator, §3 replay): secrets sealed with the
// master key (bound to the record id), serial looked up case-insensitively, moving factor by CAS.
import { randomUUID } from 'node:crypto';
import type { Authenticator } from '../../domain/model.js';
import type { AuthenticatorRow } from '../entities.js';
import { StoreConflictError, StoreReferenceError, isForeignKeyViolation, isUniqueViolation } from '../errors.js';
import { lookupKey, toAuthenticator } from '../mappers.js';
import type { SecretBox } from '../secret-box.js';
import type { Sql } from '../sql.js';
import type { BackupUsage, NewAuthenticator } from '../store.js';

const INSERT_INTO = `INSERT INTO authenticators (id, serial, serial_key, kind, secret_sealed, digits, algorithm, period,
  ocra_suite, last_step, drift, pin_hash, pin_enabled, pin_change_required, grace_until, disabled, locked,
  user_ref, created_at, delivery, virtual_backup, uses_remaining, enabled_until) VALUES `;
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const INSERT = INSERT_INTO + ROW;
/** Rows per multi-row INSERT of a bulk import (23 parameters each). */
const BULK_ROWS = 400;

export class AuthenticatorRepository {
  constructor(private readonly sql: Sql, private readonly box: SecretBox) {}

  async listForUser(userRef: string): Promise<Authenticator[]> {
    const rows = await this.sql.rows<AuthenticatorRow>(
      'SELECT * FROM authenticators WHERE user_ref = ? ORDER BY serial_key', [userRef]);
    return rows.map((r) => toAuthenticator(r, this.box));
  }

  async findBySerial(serial: string): Promise<Authenticator | null> {
    const row = await this.sql.one<AuthenticatorRow>('SELECT * FROM authenticators WHERE serial_key = ?', [lookupKey(serial)]);
    return row ? toAuthenticator(row, this.box) : null;
  }

  async advanceStep(id: string, step: number, drift: number): Promise<boolean> {
    const changed = await this.sql.runGrouped(
      'UPDATE authenticators SET last_step = ?, drift = ? WHERE id = ? AND last_step < ?', [step, drift, id, step]);
    return changed === 1;
  }

  async setPin(id: string, pinHash: string | null, changeRequired: boolean): Promise<void> {
    await this.sql.run('UPDATE authenticators SET pin_hash = ?, pin_change_required = ? WHERE id = ?', [pinHash, changeRequired, id]);
  }

  async setPinEnabled(id: string, enabled: boolean): Promise<void> {
    await this.sql.run('UPDATE authenticators SET pin_enabled = ? WHERE id = ?', [enabled, id]);
  }

  /** Compare-and-set of a backup virtual authenticator's uses and end (NULL compared as NULL). */
  async setBackupUsage(id: string, expected: BackupUsage, next: BackupUsage): Promise<boolean> {
    const same = (column: string, v: number | null) => (v === null ? `${column} IS NULL` : `${column} = ?`);
    const where = `id = ? AND ${same('uses_remaining', expected.usesRemaining)} AND ${same('enabled_until', expected.enabledUntil)}`;
    const params = [next.usesRemaining, next.enabledUntil, id, ...[expected.usesRemaining, expected.enabledUntil].filter((v) => v !== null)];
    return (await this.sql.run(`UPDATE authenticators SET uses_remaining = ?, enabled_until = ? WHERE ${where}`, params)) === 1;
  }

  /** Sets the grace end to epoch 0: over under any reading of the field. */
  async endGracePeriod(id: string): Promise<void> {
    await this.sql.run('UPDATE authenticators SET grace_until = 0 WHERE id = ?', [id]);
  }

  private params(id: string, a: NewAuthenticator, now: number): unknown[] {
    const pinEnabled = a.pinEnabled ?? (a.pinHash != null || a.pinChangeRequired === true);
    return [
      id, a.serial, lookupKey(a.serial), a.kind, this.box.seal(a.secret, id), a.digits ?? 6,
      a.algorithm ?? 'SHA1', a.period ?? 30, a.ocraSuite ?? null, a.lastStep ?? -1, a.drift ?? 0, a.pinHash ?? null,
      pinEnabled, a.pinChangeRequired ?? false, a.graceUntil ?? null, a.disabled ?? false, a.locked ?? false,
      a.userRef ?? null, now, a.delivery ?? null, a.backup ?? false, a.usesRemaining ?? null, a.enabledUntil ?? null,
    ];
  }

  /** Bulk import: many authenticators in few multi-row INSERTs (inside the caller's transaction). */
  async createMany(list: readonly NewAuthenticator[], now: number): Promise<void> {
    for (let i = 0; i < list.length; i += BULK_ROWS) {
      const chunk = list.slice(i, i + BULK_ROWS);
      try {
        await this.sql.run(INSERT_INTO + chunk.map(() => ROW).join(', '), chunk.flatMap((a) => this.params(randomUUID(), a, now)));
      } catch (err) {
        if (isUniqueViolation(err)) throw new StoreConflictError(`one of authenticators ${i + 1} to ${i + chunk.length} of the batch already exists`);
        throw err;
      }
    }
  }

  async create(a: NewAuthenticator, now: number): Promise<string> {
    const id = randomUUID();
    try {
      await this.sql.run(INSERT, this.params(id, a, now));
    } catch (err) {
      if (isUniqueViolation(err)) throw new StoreConflictError(`authenticator ${a.serial} already exists`);
      if (isForeignKeyViolation(err)) throw new StoreReferenceError(`authenticator ${a.serial}: no user with id ${a.userRef}`);
      throw err;
    }
    return id;
  }

  async list(offset: number, limit: number): Promise<Authenticator[]> {
    const rows = await this.sql.rows<AuthenticatorRow>('SELECT * FROM authenticators ORDER BY serial_key LIMIT ? OFFSET ?', [limit, offset]);
    return rows.map((r) => toAuthenticator(r, this.box));
  }

  async setOwner(id: string, expected: string | null, userRef: string | null, graceUntil: number | null): Promise<boolean> {
    const owner = expected === null ? 'user_ref IS NULL' : 'user_ref = ?';
    const params = expected === null ? [userRef, graceUntil, id] : [userRef, graceUntil, id, expected];
    return (await this.sql.run(`UPDATE authenticators SET user_ref = ?, grace_until = ? WHERE id = ? AND ${owner}`, params)) === 1;
  }

  async delete(id: string): Promise<void> {
    await this.sql.run('DELETE FROM pending WHERE authenticator_ref = ?', [id]);
    await this.sql.run('DELETE FROM authenticators WHERE id = ?', [id]);
  }

  async any(): Promise<boolean> {
    return (await this.sql.rows('SELECT 1 AS one FROM authenticators LIMIT 1')).length > 0;
  }
}
