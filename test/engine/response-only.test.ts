// Engine, response-only authUser (flows.md §2–§3): OTP, PIN + OTP, formats 0 and 4, serial
// restriction, replay, windows, host code.
import { expect } from 'chai';
import { demoHarness, type Harness } from '../support/engine-harness.js';

describe('engine: response-only authUser', () => {
  let h: Harness;
  beforeEach(async () => { h = await demoHarness(); });

  it('accepts server PIN + current TOTP and names the authenticator', async () => {
    const o = await h.auth({ userId: 'jane.doe', password: `1234${h.totpAt()}` });
    expect(o.status).to.equal('SUCCESS');
    expect(o.serialNo).to.equal('VDS0000001');
    expect(o.domain).to.equal('master');
  });
  it('matches user ID and domain case-insensitively', async () => {
    const o = await h.auth({ userId: 'JANE.Doe', domain: 'MASTER', password: `1234${h.totpAt()}` });
    expect(o.status).to.equal('SUCCESS');
  });
  it('refuses a wrong OTP', async () => {
    const good = h.totpAt();
    const wrong = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    expect((await h.auth({ userId: 'jane.doe', password: `1234${wrong}` })).status).to.equal('OTP_INCORRECT');
  });
  it('hands the doors no lockout fingerprint of the wrong credential, whatever the outcome', async () => {
    const good = h.totpAt();
    const wrong = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    const refused = await h.auth({ userId: 'jane.doe', password: `1234${wrong}` });
    expect(refused.status).to.equal('OTP_INCORRECT');
    expect(refused).to.not.have.property('fingerprint');
    expect(refused).to.include({ userId: 'jane.doe', domain: 'master' });
    expect(await h.auth({ userId: 'jane.doe', password: `1234${good}` })).to.not.have.property('fingerprint');
  });
  it('answers a right OTP with a wrong PIN as OTP_INCORRECT and consumes the OTP', async () => {
    const otp = h.totpAt();
    expect((await h.auth({ userId: 'jane.doe', password: `9999${otp}` })).status).to.equal('OTP_INCORRECT');
    expect((await h.auth({ userId: 'jane.doe', password: `1234${otp}` })).status).to.equal('OTP_REPLAY');
  });
  it('refuses the same OTP twice (replay)', async () => {
    const otp = h.totpAt();
    expect((await h.auth({ userId: 'jane.doe', password: `1234${otp}` })).status).to.equal('SUCCESS');
    expect((await h.auth({ userId: 'jane.doe', password: `1234${otp}` })).status).to.equal('OTP_REPLAY');
  });
  it('refuses an older TOTP after a newer one was accepted', async () => {
    const older = h.totpAt(-1);
    expect((await h.auth({ userId: 'jane.doe', password: `1234${h.totpAt()}` })).status).to.equal('SUCCESS');
    expect((await h.auth({ userId: 'jane.doe', password: `1234${older}` })).status).to.equal('OTP_REPLAY');
  });
  it('accepts separate format (4) with the PIN in its own field', async () => {
    const o = await h.auth({ userId: 'jane.doe', passwordFormat: 'separate', response: h.totpAt(), currentPin: '1234' });
    expect(o.status).to.equal('SUCCESS');
    const bad = await h.auth({ userId: 'jane.doe', passwordFormat: 'separate', response: h.totpAt(1), currentPin: '4321' });
    expect(bad.status).to.equal('OTP_INCORRECT');
  });
  it('accepts HOTP inside the event window and refuses beyond it', async () => {
    expect((await h.auth({ userId: 'john.smith', password: h.hotpAt(0) })).status).to.equal('SUCCESS');
    expect((await h.auth({ userId: 'john.smith', password: h.hotpAt(5) })).status).to.equal('SUCCESS');
    expect((await h.auth({ userId: 'john.smith', password: h.hotpAt(3) })).status).to.equal('OTP_REPLAY');
    expect((await h.auth({ userId: 'john.smith', password: h.hotpAt(40) })).status).to.equal('OTP_INCORRECT');
  });
  it('refuses a PIN in front of the OTP of an authenticator without a PIN', async () => {
    expect((await h.auth({ userId: 'john.smith', password: `1234${h.hotpAt(0)}` })).status).to.equal('OTP_INCORRECT');
  });
  it('restricts the candidates to CREDFLD_SERIAL_NO when given', async () => {
    const hotpCode = h.hotpAt(0);
    const viaTotp = await h.auth({ userId: 'mallory.multi', serialNo: 'VDS0000007', password: `1234${hotpCode}` });
    expect(viaTotp.status).to.equal('OTP_INCORRECT');
    const viaHotp = await h.auth({ userId: 'mallory.multi', serialNo: 'VDS0000008', password: `1234${hotpCode}` });
    expect(viaHotp.status).to.equal('SUCCESS');
    expect(viaHotp.serialNo).to.equal('VDS0000008');
  });
  it('tries every authenticator of a user without a serial', async () => {
    const o = await h.auth({ userId: 'mallory.multi', password: `1234${h.totpAt()}` });
    expect(o.status).to.equal('SUCCESS');
    expect(o.serialNo).to.equal('VDS0000007');
  });
  it('answers NO_DIGIPASS for a serial that is not the user\'s', async () => {
    expect((await h.auth({ userId: 'jane.doe', serialNo: 'VDS0000009', password: `1234${h.totpAt()}` })).status).to.equal('NO_DIGIPASS');
  });
  it('accepts a TOTP from a drifted clock on first use, then learns the drift', async () => {
    expect((await h.auth({ userId: 'jane.doe', password: `1234${h.totpAt(4)}` })).status).to.equal('SUCCESS');
    h.clock.advance(30_000);
    expect((await h.auth({ userId: 'jane.doe', password: `1234${h.totpAt(4)}` })).status).to.equal('SUCCESS');
    h.clock.advance(30_000);
    expect((await h.auth({ userId: 'jane.doe', password: `1234${h.totpAt(0)}` })).status).to.equal('OTP_INCORRECT');
  });
  it('asks erin to set a PIN first', async () => {
    const o = await h.auth({ userId: 'erin.newpin', password: h.totpAt() });
    expect(o.status).to.equal('NEW_PIN_REQUIRED');
  });
  it('returns a host code when asked and none otherwise', async () => {
    const withCode = await h.auth({ userId: 'john.smith', password: h.hotpAt(0), requestHostCode: 'optional' });
    expect(withCode.status).to.equal('SUCCESS');
    expect(withCode.hostCode).to.match(/^\d{6}$/);
    const without = await h.auth({ userId: 'john.smith', password: h.hotpAt(1) });
    expect(without.hostCode).to.equal(undefined);
  });
  it('lets exactly one of 50 simultaneous requests with the same OTP succeed', async () => {
    const all = await Promise.all(Array.from({ length: 50 }, () => h.auth({ userId: 'john.smith', password: h.hotpAt(0) })));
    expect(all.filter((o) => o.status === 'SUCCESS')).to.have.length(1);
    expect(all.filter((o) => o.status === 'OTP_REPLAY')).to.have.length(49);
  });
});
