// Purging the audit log by hand (src/admin/audit-purge.ts): bounds from --before and the administrative
// retention, refusals, a dry run that changes nothing, progress, a stop after the batch under way, and the
// purge's own administrative record (who, bounds, counts), which the run itself never deletes.
import { expect } from 'chai';
import type { AdminActor } from '../../src/admin/admin-audit.js';
import { parseBound, purgeAuditLog, type AuditPurgeRequest } from '../../src/admin/audit-purge.js';
import type { AdminServices } from '../../src/admin/services.js';
import type { AuditEntry } from '../../src/engine/ports.js';
import { DAY_MS } from '../../src/runtime/audit-retention.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { FAST_HASHER } from '../store/contract-support.js';

const NOW = Date.UTC(2026, 5, 1);
const ACTOR: AdminActor = { door: 'cli', domain: 'os', userId: 'operator', sourceAddress: null };
const entry = (at: number, userId: string, componentType = 'SOAP Auth Client'): AuditEntry => ({
  at, door: 'soap', componentType, domain: 'master', userId, serialNo: null, status: 'SUCCESS', statusCode: 0, sourceAddress: null, detail: null,
});

async function setup(): Promise<{ svc: AdminServices; store: MemoryStore }> {
  const store = new MemoryStore({ now: () => NOW });
  for (let i = 0; i < 5; i++) await store.record(entry(NOW - 100 * DAY_MS + i, `old${i}`));
  await store.record(entry(NOW - 10 * DAY_MS, 'recent'));
  await store.record(entry(NOW - 3000 * DAY_MS, 'admin-ancient', 'Administration'));
  await store.record(entry(NOW - 100 * DAY_MS, 'admin-old', 'Administration'));
  const svc: AdminServices = { store, clock: { now: () => NOW }, random: { bytes: () => Buffer.alloc(0) } as never, hasher: FAST_HASHER };
  return { svc, store };
}

const purge = (svc: AdminServices, q: Partial<AuditPurgeRequest>) => purgeAuditLog(svc, ACTOR, { before: '30d', adminDays: 2557, sleep: async () => undefined, ...q });
const users = async (store: MemoryStore) => (await store.listAudit()).map((e) => e.userId);
const adminDetails = async (store: MemoryStore) => (await store.listAudit({ componentType: 'Administration', userId: 'operator' })).map((e) => [e.status, e.detail]);

describe('admin: audit purge', () => {
  it('reads days before now or an ISO-8601 instant, and refuses nonsense and the future', () => {
    expect(parseBound('90d', '--before', NOW)).to.equal(NOW - 90 * DAY_MS);
    expect(parseBound('0d', '--before', NOW)).to.equal(NOW);
    expect(parseBound('2026-01-01T00:00:00Z', '--before', NOW)).to.equal(Date.UTC(2026, 0, 1));
    expect(parseBound('soon', '--before', NOW)).to.match(/^--before must be an ISO-8601 instant .* or a number of days/);
    expect(parseBound('-5d', '--before', NOW)).to.be.a('string');
    expect(parseBound('90', '--before', NOW), 'a number without d is no year').to.be.a('string');
    expect(parseBound('2026-02-30T25:00Z', '--before', NOW)).to.be.a('string');
    expect(parseBound('2026-03-01T12:30:00.5+02:00', '--before', NOW)).to.equal(Date.UTC(2026, 2, 1, 10, 30, 0, 500));
    expect(parseBound('2026-06-02T00:00:00Z', '--before', NOW)).to.match(/lies in the future/);
  });

  it('a dry run counts what would go and changes nothing, not even the audit', async () => {
    const { svc, store } = await setup();
    const r = await purge(svc, { dryRun: true });
    expect(r).to.deep.equal({ ok: true, value: { dryRun: true, before: new Date(NOW - 30 * DAY_MS).toISOString(),
      adminBefore: new Date(NOW - 2557 * DAY_MS).toISOString(), deleted: 5, administrative: 1, interrupted: false } });
    expect(await users(store)).to.have.length(8);
  });

  it('deletes the records older than --before, administrative ones only past their retention, and records itself', async () => {
    const { svc, store } = await setup();
    const done: [number, number][] = [];
    const r = await purge(svc, { batch: 2, progress: (d, t) => done.push([d, t]) });
    expect(r.ok && r.value).to.deep.include({ deleted: 5, administrative: 1, interrupted: false });
    expect(done).to.deep.equal([[2, 6], [4, 6], [5, 6], [6, 6]]);
    expect(await users(store)).to.deep.equal(['admin-old', 'recent', 'operator']);
    expect(await adminDetails(store)).to.deep.equal([['SUCCESS', `audit purge before=${new Date(NOW - 30 * DAY_MS).toISOString()} `
      + `admin-before=${new Date(NOW - 2557 * DAY_MS).toISOString()} deleted=5 administrative=1`]]);
    const record = (await store.listAudit({ userId: 'operator' }))[0]!;
    expect(record).to.deep.include({ door: 'cli', domain: 'os', componentType: 'Administration', at: NOW });
  });

  it('keeps administrative records with retention 0, takes them with --admin-before, never its own record', async () => {
    const kept = await setup();
    expect((await purge(kept.svc, { before: '0d', adminDays: 0 })).ok).to.equal(true);
    expect(await users(kept.store)).to.deep.equal(['admin-ancient', 'admin-old', 'operator']);
    const all = await setup();
    const r = await purge(all.svc, { before: '0d', adminBefore: '0d' });
    expect(r.ok && r.value).to.deep.include({ deleted: 6, administrative: 2, adminBefore: new Date(NOW).toISOString() });
    expect(await users(all.store)).to.deep.equal(['operator']);
  });

  it('refuses --admin-before later than --before, and a bad bound, deleting nothing and recording the refusal', async () => {
    const { svc, store } = await setup();
    expect(await purge(svc, { before: '90d', adminBefore: '30d' })).to.deep.include({ ok: false, status: 'INVDATA' });
    const bad = await purge(svc, { before: 'yesterday' });
    expect(bad).to.deep.include({ ok: false, status: 'INVDATA' });
    expect(await users(store)).to.have.length(8 + 2);
    expect((await adminDetails(store)).map(([status, detail]) => [status, detail!.split(':')[0]])).to.deep.equal([
      ['INVDATA', 'audit purge before=90d'], ['INVDATA', 'audit purge before=yesterday'],
    ]);
  });

  it('stops after the batch under way when told, and records how far it got', async () => {
    const { svc, store } = await setup();
    const stop = new AbortController();
    const r = await purge(svc, { batch: 2, signal: stop.signal, progress: () => stop.abort() });
    expect(r.ok && r.value).to.deep.include({ deleted: 2, administrative: 0, interrupted: true });
    expect((await adminDetails(store))[0]![1]).to.match(/deleted=2 administrative=0 interrupted$/);
  });
});
