// SQLite's hot path (spec: flows.md §3 compare-and-set): prepared statements run on TypeORM's own
// better-sqlite3 connection without the query runner's per-statement overhead, and compare-and-set
// writes issued in the same turn of the event loop committed together in one transaction (group
// commit: each write still reports its own changed-row count, and answers only after the commit).
import type { Database, Statement } from 'better-sqlite3';

export interface SqlResult { records?: unknown[]; affected?: number }

interface Waiting { readonly sql: string; readonly params: unknown[]; readonly ok: (n: number) => void; readonly fail: (e: unknown) => void }

/** better-sqlite3 binds no booleans: 0/1, as TypeORM's runner does. */
const bindable = (params: readonly unknown[]): unknown[] => params.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));

/** Errors keep the shape of TypeORM's QueryFailedError that callers test (`driverError.code`). */
function failed(err: unknown): Error {
  return Object.assign(new Error((err as Error).message), { driverError: err });
}

export class SqliteStatements {
  private readonly cache = new Map<string, Statement>();
  private queue: Waiting[] = [];

  constructor(private readonly db: Database) {}

  private prepared(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  exec(sql: string, params: readonly unknown[]): SqlResult {
    try {
      const stmt = this.prepared(sql);
      return stmt.reader ? { records: stmt.all(...bindable(params)) } : { affected: stmt.run(...bindable(params)).changes };
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

  private flush(): void {
    const group = this.queue;
    this.queue = [];
    let counts: number[];
    try {
      counts = this.db.transaction(() => group.map((w) => this.prepared(w.sql).run(...w.params).changes))();
    } catch (err) {
      for (const w of group) w.fail(failed(err));
      return;
    }
    group.forEach((w, i) => w.ok(counts[i]!));
  }
}
