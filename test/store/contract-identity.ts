// Store contract, identities (spec: flows.md §1): users and authenticators, case-insensitive keys,
// uniqueness, sealing at rest, bulk import.
import { expect } from 'chai';
import { StoreConflictError, StoreReferenceError } from '../../src/store/errors.js';
import { SECRET, type ContractExtras, type Ctx } from './contract-support.js';

export function identityCases(s: Ctx, extras: ContractExtras): void {
  usersCases(s);
  authenticatorCases(s, extras);
  importCases(s);
}

function usersCases(s: Ctx): void {
  it('creates a user and finds it ignoring the case of domain and user ID, keeping the spelling', async () => {
    const id = await s().createUser({ domain: 'Master', userId: 'Jane.Doe', email: 'jane@example.org' });
    const u = await s().findUser('MASTER', 'jane.DOE');
    expect(u).to.include({ id, domain: 'Master', userId: 'Jane.Doe', lockCount: 0, locked: false, disabled: false, admin: false });
    expect(u!.email).to.equal('jane@example.org');
    expect(u!.localAuth).to.equal('Default');
    expect(await s().findUser('master', 'jane.doe2')).to.equal(null);
    expect(await s().findUser('other', 'jane.doe')).to.equal(null);
  });

  it('rejects a duplicate (domain, user ID) in another case, allows the same ID in another domain', async () => {
    await s().createUser({ domain: 'master', userId: 'bob' });
    let err: unknown;
    try { await s().createUser({ domain: 'MASTER', userId: 'BOB' }); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(StoreConflictError);
    expect(await s().createUser({ domain: 'other', userId: 'bob' })).to.be.a('string');
  });

  it('keeps the user state fields and returns times as numbers', async () => {
    await s().createUser({ domain: 'm', userId: 'u', admin: true, disabled: true, locked: true, lockCount: 3,
      lockedUntil: 1_700_000_000_123, expiresAt: 4_102_444_800_000, localAuth: 'Digipass/Password', staticPasswordHash: '$argon2id$x' });
    const u = (await s().findUser('m', 'u'))!;
    expect(u).to.include({ admin: true, disabled: true, locked: true, lockCount: 3, lockedUntil: 1_700_000_000_123,
      expiresAt: 4_102_444_800_000, localAuth: 'Digipass/Password', staticPasswordHash: '$argon2id$x' });
  });

  it('keeps the back-end authentication mode: absent (null) until set, then created, updated and bulk-imported', async () => {
    const plain = await s().createUser({ domain: 'm', userId: 'plain' });
    expect((await s().findUser('m', 'plain'))!.backendAuth).to.equal(null);
    await s().updateUser(plain, { backendAuth: 'Always' });
    expect((await s().findUser('m', 'plain'))!.backendAuth).to.equal('Always');
    await s().createUser({ domain: 'm', userId: 'set', backendAuth: 'If Needed' });
    expect((await s().findUser('m', 'set'))!.backendAuth).to.equal('If Needed');
    await s().importBatch([{ user: { domain: 'm', userId: 'bulk', backendAuth: 'None' } }]);
    expect((await s().findUser('m', 'bulk'))!.backendAuth).to.equal('None');
  });

  it('replaces and clears a user\'s static password hash', async () => {
    const id = await s().createUser({ domain: 'm', userId: 'pw', staticPasswordHash: '$argon2id$old' });
    await s().setStaticPassword(id, '$argon2id$new');
    expect((await s().findUser('m', 'pw'))!.staticPasswordHash).to.equal('$argon2id$new');
    await s().setStaticPassword(id, null);
    expect((await s().findUser('m', 'pw'))!.staticPasswordHash).to.equal(null);
  });

  it('is empty until a user or an authenticator exists', async () => {
    expect(await s().isEmpty()).to.equal(true);
    await s().createAuthenticator({ serial: 'LONE1', kind: 'totp', secret: SECRET });
    expect(await s().isEmpty()).to.equal(false);
  });
}

function authenticatorCases(s: Ctx, extras: ContractExtras): void {
  it('finds a user and all of their authenticators in one lookup, as findUser and listForUser do', async () => {
    const uid = await s().createUser({ domain: 'Master', userId: 'Pair', staticPasswordHash: '$argon2id$s', lockCount: 2, email: 'pair@example.com', mobile: '+3212345678' });
    await s().createUser({ domain: 'master', userId: 'none' });
    await s().createAuthenticator({ serial: 'vds0000009', kind: 'hotp', secret: Buffer.alloc(20, 7), userRef: uid, lastStep: 41, drift: 1 });
    await s().createAuthenticator({ serial: 'VDS0000003', kind: 'totp', secret: SECRET, userRef: uid, pinHash: '$argon2id$p', graceUntil: 5 });
    await s().createAuthenticator({ serial: 'VDS0000004', kind: 'totp', secret: SECRET });
    await s().createAuthenticator({ serial: 'VIR0000001', kind: 'virtual', secret: Buffer.alloc(0), userRef: uid, delivery: 'sms', backup: true, usesRemaining: 3, enabledUntil: 9 });
    const found = await s().findUserAndAuthenticators('MASTER', 'pair');
    // Every field an authentication reads (e-mail and phone for virtual OTPs), as findUser has it (the administration fields may be left out).
    const { description: _d, backendAuth: _b, admin: _a, createdAt: _c, modifiedAt: _mod, ...read } = (await s().findUser('master', 'Pair'))!;
    expect(found!.user).to.deep.include(read);
    expect(Object.keys(read)).to.have.members(['id', 'domain', 'userId', 'disabled', 'locked', 'lockCount', 'lockedUntil', 'autoUnlocks',
      'staticPasswordHash', 'localAuth', 'expiresAt', 'lastFailure', 'lastFailureAt', 'email', 'mobile']);
    expect(found!.authenticators).to.deep.equal(await s().listForUser(uid));
    expect(found!.authenticators.map((a) => a.serial)).to.deep.equal(['VDS0000003', 'vds0000009', 'VIR0000001']);
    expect(found!.authenticators[2]).to.include({ kind: 'virtual', delivery: 'sms', backup: true, usesRemaining: 3, enabledUntil: 9 });
    expect(found!.authenticators[1]).to.include({ kind: 'hotp', lastStep: 41, drift: 1, userRef: uid });
    expect(found!.authenticators[1]!.secret).to.deep.equal(Buffer.alloc(20, 7));
    expect(await s().findUserAndAuthenticators('master', 'NONE')).to.deep.include({ authenticators: [] });
    expect(await s().findUserAndAuthenticators('master', 'nobody')).to.equal(null);
    expect(await s().findUserAndAuthenticators('other', 'pair')).to.equal(null);
  });

  it('creates authenticators, finds them by serial ignoring case and lists them per user', async () => {
    const uid = await s().createUser({ domain: 'master', userId: 'jane' });
    const other = await s().createUser({ domain: 'master', userId: 'other' });
    const id = await s().createAuthenticator({ serial: 'VDS0000001', kind: 'totp', secret: SECRET, userRef: uid, pinHash: '$argon2id$p' });
    await s().createAuthenticator({ serial: 'VDS0000002', kind: 'hotp', secret: SECRET, userRef: other });
    await s().createAuthenticator({ serial: 'VDS0000000', kind: 'ocra', secret: SECRET, userRef: uid, ocraSuite: 'OCRA-1:HOTP-SHA1-6:QN08' });
    const a = (await s().findBySerial('vds0000001'))!;
    expect(a).to.include({ id, serial: 'VDS0000001', kind: 'totp', digits: 6, algorithm: 'SHA1', period: 30, lastStep: -1,
      drift: 0, pinHash: '$argon2id$p', pinEnabled: true, pinChangeRequired: false, graceUntil: null, userRef: uid });
    expect(a.secret.equals(SECRET)).to.equal(true);
    expect((await s().listForUser(uid)).map((x) => x.serial)).to.deep.equal(['VDS0000000', 'VDS0000001']);
    expect(await s().findBySerial('VDS0000404')).to.equal(null);
  });

  it('rejects a duplicate serial in another case and an unknown user reference', async () => {
    await s().createAuthenticator({ serial: 'VDS0000001', kind: 'totp', secret: SECRET });
    const dup = await s().createAuthenticator({ serial: 'vds0000001', kind: 'totp', secret: SECRET }).catch((e: unknown) => e);
    expect(dup).to.be.instanceOf(StoreConflictError);
    const ref = await s().createAuthenticator({ serial: 'X2', kind: 'totp', secret: SECRET, userRef: 'no-such-user' }).catch((e: unknown) => e);
    expect(ref).to.be.instanceOf(StoreReferenceError);
  });

  it('sets and clears the PIN and ends the grace period', async () => {
    const id = await s().createAuthenticator({ serial: 'G1', kind: 'totp', secret: SECRET, graceUntil: 1_900_000_000_000 });
    await s().setPin(id, '$argon2id$new', false);
    expect(await s().findBySerial('G1')).to.include({ pinHash: '$argon2id$new', pinChangeRequired: false });
    await s().setPin(id, null, true);
    expect(await s().findBySerial('G1')).to.include({ pinHash: null, pinChangeRequired: true });
    await s().endGracePeriod(id);
    const g = (await s().findBySerial('G1'))!.graceUntil;
    expect(g === null || g <= 0).to.equal(true);
  });

  if (extras.readSealedSecret) {
    const read = extras.readSealedSecret;
    it('keeps secrets sealed at rest', async () => {
      await s().createAuthenticator({ serial: 'SEALED1', kind: 'totp', secret: SECRET });
      const raw = await read(s(), 'SEALED1');
      expect(raw).to.match(/^v1\./);
      for (const plain of [SECRET.toString('ascii'), SECRET.toString('hex'), SECRET.toString('base64')]) {
        expect(raw).not.to.include(plain);
      }
    });
  }
}

function importCases(s: Ctx): void {
  it('imports users with their authenticators, all or nothing', async () => {
    const row = (i: number, serial = `IMP${i}`) => ({
      user: { domain: 'master', userId: `imp${i}` },
      authenticator: { serial, kind: 'hotp' as const, secret: SECRET, pinHash: i % 2 ? '$argon2id$p' : null },
    });
    await s().importBatch([row(1), row(2)]);
    const u2 = (await s().findUser('master', 'IMP2'))!;
    expect((await s().listForUser(u2.id)).map((a) => a.serial)).to.deep.equal(['IMP2']);
    expect(await s().findBySerial('imp1')).to.include({ pinHash: '$argon2id$p', pinEnabled: true });
    const err = await s().importBatch([row(3), row(4, 'imp1')]).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(StoreConflictError);
    expect(await s().findUser('master', 'imp3')).to.equal(null);
  });
}
