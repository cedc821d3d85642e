// Runs the store contract (spec: flows.md §1, §3, §4) against memory, SQLite in memory, a SQLite
// file, and PostgreSQL when COUNTERSIGN_TEST_PG holds a postgres:// URL (start one with
// test/support/pg-cluster.sh start).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore } from '../../src/store/memory-store.js';
import { openStore, type Store } from '../../src/store/store.js';
import { TypeOrmStore } from '../../src/store/typeorm-store.js';
import { runStoreContract, type ContractExtras } from './contract.js';
import { emptyPostgres, pgTestUrl } from './pg-reset.js';

const TEST_KEY = Buffer.alloc(32, 0x42);

const sqlExtras: ContractExtras = {
  async readSealedSecret(store: Store, serial: string): Promise<string> {
    const s = store as TypeOrmStore;
    const placeholder = s.dialect === 'postgres' ? '$1' : '?';
    const rows = await s.dataSource.query(`SELECT secret_sealed FROM authenticators WHERE serial_key = ${placeholder}`, [serial.toLowerCase()]);
    return (rows as { secret_sealed: string }[])[0]!.secret_sealed;
  },
  async readRadiusSecretColumn(store: Store, address: string): Promise<string> {
    const s = store as TypeOrmStore;
    const rows = await s.dataSource.query(`SELECT secret_sealed FROM radius_clients WHERE address = ${s.dialect === 'postgres' ? '$1' : '?'}`, [address]);
    return (rows as { secret_sealed: string }[])[0]!.secret_sealed;
  },
};

runStoreContract('memory', async (clock) => new MemoryStore(clock));
runStoreContract('sqlite in memory', (clock) => openStore('sqlite::memory:', { masterKey: TEST_KEY, clock }), sqlExtras);

describe('store contract on a SQLite file', function () {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'countersign-store-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  runStoreContract('sqlite file', (clock) => openStore(`sqlite:${join(dir, `store-${++n}.db`)}`, { masterKey: TEST_KEY, clock }), sqlExtras);
});

/** A database of this file's own, emptied to a freshly migrated store before each case. */
const pgUrl = pgTestUrl('contract');
if (pgUrl) {
  runStoreContract('postgres', async (clock) => {
    await emptyPostgres(pgUrl);
    return openStore(pgUrl, { masterKey: TEST_KEY, clock });
  }, sqlExtras);
} else {
  describe('store contract: postgres', function () {
    it('runs when COUNTERSIGN_TEST_PG is set (test/support/pg-cluster.sh start prints a URL)');
  });
}
