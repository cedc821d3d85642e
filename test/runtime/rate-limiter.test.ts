// The in-process token buckets (docs/operations/rate-limits.md): burst, refill on an injected monotonic
// clock (no timing), giving tokens back, both scopes at once, IPv6 by /64, a bounded table, scope off.
import { expect } from 'chai';
import type { Admission } from '../../src/engine/ports.js';
import { loadConfig } from '../../src/config/load.js';
import { createRateLimiter, sourceKey } from '../../src/runtime/rate-limiter.js';

function limiter(source = { burst: 5, refillMs: 100 }, user = { burst: 3, refillMs: 2000 }, maxEntries = 1000) {
  let now = 0;
  const l = createRateLimiter({ source, user, maxEntries, monotonic: () => now });
  return { l, advance: (ms: number) => { now += ms; } };
}

const admitted = (a: Admission): boolean => a.admitted;

describe('rate limiter (token buckets)', () => {
  it('admits a burst per user, then refuses with the wait until one token refills', () => {
    const { l, advance } = limiter();
    const first = [1, 2, 3].map(() => l.admit({ user: 'master\0john' }));
    expect(first.every(admitted)).to.equal(true);
    const refused = l.admit({ user: 'master\0john' });
    expect(refused).to.deep.equal({ admitted: false, scope: 'user', retryAfterMs: 2000 });
    expect(admitted(l.admit({ user: 'master\0jane' })), 'another user has its own bucket').to.equal(true);
    advance(1500);
    expect(l.admit({ user: 'master\0john' })).to.deep.equal({ admitted: false, scope: 'user', retryAfterMs: 500 });
    advance(500);
    expect(admitted(l.admit({ user: 'master\0john' })), 'one token refilled').to.equal(true);
    expect(admitted(l.admit({ user: 'master\0john' }))).to.equal(false);
  });

  it('gives tokens back once, never above the burst', () => {
    const { l } = limiter();
    const a = l.admit({ user: 'u' });
    for (let i = 0; i < 2; i++) expect(admitted(l.admit({ user: 'u' }))).to.equal(true);
    expect(admitted(l.admit({ user: 'u' }))).to.equal(false);
    if (!a.admitted) throw new Error('first was admitted');
    a.giveBack();
    a.giveBack();
    expect(admitted(l.admit({ user: 'u' })), 'the one token given back').to.equal(true);
    expect(admitted(l.admit({ user: 'u' })), 'a second give-back changed nothing').to.equal(false);
  });

  it('takes from source and user together, and nothing when either refuses', () => {
    const { l } = limiter({ burst: 2, refillMs: 100 }, { burst: 10, refillMs: 100 });
    expect(admitted(l.admit({ source: '192.0.2.1', user: 'a' }))).to.equal(true);
    expect(admitted(l.admit({ source: '192.0.2.1', user: 'b' }))).to.equal(true);
    const third = l.admit({ source: '192.0.2.1', user: 'c' });
    expect(third).to.deep.include({ admitted: false, scope: 'source' });
    expect(admitted(l.admit({ source: '192.0.2.2', user: 'c' })), 'user c lost no token to the refused attempt').to.equal(true);
    expect(admitted(l.admit({ source: '::ffff:192.0.2.1' })), 'an IPv4-mapped address is the same source').to.equal(false);
  });

  it('keys IPv6 sources by their /64', () => {
    expect(sourceKey('2001:db8:1:2:aaaa::1')).to.equal('2001:db8:1:2::/64');
    expect(sourceKey('2001:DB8:1:2:ffff:ffff:ffff:ffff')).to.equal('2001:db8:1:2::/64');
    expect(sourceKey('::1')).to.equal('0:0:0:0::/64');
    expect(sourceKey('fe80::1%eth0')).to.equal('fe80:0:0:0::/64');
    expect(sourceKey('::ffff:10.0.0.1')).to.equal('10.0.0.1');
    const { l } = limiter({ burst: 1, refillMs: 100 });
    expect(admitted(l.admit({ source: '2001:db8:1:2::1' }))).to.equal(true);
    expect(admitted(l.admit({ source: '2001:db8:1:2::2' })), 'same /64').to.equal(false);
    expect(admitted(l.admit({ source: '2001:db8:1:3::1' })), 'another /64').to.equal(true);
  });

  it('tracks at most maxEntries keys per scope, the least recently seen leaving first', () => {
    const { l } = limiter(undefined, { burst: 1, refillMs: 1000 }, 100);
    expect(admitted(l.admit({ user: 'target' }))).to.equal(true);
    for (let i = 0; i < 99; i++) l.admit({ user: `other${i}` });
    expect(admitted(l.admit({ user: 'target' })), 'still tracked, still empty').to.equal(false);
    for (let i = 99; i < 300; i++) l.admit({ user: `other${i}` });
    expect(l.tracked.user).to.equal(100);
    const long = 'x'.repeat(60_000);
    expect(admitted(l.admit({ user: long }))).to.equal(true);
    expect(admitted(l.admit({ user: long })), 'a long name keeps one bucket (kept as a digest)').to.equal(false);
    expect(admitted(l.admit({ user: `${long}y` }))).to.equal(true);
  });

  it('leaves exempt sources (addresses, CIDR blocks) out of the per-source bucket, not out of the per-user one', () => {
    const l = createRateLimiter({ source: { burst: 1, refillMs: 100 }, user: { burst: 2, refillMs: 100 }, maxEntries: 100,
      sourceExempt: ['10.0.0.0/24', '2001:db8::7'], monotonic: () => 0 });
    for (let i = 0; i < 20; i++) expect(admitted(l.admit({ source: '10.0.0.9', user: `u${i}` })), `gateway user ${i}`).to.equal(true);
    expect(admitted(l.admit({ source: '::ffff:10.0.0.9', user: 'v' }))).to.equal(true);
    expect(admitted(l.admit({ source: '2001:db8::7', user: 'w' }))).to.equal(true);
    expect(admitted(l.admit({ source: '10.0.0.9', user: 'u0' }))).to.equal(true);
    expect(l.admit({ source: '10.0.0.9', user: 'u0' }), 'the per-user bucket still applies').to.deep.include({ admitted: false, scope: 'user' });
    expect(admitted(l.admit({ source: '10.0.1.1', user: 'x' }))).to.equal(true);
    expect(l.admit({ source: '10.0.1.1', user: 'y' })).to.deep.include({ admitted: false, scope: 'source' });
    expect(() => loadConfig({ COUNTERSIGN_RATE_LIMIT_SOURCE_EXEMPT: '10.0.0.0/33' })).to.throw(/COUNTERSIGN_RATE_LIMIT_SOURCE_EXEMPT.*10\.0\.0\.0\/33/);
    expect(() => loadConfig({ COUNTERSIGN_RATE_LIMIT_SOURCE_EXEMPT: 'gateway.example' })).to.throw(/not an IP address/);
    expect(loadConfig({ COUNTERSIGN_RATE_LIMIT_SOURCE_EXEMPT: '10.0.0.5, 192.0.2.0/24' }).rateLimitSourceExempt).to.deep.equal(['10.0.0.5', '192.0.2.0/24']);
    expect(loadConfig({}).rateLimitSourceExempt).to.deep.equal([]);
  });

  it('does not limit a scope whose burst is 0, and reports refusals to subscribers', () => {
    const { l } = limiter({ burst: 0, refillMs: 100 }, { burst: 1, refillMs: 100 });
    for (let i = 0; i < 50; i++) expect(admitted(l.admit({ source: '192.0.2.9', user: `u${i}` }))).to.equal(true);
    const seen: unknown[] = [];
    const stop = l.subscribe((e) => seen.push(e));
    l.report({ door: 'radius', scope: 'user', operation: 'authUser' });
    stop();
    l.report({ door: 'radius', scope: 'user', operation: 'authUser' });
    expect(seen).to.deep.equal([{ door: 'radius', scope: 'user', operation: 'authUser' }]);
  });
});
