// `GET /ready` for the SQL store (docs/operations/monitoring.md): the connection answers a query and
// every migration this build knows is recorded as applied; a failure is a reason, never an exception.
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';
import type { Sql } from './sql.js';
import type { Readiness } from './store.js';

const KNOWN = MIGRATIONS.map((M) => new M().name);
const APPLIED = `SELECT COUNT(*) AS n FROM migrations WHERE name IN (${KNOWN.map(() => '?').join(', ')})`;

export async function sqlReadiness(ds: DataSource, sql: Sql): Promise<Readiness> {
  if (!ds.isInitialized) return { ok: false, reason: 'the store is closed' };
  let applied: number;
  try {
    applied = Number((await sql.one<{ n: number | string }>(APPLIED, KNOWN))?.n ?? 0);
  } catch (err) {
    return { ok: false, reason: 'the store does not answer: check COUNTERSIGN_DATABASE', error: (err as Error)?.message };
  }
  if (applied < KNOWN.length) return { ok: false, reason: `${KNOWN.length - applied} of ${KNOWN.length} migrations not applied: run countersign migrate` };
  return { ok: true };
}
