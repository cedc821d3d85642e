// Migration BearerDigests1770000000016 (issue 16) on a SQLite file and, with COUNTERSIGN_TEST_PG, on
// PostgreSQL: admin sessions and hashqr links a previous version stored in clear move under their
// digests, so they keep working and no clear id stays in the pending table; other keys are untouched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { sessionKey } from '../../src/admin/session.js';
import type { PendingRecord } from '../../src/engine/ports.js';
import { bearerKey } from '../../src/store/bearer-digest.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { TypeOrmStore } from '../../src/store/typeorm-store.js';
import { pgTestUrl, resetPostgres } from './pg-reset.js';

const KEY = Buffer.alloc(32, 0x24);
const T0 = 1_767_225_600_000;
const MIGRATION = 'BearerDigests1770000000016';
const record = (key: string, kind: PendingRecord['kind']): PendingRecord => ({
  key, kind, userRef: null, authenticatorRef: null, componentType: 'Administration Program', createdAt: T0, expiresAt: T0 + 60_000, payload: {}, state: 'open',
});

/** Writes rows as the previous version did, and forgets that the migration ran. */
async function asBeforeUpgrade(store: Store): Promise<void> {
  await store.create(record('0123456789abcdef0123456789abcdef', 'admin-session'));
  await store.create(record('hashqr:AAAAAAAAAAAAAAAAAAAAAAAA', 'door-state'));
  await store.create(record('a-challenge-key', 'challenge'));
  const s = store as TypeOrmStore;
  await s.dataSource.query(`DELETE FROM migrations WHERE name = ${s.dialect === 'postgres' ? '$1' : '?'}`, [MIGRATION]);
}

async function expectMigrated(store: Store): Promise<void> {
  expect(await store.find('0123456789abcdef0123456789abcdef')).to.equal(null);
  expect(await store.find(sessionKey('0123456789abcdef0123456789abcdef'))).to.deep.include({ kind: 'admin-session', state: 'open' });
  expect(await store.find('hashqr:AAAAAAAAAAAAAAAAAAAAAAAA')).to.equal(null);
  expect(await store.find(bearerKey('hashqr', 'AAAAAAAAAAAAAAAAAAAAAAAA'))).to.deep.include({ kind: 'door-state' });
  expect(await store.find('a-challenge-key'), 'no bearer secret: unchanged').to.deep.include({ kind: 'challenge' });
}

describe('migration: bearer secrets under their digests', function () {
  this.timeout(30_000);

  it('rewrites clear admin session ids and hashqr tokens on a SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'countersign-digests-'));
    const url = `sqlite:${join(dir, 'cs.db')}`;
    try {
      const before = await openStore(url, { masterKey: KEY });
      await asBeforeUpgrade(before);
      await before.close();
      const after = await openStore(url, { masterKey: KEY });
      try { await expectMigrated(after); } finally { await after.close(); }
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  const pg = pgTestUrl('bearer_digests');
  if (!pg) {
    it('runs on PostgreSQL when COUNTERSIGN_TEST_PG is set (test/support/pg-cluster.sh start prints a URL)');
    return;
  }
  it('rewrites them on PostgreSQL', async () => {
    await resetPostgres(pg);
    const before = await openStore(pg, { masterKey: KEY });
    await asBeforeUpgrade(before);
    await before.close();
    const after = await openStore(pg, { masterKey: KEY });
    try { await expectMigrated(after); } finally { await after.close(); }
  });
});
