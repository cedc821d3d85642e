// Engine, static passwords beside authenticators (flows.md §2 local-authentication modes): the grace
// period of `Digipass/Password`, its end at the first successful OTP, `Digipass Only`, `None`,
// `DIGIPASS or Password`, and the policy default.
import { expect } from 'chai';
import type { LocalAuthMode } from '../../src/domain/model.js';
import { DEMO_SECRET, demoHarness, fastHasher, T0, type Harness } from '../support/engine-harness.js';

const PASSWORD = 'Gina-Passw0rd';
const DAY = 86_400_000;

async function addGina(h: Harness, localAuth: LocalAuthMode, graceUntil: number | null): Promise<void> {
  const userRef = await h.store.createUser({ domain: 'master', userId: 'gina', localAuth, staticPasswordHash: await fastHasher().hash(PASSWORD) });
  await h.store.createAuthenticator({ serial: 'GRC0000001', kind: 'totp', secret: DEMO_SECRET, userRef, pinEnabled: false, graceUntil });
}

describe('engine: grace period and local-authentication modes', () => {
  let h: Harness;
  beforeEach(async () => { h = await demoHarness(); });
  const gina = (password: string) => h.auth({ userId: 'gina', password });

  it('Digipass/Password: accepts the static password during the grace period, without a serial', async () => {
    await addGina(h, 'Digipass/Password', T0 + DAY);
    const o = await gina(PASSWORD);
    expect(o.status).to.equal('SUCCESS');
    expect(o.serialNo).to.equal(undefined);
    expect((await gina('wrong-password')).status).to.equal('LOCAL_PASSWORD_MISMATCH');
  });
  it('Digipass/Password: refuses the static password once the grace period is over', async () => {
    await addGina(h, 'Digipass/Password', T0 + DAY);
    h.clock.set(T0 + DAY);
    expect((await gina(PASSWORD)).status).to.equal('GRACE_PERIOD_EXPIRED');
  });
  it('Digipass/Password: the first successful OTP ends the grace period', async () => {
    await addGina(h, 'Digipass/Password', T0 + DAY);
    expect((await gina(h.totpAt())).status).to.equal('SUCCESS');
    expect((await h.store.findBySerial('GRC0000001'))!.graceUntil).to.be.at.most(T0);
    expect((await gina(PASSWORD)).status).to.equal('GRACE_PERIOD_EXPIRED');
  });
  it('Digipass/Password: without a grace period the static password is refused', async () => {
    await addGina(h, 'Digipass/Password', null);
    expect((await gina(PASSWORD)).status).to.equal('GRACE_PERIOD_EXPIRED');
  });
  it('Digipass Only: refuses the static password even during a grace period', async () => {
    await addGina(h, 'Digipass Only', T0 + DAY);
    expect((await gina(PASSWORD)).status).to.equal('GRACE_PERIOD_EXPIRED');
    expect((await gina(h.totpAt())).status).to.equal('SUCCESS');
  });
  it('None: refuses the static password as LOCALAUTH', async () => {
    await addGina(h, 'None', T0 + DAY);
    expect((await gina(PASSWORD)).status).to.equal('LOCALAUTH');
  });
  it('DIGIPASS or Password: accepts either, with or without a grace period', async () => {
    await addGina(h, 'DIGIPASS or Password', null);
    expect((await gina(PASSWORD)).status).to.equal('SUCCESS');
    expect((await gina(h.totpAt())).status).to.equal('SUCCESS');
    expect((await gina(PASSWORD)).status).to.equal('SUCCESS');
  });
  it('Default: follows the policy\'s local-authentication default', async () => {
    await addGina(h, 'Default', T0 + DAY);
    expect((await gina(PASSWORD)).status).to.equal('GRACE_PERIOD_EXPIRED');
    await h.setPolicy({ localAuthDefault: 'Digipass/Password' });
    expect((await gina(PASSWORD)).status).to.equal('SUCCESS');
  });
});
