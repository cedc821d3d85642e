// `countersign migrate` (docs/upgrade.md) on SQLite and, with COUNTERSIGN_TEST_PG, on
// PostgreSQL; and the PostgreSQL pool size from COUNTERSIGN_DB_POOL_SIZE reaching the pg driver.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { loadConfig } from '../../src/config/load.js';
import { knownMigrations } from '../../src/store/datasource.js';
import { openStore } from '../../src/store/store.js';
import type { TypeOrmStore } from '../../src/store/typeorm-store.js';
import { ROOT } from '../support/engine-harness.js';
import { scratchDatabase, type ScratchDb } from '../support/pg-db.js';

const BIN = join(ROOT, 'bin', 'countersign.js');
const run = promisify(execFile);
const pgUrl = process.env.COUNTERSIGN_TEST_PG;
const ALL = knownMigrations();

async function migrateTwice(database: string): Promise<[string, string]> {
  const env = { ...process.env, COUNTERSIGN_DATABASE: database };
  const first = await run(process.execPath, [BIN, 'migrate'], { env });
  const second = await run(process.execPath, [BIN, 'migrate'], { env });
  return [first.stdout, second.stdout];
}

describe('command line: migrate', function () {
  this.timeout(30_000);

  it('applies the migrations to a new SQLite file once, then says the schema is up to date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'countersign-migrate-'));
    try {
      const [first, second] = await migrateTwice(`sqlite:${join(dir, 'sub', 'cs.db')}`);
      expect(first).to.include(`Applied ${ALL.length} migration${ALL.length === 1 ? '' : 's'}:\n${ALL.map((m) => `  ${m}\n`).join('')}`);
      expect(second).to.include('Schema up to date').and.not.include('InitialSchema');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it('refuses a pool size below 2 (migrations need a second connection beside the lock)', () => {
    expect(() => loadConfig({ COUNTERSIGN_DB_POOL_SIZE: '1' })).to.throw(/COUNTERSIGN_DB_POOL_SIZE/);
    expect(loadConfig({}).dbPoolSize).to.equal(10);
  });

  describe('on PostgreSQL', function () {
    if (!pgUrl) {
      it('runs when COUNTERSIGN_TEST_PG is set (test/support/pg-cluster.sh start prints a URL)');
      return;
    }
    let db: ScratchDb;
    before(async () => { db = await scratchDatabase(pgUrl, 'countersign_migrate'); });
    after(() => db.drop());

    it('applies the migrations once and hides the password in what it prints', async () => {
      const url = new URL(db.url);
      url.password = 'not-needed-with-trust';
      const [first, second] = await migrateTwice(url.toString());
      expect(first).to.include(`Applied ${ALL.length} migration`).and.include(ALL[0]).and.not.include('not-needed');
      expect(second).to.include('Schema up to date');
      const c = await db.client();
      try {
        expect((await c.query('SELECT name FROM migrations ORDER BY id')).rows.map((r) => r.name)).to.deep.equal(ALL);
      } finally { await c.end(); }
    });

    it('opens at most poolSize connections however many queries wait', async () => {
      const store = (await openStore(db.url, { masterKey: Buffer.alloc(32, 5), poolSize: 3 })) as TypeOrmStore;
      const observer = await db.client();
      try {
        const sleeping = Promise.all(Array.from({ length: 6 }, () => store.dataSource.query('SELECT pg_sleep(0.2)')));
        await new Promise((ok) => setTimeout(ok, 100));
        const { rows } = await observer.query(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
        await sleeping;
        expect(rows[0].n).to.equal(3);
      } finally {
        await observer.end();
        await store.close();
      }
    });
  });
});
