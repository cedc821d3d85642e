// The periodic purge of expired challenge and push records (flows.md §5, §6): records are deleted only
// once they have been expired for PENDING_PURGE_AFTER_MS; a failing store is logged, never thrown.
import { expect } from 'chai';
import type { PendingRecord, PendingStore } from '../../src/engine/ports.js';
import { PENDING_PURGE_AFTER_MS, startPendingPurge, type PendingPurge } from '../../src/runtime/purge.js';
import { MemoryStore } from '../../src/store/memory-store.js';

const NOW = Date.UTC(2026, 0, 1);
const record = (key: string, expiresAt: number): PendingRecord => ({
  key, kind: 'challenge', userRef: null, authenticatorRef: null, componentType: 'SOAP Auth Client',
  createdAt: expiresAt - 60_000, expiresAt, payload: { challenge: '12345678', purpose: '1-step' }, state: 'open',
});

describe('runtime: purge of expired pending records', () => {
  let store: MemoryStore;
  let purge: PendingPurge | undefined;
  const warnings: string[] = [];
  const log = { warn: (_o: object, msg: string) => { warnings.push(msg); } };
  beforeEach(async () => {
    store = new MemoryStore();
    warnings.length = 0;
    await store.create(record('long-expired', NOW - PENDING_PURGE_AFTER_MS - 1));
    await store.create(record('just-expired', NOW - 1000));
    await store.create(record('at-the-limit', NOW - PENDING_PURGE_AFTER_MS));
    await store.create(record('open', NOW + 30_000));
  });
  afterEach(async () => { await purge?.stop(); });

  it('deletes only records expired for longer than the grace period', async () => {
    purge = startPendingPurge(store, { now: () => NOW }, log, 3_600_000);
    expect(await purge.runOnce()).to.equal(1);
    expect(await store.find('long-expired')).to.equal(null);
    for (const key of ['just-expired', 'at-the-limit', 'open']) expect(await store.find(key), key).to.not.equal(null);
    expect(await purge.runOnce()).to.equal(0);
  });

  it('runs by itself on its timer, and stops', async () => {
    purge = startPendingPurge(store, { now: () => NOW + PENDING_PURGE_AFTER_MS }, log, 5);
    await new Promise((ok) => setTimeout(ok, 50));
    expect(await store.find('long-expired')).to.equal(null);
    expect(await store.find('just-expired')).to.equal(null);
    expect(await store.find('open')).to.not.equal(null);
    await purge.stop();
    await store.create(record('later', NOW - 1));
    await new Promise((ok) => setTimeout(ok, 30));
    expect(await store.find('later')).to.not.equal(null);
  });

  it('logs a failing store and keeps going', async () => {
    let calls = 0;
    const failing = { purgeExpired: async () => { calls++; throw new Error('database is locked'); } } as unknown as PendingStore;
    purge = startPendingPurge(failing, { now: () => NOW }, log, 3_600_000);
    expect(await purge.runOnce()).to.equal(0);
    expect(await purge.runOnce()).to.equal(0);
    expect(calls).to.equal(2);
    expect(warnings).to.have.length(2);
    expect(warnings[0]).to.match(/purging expired challenge records failed/);
  });
});
