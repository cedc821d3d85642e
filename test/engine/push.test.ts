// Engine push flow with an injected clock and a scripted waiter (flows.md §6): the deadline is the
// clock's, not the wall's; reject and timeout never count toward lockout; a locked user gets no push;
// auth type PUSH without a device; every call its own transaction, at most PUSH_LIVE_PER_USER live per
// user; without a waiter the keyword is an ordinary (wrong) password.
import { expect } from 'chai';
import type { AuthOutcome } from '../../src/domain/request.js';
import { createEngine } from '../../src/engine/authenticate.js';
import { PUSH_LIVE_PER_USER } from '../../src/engine/decisions.js';
import type { PushWaiter, WaitEnd } from '../../src/engine/ports.js';
import { demoHarness, fastHasher, type Harness } from '../support/engine-harness.js';

/** A waiter the test releases by hand: `release()` resolves every current wait (`released` unless told). */
function scriptedWaiter() {
  const waits: { key: string; deadline: number; done: (v: WaitEnd) => void }[] = [];
  const waiter: PushWaiter = {
    wait: (key, deadline) => new Promise((done) => { waits.push({ key, deadline, done }); }),
    wake: () => undefined,
  };
  const release = (end: WaitEnd = 'released') => { for (const w of waits.splice(0)) w.done(end); };
  return { waiter, waits, release };
}

const flush = () => new Promise((r) => setTimeout(r, 5));

describe('engine: push and login', () => {
  let h: Harness;
  let s: ReturnType<typeof scriptedWaiter>;
  let authUser: (fields: Record<string, string>) => Promise<AuthOutcome>;
  let heard: number;
  beforeEach(async () => {
    heard = 0;
    h = await demoHarness();
    s = scriptedWaiter();
    const random = { bytes: (n: number) => Buffer.alloc(n, 9) };
    const engine = createEngine({ clock: h.clock, random, users: h.store, authenticators: h.store, clients: h.store, pending: h.store, audit: h.store, hasher: fastHasher(), push: s.waiter });
    authUser = (fields) => engine.authUser({ componentType: 'SOAP Auth Client', passwordFormat: 'combined', door: 'test', userId: 'carol.push', ...fields },
      { held: () => { heard++; } });
  });

  it('waits until the injected clock reaches the policy deadline, then closes the transaction', async () => {
    const held = authUser({ password: 'PUSH' });
    await flush();
    expect(s.waits).to.have.length(1);
    const { key, deadline } = s.waits[0]!;
    expect(deadline - h.clock.now()).to.equal(30_000);
    h.clock.advance(29_999);
    s.release();
    await flush();
    expect(s.waits).to.have.length(1);
    h.clock.advance(1);
    s.release();
    const out = await held;
    expect(out.status).to.equal('PUSH_TIMEOUT');
    expect((await h.store.find(key))!.state).to.equal('used');
    expect((await h.store.findUser('master', 'carol.push'))!.lockCount).to.equal(0);
  });

  it('closes the transaction when the waiter says its lifetime passed in real time, the clock frozen', async () => {
    const held = authUser({ password: 'PUSH' });
    await flush();
    const { key } = s.waits[0]!;
    s.release('expired');
    expect((await held).status).to.equal('PUSH_TIMEOUT');
    expect((await h.store.find(key))!.state).to.equal('used');
  });

  it('answers PUSH_REJECTED for a rejected transaction and leaves the lock count alone', async () => {
    await h.store.updateLockState((await h.store.findUser('master', 'carol.push'))!.id, 0, { lockCount: 2, locked: false, lockedUntil: null, autoUnlocks: 0, lastFailure: null, lastFailureAt: null });
    const held = authUser({ password: 'push' });
    await flush();
    expect(await h.store.transition(s.waits[0]!.key, 'open', 'rejected')).to.equal(true);
    s.release();
    expect((await held).status).to.equal('PUSH_REJECTED');
    expect((await h.store.findUser('master', 'carol.push'))!.lockCount).to.equal(2);
  });

  it('gives no push to a locked user, and NO_DIGIPASS to auth type PUSH without a push device', async () => {
    expect((await authUser({ userId: 'jane.doe', password: '', authType: 'PUSH' } as Record<string, string>)).status).to.equal('NO_DIGIPASS');
    await h.store.updateLockState((await h.store.findUser('master', 'carol.push'))!.id, 0, { lockCount: 3, locked: true, lockedUntil: null, autoUnlocks: 0, lastFailure: null, lastFailureAt: null });
    expect((await authUser({ password: 'push' })).status).to.equal('LOCKED');
    expect(s.waits).to.have.length(0);
  });

  it('does not make the user\'s other requests wait while a push call is held, and tells the door once', async () => {
    const held = authUser({ password: 'PUSH' });
    await flush();
    expect(s.waits).to.have.length(1);
    expect(heard).to.equal(1);
    const other = await authUser({ password: '000000' });
    expect(other.status).to.be.oneOf(['OTP_INCORRECT', 'INVCREDENTIALS', 'NO_DIGIPASS']);
    h.clock.advance(30_000);
    s.release();
    expect((await held).status).to.equal('PUSH_TIMEOUT');
    expect(heard).to.equal(1);
  });

  it('never lets a second call join a live transaction: each is answered by its own record alone', async () => {
    const random = { n: 0, bytes: (n: number) => Buffer.alloc(n, ++random.n) };
    const engine = createEngine({ clock: h.clock, random, users: h.store, authenticators: h.store, clients: h.store, pending: h.store, audit: h.store, hasher: fastHasher(), push: s.waiter });
    const ask = () => engine.authUser({ componentType: 'SOAP Auth Client', passwordFormat: 'combined', door: 'test', userId: 'carol.push', password: 'push', sourceAddress: '192.0.2.7' });
    const first = ask();
    const second = ask();
    await flush();
    const keys = s.waits.map((w) => w.key);
    expect(new Set(keys).size).to.equal(2);
    expect(await h.store.transition(keys[0]!, 'open', 'approved')).to.equal(true);
    h.clock.advance(30_000);
    s.release();
    expect((await first).status).to.equal('SUCCESS');
    expect((await second).status).to.equal('PUSH_TIMEOUT');
  });

  it(`answers RATE_LIMITED, sending nothing, to a push request past ${PUSH_LIVE_PER_USER} live ones of the user`, async () => {
    const random = { n: 0, bytes: (n: number) => Buffer.alloc(n, ++random.n) };
    const engine = createEngine({ clock: h.clock, random, users: h.store, authenticators: h.store, clients: h.store, pending: h.store, audit: h.store, hasher: fastHasher(), push: s.waiter });
    const ask = () => engine.authUser({ componentType: 'SOAP Auth Client', passwordFormat: 'combined', door: 'test', userId: 'carol.push', password: 'push' });
    const held: Promise<AuthOutcome>[] = [];
    for (let i = 0; i < PUSH_LIVE_PER_USER; i++) { held.push(ask()); await flush(); }
    h.clock.advance(10_000);
    const refused = await ask();
    expect(refused.status).to.equal('RATE_LIMITED');
    expect(refused.retryAfterS).to.equal(20);
    expect(s.waits).to.have.length(PUSH_LIVE_PER_USER);
    const user = (await h.store.findUser('master', 'carol.push'))!;
    expect(await h.store.listPendingForUser!(user.id, 'push')).to.have.length(PUSH_LIVE_PER_USER);
    h.clock.advance(20_000);
    s.release();
    for (const p of held) expect((await p).status).to.equal('PUSH_TIMEOUT');
    const again = ask();
    await flush();
    expect(s.waits).to.have.length(1);
    h.clock.advance(30_000);
    s.release();
    expect((await again).status).to.equal('PUSH_TIMEOUT');
  });

  it('treats the keyword as an ordinary password when the engine has no waiter', async () => {
    const out = await h.auth({ userId: 'carol.push', password: 'push' });
    expect(out.status).to.not.equal('SUCCESS');
    expect(await h.store.listPendingForUser!((await h.store.findUser('master', 'carol.push'))!.id, 'push')).to.deep.equal([]);
  });
});
