// Builds the TypeORM DataSource for a store URL (spec: design.md "store"): better-sqlite3 with WAL,
// synchronous=NORMAL and a busy timeout so several processes can share one file; or PostgreSQL.
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** How long a writer waits for another process's lock on a shared SQLite file. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

export type Dialect = 'sqlite' | 'postgres';

export interface ParsedUrl {
  readonly dialect: Dialect;
  /** SQLite file path or ':memory:'; PostgreSQL connection URL. */
  readonly target: string;
}

export function parseStoreUrl(url: string): ParsedUrl {
  if (url.startsWith('sqlite:')) {
    const target = url.slice('sqlite:'.length);
    if (target === '') throw new Error(`store URL "${url}": give a file path (sqlite:data/countersign.db) or sqlite::memory:`);
    return { dialect: 'sqlite', target };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', target: url };
  throw new Error(`store URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:...")`);
}

interface SqlitePragmaTarget { pragma(source: string): unknown }

function sqliteOptions(target: string, logging: boolean): DataSourceOptions {
  const file = target !== ':memory:';
  return {
    type: 'better-sqlite3',
    database: target,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    enableWAL: file,
    prepareDatabase: (db: SqlitePragmaTarget) => {
      db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      db.pragma('synchronous = NORMAL');
    },
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging,
  };
}

function postgresOptions(target: string, logging: boolean): DataSourceOptions {
  return {
    type: 'postgres',
    url: target,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging,
  };
}

/** Advisory-lock id serializing migrations when several nodes start on one PostgreSQL database. */
const PG_MIGRATION_LOCK = 7_336_283_011;

/**
 * Applies pending migrations. On PostgreSQL a session advisory lock makes concurrent starters wait
 * for the first one, which migrates; the others then find nothing pending. (SQLite writers are
 * already serialized by the file lock and the busy timeout.)
 */
async function migrate(ds: DataSource, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await ds.runMigrations();
    return;
  }
  const lock = ds.createQueryRunner();
  await lock.query('SELECT pg_advisory_lock($1)', [PG_MIGRATION_LOCK]);
  try {
    await ds.runMigrations();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [PG_MIGRATION_LOCK]);
    await lock.release();
  }
}

/** Initializes the connection and applies pending migrations; never synchronizes the schema. */
export async function openDataSource(url: string, logging = false): Promise<{ ds: DataSource; dialect: Dialect }> {
  const { dialect, target } = parseStoreUrl(url);
  const ds = new DataSource(dialect === 'sqlite' ? sqliteOptions(target, logging) : postgresOptions(target, logging));
  await ds.initialize();
  try {
    await migrate(ds, dialect);
  } catch (err) {
    await ds.destroy();
    throw err;
  }
  return { ds, dialect };
}
