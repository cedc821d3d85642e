// Append-only audit log (spec: flows.md §4: the audit keeps the real status even when the client
// saw a generic one). Entries are inserted, listed with filters, never updated; retention deletes the
// oldest in bounded batches (docs/operations/audit-retention.md).
import type { AuditEntry } from '../../engine/ports.js';
import type { AuditRow } from '../entities.js';
import { toAudit } from '../mappers.js';
import type { Sql } from '../sql.js';
import { ADMIN_AUDIT_COMPONENT_TYPE, type AuditClass, type AuditFilter } from '../records.js';

const COLUMNS = '(at, door, component_type, domain, user_id, serial_no, status, status_code, source_address, detail)';
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
/** Most rows in one INSERT (10 parameters each; well under SQLite's and PostgreSQL's limits). */
const MAX_GROUP = 500;

interface Waiting { readonly entry: AuditEntry; readonly done: (err?: unknown) => void }

const DEFAULT_LIMIT = 1000;

const values = (e: AuditEntry): unknown[] =>
  [e.at, e.door, e.componentType, e.domain, e.userId, e.serialNo, e.status, e.statusCode, e.sourceAddress, e.detail];

const ignore = (): void => undefined;

/** The records of one retention class older than the bound (`at` < ?, then the component type). */
const OLDER: Record<AuditClass, string> = { administrative: 'at < ? AND component_type = ?', other: 'at < ? AND component_type <> ?' };

/**
 * One batch: the oldest `limit` ids of the class by the `at` index, then those rows by primary key.
 * PostgreSQL: `= ANY(ARRAY(...))` makes the ids one array computed first, so the rows are found through the
 * primary key (with `IN (...)` the planner hashes the ids and scans the whole table for each batch), and
 * SKIP LOCKED lets nodes purging at the same moment take different rows instead of waiting on each other.
 */
export const purgeStatement = (kind: AuditClass, postgres: boolean): string => {
  const oldest = `SELECT id FROM audit_log WHERE ${OLDER[kind]} ORDER BY at LIMIT ?`;
  return postgres ? `DELETE FROM audit_log WHERE id = ANY(ARRAY(${oldest} FOR UPDATE SKIP LOCKED))` : `DELETE FROM audit_log WHERE id IN (${oldest})`;
};

export class AuditRepository {
  constructor(private readonly sql: Sql) {}

  private queue: Waiting[] = [];
  private readonly flushing = new Set<Promise<void>>();

  /** Writes the entries still queued and waits for the batches under way (shutdown: before closing). */
  async settle(): Promise<void> {
    while (this.queue.length > 0) await this.flush();
    await Promise.all([...this.flushing]);
  }

  /**
   * Group commit: on SQLite each entry joins the one commit of its event-loop turn, with the
   * compare-and-set writes of that turn; elsewhere the entries of one turn are one multi-row INSERT.
   * Every caller waits until its entry is stored.
   */
  record(e: AuditEntry): Promise<void> {
    if (this.sql.groupsCommits) return this.sql.runGrouped(`INSERT INTO audit_log ${COLUMNS} VALUES ${ROW}`, values(e)).then(ignore);
    return new Promise((ok, fail) => {
      if (this.queue.length === 0) setImmediate(() => void this.flush());
      this.queue.push({ entry: e, done: (err) => (err ? fail(err) : ok()) });
    });
  }

  private flush(): Promise<void> {
    const group = this.queue.splice(0, MAX_GROUP);
    if (group.length === 0) return Promise.resolve();
    if (this.queue.length > 0) setImmediate(() => void this.flush());
    const params = group.flatMap(({ entry }) => values(entry));
    const batch = this.sql.run(`INSERT INTO audit_log ${COLUMNS} VALUES ${group.map(() => ROW).join(', ')}`, params)
      .then(() => { for (const w of group) w.done(); }, (err: unknown) => { for (const w of group) w.done(err); })
      .finally(() => this.flushing.delete(batch));
    this.flushing.add(batch);
    return batch;
  }

  /** Deletes at most `limit` of the oldest records of `kind` older than `before`, in one statement; how many. */
  purge(kind: AuditClass, before: number, limit: number): Promise<number> {
    return this.sql.run(purgeStatement(kind, this.sql.dialect === 'postgres'), [before, ADMIN_AUDIT_COMPONENT_TYPE, limit]);
  }

  async count(kind: AuditClass, before: number): Promise<number> {
    const row = await this.sql.one<{ n: number | string }>(`SELECT COUNT(*) AS n FROM audit_log WHERE ${OLDER[kind]}`, [before, ADMIN_AUDIT_COMPONENT_TYPE]);
    return Number(row?.n ?? 0);
  }

  async list(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => { where.push(clause); params.push(value); };
    if (filter.door !== undefined) add('door = ?', filter.door);
    if (filter.componentType !== undefined) add('component_type = ?', filter.componentType);
    if (filter.domain !== undefined) add('domain = ?', filter.domain);
    if (filter.userId !== undefined) add('user_id = ?', filter.userId);
    if (filter.serialNo !== undefined) add('serial_no = ?', filter.serialNo);
    if (filter.status !== undefined) add('status = ?', filter.status);
    if (filter.since !== undefined) add('at >= ?', filter.since);
    if (filter.until !== undefined) add('at < ?', filter.until);
    const clause = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
    params.push(filter.limit ?? DEFAULT_LIMIT);
    const order = filter.newestFirst ? 'at DESC, id DESC' : 'at, id';
    const rows = await this.sql.rows<AuditRow>(`SELECT * FROM audit_log${clause} ORDER BY ${order} LIMIT ?`, params);
    return rows.map(toAudit);
  }
}
