// Engine, authUser with an MS-CHAPv2 exchange whose password was the OTP (other-frontends.md §4): the
// proof is matched against the window's OTPs, consumed once, counted toward lockout when wrong, and
// refused for authenticators whose server PIN (or a required static password) MS-CHAPv2 cannot carry.
import { expect } from 'chai';
import type { MsChapV2Proof } from '../../src/domain/request.js';
import { generateAuthenticatorResponse, generateNtResponse } from '../../src/otp/mschapv2.js';
import { demoHarness, type Harness } from '../support/engine-harness.js';

let exchanges = 0;
/** A fresh exchange (new challenges each time) in which the peer typed `password` as `userName`. */
function proof(userName: string, password: string): MsChapV2Proof {
  exchanges += 1;
  const authenticatorChallenge = Buffer.alloc(16, exchanges % 256);
  const peerChallenge = Buffer.alloc(16, (exchanges * 7 + 3) % 256);
  return { userName, authenticatorChallenge, peerChallenge, ntResponse: generateNtResponse(authenticatorChallenge, peerChallenge, userName, password) };
}

/** A 6-digit code that is none of the given ones. */
function otherThan(...codes: string[]): string {
  for (let n = 100_000; ; n++) if (!codes.includes(String(n))) return String(n);
}

describe('engine: MS-CHAPv2 with an OTP-only authenticator', () => {
  let h: Harness;
  beforeEach(async () => { h = await demoHarness(); });
  const lockCount = async (userId: string): Promise<number> => (await h.store.findUser('master', userId))!.lockCount;

  it('accepts the proof of the next HOTP once and answers the authenticator response', async () => {
    const p = proof('john.smith', h.hotpAt(0));
    const o = await h.auth({ userId: 'john.smith', mschapv2: p });
    expect(o.status).to.equal('SUCCESS');
    expect(o.serialNo).to.equal('VDS0000002');
    expect(o.mschapv2Success).to.equal(generateAuthenticatorResponse(h.hotpAt(0), p)).and.match(/^S=[0-9A-F]{40}$/);
    expect((await h.auth({ userId: 'john.smith', mschapv2: p })).status).to.equal('OTP_REPLAY');
  });
  it('refuses a fresh exchange carrying an OTP already used, and keeps the HOTP window', async () => {
    expect((await h.auth({ userId: 'john.smith', mschapv2: proof('john.smith', h.hotpAt(3)) })).status).to.equal('SUCCESS');
    const again = await h.auth({ userId: 'john.smith', mschapv2: proof('john.smith', h.hotpAt(1)) });
    expect(again.status).to.equal('OTP_REPLAY');
    expect(again.mschapv2Success).to.equal(undefined);
    expect((await h.auth({ userId: 'john.smith', mschapv2: proof('john.smith', h.hotpAt(40)) })).status).to.equal('OTP_INCORRECT');
    expect((await h.auth({ userId: 'john.smith', password: h.hotpAt(4) })).status).to.equal('SUCCESS');
  });
  it('shares the step with PAP: an OTP used by PAP is a replay by MS-CHAPv2', async () => {
    expect((await h.auth({ userId: 'john.smith', password: h.hotpAt(0) })).status).to.equal('SUCCESS');
    expect((await h.auth({ userId: 'john.smith', mschapv2: proof('john.smith', h.hotpAt(0)) })).status).to.equal('OTP_REPLAY');
  });
  it('answers a wrong proof OTP_INCORRECT and counts it toward lockout (a resent packet once)', async () => {
    const wrong = proof('john.smith', otherThan(...Array.from({ length: 25 }, (_, c) => h.hotpAt(c))));
    const o = await h.auth({ userId: 'john.smith', mschapv2: wrong });
    expect(o.status).to.equal('OTP_INCORRECT');
    expect(o.mschapv2Success).to.equal(undefined);
    expect(await lockCount('john.smith')).to.equal(1);
    expect((await h.auth({ userId: 'john.smith', mschapv2: wrong })).status).to.equal('OTP_INCORRECT');
    expect(await lockCount('john.smith')).to.equal(1);
  });
  it('locks the user after the threshold of wrong proofs; then the right one is LOCKED', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await h.auth({ userId: 'john.smith', mschapv2: proof('john.smith', '00000' + i) })).status).to.equal('OTP_INCORRECT');
    }
    expect((await h.store.findUser('master', 'john.smith'))!.locked).to.equal(true);
    expect((await h.auth({ userId: 'john.smith', mschapv2: proof('john.smith', h.hotpAt(0)) })).status).to.equal('LOCKED');
  });
  it('refuses an NT-Response the peer computed under another user name', async () => {
    const p = { ...proof('JOHN.SMITH', h.hotpAt(0)), userName: 'john.smith' };
    expect((await h.auth({ userId: 'john.smith', mschapv2: p })).status).to.equal('OTP_INCORRECT');
  });
  it('decides by the proof alone: a right OTP in password does not pass a wrong proof', async () => {
    const o = await h.auth({ userId: 'john.smith', password: h.hotpAt(0), mschapv2: proof('john.smith', '999999') });
    expect(o.status).to.equal('OTP_INCORRECT');
    expect((await h.auth({ userId: 'john.smith', password: h.hotpAt(0) })).status).to.equal('SUCCESS');
  });
  it('accepts a TOTP without server PIN, relearns nothing wrong, and refuses an older step after it', async () => {
    const jane = (await h.store.findBySerial('VDS0000001'))!;
    await h.store.setPin(jane.id, null, false);
    const p = proof('jane.doe', h.totpAt(1));
    const o = await h.auth({ userId: 'jane.doe', mschapv2: p });
    expect(o.status).to.equal('SUCCESS');
    expect(o.mschapv2Success).to.equal(generateAuthenticatorResponse(h.totpAt(1), p));
    expect((await h.store.findBySerial('VDS0000001'))!.drift).to.equal(1);
    expect((await h.auth({ userId: 'jane.doe', mschapv2: proof('jane.doe', h.totpAt(0)) })).status).to.equal('OTP_REPLAY');
  });
});

describe('engine: MS-CHAPv2 refusals (the OTP alone cannot carry a PIN or password)', () => {
  let h: Harness;
  beforeEach(async () => { h = await demoHarness(); });

  it('refuses a PIN-protected authenticator without consuming the OTP or counting a failure', async () => {
    const o = await h.auth({ userId: 'jane.doe', mschapv2: proof('jane.doe', h.totpAt()) });
    expect(o.status).to.equal('NO_DIGIPASS');
    expect(o.detail).to.match(/server PIN/).and.match(/PAP/);
    expect((await h.store.findUser('master', 'jane.doe'))!.lockCount).to.equal(0);
    expect((await h.auth({ userId: 'jane.doe', password: `1234${h.totpAt()}` })).status).to.equal('SUCCESS');
  });
  it('refuses an authenticator whose PIN must still be set', async () => {
    expect((await h.auth({ userId: 'erin.newpin', mschapv2: proof('erin.newpin', h.totpAt()) })).status).to.equal('NO_DIGIPASS');
  });
  it('refuses when the policy requires a static password with the OTP', async () => {
    await h.setPolicy({ staticPasswordWithOtp: true });
    const o = await h.auth({ userId: 'john.smith', mschapv2: proof('john.smith', h.hotpAt(0)) });
    expect(o.status).to.equal('NO_DIGIPASS');
    expect(o.detail).to.match(/static password/);
  });
  it('refuses a user with a static password only, and one with a challenge/response authenticator only', async () => {
    expect((await h.auth({ userId: 'alice.static', mschapv2: proof('alice.static', 'Alice-Passw0rd') })).status).to.equal('NO_DIGIPASS');
    expect((await h.auth({ userId: 'bob.ocra', mschapv2: proof('bob.ocra', h.hotpAt(0)) })).status).to.equal('NO_DIGIPASS');
  });
});
