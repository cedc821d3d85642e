// Engine, updatePassword (soap-wire.md §4, flows.md §4): the current password must verify (wrong ones
// count toward lockout), new ≠ confirm changes nothing, success stores a new hash.
import { expect } from 'chai';
import type { PasswordChangeRequest } from '../../src/domain/request.js';
import { demoHarness, type Harness } from '../support/engine-harness.js';
import { lockCount } from './challenge-helpers.js';

describe('engine: updatePassword', () => {
  let h: Harness;
  beforeEach(async () => { h = await demoHarness(); });
  const change = (fields: Partial<PasswordChangeRequest> = {}) => h.engine.updatePassword({
    componentType: 'SOAP Auth Client', userId: 'alice.static', staticPassword: 'Alice-Passw0rd',
    newStaticPassword: 'Alice-N3w-Passw0rd', confirmStaticPassword: 'Alice-N3w-Passw0rd', door: 'test', ...fields,
  });
  const logon = (password: string) => h.auth({ userId: 'alice.static', password });

  it('stores the new password as an argon2id hash; the old one stops working', async () => {
    const o = await change();
    expect(o).to.include({ status: 'SUCCESS', userId: 'alice.static', domain: 'master' });
    const hash = (await h.store.findUser('master', 'alice.static'))!.staticPasswordHash!;
    expect(hash).to.match(/^\$argon2id\$/);
    expect((await logon('Alice-N3w-Passw0rd')).status).to.equal('SUCCESS');
    expect((await logon('Alice-Passw0rd')).status).to.equal('LOCAL_PASSWORD_MISMATCH');
  });
  it('refuses new ≠ confirm and changes nothing', async () => {
    const o = await change({ confirmStaticPassword: 'Alice-N3w-Passw0rD' });
    expect(o.status).to.equal('INVDATA');
    expect(o.detail).to.equal('the new static password and its confirmation differ');
    expect((await logon('Alice-Passw0rd')).status).to.equal('SUCCESS');
  });
  it('refuses an empty new password', async () => {
    expect((await change({ newStaticPassword: '', confirmStaticPassword: '' })).status).to.equal('INVDATA');
    expect((await logon('Alice-Passw0rd')).status).to.equal('SUCCESS');
  });
  it('refuses a wrong current password, counts it, and locks at the threshold', async () => {
    expect((await change({ staticPassword: 'wrong-1' })).status).to.equal('LOCAL_PASSWORD_MISMATCH');
    expect(await lockCount(h, 'alice.static')).to.equal(1);
    await change({ staticPassword: 'wrong-2' });
    await change({ staticPassword: 'wrong-3' });
    expect((await change()).status).to.equal('LOCKED');
    expect((await logon('Alice-Passw0rd')).status).to.equal('LOCKED');
  });
  it('resets the lock count on success', async () => {
    await change({ staticPassword: 'wrong-1' });
    expect((await change()).status).to.equal('SUCCESS');
    expect(await lockCount(h, 'alice.static')).to.equal(0);
  });
  it('refuses a user without a static password', async () => {
    expect((await change({ userId: 'jane.doe', staticPassword: '' })).status).to.equal('LOCAL_PASSWORD_MISMATCH');
  });
  it('answers NO_USER, DISABLED and NOT_FOUND like authUser', async () => {
    expect((await change({ userId: 'nobody' })).status).to.equal('NO_USER');
    expect((await change({ userId: 'dave.disabled' })).status).to.equal('DISABLED');
    expect((await change({ componentType: 'Unknown App' })).status).to.equal('NOT_FOUND');
  });
  it('masks generic statuses when the policy says so', async () => {
    await h.setPolicy({ genericStatusCodes: true });
    const o = await change({ staticPassword: 'wrong' });
    expect(o).to.include({ status: 'LOCAL_PASSWORD_MISMATCH', reported: 'INVCREDENTIALS' });
  });
  it('audits each request without any password', async () => {
    await change({ staticPassword: 'Wr0ng-Secret' });
    await change();
    const audit = await h.store.listAudit({ userId: 'alice.static' });
    expect(audit.map((e) => e.status)).to.deep.equal(['LOCAL_PASSWORD_MISMATCH', 'SUCCESS']);
    const text = JSON.stringify(audit);
    for (const secret of ['Wr0ng-Secret', 'Alice-Passw0rd', 'Alice-N3w-Passw0rd']) expect(text).not.to.include(secret);
  });
  it('passes an invalid request through to the audit unchanged', async () => {
    const o = await h.engine.updatePassword({ invalid: 'MISSINGFLD', detail: 'CREDFLD_NEW_STATIC_PASSWORD is missing', door: 'test', userId: 'alice.static' });
    expect(o.status).to.equal('MISSINGFLD');
    expect(await lockCount(h, 'alice.static')).to.equal(0);
  });
});
