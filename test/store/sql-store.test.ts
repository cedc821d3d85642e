// SQL-store specifics (spec: flows.md §3 "even on two server nodes"; design.md "store"): the
// migrations equal the entities, SQLite pragmas, two connections sharing one file, master-key check.
import { expect } from 'chai';
import { DataSource } from 'typeorm';
import { InitialSchema1750000000000 } from '../../src/store/migrations/1750000000000-initial-schema.js';
import { postgresPool } from '../../src/store/datasource.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { openStore } from '../../src/store/store.js';
import type { TypeOrmStore } from '../../src/store/typeorm-store.js';
import { SECRET } from './contract.js';
import { pgTestUrl, resetPostgres } from './pg-reset.js';
import { tempFileEachTest } from '../support/temp-file.js';

const KEY = Buffer.alloc(32, 0x42);

async function pendingSchemaChanges(store: TypeOrmStore): Promise<string[]> {
  const log = await store.dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

describe('store: SQLite file', function () {
  const file = tempFileEachTest('countersign-sql-', 'cs.db');

  it('has exactly the schema of the entities after migrating, and migrates once', async () => {
    const first = (await openStore(`sqlite:${file()}`, { masterKey: KEY })) as TypeOrmStore;
    expect(await pendingSchemaChanges(first)).to.deep.equal([]);
    await first.close();
    const again = (await openStore(`sqlite:${file()}`, { masterKey: KEY })) as TypeOrmStore;
    const applied = await again.dataSource.query('SELECT name FROM migrations');
    expect(applied).to.deep.equal(MIGRATIONS.map((m) => ({ name: new m().name })));
    await again.close();
  });

  it('adds API keys, reply attributes and modified_at to a first-schema file without losing assignments', async () => {
    const old = new DataSource({ type: 'better-sqlite3', database: file(), migrations: [InitialSchema1750000000000], migrationsTransactionMode: 'all' });
    await old.initialize();
    await old.runMigrations();
    await old.query(`INSERT INTO users (id, domain, domain_key, user_id, userid_key, local_auth, created_at, last_failure, last_failure_at)
      VALUES ('u1', 'master', 'master', 'Old.User', 'old.user', 'Default', 1700000000000, 'deadbeef', 1700000000000)`);
    await old.query(`INSERT INTO authenticators (id, serial, serial_key, kind, secret_sealed, digits, algorithm, period, user_ref, created_at)
      VALUES ('a1', 'OLD1', 'old1', 'totp', 'x', 6, 'SHA1', 30, 'u1', 1700000000000)`);
    await old.destroy();
    const store = (await openStore(`sqlite:${file()}`, { masterKey: KEY })) as TypeOrmStore;
    try {
      // The unkeyed failure tag of the first schema is erased (issue 16: it could be reversed).
      expect(await store.findUser('master', 'old.user')).to.include({ id: 'u1', createdAt: 1_700_000_000_000, modifiedAt: null, lastFailure: null });
      expect(await store.dataSource.query('SELECT user_ref FROM authenticators')).to.deep.equal([{ user_ref: 'u1' }]);
      await store.setReplyAttributes('u1', [{ name: 'Class', value: 'old' }]);
      expect(await store.listReplyAttributes('u1')).to.deep.equal([{ name: 'Class', value: 'old', op: ':=' }]);
      expect(await pendingSchemaChanges(store)).to.deep.equal([]);
    } finally {
      await store.close();
    }
  });

  it('runs in WAL mode with synchronous=NORMAL and a busy timeout', async () => {
    const store = (await openStore(`sqlite:${file()}`, { masterKey: KEY })) as TypeOrmStore;
    const ds = store.dataSource;
    expect(await ds.query('PRAGMA journal_mode')).to.deep.equal([{ journal_mode: 'wal' }]);
    expect(await ds.query('PRAGMA synchronous')).to.deep.equal([{ synchronous: 1 }]);
    expect(await ds.query('PRAGMA busy_timeout')).to.deep.equal([{ timeout: 5000 }]);
    await store.close();
  });

  it('lets one of two connections on the same file win a concurrent advanceStep', async () => {
    const a = await openStore(`sqlite:${file()}`, { masterKey: KEY });
    const b = await openStore(`sqlite:${file()}`, { masterKey: KEY });
    const id = await a.createAuthenticator({ serial: 'SHARED', kind: 'totp', secret: SECRET });
    const wins = await Promise.all([a.advanceStep(id, 10, 0), b.advanceStep(id, 10, 0), a.advanceStep(id, 10, 0), b.advanceStep(id, 10, 0)]);
    expect(wins.filter((w) => w)).to.have.length(1);
    expect(await b.findBySerial('shared')).to.include({ lastStep: 10 });
    await a.close();
    await b.close();
  });

  it('refuses to open with another master key', async () => {
    const store = await openStore(`sqlite:${file()}`, { masterKey: KEY });
    await store.close();
    let err: unknown;
    try { await openStore(`sqlite:${file()}`, { masterKey: Buffer.alloc(32, 0x43) }); } catch (e) { err = e; }
    expect((err as Error).message).to.include('master key does not match');
  });

  it('refuses an unknown store URL', async () => {
    let err: unknown;
    try { await openStore('mysql://x', { masterKey: KEY }); } catch (e) { err = e; }
    expect((err as Error).message).to.include('sqlite: or postgres://');
  });
});

const pgUrl = pgTestUrl('sql_store');
describe('store: PostgreSQL', function () {
  if (!pgUrl) {
    it('has exactly the schema of the entities (needs COUNTERSIGN_TEST_PG)');
    return;
  }
  it('lets four nodes start on a fresh database at once (one migrates, the others wait)', async () => {
    await resetPostgres(pgUrl);
    const opened = await Promise.allSettled(Array.from({ length: 4 }, () => openStore(pgUrl, { masterKey: KEY })));
    for (const o of opened) if (o.status === 'fulfilled') await o.value.close();
    expect(opened.map((o) => (o.status === 'fulfilled' ? 'ok' : String(o.reason)))).to.deep.equal(['ok', 'ok', 'ok', 'ok']);
  });

  it('has exactly the schema of the entities after migrating', async () => {
    await resetPostgres(pgUrl);
    const store = (await openStore(pgUrl, { masterKey: KEY })) as TypeOrmStore;
    try {
      expect(await pendingSchemaChanges(store)).to.deep.equal([]);
    } finally {
      await store.close();
    }
  });

  /** Statement names prepared on the pool connection that ran the store's last statement (pg-pool reuses it first). */
  async function preparedAfterLookups(preparedStatements: boolean): Promise<number> {
    await resetPostgres(pgUrl!);
    const store = (await openStore(pgUrl!, { masterKey: KEY, poolSize: 2, preparedStatements })) as TypeOrmStore;
    try {
      await store.createUser({ domain: 'master', userId: 'prep' });
      for (let i = 0; i < 3; i++) expect(await store.findUserAndAuthenticators('master', 'prep')).to.not.equal(null);
      const { rows } = await postgresPool(store.dataSource).query('SELECT name FROM pg_prepared_statements');
      return rows.length;
    } finally {
      await store.close();
    }
  }

  it('runs its statements as prepared statements, and unnamed with preparedStatements: false', async () => {
    expect(await preparedAfterLookups(true)).to.be.greaterThan(0);
    expect(await preparedAfterLookups(false)).to.equal(0);
  });
});
