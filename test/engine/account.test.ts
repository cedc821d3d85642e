// Engine, account checks, static passwords, lockout and masking (flows.md §1, §2, §4).
import { expect } from 'chai';
import { demoHarness, type Harness } from '../support/engine-harness.js';

const wrongOf = (otp: string, k = 1) => String((Number(otp) + k) % 1_000_000).padStart(6, '0');

describe('engine: accounts and static passwords', () => {
  let h: Harness;
  beforeEach(async () => { h = await demoHarness(); });

  it('answers NO_USER for an unknown user and NOT_FOUND for an unregistered client', async () => {
    expect((await h.auth({ userId: 'nobody', password: '123456' })).status).to.equal('NO_USER');
    const o = await h.auth({ userId: 'jane.doe', componentType: 'Unknown App', password: '123456' });
    expect(o.status).to.equal('NOT_FOUND');
    expect(o.detail).to.match(/not registered/);
  });
  it('answers DISABLED for a disabled user, even with a right OTP', async () => {
    expect((await h.auth({ userId: 'dave.disabled', password: `1234${h.totpAt()}` })).status).to.equal('DISABLED');
  });
  it('accepts alice\'s static password without returning a serial', async () => {
    const o = await h.auth({ userId: 'alice.static', password: 'Alice-Passw0rd' });
    expect(o.status).to.equal('SUCCESS');
    expect(o.serialNo).to.equal(undefined);
  });
  it('accepts alice\'s static password in separate format', async () => {
    const o = await h.auth({ userId: 'alice.static', passwordFormat: 'separate', staticPassword: 'Alice-Passw0rd' });
    expect(o.status).to.equal('SUCCESS');
  });
  it('refuses a wrong static password with LOCAL_PASSWORD_MISMATCH', async () => {
    expect((await h.auth({ userId: 'alice.static', password: 'alice-passw0rd' })).status).to.equal('LOCAL_PASSWORD_MISMATCH');
  });
  it('refuses a static password when the policy allows authenticators only', async () => {
    await h.store.createUser({ domain: 'master', userId: 'sam', localAuth: 'Digipass Only', staticPasswordHash: await (await import('../support/engine-harness.js')).fastHasher().hash('Sam-Passw0rd') });
    const o = await h.auth({ userId: 'sam', password: 'Sam-Passw0rd' });
    expect(o.status).to.equal('NO_DIGIPASS');
  });
});

describe('engine: lockout', () => {
  let h: Harness;
  beforeEach(async () => { h = await demoHarness(); });

  it('locks the user at the threshold and then refuses even a right OTP', async () => {
    const otp = h.totpAt();
    for (let k = 1; k <= 3; k++) {
      expect((await h.auth({ userId: 'jane.doe', password: `1234${wrongOf(otp, k)}` })).status).to.equal('OTP_INCORRECT');
    }
    expect((await h.auth({ userId: 'jane.doe', password: `1234${otp}` })).status).to.equal('LOCKED');
    const user = await h.store.findUser('master', 'jane.doe');
    expect(user!.locked).to.equal(true);
    expect(user!.lockCount).to.equal(3);
  });
  it('resets the lock count on success', async () => {
    const otp = h.totpAt();
    await h.auth({ userId: 'jane.doe', password: `1234${wrongOf(otp)}` });
    await h.auth({ userId: 'jane.doe', password: `1234${wrongOf(otp, 2)}` });
    expect((await h.auth({ userId: 'jane.doe', password: `1234${otp}` })).status).to.equal('SUCCESS');
    expect((await h.store.findUser('master', 'jane.doe'))!.lockCount).to.equal(0);
  });
  it('counts a quick retry of the same wrong OTP once', async () => {
    const bad = `1234${wrongOf(h.totpAt())}`;
    for (let k = 0; k < 5; k++) await h.auth({ userId: 'jane.doe', password: bad });
    expect((await h.store.findUser('master', 'jane.doe'))!.lockCount).to.equal(1);
  });
  it('does not count unknown users, disabled users or unregistered clients', async () => {
    await h.auth({ userId: 'dave.disabled', password: '1234000000' });
    expect((await h.store.findUser('master', 'dave.disabled'))!.lockCount).to.equal(0);
  });
  it('lets one attempt through after the auto-unlock duration and doubles it on failure', async () => {
    await h.setPolicy({ autoUnlock: { enabled: true, durationS: 60, multiplier: 2, maxUnlocks: 3 } });
    const otp = h.totpAt();
    for (let k = 1; k <= 3; k++) await h.auth({ userId: 'jane.doe', password: `1234${wrongOf(otp, k)}` });
    h.clock.advance(30_000);
    expect((await h.auth({ userId: 'jane.doe', password: `1234${h.totpAt()}` })).status).to.equal('LOCKED');
    h.clock.advance(31_000);
    expect((await h.auth({ userId: 'jane.doe', password: `1234${wrongOf(h.totpAt(), 7)}` })).status).to.equal('OTP_INCORRECT');
    const user = (await h.store.findUser('master', 'jane.doe'))!;
    expect(user.locked).to.equal(true);
    expect(user.lockedUntil! - h.clock.now()).to.equal(120_000);
    h.clock.advance(120_000);
    expect((await h.auth({ userId: 'jane.doe', password: `1234${h.totpAt()}` })).status).to.equal('SUCCESS');
    expect((await h.store.findUser('master', 'jane.doe'))!.locked).to.equal(false);
  });
  it('never auto-unlocks a lock when auto-unlock is off', async () => {
    const otp = h.totpAt();
    for (let k = 1; k <= 3; k++) await h.auth({ userId: 'jane.doe', password: `1234${wrongOf(otp, k)}` });
    h.clock.advance(86_400_000);
    expect((await h.auth({ userId: 'jane.doe', password: `1234${h.totpAt()}` })).status).to.equal('LOCKED');
  });
  it('masks generic statuses as INVCREDENTIALS when the policy says so, keeping the real one', async () => {
    await h.setPolicy({ genericStatusCodes: true });
    const o = await h.auth({ userId: 'nobody', password: '123456' });
    expect(o.status).to.equal('NO_USER');
    expect(o.reported).to.equal('INVCREDENTIALS');
    const audit = await h.store.listAudit({ userId: 'nobody' });
    expect(audit.at(-1)!.status).to.equal('NO_USER');
  });
  it('writes one audit record per request without secrets', async () => {
    await h.auth({ userId: 'jane.doe', password: `1234${h.totpAt()}` });
    await h.auth({ userId: 'alice.static', password: 'Alice-Passw0rd' });
    const audit = await h.store.listAudit();
    expect(audit).to.have.length(2);
    expect(audit[0]).to.include({ userId: 'jane.doe', serialNo: 'VDS0000001', status: 'SUCCESS', door: 'test' });
    expect(JSON.stringify(audit)).not.to.include('Alice-Passw0rd');
  });
});
