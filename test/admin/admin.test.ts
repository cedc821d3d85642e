// Administration use cases (issue 5; soap-wire.md §4) against the memory and SQLite stores: sessions
// open, expire and stop; user and authenticator commands change what the store holds.
import { expect } from 'chai';
import { resolve } from 'node:path';
import type { AdminServices } from '../../src/admin/services.js';
import { logoff, logon, requireSession, sessionAlive } from '../../src/admin/session.js';
import { createUser } from '../../src/admin/user-create.js';
import { resetPassword, setPassword } from '../../src/admin/user-password.js';
import { deleteUser, setUserDisabled } from '../../src/admin/user-update.js';
import { viewUser } from '../../src/admin/user-view.js';
import { testOtp } from '../../src/admin/digipass-appl.js';
import { totpAt, totpStep } from '../../src/otp/totp.js';
import { assignAuthenticator, deleteAuthenticator, unassignAuthenticator, viewAuthenticator } from '../../src/admin/digipass.js';
import { openStore, type Store } from '../../src/store/store.js';
import { readSeedFile } from '../../src/store/seed.js';
import { loadSeed } from '../../src/admin/import-seed.js';
import { fastHasher, ROOT } from '../support/engine-harness.js';

const START = Date.parse('2026-01-01T00:00:00Z');

for (const url of ['memory:', 'sqlite::memory:']) {
  describe(`admin use cases (${url})`, () => {
    let store: Store;
    let now: number;
    let svc: AdminServices;
    beforeEach(async () => {
      store = await openStore(url, { masterKey: Buffer.alloc(32, 7), clientCacheMs: 0 });
      const hasher = fastHasher();
      await loadSeed(store, readSeedFile(resolve(ROOT, 'fixtures/demo-seed.json')), hasher);
      now = START;
      let n = 0;
      svc = { store, hasher, clock: { now: () => now }, random: { bytes: (k) => Buffer.alloc(k, ++n) }, sessionLifetimeMs: 60_000 };
    });
    afterEach(() => store.close());

    it('opens a session for the administrator only, with the right password', async () => {
      expect((await logon(svc, { userId: 'admin', password: 'wrong' })).ok).to.equal(false);
      const other = await logon(svc, { userId: 'alice.static', password: 'Alice-Passw0rd' });
      expect(other.ok ? 'ok' : other.status).to.equal('PERMISSION');
      const s = await logon(svc, { userId: 'ADMIN', domain: 'Master', password: 'Admin-Passw0rd' });
      expect(s.ok).to.equal(true);
      if (!s.ok) return;
      expect(s.value.sessionId).to.match(/^[0-9a-f]{32}$/);
      expect((await sessionAlive(svc, s.value.sessionId)).ok).to.equal(true);
    });

    it('stops a session on logoff and when it expires', async () => {
      const a = await logon(svc, { userId: 'admin', password: 'Admin-Passw0rd' });
      const b = await logon(svc, { userId: 'admin', password: 'Admin-Passw0rd' });
      if (!a.ok || !b.ok) throw new Error('logon failed');
      expect((await logoff(svc, a.value.sessionId)).ok).to.equal(true);
      const again = await requireSession(svc, a.value.sessionId);
      expect(again.ok ? 'ok' : again.status).to.equal('ADMIN_SESSION_STOPPED');
      expect((await sessionAlive(svc, b.value.sessionId)).ok).to.equal(true);
      now += 60_000;
      const expired = await sessionAlive(svc, b.value.sessionId);
      expect(expired.ok ? 'ok' : expired.status).to.equal('ADMIN_SESSION_STOPPED');
    });

    it('creates a user with a hashed password and refuses a duplicate', async () => {
      const c = await createUser(svc, { userId: 'new.user', password: 'Pw-1', email: 'n@example.com' });
      expect(c.ok && c.value.email).to.equal('n@example.com');
      const dup = await createUser(svc, { userId: 'NEW.USER' });
      expect(dup.ok ? 'ok' : dup.status).to.equal('EXISTS');
      const u = await store.findUser('master', 'new.user');
      expect(await svc.hasher.verify(u!.staticPasswordHash!, 'Pw-1')).to.equal(true);
      expect(await svc.hasher.verify(u!.staticPasswordHash!, 'Pw-2')).to.equal(false);
    });

    it('sets and resets a password', async () => {
      await setPassword(svc, { userId: 'admin' }, 'Next-Passw0rd');
      expect((await logon(svc, { userId: 'admin', password: 'Admin-Passw0rd' })).ok).to.equal(false);
      expect((await logon(svc, { userId: 'admin', password: 'Next-Passw0rd' })).ok).to.equal(true);
      await resetPassword(svc, { userId: 'admin' });
      expect((await logon(svc, { userId: 'admin', password: 'Next-Passw0rd' })).ok).to.equal(false);
    });

    it('disables, enables and deletes a user; its authenticator becomes unassigned', async () => {
      await setUserDisabled(svc, { userId: 'jane.doe' }, true);
      expect((await store.findUser('master', 'jane.doe'))!.disabled).to.equal(true);
      await setUserDisabled(svc, { userId: 'jane.doe' }, false);
      expect((await store.findUser('master', 'jane.doe'))!.disabled).to.equal(false);
      expect((await deleteUser(svc, { userId: 'jane.doe' })).ok).to.equal(true);
      const gone = await viewUser(svc, { userId: 'jane.doe' });
      expect(gone.ok ? 'ok' : gone.status).to.equal('NOT_FOUND');
      expect((await store.findBySerial('VDS0000001'))!.userRef).to.equal(null);
    });

    it('tests an OTP without consuming it, and rejects a wrong one', async () => {
      const otp = totpAt(Buffer.from('12345678901234567890'), totpStep(now, 30), 6, 'SHA1');
      const before = (await store.findBySerial('VDS0000001'))!.lastStep;
      for (let i = 0; i < 2; i++) {
        const r = await testOtp(svc, 'VDS0000001', otp);
        expect(r.ok && r.value.resultCode).to.equal(0);
      }
      expect((await store.findBySerial('VDS0000001'))!.lastStep).to.equal(before);
      const wrong = await testOtp(svc, 'VDS0000001', otp === '000000' ? '111111' : '000000');
      expect(wrong.ok && wrong.value.resultCode).to.equal(1);
    });

    it('assigns, refuses a second assignment, unassigns, refuses a second unassignment, and deletes', async () => {
      const a = await assignAuthenticator(svc, 'VDS0000009', { userId: 'alice.static' }, 7);
      expect(a.ok && a.value.userId).to.equal('alice.static');
      expect((await store.findBySerial('VDS0000009'))!.graceUntil).to.equal(START + 7 * 86_400_000);
      const twice = await assignAuthenticator(svc, 'VDS0000009', { userId: 'jane.doe' });
      expect(twice.ok ? 'ok' : twice.status).to.equal('DIGIPASS_NOT_AVAILABLE');
      expect((await unassignAuthenticator(svc, 'VDS0000009')).ok).to.equal(true);
      const again = await unassignAuthenticator(svc, 'VDS0000009');
      expect(again.ok ? 'ok' : again.status).to.equal('ERROR');
      expect((await deleteAuthenticator(svc, 'VDS0000009')).ok).to.equal(true);
      const gone = await viewAuthenticator(svc, 'VDS0000009');
      expect(gone.ok ? 'ok' : gone.status).to.equal('NOT_FOUND');
    });
  });
}
