// Engine, 1-step challenge/response (flows.md §5): getChallenge, answers by key (once, before expiry,
// only by its user), client-chosen challenges in `Any Challenge` mode, mode `No`, lockout counting.
import { expect } from 'chai';
import { ocra, ocraSuite } from '../../src/otp/ocra.js';
import { DEMO_SECRET, demoHarness, type Harness } from '../support/engine-harness.js';
import { QN08, addOcraUser, answerOf, getChallenge, lockCount, wrongOf } from './challenge-helpers.js';

describe('engine: getChallenge', () => {
  let h: Harness;
  beforeEach(async () => { h = await demoHarness(); });

  it('issues a general challenge with a key and a message, stored as an open record', async () => {
    const o = await getChallenge(h);
    expect(o.status).to.equal('SUCCESS');
    expect(o.challenge).to.match(/^\d{8}$/);
    expect(o.challengeKey).to.match(/^[A-Za-z0-9_-]{22,}$/);
    expect(o.challengeMessage).to.equal(`Enter challenge ${o.challenge} in your authenticator and send the response`);
    const rec = await h.store.find(o.challengeKey!);
    expect(rec).to.include({ kind: 'challenge', state: 'open', userRef: null, authenticatorRef: null, expiresAt: h.clock.now() + 60_000 });
  });
  it('issues a user-specific challenge for the user\'s OCRA authenticator', async () => {
    const o = await getChallenge(h, { userId: 'BOB.OCRA' });
    expect(o).to.include({ status: 'SUCCESS', serialNo: 'VDS0000003', userId: 'bob.ocra', domain: 'master' });
    const rec = (await h.store.find(o.challengeKey!))!;
    const bob = (await h.store.findUser('master', 'bob.ocra'))!;
    expect(rec.userRef).to.equal(bob.id);
    expect(rec.authenticatorRef).to.equal((await h.store.findBySerial('VDS0000003'))!.id);
  });
  it('issues a challenge for a serial alone, and refuses an unknown or non-OCRA serial', async () => {
    expect(await getChallenge(h, { serialNo: 'vds0000003' })).to.include({ status: 'SUCCESS', serialNo: 'VDS0000003' });
    expect((await getChallenge(h, { serialNo: 'VDS0000404' })).status).to.equal('NOT_FOUND');
    expect((await getChallenge(h, { serialNo: 'VDS0000001' })).status).to.equal('NOT_FOUND');
  });
  it('refuses users without an OCRA authenticator, unknown users, disabled users, unknown clients', async () => {
    expect((await getChallenge(h, { userId: 'jane.doe' })).status).to.equal('NO_DIGIPASS');
    expect((await getChallenge(h, { userId: 'nobody' })).status).to.equal('NO_USER');
    expect((await getChallenge(h, { userId: 'dave.disabled' })).status).to.equal('DISABLED');
    expect((await getChallenge(h, { componentType: 'Unknown App' })).status).to.equal('NOT_FOUND');
  });
  it('refuses while the policy\'s 1-step mode is No, and does not count toward lockout', async () => {
    await h.setPolicy({ challengeMode: 'No' });
    const o = await getChallenge(h, { userId: 'bob.ocra' });
    expect(o.status).to.equal('INVPARAM');
    expect(o.detail).to.match(/1-step challenge\/response is off/);
    expect(o.challengeKey).to.equal(undefined);
    expect(await lockCount(h, 'bob.ocra')).to.equal(0);
  });
  it('audits each call like authUser', async () => {
    await getChallenge(h, { userId: 'bob.ocra' });
    await getChallenge(h, { userId: 'nobody' });
    const audit = await h.store.listAudit();
    expect(audit.map((e) => [e.userId, e.status, e.serialNo])).to.deep.equal([['bob.ocra', 'SUCCESS', 'VDS0000003'], ['nobody', 'NO_USER', null]]);
  });
  it('passes an invalid request through to the audit unchanged', async () => {
    const o = await h.engine.getChallenge({ invalid: 'MISSINGFLD', detail: 'CREDFLD_COMPONENT_TYPE is missing', door: 'test' });
    expect(o.status).to.equal('MISSINGFLD');
    expect((await h.store.listAudit()).at(-1)!.status).to.equal('MISSINGFLD');
  });
});

describe('engine: 1-step answers by challenge key', () => {
  let h: Harness;
  beforeEach(async () => { h = await demoHarness(); });
  const answer = (key: string, password: string, userId = 'bob.ocra') => h.auth({ userId, challengeKey: key, password });

  it('accepts PIN + response to a user-specific challenge, once', async () => {
    const c = await getChallenge(h, { userId: 'bob.ocra' });
    const ok = await answer(c.challengeKey!, `1234${answerOf(c.challenge!)}`);
    expect(ok).to.include({ status: 'SUCCESS', serialNo: 'VDS0000003' });
    expect((await h.store.find(c.challengeKey!))!.state).to.equal('used');
    expect((await answer(c.challengeKey!, `1234${answerOf(c.challenge!)}`)).status).to.equal('NOT_FOUND');
  });
  it('accepts the answer to a general challenge from any user with an OCRA authenticator', async () => {
    const c = await getChallenge(h);
    expect((await answer(c.challengeKey!, `1234${answerOf(c.challenge!)}`)).status).to.equal('SUCCESS');
  });
  it('accepts separate format (response and PIN in their own fields) and returns a host code when asked', async () => {
    const c = await getChallenge(h, { userId: 'bob.ocra' });
    const o = await h.auth({ userId: 'bob.ocra', passwordFormat: 'separate', challengeKey: c.challengeKey, response: answerOf(c.challenge!), currentPin: '1234', requestHostCode: 'optional' });
    expect(o.status).to.equal('SUCCESS');
    expect(o.hostCode).to.match(/^\d{6}$/);
  });
  it('refuses a wrong response, counts it toward lockout and burns the key', async () => {
    const c = await getChallenge(h, { userId: 'bob.ocra' });
    expect((await answer(c.challengeKey!, `1234${wrongOf(answerOf(c.challenge!))}`)).status).to.equal('OTP_INCORRECT');
    expect(await lockCount(h, 'bob.ocra')).to.equal(1);
    expect((await answer(c.challengeKey!, `1234${answerOf(c.challenge!)}`)).status).to.equal('NOT_FOUND');
  });
  it('refuses a right response behind a wrong PIN as OTP_INCORRECT', async () => {
    const c = await getChallenge(h, { userId: 'bob.ocra' });
    expect((await answer(c.challengeKey!, `9999${answerOf(c.challenge!)}`)).status).to.equal('OTP_INCORRECT');
    expect((await answer(c.challengeKey!, answerOf(c.challenge!))).status).to.equal('NOT_FOUND');
  });
  it('locks the user after three wrong answers, each to its own key', async () => {
    for (let k = 1; k <= 3; k++) {
      const c = await getChallenge(h, { userId: 'bob.ocra' });
      expect((await answer(c.challengeKey!, `1234${wrongOf(answerOf(c.challenge!), k)}`)).status).to.equal('OTP_INCORRECT');
    }
    expect((await getChallenge(h, { userId: 'bob.ocra' })).status).to.equal('LOCKED');
    const c = await getChallenge(h);
    expect((await answer(c.challengeKey!, `1234${answerOf(c.challenge!)}`)).status).to.equal('LOCKED');
  });
  it('answers NOT_FOUND for an unknown key without counting it', async () => {
    expect((await answer('no-such-key-0000000000', '1234123456')).status).to.equal('NOT_FOUND');
    expect(await lockCount(h, 'bob.ocra')).to.equal(0);
  });
  it('answers NOT_FOUND for another user\'s key and leaves that key usable', async () => {
    await addOcraUser(h, 'carl.ocra', { serial: 'OCR0000010', pin: '5555' });
    const c = await getChallenge(h, { userId: 'carl.ocra' });
    expect((await answer(c.challengeKey!, `1234${answerOf(c.challenge!)}`)).status).to.equal('NOT_FOUND');
    expect((await answer(c.challengeKey!, `5555${answerOf(c.challenge!)}`, 'carl.ocra')).status).to.equal('SUCCESS');
  });
  it('answers NOT_FOUND for a key bound to another of the user\'s authenticators than the one named', async () => {
    const bob = (await h.store.findUser('master', 'bob.ocra'))!;
    await h.store.createAuthenticator({ serial: 'OCR0000012', kind: 'ocra', secret: DEMO_SECRET, ocraSuite: QN08, userRef: bob.id });
    const c = await getChallenge(h, { serialNo: 'OCR0000012' });
    const viaOther = await h.auth({ userId: 'bob.ocra', serialNo: 'VDS0000003', challengeKey: c.challengeKey, password: `1234${answerOf(c.challenge!)}` });
    expect(viaOther.status).to.equal('NOT_FOUND');
    const viaOwn = await h.auth({ userId: 'bob.ocra', serialNo: 'OCR0000012', challengeKey: c.challengeKey, password: answerOf(c.challenge!) });
    expect(viaOwn).to.include({ status: 'SUCCESS', serialNo: 'OCR0000012' });
  });
  it('answers EXP_CHALLENGE after the challenge lifetime, and accepts just before it', async () => {
    const late = await getChallenge(h, { userId: 'bob.ocra' });
    const early = await getChallenge(h, { userId: 'bob.ocra' });
    h.clock.advance(59_999);
    expect((await answer(early.challengeKey!, `1234${answerOf(early.challenge!)}`)).status).to.equal('SUCCESS');
    h.clock.advance(1);
    expect((await answer(late.challengeKey!, `1234${answerOf(late.challenge!)}`)).status).to.equal('EXP_CHALLENGE');
  });
  it('follows the policy\'s challenge lifetime', async () => {
    await h.setPolicy({ challengeLifetimeS: 5 });
    const c = await getChallenge(h, { userId: 'bob.ocra' });
    h.clock.advance(5_000);
    expect((await answer(c.challengeKey!, `1234${answerOf(c.challenge!)}`)).status).to.equal('EXP_CHALLENGE');
  });
  it('lets exactly one of 10 simultaneous answers to one key succeed', async () => {
    const c = await getChallenge(h, { userId: 'bob.ocra' });
    const password = `1234${answerOf(c.challenge!)}`;
    const all = await Promise.all(Array.from({ length: 10 }, () => answer(c.challengeKey!, password)));
    expect(all.filter((o) => o.status === 'SUCCESS')).to.have.length(1);
    expect(all.filter((o) => o.status === 'NOT_FOUND')).to.have.length(9);
  });
  it('refuses a 1-step key once the policy turned 1-step off', async () => {
    const c = await getChallenge(h, { userId: 'bob.ocra' });
    await h.setPolicy({ challengeMode: 'No' });
    expect((await answer(c.challengeKey!, `1234${answerOf(c.challenge!)}`)).status).to.equal('INVPARAM');
  });
  it('tells an OCRA-only user who sends a bare OTP that no authenticator answers without a challenge', async () => {
    const o = await h.auth({ userId: 'bob.ocra', password: '1234123456' });
    expect(o.status).to.equal('NO_DIGIPASS');
  });
});

describe('engine: 1-step client-chosen challenges (Any Challenge)', () => {
  let h: Harness;
  beforeEach(async () => { h = await demoHarness(); });
  const answer = (challenge: string, password: string) => h.auth({ userId: 'bob.ocra', challenge, password });

  it('accepts PIN + response to a client challenge and refuses the same challenge again', async () => {
    expect(await answer('12345678', `1234${answerOf('12345678')}`)).to.include({ status: 'SUCCESS', serialNo: 'VDS0000003' });
    expect((await answer('12345678', `1234${answerOf('12345678')}`)).status).to.equal('OTP_REPLAY');
    expect((await answer('12345679', `1234${answerOf('12345679')}`)).status).to.equal('SUCCESS');
  });
  it('lets one of 10 simultaneous answers to the same client challenge succeed', async () => {
    const all = await Promise.all(Array.from({ length: 10 }, () => answer('87654321', `1234${answerOf('87654321')}`)));
    expect(all.filter((o) => o.status === 'SUCCESS')).to.have.length(1);
  });
  it('refuses a non-numeric or wrongly sized challenge as INVDATA without counting it', async () => {
    for (const bad of ['ABCDEFGH', '1234', '123456789', '1234 678']) {
      const o = await answer(bad, `1234${answerOf('12345678')}`);
      expect(o.status, bad).to.equal('INVDATA');
      expect(o.detail).to.equal('the challenge must be 8 digits');
    }
    expect(await lockCount(h, 'bob.ocra')).to.equal(0);
  });
  it('refuses a wrong response and counts it', async () => {
    expect((await answer('11111111', `1234${wrongOf(answerOf('11111111'))}`)).status).to.equal('OTP_INCORRECT');
    expect(await lockCount(h, 'bob.ocra')).to.equal(1);
    expect((await answer('11111111', `1234${answerOf('11111111')}`)).status).to.equal('SUCCESS');
  });
  it('refuses client challenges unless the mode is Any Challenge', async () => {
    for (const challengeMode of ['Server Challenge', 'No'] as const) {
      await h.setPolicy({ challengeMode });
      expect((await answer('12345678', `1234${answerOf('12345678')}`)).status).to.equal('INVPARAM');
    }
    expect(await lockCount(h, 'bob.ocra')).to.equal(0);
  });
  it('refuses an answer of an already used counter of a counter-based suite', async () => {
    const suite = ocraSuite('OCRA-1:HOTP-SHA1-6:C-QN08');
    await addOcraUser(h, 'cora.ocra', { serial: 'OCR0000011', suite: suite.text });
    const at = (question: string, counter: number) => ocra(suite, DEMO_SECRET, { question, counter });
    expect((await h.auth({ userId: 'cora.ocra', challenge: '22222222', password: at('22222222', 0) })).status).to.equal('SUCCESS');
    expect((await h.auth({ userId: 'cora.ocra', challenge: '33333333', password: at('33333333', 0) })).status).to.equal('OTP_REPLAY');
    expect((await h.auth({ userId: 'cora.ocra', challenge: '33333333', password: at('33333333', 1) })).status).to.equal('SUCCESS');
  });
});
