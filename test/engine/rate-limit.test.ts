// Engine rate limits (docs/operations/rate-limits.md; issue 16 "Guessing"): a burst of wrong OTPs for
// one user from one address is answered STAT_RATE_LIMITED past the per-user burst; a limited attempt
// counts toward no lock and neither verifies nor consumes an OTP; tokens refill on the injected clock;
// successes give their token back; the source's bucket covers many user names; refusals are audited.
import { expect } from 'chai';
import { createEngine } from '../../src/engine/authenticate.js';
import type { AuthEngine } from '../../src/engine/engine.js';
import type { RateLimitEvent } from '../../src/engine/ports.js';
import { createRateLimiter } from '../../src/runtime/rate-limiter.js';
import { demoHarness, fastHasher, type Harness } from '../support/engine-harness.js';

const FROM = '192.0.2.7';

async function limitedHarness(source = { burst: 100, refillMs: 100 }, user = { burst: 10, refillMs: 2000 }) {
  const h = await demoHarness();
  let mono = 0;
  const limiter = createRateLimiter({ source, user, maxEntries: 1000, monotonic: () => mono });
  const events: RateLimitEvent[] = [];
  limiter.subscribe((e) => events.push(e));
  const s = h.store;
  let n = 0;
  const engine: AuthEngine = createEngine({
    clock: h.clock, random: { bytes: (k) => Buffer.alloc(k, ++n % 256) }, users: s, authenticators: s, clients: s, pending: s, audit: s,
    hasher: fastHasher(), limiter,
  });
  const auth = (userId: string, password: string, sourceAddress = FROM) =>
    engine.authUser({ componentType: 'SOAP Auth Client', passwordFormat: 'combined', door: 'test', userId, password, sourceAddress });
  return { h, engine, auth, events, refill: (ms: number) => { mono += ms; } };
}

function wrongCodes(h: Harness, count: number): string[] {
  const valid = new Set(Array.from({ length: 100 }, (_, c) => h.hotpAt(c)));
  return Array.from({ length: count + 100 }, (_, i) => String(300_000 + i)).filter((c) => !valid.has(c)).slice(0, count);
}

describe('engine: rate limits before the credential check', () => {
  it('answers a burst of 450 wrong OTPs for one user from one address with STAT_RATE_LIMITED past the burst of 10', async () => {
    const t = await limitedHarness();
    await t.h.setPolicy({ lockThreshold: 0 });
    const outcomes = await Promise.all(wrongCodes(t.h, 450).map((code) => t.auth('john.smith', code)));
    expect(outcomes.filter((o) => o.status === 'OTP_INCORRECT')).to.have.length(10);
    const limited = outcomes.filter((o) => o.status === 'RATE_LIMITED');
    expect(limited).to.have.length(440);
    expect(limited[0]).to.deep.include({ reported: 'RATE_LIMITED', retryAfterS: 2, detail: 'too many failed attempts for this user; retry in 2 s' });
    expect((await t.h.store.findUser('master', 'john.smith'))!.lockCount, 'only verified attempts count toward the lock').to.equal(10);
    expect(t.events).to.have.length(440);
    expect(t.events[0]).to.deep.equal({ door: 'test', scope: 'user', operation: 'authUser' });
    const audit = await t.h.store.listAudit({ status: 'RATE_LIMITED', limit: 1000 });
    expect(audit).to.have.length(440);
    expect(audit[0]).to.deep.include({ userId: 'john.smith', sourceAddress: FROM, statusCode: 1105 });
  });

  it('neither verifies nor consumes the right OTP while limited; after the refill it succeeds', async () => {
    const t = await limitedHarness(undefined, { burst: 2, refillMs: 2000 });
    for (const code of wrongCodes(t.h, 2)) expect((await t.auth('john.smith', code)).status).to.equal('OTP_INCORRECT');
    const right = t.h.hotpAt(0);
    expect((await t.auth('john.smith', right)).status).to.equal('RATE_LIMITED');
    const user = (await t.h.store.findUser('master', 'john.smith'))!;
    expect({ lockCount: user.lockCount, locked: user.locked }, 'the lock (threshold 3) was not reached').to.deep.equal({ lockCount: 2, locked: false });
    t.refill(1999);
    expect((await t.auth('john.smith', right)).status).to.equal('RATE_LIMITED');
    t.refill(1);
    expect((await t.auth('john.smith', right)).status, 'the OTP was never consumed').to.equal('SUCCESS');
    expect((await t.h.store.findUser('master', 'john.smith'))!.lockCount).to.equal(0);
  });

  it('gives the token of a success back: a user who logs in right is never limited', async () => {
    const t = await limitedHarness(undefined, { burst: 2, refillMs: 60_000 });
    for (let c = 0; c < 6; c++) expect((await t.auth('john.smith', t.h.hotpAt(c))).status, `login ${c}`).to.equal('SUCCESS');
  });

  it('limits one address across many user names (spraying), not another address', async () => {
    const t = await limitedHarness({ burst: 5, refillMs: 100 }, { burst: 10, refillMs: 2000 });
    const names = Array.from({ length: 8 }, (_, i) => `nobody${i}`);
    const outcomes = await Promise.all(names.map((u) => t.auth(u, '123456')));
    expect(outcomes.map((o) => o.status)).to.deep.equal([...Array(5).fill('NO_USER'), ...Array(3).fill('RATE_LIMITED')]);
    expect(outcomes[7]!.detail).to.equal('too many failed attempts from this address; retry in 1 s');
    expect((await t.auth('nobody0', '123456', '198.51.100.1')).status).to.equal('NO_USER');
    t.refill(100);
    expect((await t.auth('nobody9', '123456')).status).to.equal('NO_USER');
  });

  it('limits the other credential operations in the same place (updatePassword, getChallenge)', async () => {
    const t = await limitedHarness(undefined, { burst: 1, refillMs: 2000 });
    const change = () => t.engine.updatePassword({ componentType: 'SOAP Auth Client', userId: 'alice.static', staticPassword: 'wrong',
      newStaticPassword: 'N3w-Passw0rd', confirmStaticPassword: 'N3w-Passw0rd', sourceAddress: FROM, door: 'test' });
    expect((await change()).status).to.equal('LOCAL_PASSWORD_MISMATCH');
    expect((await change()).status).to.equal('RATE_LIMITED');
    const challenge = () => t.engine.getChallenge({ componentType: 'SOAP Auth Client', userId: 'alice.static', sourceAddress: FROM, door: 'test' });
    expect((await challenge()).status).to.equal('RATE_LIMITED');
    expect((await t.h.store.findUser('master', 'alice.static'))!.lockCount).to.equal(1);
  });
});
