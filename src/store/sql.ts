// Thin parameterized-SQL runner over a TypeORM DataSource (spec: flows.md §3, §4 compare-and-set):
// returns rows or the affected-row count; transactions go through TypeORM's query runner, other
// statements through sqlite-statements.ts or postgres-statements.ts (prepared once, less overhead).
// Statements are written with `?` placeholders; PostgreSQL gets `$1..$n`.
import type { DataSource, QueryRunner } from 'typeorm';
import { postgresPool, sqliteConnection, type Dialect } from './datasource.js';
import { MAX_PREPARED_TEXTS, PostgresStatements } from './postgres-statements.js';
import { SqliteStatements, type SqlResult } from './sqlite-statements.js';
import { isForeignKeyViolation, isUniqueViolation } from './errors.js';

export class Sql {
  private readonly texts = new Map<string, string>();
  private statements?: SqliteStatements;
  private prepared?: PostgresStatements;
  /** Hears of every failed statement except uniqueness and reference conflicts (the store-error metric). */
  onError?: (err: unknown) => void;

  /**
   * With `runner`, every statement runs on it (a transaction); otherwise on a pooled connection, with
   * up to `preparedTexts` distinct PostgreSQL statements prepared (postgres-statements.ts).
   */
  constructor(readonly ds: DataSource, readonly dialect: Dialect, private readonly runner?: QueryRunner,
    private readonly preparedTexts = MAX_PREPARED_TEXTS) {}

  /** SQLite outside a transaction: prepared statements on the driver's own connection (sqlite-statements.ts). */
  private get sqlite(): SqliteStatements | undefined {
    if (this.dialect !== 'sqlite' || this.runner) return undefined;
    this.statements ??= new SqliteStatements(sqliteConnection(this.ds));
    return this.statements;
  }

  async rows<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.exec(sql, params);
    return (result.records ?? []) as T[];
  }

  /**
   * Rows as arrays of column values in SELECT order, for hot reads that map columns by position
   * (no object per row on SQLite and PostgreSQL; inside a transaction, the runner's objects' values).
   */
  rowArrays(sql: string, params: readonly unknown[] = []): Promise<unknown[][]> {
    if (this.runner) return this.rows<Record<string, unknown>>(sql, params).then((rows) => rows.map((r) => Object.values(r)));
    const sqlite = this.sqlite;
    if (sqlite) {
      try { return Promise.resolve(sqlite.arrays(sql, params)); } catch (err) { return Promise.reject(this.failed(err)); }
    }
    this.prepared ??= new PostgresStatements(postgresPool(this.ds), this.preparedTexts);
    return this.watch(this.prepared.exec(this.text(sql), params, true).then((r) => (r.records ?? []) as unknown[][]));
  }

  async one<T>(sql: string, params: readonly unknown[] = []): Promise<T | null> {
    const rows = await this.rows<T>(sql, params);
    return rows[0] ?? null;
  }

  /** Runs INSERT/UPDATE/DELETE and returns how many rows it changed. */
  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const result = await this.exec(sql, params);
    return result.affected ?? 0;
  }

  /**
   * Like run, for compare-and-set writes on the hot path: on SQLite the writes of one event-loop turn
   * share one commit (group commit); elsewhere (PostgreSQL, inside a transaction) exactly run.
   */
  runGrouped(sql: string, params: readonly unknown[] = []): Promise<number> {
    const sqlite = this.sqlite;
    return sqlite ? this.watch(sqlite.runGrouped(sql, params)) : this.run(sql, params);
  }

  /** Commits the group-commit writes still queued (shutdown: before the connection closes). */
  async settle(): Promise<void> {
    this.statements?.settle();
  }

  /** True when runGrouped shares commits between callers (SQLite outside a transaction). */
  get groupsCommits(): boolean {
    return this.sqlite !== undefined;
  }

  /**
   * Runs `fn` in one transaction, committed when it resolves, rolled back when it throws. SQLite
   * has a single connection: statements issued elsewhere meanwhile join the transaction, so keep
   * this for bulk administration work.
   */
  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const runner = this.ds.createQueryRunner();
    await runner.startTransaction();
    try {
      const tx = new Sql(this.ds, this.dialect, runner);
      tx.onError = this.onError;
      const out = await fn(tx);
      await runner.commitTransaction();
      return out;
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    } finally {
      if (this.dialect === 'postgres') await runner.release();
    }
  }

  private exec(sql: string, params: readonly unknown[]): Promise<SqlResult> {
    if (this.runner) return this.watch(this.runner.query(this.text(sql), [...params], true) as Promise<SqlResult>);
    const sqlite = this.sqlite;
    if (sqlite) {
      try { return Promise.resolve(sqlite.exec(sql, params)); } catch (err) { return Promise.reject(this.failed(err)); }
    }
    this.prepared ??= new PostgresStatements(postgresPool(this.ds), this.preparedTexts);
    return this.watch(this.prepared.exec(this.text(sql), params));
  }

  /** Reports a failure of `p` to onError (when set) and passes it on unchanged. */
  private watch<T>(p: Promise<T>): Promise<T> {
    return this.onError ? p.catch((err: unknown) => { throw this.failed(err); }) : p;
  }

  private failed(err: unknown): unknown {
    if (this.onError && !isUniqueViolation(err) && !isForeignKeyViolation(err)) this.onError(err);
    return err;
  }

  private text(sql: string): string {
    if (this.dialect === 'sqlite') return sql;
    let text = this.texts.get(sql);
    if (text === undefined) {
      let n = 0;
      text = sql.replace(/\?/g, () => `$${++n}`);
      this.texts.set(sql, text);
    }
    return text;
  }
}
