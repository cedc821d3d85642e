// The console's JSON API (issue 21) on one demo server: logon with the admin accounts (lockout, audit,
// no session fixation), the session stored as a digest, the cookie's flags, CSRF and origin checks on
// every change, each operation's refusals, answers against /openapi.json, and admin audit with door
// `console`. The browser tests (browser.test.ts) drive the same API through the page.
import { expect } from 'chai';
import { sessionKey } from '../../src/admin/session.js';
import { totp } from '../../src/otp/totp.js';
import { post, startE2E, statusOf, type E2E } from '../e2e/support.js';
import { logOn, request, schemaChecker, type Admin } from './support.js';

describe('console API', function () {
  this.timeout(30_000);
  let e2e: E2E;
  let admin: Admin;
  let check: Awaited<ReturnType<typeof schemaChecker>>;
  const shift = { ms: 0 };

  before(async () => {
    e2e = await startE2E({ now: () => Date.now() + shift.ms });
    admin = await logOn(e2e.url);
    check = await schemaChecker(e2e.url);
  });
  after(async () => { await e2e?.stop(); });

  describe('sessions', () => {
    it('sets an HttpOnly, SameSite=Strict cookie for /console (Secure only under TLS) and keeps only its digest', async () => {
      const r = await request(e2e.url, 'POST', '/session', { userId: 'admin', password: 'Admin-Passw0rd' });
      check('ConsoleSession', r.body);
      const cookie = r.headers.get('set-cookie')!;
      expect(cookie).to.match(/^countersign-console=[0-9a-f]{32}; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=1200$/);
      const id = /=([0-9a-f]{32})/.exec(cookie)![1]!;
      expect(await e2e.running.app.store.find(id)).to.equal(null);
      expect(await e2e.running.app.store.find(sessionKey(id))).to.deep.include({ kind: 'admin-session', state: 'open' });
      expect(r.body.csrfToken).to.not.include(id);
    });

    it('refuses a wrong password (audited, door console), a user who is not an administrator, and no session', async () => {
      const wrong = await request(e2e.url, 'POST', '/session', { userId: 'admin', password: 'nope' });
      expect([wrong.status, wrong.body.status]).to.deep.equal([401, 'STAT_INVCREDENTIALS']);
      check('ConsoleError', wrong.body);
      const audit = await e2e.running.app.store.listAudit({ userId: 'admin', door: 'console', status: 'INVCREDENTIALS' });
      expect(audit.map((a) => a.detail)).to.deep.equal(['administration logon: Unknown administrator or wrong password']);
      const notAdmin = await request(e2e.url, 'POST', '/session', { userId: 'alice.static', password: 'Alice-Passw0rd' });
      expect([notAdmin.status, notAdmin.body.status]).to.deep.equal([403, 'STAT_PERMISSION']);
      expect((await request(e2e.url, 'GET', '/session')).status).to.equal(401);
      expect((await request(e2e.url, 'GET', '/users', undefined, { Cookie: 'countersign-console=0123456789abcdef0123456789abcdef' })).status).to.equal(401);
      const missing = await request(e2e.url, 'POST', '/session', { userId: 'admin' });
      expect([missing.status, missing.body.errors]).to.deep.equal([422, [{ field: 'password', message: 'is required' }]]);
    });

    it('ends the session the browser had when it logs on again (no fixation), and on logoff', async () => {
      const first = await logOn(e2e.url);
      const again = await request(e2e.url, 'POST', '/session', { userId: 'admin', password: 'Admin-Passw0rd' }, { Cookie: first.cookie });
      expect(again.headers.get('set-cookie')).to.not.include(first.cookie);
      expect((await first.call('GET', '/session')).status).to.equal(401);
      const second = await logOn(e2e.url);
      expect((await second.call('DELETE', '/session')).body).to.deep.equal({ loggedOff: true });
      expect((await second.call('GET', '/users')).status).to.equal(401);
    });

    it('expires with the session lifetime', async () => {
      const s = await logOn(e2e.url);
      shift.ms = 1_201_000;
      try {
        const r = await s.call('GET', '/session');
        expect([r.status, r.body.status]).to.deep.equal([401, 'STAT_ADMIN_SESSION_STOPPED']);
        expect(r.headers.get('set-cookie')).to.match(/Max-Age=0/);
      } finally { shift.ms = 0; }
      admin = await logOn(e2e.url);
    });
  });

  describe('CSRF and origin', () => {
    const unlock = '/users/master/bob.ocra/unlock';
    it('refuses a change without the token, with a wrong one, or from another origin; changes nothing', async () => {
      const refused = [
        await request(e2e.url, 'POST', unlock, undefined, { Cookie: admin.cookie }),
        await request(e2e.url, 'POST', unlock, undefined, { Cookie: admin.cookie, 'X-CSRF-Token': `${admin.csrf.slice(0, -1)}${admin.csrf.endsWith('A') ? 'B' : 'A'}` }),
        await admin.call('POST', unlock, undefined, { Origin: 'http://evil.example' }),
        await admin.call('POST', unlock, undefined, { 'Sec-Fetch-Site': 'cross-site' }),
        await admin.call('DELETE', '/users/master/bob.ocra', undefined, { 'X-CSRF-Token': '' }),
      ];
      expect(refused.map((r) => [r.status, r.body.status])).to.deep.equal(Array(5).fill([403, 'STAT_PERMISSION']));
      expect(await e2e.running.app.store.findUser('master', 'bob.ocra')).to.not.equal(null);
      expect((await e2e.running.app.store.listAudit({ door: 'console', componentType: 'Administration' })).filter((a) => a.detail?.includes('bob.ocra'))).to.deep.equal([]);
      const done = await admin.call('POST', unlock, undefined, { Origin: e2e.url.replace(/\/$/, '') });
      expect(done.status).to.equal(200);
      const proxied = await admin.call('POST', unlock, undefined, { Origin: 'https://console.example.org', 'X-Forwarded-Host': 'console.example.org' });
      expect(proxied.status).to.equal(200);
      check('ConsoleUser', done.body);
    });
  });

  describe('users and authenticators', () => {
    it('creates, searches, views, changes and deletes a user, each change audited with door console', async () => {
      const made = await admin.call('POST', '/users', { userId: 'zoe.qa', password: 'Zoe-Passw0rd', description: 'QA' });
      expect(made.status).to.equal(201);
      check('ConsoleUser', made.body);
      expect((await admin.call('POST', '/users', { userId: 'zoe.qa' })).body.status).to.equal('STAT_EXISTS');
      expect((await admin.call('GET', '/users?q=zoe')).body.map((u: { userId: string }) => u.userId)).to.deep.equal(['zoe.qa']);
      expect((await admin.call('GET', '/users?q=nobody-like-this')).body).to.deep.equal([]);
      expect((await admin.call('PATCH', '/users/master/zoe.qa', { disabled: true })).body.disabled).to.equal(true);
      expect((await admin.call('DELETE', '/users/master/zoe.qa/password')).body.hasPassword).to.equal(false);
      expect((await admin.call('PUT', '/users/master/zoe.qa/password', { password: 'Other-Passw0rd' })).body.hasPassword).to.equal(true);
      const view = await admin.call('GET', '/users/master/jane.doe');
      check('ConsoleUserDetail', view.body);
      expect((await admin.call('DELETE', '/users/master/zoe.qa')).status).to.equal(200);
      expect((await admin.call('GET', '/users/master/zoe.qa')).status).to.equal(404);
      const audit = await e2e.running.app.store.listAudit({ door: 'console', componentType: 'Administration', userId: 'admin' });
      expect(audit.map((a) => [a.status, a.detail])).to.deep.include.members([['SUCCESS', 'user create master\\zoe.qa'], ['EXISTS', 'user create master\\zoe.qa: A user with this ID already exists in this domain'],
        ['SUCCESS', 'user disable master\\zoe.qa'], ['SUCCESS', 'user set-password master\\zoe.qa'], ['SUCCESS', 'user delete master\\zoe.qa']]);
      expect(audit.every((a) => a.sourceAddress === '127.0.0.1')).to.equal(true);
    });

    it('answers each refusal with its status: bad values, unknown objects, conflicts', async () => {
      const cases: [string, string, unknown, number, string][] = [
        ['PATCH', '/users/master/jane.doe', { localAuth: 'Sometimes' }, 400, 'STAT_INVDATA'],
        ['PATCH', '/users/master/nobody', { disabled: true }, 404, 'STAT_NOT_FOUND'],
        ['PUT', '/authenticators/VDS0000001/pin', { pin: '12a' }, 400, 'STAT_INVDATA'],
        ['PUT', '/authenticators/NOPE/pin', { pin: '1234' }, 404, 'STAT_NOT_FOUND'],
        ['PUT', '/authenticators/VDS0000001/user', { userId: 'john.smith' }, 409, 'STAT_DIGIPASS_NOT_AVAILABLE'],
        ['DELETE', '/authenticators/VDS0000009/user', undefined, 409, 'STAT_ERROR'],
        ['POST', '/users/master/nobody/enrol', {}, 404, 'STAT_NOT_FOUND'],
        ['POST', '/clients', { componentType: 'X', policy: 'No such policy' }, 404, 'STAT_NOT_FOUND'],
        ['PATCH', '/policies/Base', { settings: { lockThreshold: 'three' } }, 400, 'STAT_INVDATA'],
        ['POST', '/pushes/abc/approve', { serial: 'VDS0000004' }, 409, 'STAT_ERROR'],
        ['PUT', '/users/master/jane.doe/password', { password: 42 }, 422, 'STAT_INVDATA'],
      ];
      for (const [method, path, body, http, status] of cases) {
        const r = await admin.call(method, path, body);
        expect([method, path, r.status, r.body.status]).to.deep.equal([method, path, http, status]);
        check('ConsoleError', r.body);
      }
      const notJson = await admin.call('POST', '/users', 'userId=x', { 'Content-Type': 'application/x-www-form-urlencoded' });
      expect(notJson.status).to.equal(415);
      expect((await admin.call('POST', '/users', '{"userId":', {})).status).to.equal(400);
      expect((await admin.call('GET', '/nothing-here')).status).to.equal(404);
      const wrongMethod = await admin.call('PUT', '/users');
      expect([wrongMethod.status, wrongMethod.headers.get('allow')]).to.deep.equal([405, 'GET, POST']);
    });

    it('assigns, unassigns and sets or resets a PIN; searches authenticators', async () => {
      const assigned = await admin.call('PUT', '/authenticators/VDS0000009/user', { userId: 'alice.static' });
      check('ConsoleAuthenticator', assigned.body);
      expect(assigned.body).to.include({ userId: 'alice.static', assigned: true });
      expect((await admin.call('PUT', '/authenticators/VDS0000009/pin', { pin: '4321' })).status).to.equal(200);
      expect((await admin.call('DELETE', '/authenticators/VDS0000009/pin')).status).to.equal(200);
      expect((await admin.call('DELETE', '/authenticators/VDS0000009/user')).body.assigned).to.equal(false);
      const unassigned = await admin.call('GET', '/authenticators?assigned=false');
      check('ConsoleAuthenticatorList', unassigned.body);
      expect(unassigned.body.map((a: { serial: string }) => a.serial)).to.include('VDS0000009');
    });

    it('enrols a TOTP: the otpauth URI and its QR code', async () => {
      const r = await admin.call('POST', '/users/master/mallory.multi/enrol', { serial: 'QA-ENROL-1' });
      expect(r.status).to.equal(201);
      check('ConsoleEnrolment', r.body);
      expect(r.body.authenticator).to.include({ serial: 'QA-ENROL-1', userId: 'mallory.multi' });
    });

    it('creates a virtual authenticator for a user (audited, no secret in the answer); refuses bad values, an unknown user and a taken serial', async () => {
      const r = await admin.call('POST', '/users/master/mallory.multi/virtual', { serial: 'QA-VIRT-1', delivery: 'sms', backup: true, uses: 3 });
      expect(r.status).to.equal(201);
      check('ConsoleAuthenticator', r.body);
      expect(r.body).to.include({ serial: 'QA-VIRT-1', kind: 'virtual', userId: 'mallory.multi', assigned: true });
      expect(r.body).to.not.have.any.keys('secret', 'algorithm', 'digits', 'period');
      expect(await e2e.running.app.store.findBySerial('QA-VIRT-1')).to.include({ kind: 'virtual', delivery: 'sms', backup: true, usesRemaining: 3 });
      const refused: [unknown, number, string][] = [
        [{ serial: 'QA-VIRT-2', delivery: 'fax' }, 422, 'STAT_INVDATA'],
        [{ serial: 'QA-VIRT-2', uses: 3 }, 400, 'STAT_INVDATA'],
        [{ serial: 'QA-VIRT-1' }, 409, 'STAT_EXISTS'],
      ];
      for (const [body, http, status] of refused) {
        const x = await admin.call('POST', '/users/master/mallory.multi/virtual', body);
        expect([JSON.stringify(body), x.status, x.body.status]).to.deep.equal([JSON.stringify(body), http, status]);
      }
      expect((await admin.call('POST', '/users/master/nobody/virtual', { serial: 'QA-VIRT-3' })).status).to.equal(404);
      expect(await e2e.running.app.store.findBySerial('QA-VIRT-2')).to.equal(null);
      const audit = await e2e.running.app.store.listAudit({ door: 'console', componentType: 'Administration' });
      expect(audit.map((a) => a.detail)).to.include('virtual authenticator create master\\mallory.multi QA-VIRT-1');
    });
  });

  describe('audit, pushes, QA helpers, clients and policies', () => {
    it('searches the stored audit newest first, with filters', async () => {
      const r = await admin.call('GET', '/audit?user=admin&door=console&limit=5');
      check('ConsoleAuditList', r.body);
      const times = r.body.map((e: { at: string }) => e.at);
      expect(times).to.deep.equal([...times].sort().reverse());
      expect((await admin.call('GET', '/audit?status=NO_SUCH_STATUS')).status).to.equal(400);
    });

    it('lists pushes without challenge keys while the device simulator is off', async () => {
      const r = await admin.call('GET', '/pushes');
      check('ConsolePushList', r.body);
      expect(r.body.deviceSimulator).to.equal(false);
    });

    it('shows the clock and the current code of each demo token with a published key', async () => {
      const r = await admin.call('GET', '/qa');
      check('ConsoleQa', r.body);
      expect(r.body.clock).to.equal('injected');
      const jane = r.body.codes.find((c: { serial: string }) => c.serial === 'VDS0000001');
      expect(jane.otp).to.equal(totp(Buffer.from('12345678901234567890'), Date.now(), 30, 6, 'SHA1'));
      expect(r.body.codes.map((c: { kind: string }) => c.kind)).to.not.include.members(['push', 'ocra']);
    });

    it('builds the envelope of the send-authUser form with the SOAP codec, values escaped', async () => {
      const r = await admin.call('POST', '/qa/authuser', { userId: 'john.smith', password: '<&>', componentType: 'SOAP Auth Client' });
      check('ConsoleQaEnvelope', r.body);
      expect(r.body.request).to.include('<attributeID>CREDFLD_USERID</attributeID>').and.include('&lt;&amp;&gt;');
      expect(statusOf((await post(e2e.url, r.body.request)).text)).to.match(/^STAT_/);
    });

    it('lists, creates, changes and deletes client components and policies', async () => {
      check('ConsoleClientList', (await admin.call('GET', '/clients')).body);
      check('ConsolePolicyList', (await admin.call('GET', '/policies')).body);
      expect((await admin.call('POST', '/policies', { name: 'Strict', settings: { lockThreshold: 2 } })).status).to.equal(201);
      expect((await admin.call('PATCH', '/policies/Strict', { settings: { lockThreshold: 5 } })).body.settings).to.deep.equal({ lockThreshold: 5 });
      expect((await admin.call('POST', '/clients', { componentType: 'Portal', policy: 'Strict' })).status).to.equal(201);
      expect((await admin.call('DELETE', '/policies/Strict')).body.status).to.equal('STAT_INVDATA');
      expect((await admin.call('PATCH', '/clients/Portal', { policy: 'Base' })).body.policy).to.equal('Base');
      expect((await admin.call('DELETE', '/clients/Portal')).status).to.equal(200);
      expect((await admin.call('DELETE', '/policies/Strict')).status).to.equal(200);
    });
  });

  it('describes every console route in /openapi.json', async () => {
    const doc = await (await fetch(`${e2e.url}openapi.json`)).json() as { paths: Record<string, Record<string, { operationId: string }>> };
    const ops = Object.entries(doc.paths).filter(([p]) => p.startsWith('/console/api/')).flatMap(([, m]) => Object.values(m).map((o) => o.operationId));
    expect(ops).to.include.members(['consoleLogon', 'consoleUserUnlock', 'consoleAuditLive', 'consolePushApprove', 'consoleImportStart', 'consolePolicyUpdate', 'consoleUserAddVirtual']);
    expect(ops).to.have.length(36);
  });
});
