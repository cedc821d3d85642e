// Store contract, administration of policies, client components and RADIUS clients (issue 17): list,
// show, delete with references checked, RADIUS clients by address with their secret sealed at rest.
import { expect } from 'chai';
import { StoreReferenceError } from '../../src/store/errors.js';
import type { ContractExtras, Ctx } from './contract-support.js';

const radius = (address: string, componentType = 'RADIUS Client', secret = 's3cret-radius') =>
  ({ address, componentType, secret: Buffer.from(secret), name: null, requireMessageAuthenticator: null });

export function clientAdminCases(s: Ctx, extras: ContractExtras): void {
  it('lists, finds and deletes policies; a policy in use by a client is not deleted', async () => {
    await s().savePolicy({ name: 'Zeta', lockThreshold: 7 });
    await s().savePolicy({ name: 'Alpha', autoUnlock: { enabled: true, durationS: 60, multiplier: 2, maxUnlocks: 3 } });
    expect((await s().listPolicies()).map((p) => p.name)).to.deep.equal(['Alpha', 'Zeta']);
    expect(await s().findPolicy('Zeta')).to.deep.equal({ name: 'Zeta', lockThreshold: 7 });
    expect(await s().findPolicy('zeta')).to.equal(null);
    await s().saveClient('SOAP Auth Client', 'Zeta');
    expect(await s().deletePolicy('Zeta').catch((e: unknown) => e)).to.be.instanceOf(StoreReferenceError);
    expect(await s().findPolicy('Zeta')).to.not.equal(null);
    expect(await s().deletePolicy('Alpha')).to.equal(true);
    expect(await s().deletePolicy('Alpha')).to.equal(false);
    expect((await s().listPolicies()).map((p) => p.name)).to.deep.equal(['Zeta']);
  });

  it('lists and deletes client components; a deleted component is no longer found', async () => {
    await s().savePolicy({ name: 'P' });
    await s().saveClient('b client', 'P');
    await s().saveClient('A client', 'P');
    expect(await s().listClients()).to.deep.equal([{ componentType: 'A client', policyName: 'P' }, { componentType: 'b client', policyName: 'P' }]);
    expect(await s().findClient('A client')).to.not.equal(null);
    expect(await s().deleteClient('A client')).to.equal(true);
    expect(await s().deleteClient('A client')).to.equal(false);
    expect(await s().findClient('A client')).to.equal(null);
    expect(await s().deletePolicy('P').catch((e: unknown) => e)).to.be.instanceOf(StoreReferenceError);
  });

  it('keeps RADIUS clients by address, replaces one on save, deletes them with their component', async () => {
    await s().savePolicy({ name: 'P' });
    expect(await s().saveRadiusClient(radius('10.0.0.1')).catch((e: unknown) => e)).to.be.instanceOf(StoreReferenceError);
    await s().saveClient('RADIUS Client', 'P');
    await s().saveClient('VPN', 'P');
    await s().saveRadiusClient(radius('10.0.0.1'));
    await s().saveRadiusClient({ ...radius('192.168.0.0/16', 'VPN', 'other'), name: 'vpn', requireMessageAuthenticator: false });
    await s().saveRadiusClient(radius('10.0.0.1', 'RADIUS Client', 'changed'));
    const all = await s().listRadiusClients();
    expect(all.map((c) => [c.address, c.componentType, c.secret.toString(), c.name, c.requireMessageAuthenticator])).to.deep.equal([
      ['10.0.0.1', 'RADIUS Client', 'changed', null, null], ['192.168.0.0/16', 'VPN', 'other', 'vpn', false]]);
    expect(await s().deleteRadiusClient('10.0.0.1')).to.equal(true);
    expect(await s().deleteRadiusClient('10.0.0.1')).to.equal(false);
    await s().deleteClient('VPN');
    expect(await s().listRadiusClients()).to.deep.equal([]);
  });

  if (extras.readRadiusSecretColumn) {
    it('stores a RADIUS shared secret sealed, never in clear', async () => {
      await s().savePolicy({ name: 'P' });
      await s().saveClient('RADIUS Client', 'P');
      await s().saveRadiusClient(radius('127.0.0.1', 'RADIUS Client', 'plain-shared-secret'));
      const column = await extras.readRadiusSecretColumn!(s(), '127.0.0.1');
      expect(column).to.be.a('string').and.not.include('plain-shared-secret');
      expect(column).to.not.include(Buffer.from('plain-shared-secret').toString('base64'));
      expect(column).to.not.include(Buffer.from('plain-shared-secret').toString('hex'));
    });
  }
}
