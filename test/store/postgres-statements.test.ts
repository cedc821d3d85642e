// PostgreSQL's prepared-statement path (src/store/postgres-statements.ts): hot statements parsed once
// per connection, large or surplus texts unnamed, errors in the shape the stores test, and a statement
// whose result row type a migration changed answering again. Needs COUNTERSIGN_TEST_PG.
import { expect } from 'chai';
import pg from 'pg';
import { isUniqueViolation } from '../../src/store/errors.js';
import { MAX_PREPARED_PARAMS, MAX_PREPARED_TEXTS, PostgresStatements } from '../../src/store/postgres-statements.js';
import { pgTestUrl, resetPostgres } from './pg-reset.js';

const PG = pgTestUrl('statements');

const placeholders = (n: number): string => Array.from({ length: n }, (_, i) => `$${i + 1}::int`).join(' + ');

if (!PG) {
  describe('store: PostgreSQL prepared statements', () => it('run when COUNTERSIGN_TEST_PG is set (test/support/pg-cluster.sh start prints a URL)'));
} else {
  describe('store: PostgreSQL prepared statements', () => {
    let pool: pg.Pool;
    let statements: PostgresStatements;
    /** Statement names prepared on the pool's single connection. */
    const prepared = async (): Promise<string[]> =>
      (await pool.query('SELECT name FROM pg_prepared_statements ORDER BY name')).rows.map((r: { name: string }) => r.name);

    beforeEach(async () => {
      await resetPostgres(PG);
      pool = new pg.Pool({ connectionString: PG, max: 1 });
      await pool.query('CREATE TABLE t (id int PRIMARY KEY, v text)');
      statements = new PostgresStatements(pool);
    });
    afterEach(() => pool.end());

    it('prepares a statement once and runs it by name afterwards, with rows and changed-row counts', async () => {
      expect((await statements.exec('INSERT INTO t (id, v) VALUES ($1, $2)', [1, 'a'])).affected).to.equal(1);
      await statements.exec('INSERT INTO t (id, v) VALUES ($1, $2)', [2, 'b']);
      expect((await statements.exec('SELECT v FROM t WHERE id = $1', [2])).records).to.deep.equal([{ v: 'b' }]);
      expect((await statements.exec('UPDATE t SET v = $1 WHERE id > $2', ['c', 0])).affected).to.equal(2);
      expect(await prepared()).to.have.length(3);
      expect((await statements.exec('SELECT v FROM t WHERE id = $1', [1])).records).to.deep.equal([{ v: 'c' }]);
      expect(await prepared()).to.have.length(3);
    });

    it(`runs statements with more than ${MAX_PREPARED_PARAMS} parameters unnamed`, async () => {
      const many = Array.from({ length: MAX_PREPARED_PARAMS + 1 }, () => 1);
      expect((await statements.exec(`SELECT ${placeholders(many.length)} AS n`, many)).records).to.deep.equal([{ n: many.length }]);
      expect(await prepared()).to.deep.equal([]);
    });

    it(`prepares at most ${MAX_PREPARED_TEXTS} texts and runs the rest unnamed`, async () => {
      for (let i = 0; i <= MAX_PREPARED_TEXTS; i++) await statements.exec(`SELECT $1::int + ${i} AS n`, [1]);
      expect(await prepared()).to.have.length(MAX_PREPARED_TEXTS);
      expect((await statements.exec(`SELECT $1::int + ${MAX_PREPARED_TEXTS} AS n`, [1])).records).to.deep.equal([{ n: MAX_PREPARED_TEXTS + 1 }]);
    });

    it('with a limit of 0 texts runs every statement unnamed', async () => {
      const unnamed = new PostgresStatements(pool, 0);
      for (let i = 0; i < 3; i++) expect((await unnamed.exec('SELECT $1::int AS n', [i])).records).to.deep.equal([{ n: i }]);
      expect(await prepared()).to.deep.equal([]);
    });

    it('reports a unique violation in the shape the stores recognise, and changes nothing', async () => {
      await statements.exec('INSERT INTO t (id, v) VALUES ($1, $2)', [1, 'a']);
      const err = await statements.exec('INSERT INTO t (id, v) VALUES ($1, $2)', [1, 'b']).then(() => undefined, (e: unknown) => e);
      expect(isUniqueViolation(err)).to.equal(true);
      expect((await statements.exec('SELECT v FROM t WHERE id = $1', [1])).records).to.deep.equal([{ v: 'a' }]);
    });

    it('answers a prepared SELECT * again after a migration added a column, from then on unnamed', async () => {
      await statements.exec('INSERT INTO t (id, v) VALUES ($1, $2)', [1, 'a']);
      expect((await statements.exec('SELECT * FROM t WHERE id = $1', [1])).records).to.deep.equal([{ id: 1, v: 'a' }]);
      await pool.query('ALTER TABLE t ADD COLUMN w int NOT NULL DEFAULT 7');
      expect((await statements.exec('SELECT * FROM t WHERE id = $1', [1])).records).to.deep.equal([{ id: 1, v: 'a', w: 7 }]);
      expect((await statements.exec('SELECT * FROM t WHERE id = $1', [1])).records).to.deep.equal([{ id: 1, v: 'a', w: 7 }]);
    });
  });
}
