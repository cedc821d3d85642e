// DIGIPASSAPPL ENABLE_PIN / DISABLE_PIN (issue 5; flows.md §7): switching server-PIN checking changes
// what the next logon must present; enabling an authenticator without a PIN makes the next logon set
// one; a kind without a server PIN and an unknown serial are refused and nothing changes.
import { expect } from 'chai';
import { setPinChecking } from '../../src/admin/digipass-appl.js';
import type { AdminServices } from '../../src/admin/services.js';
import { demoHarness, fastHasher, type Harness } from '../support/engine-harness.js';

describe('admin: server PIN checking on and off', () => {
  let h: Harness;
  let svc: AdminServices;
  beforeEach(async () => {
    h = await demoHarness();
    svc = { store: h.store, clock: h.clock, random: { bytes: (n) => Buffer.alloc(n, 1) }, hasher: fastHasher() };
  });
  const flags = async (serial: string) => {
    const a = (await h.store.findBySerial(serial))!;
    return { pinEnabled: a.pinEnabled, hasPin: a.pinHash !== null, pinChangeRequired: a.pinChangeRequired };
  };

  it('DISABLE_PIN: the OTP alone is accepted and PIN + OTP refused; ENABLE_PIN restores the same PIN', async () => {
    expect((await setPinChecking(svc, 'VDS0000001', false)).ok).to.equal(true);
    expect(await flags('VDS0000001')).to.deep.equal({ pinEnabled: false, hasPin: true, pinChangeRequired: false });
    expect((await h.auth({ userId: 'jane.doe', password: `1234${h.totpAt()}` })).status).to.not.equal('SUCCESS');
    expect((await h.auth({ userId: 'jane.doe', password: h.totpAt() })).status).to.equal('SUCCESS');
    h.clock.advance(30_000);
    expect((await setPinChecking(svc, 'vds0000001', true)).ok).to.equal(true);
    expect((await h.auth({ userId: 'jane.doe', password: h.totpAt() })).status).to.not.equal('SUCCESS');
    h.clock.advance(30_000);
    expect((await h.auth({ userId: 'jane.doe', password: `1234${h.totpAt()}` })).status).to.equal('SUCCESS');
  });

  it('ENABLE_PIN on an authenticator without a PIN: the next logon must set one', async () => {
    expect(await flags('VDS0000002')).to.deep.equal({ pinEnabled: false, hasPin: false, pinChangeRequired: false });
    const r = await setPinChecking(svc, 'VDS0000002', true);
    expect(r.ok && r.value.serial).to.equal('VDS0000002');
    expect(await flags('VDS0000002')).to.deep.equal({ pinEnabled: true, hasPin: false, pinChangeRequired: true });
    const o = await h.auth({ userId: 'john.smith', password: `${h.hotpAt(0)}56785678` });
    expect(o.status).to.equal('SUCCESS');
    expect(await flags('VDS0000002')).to.deep.equal({ pinEnabled: true, hasPin: true, pinChangeRequired: false });
    expect((await h.auth({ userId: 'john.smith', password: `5678${h.hotpAt(1)}` })).status).to.equal('SUCCESS');
  });

  it('refuses an unknown serial, a missing serial and a kind without a server PIN, changing nothing', async () => {
    const unknown = await setPinChecking(svc, 'NOPE0001', true);
    expect(unknown.ok ? 'ok' : unknown.status).to.equal('NOT_FOUND');
    const missing = await setPinChecking(svc, undefined, true);
    expect(missing.ok ? 'ok' : missing.status).to.equal('MISSINGFLD');
    const push = (await h.store.listForUser((await h.store.findUser('master', 'carol.push'))!.id)).find((a) => a.kind === 'push')!;
    const before = await flags(push.serial);
    const refused = await setPinChecking(svc, push.serial, true);
    expect(refused.ok ? 'ok' : refused.status).to.equal('INVDATA');
    expect(await flags(push.serial)).to.deep.equal(before);
  });
});
