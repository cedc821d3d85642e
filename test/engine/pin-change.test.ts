// Engine, server PIN change and forced PIN set inside authUser (flows.md §7): combined and separate
// formats, new ≠ confirm and length rules change nothing, the OTP is consumed before the PIN changes,
// at most one argon2 verification and one hash per request.
import { expect } from 'chai';
import { createEngine } from '../../src/engine/authenticate.js';
import { demoHarness, type Harness } from '../support/engine-harness.js';
import { CountingHasher, lockCount, wrongOf } from './challenge-helpers.js';

describe('engine: server PIN change', () => {
  let h: Harness;
  beforeEach(async () => { h = await demoHarness(); });
  const jane = (password: string) => h.auth({ userId: 'jane.doe', password });
  const pinHashOf = async (serial: string) => (await h.store.findBySerial(serial))!.pinHash;

  it('changes the PIN with PIN + OTP + NewPIN + ConfirmPIN; the new PIN then works and the old one not', async () => {
    const o = await jane(`1234${h.totpAt()}56785678`);
    expect(o).to.include({ status: 'SUCCESS', serialNo: 'VDS0000001' });
    h.clock.advance(30_000);
    expect((await jane(`1234${h.totpAt()}`)).status).to.equal('OTP_INCORRECT');
    h.clock.advance(30_000);
    expect((await jane(`5678${h.totpAt()}`)).status).to.equal('SUCCESS');
  });
  it('accepts new PINs of other lengths within the policy', async () => {
    expect((await jane(`1234${h.totpAt()}1234567812345678`)).status).to.equal('SUCCESS');
    h.clock.advance(30_000);
    expect((await jane(`12345678${h.totpAt()}`)).status).to.equal('SUCCESS');
  });
  it('changes the PIN in separate fields', async () => {
    const o = await h.auth({ userId: 'jane.doe', passwordFormat: 'separate', response: h.totpAt(), currentPin: '1234', newPin: '24680', confirmPin: '24680' });
    expect(o.status).to.equal('SUCCESS');
    h.clock.advance(30_000);
    expect((await jane(`24680${h.totpAt()}`)).status).to.equal('SUCCESS');
  });
  it('refuses new ≠ confirm (separate) with PIN_MISMATCH, changing nothing, not even the OTP', async () => {
    const before = await pinHashOf('VDS0000001');
    const otp = h.totpAt();
    const o = await h.auth({ userId: 'jane.doe', passwordFormat: 'separate', response: otp, currentPin: '1234', newPin: '5678', confirmPin: '5679' });
    expect(o.status).to.equal('PIN_MISMATCH');
    expect(o.detail).to.equal('the new PIN and its confirmation differ');
    expect(await pinHashOf('VDS0000001')).to.equal(before);
    expect(await lockCount(h, 'jane.doe')).to.equal(0);
    expect((await jane(`1234${otp}`)).status).to.equal('SUCCESS');
  });
  it('refuses new ≠ confirm (combined) with PIN_MISMATCH, changing nothing, not even the OTP', async () => {
    const before = await pinHashOf('VDS0000001');
    const otp = h.totpAt();
    expect((await jane(`1234${otp}56785679`)).status).to.equal('PIN_MISMATCH');
    expect(await pinHashOf('VDS0000001')).to.equal(before);
    expect((await jane(`1234${otp}`)).status).to.equal('SUCCESS');
  });
  it('refuses a new PIN that is too short, too long or not digits, with a clear detail', async () => {
    const otp = h.totpAt();
    for (const pin of ['12', '123456789', 'abcd']) {
      const o = await h.auth({ userId: 'jane.doe', passwordFormat: 'separate', response: otp, currentPin: '1234', newPin: pin, confirmPin: pin });
      expect(o.status, pin).to.equal('PIN_MISMATCH');
      expect(o.detail).to.equal('the new PIN must be 4 to 8 digits');
    }
    const combined = await jane(`1234${otp}123123`);
    expect(combined.status).to.equal('PIN_MISMATCH');
    expect(combined.detail).to.equal('the new PIN must be 4 to 8 digits');
    expect((await jane(`1234${otp}`)).status).to.equal('SUCCESS');
  });
  it('follows the policy\'s PIN lengths', async () => {
    await h.setPolicy({ pinMinLength: 6, pinMaxLength: 6 });
    const o = await h.auth({ userId: 'jane.doe', passwordFormat: 'separate', response: h.totpAt(), currentPin: '1234', newPin: '5678', confirmPin: '5678' });
    expect(o.detail).to.equal('the new PIN must be 6 to 6 digits');
  });
  it('refuses a wrong current PIN with a right OTP as OTP_INCORRECT; the OTP is consumed, the PIN kept', async () => {
    const before = await pinHashOf('VDS0000001');
    const otp = h.totpAt();
    expect((await jane(`9999${otp}56785678`)).status).to.equal('OTP_INCORRECT');
    expect(await pinHashOf('VDS0000001')).to.equal(before);
    expect(await lockCount(h, 'jane.doe')).to.equal(1);
    expect((await jane(`1234${otp}`)).status).to.equal('OTP_REPLAY');
  });
  it('refuses a wrong OTP and counts it', async () => {
    expect((await jane(`1234${wrongOf(h.totpAt())}56785678`)).status).to.equal('OTP_INCORRECT');
    expect(await lockCount(h, 'jane.doe')).to.equal(1);
  });
  it('refuses a replayed OTP', async () => {
    const otp = h.totpAt();
    expect((await jane(`1234${otp}`)).status).to.equal('SUCCESS');
    expect((await jane(`1234${otp}56785678`)).status).to.equal('OTP_REPLAY');
  });
  it('changes only the authenticator whose OTP verified', async () => {
    const totpPin = await pinHashOf('VDS0000007');
    const o = await h.auth({ userId: 'mallory.multi', password: `1234${h.hotpAt(0)}97539753` });
    expect(o).to.include({ status: 'SUCCESS', serialNo: 'VDS0000008' });
    expect(await pinHashOf('VDS0000007')).to.equal(totpPin);
    expect((await h.auth({ userId: 'mallory.multi', password: `9753${h.hotpAt(1)}` })).status).to.equal('SUCCESS');
  });
  it('uses at most one argon2 verification and one hash per request', async () => {
    const hasher = new CountingHasher();
    const s = h.store;
    const engine = createEngine({ clock: h.clock, random: { bytes: (n) => Buffer.alloc(n, 9) }, users: s, authenticators: s, clients: s, pending: s, audit: s, hasher });
    const o = await engine.authUser({ componentType: 'SOAP Auth Client', userId: 'jane.doe', passwordFormat: 'combined', password: `1234${h.totpAt()}56785678`, door: 'test' });
    expect(o.status).to.equal('SUCCESS');
    expect([hasher.verifies, hasher.hashes]).to.deep.equal([1, 1]);
  });
});

describe('engine: forced PIN set', () => {
  let h: Harness;
  beforeEach(async () => { h = await demoHarness(); });

  it('answers an OTP alone with NEW_PIN_REQUIRED', async () => {
    expect((await h.auth({ userId: 'erin.newpin', password: h.totpAt() })).status).to.equal('NEW_PIN_REQUIRED');
  });
  it('sets the PIN with OTP + NewPIN + ConfirmPIN and clears the force flag', async () => {
    const o = await h.auth({ userId: 'erin.newpin', password: `${h.totpAt()}43214321` });
    expect(o).to.include({ status: 'SUCCESS', serialNo: 'VDS0000005' });
    expect((await h.store.findBySerial('VDS0000005'))!.pinChangeRequired).to.equal(false);
    h.clock.advance(30_000);
    expect((await h.auth({ userId: 'erin.newpin', password: `4321${h.totpAt()}` })).status).to.equal('SUCCESS');
    h.clock.advance(30_000);
    expect((await h.auth({ userId: 'erin.newpin', password: h.totpAt() })).status).to.equal('OTP_INCORRECT');
  });
  it('sets the PIN in separate fields', async () => {
    const o = await h.auth({ userId: 'erin.newpin', passwordFormat: 'separate', response: h.totpAt(), newPin: '86420', confirmPin: '86420' });
    expect(o.status).to.equal('SUCCESS');
    h.clock.advance(30_000);
    expect((await h.auth({ userId: 'erin.newpin', password: `86420${h.totpAt()}` })).status).to.equal('SUCCESS');
  });
  it('refuses a mismatched or too short new PIN and still requires one', async () => {
    const otp = h.totpAt();
    expect((await h.auth({ userId: 'erin.newpin', password: `${otp}43214322` })).status).to.equal('PIN_MISMATCH');
    expect((await h.auth({ userId: 'erin.newpin', password: `${otp}1212` })).status).to.equal('PIN_MISMATCH');
    expect((await h.store.findBySerial('VDS0000005'))!).to.include({ pinChangeRequired: true, pinHash: null });
    expect((await h.auth({ userId: 'erin.newpin', password: otp })).status).to.equal('NEW_PIN_REQUIRED');
  });
  it('refuses a PIN change for an authenticator without a server PIN', async () => {
    const o = await h.auth({ userId: 'john.smith', passwordFormat: 'separate', response: h.hotpAt(0), newPin: '1234', confirmPin: '1234' });
    expect(o.status).to.equal('NO_DIGIPASS');
  });
});
