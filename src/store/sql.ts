// Thin parameterized-SQL runner over a TypeORM DataSource (spec: flows.md §3, §4 compare-and-set):
// returns rows or the affected-row count read from TypeORM's structured result on both drivers.
// Statements are written with `?` placeholders; PostgreSQL gets `$1..$n`.
import type { DataSource, QueryRunner } from 'typeorm';
import type { Dialect } from './datasource.js';

export class Sql {
  private readonly texts = new Map<string, string>();

  /** With `runner`, every statement runs on it (a transaction); otherwise on a pooled connection. */
  constructor(readonly ds: DataSource, readonly dialect: Dialect, private readonly runner?: QueryRunner) {}

  async rows<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.exec(sql, params);
    return (result.records ?? []) as T[];
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
   * Runs `fn` in one transaction, committed when it resolves, rolled back when it throws. SQLite
   * has a single connection: statements issued elsewhere meanwhile join the transaction, so keep
   * this for bulk administration work.
   */
  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const runner = this.ds.createQueryRunner();
    await runner.startTransaction();
    try {
      const out = await fn(new Sql(this.ds, this.dialect, runner));
      await runner.commitTransaction();
      return out;
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    } finally {
      if (this.dialect === 'postgres') await runner.release();
    }
  }

  private async exec(sql: string, params: readonly unknown[]): Promise<{ records?: unknown[]; affected?: number }> {
    if (this.runner) return this.runner.query(this.text(sql), [...params], true);
    const runner = this.ds.createQueryRunner();
    try {
      return await runner.query(this.text(sql), [...params], true);
    } finally {
      if (this.dialect === 'postgres') await runner.release();
    }
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
