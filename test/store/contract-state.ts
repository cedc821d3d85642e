// Store contract, state (spec: flows.md §3, §4, §5, §6): compare-and-set of steps, lock state and
// pending records; clients and policies; the audit log; seed loading.
import { expect } from 'chai';
import type { AuditEntry, LockState, PendingRecord } from '../../src/engine/ports.js';
import { StoreConflictError, StoreReferenceError } from '../../src/store/errors.js';
import { DEMO_SEED_PATH, readSeedFile } from '../../src/store/seed.js';
import { loadSeed } from '../../src/admin/import-seed.js';
import { FAST_HASHER, SECRET, type Ctx } from './contract-support.js';

const lock = (lockCount: number, at: number | null = null): LockState => ({
  lockCount, locked: lockCount >= 3, lockedUntil: at, autoUnlocks: 0, lastFailure: at === null ? null : 'fp', lastFailureAt: at,
});

const pendingRecord = (key: string, expiresAt: number): PendingRecord => ({
  key, kind: 'challenge', userRef: null, authenticatorRef: null, componentType: 'SOAP Auth Client',
  createdAt: 1_700_000_000_000, expiresAt, payload: { challenge: '12345678', nested: { n: 1 } }, state: 'open',
});

const audit = (at: number, userId: string, status: AuditEntry['status'] = 'SUCCESS'): AuditEntry => ({
  at, door: 'soap', componentType: 'SOAP Auth Client', domain: 'master', userId, serialNo: 'VDS0000001',
  status, statusCode: status === 'SUCCESS' ? 0 : 1008, sourceAddress: '127.0.0.1', detail: null,
});

export function stateCases(s: Ctx): void {
  casCases(s);
  clientCases(s);
  pendingCases(s);
  auditCases(s);
  seedCases(s);
}

function casCases(s: Ctx): void {
  it('advanceStep accepts only a higher step (compare-and-set)', async () => {
    const id = await s().createAuthenticator({ serial: 'CAS1', kind: 'totp', secret: SECRET });
    expect(await s().advanceStep(id, 56_666_666, 1)).to.equal(true);
    expect(await s().advanceStep(id, 56_666_666, 0)).to.equal(false);
    expect(await s().advanceStep(id, 56_666_665, 0)).to.equal(false);
    expect(await s().findBySerial('CAS1')).to.include({ lastStep: 56_666_666, drift: 1 });
    expect(await s().advanceStep(id, 56_666_667, -2)).to.equal(true);
    expect(await s().findBySerial('CAS1')).to.include({ lastStep: 56_666_667, drift: -2 });
    expect(await s().advanceStep('no-such-id', 1, 0)).to.equal(false);
  });

  it('lets exactly one of 20 concurrent advanceStep calls to the same step win', async () => {
    const id = await s().createAuthenticator({ serial: 'CAS20', kind: 'hotp', secret: SECRET });
    const results = await Promise.all(Array.from({ length: 20 }, () => s().advanceStep(id, 7, 0)));
    expect(results.filter((r) => r)).to.have.length(1);
  });

  it('keeps every concurrent advanceStep its own answer across authenticators', async () => {
    const ids = await Promise.all(['CASM1', 'CASM2', 'CASM3'].map((serial) => s().createAuthenticator({ serial, kind: 'hotp', secret: SECRET })));
    const calls: [number, number][] = [[0, 5], [1, 3], [0, 5], [2, 1], [2, 1], [0, 5], [2, 1]];
    const results = await Promise.all(calls.map(([k, step]) => s().advanceStep(ids[k]!, step, 0)));
    const wins = (k: number) => calls.filter(([c], i) => c === k && results[i]).length;
    expect([wins(0), wins(1), wins(2)]).to.deep.equal([1, 1, 1]);
    expect(await Promise.all(['CASM1', 'CASM2', 'CASM3'].map(async (serial) => (await s().findBySerial(serial))!.lastStep))).to.deep.equal([5, 3, 1]);
  });

  it('updateLockState writes only while the lock count is unchanged', async () => {
    const uid = await s().createUser({ domain: 'master', userId: 'lock' });
    expect(await s().updateLockState(uid, 0, lock(1, 1_700_000_000_500))).to.equal(true);
    expect(await s().updateLockState(uid, 0, lock(1))).to.equal(false);
    expect(await s().findUser('master', 'lock')).to.include({ lockCount: 1, lastFailure: 'fp', lastFailureAt: 1_700_000_000_500 });
    const results = await Promise.all(Array.from({ length: 10 }, () => s().updateLockState(uid, 1, lock(2))));
    expect(results.filter((r) => r)).to.have.length(1);
    expect(await s().updateLockState(uid, 2, lock(3, 1_700_000_100_000))).to.equal(true);
    expect(await s().findUser('master', 'lock')).to.include({ lockCount: 3, locked: true, lockedUntil: 1_700_000_100_000 });
  });
}

function clientCases(s: Ctx): void {
  it('resolves a client to its policy, defaults filled in; component types are case-sensitive', async () => {
    await s().savePolicy({ name: 'P1', lockThreshold: 5, autoUnlock: { enabled: true, durationS: 60, multiplier: 2, maxUnlocks: 3 } });
    await s().saveClient('SOAP Auth Client', 'P1');
    const c = (await s().findClient('SOAP Auth Client'))!;
    expect(c.componentType).to.equal('SOAP Auth Client');
    expect(c.policy).to.include({ name: 'P1', lockThreshold: 5, challengeKeyword: 'otp', eventWindow: 20 });
    expect(c.policy.autoUnlock).to.include({ enabled: true, durationS: 60 });
    expect(await s().findClient('soap auth client')).to.equal(null);
    expect(await s().findClient('Nobody')).to.equal(null);
  });

  it('sees a policy change made through the store and refuses a client with an unknown policy', async () => {
    await s().savePolicy({ name: 'P1' });
    await s().saveClient('C', 'P1');
    expect((await s().findClient('C'))!.policy.lockThreshold).to.equal(3);
    await s().savePolicy({ name: 'P1', lockThreshold: 0 });
    expect((await s().findClient('C'))!.policy.lockThreshold).to.equal(0);
    expect(await s().saveClient('D', 'Missing').catch((e: unknown) => e)).to.be.instanceOf(StoreReferenceError);
  });
}

function pendingCases(s: Ctx): void {
  it('stores a pending record and changes its state by compare-and-set', async () => {
    await s().create(pendingRecord('k1', 1_700_000_060_000));
    expect(await s().find('k1')).to.deep.equal(pendingRecord('k1', 1_700_000_060_000));
    expect(await s().find('nope')).to.equal(null);
    expect(await s().transition('k1', 'open', 'fetched')).to.equal(true);
    expect(await s().transition('k1', 'open', 'fetched')).to.equal(false);
    expect((await s().find('k1'))!.state).to.equal('fetched');
    const wins = await Promise.all(Array.from({ length: 10 }, () => s().transition('k1', 'fetched', 'used')));
    expect(wins.filter((w) => w)).to.have.length(1);
    expect(await s().create(pendingRecord('k1', 1)).catch((e: unknown) => e)).to.be.instanceOf(StoreConflictError);
  });

  it('reads many pending records in one call and lists a user\'s records of one kind, oldest first', async () => {
    const push = (key: string, userRef: string, createdAt: number): PendingRecord => ({ ...pendingRecord(key, 9_000_000_000_000), kind: 'push', userRef, createdAt });
    await s().create(push('p2', 'user-a', 2));
    await s().create(push('p1', 'user-a', 1));
    await s().create(push('p3', 'user-b', 3));
    await s().create(pendingRecord('c1', 9_000_000_000_000));
    const keys = ['p1', 'p3', 'missing', ...Array.from({ length: 250 }, (_, i) => `none${i}`), 'c1'];
    expect((await s().findMany!(keys)).map((r) => r.key).sort()).to.deep.equal(['c1', 'p1', 'p3']);
    expect((await s().listPendingForUser!('user-a', 'push')).map((r) => r.key)).to.deep.equal(['p1', 'p2']);
    expect(await s().listPendingForUser!('user-a', 'challenge')).to.deep.equal([]);
  });

  it('purges only records that expired before the given time', async () => {
    await s().create(pendingRecord('old', 1_000));
    await s().create(pendingRecord('edge', 2_000));
    await s().create(pendingRecord('new', 3_000));
    expect(await s().purgeExpired(2_000)).to.equal(1);
    expect(await s().find('old')).to.equal(null);
    expect(await s().find('edge')).not.to.equal(null);
  });
}

function auditCases(s: Ctx): void {
  it('appends audit entries and lists them oldest first with filters', async () => {
    await s().record(audit(1_700_000_000_300, 'bob', 'OTP_REPLAY'));
    await s().record(audit(1_700_000_000_100, 'jane'));
    await s().record(audit(1_700_000_000_200, 'jane', 'OTP_REPLAY'));
    const all = await s().listAudit();
    expect(all.map((e) => e.at)).to.deep.equal([1_700_000_000_100, 1_700_000_000_200, 1_700_000_000_300]);
    expect(all[0]).to.deep.equal(audit(1_700_000_000_100, 'jane'));
    expect((await s().listAudit({ userId: 'jane' })).length).to.equal(2);
    expect((await s().listAudit({ status: 'OTP_REPLAY' })).map((e) => e.userId)).to.deep.equal(['jane', 'bob']);
    expect((await s().listAudit({ since: 1_700_000_000_200, until: 1_700_000_000_300 })).map((e) => e.at)).to.deep.equal([1_700_000_000_200]);
    expect(await s().listAudit({ limit: 1 })).to.have.length(1);
    expect((await s().listAudit({ newestFirst: true, limit: 2 })).map((e) => e.at)).to.deep.equal([1_700_000_000_300, 1_700_000_000_200]);
    expect((await s().listAudit({ userId: 'jane', newestFirst: true })).map((e) => e.at)).to.deep.equal([1_700_000_000_200, 1_700_000_000_100]);
  });
}

function seedCases(s: Ctx): void {
  it('loads the demo seed: users, authenticators, PINs, policies and clients', async () => {
    const summary = await loadSeed(s(), readSeedFile(DEMO_SEED_PATH), FAST_HASHER);
    expect(summary).to.deep.equal({ policies: 1, clients: 3, users: 10, authenticators: 10, pending: 0 });
    expect(await s().isEmpty()).to.equal(false);
    expect(await s().findBySerial('VDP0000001')).to.include({ kind: 'virtual', delivery: 'email' });
    expect(await s().findUser('master', 'olivia.otp')).to.include({ email: 'olivia.otp@example.com' });
    const jane = (await s().findUser('master', 'jane.doe'))!;
    const [a] = await s().listForUser(jane.id);
    expect(a).to.include({ serial: 'VDS0000001', kind: 'totp', digits: 6, period: 30, algorithm: 'SHA1', pinEnabled: true });
    expect(a!.secret.toString('ascii')).to.equal('12345678901234567890');
    expect(await FAST_HASHER.verify(a!.pinHash!, '1234')).to.equal(true);
    expect(await FAST_HASHER.verify(a!.pinHash!, '4321')).to.equal(false);
    const policy = (await s().findClient('SOAP Auth Client'))!.policy;
    expect(policy).to.include({ lockThreshold: 3, genericStatusCodes: false, challengeMode: 'Any Challenge', pushTimeoutS: 30 });
    expect(await s().findClient('RADIUS Client')).not.to.equal(null);
  });

  it('applies an "extends": "demo" seed over the demo records', async () => {
    await loadSeed(s(), {
      extends: 'demo',
      users: [{ userId: 'jane.doe', lockCount: 2 }, { userId: 'new.user', staticPassword: 'pw' }],
      authenticators: [{ serial: 'VDS0000001', lastStep: 56_666_666, drift: 1 }],
    }, FAST_HASHER, { source: 'case' });
    expect(await s().findUser('master', 'jane.doe')).to.include({ lockCount: 2 });
    expect(await s().findBySerial('VDS0000001')).to.include({ lastStep: 56_666_666, drift: 1, kind: 'totp' });
    expect(await s().findUser('master', 'new.user')).not.to.equal(null);
    expect(await s().findUser('master', 'carol.push')).not.to.equal(null);
  });
}
