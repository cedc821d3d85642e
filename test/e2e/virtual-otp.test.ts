// Virtual authenticators end to end (docs/virtual-otp.md): the real server with SOAP and RADIUS, a real
// SMTP server (smtp-server, AUTH required) and an HTTP SMS gateway stub, both on free loopback ports. A
// user without a token asks for an OTP, reads it from the e-mail or the SMS and logs on; a gateway that
// is down or never answers gives STAT_COMMS, in bounded time.
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { createAuthenticator } from '../../src/admin/authenticator.js';
import { startRadius } from '../../src/main.js';
import type { RadiusRunning } from '../../src/doors/radius/index.js';
import { accessRequest, readAnswer } from '../doors/radius/support.js';
import { CODE } from '../../src/doors/radius/dictionary.js';
import { authUserEnvelope, post, startE2E, statusOf, type E2E } from './support.js';

const PW = 'Virt-Passw0rd';
const SOAP = { CREDFLD_PASSWORD_FORMAT: '0', CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client' };

interface Mail { to: string; subject: string; text: string }

/** A real SMTP server that wants AUTH PLAIN/LOGIN as otp/smtp-secret and keeps every message parsed. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; mails: Mail[] }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    secure: false, disabledCommands: ['STARTTLS'], authMethods: ['PLAIN', 'LOGIN'], logger: false,
    onAuth: (auth, _s, cb) => (auth.username === 'otp' && auth.password === 'smtp-secret' ? cb(null, { user: 'otp' }) : cb(new Error('bad credentials'))),
    onData: (stream, _s, cb) => {
      simpleParser(stream).then((m) => {
        const to = Array.isArray(m.to) ? m.to[0]?.text : m.to?.text;
        mails.push({ to: to ?? '', subject: m.subject ?? '', text: m.text ?? '' });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, port: (server.server.address() as AddressInfo).port, mails };
}

type GatewayMode = 'ok' | 'down' | 'silent';

/** An SMS gateway stub: records each request body; answers 200 `{"status":"queued"}`, 503, or never. */
async function startGateway(): Promise<{ server: Server; url: string; bodies: unknown[]; mode: { now: GatewayMode } }> {
  const bodies: unknown[] = [];
  const mode = { now: 'ok' as GatewayMode };
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => { text += c.toString('utf8'); });
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      if (mode.now === 'silent') return;
      res.writeHead(mode.now === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
      res.end(mode.now === 'ok' ? '{"status":"queued"}' : '{"status":"down"}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`, bodies, mode };
}

const otpIn = (text: string): string => /\b(\d{6})\b/.exec(text)![1]!;

/** One Access-Request to the RADIUS door, its answer read and checked. */
async function radius(port: number, user: string, password: string, state?: string) {
  const { bytes, packet } = accessRequest({ user, password, state, identifier: Math.floor(Math.random() * 256) });
  const socket = createSocket('udp4');
  const answer = new Promise<Buffer>((ok) => socket.once('message', ok));
  await new Promise<void>((ok) => socket.bind(0, '127.0.0.1', ok));
  socket.send(bytes, port, '127.0.0.1');
  try { return readAnswer(await answer, packet); } finally { socket.close(); }
}

describe('e2e: virtual authenticators over SOAP and RADIUS, with a real SMTP server and an SMS gateway stub', function () {
  let e2e: E2E;
  let door: RadiusRunning;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let gateway: Awaited<ReturnType<typeof startGateway>>;

  before(async () => {
    smtp = await startSmtp();
    gateway = await startGateway();
    e2e = await startE2E(undefined, {
      COUNTERSIGN_SMTP_HOST: '127.0.0.1', COUNTERSIGN_SMTP_PORT: String(smtp.port), COUNTERSIGN_SMTP_TLS: 'none',
      COUNTERSIGN_SMTP_USER: 'otp', COUNTERSIGN_SMTP_PASSWORD: 'smtp-secret', COUNTERSIGN_SMTP_FROM: 'Countersign <otp@example.org>',
      COUNTERSIGN_SMS_URL: gateway.url, COUNTERSIGN_SMS_SUCCESS: 'body:queued', COUNTERSIGN_SMS_TIMEOUT_MS: '300', COUNTERSIGN_SMS_RETRIES: '1',
      COUNTERSIGN_RADIUS_PORT: '0', COUNTERSIGN_RADIUS_HOST: '127.0.0.1', COUNTERSIGN_OUTBOX_FILE: 'off', COUNTERSIGN_OTP_REQUEST_PAGE: '1',
    });
    const app = e2e.running.app;
    door = await startRadius(app);
    for (const [userId, delivery, mobile] of [['eve.mail', 'email', null], ['sid.sms', 'sms', '+32470000111']] as const) {
      await app.store.createUser({ domain: 'master', userId, email: `${userId}@example.org`, mobile, staticPasswordHash: await app.admin.hasher.hash(PW) });
      const made = await createAuthenticator(app.admin, { serial: `VIR-${userId}`, kind: 'virtual', delivery, user: { userId } });
      expect(made.ok).to.equal(true);
    }
  });

  after(async () => {
    await door?.close();
    await e2e?.stop();
    await new Promise<void>((ok) => { if (smtp) smtp.server.close(() => ok()); else ok(); });
    gateway?.server.closeAllConnections();
    await new Promise((ok) => gateway?.server.close(ok));
  });

  it('SOAP 2-step: the keyword sends an e-mail through SMTP; password + OTP with the key logs on; the OTP works once', async () => {
    const first = (await post(e2e.url, authUserEnvelope({ ...SOAP, CREDFLD_USERID: 'eve.mail', CREDFLD_PASSWORD: 'sendotp' }))).text;
    expect(statusOf(first)).to.equal('STAT_OTP_SENT');
    expect(first).to.contain('A one-time password was sent by e-mail to e***@example.org');
    const key = /<value xsi:type="xsd:string">([^<]+)<\/value><attributeID>CREDFLD_CHALLENGE_KEY/.exec(first)![1]!;
    const mail = smtp.mails.at(-1)!;
    expect(mail).to.include({ to: 'eve.mail@example.org', subject: 'Your one-time password' });
    const otp = otpIn(mail.text);
    const login = authUserEnvelope({ ...SOAP, CREDFLD_USERID: 'eve.mail', CREDFLD_PASSWORD: PW + otp, CREDFLD_CHALLENGE_KEY: key });
    expect(statusOf((await post(e2e.url, login)).text)).to.equal('STAT_SUCCESS');
    expect(statusOf((await post(e2e.url, login)).text)).to.equal('STAT_NOT_FOUND');
    const audit = JSON.stringify(await e2e.running.app.store.listAudit({ userId: 'eve.mail' }));
    expect(audit).to.not.contain(otp);
    expect(audit).to.contain('e***@example.org');
  });

  it('SOAP, two consecutive 1-step logons: the first fails and sends, the second carries password + OTP', async () => {
    const first = (await post(e2e.url, authUserEnvelope({ ...SOAP, CREDFLD_USERID: 'eve.mail', CREDFLD_PASSWORD: 'sendotp' }))).text;
    expect(first).to.contain('<returnCodeEnum xsi:type="BASIC-TYPES:ReturnCodeEnum">RET_FAILURE</returnCodeEnum>');
    const otp = otpIn(smtp.mails.at(-1)!.text);
    expect(statusOf((await post(e2e.url, authUserEnvelope({ ...SOAP, CREDFLD_USERID: 'eve.mail', CREDFLD_PASSWORD: PW + otp }))).text)).to.equal('STAT_SUCCESS');
  });

  it('RADIUS 2-step: Access-Challenge "OTP sent", the SMS reaches the gateway, the answer with the State is accepted', async () => {
    const first = await radius(door.port, 'sid.sms', 'sendotp');
    expect(first.code).to.equal(CODE.ACCESS_CHALLENGE);
    expect(first.message).to.equal('A one-time password was sent by SMS to ********111; enter it to log on.');
    const body = gateway.bodies.at(-1) as { to: string; text: string };
    expect(body.to).to.equal('+32470000111');
    const otp = otpIn(body.text);
    expect((await radius(door.port, 'sid.sms', PW + otp, first.state)).code).to.equal(CODE.ACCESS_ACCEPT);
    expect((await radius(door.port, 'sid.sms', PW + otp, first.state)).code).to.equal(CODE.ACCESS_REJECT);
  });

  it('RADIUS 1-step (a NAS without challenge support ignores the State): the next Access-Request with password + OTP is accepted', async () => {
    expect((await radius(door.port, 'sid.sms', 'sendotp')).code).to.equal(CODE.ACCESS_CHALLENGE);
    const otp = otpIn((gateway.bodies.at(-1) as { text: string }).text);
    expect((await radius(door.port, 'sid.sms', PW + otp)).code).to.equal(CODE.ACCESS_ACCEPT);
  });

  it('RADIUS by e-mail too: the OTP read from the SMTP server logs on', async () => {
    const first = await radius(door.port, 'eve.mail', 'sendotp');
    expect(first.code).to.equal(CODE.ACCESS_CHALLENGE);
    const otp = otpIn(smtp.mails.at(-1)!.text);
    expect((await radius(door.port, 'eve.mail', PW + otp, first.state)).code).to.equal(CODE.ACCESS_ACCEPT);
  });

  it('a gateway that answers 503, or never, gives STAT_COMMS after the bounded retries, and leaves nothing to answer', async () => {
    for (const mode of ['down', 'silent'] as const) {
      gateway.mode.now = mode;
      const before = gateway.bodies.length;
      const text = (await post(e2e.url, authUserEnvelope({ ...SOAP, CREDFLD_USERID: 'sid.sms', CREDFLD_PASSWORD: 'sendotp' }))).text;
      expect(statusOf(text), mode).to.equal('STAT_COMMS');
      expect(text).to.contain(mode === 'down' ? 'the SMS gateway answered HTTP 503 (2 attempts)' : 'did not answer within 300 ms (2 attempts)');
      expect(gateway.bodies.length - before).to.equal(2);
    }
    gateway.mode.now = 'ok';
    const user = await e2e.running.app.store.findUser('master', 'sid.sms');
    const open = (await e2e.running.app.store.listPendingForUser!(user!.id, 'virtual-otp')).filter((r) => r.state === 'open');
    expect(open).to.have.length(0);
    expect(user!.lockCount).to.equal(0);
  });

  it('REST MFA: initialize sends the OTP (type Challenge, a state); /authentication/otp with the OTP and the state gives a full token', async () => {
    const json = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(new URL(path, e2e.url), { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() as Record<string, unknown> };
    };
    const partial = String((await json('authentication', { username: 'eve.mail', password: PW })).body.token);
    const init = await json('authentication/otp/initialize', {}, partial);
    expect(init.status).to.equal(200);
    expect(init.body).to.include({ type: 'Challenge', responseMessage: 'A one-time password was sent by e-mail to e***@example.org; enter it to log on', timeout: 300 });
    const otp = otpIn(smtp.mails.at(-1)!.text);
    const done = await json('authentication/otp', { otp, state: init.body.state }, partial);
    expect(done.status).to.equal(200);
    expect(done.body.stage).to.equal('full');
  });

  it('OTP request page: a form with a replay token; the same answer for a right, a wrong and an unknown account; the OTP then logs on', async () => {
    const form = await fetch(new URL('otp-request', e2e.url));
    const cookie = form.headers.get('set-cookie')!.split(';')[0]!;
    const token = /name="replay_token" value="([^"]+)"/.exec(await form.text())![1]!;
    expect(cookie).to.equal(`cs_otp_request=${token}`);
    const ask = async (username: string, password: string, headers: Record<string, string> = { cookie }, replay = token) => {
      const res = await fetch(new URL('otp-request', e2e.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ username, password, replay_token: replay, commit: 'Request OTP' }) });
      return { status: res.status, text: (await res.text()).replace(/value="[^"]+"/, '') };
    };
    const mails = smtp.mails.length;
    const wrong = await ask('eve.mail', 'not-the-password');
    const unknown = await ask('nobody.here', 'whatever');
    expect(smtp.mails.length).to.equal(mails);
    const right = await ask('eve.mail', PW);
    expect(right.status).to.equal(200);
    expect(right.text).to.contain('a one-time password is on its way');
    expect(wrong).to.deep.equal(right);
    expect(unknown).to.deep.equal(right);
    expect(smtp.mails.length).to.equal(mails + 1);
    const otp = otpIn(smtp.mails.at(-1)!.text);
    expect(statusOf((await post(e2e.url, authUserEnvelope({ ...SOAP, CREDFLD_USERID: 'eve.mail', CREDFLD_PASSWORD: PW + otp }))).text)).to.equal('STAT_SUCCESS');
    expect((await ask('eve.mail', PW, {})).status, 'no cookie').to.equal(403);
    expect((await ask('eve.mail', PW, { cookie, origin: 'https://evil.example' })).status, 'foreign origin').to.equal(403);
    expect((await ask('eve.mail', PW, { cookie }, 'forged')).status, 'other token').to.equal(403);
    expect(smtp.mails.length).to.equal(mails + 1);
  });

  it('counts the sends in the metrics', async () => {
    const text = await (await fetch(`${e2e.url}metrics`)).text();
    expect(text).to.match(/countersign_virtual_otp_sends_total\{channel="email",result="sent"\} [1-9]/);
    expect(text).to.match(/countersign_virtual_otp_sends_total\{channel="sms",result="failed"\} 2/);
  });
});

describe('e2e: delivery settings are checked at start', () => {
  it('refuses an SMTP host without a sender address, naming the setting', async () => {
    const err = await startE2E(undefined, { COUNTERSIGN_SMTP_HOST: '127.0.0.1' }).then(() => undefined, (e: Error) => e);
    expect(err?.message).to.contain('COUNTERSIGN_SMTP_FROM');
  });

  it('refuses an unreadable SMTP password file, naming the setting', async () => {
    const dir = process.env.TMPDIR ?? '/tmp';
    const missing = join(dir, `no-such-${process.pid}-${Date.now()}`);
    const err = await startE2E(undefined, {
      COUNTERSIGN_SMTP_HOST: '127.0.0.1', COUNTERSIGN_SMTP_FROM: 'otp@example.org', COUNTERSIGN_SMTP_USER: 'otp', COUNTERSIGN_SMTP_PASSWORD_FILE: missing,
    }).then(() => undefined, (e: Error) => e);
    expect(err?.message).to.contain('COUNTERSIGN_SMTP_PASSWORD_FILE');
  });
});
