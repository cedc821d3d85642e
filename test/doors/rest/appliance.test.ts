// End to end over HTTP: the appliance-style Web API (other-frontends.md §2) in all four formats,
// hashqr images, API keys from query, header and body, bad input, lockout and replay shared with SOAP.
import { expect } from 'chai';
import { decodeBase32 } from '../../../src/otp/base32.js';
import { totp } from '../../../src/otp/totp.js';
import { startE2E, post, authUserEnvelope, statusOf, type E2E } from '../../e2e/support.js';
import { KEY, call, checkSchema, decodeQrPng, phpAvailable, phpUnserialize } from './support.js';

const T = Date.UTC(2026, 5, 1, 9, 0, 0);
const code = (hash: string, offsetSteps = 0) => totp(decodeBase32(hash), T + offsetSteps * 30_000, 30, 6, 'SHA1');

describe('REST appliance API: createuser, validate, listusers, hashqr', function () {
  this.timeout(30_000);
  let e: E2E;
  let doc: unknown;
  const u = (path: string, params: Record<string, string>) => `${e.url}${path.replace(/^\//, '')}?${new URLSearchParams(params)}`;
  const json = async (path: string, params: Record<string, string>, schema: string) => {
    const r = await call(u(path, { format: '1', ...params }));
    expect(r.status).to.equal(200);
    expect(r.type).to.match(/^application\/json/);
    const body = JSON.parse(r.text) as Record<string, unknown>;
    checkSchema(doc, schema, body);
    return body;
  };
  const enrol = (email: string) => json('/createuser', { api_key: KEY, email }, 'CreateUserResult');

  before(async () => {
    e = await startE2E({ now: () => T });
    doc = JSON.parse((await call(`${e.url}openapi.json`)).text);
  });
  after(() => e.stop());

  it('serves an OpenAPI 3 document naming every appliance route', () => {
    expect((doc as { openapi: string }).openapi).to.match(/^3\./);
    expect(Object.keys((doc as { paths: object }).paths)).to.include.members(['/createuser', '/validate', '/api.php', '/hashqr/{token}.png']);
  });

  it('enrols a user, serves its QR, and validates a computed TOTP once', async () => {
    const c = await enrol('alice@example.com');
    expect(c.success).to.equal(true);
    const png = await fetch(String(c.hashqr));
    expect(png.status).to.equal(200);
    expect(png.headers.get('content-type')).to.equal('image/png');
    const uri = decodeQrPng(Buffer.from(await png.arrayBuffer()))!;
    expect(uri).to.match(/^otpauth:\/\/totp\//);
    expect(new URL(uri).searchParams.get('secret')).to.equal(c.hash);
    const wrong = await json('/validate', { api_key: KEY, userid: String(c.userid), token: '000000' === code(String(c.hash)) ? '111111' : '000000' }, 'ValidateResult');
    expect(wrong.validation).to.equal(false);
    const ok = await json('/validate', { api_key: KEY, userid: String(c.userid), token: code(String(c.hash)) }, 'ValidateResult');
    expect(ok).to.include({ validation: true, userid: c.userid });
    const replay = await json('/validate', { api_key: KEY, userid: String(c.userid), token: code(String(c.hash)) }, 'ValidateResult');
    expect(replay.validation).to.equal(false);
  });

  it('answers in XML and plain text', async () => {
    const x = await call(u('/createuser', { api_key: KEY, phone: '+15550100', format: '2' }));
    expect(x.type).to.match(/^application\/xml/);
    expect(x.text).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<result><response>User created<\/response><userid>u[0-9a-f]{16}<\/userid><success>true<\/success><hash>[A-Z2-7]+<\/hash><hashqr>http[^<]+<\/hashqr><\/result>\n$/);
    const userid = /<userid>([^<]+)</.exec(x.text)![1]!;
    const hash = /<hash>([^<]+)</.exec(x.text)![1]!;
    expect((await call(u('/validate', { api_key: KEY, userid, token: '12345', format: '3' }))).text).to.equal('false');
    expect((await call(u('/validate', { api_key: KEY, userid, token: code(hash), format: '3' }))).text).to.equal('true');
    expect((await call(u('/validate', { api_key: 'nope', userid, token: code(hash, 1), format: '3' }))).text).to.equal('false');
  });

  it('answers PHP-serialized data by default, exactly as PHP reads it', async function () {
    const r = await call(u('/createuser', { api_key: KEY, email: 'zoë@example.com' }));
    expect(r.text).to.match(/^a:5:\{s:8:"response";s:12:"User created";s:6:"userid";s:17:"u[0-9a-f]{16}";s:7:"success";b:1;s:4:"hash";s:32:"[A-Z2-7]{32}";s:6:"hashqr";s:\d+:"http[^"]+";\}$/);
    const bad = await call(u('/validate', { api_key: 'wrong' }));
    expect(bad.text).to.equal('a:2:{s:8:"response";s:15:"Invalid API key";s:10:"validation";b:0;}');
    if (!phpAvailable) { console.log('      (php-cli not installed: PHP unserialize() check skipped)'); this.skip(); }
    expect(phpUnserialize(r.text)).to.include({ response: 'User created', success: true });
    expect(phpUnserialize(bad.text)).to.deep.equal({ response: 'Invalid API key', validation: false });
    const list = await call(u('/api.php', { api_key: KEY, action: 'listusers', format: '0' }));
    const users = phpUnserialize(list.text) as { username: string }[];
    expect(users.map((x) => x.username)).to.include('zoë@example.com');
  });

  it('lists enrolled users with their registration time', async () => {
    const c = await enrol('listed@example.com');
    const r = await call(u('/api.php', { api_key: KEY, action: 'listusers' }));
    const users = JSON.parse(r.text) as { userid: string; username: string; registered: string }[];
    checkSchema(doc, 'UserList', users);
    expect(users).to.deep.include({ userid: c.userid, username: 'listed@example.com', registered: new Date(T).toISOString() });
    expect((await call(u('/api.php', { api_key: KEY, action: 'listusers', format: '3' }))).text.split('\n')).to.include(String(c.userid));
    const bad = await json('/api.php', { api_key: 'wrong', action: 'listusers' }, 'Failure');
    expect(bad).to.deep.equal({ response: 'Invalid API key', success: false });
    expect(await json('/api.php', { api_key: KEY, action: 'dropusers' }, 'Failure')).to.include({ success: false });
  });

  it('accepts the API key and OTP from headers and from form or JSON bodies', async () => {
    const viaHeader = await call(`${e.url}createuser?format=1`, { method: 'POST', headers: { 'X-API-Key': KEY, 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=h%40example.com' });
    const c = JSON.parse(viaHeader.text) as Record<string, string>;
    expect(c.success).to.equal(true);
    const form = await call(`${e.url}validate`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: KEY, userid: c.userid!, token: code(c.hash!), format: '3' }).toString() });
    expect(form.text).to.equal('true');
    const jsonBody = await call(`${e.url}validate`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Token': code(c.hash!, 1) },
      body: JSON.stringify({ api_key: KEY, userid: c.userid, format: '3' }) });
    expect(jsonBody.text).to.equal('true');
  });

  it('refuses bad input with the documented shape and creates nothing', async () => {
    const before = (JSON.parse((await call(u('/api.php', { api_key: KEY, action: 'listusers' }))).text) as unknown[]).length;
    expect(await json('/createuser', { api_key: 'wrong', email: 'x@example.com' }, 'CreateUserResult')).to.deep.equal({ response: 'Invalid API key', success: false });
    expect(await json('/createuser', { api_key: KEY }, 'CreateUserResult')).to.include({ success: false, response: 'Missing argument: email or phone' });
    expect(await json('/createuser', { api_key: KEY, email: 'y@example.com', type: '2' }, 'CreateUserResult')).to.include({ success: false });
    expect(await json('/createuser', { api_key: KEY, email: 'y@example.com', pin: 'abc' }, 'CreateUserResult')).to.include({ success: false });
    expect(await json('/createuser', { api_key: KEY, email: 'y\u0001@example.com' }, 'CreateUserResult'))
      .to.include({ success: false, response: 'Invalid argument: The email contains the control character U+0001 at position 2: remove it and send the value again' });
    expect(await json('/validate', { api_key: KEY, userid: 'nobody' }, 'ValidateResult')).to.include({ validation: false });
    expect((await json('/validate', { api_key: KEY, userid: 'nobody', token: '123456' }, 'ValidateResult')).validation).to.equal(false);
    const malformed = await call(`${e.url}createuser?format=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"api_key":' });
    expect(JSON.parse(malformed.text)).to.include({ success: false });
    const huge = await call(`${e.url}createuser?format=1`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `email=${'a'.repeat(200_000)}` });
    expect(huge.status).to.equal(413);
    expect(JSON.parse(huge.text)).to.include({ success: false });
    expect((await call(`${e.url}createuser?format=1`, { method: 'DELETE' })).status).to.equal(405);
    expect((await call(`${e.url}hashqr/unknown-token-123.png`)).status).to.equal(404);
    const after = (JSON.parse((await call(u('/api.php', { api_key: KEY, action: 'listusers' }))).text) as unknown[]).length;
    expect(after).to.equal(before);
  });

  it('shares lockout and replay with SOAP', async () => {
    const c = await enrol('shared@example.com');
    const userid = String(c.userid);
    const soap = (password: string) => post(e.url, authUserEnvelope({ CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_PASSWORD_FORMAT: '0', CREDFLD_USERID: userid, CREDFLD_PASSWORD: password }));
    expect((await json('/validate', { api_key: KEY, userid, token: code(String(c.hash)) }, 'ValidateResult')).validation).to.equal(true);
    expect(statusOf((await soap(code(String(c.hash)))).text)).to.not.equal('STAT_SUCCESS');
    for (const bad of ['100001', '100002']) expect((await json('/validate', { api_key: KEY, userid, token: bad }, 'ValidateResult')).validation).to.equal(false);
    expect(statusOf((await soap('100003')).text)).to.not.equal('STAT_SUCCESS');
    expect(statusOf((await soap(code(String(c.hash), 1))).text)).to.equal('STAT_LOCKED');
    const locked = await json('/validate', { api_key: KEY, userid, token: code(String(c.hash), 1) }, 'ValidateResult');
    expect(locked.validation).to.equal(false);
    expect(String(locked.response)).to.contain('LOCKED');
  });
});
