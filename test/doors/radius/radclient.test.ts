// End to end with FreeRADIUS's real client `radclient` (Debian freeradius-utils; .ci/run installs it):
// accept, reject, 2-step challenge and new-PIN entry with State, wrong secret, unknown client,
// Message-Authenticator missing or invalid, Status-Server, retransmissions, garbage on the socket.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { hotp } from '../../../src/otp/hotp.js';
import { totp } from '../../../src/otp/totp.js';
import { CODE } from '../../../src/doors/radius/dictionary.js';
import { answerOf } from '../../engine/challenge-helpers.js';
import { DEMO_SECRET, T0 } from '../../support/engine-harness.js';
import { accessRequest, readAnswer } from './support.js';
import { hasRadclient, radclient, sendRaw, startRadiusE2E, type RadiusE2E } from './radclient-support.js';

const OLD_NAS = JSON.stringify([{ address: '127.0.0.3', secret: 'old-nas-secret', name: 'old NAS', requireMessageAuthenticator: false }]);
const MA = 'Message-Authenticator=0x00';

describe('RADIUS end to end with radclient (FreeRADIUS freeradius-utils)', function () {
  this.timeout(30_000);
  let e: RadiusE2E;
  let port: number;
  const totpNow = () => totp(DEMO_SECRET, e.clock.now(), 30, 6, 'SHA1');

  before(async function () {
    if (!hasRadclient()) {
      process.stdout.write('    radclient not found: install Debian package freeradius-utils (.ci/run does) to run these tests\n');
      this.skip();
    }
    e = await startRadiusE2E(T0, { COUNTERSIGN_RADIUS_CLIENTS: OLD_NAS });
    port = e.radius.port;
  });
  after(async () => { await e?.stop(); });

  it('uses the demo client 127.0.0.1/testing123 next to the configured one', () => {
    expect(e.radius.clients).to.equal(2);
  });

  it('Access-Accept for a right HOTP, Access-Reject with Reply-Message for its replay', async () => {
    const otp = hotp(DEMO_SECRET, 0, 6, 'SHA1');
    const ok = await radclient(port, `User-Name=john.smith,User-Password=${otp},${MA}`);
    expect(ok.received, ok.output).to.equal('Access-Accept');
    expect(ok.exit).to.equal(0);
    const again = await radclient(port, `User-Name=john.smith,User-Password=${otp},${MA}`);
    expect(again.received).to.equal('Access-Reject');
    expect(again.replyMessage).to.equal('Access rejected: This one-time password was already used; wait for the next one.');
  });

  it('PIN + TOTP with user@domain is accepted; a wrong PIN is rejected', async () => {
    expect((await radclient(port, `User-Name=jane.doe@master,User-Password=1234${totpNow()},${MA}`)).received).to.equal('Access-Accept');
    e.clock.advance(30_000);
    const bad = await radclient(port, `User-Name=jane.doe,User-Password=9999${totpNow()},${MA}`);
    expect(bad.received).to.equal('Access-Reject');
    expect(bad.replyMessage).to.match(/incorrect/);
  });

  it('2-step challenge round trip: Access-Challenge with State, then the OCRA response with that State', async () => {
    const first = await radclient(port, `User-Name=bob.ocra,User-Password=otp1234,${MA}`);
    expect(first.received, first.output).to.equal('Access-Challenge');
    expect(first.stateHex).to.be.a('string');
    const challenge = /(\d{8})/.exec(first.replyMessage ?? '')![1];
    const wrongState = await radclient(port, `User-Name=bob.ocra,User-Password=${answerOf(challenge)},State=0x${'ab'.repeat(22)},${MA}`);
    expect(wrongState.received).to.equal('Access-Reject');
    const second = await radclient(port, `User-Name=bob.ocra,User-Password=${answerOf(challenge)},State=0x${first.stateHex},${MA}`);
    expect(second.received, second.output).to.equal('Access-Accept');
  });

  it('new-PIN entry round trip: Access-Challenge, then OTP + new PIN twice with the State, then the new PIN works', async () => {
    const first = await radclient(port, `User-Name=erin.newpin,User-Password=${totpNow()},${MA}`);
    expect(first.received, first.output).to.equal('Access-Challenge');
    expect(first.replyMessage).to.match(/new server PIN is required/);
    e.clock.advance(30_000);
    const second = await radclient(port, `User-Name=erin.newpin,User-Password=${totpNow()}24682468,State=0x${first.stateHex},${MA}`);
    expect(second.received, second.output).to.equal('Access-Accept');
    e.clock.advance(30_000);
    expect((await radclient(port, `User-Name=erin.newpin,User-Password=2468${totpNow()},${MA}`)).received).to.equal('Access-Accept');
  });

  it('no answer for a wrong secret, an unknown client, or a missing Message-Authenticator', async () => {
    const before = e.radius.metrics().dropped;
    const input = `User-Name=john.smith,User-Password=123456`;
    expect((await radclient(port, `${input},${MA}`, 'wrong-secret', 'auth', 1)).received).to.equal(undefined);
    expect((await radclient(port, `${input},${MA},Packet-Src-IP-Address=127.0.0.2`, 'testing123', 'auth', 1)).received).to.equal(undefined);
    expect((await radclient(port, input, 'testing123', 'auth', 1)).received).to.equal(undefined);
    const after = e.radius.metrics().dropped;
    expect(after['bad-message-authenticator'] - before['bad-message-authenticator']).to.equal(1);
    expect(after['unknown-client'] - before['unknown-client']).to.equal(1);
    expect(after['missing-message-authenticator'] - before['missing-message-authenticator']).to.equal(1);
  });

  it('a client relaxed for old devices is answered without Message-Authenticator (and the answer still has one)', async () => {
    const r = await radclient(port, `User-Name=john.smith,User-Password=000000,Packet-Src-IP-Address=127.0.0.3`, 'old-nas-secret');
    expect(r.received, r.output).to.equal('Access-Reject');
    expect(r.output).to.match(/Received Access-Reject[^]*Message-Authenticator = 0x[0-9a-f]{32}/);
  });

  it('drops an invalid Message-Authenticator and answers Status-Server', async () => {
    const { bytes } = accessRequest({ user: 'john.smith', password: '123456' });
    const bad = Buffer.from(bytes);
    bad[25] ^= 0xff;
    expect(await sendRaw(port, [bad])).to.have.length(0);
    const status = await radclient(port, MA, 'testing123', 'status');
    expect(status.received, status.output).to.equal('Access-Accept');
    expect(status.replyMessage).to.match(/up/);
  });

  it('the same packet sent 3 times is answered 3 times and counts once toward lockout', async () => {
    const base = (await e.app.store.findClient('Administration Program'))!.policy;
    await e.app.store.savePolicy({ ...base, retryDedupS: 0 });
    const { bytes, packet } = accessRequest({ user: 'mallory.multi', password: '1234000000', identifier: 42 });
    const answers = await sendRaw(port, [bytes, bytes, bytes]);
    expect(answers).to.have.length(3);
    for (const a of answers) expect(readAnswer(a, packet).code).to.equal(CODE.ACCESS_REJECT);
    expect((await e.app.store.findUser('master', 'mallory.multi'))!.lockCount).to.equal(1);
    expect(await e.app.store.listAudit({ door: 'radius', userId: 'mallory.multi' }), 'authenticated once').to.have.length(1);
  });

  it('survives 3,000 garbage datagrams on the socket and still answers radclient', async () => {
    const garbage = Array.from({ length: 3000 }, (_, i) => randomBytes(i % 300));
    await sendRaw(port, garbage, 100);
    const otp = hotp(DEMO_SECRET, 1, 6, 'SHA1');
    expect((await radclient(port, `User-Name=john.smith,User-Password=${otp},${MA}`)).received).to.equal('Access-Accept');
    expect(e.radius.metrics().received).to.be.greaterThan(3000);
  });
});
