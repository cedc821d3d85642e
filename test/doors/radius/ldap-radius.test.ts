// RADIUS "user password + OTP" with the user password checked by a real OpenLDAP slapd (bound as the
// user), and with a directory that never answers: Access-Reject within the configured time while the
// server keeps answering other requests (Status-Server) at once.
import { expect } from 'chai';
import { hotp } from '../../../src/otp/hotp.js';
import { DEMO_SECRET, T0 } from '../../support/engine-harness.js';
import { hasSlapd, startSilentLdap, startSlapd, TEMPLATE, USER_PASSWORD, type TestDirectory } from '../../directory/slapd.js';
import { hasRadclient, radclient, startRadiusE2E, type RadiusE2E } from './radclient-support.js';

const NAS = '127.0.0.4';
const CLIENTS = JSON.stringify([{ address: NAS, secret: 'ldap-nas-secret', componentType: 'LDAP VPN' }]);
const MA = 'Message-Authenticator=0x00';

async function withLdapPolicy(e: RadiusE2E): Promise<void> {
  await e.app.store.savePolicy({ name: 'Password+OTP', staticPasswordWithOtp: true, targetSystem: 'ldap' });
  await e.app.store.saveClient('LDAP VPN', 'Password+OTP');
}

const ask = (e: RadiusE2E, user: string, password: string, timeoutS = 3) =>
  radclient(e.radius.port, `User-Name=${user},User-Password=${password},${MA},Packet-Src-IP-Address=${NAS}`, 'ldap-nas-secret', 'auth', timeoutS);

describe('RADIUS with an LDAP target system (radclient + slapd)', function () {
  this.timeout(30_000);
  let slapd: TestDirectory | undefined;
  let silent: TestDirectory | undefined;
  const running: RadiusE2E[] = [];

  before(async function () {
    if (!hasRadclient() || !hasSlapd()) {
      process.stdout.write('    radclient or slapd not found: install freeradius-utils, slapd and ldap-utils (.ci/run does)\n');
      this.skip();
    }
  });
  after(async () => {
    for (const e of running) await e.stop();
    await slapd?.stop();
    await silent?.stop();
  });

  it('accepts the LDAP password + HOTP, rejects a wrong LDAP password with a right OTP', async () => {
    slapd = await startSlapd(['john.smith']);
    const e = await startRadiusE2E(T0, { COUNTERSIGN_RADIUS_CLIENTS: CLIENTS, COUNTERSIGN_LDAP_URL: slapd.url, COUNTERSIGN_LDAP_BIND_DN: TEMPLATE });
    running.push(e);
    await withLdapPolicy(e);
    const ok = await ask(e, 'john.smith', `${USER_PASSWORD}${hotp(DEMO_SECRET, 0, 6, 'SHA1')}`);
    expect(ok.received, ok.output).to.equal('Access-Accept');
    const bad = await ask(e, 'john.smith', `Not-The-Password${hotp(DEMO_SECRET, 1, 6, 'SHA1')}`);
    expect(bad.received).to.equal('Access-Reject');
    expect(bad.replyMessage).to.match(/static password is incorrect/);
    const noPassword = await ask(e, 'john.smith', hotp(DEMO_SECRET, 2, 6, 'SHA1'));
    expect(noPassword.received).to.equal('Access-Reject');
  });

  it('a directory that never answers: Access-Reject within the timeout, Status-Server answered meanwhile', async () => {
    silent = await startSilentLdap();
    const e = await startRadiusE2E(T0, {
      COUNTERSIGN_RADIUS_CLIENTS: CLIENTS, COUNTERSIGN_LDAP_URL: silent.url, COUNTERSIGN_LDAP_BIND_DN: TEMPLATE,
      COUNTERSIGN_LDAP_CONNECT_TIMEOUT_MS: '500', COUNTERSIGN_LDAP_TIMEOUT_MS: '700',
    });
    running.push(e);
    await withLdapPolicy(e);
    const started = performance.now();
    // A timer of the directory's 500 + 700 ms, started alongside: on a loaded machine it is as late as theirs.
    const reference = new Promise<number>((ok) => setTimeout(() => ok(performance.now() - started), 1200));
    const hung = ask(e, 'john.smith', `${USER_PASSWORD}${hotp(DEMO_SECRET, 0, 6, 'SHA1')}`, 5);
    const hungAt = hung.then(() => performance.now());
    await new Promise((ok) => setTimeout(ok, 150));
    const status = await radclient(e.radius.port, MA, 'testing123', 'status');
    const statusAt = performance.now();
    const answer = await hung;
    const took = performance.now() - started;
    expect(status.received).to.equal('Access-Accept');
    expect(answer.received, answer.output).to.equal('Access-Reject');
    expect(answer.replyMessage).to.match(/could not be reached/);
    expect(took).to.be.within(600, (await reference) + 1300);
    expect(statusAt, 'Status-Server answered while the directory hangs').to.be.below(await hungAt);
    expect((await e.app.store.findUser('master', 'john.smith'))!.lockCount).to.equal(0);
  });
});
