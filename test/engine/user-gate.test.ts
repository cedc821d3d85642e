// The per-user gate (flows.md §4): one credential check at a time per user on a node, different
// users in parallel, an idempotent release, and nothing left behind once every turn ended.
import { expect } from 'chai';
import { createUserGate, userGateKey } from '../../src/engine/user-gate.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('engine: per-user gate', () => {
  it('lets the same user in one at a time, in arrival order', async () => {
    const gate = createUserGate();
    const order: string[] = [];
    const run = async (name: string) => {
      const release = await gate.acquire('u');
      order.push(`${name}+`);
      await tick();
      order.push(`${name}-`);
      release();
    };
    await Promise.all([run('a'), run('b'), run('c')]);
    expect(order).to.deep.equal(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(gate.busy).to.equal(0);
  });
  it('does not make different users wait for each other', async () => {
    const gate = createUserGate();
    const first = await gate.acquire('u1');
    const second = await Promise.race([gate.acquire('u2'), new Promise((r) => setTimeout(() => r('blocked'), 50))]);
    expect(second).to.be.a('function');
    first();
    (second as () => void)();
    expect(gate.busy).to.equal(0);
  });
  it('releases once however often release is called', async () => {
    const gate = createUserGate();
    const r1 = await gate.acquire('u');
    const waiting = gate.acquire('u');
    r1();
    r1();
    const r2 = await waiting;
    const third = gate.acquire('u');
    const state = await Promise.race([third.then(() => 'entered'), new Promise((r) => setTimeout(() => r('waiting'), 30))]);
    expect(state).to.equal('waiting');
    r2();
    (await third)();
    expect(gate.busy).to.equal(0);
  });
  it('keys users case-insensitively by domain and user ID', () => {
    expect(userGateKey('Master', 'John.Smith')).to.equal(userGateKey('master', 'john.smith'));
    expect(userGateKey('a', 'bc')).to.not.equal(userGateKey('ab', 'c'));
  });
});
