// Runs every golden SOAP case against the in-memory store and against SQLite.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { findCases, runCase, expectedStatus, writeExpected } from './runner.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const STORES = [['memory', 'memory:'], ['SQLite', 'sqlite::memory:']] as const;

for (const [name, url] of STORES) {
  describe(`golden SOAP cases (${name} store)`, () => {
    for (const c of findCases()) {
      it(c.title, async () => {
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
