// Administrative changes through the admin SOAP API are audited (issue 17): door admin-soap, the session's
// administrator, the command and object, the outcome, never the password sent; VIEW is not audited.
// Also: a store without client components gets a NOTE naming the setup commands at start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { logon } from '../../src/admin/session.js';
import { loadConfig } from '../../src/config/load.js';
import { createApp } from '../../src/main.js';
import { post, startE2E, statusOf, type E2E } from '../e2e/support.js';

const execute = (sessionId: string, cmd: string, attrs: string) =>
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:adm="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Administration">'
  + `<soapenv:Body><adm:userExecute><sessionID>${sessionId}</sessionID><cmd>${cmd}</cmd><attributeSet>${attrs}</attributeSet></adm:userExecute></soapenv:Body></soapenv:Envelope>`;
const attr = (id: string, v: string) => `<attributes><value xsi:type="xsd:string">${v}</value><attributeID>${id}</attributeID></attributes>`;

describe('admin audit: admin SOAP changes', function () {
  this.timeout(60_000);
  let e2e: E2E;
  before(async () => { e2e = await startE2E(); });
  after(async () => { await e2e.stop(); });

  it('records USERCMD_CREATE (success and refusal) with the administrator and no password; not USERCMD_VIEW', async () => {
    const s = await logon(e2e.running.app.admin, { userId: 'admin', password: 'Admin-Passw0rd' });
    if (!s.ok) throw new Error(s.detail);
    const create = execute(s.value.sessionId, 'USERCMD_CREATE', attr('USERFLD_USERID', 'bob') + attr('USERFLD_DOMAIN', 'master') + attr('USERFLD_PASSWORD', 'Bobs-Pass-123'));
    expect(statusOf((await post(e2e.url, create)).text)).to.equal('STAT_SUCCESS');
    expect(statusOf((await post(e2e.url, create)).text)).to.equal('STAT_EXISTS');
    await post(e2e.url, execute(s.value.sessionId, 'USERCMD_VIEW', attr('USERFLD_USERID', 'bob')));
    const entries = await e2e.running.app.store.listAudit({ componentType: 'Administration' });
    expect(entries.map((e) => [e.door, e.domain, e.userId, e.status, e.detail])).to.deep.equal([
      ['admin-soap', 'master', 'admin', 'SUCCESS', 'USERCMD_CREATE master\\bob'],
      ['admin-soap', 'master', 'admin', 'EXISTS', 'USERCMD_CREATE master\\bob: A user with this ID already exists in this domain'],
    ]);
    expect(entries[0]!.sourceAddress).to.equal('127.0.0.1');
    expect(JSON.stringify(await e2e.running.app.store.listAudit())).to.not.include('Bobs-Pass-123');
  });

  it('USERCMD_CREATE without a mandatory attribute (USERFLD_DOMAIN) answers STAT_MISSINGFLD and creates nothing', async () => {
    const s = await logon(e2e.running.app.admin, { userId: 'admin', password: 'Admin-Passw0rd' });
    if (!s.ok) throw new Error(s.detail);
    const create = execute(s.value.sessionId, 'USERCMD_CREATE', attr('USERFLD_USERID', 'ik.test') + attr('USERFLD_EMAIL', 'ik.test@example.com'));
    expect(statusOf((await post(e2e.url, create)).text)).to.equal('STAT_MISSINGFLD');
    expect(await e2e.running.app.store.findUser('master', 'ik.test')).to.equal(null);
    const view = execute(s.value.sessionId, 'USERCMD_VIEW', attr('USERFLD_USERID', 'ik.test') + attr('USERFLD_DOMAIN', 'master'));
    expect(statusOf((await post(e2e.url, view)).text)).to.equal('STAT_NOT_FOUND');
  });
});

describe('start on a store without client components', () => {
  it('adds a NOTE naming the commands to run next, and none once a client exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'countersign-note-'));
    const config = loadConfig({ COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_DEMO: '0', COUNTERSIGN_LOG_LEVEL: 'silent', COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key') });
    try {
      const first = await createApp(config);
      const note = first.notes.find((n) => n.startsWith('NOTE:'));
      await first.store.savePolicy({ name: 'P' });
      await first.store.saveClient('SOAP Auth Client', 'P');
      await first.close();
      expect(note).to.include('countersign policy create').and.include('countersign client create "SOAP Auth Client"')
        .and.include('--admin --password-stdin').and.include('docs/operations/production.md');
      const second = await createApp(config);
      await second.close();
      expect(second.notes.filter((n) => n.startsWith('NOTE:'))).to.deep.equal([]);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
