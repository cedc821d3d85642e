// The audit log's writes (repositories/audit.ts; spec: flows.md §4): on a store that groups commits
// (SQLite) each entry joins the turn's shared commit; elsewhere the entries of one turn are one INSERT.
import { expect } from 'chai';
import type { AuditEntry } from '../../src/engine/ports.js';
import { AuditRepository } from '../../src/store/repositories/audit.js';
import type { Sql } from '../../src/store/sql.js';

const entry = (userId: string): AuditEntry => ({
  at: 1_700_000_000_000, door: 'soap', componentType: 'SOAP Auth Client', domain: 'master', userId, serialNo: 'VDS0000001',
  status: 'SUCCESS', statusCode: 0, sourceAddress: '192.0.2.1', detail: null,
});

function fakeSql(groupsCommits: boolean) {
  const grouped: Array<[string, unknown[]]> = [];
  const run: Array<[string, unknown[]]> = [];
  const sql = {
    groupsCommits,
    runGrouped: async (text: string, params: unknown[]) => { grouped.push([text, params]); return 1; },
    run: async (text: string, params: unknown[]) => { run.push([text, params]); return params.length / 10; },
  } as unknown as Sql;
  return { sql, grouped, run };
}

describe('store: audit log writes', () => {
  it('sends each entry to the shared commit of its turn where the store groups commits', async () => {
    const { sql, grouped, run } = fakeSql(true);
    await Promise.all([new AuditRepository(sql).record(entry('jane')), new AuditRepository(sql).record(entry('bob'))]);
    expect(run).to.deep.equal([]);
    expect(grouped.map(([text]) => (text.match(/\(\?/g) ?? []).length)).to.deep.equal([1, 1]);
    expect(grouped.map(([, params]) => params[4])).to.deep.equal(['jane', 'bob']);
  });

  it('writes the entries of one turn with one multi-row INSERT elsewhere', async () => {
    const { sql, grouped, run } = fakeSql(false);
    const audit = new AuditRepository(sql);
    await Promise.all([audit.record(entry('jane')), audit.record(entry('bob')), audit.record(entry('ann'))]);
    expect(grouped).to.deep.equal([]);
    expect(run).to.have.length(1);
    expect((run[0]![0].match(/\(\?/g) ?? []).length).to.equal(3);
    expect(run[0]![1].filter((_, i) => i % 10 === 4)).to.deep.equal(['jane', 'bob', 'ann']);
  });
});
