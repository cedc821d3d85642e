// SQLite's hot path (spec: flows.md §3 compare-and-set): prepared statements run on TypeORM's own
// better-sqlite3 connection without the query runner's per-statement overhead, and compare-and-set
// writes issued in the same turn of the event loop committed together in one transaction (group
// commit: each write still reports its own changed-row count, and answers only after the commit).
// Rows are read as arrays and turned into objects by a function made once per statement from its
// column names: the same objects better-sqlite3 builds, for a third of the cost.
import type { Database, Statement } from 'better-sqlite3';
import { queryFailed as failed } from './errors.js';

export interface SqlResult { records?: unknown[]; affected?: number }

interface Waiting { readonly sql: string; readonly params: unknown[]; readonly ok: (n: number) => void; readonly fail: (e: unknown) => void }

/** better-sqlite3 binds no booleans: 0/1, as TypeORM's runner does. */
const bindable = (params: readonly unknown[]): unknown[] => params.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));

interface Prepared { readonly stmt: Statement; readonly toRow?: (values: unknown[]) => unknown }

/** `(values) => ({ col0: values[0], ... })` for a reader's columns (names quoted as JSON strings). */
function rowBuilder(stmt: Statement): (values: unknown[]) => unknown {
  const fields = stmt.columns().map((c, i) => `${JSON.stringify(c.name)}: values[${i}]`);
  return new Function('values', `return { ${fields.join(', ')} };`) as (values: unknown[]) => unknown;
}

export class SqliteStatements {
  private readonly cache = new Map<string, Prepared>();
  private queue: Waiting[] = [];
  /** One group's writes in one transaction, made once: better-sqlite3 builds four wrapper functions per `transaction()` call. */
  private readonly commitGroup: (group: Waiting[]) => number[];

  constructor(private readonly db: Database) {
    this.commitGroup = db.transaction((group: Waiting[]) => group.map((w) => this.prepared(w.sql).stmt.run(...w.params).changes));
  }

  private prepared(sql: string): Prepared {
    let p = this.cache.get(sql);
    if (!p) {
      const stmt = this.db.prepare(sql);
      p = stmt.reader ? { stmt: stmt.raw(true), toRow: rowBuilder(stmt) } : { stmt };
      this.cache.set(sql, p);
    }
    return p;
  }

  /** A reading statement's rows as arrays of column values, in SELECT order (no object per row). */
  arrays(sql: string, params: readonly unknown[]): unknown[][] {
    try {
      return this.prepared(sql).stmt.all(...bindable(params)) as unknown[][];
    } catch (err) {
      throw failed(err);
    }
  }

  exec(sql: string, params: readonly unknown[]): SqlResult {
    try {
      const { stmt, toRow } = this.prepared(sql);
      return toRow ? { records: (stmt.all(...bindable(params)) as unknown[][]).map(toRow) } : { affected: stmt.run(...bindable(params)).changes };
    } catch (err) {
      throw failed(err);
    }
  }

  /** Queues a write for the group commit at the end of this turn; resolves with its changed-row count. */
  runGrouped(sql: string, params: readonly unknown[]): Promise<number> {
    return new Promise((ok, fail) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ sql, params: bindable(params), ok, fail });
    });
  }

  /** Commits the writes queued for this turn now (before closing the connection at shutdown). */
  settle(): void {
    this.flush();
  }

  private flush(): void {
    const group = this.queue;
    if (group.length === 0) return;
    this.queue = [];
    let counts: number[];
    try {
      counts = this.commitGroup(group);
    } catch (err) {
      for (const w of group) w.fail(failed(err));
      return;
    }
    group.forEach((w, i) => w.ok(counts[i]!));
  }
}
