// Store contract, audit retention (docs/operations/audit-retention.md): purgeAudit deletes only records of
// its class strictly older than the bound, oldest first, at most a batch per call, and says how many;
// countAudit counts what it would delete; purges running at once delete each record once.
import { expect } from 'chai';
import type { AuditEntry } from '../../src/engine/ports.js';
import type { Ctx } from './contract-support.js';

const T0 = 1_767_225_600_000;

const entry = (at: number, userId: string, componentType = 'SOAP Auth Client'): AuditEntry => ({
  at, door: componentType === 'Administration' ? 'cli' : 'soap', componentType, domain: 'master', userId, serialNo: null,
  status: 'SUCCESS', statusCode: 0, sourceAddress: '192.0.2.1', detail: `record ${userId}`,
});

const users = (es: AuditEntry[]) => es.map((e) => e.userId);

export function auditRetentionCases(s: Ctx): void {
  async function fill(): Promise<void> {
    const rows = [
      entry(T0 - 4000, 'o1'), entry(T0 - 6000, 'a1', 'Administration'), entry(T0 - 5000, 'o0'), entry(T0 - 3000, 'o2'),
      entry(T0 - 1000, 'a2', 'Administration'), entry(T0 - 2000, 'o3'), entry(T0, 'o4'), entry(T0 + 1000, 'o5'), entry(T0 + 500, 'a3', 'Administration'),
    ];
    for (const e of rows) await s().record(e);
  }

  it('purges the oldest records of a class older than the bound, a batch at a time, and keeps the rest whole', async () => {
    await fill();
    expect(await s().countAudit('other', T0)).to.equal(4);
    expect(await s().countAudit('administrative', T0)).to.equal(2);
    expect(await s().purgeAudit('other', T0, 3)).to.equal(3);
    expect(users(await s().listAudit({ componentType: 'SOAP Auth Client' }))).to.deep.equal(['o3', 'o4', 'o5']);
    expect(await s().purgeAudit('other', T0, 3)).to.equal(1);
    expect(await s().purgeAudit('other', T0, 3)).to.equal(0);
    expect(await s().countAudit('other', T0)).to.equal(0);
    expect(users(await s().listAudit())).to.deep.equal(['a1', 'a2', 'o4', 'a3', 'o5']);
    expect((await s().listAudit({ userId: 'o5' }))[0]).to.deep.equal(entry(T0 + 1000, 'o5'));
  });

  it('purges administrative records only by their own bound', async () => {
    await fill();
    expect(await s().purgeAudit('administrative', T0 - 1000, 10)).to.equal(1);
    expect(users(await s().listAudit({ componentType: 'Administration' }))).to.deep.equal(['a2', 'a3']);
    expect(await s().countAudit('other', T0 + 10_000)).to.equal(6);
    expect(await s().purgeAudit('administrative', T0 + 10_000, 10)).to.equal(2);
    expect(users(await s().listAudit())).to.deep.equal(['o0', 'o1', 'o2', 'o3', 'o4', 'o5']);
  });

  it('deletes each record once when purges run at the same time', async () => {
    await fill();
    const counts = await Promise.all([s().purgeAudit('other', T0, 2), s().purgeAudit('other', T0, 2), s().purgeAudit('other', T0, 2)]);
    expect(counts.reduce((a, b) => a + b, 0)).to.equal(4);
    expect(await s().purgeAudit('other', T0, 2)).to.equal(0);
    expect(users(await s().listAudit())).to.deep.equal(['a1', 'a2', 'o4', 'a3', 'o5']);
  });
}
