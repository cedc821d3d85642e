// argon2id SecretHasher (spec: flows.md §1 PIN/static password hashing): OWASP defaults, configurable.
import { expect } from 'chai';
import argon2lib from 'argon2';
import { ARGON2_CONCURRENCY, Argon2Hasher } from '../../src/store/hasher.js';

/** The parameter segment of a PHC string ("m=19456,p=1,t=2") as a record. */
function params(hash: string): Record<string, number> {
  const segment = hash.split('$')[3] ?? '';
  return Object.fromEntries(segment.split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
}

describe('store/hasher', function () {
  it('hashes with argon2id at the OWASP parameters by default and verifies only the right secret', async () => {
    const h = new Argon2Hasher();
    const hash = await h.hash('1234');
    expect(hash).to.match(/^\$argon2id\$v=19\$/);
    expect(params(hash)).to.deep.equal({ m: 19456, t: 2, p: 1 });
    expect(await h.verify(hash, '1234')).to.equal(true);
    expect(await h.verify(hash, '1235')).to.equal(false);
    expect(await h.hash('1234')).not.to.equal(hash);
  });

  it('takes its parameters from the constructor and refuses a stored value that is not argon2', async () => {
    const h = new Argon2Hasher({ memoryCost: 1024, timeCost: 1 });
    expect(params(await h.hash('pw'))).to.deep.equal({ m: 1024, t: 1, p: 1 });
    let err: unknown;
    try { await h.verify('plain-text', 'plain-text'); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(Error);
  });
});

describe('store/hasher: concurrency', () => {
  it('runs at most ARGON2_CONCURRENCY argon2 computations at once and answers every caller', async () => {
    const real = argon2lib.verify;
    let running = 0;
    let peak = 0;
    (argon2lib as { verify: unknown }).verify = async () => {
      running++; peak = Math.max(peak, running);
      await new Promise((ok) => setTimeout(ok, 5));
      running--;
      return true;
    };
    try {
      const hasher = new Argon2Hasher();
      const answers = await Promise.all(Array.from({ length: ARGON2_CONCURRENCY * 3 + 1 }, () => hasher.verify('$argon2id$x', 'pin')));
      expect(answers.every(Boolean)).to.equal(true);
      expect(peak).to.equal(ARGON2_CONCURRENCY);
    } finally {
      (argon2lib as { verify: unknown }).verify = real;
    }
  });
});
