// End to end over HTTP: every error status of the REST MFA API (other-frontends.md §3), each body
// `{id, message, errors?}` checked against /openapi.json (MfaError); Accept and Content-Type rules.
import { expect } from 'chai';
import { startE2E, type E2E } from '../../../e2e/support.js';
import { api, openapi, type CallOptions } from './support.js';

describe('REST MFA API: error statuses', function () {
  this.timeout(30_000);
  let e: E2E;
  let doc: unknown;
  let token = '';
  const login = (body: unknown, opts: CallOptions = {}) => api(e, doc, '/authentication', body, opts);
  const otp = (body: unknown, opts: CallOptions = {}) => api(e, doc, '/authentication/otp', body, { token, ...opts });

  before(async () => {
    e = await startE2E(undefined, { COUNTERSIGN_REST_SELF_ENROLMENT: '1' });
    doc = await openapi(e);
    const r = await login({ username: 'alice.static', password: 'Alice-Passw0rd' });
    expect(r.status).to.equal(200);
    token = String(r.body.token);
  });
  after(() => e.stop());

  it('400: malformed JSON or an empty body', async () => {
    for (const raw of ['{"username":', '', 'nul']) {
      const r = await login(undefined, { raw });
      expect(r.status, raw).to.equal(400);
      expect(r.body.id).to.equal('malformed-json');
    }
    expect((await otp(undefined, { raw: '{otp: 1}' })).status).to.equal(400);
  });

  it('401: missing, malformed, unknown and wrong-stage tokens; wrong passwords', async () => {
    const init = (opts: CallOptions) => api(e, doc, '/authentication/otp/initialize', undefined, { type: null, ...opts }, 'MfaInitializeResult');
    const missing = await init({});
    expect(missing.status).to.equal(401);
    expect(missing.body.id).to.equal('invalid-token');
    expect(missing.headers.get('www-authenticate')).to.match(/^Bearer/);
    expect((await init({ token: 'not-a-token' })).status).to.equal(401);
    expect((await init({ token: 'A'.repeat(43) })).status).to.equal(401);
    expect((await otp({ otp: '123456' }, { token: `${token}x` })).status).to.equal(401);
    const wrong = await login({ username: 'alice.static', password: 'Alice-Passw0rd!' });
    expect(wrong.status).to.equal(401);
    expect(wrong.body).to.deep.equal({ id: 'authentication-failed', message: 'authentication failed (STAT_LOCAL_PASSWORD_MISMATCH)' });
    expect((await init({ token })).status, 'the real token still works').to.equal(200);
  });

  it('406: an Accept without JSON; JSON, application/* and */* are served', async () => {
    for (const accept of ['text/html', 'application/xml, text/*', 'application/json;q=0']) {
      const r = await login({ username: 'x', password: 'y' }, { accept });
      expect(r.status, accept).to.equal(406);
      expect(r.body.id).to.equal('not-acceptable');
    }
    for (const accept of ['application/json', 'text/html, application/*;q=0.5', '*/*']) {
      expect((await login({ username: 'nobody', password: 'y' }, { accept })).status, accept).to.equal(401);
    }
  });

  it('415: a body that is not application/json', async () => {
    const form = await login(undefined, { raw: 'username=a&password=b', type: 'application/x-www-form-urlencoded' });
    expect(form.status).to.equal(415);
    expect(form.body.id).to.equal('unsupported-media-type');
    expect((await login(undefined, { raw: '{"username":"a","password":"b"}', type: 'text/plain' })).status).to.equal(415);
    expect((await login(undefined, { raw: '{"username":"a","password":"b"}', type: null })).status).to.equal(415);
  });

  it('413: a body over the size limit', async () => {
    const r = await login({ username: 'alice.static', password: 'x'.repeat(70_000) });
    expect(r.status).to.equal(413);
    expect(r.body.id).to.equal('payload-too-large');
  });

  it('422: schema violations name each field', async () => {
    const r = await login({ username: '', password: 7, domain: 'master' });
    expect(r.status).to.equal(422);
    expect(r.body.id).to.equal('validation-failed');
    expect((r.body.errors as { field: string }[]).map((x) => x.field).sort()).to.deep.equal(['password', 'username']);
    const missing = await login({});
    expect(missing.body.errors).to.deep.equal([{ field: 'username', message: 'is required' }, { field: 'password', message: 'is required' }]);
    expect((await login([])).status).to.equal(422);
    expect((await otp({ otp: 123456 })).body.errors).to.deep.equal([{ field: 'otp', message: 'must be string' }]);
    expect(((await otp({ otp: '1', state: 'not base64!' })).body.errors as { field: string }[])[0]!.field).to.equal('state');
    expect((await otp({ otp: '', state: 'AAAA' })).body.errors).to.deep.equal([{ field: 'otp', message: 'is required with state' }]);
    const init = await api(e, doc, '/authentication/otp/initialize', { userPassword: 5 }, { token }, 'MfaInitializeResult');
    expect(init.status).to.equal(422);
  });

  it('405 with Allow for another method; other paths are not answered here', async () => {
    const r = await api(e, doc, '/authentication/otp', undefined, { method: 'GET', token, type: null });
    expect(r.status).to.equal(405);
    expect(r.headers.get('allow')).to.equal('POST');
    expect((await fetch(`${e.url}authentication/other`, { method: 'POST' })).status).to.not.equal(405);
  });

  it('403 when every authenticator of the user is disabled', async () => {
    const store = e.running.app.store;
    const { Argon2Hasher } = await import('../../../../src/store/hasher.js');
    const userRef = await store.createUser({ domain: 'master', userId: 'olga.off', staticPasswordHash: await new Argon2Hasher({ memoryCost: 1024, timeCost: 1 }).hash('Olga-pw') });
    await store.createAuthenticator({ serial: 'OFF0000001', kind: 'totp', secret: Buffer.alloc(20, 1), disabled: true, userRef });
    const partial = String((await login({ username: 'olga.off', password: 'Olga-pw' })).body.token);
    const r = await api(e, doc, '/authentication/otp/initialize', {}, { token: partial }, 'MfaInitializeResult');
    expect(r.status).to.equal(403);
    expect(r.body.id).to.equal('no-usable-authenticator');
  });

  it('500 for an unexpected failure, without detail', async () => {
    const mfa = e.running.app.mfa as { passwordLogin: unknown };
    const real = mfa.passwordLogin;
    mfa.passwordLogin = () => Promise.reject(new Error('database gone'));
    try {
      const r = await login({ username: 'alice.static', password: 'Alice-Passw0rd' });
      expect(r.status).to.equal(500);
      expect(r.body).to.deep.equal({ id: 'internal-error', message: 'unexpected failure' });
    } finally { mfa.passwordLogin = real; }
    expect((await login({ username: 'alice.static', password: 'Alice-Passw0rd' })).status).to.equal(200);
  });

  it('503 when the policy checks passwords in a directory that does not answer', async () => {
    const store = e.running.app.store;
    await store.savePolicy({ name: 'Directory', targetSystem: 'ldap' });
    await store.saveClient('SOAP Auth Client', 'Directory');
    const r = await login({ username: 'alice.static', password: 'Alice-Passw0rd' });
    expect(r.status).to.equal(503);
    expect(r.body.id).to.equal('target-system-unreachable');
  });
});
