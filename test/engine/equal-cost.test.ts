// User enumeration by timing (issue 16): an unknown user's answer runs the argon2id verify a known
// user's would, and no more; counted on the hasher, never timed.
import { expect } from 'chai';
import { createEngine } from '../../src/engine/authenticate.js';
import type { SecretHasher } from '../../src/engine/ports.js';
import { hashedPart } from '../../src/engine/policy/equal-cost.js';
import { logon } from '../../src/admin/session.js';
import { demoHarness, fastHasher } from '../support/engine-harness.js';

class CountingHasher implements SecretHasher {
  verifies = 0;
  private readonly inner = fastHasher();
  hash(plain: string) { return this.inner.hash(plain); }
  async verify(hash: string, plain: string) { this.verifies++; return this.inner.verify(hash, plain); }
}

async function engineWith(hasher: CountingHasher) {
  const h = await demoHarness();
  const engine = createEngine({ clock: h.clock, random: { bytes: (k: number) => Buffer.alloc(k, 1) }, users: h.store,
    authenticators: h.store, clients: h.store, pending: h.store, audit: h.store, hasher });
  return (userId: string, fields: Record<string, string> = {}) =>
    engine.authUser({ componentType: 'SOAP Auth Client', passwordFormat: 'combined', door: 'test', userId, ...fields });
}

describe('engine: unknown users cost what known users cost', () => {
  it('verifies once against a dummy hash for an unknown user presenting a static password, as for a known one', async () => {
    const hasher = new CountingHasher();
    const auth = await engineWith(hasher);
    expect((await auth('alice.static', { password: 'wrong-Passw0rd' })).status).to.equal('LOCAL_PASSWORD_MISMATCH');
    const known = hasher.verifies;
    hasher.verifies = 0;
    expect((await auth('nobody.here', { password: 'wrong-Passw0rd' })).status).to.equal('NO_USER');
    expect(hasher.verifies).to.equal(known).and.to.equal(1);
  });

  it('verifies once for an unknown user presenting PIN + OTP, and never for an OTP alone', async () => {
    const hasher = new CountingHasher();
    const auth = await engineWith(hasher);
    await auth('nobody.here', { password: '1234123456' });
    expect(hasher.verifies).to.equal(1);
    await auth('nobody.here', { password: '123456' });
    expect(hasher.verifies).to.equal(1);
  });

  it('verifies once for an unknown administrator at logon, as for a known one with a wrong password', async () => {
    const h = await demoHarness();
    const hasher = new CountingHasher();
    const svc = { store: h.store, clock: h.clock, random: { bytes: (k: number) => Buffer.alloc(k, 3) }, hasher };
    expect(await logon(svc, { userId: 'admin', password: 'wrong-Passw0rd' })).to.include({ ok: false, status: 'INVCREDENTIALS' });
    const known = hasher.verifies;
    hasher.verifies = 0;
    expect(await logon(svc, { userId: 'no.such.admin', password: 'wrong-Passw0rd' })).to.include({ ok: false, status: 'INVCREDENTIALS' });
    expect(hasher.verifies).to.equal(known).and.to.equal(1);
  });

  it('takes the static password or the PIN of the separate format', () => {
    expect(hashedPart({ passwordFormat: 'separate', staticPassword: 's3cret' } as never)).to.equal('s3cret');
    expect(hashedPart({ passwordFormat: 'separate', currentPin: '1234', response: '123456' } as never)).to.equal('1234');
    expect(hashedPart({ passwordFormat: 'separate', response: '123456' } as never)).to.equal(undefined);
    expect(hashedPart({ passwordFormat: 'combined', password: 'abc' } as never)).to.equal('abc');
    expect(hashedPart({ passwordFormat: 'combined', password: '12345678' } as never)).to.equal(undefined);
  });
});
