// Builds the TypeORM DataSource for a store URL (spec: design.md "store"): better-sqlite3 with WAL,
// synchronous=NORMAL and a busy timeout so several processes can share one file; or PostgreSQL with a
// connection pool sized from config (COUNTERSIGN_DB_POOL_SIZE); migrations under an advisory lock.
import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { StoreOpenError, type StoreOpenStage } from './errors.js';
import { MIGRATIONS } from './migrations/index.js';
import { ensurePrivateFile, makePrivateDir } from '../runtime/private-files.js';
import { dirname } from 'node:path';

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

/** The better-sqlite3 connection under a SQLite DataSource (its driver's single connection). */
export const sqliteConnection = (ds: DataSource): Database => (ds.driver as unknown as { databaseConnection: Database }).databaseConnection;

/** The pg connection pool under a PostgreSQL DataSource (its driver's `master` pool). */
export const postgresPool = (ds: DataSource): Pool => (ds.driver as unknown as { master: Pool }).master;

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

function postgresOptions(target: string, logging: boolean, poolSize: number, connectTimeoutMs: number): DataSourceOptions {
  return {
    type: 'postgres',
    url: target,
    poolSize,
    // pg's connectionTimeoutMillis: without it a host that never answers holds the start forever.
    connectTimeoutMS: connectTimeoutMs,
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
 * Applies pending migrations and returns the names of those it ran. On PostgreSQL a session advisory
 * lock makes concurrent starters wait for the first one, which migrates; the others then find nothing
 * pending. (SQLite writers are already serialized by the file lock and the busy timeout.)
 */
async function migrate(ds: DataSource, dialect: Dialect): Promise<string[]> {
  if (dialect === 'sqlite') return (await ds.runMigrations()).map((m) => m.name);
  const lock = ds.createQueryRunner();
  await lock.query('SELECT pg_advisory_lock($1)', [PG_MIGRATION_LOCK]);
  try {
    return (await ds.runMigrations()).map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [PG_MIGRATION_LOCK]);
    await lock.release();
  }
}

/** Most PostgreSQL connections one store (one server node) keeps open unless told otherwise. */
export const DEFAULT_POOL_SIZE = 10;
/** Migrating holds one connection for the advisory lock and runs the migrations on another. */
export const MIN_POOL_SIZE = 2;

export interface DataSourceSettings {
  readonly logging?: boolean;
  /** Size of the PostgreSQL connection pool (ignored for SQLite's single connection). */
  readonly poolSize?: number;
  /** PostgreSQL: longest wait for a new connection, ms (default 10000). */
  readonly connectTimeoutMs?: number;
}

/** Longest wait for a PostgreSQL connection unless told otherwise (COUNTERSIGN_DB_CONNECT_TIMEOUT_MS). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** A SQLite file store: its folder (0700 when created) and the file itself (0600) before SQLite opens it. */
function prepareSqliteFile(target: string): void {
  if (target === ':memory:') return;
  try {
    makePrivateDir(dirname(target));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    throw new Error(`${dirname(target)} (or a folder above it) exists but is not a folder (ENOTDIR)`);
  }
  ensurePrivateFile(target);
}

export interface Opened {
  readonly ds: DataSource;
  readonly dialect: Dialect;
  /** Names of the migrations this call applied (empty when the schema was up to date). */
  readonly applied: string[];
}

/** Initializes the connection and applies pending migrations; never synchronizes the schema. */
export async function openDataSource(url: string, settings: DataSourceSettings = {}): Promise<Opened> {
  const { dialect, target } = parseStoreUrl(url);
  const logging = settings.logging ?? false;
  const poolSize = Math.max(MIN_POOL_SIZE, settings.poolSize ?? DEFAULT_POOL_SIZE);
  const connectTimeoutMs = settings.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  if (dialect === 'sqlite') await stage('file', async () => prepareSqliteFile(target));
  const ds = new DataSource(dialect === 'sqlite' ? sqliteOptions(target, logging) : postgresOptions(target, logging, poolSize, connectTimeoutMs));
  await stage('connect', () => ds.initialize());
  try {
    return { ds, dialect, applied: await stage('migrate', () => migrate(ds, dialect)) };
  } catch (err) {
    await ds.destroy().catch(() => undefined);
    throw err;
  }
}

/** Runs one step of opening, its failure a StoreOpenError of that stage (the driver's code kept in the message). */
async function stage<T>(name: StoreOpenStage, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StoreOpenError) throw err;
    const e = err as { message?: string; code?: string; driverError?: { code?: string } };
    const code = e.driverError?.code ?? e.code;
    const text = e.message || String(err);
    throw new StoreOpenError(name, code && !text.includes(code) ? `${text} (${code})` : text, { cause: err });
  }
}

/** Names of all migrations this version knows, oldest first. */
export const knownMigrations = (): string[] => MIGRATIONS.map((m) => m.name);

/**
 * Brings the schema of the database at `url` up to date and closes it again (`countersign migrate`):
 * the same migrations, under the same lock, that every node runs when it starts.
 */
export async function migrateDatabase(url: string, connectTimeoutMs?: number): Promise<{ applied: string[]; known: string[] }> {
  const { ds, applied } = await openDataSource(url, { poolSize: MIN_POOL_SIZE, connectTimeoutMs });
  await ds.destroy();
  return { applied, known: knownMigrations() };
}
