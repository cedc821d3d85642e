// PostgreSQL's hot path (spec: flows.md §3, §4): statements outside transactions go straight to the
// driver's pool as named prepared statements, parsed and planned once per connection instead of on
// every call, without TypeORM's per-query runner. Results and errors keep the shapes callers test.
import { createHash } from 'node:crypto';
import type { Pool, QueryConfig, QueryResult } from 'pg';
import { queryFailed } from './errors.js';
import type { SqlResult } from './sqlite-statements.js';

/** Statements with more parameters (multi-row inserts of varying size) run unnamed: each size would be a new plan. */
export const MAX_PREPARED_PARAMS = 32;
/** Distinct texts prepared per store by default; later texts run unnamed, so no connection holds plans without bound. */
export const MAX_PREPARED_TEXTS = 256;
/** PostgreSQL refuses a prepared statement whose result row type changed (a migration added a column). */
const CACHED_PLAN_CHANGED = '0A000';

export class PostgresStatements {
  /** Text → statement name, or null for a text that runs unnamed. */
  private readonly names = new Map<string, string | null>();

  /** `maxTexts` 0 runs everything unnamed (for poolers that cannot keep prepared statements). */
  constructor(private readonly pool: Pool, private readonly maxTexts = MAX_PREPARED_TEXTS) {}

  /** The name is a digest of the text, so every instance on the same pool agrees on it. */
  private nameOf(text: string, paramCount: number): string | null {
    let name = this.names.get(text);
    if (name === undefined) {
      const prepare = paramCount <= MAX_PREPARED_PARAMS && this.names.size < this.maxTexts;
      name = prepare ? `cs_${createHash('sha256').update(text).digest('hex').slice(0, 24)}` : null;
      this.names.set(text, name);
    }
    return name;
  }

  /** `arrays`: rows as arrays of column values in SELECT order (pg's rowMode 'array'). */
  async exec(text: string, params: readonly unknown[], arrays = false): Promise<SqlResult> {
    const values = [...params];
    const name = this.nameOf(text, values.length);
    const config: QueryConfig = name ? { name, text, values } : { text, values };
    try {
      return shape(arrays ? await this.pool.query({ ...config, rowMode: 'array' }) : await this.pool.query(config));
    } catch (err) {
      if (!name || (err as { code?: string }).code !== CACHED_PLAN_CHANGED) throw queryFailed(err);
      this.names.set(text, null);
      return this.exec(text, params, arrays);
    }
  }
}

const shape = (raw: QueryResult): SqlResult => ({ records: raw.rows, affected: raw.rowCount ?? undefined });
