// Seed loader (fixtures/seed-format.md; spec: demo-seed.md): the demo records exactly, and clear
// errors that name the record at fault.
import { expect } from 'chai';
import { MemoryStore } from '../../src/store/memory-store.js';
import { apiKeyDigest } from '../../src/store/api-key-digest.js';
import { DEMO_SEED_PATH, SeedError, readSeedFile, seedApiKeys } from '../../src/store/seed.js';
import { loadApiKeys, loadSeed } from '../../src/admin/import-seed.js';
import { FAST_HASHER } from './contract.js';

async function seedError(seed: unknown): Promise<string> {
  try {
    await loadSeed(new MemoryStore(), seed, FAST_HASHER, { source: 'case.json' });
  } catch (err) {
    expect(err).to.be.instanceOf(SeedError);
    return (err as Error).message;
  }
  throw new Error('expected a SeedError');
}

const TOTP = { serial: 'T1', kind: 'totp', secretAscii: '12345678901234567890' };

describe('store/seed: the demo data set', function () {
  let store: MemoryStore;
  before(async () => {
    store = new MemoryStore();
    await loadSeed(store, readSeedFile(DEMO_SEED_PATH), FAST_HASHER);
  });

  const serialsOf = async (userId: string) => {
    const u = await store.findUser('master', userId);
    return (await store.listForUser(u!.id)).map((a) => `${a.serial}:${a.kind}`);
  };

  it('assigns the authenticators of demo-seed.md', async () => {
    expect(await serialsOf('jane.doe')).to.deep.equal(['VDS0000001:totp']);
    expect(await serialsOf('john.smith')).to.deep.equal(['VDS0000002:hotp']);
    expect(await serialsOf('bob.ocra')).to.deep.equal(['VDS0000003:ocra']);
    expect(await serialsOf('carol.push')).to.deep.equal(['VDS0000004:push']);
    expect(await serialsOf('alice.static')).to.deep.equal([]);
    expect(await serialsOf('erin.newpin')).to.deep.equal(['VDS0000005:totp']);
    expect(await serialsOf('dave.disabled')).to.deep.equal(['VDS0000006:totp']);
    expect(await serialsOf('mallory.multi')).to.deep.equal(['VDS0000007:totp', 'VDS0000008:hotp']);
    expect(await store.findBySerial('VDS0000009')).to.include({ userRef: null, kind: 'totp' });
  });

  it('sets PINs, flags and static passwords as demo-seed.md says', async () => {
    expect(await store.findBySerial('VDS0000002')).to.include({ pinEnabled: false, pinHash: null, lastStep: -1 });
    expect(await store.findBySerial('VDS0000003')).to.include({ ocraSuite: 'OCRA-1:HOTP-SHA1-6:QN08' });
    expect(await store.findBySerial('VDS0000005')).to.include({ pinEnabled: true, pinHash: null, pinChangeRequired: true });
    expect(await store.findUser('master', 'dave.disabled')).to.include({ disabled: true });
    expect(await store.findUser('master', 'jane.doe')).to.include({ disabled: false, admin: false });
    const alice = (await store.findUser('master', 'alice.static'))!;
    expect(alice.localAuth).to.equal('DIGIPASS or Password');
    expect(await FAST_HASHER.verify(alice.staticPasswordHash!, 'Alice-Passw0rd')).to.equal(true);
    const admin = (await store.findUser('master', 'admin'))!;
    expect(admin.admin).to.equal(true);
    expect(await FAST_HASHER.verify(admin.staticPasswordHash!, 'Admin-Passw0rd')).to.equal(true);
    expect(await FAST_HASHER.verify(admin.staticPasswordHash!, 'admin-passw0rd')).to.equal(false);
    for (const serial of ['VDS0000006', 'VDS0000007', 'VDS0000008']) {
      expect(await FAST_HASHER.verify((await store.findBySerial(serial))!.pinHash!, '1234')).to.equal(true);
    }
  });

  it('registers the three demo clients with the base policy', async () => {
    for (const c of ['SOAP Auth Client', 'Administration Program', 'RADIUS Client']) {
      expect((await store.findClient(c))!.policy).to.include({ lockThreshold: 3, challengeMode: 'Any Challenge', challengeKeyword: 'otp', pushKeyword: 'push' });
    }
  });
});

describe('store/seed: validation', function () {
  it('names the record with an unknown field, a wrong type or a missing field', async () => {
    expect(await seedError({ users: [{ userId: 'a' }, { userId: 'b', lockcount: 1 }] }))
      .to.include('case.json: users[1] "master\\b": unknown field "lockcount"');
    expect(await seedError({ users: [{ userId: 'b', lockCount: -1 }] })).to.include('users[0] "master\\b": lockCount must be a non-negative integer');
    expect(await seedError({ users: [{ domain: 'master' }] })).to.include('users[0]').and.to.include('userId is required');
    expect(await seedError({ authenticators: [{ ...TOTP, kind: 'sms' }] })).to.include('authenticators[0] "t1": kind must be one of');
  });

  it('needs exactly one well-formed secret and an OCRA suite for OCRA', async () => {
    expect(await seedError({ authenticators: [{ serial: 'T1', kind: 'totp' }] })).to.include('exactly one of secretAscii, secretHex');
    expect(await seedError({ authenticators: [{ ...TOTP, secretHex: '3132' }] })).to.include('exactly one');
    expect(await seedError({ authenticators: [{ serial: 'T1', kind: 'totp', secretHex: '313' }] })).to.include('hex digits');
    expect(await seedError({ authenticators: [{ serial: 'T1', kind: 'totp', secretHex: '3132' }] })).to.include('"t1": the secret is shorter than 10 bytes');
    expect(await seedError({ authenticators: [{ ...TOTP, digits: 9 }] })).to.include('digits must be 6, 7 or 8');
    expect(await seedError({ authenticators: [{ ...TOTP, kind: 'ocra' }] })).to.include('needs ocraSuite');
  });

  it('refuses duplicates, unknown references and unknown keys', async () => {
    expect(await seedError({ users: [{ userId: 'A' }, { userId: 'a' }] })).to.include('users[1] "master\\a": appears twice');
    expect(await seedError({ authenticators: [{ ...TOTP, user: 'ghost' }] })).to.include('"t1": user "ghost" in domain "master" does not exist');
    expect(await seedError({ clients: [{ componentType: 'X', policy: 'Nope' }] })).to.include('clients[0] "X": client "X": no policy named "Nope"');
    expect(await seedError({ userz: [] })).to.include('unknown top-level key "userz"');
    expect(await seedError({ extends: 'other' })).to.include('"extends" may only be "demo"');
    expect(await seedError([])).to.include('must be a JSON object');
  });

  it('checks policy settings against the policy defaults', async () => {
    expect(await seedError({ policies: [{ name: 'P', lockTreshold: 3 }] })).to.include('policies[0] "P": unknown policy setting "lockTreshold"');
    expect(await seedError({ policies: [{ name: 'P', lockThreshold: '3' }] })).to.include('lockThreshold must be a number');
    expect(await seedError({ policies: [{ name: 'P', challengeMode: 'Sometimes' }] })).to.include('challengeMode must be one of');
    expect(await seedError({ policies: [{ name: 'P', autoUnlock: { enabled: 'yes' } }] })).to.include('autoUnlock.enabled must be a boolean');
  });

  it('reports an unreadable or malformed seed file by its path', () => {
    expect(() => readSeedFile('/nonexistent/seed.json')).to.throw(SeedError, '/nonexistent/seed.json');
  });

  it('loads a seed that reuses demo records with new state and replaces a secret', async () => {
    const store = new MemoryStore();
    await loadSeed(store, {
      extends: 'demo',
      users: [{ userId: 'JANE.DOE', locked: true, lockCount: 3 }],
      authenticators: [{ serial: 'VDS0000002', secretHex: '00ff'.repeat(5), lastStep: 9 }],
    }, FAST_HASHER);
    expect(await store.findUser('master', 'jane.doe')).to.include({ userId: 'JANE.DOE', locked: true, lockCount: 3 });
    const hotp = (await store.findBySerial('VDS0000002'))!;
    expect(hotp.secret.toString('hex')).to.equal('00ff'.repeat(5));
    expect(hotp).to.include({ lastStep: 9, kind: 'hotp' });
  });

  it('writes pending records with user and authenticator references, state open by default', async () => {
    const store = new MemoryStore();
    const summary = await loadSeed(store, {
      extends: 'demo',
      pending: [
        { key: 'k-bob', user: 'bob.ocra', serial: 'VDS0000003', componentType: 'SOAP Auth Client', createdAt: 1000, expiresAt: 61_000,
          payload: { challenge: '12345678', purpose: '1-step' } },
        { key: 'k-general', user: null, componentType: 'SOAP Auth Client', createdAt: 1000, expiresAt: 61_000, state: 'used' },
      ],
    }, FAST_HASHER);
    expect(summary.pending).to.equal(2);
    const bob = (await store.findUser('master', 'bob.ocra'))!;
    const ocra = (await store.findBySerial('VDS0000003'))!;
    expect(await store.find('k-bob')).to.deep.include({
      kind: 'challenge', userRef: bob.id, authenticatorRef: ocra.id, createdAt: 1000, expiresAt: 61_000, state: 'open',
      payload: { challenge: '12345678', purpose: '1-step' },
    });
    expect(await store.find('k-general')).to.deep.include({ userRef: null, authenticatorRef: null, state: 'used', payload: {} });
    expect(await store.find('k-other')).to.equal(null);
  });

  it('refuses pending records with unknown references, bad times, states or payloads', async () => {
    const ok = { key: 'k', componentType: 'SOAP Auth Client', createdAt: 0, expiresAt: 60_000 };
    expect(await seedError({ pending: [{ ...ok, user: 'ghost' }] })).to.include('pending[0] "k": user "ghost" in domain "master" does not exist');
    expect(await seedError({ extends: 'demo', pending: [{ ...ok, serial: 'NOPE' }] })).to.include('pending[0] "k": authenticator "NOPE" does not exist');
    expect(await seedError({ pending: [{ ...ok, expiresAt: null }] })).to.include('expiresAt must be epoch milliseconds');
    expect(await seedError({ pending: [{ ...ok, createdAt: 70_000 }] })).to.include('createdAt is after expiresAt');
    expect(await seedError({ pending: [{ ...ok, state: 'pending' }] })).to.include('state must be one of');
    expect(await seedError({ pending: [{ ...ok, payload: [] }] })).to.include('payload must be a JSON object');
    expect(await seedError({ pending: [{ key: 'k', componentType: 'X', expiresAt: 1 }] })).to.include('createdAt is required');
    expect(await seedError({ pending: [ok, ok] })).to.include('pending[1] "k": appears twice');
  });
});

describe('store/seed: reply attributes and API keys', function () {
  it('writes a user\'s reply attributes in order, op := unless given', async () => {
    const store = new MemoryStore();
    await loadSeed(store, { users: [{ userId: 'vpn', replyAttributes: [{ name: 'Tunnel-Private-Group-Id', value: '101' }, { name: 'Class', value: 'x', op: '+=' }] }] }, FAST_HASHER);
    const u = (await store.findUser('master', 'vpn'))!;
    expect(await store.listReplyAttributes(u.id)).to.deep.equal([
      { name: 'Tunnel-Private-Group-Id', value: '101', op: ':=' }, { name: 'Class', value: 'x', op: '+=' },
    ]);
  });

  it('refuses malformed reply attributes and API keys, naming them', async () => {
    expect(await seedError({ users: [{ userId: 'u', replyAttributes: {} }] })).to.include('replyAttributes must be an array');
    expect(await seedError({ users: [{ userId: 'u', replyAttributes: [{ name: 'Class' }] }] })).to.include('replyAttributes[0]: value is required');
    expect(await seedError({ users: [{ userId: 'u', replyAttributes: [{ name: 'Class', value: 'x', op: '==' }] }] })).to.include('op must be one of');
    expect(await seedError({ apiKeys: [{ description: 'no key' }] })).to.include('case.json: apiKeys[0]: key is required');
    expect(await seedError({ apiKeys: {} })).to.include('"apiKeys" must be an array');
  });

  it('adds seed API keys idempotently and never brings back a revoked one', async () => {
    const store = new MemoryStore();
    const keys = seedApiKeys({ apiKeys: [{ key: 'k-one' }, { key: 'k-two', name: 'second' }] });
    expect(await loadApiKeys(store, keys, 5)).to.equal(2);
    expect(await loadApiKeys(store, keys, 6)).to.equal(0);
    expect(await store.listApiKeys()).to.deep.equal([{ name: 'demo', createdAt: 5, revokedAt: null }, { name: 'second', createdAt: 5, revokedAt: null }]);
    await store.revokeApiKey('demo', 7);
    expect(await loadApiKeys(store, keys, 8)).to.equal(0);
    expect(await store.findApiKeyByDigest(apiKeyDigest('k-one'))).to.include({ revokedAt: 7 });
  });
});
