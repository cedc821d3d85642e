// Records opened before any credential is proved are bounded (engine/decisions.ts): at most
// CHALLENGES_LIVE_PER_USER live challenges and Secure Channel requests per user, then RATE_LIMITED
// with Retry-After and nothing stored; a general challenge (no user) keeps its source's rate token.
import { expect } from 'chai';
import { createEngine } from '../../src/engine/authenticate.js';
import { CHALLENGES_LIVE_PER_USER } from '../../src/engine/decisions.js';
import { createRateLimiter } from '../../src/runtime/rate-limiter.js';
import { demoHarness, fastHasher, type Harness } from '../support/engine-harness.js';
import { getChallenge } from './challenge-helpers.js';

const B = CHALLENGES_LIVE_PER_USER;

async function liveOf(h: Harness, userId: string, kind: 'challenge' | 'secure-challenge'): Promise<number> {
  const user = await h.store.findUser('master', userId);
  const now = h.clock.now();
  return (await h.store.listPendingForUser!(user!.id, kind)).filter((r) => r.state === 'open' && r.expiresAt > now).length;
}

describe('engine: bounds on records opened before a credential is proved', () => {
  it(`issues ${B} live challenges to one user, then answers RATE_LIMITED until the oldest expires`, async () => {
    const h = await demoHarness();
    for (let i = 0; i < B; i++) expect((await getChallenge(h, { userId: 'bob.ocra' })).status).to.equal('SUCCESS');
    h.clock.advance(15_000);
    const refused = await getChallenge(h, { userId: 'bob.ocra' });
    expect(refused).to.deep.include({ status: 'RATE_LIMITED', retryAfterS: 45 });
    expect(refused.challengeKey).to.equal(undefined);
    expect(await liveOf(h, 'bob.ocra', 'challenge')).to.equal(B);
    expect((await getChallenge(h, { serialNo: 'VDS0000003' })).status, 'by serial, the same user').to.equal('RATE_LIMITED');
    h.clock.advance(45_000);
    expect((await getChallenge(h, { userId: 'bob.ocra' })).status).to.equal('SUCCESS');
    expect(await liveOf(h, 'bob.ocra', 'challenge')).to.equal(1);
  });

  it(`opens ${B} Secure Channel requests for one user, then answers RATE_LIMITED and stores nothing more`, async () => {
    const h = await demoHarness();
    const ask = () => h.engine.getSecureChallenge!({ componentType: 'SOAP Auth Client', door: 'test', userId: 'carol.push' });
    for (let i = 0; i < B; i++) expect((await ask()).status).to.equal('SUCCESS');
    const refused = await ask();
    expect(refused.status).to.equal('RATE_LIMITED');
    expect(refused.retryAfterS).to.be.above(0);
    expect(await liveOf(h, 'carol.push', 'secure-challenge')).to.equal(B);
  });

  it('lets a general challenge keep its source\'s token, while a user\'s challenge gives it back', async () => {
    const h = await demoHarness();
    const limiter = createRateLimiter({ source: { burst: 3, refillMs: 60_000 }, user: { burst: 10, refillMs: 2000 }, maxEntries: 100, monotonic: () => 0 });
    let n = 0;
    const engine = createEngine({ clock: h.clock, random: { bytes: (k) => Buffer.alloc(k, ++n % 256) }, users: h.store, authenticators: h.store,
      clients: h.store, pending: h.store, audit: h.store, hasher: fastHasher(), limiter });
    const ask = (fields: { userId?: string; sourceAddress: string }) => engine.getChallenge({ componentType: 'SOAP Auth Client', door: 'test', ...fields });
    for (let i = 0; i < 5; i++) expect((await ask({ userId: 'bob.ocra', sourceAddress: '192.0.2.1' })).status).to.equal('SUCCESS');
    const general = [];
    for (let i = 0; i < 4; i++) general.push((await ask({ sourceAddress: '192.0.2.2' })).status);
    expect(general).to.deep.equal(['SUCCESS', 'SUCCESS', 'SUCCESS', 'RATE_LIMITED']);
    expect((await ask({ userId: 'bob.ocra', sourceAddress: '192.0.2.2' })).status, 'the source is spent for every request').to.equal('RATE_LIMITED');
    expect((await ask({ sourceAddress: '192.0.2.3' })).status).to.equal('SUCCESS');
  });
});
