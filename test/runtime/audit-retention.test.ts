// Audit retention (src/runtime/audit-retention.ts, docs/operations/audit-retention.md): the bounds the
// settings give, the batch loop (other records first, a pause after each full batch, stopped by its signal),
// the background purge's log line and metrics, and the serving process's wiring on a real server.
import { expect } from 'chai';
import type { AuditEntry } from '../../src/engine/ports.js';
import {
  AUDIT_PURGE_BATCH, AUDIT_PURGE_MIN_BATCH, AUDIT_PURGE_PAUSE_MS, DAY_MS, describeRetention, nextBatch, noCounts, notAhead, purgeAuditRecords,
  retentionBounds, startAuditRetention, type RetentionDeps,
} from '../../src/runtime/audit-retention.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { AuditClass } from '../../src/store/records.js';
import { logged, scrape, startObserved, T, total } from './observe-support.js';

const NOW = Date.UTC(2026, 5, 1);
const entry = (at: number, userId: string, componentType = 'RADIUS Client'): AuditEntry => ({
  at, door: 'radius', componentType, domain: 'master', userId, serialNo: 'VDS0000001', status: 'SUCCESS', statusCode: 0, sourceAddress: '192.0.2.7', detail: null,
});

/** 5 logons and 3 administrative records past both bounds, 1 administrative record past the other bound only, 2 new records. */
async function filled(): Promise<MemoryStore> {
  const store = new MemoryStore();
  for (let i = 0; i < 5; i++) await store.record(entry(NOW - 400 * DAY_MS + i, `old${i}`));
  for (let i = 0; i < 3; i++) await store.record(entry(NOW - 3000 * DAY_MS + i, `admin${i}`, 'Administration'));
  await store.record(entry(NOW - 400 * DAY_MS, 'admin-recent', 'Administration'));
  await store.record(entry(NOW - DAY_MS, 'new'));
  await store.record(entry(NOW, 'admin-new', 'Administration'));
  return store;
}

const ids = async (store: MemoryStore) => (await store.listAudit()).map((e) => e.userId);

describe('runtime: audit retention', () => {
  it('keeps 365 days and administrative changes 2557 days by default; 0 keeps forever; administrative never shorter', () => {
    expect(retentionBounds({ days: 365, adminDays: 2557 }, NOW)).to.deep.equal({ other: NOW - 365 * DAY_MS, administrative: NOW - 2557 * DAY_MS });
    expect(retentionBounds({ days: 0, adminDays: 2557 }, NOW)).to.deep.equal({ other: null, administrative: null });
    expect(retentionBounds({ days: 90, adminDays: 0 }, NOW)).to.deep.equal({ other: NOW - 90 * DAY_MS, administrative: null });
    expect(retentionBounds({ days: 365, adminDays: 30 }, NOW)).to.deep.equal({ other: NOW - 365 * DAY_MS, administrative: NOW - 365 * DAY_MS });
    expect(describeRetention({ days: 365, adminDays: 2557 })).to.equal('Audit retention: records older than 365 days are deleted (administrative changes: 2557 days)');
    expect(describeRetention({ days: 0, adminDays: 2557 })).to.match(/off, every record is kept/);
  });

  it('compares records with real time when the clock runs ahead, with the clock when it runs behind', () => {
    expect(notAhead({ now: () => Date.now() + DAY_MS })()).to.be.at.most(Date.now());
    expect(notAhead({ now: () => NOW - DAY_MS })()).to.equal(NOW - DAY_MS);
  });

  it('deletes in batches, the other records first, pausing four times a full batch\'s time (at least the minimum)', async () => {
    const store = await filled();
    const seen: [AuditClass, number][] = [];
    const pauses: number[] = [];
    let ms = 0;
    const counts = await purgeAuditRecords(store, retentionBounds({ days: 365, adminDays: 2557 }, NOW), noCounts(), {
      batch: 2, onBatch: (kind, n) => seen.push([kind, n]), sleep: async (p) => { pauses.push(p); }, timer: () => (ms += 15),
    });
    expect(seen).to.deep.equal([['other', 2], ['other', 2], ['other', 1], ['administrative', 2], ['administrative', 1]]);
    expect(pauses).to.deep.equal([AUDIT_PURGE_PAUSE_MS, AUDIT_PURGE_PAUSE_MS, AUDIT_PURGE_PAUSE_MS]);
    expect(counts).to.deep.include({ other: 5, administrative: 3, batches: 5, stopped: false });
    expect(await ids(store)).to.deep.equal(['admin-recent', 'new', 'admin-new']);
    const slow = await filled();
    const long: number[] = [];
    await purgeAuditRecords(slow, { other: NOW, administrative: null }, noCounts(), { batch: 4, sleep: async (p) => { long.push(p); }, timer: () => (ms += 40) });
    expect(long).to.deep.equal([160]);
  });

  it('sizes each batch to take about 25 ms at the last one\'s pace: smaller on a slow store, at most doubled, within bounds', async () => {
    expect(nextBatch(5000, 100, 5000)).to.equal(1250);
    expect(nextBatch(1250, 10, 5000)).to.equal(2500);
    expect(nextBatch(2500, 12.5, 5000)).to.equal(5000);
    expect(nextBatch(5000, 5000, 5000)).to.equal(AUDIT_PURGE_MIN_BATCH);
    expect(nextBatch(2, 1, 2)).to.equal(2);
    const limits: number[] = [];
    let left = 20_000;
    const store = { purgeAudit: async (_k: AuditClass, _b: number, limit: number) => { limits.push(limit); const n = Math.min(left, limit); left -= n; return n; } };
    const took = [100, 10, 12.5, 12.5, 60];
    let call = 0;
    let ms = 0;
    const pauses: number[] = [];
    await purgeAuditRecords(store, { other: NOW, administrative: null }, noCounts(), {
      sleep: async (p) => { pauses.push(p); }, timer: () => (call++ % 2 === 0 ? ms : (ms += took[(call - 2) / 2] ?? 1)),
    });
    expect(limits.slice(0, 5)).to.deep.equal([AUDIT_PURGE_BATCH, 1250, 2500, 5000, 5000]);
    expect(pauses.slice(0, 5)).to.deep.equal([400, 100, 100, 100, 240]);
    expect(limits.reduce((a, b) => a + b, 0)).to.be.at.least(20_000);
  });

  it('stops after the batch under way when its signal is aborted', async () => {
    const store = await filled();
    const stop = new AbortController();
    const counts = await purgeAuditRecords(store, { other: NOW, administrative: NOW }, noCounts(), {
      batch: 2, signal: stop.signal, onBatch: () => stop.abort(), sleep: async () => undefined,
    });
    expect(counts).to.deep.include({ other: 2, administrative: 0, batches: 1, stopped: true });
  });

  describe('in the background', () => {
    const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
    const counted: string[] = [];
    const deps = (now = NOW): RetentionDeps => ({
      now: () => now,
      log: { info: (obj, msg) => lines.push({ level: 'info', obj: obj as Record<string, unknown>, msg }), warn: (obj, msg) => lines.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }) },
      metrics: { auditPurged: (kind, n) => counted.push(`${kind}+${n}`), auditPurgeRun: (r) => counted.push(r) },
    });
    beforeEach(() => { lines.length = 0; counted.length = 0; });

    it('logs one line per run with counts and bounds only, and counts in the metrics', async () => {
      const store = await filled();
      const retention = startAuditRetention(store, { days: 365, adminDays: 2557 }, deps(), { sleep: async () => undefined });
      const counts = await retention.runOnce();
      await retention.stop();
      expect(counts).to.deep.include({ other: 5, administrative: 3 });
      expect(lines).to.have.length(1);
      expect(lines[0]).to.deep.include({ level: 'info', msg: 'audit purge' });
      expect(lines[0]!.obj).to.deep.include({ deleted: 5, administrative: 3, batches: 2,
        before: new Date(NOW - 365 * DAY_MS).toISOString(), adminBefore: new Date(NOW - 2557 * DAY_MS).toISOString() });
      expect(JSON.stringify(lines[0])).to.not.match(/old\d|admin\d|192\.0\.2|VDS/);
      expect(counted).to.deep.equal(['other+5', 'administrative+3', 'ok']);
    });

    it('logs a failing store, counts the failed run and never throws', async () => {
      const failing = { purgeAudit: async () => { throw new Error('database is locked'); } };
      const retention = startAuditRetention(failing, { days: 30, adminDays: 0 }, deps());
      expect(await retention.runOnce()).to.deep.include({ other: 0, batches: 0 });
      await retention.stop();
      expect(lines.map((l) => [l.level, l.msg])).to.deep.equal([['warn', 'audit purge failed; will retry']]);
      expect(lines[0]!.obj).to.deep.include({ error: { name: 'Error', message: 'database is locked' } });
      expect(counted).to.deep.equal(['failed']);
    });

    it('does nothing with retention 0', async () => {
      const store = await filled();
      const retention = startAuditRetention(store, { days: 0, adminDays: 2557 }, deps(), { firstAfterMs: 1 });
      expect(await retention.runOnce()).to.equal(undefined);
      await retention.stop();
      expect(await ids(store)).to.have.length(11);
    });

    it('runs by itself on its timer; stop ends a run in the middle of its pause', async () => {
      const store = await filled();
      let ran!: () => void;
      let batched!: () => void;
      const first = new Promise<void>((ok) => { ran = ok; });
      const d = deps();
      const retention = startAuditRetention(store, { days: 365, adminDays: 2557 }, {
        ...d, log: { ...d.log, info: (o, m) => { d.log.info(o, m); ran(); } },
        metrics: { ...d.metrics, auditPurged: (kind, n) => { d.metrics.auditPurged(kind, n); batched?.(); } },
      }, { firstAfterMs: 1, everyMs: 3_600_000, batch: 2, sleep: async () => undefined });
      await first;
      expect(await ids(store)).to.deep.equal(['admin-recent', 'new', 'admin-new']);
      await store.record(entry(NOW - 500 * DAY_MS, 'again1'));
      await store.record(entry(NOW - 500 * DAY_MS, 'again2'));
      await store.record(entry(NOW - 500 * DAY_MS, 'again3'));
      const stopped = startAuditRetention(store, { days: 365, adminDays: 2557 }, { ...d, metrics: { ...d.metrics, auditPurged: () => batched() } },
        { firstAfterMs: 3_600_000, batch: 2, pauseMs: 3_600_000 });
      const oneBatch = new Promise<void>((ok) => { batched = ok; });
      const run = stopped.runOnce();
      await oneBatch;
      await stopped.stop(); // the run now waits out its hour-long pause: stop wakes it, and it ends there
      expect(await run).to.deep.include({ other: 2, stopped: true });
      expect(await ids(store)).to.deep.equal(['again3', 'admin-recent', 'new', 'admin-new']);
      await retention.stop();
    });
  });
});

describe('runtime: audit retention on a serving process', function () {
  this.timeout(30_000);

  it('purges the store of the running server, logs it and counts it in /metrics', async () => {
    const o = await startObserved({ COUNTERSIGN_AUDIT_RETENTION_DAYS: '30' });
    try {
      const store = o.running.app.store;
      for (let i = 0; i < 3; i++) await store.record(entry(T - 31 * DAY_MS - i, `old${i}`));
      await store.record(entry(T - 31 * DAY_MS, 'root', 'Administration'));
      const kept = (await store.listAudit({ limit: 100_000 })).length - 3;
      expect(await o.running.retention.runOnce()).to.deep.include({ other: 3, administrative: 0 });
      const left = await store.listAudit({ limit: 100_000 });
      expect(left).to.have.length(kept);
      expect(left.map((e) => e.userId)).to.include('root').and.not.include('old0');
      expect(logged(o, 'audit purge')).to.have.length(1);
      expect(logged(o, 'audit purge')[0]).to.deep.include({ deleted: 3, administrative: 0, before: new Date(T - 30 * DAY_MS).toISOString() });
      const samples = await scrape(o.running.metricsUrl!);
      expect(total(samples, 'countersign_audit_purged_total', { records: 'other' })).to.equal(3);
      expect(total(samples, 'countersign_audit_purge_runs_total', { result: 'ok' })).to.equal(1);
    } finally {
      await o.stop();
    }
  });
});
