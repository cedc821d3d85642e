// Store contract, records of issues 5 and 7 (spec: other-frontends.md §2, §4; soap-wire.md §4): API
// keys by digest, per-user reply attributes, the PIN switch, and the created/modified times of users.
import { expect } from 'chai';
import { apiKeyDigest } from '../../src/store/api-key-digest.js';
import { StoreConflictError, StoreReferenceError } from '../../src/store/errors.js';
import { DEMO_SEED_PATH, readSeedFile } from '../../src/store/seed.js';
import { loadSeed } from '../../src/admin/import-seed.js';
import { sessionKey } from '../../src/admin/session.js';
import { FAST_HASHER, SECRET, type Ctx, type TestClock } from './contract-support.js';

const T0 = 1_767_225_600_000;

export function recordCases(s: Ctx, clock: () => TestClock): void {
  apiKeyCases(s);
  replyAttributeCases(s, clock);
  userTimeCases(s, clock);
  monitoringCases(s);
  bearerKeyCases(s);
}

/** What GET /ready and the pending-push gauge read (docs/operations/monitoring.md). */
function monitoringCases(s: Ctx): void {
  it('is ready when open and migrated, and counts live push records up to the cap', async () => {
    expect(await s().checkReady()).to.deep.equal({ ok: true });
    const base = { userRef: null, authenticatorRef: null, componentType: 'SOAP Auth Client', createdAt: T0, payload: {} };
    await s().create({ ...base, key: 'p-open', kind: 'push', state: 'open', expiresAt: T0 + 60_000 });
    await s().create({ ...base, key: 'p-fetched', kind: 'push', state: 'fetched', expiresAt: T0 + 60_000 });
    await s().create({ ...base, key: 'p-expired', kind: 'push', state: 'open', expiresAt: T0 - 1 });
    await s().create({ ...base, key: 'p-used', kind: 'push', state: 'used', expiresAt: T0 + 60_000 });
    await s().create({ ...base, key: 'c-open', kind: 'challenge', state: 'open', expiresAt: T0 + 60_000 });
    expect(await s().countPendingPush(T0, 100)).to.equal(2);
    expect(await s().countPendingPush(T0, 1)).to.equal(1);
    expect(await s().countPendingPush(T0 + 60_001, 100)).to.equal(0);
    expect((await s().listOpenPush(T0, 100)).map((r) => r.key).sort()).to.deep.equal(['p-fetched', 'p-open']);
    expect(await s().listOpenPush(T0, 1)).to.have.length(1);
    expect(await s().listOpenPush(T0 + 60_001, 100)).to.deep.equal([]);
  });
}

/** Issue 16: a bearer secret is kept under its digest; the seed loader stores an admin session that way. */
function bearerKeyCases(s: Ctx): void {
  it('keeps a seeded admin session under the digest of its id, found and ended by that digest only', async () => {
    await loadSeed(s(), { users: [{ userId: 'root', admin: true }], pending: [{ key: 'c0ffee00c0ffee00c0ffee00c0ffee00', kind: 'admin-session',
      user: 'root', componentType: 'Administration Program', createdAt: T0, expiresAt: T0 + 60_000, payload: { domain: 'master', userId: 'root' } }] }, FAST_HASHER);
    const key = sessionKey('c0ffee00c0ffee00c0ffee00c0ffee00');
    expect(key).to.match(/^admin-session:[0-9a-f]{64}$/);
    expect(await s().find('c0ffee00c0ffee00c0ffee00c0ffee00')).to.equal(null);
    expect(await s().find(key)).to.deep.include({ key, kind: 'admin-session', state: 'open' });
    expect(await s().transition(key, 'open', 'used')).to.equal(true);
  });
}

function apiKeyCases(s: Ctx): void {
  it('creates, lists, finds by digest and revokes API keys; names are unique ignoring case', async () => {
    await s().createApiKey('Radius-Cloud', apiKeyDigest('k1'), T0);
    await s().createApiKey('appliance', apiKeyDigest('k2'), T0 + 1);
    expect(await s().findApiKeyByDigest(apiKeyDigest('k1'))).to.deep.equal({ name: 'Radius-Cloud', createdAt: T0, revokedAt: null });
    expect(await s().findApiKeyByDigest(apiKeyDigest('k1').toUpperCase())).to.include({ name: 'Radius-Cloud' });
    expect(await s().findApiKeyByDigest(apiKeyDigest('k3'))).to.equal(null);
    expect((await s().listApiKeys()).map((k) => k.name)).to.deep.equal(['appliance', 'Radius-Cloud']);
    const sameName = await s().createApiKey('RADIUS-cloud', apiKeyDigest('k3'), T0).catch((e: unknown) => e);
    expect(sameName).to.be.instanceOf(StoreConflictError);
    const sameKey = await s().createApiKey('other', apiKeyDigest('k2'), T0).catch((e: unknown) => e);
    expect(sameKey).to.be.instanceOf(StoreConflictError);
    expect(await s().revokeApiKey('radius-CLOUD', T0 + 5)).to.equal(true);
    expect(await s().revokeApiKey('radius-cloud', T0 + 6)).to.equal(false);
    expect(await s().revokeApiKey('nobody', T0 + 6)).to.equal(false);
    expect(await s().findApiKeyByDigest(apiKeyDigest('k1'))).to.deep.equal({ name: 'Radius-Cloud', createdAt: T0, revokedAt: T0 + 5 });
    expect(await s().listApiKeys()).to.deep.equal([
      { name: 'appliance', createdAt: T0 + 1, revokedAt: null }, { name: 'Radius-Cloud', createdAt: T0, revokedAt: T0 + 5 },
    ]);
    const reuse = await s().createApiKey('radius-cloud', apiKeyDigest('k4'), T0).catch((e: unknown) => e);
    expect(reuse).to.be.instanceOf(StoreConflictError);
  });

  it('loads the demo seed\'s API key as a digest, once', async () => {
    await loadSeed(s(), readSeedFile(DEMO_SEED_PATH), FAST_HASHER, { now: T0 });
    expect(await s().listApiKeys()).to.deep.equal([{ name: 'demo', createdAt: T0, revokedAt: null }]);
    expect(await s().findApiKeyByDigest(apiKeyDigest('demo-api-key'))).to.include({ name: 'demo' });
    expect(await s().findApiKeyByDigest(apiKeyDigest('demo-api-key2'))).to.equal(null);
  });
}

function replyAttributeCases(s: Ctx, clock: () => TestClock): void {
  it('replaces and lists a user\'s reply attributes in order, op := by default', async () => {
    const id = await s().createUser({ domain: 'master', userId: 'vlan' });
    const other = await s().createUser({ domain: 'master', userId: 'other' });
    expect(await s().listReplyAttributes(id)).to.deep.equal([]);
    await s().setReplyAttributes(id, [
      { name: 'Tunnel-Private-Group-Id', value: '101' }, { name: 'Class', value: 'staff', op: '+=' }, { name: 'Tunnel-Type', value: 'VLAN' },
    ]);
    clock().t = T0 + 7;
    await s().setReplyAttributes(other, [{ name: 'Class', value: 'guest' }]);
    expect((await s().findUserById(other))!.modifiedAt).to.equal(T0 + 7);
    expect(await s().listReplyAttributes(id)).to.deep.equal([
      { name: 'Tunnel-Private-Group-Id', value: '101', op: ':=' }, { name: 'Class', value: 'staff', op: '+=' },
      { name: 'Tunnel-Type', value: 'VLAN', op: ':=' },
    ]);
    await s().setReplyAttributes(id, [{ name: 'Session-Timeout', value: '3600', op: '=' }]);
    expect(await s().listReplyAttributes(id)).to.deep.equal([{ name: 'Session-Timeout', value: '3600', op: '=' }]);
    await s().setReplyAttributes(id, []);
    expect(await s().listReplyAttributes(id)).to.deep.equal([]);
    expect(await s().listReplyAttributes(other)).to.deep.equal([{ name: 'Class', value: 'guest', op: ':=' }]);
    const missing = await s().setReplyAttributes('no-such-user', [{ name: 'Class', value: 'x' }]).catch((e: unknown) => e);
    expect(missing).to.be.instanceOf(StoreReferenceError);
  });

  it('drops reply attributes with their user', async () => {
    const id = await s().createUser({ domain: 'master', userId: 'gone' });
    await s().setReplyAttributes(id, [{ name: 'Class', value: 'x' }]);
    await s().deleteUser(id);
    expect(await s().listReplyAttributes(id)).to.deep.equal([]);
    const again = await s().createUser({ domain: 'master', userId: 'gone' });
    expect(await s().listReplyAttributes(again)).to.deep.equal([]);
  });

  it('switches server-PIN checking on and off, keeping the PIN', async () => {
    const id = await s().createAuthenticator({ serial: 'PINSW', kind: 'totp', secret: SECRET, pinHash: '$argon2id$p' });
    await s().setPinEnabled(id, false);
    expect(await s().findBySerial('PINSW')).to.include({ pinEnabled: false, pinHash: '$argon2id$p' });
    await s().setPinEnabled(id, true);
    expect(await s().findBySerial('PINSW')).to.include({ pinEnabled: true, pinHash: '$argon2id$p' });
  });
}

function userTimeCases(s: Ctx, clock: () => TestClock): void {
  const modified = async (id: string) => (await s().findUserById(id))!.modifiedAt;

  it('stamps createdAt from the store clock and modifiedAt on administration writes only', async () => {
    const id = await s().createUser({ domain: 'master', userId: 'times' });
    expect(await s().findUserById(id)).to.include({ createdAt: T0, modifiedAt: null });
    clock().t = T0 + 1000;
    await s().updateLockState(id, 0, { lockCount: 1, locked: false, lockedUntil: null, autoUnlocks: 0, lastFailure: 'otp', lastFailureAt: T0 });
    await s().updateUser(id, {});
    expect(await modified(id)).to.equal(null);
    await s().updateUser(id, { email: 'times@example.org' });
    expect(await modified(id)).to.equal(T0 + 1000);
    clock().t = T0 + 2000;
    await s().setStaticPassword(id, '$argon2id$x');
    expect(await modified(id)).to.equal(T0 + 2000);
    clock().t = T0 + 3000;
    expect(await s().unlockUser(id, 0)).to.equal(false);
    expect(await modified(id)).to.equal(T0 + 2000);
    expect(await s().unlockUser(id, 1)).to.equal(true);
    expect(await s().findUserById(id)).to.include({ lockCount: 0, locked: false, lastFailure: null, lastFailureAt: null, modifiedAt: T0 + 3000 });
    expect((await s().findUser('master', 'times'))!.createdAt).to.equal(T0);
  });

  it('stamps modifiedAt on the users an assignment moves an authenticator between', async () => {
    const a = await s().createUser({ domain: 'master', userId: 'owner-a' });
    const b = await s().createUser({ domain: 'master', userId: 'owner-b' });
    const auth = await s().createAuthenticator({ serial: 'MOVE1', kind: 'totp', secret: SECRET });
    clock().t = T0 + 10;
    expect(await s().setAuthenticatorOwner(auth, null, a, null)).to.equal(true);
    expect([await modified(a), await modified(b)]).to.deep.equal([T0 + 10, null]);
    clock().t = T0 + 20;
    expect(await s().setAuthenticatorOwner(auth, b, a, null)).to.equal(false);
    expect(await modified(a)).to.equal(T0 + 10);
    expect(await s().setAuthenticatorOwner(auth, a, b, null)).to.equal(true);
    expect([await modified(a), await modified(b)]).to.deep.equal([T0 + 20, T0 + 20]);
  });
}
