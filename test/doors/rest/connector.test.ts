// End to end over HTTP: the RADIUS connector endpoint (other-frontends.md §4): approve, reject, every
// error status, answers checked against /openapi.json, and failures counted by the shared engine.
import { expect } from 'chai';
import { totp } from '../../../src/otp/totp.js';
import { startE2E, post, authUserEnvelope, statusOf, type E2E } from '../../e2e/support.js';
import { call, connectorClient } from './support.js';

const SECRET = Buffer.from('12345678901234567890');
const T = Date.UTC(2026, 5, 1, 9, 0, 0);
const otp = (steps = 0) => totp(SECRET, T + steps * 30_000, 30, 6, 'SHA1');

describe('REST RADIUS connector: POST /connector/radius', function () {
  this.timeout(30_000);
  let e: E2E;
  let doc: unknown;
  const send = connectorClient(() => e.url, () => doc);

  before(async () => {
    e = await startE2E({ now: () => T });
    doc = JSON.parse((await call(`${e.url}openapi.json`)).text);
  });
  after(() => e.stop());

  it('approves PIN + OTP and answers the user with attributes', async () => {
    const r = await send({ login: 'jane.doe', password: `1234${otp()}`, auth_port: 1812 });
    expect(r.status).to.equal(200);
    expect(r.body).to.deep.equal({ id: 'master/jane.doe', login: 'jane.doe', attributes: [] });
    const replay = await send({ login: 'jane.doe', password: `1234${otp()}`, auth_port: 1812 });
    expect(replay.status).to.equal(422);
  });

  it('rejects wrong credentials, bad tokens and bad input with errors', async () => {
    expect((await send({ login: 'jane.doe', password: '1234000000' })).status).to.equal(422);
    expect((await send({ login: 'jane.doe', password: `1234${otp(1)}` }, { token: 'wrong' })).status).to.equal(401);
    const mschap = await send({ login: 'jane.doe', mschap_challenge: 'aa', mschap_response: 'bb' });
    expect(mschap.status).to.equal(422);
    expect(String((mschap.body.errors as string[])[0])).to.contain('MS-CHAPv2');
    expect((await send({ password: 'x' })).status).to.equal(422);
    for (const authPort of ['abc', '0', '70000', '-1', 18.5, true]) {
      const bad = await send({ login: 'jane.doe', password: '1234000000', auth_port: authPort });
      expect(bad.status, String(authPort)).to.equal(422);
      expect(String((bad.body.errors as string[])[0])).to.match(/auth_port/);
    }
    expect((await send({ login: 'bad login!', password: 'x' })).status).to.equal(422);
    expect((await send(null, { raw: '{"login":' })).status).to.equal(400);
    expect((await send(null, { raw: '[]' })).status).to.equal(400);
    expect((await send(null, { raw: 'login=x', type: 'application/x-www-form-urlencoded' })).status).to.equal(415);
    expect((await send(null, { raw: JSON.stringify({ login: 'x'.repeat(200_000) }) })).status).to.equal(413);
    const get = await call(`${e.url}connector/radius`);
    expect(get.status).to.equal(405);
    // Every value a JSON string, as the connector's own documentation sample sends them.
    const ok = await send({ login: 'jane.doe', password: `1234${otp(1)}`, auth_port: '11111' });
    expect(ok.status).to.equal(200);
  });

  it('counts connector failures toward the same lockout as SOAP', async () => {
    for (const bad of ['100001', '100002']) expect((await send({ login: 'john.smith', password: bad })).status).to.equal(422);
    const soap = await post(e.url, authUserEnvelope({ CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_PASSWORD_FORMAT: '0', CREDFLD_USERID: 'john.smith', CREDFLD_PASSWORD: '100003' }));
    expect(statusOf(soap.text)).to.not.equal('STAT_SUCCESS');
    const locked = await send({ login: 'john.smith', password: '755224' });
    expect(locked.status).to.equal(422);
    expect(String((locked.body.errors as string[])[0])).to.contain('LOCKED');
  });
});
