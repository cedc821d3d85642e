// Append-only audit log (spec: flows.md §4: the audit keeps the real status even when the client
// saw a generic one). Entries are inserted, listed with filters, never updated.
import type { AuditEntry } from '../../engine/ports.js';
import type { AuditRow } from '../entities.js';
import { toAudit } from '../mappers.js';
import type { Sql } from '../sql.js';
import type { AuditFilter } from '../store.js';

const INSERT = `INSERT INTO audit_log (at, door, component_type, domain, user_id, serial_no, status, status_code,
  source_address, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const DEFAULT_LIMIT = 1000;

export class AuditRepository {
  constructor(private readonly sql: Sql) {}

  async record(e: AuditEntry): Promise<void> {
    await this.sql.run(INSERT, [
      e.at, e.door, e.componentType, e.domain, e.userId, e.serialNo, e.status, e.statusCode, e.sourceAddress, e.detail,
    ]);
  }

  async list(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => { where.push(clause); params.push(value); };
    if (filter.door !== undefined) add('door = ?', filter.door);
    if (filter.domain !== undefined) add('domain = ?', filter.domain);
    if (filter.userId !== undefined) add('user_id = ?', filter.userId);
    if (filter.serialNo !== undefined) add('serial_no = ?', filter.serialNo);
    if (filter.status !== undefined) add('status = ?', filter.status);
    if (filter.since !== undefined) add('at >= ?', filter.since);
    if (filter.until !== undefined) add('at < ?', filter.until);
    const clause = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
    params.push(filter.limit ?? DEFAULT_LIMIT);
    const rows = await this.sql.rows<AuditRow>(`SELECT * FROM audit_log${clause} ORDER BY at, id LIMIT ?`, params);
    return rows.map(toAudit);
  }
}
