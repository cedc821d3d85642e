// Virtual authenticators in the engine (engine/decisions.ts): both vendor modes (2-step with the key,
// two consecutive 1-step logons), every request method, single use, expiry, delivery failure, backup
// usage restrictions, send limits, and what the store and the audit keep (never the OTP).
import { expect } from 'chai';
import { addVirtualUser, virtualHarness, type VirtualHarness } from './virtual-helpers.js';

const PW = 'Virt-Passw0rd';

describe('engine: virtual authenticators', () => {
  let h: VirtualHarness;
  beforeEach(async () => {
    h = await virtualHarness();
    await addVirtualUser(h, 'vera', { staticPassword: PW });
  });

  it('2-step, Keyword: the keyword sends the OTP (OTP_SENT, key, masked address); password + OTP with the key logs on', async () => {
    const first = await h.auth({ userId: 'vera', password: 'sendotp' });
    expect(first).to.include({ status: 'OTP_SENT', reported: 'OTP_SENT', serialNo: 'VIR-vera' });
    expect(first.challengeKey).to.be.a('string');
    expect(first.challengeMessage).to.equal('A one-time password was sent by e-mail to v***@example.org; enter it to log on');
    expect(h.sender.sent).to.have.length(1);
    expect(h.sender.sent[0]).to.include({ channel: 'email', to: 'vera@example.org', subject: 'Your one-time password' });
    const otp = h.sender.lastOtp();
    expect((await h.auth({ userId: 'vera', password: otp, challengeKey: first.challengeKey }))).to.include({ status: 'LOCAL_PASSWORD_MISMATCH' });
    const again = await h.auth({ userId: 'vera', password: 'sendotp' });
    const otp2 = h.sender.lastOtp();
    expect(await h.auth({ userId: 'vera', password: PW + otp2, challengeKey: again.challengeKey })).to.include({ status: 'SUCCESS', serialNo: 'VIR-vera' });
  });

  it('the same OTP twice fails, with or without the key', async () => {
    const first = await h.auth({ userId: 'vera', password: 'sendotp' });
    const otp = h.sender.lastOtp();
    expect((await h.auth({ userId: 'vera', password: PW + otp, challengeKey: first.challengeKey })).status).to.equal('SUCCESS');
    expect((await h.auth({ userId: 'vera', password: PW + otp, challengeKey: first.challengeKey })).status).to.equal('NOT_FOUND');
    expect((await h.auth({ userId: 'vera', password: PW + otp })).status).to.equal('OTP_INCORRECT');
  });

  it('two consecutive 1-step logons: the first sends, the second (password + OTP, no key) logs on once', async () => {
    expect((await h.auth({ userId: 'vera', password: 'sendotp' })).status).to.equal('OTP_SENT');
    const otp = h.sender.lastOtp();
    expect((await h.auth({ userId: 'vera', password: otp })).status).to.equal('LOCAL_PASSWORD_MISMATCH');
    expect((await h.auth({ userId: 'vera', password: PW + otp })).status).to.equal('SUCCESS');
    expect((await h.auth({ userId: 'vera', password: PW + otp })).status).to.equal('OTP_INCORRECT');
  });

  it('a wrong OTP without the key consumes nothing (a typo costs no new message); with the key it uses the key up', async () => {
    const first = await h.auth({ userId: 'vera', password: 'sendotp' });
    const otp = h.sender.lastOtp();
    const wrong = String((Number(otp) + 1) % 1_000_000).padStart(6, '0');
    expect((await h.auth({ userId: 'vera', password: PW + wrong })).status).to.equal('OTP_INCORRECT');
    expect((await h.auth({ userId: 'vera', password: PW + otp })).status).to.equal('SUCCESS');
    const second = await h.auth({ userId: 'vera', password: 'sendotp' });
    const otp2 = h.sender.lastOtp();
    expect((await h.auth({ userId: 'vera', password: PW + wrong, challengeKey: second.challengeKey })).status).to.equal('OTP_INCORRECT');
    expect((await h.auth({ userId: 'vera', password: PW + otp2, challengeKey: second.challengeKey })).status).to.equal('NOT_FOUND');
    expect(first.challengeKey).to.not.equal(second.challengeKey);
  });

  it('an expired OTP fails with EXP_CHALLENGE (key or not) after the policy lifetime', async () => {
    const first = await h.auth({ userId: 'vera', password: 'sendotp' });
    const otp = h.sender.lastOtp();
    h.clock.advance(300_000);
    expect((await h.auth({ userId: 'vera', password: PW + otp })).status).to.equal('EXP_CHALLENGE');
    expect((await h.auth({ userId: 'vera', password: PW + otp, challengeKey: first.challengeKey })).status).to.equal('EXP_CHALLENGE');
  });

  it('Password, KeywordPassword, PasswordKeyword and KeywordOnly request methods', async () => {
    await h.setPolicy({ virtualRequestMethod: 'Password' });
    const byPassword = await h.auth({ userId: 'vera', password: PW });
    expect(byPassword.status).to.equal('OTP_SENT');
    expect((await h.auth({ userId: 'vera', password: h.sender.lastOtp(), challengeKey: byPassword.challengeKey })).status).to.equal('SUCCESS');
    expect((await h.auth({ userId: 'vera', password: 'Wrong-pass' })).status).to.equal('LOCAL_PASSWORD_MISMATCH');
    await h.setPolicy({ virtualRequestMethod: 'KeywordPassword', virtualKeyword: 'sms' });
    expect((await h.auth({ userId: 'vera', password: `SMS${PW}` })).status).to.equal('OTP_SENT');
    await h.setPolicy({ virtualRequestMethod: 'PasswordKeyword', virtualKeyword: 'sms' });
    const pk = await h.auth({ userId: 'vera', password: `${PW}sms` });
    expect(pk.status).to.equal('OTP_SENT');
    expect((await h.auth({ userId: 'vera', password: h.sender.lastOtp(), challengeKey: pk.challengeKey })).status).to.equal('SUCCESS');
    await h.setPolicy({ virtualRequestMethod: 'KeywordOnly', virtualKeyword: 'sms' });
    expect((await h.auth({ userId: 'vera', password: 'sms' })).status).to.equal('OTP_SENT');
    expect((await h.auth({ userId: 'vera', password: h.sender.lastOtp() })).status).to.equal('SUCCESS');
  });

  it('separate format: keyword in the static password field, OTP in the response field', async () => {
    const first = await h.auth({ userId: 'vera', passwordFormat: 'separate', staticPassword: 'sendotp' });
    expect(first.status).to.equal('OTP_SENT');
    const ok = await h.auth({ userId: 'vera', passwordFormat: 'separate', staticPassword: PW, response: h.sender.lastOtp(), challengeKey: first.challengeKey });
    expect(ok.status).to.equal('SUCCESS');
  });

  it('a delivery failure answers COMMS, counts toward nothing and leaves no OTP to answer', async () => {
    h.sender.fail = 'the SMS gateway answered HTTP 503';
    const r = await h.auth({ userId: 'vera', password: 'sendotp' });
    expect(r).to.include({ status: 'COMMS' });
    expect(r.detail).to.contain('HTTP 503');
    expect((await h.store.findUser('master', 'vera'))!.lockCount).to.equal(0);
    const user = await h.store.findUser('master', 'vera');
    const records = await h.store.listPendingForUser!(user!.id, 'virtual-otp');
    expect(records.map((x) => x.state)).to.deep.equal(['used']);
  });

  it('keeps only a keyed digest: neither the store record nor the audit holds the OTP', async () => {
    await h.auth({ userId: 'vera', password: 'sendotp' });
    const otp = h.sender.lastOtp();
    const user = await h.store.findUser('master', 'vera');
    const [record] = await h.store.listPendingForUser!(user!.id, 'virtual-otp');
    const stored = JSON.stringify(record);
    expect(stored).to.not.contain(otp);
    expect(record!.payload.digest).to.match(/^[0-9a-f]{64}$/);
    const audit = JSON.stringify(await h.store.listAudit({ userId: 'vera' }));
    expect(audit).to.not.contain(otp);
    expect(audit).to.contain('sent by e-mail to v***@example.org');
  });

  it('SMS delivery to the mobile number; a user without the address gets NO_DIGIPASS and nothing is sent', async () => {
    await addVirtualUser(h, 'sam', { staticPassword: PW, delivery: 'sms' });
    const r = await h.auth({ userId: 'sam', password: 'sendotp' });
    expect(r.challengeMessage).to.equal('A one-time password was sent by SMS to ********456; enter it to log on');
    expect(h.sender.sent.at(-1)).to.include({ channel: 'sms', to: '+32 470 12 34 56' });
    await addVirtualUser(h, 'nomail', { staticPassword: PW, email: null });
    const n = h.sender.sent.length;
    expect((await h.auth({ userId: 'nomail', password: 'sendotp' })).status).to.equal('NO_DIGIPASS');
    expect(h.sender.sent).to.have.length(n);
  });

  it('backup: its own method and keyword; uses counted down from the policy at first use, then NO_DIGIPASS', async () => {
    await h.setPolicy({ backupVirtualMaxUses: 2 });
    await addVirtualUser(h, 'bert', { staticPassword: PW, backup: true, withTotp: true });
    expect((await h.auth({ userId: 'bert', password: 'sendotp' })).status).to.not.equal('OTP_SENT');
    const first = await h.auth({ userId: 'bert', password: `backup${PW}` });
    expect(first.status).to.equal('OTP_SENT');
    expect((await h.store.findBySerial('VIR-bert'))!.usesRemaining).to.equal(1);
    expect((await h.auth({ userId: 'bert', password: h.sender.lastOtp(), challengeKey: first.challengeKey })).status).to.equal('SUCCESS');
    expect((await h.auth({ userId: 'bert', password: h.totpAt() })).status).to.equal('SUCCESS');
    expect((await h.auth({ userId: 'bert', password: `backup${PW}` })).status).to.equal('OTP_SENT');
    const out = await h.auth({ userId: 'bert', password: `backup${PW}` });
    expect(out).to.include({ status: 'NO_DIGIPASS', detail: 'the backup virtual authenticator has no uses left' });
  });

  it('backup: the time limit starts at the first use and ends it', async () => {
    await h.setPolicy({ backupVirtualTimeLimitDays: 1 });
    await addVirtualUser(h, 'tina', { staticPassword: PW, backup: true });
    expect((await h.auth({ userId: 'tina', password: `backup${PW}` })).status).to.equal('OTP_SENT');
    expect((await h.store.findBySerial('VIR-tina'))!.enabledUntil).to.equal(h.clock.now() + 86_400_000);
    h.clock.advance(86_400_000);
    expect((await h.auth({ userId: 'tina', password: `backup${PW}` })).detail).to.equal('the backup virtual authenticator\'s time limit has passed');
  });

  it('a delivery failure gives the backup use back', async () => {
    await addVirtualUser(h, 'ulla', { staticPassword: PW, backup: true, usesRemaining: 1 });
    h.sender.fail = 'down';
    expect((await h.auth({ userId: 'ulla', password: `backup${PW}` })).status).to.equal('COMMS');
    expect((await h.store.findBySerial('VIR-ulla'))!.usesRemaining).to.equal(1);
  });

  it('a user with a TOTP too: TOTP codes still verify while a virtual OTP is open', async () => {
    await addVirtualUser(h, 'tom', { staticPassword: PW, withTotp: true });
    expect((await h.auth({ userId: 'tom', password: 'sendotp' })).status).to.equal('OTP_SENT');
    expect((await h.auth({ userId: 'tom', password: h.totpAt() })).status).to.equal('SUCCESS');
  });
});

describe('engine: virtual authenticator send limits', () => {
  it('holds the per-user limit under 20 concurrent requests', async () => {
    const h = await virtualHarness({ perUser: 3 });
    await addVirtualUser(h, 'vera', { staticPassword: PW });
    const results = await Promise.all(Array.from({ length: 20 }, () => h.auth({ userId: 'vera', password: 'sendotp' })));
    expect(results.filter((r) => r.status === 'OTP_SENT')).to.have.length(3);
    expect(results.filter((r) => r.status === 'RATE_LIMITED')).to.have.length(17);
    expect(h.sender.sent).to.have.length(3);
  });
});
