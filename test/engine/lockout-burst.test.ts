// Engine, lockout under concurrency (flows.md §4): a burst of simultaneous wrong OTPs loses no count
// (the compare-and-set on the lock count retries until it lands) and locks the user; on one node the
// user's requests take turns, so exactly the threshold of them are verified before LOCKED answers.
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
    expect(counted).to.equal(3);
  });
  it('verifies a right OTP hidden in a burst of wrong ones only if it comes before the lock', async () => {
    const h = await demoHarness();
    const right = h.hotpAt(0);
    const wrong = Array.from({ length: 30 }, (_, n) => String(200_000 + n)).filter((c) => c !== right && c !== h.hotpAt(1));
    const passwords = [...wrong.slice(0, 10), right, ...wrong.slice(10)];
    const outcomes = await Promise.all(passwords.map((password) => h.auth({ userId: 'john.smith', password })));
    expect(outcomes[10]!.status).to.equal('LOCKED');
    expect(outcomes.filter((o) => o.status === 'OTP_INCORRECT')).to.have.length(3);
  });
});
