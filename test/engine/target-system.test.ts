// The target system of user passwords (other-frontends.md §1): with policy targetSystem `ldap` the
// password in front of the OTP (or alone) is checked by the directory port, not the stored hash;
// a directory that does not answer is STAT_COMMS and never counts toward lockout.
import { expect } from 'chai';
import { createEngine } from '../../src/engine/authenticate.js';
import type { AuthEngine } from '../../src/engine/engine.js';
import type { PasswordDirectory } from '../../src/engine/ports.js';
import { demoHarness, fastHasher, type Harness } from '../support/engine-harness.js';

class FakeDirectory implements PasswordDirectory {
  calls: [string, string, string][] = [];
  answer: 'ok' | 'wrong' | 'unreachable' = 'ok';
  async verify(user: { domain: string; userId: string }, password: string) {
    this.calls.push([user.domain, user.userId, password]);
    return this.answer;
  }
}

describe('engine: LDAP target system for user passwords', () => {
  let h: Harness;
  let dir: FakeDirectory;
  let engine: AuthEngine;
  const auth = (userId: string, password: string) =>
    engine.authUser({ componentType: 'SOAP Auth Client', passwordFormat: 'combined', door: 'test', userId, password });
  const lockCount = async (userId: string) => (await h.store.findUser('master', userId))!.lockCount;

  beforeEach(async () => {
    h = await demoHarness();
    dir = new FakeDirectory();
    let n = 0;
    engine = createEngine({
      clock: h.clock, random: { bytes: (k) => Buffer.alloc(k, ++n) }, users: h.store, authenticators: h.store, clients: h.store,
      pending: h.store, audit: h.store, hasher: fastHasher(), directory: dir,
    });
  });

  it('user password + OTP: the directory checks the password part, bound as the user', async () => {
    await h.setPolicy({ staticPasswordWithOtp: true, targetSystem: 'ldap' });
    expect((await auth('john.smith', `Dir-Pass${h.hotpAt(0)}`)).status).to.equal('SUCCESS');
    expect(dir.calls).to.deep.equal([['master', 'john.smith', 'Dir-Pass']]);
    dir.answer = 'wrong';
    expect((await auth('john.smith', `Bad-Pass${h.hotpAt(1)}`)).status).to.equal('LOCAL_PASSWORD_MISMATCH');
    expect(await lockCount('john.smith')).to.equal(1);
  });

  it('a directory that does not answer is STAT_COMMS and does not count toward lockout', async () => {
    await h.setPolicy({ staticPasswordWithOtp: true, targetSystem: 'ldap' });
    dir.answer = 'unreachable';
    const o = await auth('john.smith', `Dir-Pass${h.hotpAt(0)}`);
    expect(o.status).to.equal('COMMS');
    expect(await lockCount('john.smith')).to.equal(0);
  });

  it('users without an authenticator: the static password goes to the directory, not the stored hash', async () => {
    await h.setPolicy({ targetSystem: 'ldap' });
    dir.answer = 'wrong';
    expect((await auth('alice.static', 'Alice-Passw0rd')).status).to.equal('LOCAL_PASSWORD_MISMATCH');
    dir.answer = 'ok';
    expect((await auth('alice.static', 'Directory-Password')).status).to.equal('SUCCESS');
    dir.answer = 'unreachable';
    expect((await auth('alice.static', 'Directory-Password')).status).to.equal('COMMS');
    expect(dir.calls.map((c) => c[2])).to.deep.equal(['Alice-Passw0rd', 'Directory-Password', 'Directory-Password']);
  });

  it('target system local (the default) never asks the directory', async () => {
    await h.setPolicy({ staticPasswordWithOtp: true });
    expect((await auth('john.smith', `Dir-Pass${h.hotpAt(0)}`)).status).to.equal('LOCAL_PASSWORD_MISMATCH');
    expect((await auth('alice.static', 'Alice-Passw0rd')).status).to.equal('SUCCESS');
    expect(dir.calls).to.have.length(0);
  });

  it('target system ldap without a directory configured is STAT_COMMS', async () => {
    engine = createEngine({
      clock: h.clock, random: { bytes: (k) => Buffer.alloc(k, 1) }, users: h.store, authenticators: h.store, clients: h.store,
      pending: h.store, audit: h.store, hasher: fastHasher(),
    });
    await h.setPolicy({ targetSystem: 'ldap' });
    expect((await auth('alice.static', 'Alice-Passw0rd')).status).to.equal('COMMS');
  });
});
