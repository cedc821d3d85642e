// Engine, 2-step challenge/response (flows.md §5): the request methods, STAT_CHALLENGE with challenge,
// key and message, the second leg by key, lockout (a request never counts; a wrong PIN or password does).
import { expect } from 'chai';
import type { Policy } from '../../src/domain/model.js';
import { demoHarness, type Harness } from '../support/engine-harness.js';
import { addOcraUser, answerOf, lockCount, wrongOf } from './challenge-helpers.js';

describe('engine: 2-step challenge request', () => {
  let h: Harness;
  beforeEach(async () => { h = await demoHarness(); });
  const method = (challengeRequestMethod: string, extra: Partial<Policy> = {}) => h.setPolicy({ challengeRequestMethod, ...extra });
  const second = (key: string, password: string, userId = 'bob.ocra') => h.auth({ userId, challengeKey: key, password });

  it('answers the keyword with STAT_CHALLENGE, then accepts PIN + response to the key', async () => {
    const c = await h.auth({ userId: 'bob.ocra', password: 'otp' });
    expect(c).to.include({ status: 'CHALLENGE', reported: 'CHALLENGE', serialNo: 'VDS0000003' });
    expect(c.challenge).to.match(/^\d{8}$/);
    expect(c.challengeKey).to.be.a('string');
    expect(c.challengeMessage).to.equal(`Enter challenge ${c.challenge} in your authenticator and send the response`);
    const rec = (await h.store.find(c.challengeKey!))!;
    expect(rec).to.include({ kind: 'challenge', state: 'open', expiresAt: h.clock.now() + 60_000 });
    expect((await second(c.challengeKey!, `1234${answerOf(c.challenge!)}`)).status).to.equal('SUCCESS');
    expect((await second(c.challengeKey!, `1234${answerOf(c.challenge!)}`)).status).to.equal('NOT_FOUND');
  });
  it('compares the keyword ignoring case', async () => {
    expect((await h.auth({ userId: 'bob.ocra', password: 'OTP' })).status).to.equal('CHALLENGE');
  });
  it('works while the 1-step mode is No (2-step has its own setting)', async () => {
    await h.setPolicy({ challengeMode: 'No' });
    const c = await h.auth({ userId: 'bob.ocra', password: 'otp' });
    expect(c.status).to.equal('CHALLENGE');
    expect((await second(c.challengeKey!, `1234${answerOf(c.challenge!)}`)).status).to.equal('SUCCESS');
  });
  it('neither counts the request toward lockout nor resets the count', async () => {
    const c1 = await h.auth({ userId: 'bob.ocra', password: 'otp' });
    expect((await second(c1.challengeKey!, `1234${wrongOf(answerOf(c1.challenge!))}`)).status).to.equal('OTP_INCORRECT');
    for (let k = 0; k < 5; k++) expect((await h.auth({ userId: 'bob.ocra', password: 'otp' })).status).to.equal('CHALLENGE');
    expect(await lockCount(h, 'bob.ocra')).to.equal(1);
  });
  it('expires the second leg after the challenge lifetime', async () => {
    const c = await h.auth({ userId: 'bob.ocra', password: 'otp' });
    h.clock.advance(60_000);
    expect((await second(c.challengeKey!, `1234${answerOf(c.challenge!)}`)).status).to.equal('EXP_CHALLENGE');
  });
  it('ignores the keyword for a user without an OCRA authenticator', async () => {
    expect((await h.auth({ userId: 'jane.doe', password: 'otp' })).status).to.equal('OTP_INCORRECT');
  });
  it('Keyword: accepts the keyword followed by the server PIN; the second leg is then the response alone', async () => {
    const c = await h.auth({ userId: 'bob.ocra', password: 'otp1234' });
    expect(c.status).to.equal('CHALLENGE');
    expect((await second(c.challengeKey!, answerOf(c.challenge!))).status).to.equal('SUCCESS');
  });
  it('KeywordOnly: only the keyword itself, which may be blank', async () => {
    await method('KeywordOnly');
    expect((await h.auth({ userId: 'bob.ocra', password: 'otp' })).status).to.equal('CHALLENGE');
    expect((await h.auth({ userId: 'bob.ocra', password: 'otp1234' })).status).not.to.equal('CHALLENGE');
    await method('KeywordOnly', { challengeKeyword: '' });
    expect((await h.auth({ userId: 'bob.ocra', password: '' })).status).to.equal('CHALLENGE');
    expect((await h.auth({ userId: 'bob.ocra', password: 'otp' })).status).not.to.equal('CHALLENGE');
  });
  it('KeywordPIN: keyword + PIN issues a challenge answered by the response alone', async () => {
    await method('KeywordPIN');
    const c = await h.auth({ userId: 'bob.ocra', password: 'otp1234' });
    expect(c.status).to.equal('CHALLENGE');
    expect((await h.store.find(c.challengeKey!))!.payload).to.include({ pinVerified: true });
    expect((await second(c.challengeKey!, answerOf(c.challenge!))).status).to.equal('SUCCESS');
  });
  it('KeywordPIN: a wrong PIN issues nothing and counts toward lockout', async () => {
    await method('KeywordPIN');
    const o = await h.auth({ userId: 'bob.ocra', password: 'otp9999' });
    expect(o.status).to.equal('OTP_INCORRECT');
    expect(o.challengeKey).to.equal(undefined);
    expect(await lockCount(h, 'bob.ocra')).to.equal(1);
  });
  it('KeywordPIN: the keyword without the PIN is not a request', async () => {
    await method('KeywordPIN');
    expect((await h.auth({ userId: 'bob.ocra', password: 'otp' })).status).not.to.equal('CHALLENGE');
  });
  it('keyword alone: the second leg still needs the PIN in front of the response', async () => {
    const c = await h.auth({ userId: 'bob.ocra', password: 'otp' });
    expect((await second(c.challengeKey!, answerOf(c.challenge!))).status).to.equal('OTP_INCORRECT');
  });
  it('turns 2-step off for an unknown request method', async () => {
    await method('No');
    expect((await h.auth({ userId: 'bob.ocra', password: 'otp' })).status).not.to.equal('CHALLENGE');
  });
});

describe('engine: 2-step requests with the static password', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await demoHarness();
    await addOcraUser(h, 'olga.ocra', { serial: 'OCR0000020', staticPassword: 'Olga-Passw0rd', localAuth: 'Digipass Only' });
  });
  const ask = (password: string) => h.auth({ userId: 'olga.ocra', password });

  it('Password: the static password issues a challenge; the response answers it', async () => {
    await h.setPolicy({ challengeRequestMethod: 'Password' });
    const c = await ask('Olga-Passw0rd');
    expect(c.status).to.equal('CHALLENGE');
    expect((await h.auth({ userId: 'olga.ocra', challengeKey: c.challengeKey, password: answerOf(c.challenge!) })).status).to.equal('SUCCESS');
  });
  it('Password: a wrong static password is LOCAL_PASSWORD_MISMATCH and counts', async () => {
    await h.setPolicy({ challengeRequestMethod: 'Password' });
    expect((await ask('olga-passw0rd')).status).to.equal('LOCAL_PASSWORD_MISMATCH');
    expect(await lockCount(h, 'olga.ocra')).to.equal(1);
  });
  it('KeywordPassword and PasswordKeyword put the keyword before or after the password', async () => {
    await h.setPolicy({ challengeRequestMethod: 'KeywordPassword' });
    expect((await ask('otpOlga-Passw0rd')).status).to.equal('CHALLENGE');
    expect((await ask('Olga-Passw0rdotp')).status).not.to.equal('CHALLENGE');
    await h.setPolicy({ challengeRequestMethod: 'PasswordKeyword' });
    expect((await ask('Olga-Passw0rdotp')).status).to.equal('CHALLENGE');
    expect((await ask('Olga-Passw0rdotx')).status).not.to.equal('CHALLENGE');
    expect((await ask('Olga-Passw0rXotp')).status).to.equal('LOCAL_PASSWORD_MISMATCH');
  });
  it('Keyword: without a server PIN the item after the keyword is the static password', async () => {
    expect((await ask('otpOlga-Passw0rd')).status).to.equal('CHALLENGE');
    expect((await ask('otpwrong')).status).to.equal('LOCAL_PASSWORD_MISMATCH');
  });
});
