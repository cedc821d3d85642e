// End to end over HTTP: the REST MFA initialisation API (other-frontends.md §3) on a started server:
// password → partial token → initialize (Secret with a decodable JPEG QR, AlreadySeeded, Challenge with
// the demo OCRA token) → OTP → full token; replay refused; failures share SOAP's lock count.
import { expect } from 'chai';
import { decodeBase32 } from '../../../../src/otp/base32.js';
import { ocra, ocraSuite } from '../../../../src/otp/ocra.js';
import { totp } from '../../../../src/otp/totp.js';
import { authUserEnvelope, post, startE2E, statusOf, type E2E } from '../../../e2e/support.js';
import { api, decodeBarcode, lockCount, openapi, setPassword } from './support.js';

const T = Date.UTC(2026, 5, 1, 9, 0, 0);
const DEMO = Buffer.from('12345678901234567890');
const soapLogin = (e: E2E, userId: string, password: string) => post(e.url, authUserEnvelope({
  CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_PASSWORD_FORMAT: '0', CREDFLD_USERID: userId, CREDFLD_PASSWORD: password,
})).then((r) => statusOf(r.text));

describe('REST MFA API: enrolment, challenge, lockout and replay', function () {
  this.timeout(30_000);
  let e: E2E;
  let doc: unknown;
  let now = T;
  const login = (username: string, password: string, extra: Record<string, unknown> = {}) => api(e, doc, '/authentication', { username, password, ...extra });
  const init = (token: string, body?: unknown) => api(e, doc, '/authentication/otp/initialize', body, { token, type: body === undefined ? null : undefined }, 'MfaInitializeResult');
  const otp = (token: string, body: unknown) => api(e, doc, '/authentication/otp', body, { token });
  const partial = async (username: string, password: string): Promise<string> => {
    const r = await login(username, password);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body.stage).to.equal('partial');
    return String(r.body.token);
  };

  before(async () => {
    e = await startE2E({ now: () => now }, { COUNTERSIGN_REST_SELF_ENROLMENT: '1' });
    doc = await openapi(e);
    for (const u of ['bob.ocra', 'john.smith', 'jane.doe', 'mallory.multi']) await setPassword(e, u, `${u}-pw`);
  });
  after(() => e.stop());

  it('enrols a first TOTP (Secret) whose JPEG QR decodes to otpAuthUrl, then logs in with its code', async () => {
    const token = await partial('alice.static', 'Alice-Passw0rd');
    const r = await init(token);
    expect(r.status).to.equal(200);
    expect(r.body.type).to.equal('Secret');
    const url = String(r.body.otpAuthUrl);
    expect(url).to.match(/^otpauth:\/\/totp\/.*alice\.static\?/).and.contain(`secret=${String(r.body.secret)}`).and.contain('issuer=Countersign');
    expect(decodeBarcode(String(r.body.barcode))).to.equal(url);
    expect(Buffer.from(String(r.body.barcode), 'base64').subarray(0, 3).toString('hex')).to.equal('ffd8ff');
    const secret = decodeBase32(String(r.body.secret));
    expect((await otp(token, { otp: totp(secret, now + 3_600_000, 30, 6, 'SHA1') })).status, 'a code an hour away is wrong').to.equal(401);
    const ok = await otp(token, { otp: totp(secret, now, 30, 6, 'SHA1') });
    expect(ok.status).to.equal(200);
    expect(ok.body.stage).to.equal('full');
    expect(ok.body.token).to.not.equal(token);
    expect((await otp(token, { otp: totp(secret, now, 30, 6, 'SHA1') })).status, 'the partial token was used up').to.equal(401);
    const second = await init(await partial('alice.static', 'Alice-Passw0rd'));
    expect(second.body).to.deep.equal({ type: 'AlreadySeeded' });
  });

  it('creates one TOTP when another initialise call enrolled first; a wrong userPassword is refused and counted', async () => {
    await e.running.app.store.createUser({ domain: 'master', userId: 'gina.gateway' });
    await setPassword(e, 'gina.gateway', 'Gina-pw');
    const token = await partial('gina.gateway', 'Gina-pw');
    const wrong = await init(token, { userPassword: 'Gina-pw?' });
    expect(wrong.status).to.equal(401);
    expect(await lockCount(e, 'gina.gateway')).to.deep.equal({ lockCount: 1, locked: false });
    const store = e.running.app.store as { createAuthenticator: (a: unknown) => Promise<string> };
    const real = store.createAuthenticator;
    store.createAuthenticator = async (a) => { await real.call(store, a); return real.call(store, a); };
    try {
      expect((await init(token, {})).body, 'another call enrolled first').to.deep.equal({ type: 'AlreadySeeded' });
    } finally { store.createAuthenticator = real; }
    const user = await e.running.app.store.findUser('master', 'gina.gateway');
    expect(await e.running.app.store.listForUser(user!.id)).to.have.length(1);
  });

  it('enrols under a new serial when the user\'s earlier REST TOTP was unassigned by an administrator', async () => {
    await e.running.app.store.createUser({ domain: 'master', userId: 'hugo.gateway' });
    await setPassword(e, 'hugo.gateway', 'Hugo-pw');
    const first = await init(await partial('hugo.gateway', 'Hugo-pw'));
    expect(first.body.type).to.equal('Secret');
    const user = (await e.running.app.store.findUser('master', 'hugo.gateway'))!;
    const [earlier] = await e.running.app.store.listForUser(user.id);
    expect(await e.running.app.store.setAuthenticatorOwner(earlier!.id, user.id, null, null)).to.equal(true);
    const again = await init(await partial('hugo.gateway', 'Hugo-pw'));
    expect(again.status, JSON.stringify(again.body)).to.equal(200);
    expect(again.body.type).to.equal('Secret');
    expect(again.body.secret).to.not.equal(first.body.secret);
    const now2 = (await e.running.app.store.listForUser(user.id)).map((a) => a.serial);
    expect(now2).to.have.length(1);
    expect(now2[0]).to.not.equal(earlier!.serial);
  });

  it('answers AlreadySeeded for a TOTP user and accepts PIN + OTP once; the replay is refused, as on SOAP', async () => {
    const token = await partial('jane.doe', 'jane.doe-pw');
    expect((await init(token, { userPassword: 'jane.doe-pw' })).body).to.deep.equal({ type: 'AlreadySeeded' });
    const code = `1234${totp(DEMO, now, 30, 6, 'SHA1')}`;
    expect((await otp(token, { otp: code })).status).to.equal(200);
    const again = await otp(await partial('jane.doe', 'jane.doe-pw'), { otp: code });
    expect(again.status).to.equal(401);
    expect(again.body.message).to.contain('REPLAY');
    expect(await soapLogin(e, 'jane.doe', code)).to.equal('STAT_OTP_REPLAY');
  });

  it('issues a challenge for the demo OCRA user and accepts PIN + response with state, once', async () => {
    const token = await partial('bob.ocra', 'bob.ocra-pw');
    const r = await init(token);
    expect(r.body.type).to.equal('Challenge');
    expect(r.body.timeout).to.equal(60);
    const challenge = /challenge (\d{8})\b/.exec(String(r.body.responseMessage))?.[1];
    expect(challenge).to.match(/^\d{8}$/);
    expect(Buffer.from(String(r.body.state), 'base64')).to.have.length(16);
    const response = ocra(ocraSuite('OCRA-1:HOTP-SHA1-6:QN08'), DEMO, { question: challenge! });
    const wrongState = Buffer.alloc(16, 7).toString('base64');
    expect((await otp(token, { otp: `1234${response}`, state: wrongState })).status).to.equal(401);
    const ok = await otp(token, { otp: `1234${response}`, state: r.body.state });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    const reuse = await otp(await partial('bob.ocra', 'bob.ocra-pw'), { otp: `1234${response}`, state: r.body.state });
    expect(reuse.status, 'a challenge answers once').to.equal(401);
  });

  it('counts a wrong REST password and a wrong REST OTP toward the lock SOAP sees', async () => {
    expect((await login('john.smith', 'wrong')).status).to.equal(401);
    expect(await lockCount(e, 'john.smith')).to.deep.equal({ lockCount: 1, locked: false });
    const token = await partial('john.smith', 'john.smith-pw');
    expect(await lockCount(e, 'john.smith'), 'a right password alone does not reset the count').to.deep.equal({ lockCount: 1, locked: false });
    expect((await otp(token, { otp: '000000' })).status).to.equal(401);
    expect(await soapLogin(e, 'john.smith', '111111')).to.not.equal('STAT_SUCCESS');
    expect(await lockCount(e, 'john.smith')).to.deep.equal({ lockCount: 3, locked: true });
    expect(await soapLogin(e, 'john.smith', '755224')).to.equal('STAT_LOCKED');
    const refused = await login('john.smith', 'john.smith-pw');
    expect(refused.status).to.equal(401);
    expect(refused.body).to.include({ id: 'authentication-failed' });
    expect(String(refused.body.message)).to.contain('LOCKED');
    expect((await otp(token, { otp: '755224' })).status, 'a locked user cannot finish either').to.equal(401);
  });

  it('resets the lock count only after a verified second factor; audits the door as rest-mfa', async () => {
    expect((await login('mallory.multi', 'nope')).status).to.equal(401);
    const token = await partial('mallory.multi', 'mallory.multi-pw');
    expect((await lockCount(e, 'mallory.multi')).lockCount).to.equal(1);
    expect((await otp(token, { otp: `1234${totp(DEMO, now + 30_000, 30, 6, 'SHA1')}` })).status).to.equal(200);
    expect((await lockCount(e, 'mallory.multi')).lockCount).to.equal(0);
    const audit = await e.running.app.store.listAudit({ door: 'rest-mfa', limit: 1000 });
    expect(audit.map((a) => a.status)).to.include.members(['LOCAL_PASSWORD_MISMATCH', 'SUCCESS']);
    const text = JSON.stringify(audit);
    expect(text).to.not.contain('mallory.multi-pw').and.not.contain('nope');
  });

  it('refuses unknown and disabled users, and a static password alone as the second factor', async () => {
    const unknown = await login('nobody', 'x');
    expect(unknown.status).to.equal(401);
    expect(String(unknown.body.message)).to.contain('NO_USER');
    expect(String((await login('dave.disabled', 'x')).body.message)).to.contain('DISABLED');
    const token = await partial('alice.static', 'Alice-Passw0rd');
    const r = await otp(token, { otp: 'Alice-Passw0rd' });
    expect(r.status).to.equal(401);
    expect(r.body.id).to.equal('authentication-failed');
  });

  it('expires partial and full tokens by the server clock; GET /authentication tells what a token is', async () => {
    const first = await partial('mallory.multi', 'mallory.multi-pw');
    const full = String((await otp(first, { otp: `1234${totp(DEMO, now + 60_000, 30, 6, 'SHA1')}` })).body.token);
    const info = (token: string) => api(e, doc, '/authentication', undefined, { token, method: 'GET', type: null }, 'MfaTokenInfo');
    expect((await info(full)).body).to.deep.equal({ username: 'mallory.multi', domain: 'master', stage: 'full', expiresIn: 3600 });
    expect((await init(full)).status, 'a full token is not a partial one').to.equal(401);
    const token = await partial('jane.doe', 'jane.doe-pw');
    expect((await info(token)).body).to.include({ stage: 'partial', expiresIn: 300 });
    now += 299_000;
    expect((await init(token)).status).to.equal(200);
    now += 1_000;
    const expired = await init(token);
    expect(expired.status).to.equal(401);
    expect(expired.body).to.deep.equal({ id: 'invalid-token', message: 'the token has expired' });
    expect(expired.headers.get('www-authenticate')).to.match(/^Bearer/);
    expect((await info(full)).body.expiresIn).to.equal(3300);
    now += 3_300_000;
    expect((await info(full)).status).to.equal(401);
  });
});
