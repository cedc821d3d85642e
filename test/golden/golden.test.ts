// Runs every golden SOAP case against the in-memory store, SQLite and, when COUNTERSIGN_TEST_PG holds a
// postgres:// URL, PostgreSQL (a database of this file's own, emptied to a freshly migrated store before
// each case: test/store/pg-reset.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { findCases, runCase, expectedStatus, writeExpected } from './runner.js';
import { emptyPostgres, pgTestUrl } from '../store/pg-reset.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const PG = pgTestUrl('golden');
/** Store name, URL, and what makes that store empty before each case (nothing: a fresh in-memory one). */
const STORES: [string, string, (() => Promise<void>)?][] = [['memory', 'memory:'], ['SQLite', 'sqlite::memory:']];
if (PG) STORES.push(['PostgreSQL', PG, () => emptyPostgres(PG)]);
else describe('golden SOAP cases (PostgreSQL store)', () => it('run when COUNTERSIGN_TEST_PG is set (test/support/pg-cluster.sh start prints a URL)'));

for (const [name, url, reset] of STORES) {
  describe(`golden SOAP cases (${name} store)`, () => {
    for (const c of findCases()) {
      it(c.title, async () => {
        await reset?.();
        const reply = await runCase(c, url);
        const file = join(c.dir, 'response.xml');
        if (UPDATE && name === 'memory') writeExpected(c, reply.body);
        expect(existsSync(file), `${c.title}: response.xml is missing (run with UPDATE_GOLDEN=1 and review it)`).to.equal(true);
        const expected = readFileSync(file, 'utf8');
        expect(reply.body).to.equal(expected);
        expect(reply.status).to.equal(expectedStatus(expected));
      });
    }
  });
}
