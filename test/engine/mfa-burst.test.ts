// MFA password login under a burst (other-frontends.md §3, flows.md §4): parallel wrong passwords for
// one user are checked one after another, so exactly the threshold are verified, and they take the same
// turns as authUser (one gate per process).
import { expect } from 'chai';
import { createEngine } from '../../src/engine/authenticate.js';
import { createMfaEngine } from '../../src/engine/mfa.js';
import { createUserGate } from '../../src/engine/user-gate.js';
import { demoHarness, fastHasher } from '../support/engine-harness.js';

describe('engine: MFA password login under a burst of wrong passwords', () => {
  it('verifies exactly the threshold, across MFA logins and authUser calls of the same user', async () => {
    const h = await demoHarness();
    const ports = { clock: h.clock, random: { bytes: (n: number) => Buffer.alloc(n, 3) }, users: h.store, authenticators: h.store,
      clients: h.store, pending: h.store, audit: h.store, hasher: fastHasher(), turns: createUserGate() };
    const mfa = createMfaEngine(ports, h.store);
    const engine = createEngine(ports);
    const common = { componentType: 'SOAP Auth Client', userId: 'alice.static', door: 'test' };
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 === 0
      ? mfa.passwordLogin({ ...common, password: `wrong-${i}` })
      : engine.authUser({ ...common, passwordFormat: 'combined', password: `wrong-${i}` })));
    const statuses = (await Promise.all(calls)).map((o) => o.status);
    expect(statuses.filter((s) => s === 'LOCAL_PASSWORD_MISMATCH')).to.have.length(3);
    expect(statuses.filter((s) => s !== 'LOCAL_PASSWORD_MISMATCH' && s !== 'LOCKED')).to.deep.equal([]);
    const user = (await h.store.findUser('master', 'alice.static'))!;
    expect({ lockCount: user.lockCount, locked: user.locked }).to.deep.equal({ lockCount: 3, locked: true });
  });
});
