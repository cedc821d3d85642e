// Admin logon through the admin SOAP door (issue 16 "Guessing", docs/operations/rate-limits.md):
// administrators lock like users under the "Administration Program" component's policy, logon passes
// the rate limits (STAT_RATE_LIMITED, counted toward no lock), and the session id is stored as a digest.
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { AdminServices } from '../../../src/admin/services.js';
import { sessionKey } from '../../../src/admin/session.js';
import { loadSeed } from '../../../src/admin/import-seed.js';
import { createEngine } from '../../../src/engine/authenticate.js';
import { createSoapHandler } from '../../../src/doors/soap/server.js';
import { createRateLimiter } from '../../../src/runtime/rate-limiter.js';
import { readSeedFile } from '../../../src/store/seed.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { fastHasher, ROOT, T0 } from '../../support/engine-harness.js';
import { catalogue, textOf } from './helpers.js';

const ADMIN_NS = 'http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Administration';
const envelope = (op: string, container: string, fields: Record<string, string>): string =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:adm="${ADMIN_NS}">`
  + `<soapenv:Body><adm:${op}><${container}>${Object.entries(fields).map(([id, v]) => `<attributes><value xsi:type="xsd:string">${v}</value><attributeID>${id}</attributeID></attributes>`).join('')}`
  + `</${container}></adm:${op}></soapenv:Body></soapenv:Envelope>`;

async function door(userBurst = 1000) {
  const store: Store = await openStore('memory:', { masterKey: Buffer.alloc(32, 5), clientCacheMs: 0 });
  const hasher = fastHasher();
  await loadSeed(store, readSeedFile(resolve(ROOT, 'fixtures/demo-seed.json')), hasher);
  let mono = 0;
  const limiter = createRateLimiter({ source: { burst: 1000, refillMs: 10 }, user: { burst: userBurst, refillMs: 2000 }, maxEntries: 1000, monotonic: () => mono });
  const clock = { now: () => T0 };
  let n = 0;
  const random = { bytes: (k: number) => Buffer.alloc(k, ++n % 256) };
  const admin: AdminServices = { store, clock, random, hasher, limiter };
  const engine = createEngine({ clock, random, users: store, authenticators: store, clients: store, pending: store, audit: store, hasher, limiter });
  const soap = createSoapHandler({ engine, catalogue, admin });
  const call = async (xml: string) => (await soap.handleSoapBody(Buffer.from(xml), 'text/xml; charset=utf-8', { sourceAddress: '192.0.2.50' })).body;
  const logon = async (password: string) => {
    const xml = await call(envelope('logon', 'attributeSet', { CREDFLD_USERID: 'admin', CREDFLD_DOMAIN: 'master', CREDFLD_PASSWORD: password }));
    return { status: textOf(xml, 'statusCodeEnum'), detail: xml, sessionId: /<value[^>]*>([0-9a-f]{32})<\/value><attributeID>CREDFLD_SESSION_ID/.exec(xml)?.[1] };
  };
  return { store, call, logon, refill: (ms: number) => { mono += ms; } };
}

const lockOf = async (store: Store) => {
  const u = (await store.findUser('master', 'admin'))!;
  return { lockCount: u.lockCount, locked: u.locked };
};

describe('admin SOAP door: logon lockout, rate limit and session storage', () => {
  it('locks the administrator after the Administration Program policy\'s threshold: 30 wrong passwords, then the right one is refused', async () => {
    const d = await door();
    const wrong = [];
    for (let i = 0; i < 30; i++) wrong.push((await d.logon(`Wrong-${i}`)).status);
    expect(wrong.slice(0, 3)).to.deep.equal(['STAT_INVCREDENTIALS', 'STAT_INVCREDENTIALS', 'STAT_INVCREDENTIALS']);
    expect(new Set(wrong.slice(3)), 'locked at the Base policy\'s threshold of 3').to.deep.equal(new Set(['STAT_LOCKED']));
    const right = await d.logon('Admin-Passw0rd');
    expect(right.status).to.equal('STAT_LOCKED');
    expect(right.sessionId).to.equal(undefined);
    expect(await lockOf(d.store)).to.deep.equal({ lockCount: 3, locked: true });
    const u = (await d.store.findUser('master', 'admin'))!;
    expect(await d.store.unlockUser(u.id, u.lockCount)).to.equal(true);
    expect((await d.logon('Admin-Passw0rd')).status, 'unlocked, the right password logs on').to.equal('STAT_SUCCESS');
  });

  it('follows the component\'s own policy, and a logon that succeeds resets the count', async () => {
    const d = await door();
    const base = (await d.store.findClient('Administration Program'))!.policy;
    await d.store.savePolicy({ ...base, name: 'Admins', lockThreshold: 5 });
    await d.store.saveClient('Administration Program', 'Admins');
    for (let i = 0; i < 4; i++) expect((await d.logon(`Wrong-${i}`)).status).to.equal('STAT_INVCREDENTIALS');
    expect((await d.logon('Admin-Passw0rd')).status).to.equal('STAT_SUCCESS');
    expect(await lockOf(d.store)).to.deep.equal({ lockCount: 0, locked: false });
    for (let i = 0; i < 5; i++) await d.logon(`Wrong-${i}`);
    expect(await lockOf(d.store)).to.deep.equal({ lockCount: 5, locked: true });
    await d.store.savePolicy({ ...base, name: 'Admins', lockThreshold: 5, genericStatusCodes: true });
    expect((await d.logon('Admin-Passw0rd')).status, 'generic status codes mask the lock').to.equal('STAT_INVCREDENTIALS');
  });

  it('answers STAT_RATE_LIMITED past the per-user burst without counting toward the lock, and admits again after the refill', async () => {
    const d = await door(2);
    expect((await d.logon('Wrong-1')).status).to.equal('STAT_INVCREDENTIALS');
    expect((await d.logon('Wrong-2')).status).to.equal('STAT_INVCREDENTIALS');
    const limited = await d.logon('Admin-Passw0rd');
    expect(limited.status).to.equal('STAT_RATE_LIMITED');
    expect(textOf(limited.detail, 'statusCode')).to.equal('1105');
    expect(await lockOf(d.store)).to.deep.equal({ lockCount: 2, locked: false });
    const audit = await d.store.listAudit({ userId: 'admin', limit: 10 });
    expect(audit.map((a) => a.status)).to.deep.equal(['INVCREDENTIALS', 'INVCREDENTIALS', 'RATE_LIMITED']);
    expect(audit[2]).to.deep.include({ door: 'soap-admin', componentType: 'Administration Program', sourceAddress: '192.0.2.50', statusCode: 1105 });
    d.refill(2000);
    expect((await d.logon('Admin-Passw0rd')).status).to.equal('STAT_SUCCESS');
  });

  it('keeps only the digest of the session id in the store; the id itself still works', async () => {
    const d = await door();
    const { sessionId } = await d.logon('Admin-Passw0rd');
    expect(sessionId).to.match(/^[0-9a-f]{32}$/);
    expect(await d.store.find(sessionId!)).to.equal(null);
    const stored = await d.store.find(sessionKey(sessionId!));
    expect(stored).to.deep.include({ kind: 'admin-session', state: 'open' });
    expect(JSON.stringify(stored)).not.to.include(sessionId!);
    const alive = await d.call(envelope('sessionalive', 'attributeSet', { CREDFLD_SESSION_ID: sessionId! }));
    expect(textOf(alive, 'statusCodeEnum')).to.equal('STAT_SUCCESS');
  });
});
