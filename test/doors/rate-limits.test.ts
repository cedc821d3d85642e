// Every door answers the one engine rate limit in its own words (docs/operations/rate-limits.md):
// SOAP STAT_RATE_LIMITED (1105), RADIUS Access-Reject with a Reply-Message, REST 429 with Retry-After
// (appliance /validate, RADIUS connector, MFA API); REST self-enrolment after a password alone is off
// by default, and hashqr links are stored as digests.
import { expect } from 'chai';
import { ClientTable } from '../../src/doors/radius/clients.js';
import { CODE } from '../../src/doors/radius/dictionary.js';
import { createRadiusHandler } from '../../src/doors/radius/handler.js';
import { createRateLimiter } from '../../src/runtime/rate-limiter.js';
import { authUserEnvelope, post, startE2E, statusOf, type E2E } from '../e2e/support.js';
import { NAS, SECRET, accessRequest, readAnswer } from './radius/support.js';

const T = Date.UTC(2026, 5, 1, 9, 0, 0);
const KEY = 'demo-api-key';

describe('rate limits on every door', function () {
  this.timeout(30_000);
  let e: E2E;
  let mono = 0;
  const limiter = createRateLimiter({ source: { burst: 1000, refillMs: 10 }, user: { burst: 2, refillMs: 2000 }, maxEntries: 1000, monotonic: () => mono });

  before(async () => { e = await startE2E({ now: () => T }, {}, { limiter }); });
  after(() => e.stop());

  const soap = async (userId: string, password: string) => {
    const r = await post(e.url, authUserEnvelope({ CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_PASSWORD_FORMAT: '0', CREDFLD_USERID: userId, CREDFLD_PASSWORD: password }));
    return { status: statusOf(r.text), code: /<statusCode[^>]*>(-?\d+)</.exec(r.text)?.[1] };
  };
  const json = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(`${e.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: r.status, retryAfter: r.headers.get('retry-after'), body: JSON.parse(await r.text()) as Record<string, unknown> };
  };

  it('SOAP authUser: STAT_RATE_LIMITED (1105) past the per-user burst, admitted again after the refill', async () => {
    expect((await soap('john.smith', '000001')).status).to.equal('STAT_OTP_INCORRECT');
    expect((await soap('john.smith', '000002')).status).to.equal('STAT_OTP_INCORRECT');
    expect(await soap('john.smith', '000003')).to.deep.equal({ status: 'STAT_RATE_LIMITED', code: '1105' });
    mono += 2000;
    expect((await soap('john.smith', '000004')).status).to.equal('STAT_OTP_INCORRECT');
  });

  it('RADIUS: Access-Reject with a Reply-Message that says to retry later', async () => {
    const app = e.running.app;
    const door = createRadiusHandler({ engine: app.engine, catalogue: app.catalogue, clients: new ClientTable([{ address: '127.0.0.1', secret: SECRET }], 'test'),
      pending: app.store, clock: app.clock, random: { bytes: (n) => Buffer.alloc(n, 9) } });
    const ask = async (password: string, identifier: number) => {
      const { bytes, packet } = accessRequest({ user: 'jane.doe', password, identifier });
      return readAnswer(await door.handle(bytes, NAS), packet);
    };
    for (const [i, p] of ['1234000001', '1234000002'].entries()) expect((await ask(p, i + 1)).message).to.contain('incorrect');
    const limited = await ask('1234000003', 3);
    expect(limited.code).to.equal(CODE.ACCESS_REJECT);
    expect(limited.message).to.contain('Too many attempts').and.contain('retry in 2 s');
  });

  it('REST appliance /validate: 429 with Retry-After', async () => {
    const validate = (token: string) => json('validate', { api_key: KEY, userid: 'mallory.multi', token, format: '1' });
    for (const t of ['1234000001', '1234000002']) expect((await validate(t)).status).to.equal(200);
    const limited = await validate('1234000003');
    expect(limited).to.deep.include({ status: 429, retryAfter: '2' });
    expect(limited.body).to.deep.include({ validation: false, response: 'Token not valid (STAT_RATE_LIMITED)' });
  });

  it('REST RADIUS connector: 429 with Retry-After', async () => {
    const send = (password: string) => json('connector/radius', { login: 'bob.ocra', password }, { authorization: `Bearer ${KEY}` });
    for (const p of ['1234000001', '1234000002']) expect((await send(p)).status).to.equal(422);
    expect(await send('1234000003')).to.deep.include({ status: 429, retryAfter: '2', body: { errors: ['access rejected: STAT_RATE_LIMITED'] } });
  });

  it('REST MFA: self-enrolment after a password alone is off by default (403, nothing created)', async () => {
    const login = await json('authentication', { username: 'alice.static', password: 'Alice-Passw0rd' });
    expect(login.status).to.equal(200);
    const init = await fetch(`${e.url}authentication/otp/initialize`, { method: 'POST', headers: { authorization: `Bearer ${String(login.body.token)}` } });
    expect(init.status).to.equal(403);
    expect((JSON.parse(await init.text()) as { id: string }).id).to.equal('self-enrolment-off');
    const alice = (await e.running.app.store.findUser('master', 'alice.static'))!;
    expect(await e.running.app.store.listForUser(alice.id)).to.deep.equal([]);
  });

  it('REST MFA POST /authentication: 429 rate-limited with Retry-After', async () => {
    mono += 4000; // alice.static's bucket full again after the initialise call before
    for (const p of ['wrong-1', 'wrong-2']) expect((await json('authentication', { username: 'alice.static', password: p })).status).to.equal(401);
    const limited = await json('authentication', { username: 'alice.static', password: 'Alice-Passw0rd' });
    expect(limited).to.deep.include({ status: 429, retryAfter: '2' });
    expect(limited.body.id).to.equal('rate-limited');
  });

  it('keeps hashqr links as digests: the link works, its token is nowhere in the store', async () => {
    const c = await json('createuser', { api_key: KEY, email: 'qr@example.com', format: '1' });
    const token = /\/hashqr\/([A-Za-z0-9_-]+)\.png$/.exec(String(c.body.hashqr))![1]!;
    expect((await fetch(String(c.body.hashqr))).status).to.equal(200);
    expect(await e.running.app.store.find(`hashqr:${token}`)).to.equal(null);
  });
});
