// Push and login end to end over HTTP (flows.md §6): approve, reject, timeout, fetch once, a second
// call never joins the first one's transaction, unknown keys, forged signatures, another user's key, late approvals, a
// caller that gave up, and an approval recorded by another node released through the shared store poll.
import { expect } from 'chai';
import { createEngine } from '../../src/engine/authenticate.js';
import { createDeviceSimulator } from '../../src/device/simulator.js';
import { signTransaction } from '../../src/otp/signature.js';
import { fastHasher } from '../support/engine-harness.js';
import { startE2E, type E2E } from './support.js';
import { answer, cancel, DEVICE, fetchTransaction, listPending, pushLogin, simulate, waitForPending } from './push-support.js';

const SECRET = Buffer.from('12345678901234567890');
const SIM = { COUNTERSIGN_DEVICE_SIMULATOR: '1' };

describe('end to end: push and login', function () {
  this.timeout(20_000);
  let e2e: E2E;
  before(async () => { e2e = await startE2E(undefined, SIM); });
  after(async () => { await e2e.stop(); });

  it('holds the call until the simulator approves, then answers success with the device serial', async () => {
    const held = pushLogin(e2e.url);
    const [tx] = await waitForPending(e2e.url);
    expect(tx!.state).to.equal('open');
    expect(await simulate(e2e.url, 'approve', tx!.challengeKey)).to.deep.equal({ http: 200, status: 'STAT_SUCCESS' });
    const done = await held;
    expect(done.status).to.equal('STAT_SUCCESS');
    expect(done.text).to.contain(`<value xsi:type="xsd:string">${DEVICE}</value>`);
    expect(await listPending(e2e.url)).to.have.length(0);
  });

  it('hands the transaction out once, refuses forged signatures and other users, then approves over SOAP', async () => {
    const held = pushLogin(e2e.url, { CREDFLD_AUTH_TYPE: 'PUSH' });
    const [tx] = await waitForPending(e2e.url);
    const key = tx!.challengeKey;
    const first = await fetchTransaction(e2e.url, key);
    expect(first.status).to.equal('STAT_SUCCESS');
    expect(first.challenge).to.equal(tx!.message).and.to.contain(key);
    expect((await fetchTransaction(e2e.url, key)).status).to.equal('STAT_NOT_FOUND');
    expect((await fetchTransaction(e2e.url, key, 'VDS9999999')).status).to.equal('STAT_NOT_FOUND');
    expect((await fetchTransaction(e2e.url, key, 'VDS0000001')).status).to.equal('STAT_NOT_FOUND');
    expect(await answer(e2e.url, key, signTransaction(Buffer.from('another secret'), first.challenge!))).to.equal('STAT_INVCREDENTIALS');
    expect(await answer(e2e.url, key, signTransaction(SECRET, first.challenge!), 'jane.doe')).to.equal('STAT_NOT_FOUND');
    const user = await e2e.running.app.store.findUser('master', 'carol.push');
    expect(user!.lockCount).to.equal(0);
    expect((await listPending(e2e.url))[0]?.state).to.equal('fetched');
    expect(await answer(e2e.url, key, signTransaction(SECRET, first.challenge!))).to.equal('STAT_SUCCESS');
    expect((await held).status).to.equal('STAT_SUCCESS');
    expect(await answer(e2e.url, key, signTransaction(SECRET, first.challenge!))).to.equal('STAT_NOT_FOUND');
  });

  it('answers STAT_PUSH_REJECTED after cancelAuthUser and does not count it toward lockout', async () => {
    const held = pushLogin(e2e.url);
    const [tx] = await waitForPending(e2e.url);
    expect(await cancel(e2e.url, tx!.challengeKey)).to.equal('STAT_SUCCESS');
    expect((await held).status).to.equal('STAT_PUSH_REJECTED');
    expect((await e2e.running.app.store.findUser('master', 'carol.push'))!.lockCount).to.equal(0);
    expect(await cancel(e2e.url, tx!.challengeKey)).to.equal('STAT_NOT_FOUND');
  });

  it('gives a second call of the same user and client a transaction of its own: approving one answers only its caller', async () => {
    const victim = pushLogin(e2e.url);
    const [first] = await waitForPending(e2e.url);
    const rider = pushLogin(e2e.url);
    const list = await waitForPending(e2e.url, 2);
    expect(list.map((t) => t.challengeKey)).to.have.length(2).and.to.include(first!.challengeKey);
    const second = list.find((t) => t.challengeKey !== first!.challengeKey)!;
    expect(second.message).to.not.equal(first!.message);
    expect((await simulate(e2e.url, 'approve', first!.challengeKey)).status).to.equal('STAT_SUCCESS');
    expect((await victim).status).to.equal('STAT_SUCCESS');
    expect((await listPending(e2e.url)).map((t) => t.challengeKey)).to.deep.equal([second.challengeKey]);
    expect((await simulate(e2e.url, 'reject', second.challengeKey)).status).to.equal('STAT_SUCCESS');
    expect((await rider).status).to.equal('STAT_PUSH_REJECTED');
  });

  it('answers STAT_NOT_FOUND to a cancel or an approval of an unknown key, and to an unknown device', async () => {
    expect(await cancel(e2e.url, 'no-such-key')).to.equal('STAT_NOT_FOUND');
    expect(await answer(e2e.url, 'no-such-key', 'a'.repeat(40))).to.equal('STAT_NOT_FOUND');
    expect((await simulate(e2e.url, 'approve', 'no-such-key')).status).to.equal('STAT_NOT_FOUND');
    expect((await simulate(e2e.url, 'reject')).status).to.equal('STAT_NOT_FOUND');
  });

  it('approves a transaction whose caller already gave up, and keeps serving', async () => {
    const abort = new AbortController();
    const held = pushLogin(e2e.url, undefined, abort.signal).catch((e: Error) => ({ status: e.name, text: '' }));
    const [tx] = await waitForPending(e2e.url);
    abort.abort();
    expect((await held).status).to.equal('AbortError');
    expect((await simulate(e2e.url, 'approve', tx!.challengeKey)).status).to.equal('STAT_SUCCESS');
    const again = pushLogin(e2e.url);
    await waitForPending(e2e.url);
    expect((await simulate(e2e.url, 'approve')).status).to.equal('STAT_SUCCESS');
    expect((await again).status).to.equal('STAT_SUCCESS');
  });

  it('releases the held call when another node records the approval (shared store poll)', async () => {
    const app = e2e.running.app;
    const other = createEngine({ clock: app.clock, random: { bytes: (n) => Buffer.alloc(n, 7) }, users: app.store, authenticators: app.store, clients: app.store, pending: app.store, audit: app.store, hasher: fastHasher() });
    const sim = createDeviceSimulator({ engine: other, store: app.store, clock: app.clock, componentType: 'SOAP Auth Client' });
    const held = pushLogin(e2e.url);
    const [tx] = await waitForPending(e2e.url);
    expect((await sim.approve(DEVICE, tx!.challengeKey)).outcome.status).to.equal('SUCCESS');
    expect((await held).status).to.equal('STAT_SUCCESS');
  });
});

describe('end to end: push timeout', function () {
  this.timeout(20_000);
  let e2e: E2E;
  before(async () => { e2e = await startE2E(undefined, { ...SIM, COUNTERSIGN_DEMO_SEED: 'fixtures/push-e2e-seed.json' }); });
  after(async () => { await e2e.stop(); });

  it('answers STAT_PUSH_TIMEOUT at the policy deadline; a late fetch, approval or cancel changes nothing', async () => {
    const started = Date.now();
    const held = pushLogin(e2e.url);
    const [tx] = await waitForPending(e2e.url);
    const { challenge } = await fetchTransaction(e2e.url, tx!.challengeKey);
    expect((await held).status).to.equal('STAT_PUSH_TIMEOUT');
    expect(Date.now() - started).to.be.within(900, 3000);
    expect(await answer(e2e.url, tx!.challengeKey, signTransaction(SECRET, challenge!))).to.equal('STAT_PUSH_TIMEOUT');
    expect(await cancel(e2e.url, tx!.challengeKey)).to.equal('STAT_PUSH_TIMEOUT');
    expect((await fetchTransaction(e2e.url, tx!.challengeKey)).status).to.equal('STAT_PUSH_TIMEOUT');
    expect((await e2e.running.app.store.find(tx!.challengeKey))!.state).to.equal('used');
  });
});
