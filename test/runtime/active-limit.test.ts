// The active-request limit (runtime/active-limit.ts): at most `max` at once, the rest in arrival order,
// a place given back once however often, and no limit at 0.
import { expect } from 'chai';
import { createActiveLimit, type Leave } from '../../src/runtime/active-limit.js';

const enter = async (limit: ReturnType<typeof createActiveLimit>): Promise<Leave> => limit.enter();

describe('runtime: active-request limit', () => {
  it('lets max requests in at once and the others in arrival order as places are given back', async () => {
    const limit = createActiveLimit(2);
    const order: string[] = [];
    const a = await enter(limit), b = await enter(limit);
    const waiting = ['c', 'd', 'e'].map((name) => enter(limit).then((leave) => { order.push(name); return leave; }));
    expect([limit.active, limit.waiting]).to.deep.equal([2, 3]);
    await new Promise((r) => setImmediate(r));
    expect(order).to.deep.equal([]);
    a();
    const c = await waiting[0]!;
    b();
    const d = await waiting[1]!;
    expect(order).to.deep.equal(['c', 'd']);
    c();
    d();
    (await waiting[2]!)();
    expect([limit.active, limit.waiting]).to.deep.equal([0, 0]);
  });

  it('gives a place back once however often leave is called', async () => {
    const limit = createActiveLimit(1);
    const first = await enter(limit);
    const second = enter(limit);
    first();
    first();
    const leave = await second;
    expect(limit.active).to.equal(1);
    const third = enter(limit);
    const state = await Promise.race([third.then(() => 'entered'), new Promise((r) => setTimeout(() => r('waiting'), 20))]);
    expect(state).to.equal('waiting');
    leave();
    (await third)();
    expect(limit.active).to.equal(0);
  });

  it('answers at once when a place is free (no promise), and never waits at 0', () => {
    expect(createActiveLimit(1).enter()).to.be.a('function');
    const none = createActiveLimit(0);
    for (let i = 0; i < 1000; i++) expect(none.enter()).to.be.a('function');
  });
});
