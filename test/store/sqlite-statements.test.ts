// SQLite group commit (sqlite-statements.ts; spec: flows.md §3 compare-and-set): the writes queued in one
// turn of the event loop are one transaction, each answering its own changed-row count after the commit.
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { SqliteStatements } from '../../src/store/sqlite-statements.js';

describe('store: SQLite group commit', () => {
  let db: Database.Database;
  let statements: SqliteStatements;
  const rows = () => db.prepare('SELECT id, step FROM t ORDER BY id').all();

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, step INTEGER NOT NULL)');
    db.exec('INSERT INTO t (id, step) VALUES (1, 0), (2, 0)');
    statements = new SqliteStatements(db);
  });
  afterEach(() => db.close());

  it('answers each write of one turn with its own changed-row count', async () => {
    const cas = (id: number, step: number) => statements.runGrouped('UPDATE t SET step = ? WHERE id = ? AND step < ?', [step, id, step]);
    expect(await Promise.all([cas(1, 5), cas(1, 5), cas(2, 3), cas(3, 1)])).to.deep.equal([1, 0, 1, 0]);
    expect(rows()).to.deep.equal([{ id: 1, step: 5 }, { id: 2, step: 3 }]);
  });

  it('commits the writes of one turn together: one failing write undoes them all and every caller hears of it', async () => {
    const writes = [
      statements.runGrouped('UPDATE t SET step = ? WHERE id = ?', [7, 1]),
      statements.runGrouped('INSERT INTO t (id, step) VALUES (?, ?)', [3, null]),
    ];
    const settled = await Promise.allSettled(writes);
    expect(settled.map((s) => s.status)).to.deep.equal(['rejected', 'rejected']);
    expect(rows()).to.deep.equal([{ id: 1, step: 0 }, { id: 2, step: 0 }]);
  });

  it('keeps the writes of an earlier turn when a later turn fails', async () => {
    expect(await statements.runGrouped('UPDATE t SET step = ? WHERE id = ?', [7, 1])).to.equal(1);
    await statements.runGrouped('INSERT INTO t (id, step) VALUES (?, ?)', [1, 1]).then(
      () => expect.fail('a duplicate key must be refused'), (e: unknown) => expect(String(e)).to.match(/UNIQUE|PRIMARY KEY/));
    expect(rows()).to.deep.equal([{ id: 1, step: 7 }, { id: 2, step: 0 }]);
  });
});
