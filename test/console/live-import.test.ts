// The console's live audit stream and imports (issue 21) on one demo server that logs at trace level:
// an authUser reaches a filtered stream as an SSE event, a reconnect resumes after Last-Event-ID, a CSV
// upload imports with progress and one summary, an upload past the limit is refused whole; and no log
// line holds a password, PIN, OTP, seed, session id or CSRF token.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/load.js';
import { createApp, startServer, type Running } from '../../src/main.js';
import { authUserEnvelope, post } from '../e2e/support.js';
import { logOn, type Admin } from './support.js';

/** Reads server-sent events from a stream until `until` holds for one; answers those read. */
async function readEvents(res: Response, until: (e: { id?: string; event?: string; data: string }) => boolean) {
  const reader = res.body!.getReader();
  const events: { id?: string; event?: string; data: string }[] = [];
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
    let end: number;
    while ((end = text.indexOf('\n\n')) !== -1) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const e: { id?: string; event?: string; data: string } = { data: '' };
      for (const line of block.split('\n')) {
        const [k, ...v] = line.split(': ');
        if (k === 'id' || k === 'event' || k === 'data') e[k] = v.join(': ');
      }
      if (e.event) events.push(e);
      if (e.event && until(e)) { await reader.cancel(); return events; }
    }
  }
  return events;
}

describe('console live audit and imports', function () {
  this.timeout(30_000);
  const lines: string[] = [];
  let running: Running;
  let dir: string;
  let admin: Admin;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-console-'));
    const config = loadConfig({
      COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'), COUNTERSIGN_HTTP_PORT: '0',
      COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1', COUNTERSIGN_CONSOLE_MAX_UPLOAD_BYTES: '4096',
    });
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    running = await startServer(await createApp(config, { log: pino({ level: 'trace' }, sink) }));
    admin = await logOn(running.url);
  });
  after(async () => { await running.close(); rmSync(dir, { recursive: true, force: true }); });

  const live = (query: string, headers: Record<string, string> = {}) => fetch(`${running.url}console/api/audit/live?${query}`, { headers: { Cookie: admin.cookie, ...headers } });

  it('streams each stored record that passes the filter, and resumes after Last-Event-ID', async () => {
    const res = await live('user=john.smith&door=soap');
    expect([res.status, res.headers.get('content-type')]).to.deep.equal([200, 'text/event-stream; charset=utf-8']);
    const soap = (user: string) => post(running.url, authUserEnvelope({ CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_USERID: user, CREDFLD_PASSWORD: '123456', CREDFLD_PASSWORD_FORMAT: '0' }));
    const read = readEvents(res, (e) => e.event === 'audit');
    await soap('jane.doe');
    await soap('john.smith');
    const events = await read;
    expect(events).to.have.length(1);
    const entry = JSON.parse(events[0]!.data);
    expect(entry).to.include({ door: 'soap', userId: 'john.smith', status: 'STAT_OTP_INCORRECT' });
    const resumed = await readEvents(await live('', { 'Last-Event-ID': String(entry.seq - 1) }), (e) => e.event === 'audit');
    expect(JSON.parse(resumed[0]!.data).seq).to.equal(entry.seq);
  });

  it('refuses the stream without a session', async () => {
    expect((await fetch(`${running.url}console/api/audit/live`)).status).to.equal(401);
  });

  it('imports an uploaded CSV with progress and one summary, audited', async () => {
    const csv = 'serial,secret,algorithm,digits,period\nCSV-0001,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ,SHA1,6,30\nCSV-0002,not-base32!,SHA1,6,30\nVDS0000001,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ,SHA1,6,30\n';
    let job = (await admin.call('POST', '/imports?format=csv', csv, { 'Content-Type': 'application/octet-stream' })).body;
    expect(job).to.include({ format: 'csv' });
    for (let i = 0; i < 100 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await admin.call('GET', `/imports/${job.id}`)).body;
    }
    expect(job).to.deep.include({ state: 'done', done: 4, total: 4 });
    expect(job.summary).to.deep.include({ imported: 1, skipped: 1, failed: 1 });
    expect(await running.app.store.findBySerial('CSV-0001')).to.not.equal(null);
    const audit = await running.app.store.listAudit({ door: 'console', componentType: 'Administration' });
    expect(audit.map((a) => a.detail)).to.include('import csv: 1 imported, 1 skipped, 1 failed: 1 row(s) refused');
    expect((await admin.call('GET', '/imports/000000000000000000000000')).status).to.equal(404);
  });

  it('refuses an upload past COUNTERSIGN_CONSOLE_MAX_UPLOAD_BYTES whole, and an unknown format', async () => {
    const big = `serial,secret\n${'X'.repeat(5000)}\n`;
    const r = await admin.call('POST', '/imports?format=csv', big, { 'Content-Type': 'application/octet-stream' });
    expect([r.status, r.body.status]).to.deep.equal([413, 'STAT_INVDATA']);
    expect((await admin.call('POST', '/imports?format=xlsx', 'x', { 'Content-Type': 'application/octet-stream' })).status).to.equal(400);
  });

  it('logs no password, PIN, OTP, seed, session id or CSRF token', async () => {
    const secondLogon = await logOn(running.url);
    await secondLogon.call('PUT', '/users/master/alice.static/password', { password: 'Secret-Passw0rd-31337' });
    await secondLogon.call('PUT', '/authenticators/VDS0000009/pin', { pin: '97531' });
    const all = lines.join('');
    expect(all).to.include('"door":"console"');
    for (const secret of ['Admin-Passw0rd', 'Secret-Passw0rd-31337', '97531', '123456', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      admin.cookie.split('=')[1]!, admin.csrf, secondLogon.cookie.split('=')[1]!, secondLogon.csrf]) {
      expect(all, secret).to.not.include(secret);
    }
  });
});
