// The console's session cookie under TLS (issue 21): named __Secure-..., flagged Secure, and the only
// cookie the console reads there; a plain-HTTP name sent to an HTTPS console is no session.
import { expect } from 'chai';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/main.js';
import { startE2E, type E2E } from '../e2e/support.js';

const TLS_DIR = join(PROJECT_ROOT, 'test', 'record', 'tls');

interface Answer { status: number; cookie: string | undefined; body: Record<string, unknown> }

function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((ok, fail) => {
    const req = httpsRequest(`${base}console/api${path}`, {
      method, ca: readFileSync(join(TLS_DIR, 'ca.pem')),
      headers: { ...(data ? { 'Content-Type': 'application/json' } : {}), ...headers },
    }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += String(d); });
      res.on('end', () => ok({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0], body: text ? JSON.parse(text) as Record<string, unknown> : {} }));
    });
    req.on('error', fail);
    req.end(data);
  });
}

describe('console session cookie under TLS', function () {
  this.timeout(30_000);
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E(undefined, { COUNTERSIGN_TLS_KEY_FILE: join(TLS_DIR, 'server.key'), COUNTERSIGN_TLS_CERT_FILE: join(TLS_DIR, 'server.pem') });
  });
  after(async () => { await e2e?.stop(); });

  it('sets a __Secure- cookie flagged Secure, reads only that one, and clears it on logoff', async () => {
    expect(e2e.url).to.match(/^https:/);
    const r = await call(e2e.url, 'POST', '/session', { userId: 'admin', password: 'Admin-Passw0rd' });
    expect(r.status).to.equal(200);
    expect(r.cookie).to.match(/^__Secure-countersign-console=[0-9a-f]{32}; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=1200; Secure$/);
    const id = /=([0-9a-f]{32})/.exec(r.cookie!)![1]!;
    expect((await call(e2e.url, 'GET', '/session', undefined, { Cookie: `__Secure-countersign-console=${id}` })).status).to.equal(200);
    expect((await call(e2e.url, 'GET', '/session', undefined, { Cookie: `countersign-console=${id}` })).status).to.equal(401);
    const off = await call(e2e.url, 'DELETE', '/session', undefined, { Cookie: `__Secure-countersign-console=${id}`, 'X-CSRF-Token': String(r.body.csrfToken) });
    expect(off.cookie).to.match(/^__Secure-countersign-console=; .*Max-Age=0; Secure$/);
    expect((await call(e2e.url, 'GET', '/session', undefined, { Cookie: `__Secure-countersign-console=${id}` })).status).to.equal(401);
  });
});
