// Test helpers for the PostgreSQL runs: each test file has a database of its own on the cluster of
// COUNTERSIGN_TEST_PG (so that files may run at the same time), dropped to an empty schema, or emptied
// to a freshly migrated store's state before each case.
import pg from 'pg';
import { MIGRATIONS } from '../../src/store/migrations/index.js';

const withDatabase = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/**
 * The database `countersign_test_<name>` on the server of COUNTERSIGN_TEST_PG, or undefined when that is
 * unset. It is created on first use (resetPostgres, emptyPostgres); the cluster is a throwaway one.
 */
export function pgTestUrl(name: string): string | undefined {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`test database name "${name}": lower-case letters, digits, _`);
  const base = process.env.COUNTERSIGN_TEST_PG;
  return base ? withDatabase(base, `countersign_test_${name}`) : undefined;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { return await fn(client); } finally { await client.end(); }
}

const created = new Set<string>();

/** Creates the database of `url` when it does not exist yet. */
async function ensureDatabase(url: string): Promise<void> {
  if (created.has(url)) return;
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await withClient(withDatabase(url, 'postgres'), async (c) => {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await c.query(`CREATE DATABASE "${name}"`);
  });
  created.add(url);
}

/** Empties the database of `url`: drops and recreates its public schema (the next store open migrates it afresh). */
export async function resetPostgres(url: string): Promise<void> {
  await ensureDatabase(url);
  await withClient(url, async (client) => {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('CREATE SCHEMA public');
  });
}

const dropped = new Set<string>();

/**
 * The state of a store freshly migrated by this build, at a fraction of the cost of migrating before each
 * case: the first call (per database and process) drops the schema like resetPostgres; later calls empty
 * every table (identities restarted) when the migrations table lists exactly this build's migrations,
 * and drop the schema otherwise. Migrations insert no rows, so an emptied schema is a migrated one.
 */
export async function emptyPostgres(url: string): Promise<void> {
  if (!dropped.has(url)) {
    await resetPostgres(url);
    dropped.add(url);
    return;
  }
  const complete = await withClient(url, async (client) => {
    const applied = await client.query('SELECT name FROM migrations').then((r) => r.rows.map((x: { name: string }) => x.name).sort(), () => []);
    const known = MIGRATIONS.map((m) => m.name).sort();
    if (applied.join('\n') !== known.join('\n')) return false;
    const tables = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
    const names = tables.rows.map((r: { tablename: string }) => `"${r.tablename}"`);
    if (names.length > 0) await client.query(`TRUNCATE ${names.join(', ')} RESTART IDENTITY CASCADE`);
    return true;
  });
  if (!complete) await resetPostgres(url);
}
