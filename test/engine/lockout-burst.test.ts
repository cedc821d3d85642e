// Engine, lockout under concurrency (flows.md §4): a burst of simultaneous wrong OTPs loses no count
// (the compare-and-set on the lock count retries until it lands) and locks the user.
import { expect } from 'chai';
import { demoHarness } from '../support/engine-harness.js';

describe('engine: lockout under a burst of simultaneous wrong OTPs', () => {
  it('counts every wrong OTP it answers and locks the user', async () => {
    const h = await demoHarness();
    const valid = new Set(Array.from({ length: 100 }, (_, c) => h.hotpAt(c)));
    const codes = Array.from({ length: 300 }, (_, n) => String(100_000 + n)).filter((c) => !valid.has(c)).slice(0, 40);
    const outcomes = await Promise.all(codes.map((password) => h.auth({ userId: 'john.smith', password })));
    const counted = outcomes.filter((o) => o.status === 'OTP_INCORRECT').length;
    expect(outcomes.filter((o) => o.status !== 'OTP_INCORRECT' && o.status !== 'LOCKED')).to.deep.equal([]);
    const user = (await h.store.findUser('master', 'john.smith'))!;
    expect({ locked: user.locked, lockCount: user.lockCount }).to.deep.equal({ locked: true, lockCount: counted });
    expect(counted).to.be.at.least(3);
  });
});
