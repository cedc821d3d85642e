// The audit purge's statements (repositories/audit.ts) find their batch through the `at` index and delete it
// through the primary key, never by scanning the whole table: what keeps a batch short on a table of
// millions of records. SQLite's plan is read with EXPLAIN QUERY PLAN; PostgreSQL's (when COUNTERSIGN_TEST_PG
// is set) on 20,000 analysed records, enough for its planner to prefer a full scan where the text allows one.
import { expect } from 'chai';
import type { AuditClass } from '../../src/store/records.js';
import { purgeStatement } from '../../src/store/repositories/audit.js';
import { openStore } from '../../src/store/store.js';
import type { TypeOrmStore } from '../../src/store/typeorm-store.js';
import { emptyPostgres, pgTestUrl } from './pg-reset.js';

const KEY = Buffer.alloc(32, 0x42);
const KINDS: AuditClass[] = ['other', 'administrative'];
/** A bound below which lie 5% of the records, as for a purge that keeps up (a first purge may take the seq scan the planner then prefers for the rarer administrative records). */
const PARAMS = [1000, 'Administration', 5000];

describe('store: the audit purge\'s query plans', function () {
  this.timeout(30_000);

  it('SQLite: the batch by the at index, its rows by rowid', async () => {
    const store = await openStore('sqlite::memory:', { masterKey: KEY }) as TypeOrmStore;
    try {
      for (const kind of KINDS) {
        const plan = (await store.dataSource.query(`EXPLAIN QUERY PLAN ${purgeStatement(kind, false)}`, PARAMS) as { detail: string }[]).map((r) => r.detail);
        expect(plan, kind).to.include('SEARCH audit_log USING INDEX ix_audit_at (at<?)');
        expect(plan, kind).to.include('SEARCH audit_log USING INTEGER PRIMARY KEY (rowid=?)');
        expect(plan.filter((d) => d.startsWith('SCAN')), kind).to.deep.equal([]);
      }
    } finally {
      await store.close();
    }
  });

  const url = pgTestUrl('audit_plan');
  (url ? it : it.skip)('PostgreSQL: the batch by the at index, its rows by primary key, no sequential scan', async () => {
    await emptyPostgres(url!);
    const store = await openStore(url!, { masterKey: KEY }) as TypeOrmStore;
    try {
      await store.dataSource.query(`INSERT INTO audit_log (at, door, component_type, status, status_code)
        SELECT i, 'soap', CASE WHEN i % 100 = 0 THEN 'Administration' ELSE 'SOAP Auth Client' END, 'SUCCESS', 0 FROM generate_series(1, 20000) i`);
      await store.dataSource.query('ANALYZE audit_log');
      for (const kind of KINDS) {
        let n = 0;
        const text = purgeStatement(kind, true).replace(/\?/g, () => `$${++n}`);
        const plan = (await store.dataSource.query(`EXPLAIN ${text}`, PARAMS) as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
        expect(plan, kind).to.match(/Index Scan using ix_audit_at on audit_log/);
        expect(plan, kind).to.match(/Index Scan using "?PK_\w+"? on audit_log/);
        expect(plan, kind).to.not.match(/Seq Scan/);
      }
    } finally {
      await store.close();
    }
  });
});
