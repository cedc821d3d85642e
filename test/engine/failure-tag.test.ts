// Keyed failure tags (issue 16): users.last_failure must not let a reader of the store test guesses of
// the last wrong credential; the retry dedup it serves still works, and alike on nodes sharing a key.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { createEngine } from '../../src/engine/authenticate.js';
import { failureTaggerFor } from '../../src/engine/policy/failure-tag.js';
import { demoHarness, fastHasher } from '../support/engine-harness.js';

const WRONG = 'alice-passw0rd';
const unkeyed = (password: string) =>
  createHash('sha256').update([password, '', '', '', '', '', ''].map((p) => `${p}\u0000`).join('')).digest('hex');

describe('engine: keyed failure tags', () => {
  it('keeps a tag that no dictionary check of the credential finds without the key', async () => {
    const h = await demoHarness();
    expect((await h.auth({ userId: 'alice.static', password: WRONG })).status).to.equal('LOCAL_PASSWORD_MISMATCH');
    const stored = (await h.store.findUser('master', 'alice.static'))!.lastFailure!;
    expect(stored).to.match(/^[0-9a-f]{16}$/);
    const dictionary = [WRONG, 'Alice-Passw0rd', 'password', '123456'];
    for (const guess of dictionary) expect(unkeyed(guess)).to.not.include(stored);
  });

  it('derives the same tag from the same master key and another from another key', () => {
    const fp = unkeyed(WRONG);
    expect(failureTaggerFor(Buffer.alloc(32, 1))(fp)).to.equal(failureTaggerFor(Buffer.alloc(32, 1))(fp));
    expect(failureTaggerFor(Buffer.alloc(32, 1))(fp)).to.not.equal(failureTaggerFor(Buffer.alloc(32, 2))(fp));
    expect(failureTaggerFor(Buffer.alloc(32, 1))(fp)).to.not.equal(failureTaggerFor(Buffer.alloc(32, 1))(unkeyed('other')));
  });

  it('counts a retry of one wrong password once across two engines sharing the master key', async () => {
    const h = await demoHarness();
    const tags = failureTaggerFor(Buffer.alloc(32, 9));
    const ports = { clock: h.clock, random: { bytes: (k: number) => Buffer.alloc(k, 1) }, users: h.store, authenticators: h.store,
      clients: h.store, pending: h.store, audit: h.store, hasher: fastHasher(), failureTags: tags };
    const [a, b] = [createEngine(ports), createEngine(ports)];
    const req = { componentType: 'SOAP Auth Client', passwordFormat: 'combined' as const, door: 'test', userId: 'alice.static', password: WRONG };
    await a.authUser(req);
    await b.authUser(req);
    expect((await h.store.findUser('master', 'alice.static'))!.lockCount).to.equal(1);
    await b.authUser({ ...req, password: 'another-wrong' });
    expect((await h.store.findUser('master', 'alice.static'))!.lockCount).to.equal(2);
  });
});
