// Engine, challenge state shared between server nodes (flows.md §5 "any node can answer the second
// leg"): two engines, each with its own store connection to the same SQLite file.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthRequest } from '../../src/domain/request.js';
import { createEngine } from '../../src/engine/authenticate.js';
import type { AuthEngine } from '../../src/engine/engine.js';
import { openStore, type Store } from '../../src/store/store.js';
import { demoHarness, fastHasher, type Harness } from '../support/engine-harness.js';
import { answerOf } from './challenge-helpers.js';

describe('engine: two nodes sharing one SQLite file', function () {
  let dir: string;
  let h: Harness;
  let storeB: Store;
  let nodeB: AuthEngine;
  const bob = (fields: Partial<AuthRequest>) => ({ componentType: 'SOAP Auth Client', userId: 'bob.ocra', passwordFormat: 'combined' as const, door: 'test', ...fields });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-nodes-'));
    const url = `sqlite:${join(dir, 'cs.db')}`;
    h = await demoHarness(undefined, url);
    storeB = await openStore(url, { masterKey: Buffer.alloc(32, 7), clientCacheMs: 0 });
    const s = storeB;
    nodeB = createEngine({ clock: h.clock, random: { bytes: randomBytes }, users: s, authenticators: s, clients: s, pending: s, audit: s, hasher: fastHasher() });
  });
  afterEach(async () => {
    await storeB.close();
    await h.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers on node B a 1-step challenge issued on node A, once', async () => {
    const c = await h.engine.getChallenge({ componentType: 'SOAP Auth Client', userId: 'bob.ocra', door: 'test' });
    expect(c.status).to.equal('SUCCESS');
    const password = `1234${answerOf(c.challenge!)}`;
    expect((await nodeB.authUser(bob({ challengeKey: c.challengeKey, password }))).status).to.equal('SUCCESS');
    expect((await h.engine.authUser(bob({ challengeKey: c.challengeKey, password }))).status).to.equal('NOT_FOUND');
  });
  it('takes the second leg of a 2-step challenge on the other node', async () => {
    const c = await h.engine.authUser(bob({ password: 'otp' }));
    expect(c.status).to.equal('CHALLENGE');
    expect((await nodeB.authUser(bob({ challengeKey: c.challengeKey, password: `1234${answerOf(c.challenge!)}` }))).status).to.equal('SUCCESS');
  });
  it('lets one of 10 answers to one key, spread over both nodes, succeed', async () => {
    const c = await nodeB.getChallenge({ componentType: 'SOAP Auth Client', userId: 'bob.ocra', door: 'test' });
    const request = bob({ challengeKey: c.challengeKey, password: `1234${answerOf(c.challenge!)}` });
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? nodeB : h.engine).authUser(request)));
    expect(all.filter((o) => o.status === 'SUCCESS')).to.have.length(1);
    expect(all.filter((o) => o.status === 'NOT_FOUND')).to.have.length(9);
  });
  it('refuses a reused client challenge answered first on the other node', async () => {
    const password = `1234${answerOf('24682468')}`;
    expect((await h.engine.authUser(bob({ challenge: '24682468', password }))).status).to.equal('SUCCESS');
    expect((await nodeB.authUser(bob({ challenge: '24682468', password }))).status).to.equal('OTP_REPLAY');
  });
});
