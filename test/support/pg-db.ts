// Test helper: a scratch PostgreSQL database next to the one named by COUNTERSIGN_TEST_PG (created
// empty, dropped afterwards), so suites that keep server processes running never share tables.
import pg from 'pg';

export interface ScratchDb {
  readonly url: string;
  /** Opens a plain pg client on the scratch database (the caller ends it). */
  client(): Promise<pg.Client>;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(baseUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

/** Creates (or re-creates) database `name` on the server of `baseUrl`. */
export async function scratchDatabase(baseUrl: string, name: string): Promise<ScratchDb> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`scratch database name "${name}": lower-case letters, digits, _`);
  const drop = () => admin(baseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
  await drop();
  await admin(baseUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(baseUrl, name);
  const client = async () => { const c = new pg.Client({ connectionString: url }); await c.connect(); return c; };
  return { url, client, drop };
}
