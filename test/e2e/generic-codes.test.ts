// User enumeration by answer (issue 16): with the policy's generic status codes on, every door gives an
// unknown user and a wrong credential the same answer (SOAP, RADIUS Reply-Message, REST bodies). With
// them off, each door names the reason, as the real server does (docs/security.md).
import { expect } from 'chai';
import { startRadius } from '../../src/main.js';
import type { RadiusRunning } from '../../src/doors/radius/index.js';
import { authUserEnvelope, needTool, post, startE2E, type E2E } from './support.js';
import { hasRadclient, radclient } from '../doors/radius/radclient-support.js';
import { call, KEY } from '../doors/rest/support.js';

const T = Date.UTC(2026, 5, 1, 9, 0, 0);
const WRONG = '1234000000';
const KNOWN = 'jane.doe';
const UNKNOWN = 'nobody.atall';

describe('generic status codes: unknown user and wrong credential read alike on every door', function () {
  this.timeout(60_000);
  let e: E2E;
  let radius: RadiusRunning;

  before(async () => {
    e = await startE2E({ now: () => T }, { COUNTERSIGN_RADIUS_HOST: '127.0.0.1', COUNTERSIGN_RADIUS_PORT: '0' });
    for (const component of ['SOAP Auth Client', 'RADIUS Client']) {
      const client = await e.running.app.store.findClient(component);
      await e.running.app.store.savePolicy({ ...client!.policy, genericStatusCodes: true });
    }
    radius = await startRadius(e.running.app);
  });
  after(async () => { await radius.close(); await e.stop(); });

  /** Both answers of one door, the user id taken out of the unknown user's one. */
  async function both(ask: (userId: string) => Promise<string>): Promise<[string, string]> {
    const known = await ask(KNOWN);
    const unknown = (await ask(UNKNOWN)).split(UNKNOWN).join(KNOWN);
    return [known, unknown];
  }

  it('SOAP authUser', async () => {
    const [known, unknown] = await both(async (userId) =>
      (await post(e.url, authUserEnvelope({ CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_USERID: userId, CREDFLD_PASSWORD_FORMAT: '0', CREDFLD_PASSWORD: WRONG }))).text);
    expect(known).to.contain('STAT_INVCREDENTIALS');
    expect(unknown).to.equal(known);
  });

  it('RADIUS Access-Reject and its Reply-Message', async function () {
    if (!hasRadclient()) needTool(this, undefined, 'radclient', 'freeradius-utils');
    const [known, unknown] = await both(async (userId) => {
      const r = await radclient(radius.port, `User-Name = "${userId}"\nUser-Password = "${WRONG}"\nMessage-Authenticator = 0x00`);
      return `${r.received} ${r.replyMessage}`;
    });
    expect(known).to.match(/^Access-Reject .*credentials were invalid/);
    expect(unknown).to.equal(known);
  });

  it('REST: appliance validate, MFA logon and the RADIUS connector', async () => {
    const validate = await both(async (userId) =>
      (await call(`${e.url}validate?${new URLSearchParams({ api_key: KEY, userid: userId, token: WRONG, format: '1' })}`)).text);
    expect(validate[0]).to.contain('STAT_INVCREDENTIALS');
    expect(validate[1]).to.equal(validate[0]);
    const mfa = await both(async (username) => {
      const r = await call(`${e.url}authentication`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: WRONG }) });
      return `${r.status} ${r.text}`;
    });
    expect(mfa[1]).to.equal(mfa[0]);
    const connector = await both(async (login) => {
      const r = await call(`${e.url}connector/radius`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ login, password: WRONG }) });
      return `${r.status} ${r.text}`;
    });
    expect(connector[1]).to.equal(connector[0]);
  });
});
