// WAL checkpoints off the serving thread (design.md "store"; src/store/sqlite-checkpointer.ts): the
// worker copies the WAL into the database file before SQLite's own threshold, the serving connection's
// threshold becomes a safety net, and stopping ends the thread.
import { expect } from 'chai';
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from '../../src/store/sqlite-checkpointer.js';
import { openStore } from '../../src/store/store.js';
import type { TypeOrmStore } from '../../src/store/typeorm-store.js';
import { tempFileEachTest } from '../support/temp-file.js';

const KEY = Buffer.alloc(32, 0x42);
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe('store: SQLite background checkpoints', function () {
  const file = tempFileEachTest('countersign-ckpt-', 'cs.db');

  function walDatabase(): Database.Database {
    const db = new Database(file());
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    return db;
  }

  it('copies committed pages into the database file well before SQLite\'s automatic threshold', async () => {
    const db = walDatabase();
    const checkpointer = startCheckpointer(file(), db, undefined, 20);
    try {
      const before = statSync(file()).size;
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      db.transaction(() => { for (let i = 0; i < 2000; i++) insert.run('x'.repeat(100)); })();
      for (let i = 0; i < 100 && statSync(file()).size === before; i++) await sleep(20);
      expect(statSync(file()).size).to.be.greaterThan(before);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).to.equal(FALLBACK_AUTOCHECKPOINT_PAGES);
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });

  it('leaves SQLite\'s own checkpoints in place when not asked for', async () => {
    const db = walDatabase();
    try {
      const before = statSync(file()).size;
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      db.transaction(() => { for (let i = 0; i < 2000; i++) insert.run('x'.repeat(100)); })();
      await sleep(100);
      expect(statSync(file()).size).to.equal(before);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).to.equal(1000);
    } finally {
      db.close();
    }
  });

  it('runs under a store opened for serving, and ends with the store', async () => {
    const store = (await openStore(`sqlite:${file()}`, { masterKey: KEY, backgroundCheckpoints: true })) as TypeOrmStore;
    const serving = (store.dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
    expect(serving.pragma('wal_autocheckpoint', { simple: true })).to.equal(FALLBACK_AUTOCHECKPOINT_PAGES);
    await store.close();
    const plain = (await openStore(`sqlite:${file()}`, { masterKey: KEY })) as TypeOrmStore;
    const own = (plain.dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
    expect(own.pragma('wal_autocheckpoint', { simple: true })).to.equal(1000);
    await plain.close();
  });
});
