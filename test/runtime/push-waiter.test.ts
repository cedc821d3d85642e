// The held-call registry (flows.md §6; docs/soap-api.md "Push"): local wake, one shared poll that reads every
// waited key in one query, deadlines by the injected clock and in real time, and shutdown.
import { expect } from 'chai';
import type { PendingRecord, PendingStore } from '../../src/engine/ports.js';
import { createPushWaiter } from '../../src/runtime/push-waiter.js';

function fakeStore(states: Map<string, PendingRecord['state']>) {
  const calls: string[][] = [];
  const rec = (key: string): PendingRecord => ({ key, kind: 'push', userRef: 'u', authenticatorRef: null, componentType: 'c', createdAt: 0, expiresAt: 1e15, payload: {}, state: states.get(key)! });
  const store: PendingStore = {
    create: async () => undefined, transition: async () => false, purgeExpired: async () => 0,
    find: async (k) => (states.has(k) ? rec(k) : null),
    findMany: async (keys) => { calls.push([...keys]); return keys.filter((k) => states.has(k)).map(rec); },
  };
  return { store, calls };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runtime/push-waiter', () => {
  it('wakes every waiter of a key at once on a local answer, and only them', async () => {
    const { store } = fakeStore(new Map([['a', 'open'], ['b', 'open']]));
    const w = createPushWaiter({ pending: store, clock: { now: () => 0 }, pollMs: 10_000 });
    let bDone = false;
    const a1 = w.wait('a', 1e15);
    const a2 = w.wait('a', 1e15);
    void w.wait('b', 1e15).then(() => { bDone = true; });
    expect(w.size).to.equal(3);
    w.wake('a');
    expect(await Promise.all([a1, a2])).to.deep.equal(['released', 'released']);
    await tick(5);
    expect(bDone).to.equal(false);
    expect(w.size).to.equal(1);
    w.close();
  });

  it('releases keys decided or deleted in the store, reading all waited keys in one query per tick', async () => {
    const states = new Map<string, PendingRecord['state']>([['a', 'open'], ['b', 'fetched'], ['c', 'open']]);
    const { store, calls } = fakeStore(states);
    const w = createPushWaiter({ pending: store, clock: { now: () => 0 }, pollMs: 20 });
    const released: string[] = [];
    for (const k of ['a', 'b', 'c', 'gone']) void w.wait(k, 1e15).then(() => released.push(k));
    await tick(50);
    expect(released).to.deep.equal(['gone']);
    expect(calls[0]).to.have.members(['a', 'b', 'c', 'gone']);
    states.set('b', 'approved');
    states.set('c', 'rejected');
    await tick(50);
    expect(released).to.have.members(['gone', 'b', 'c']);
    expect(w.size).to.equal(1);
    w.close();
  });

  it('ends a wait at its deadline on the injected clock, and stops polling when nobody waits', async () => {
    let now = 1000;
    const { store, calls } = fakeStore(new Map([['a', 'open']]));
    const w = createPushWaiter({ pending: store, clock: { now: () => now }, pollMs: 10, monotonic: () => 0 });
    let done = false;
    void w.wait('a', 2000).then(() => { done = true; });
    await tick(40);
    expect(done).to.equal(false);
    now = 2000;
    await tick(40);
    expect(done).to.equal(true);
    const polls = calls.length;
    await tick(40);
    expect(calls.length).to.equal(polls);
  });

  it('ends a wait once its lifetime passed in real time, even on a frozen clock', async () => {
    let real = 0;
    const { store } = fakeStore(new Map([['a', 'open']]));
    const w = createPushWaiter({ pending: store, clock: { now: () => 5000 }, pollMs: 10, monotonic: () => real });
    let done: string | undefined;
    void w.wait('a', 5000 + 60_000).then((end) => { done = end; });
    await tick(40);
    expect(done).to.equal(undefined);
    real = 59_999;
    await tick(40);
    expect(done).to.equal(undefined);
    real = 60_000;
    await tick(40);
    expect(done).to.equal('expired');
    expect(w.size).to.equal(0);
  });

  it('answers false to waiters on shutdown and to any later wait', async () => {
    const { store } = fakeStore(new Map([['a', 'open']]));
    const w = createPushWaiter({ pending: store, clock: { now: () => 0 }, pollMs: 10 });
    const pending = w.wait('a', 1e15);
    w.close();
    expect(await pending).to.equal('closed');
    expect(await w.wait('a', 1e15)).to.equal('closed');
  });
});
