// The RADIUS door's client table from the store (issue 17): a RADIUS client created in the store after
// the door started is served after the next refresh (no restart); COUNTERSIGN_RADIUS_CLIENTS wins for the
// same address; a failed refresh keeps the previous table and warns.
import { expect } from 'chai';
import { LiveClients, clientTable } from '../../../src/doors/radius/index.js';
import { MemoryStore } from '../../../src/store/memory-store.js';

describe('RADIUS door: clients from the store', () => {
  const cfg = { clients: [{ address: '192.0.2.1', secret: 'from-env', componentType: 'Env NAS' }], demoClients: [], requireMessageAuthenticator: true };

  it('serves a store RADIUS client added after the start, once refreshed; the environment wins for its address', async () => {
    const store = new MemoryStore();
    await store.savePolicy({ name: 'P' });
    await store.saveClient('VPN', 'P');
    const warnings: string[] = [];
    const live = await LiveClients.start(() => store.listRadiusClients(), (stored) => clientTable(cfg, stored), (m) => warnings.push(m), 0);
    expect(live.find('10.0.0.5')).to.equal(undefined);
    await store.saveRadiusClient({ address: '10.0.0.0/24', componentType: 'VPN', secret: Buffer.from('store-secret'), name: null, requireMessageAuthenticator: false });
    await store.saveRadiusClient({ address: '192.0.2.1', componentType: 'VPN', secret: Buffer.from('store-other'), name: 'x', requireMessageAuthenticator: null });
    expect(live.find('10.0.0.5')).to.equal(undefined);
    await live.refresh();
    const c = live.find('10.0.0.5')!;
    expect([c.componentType, c.secret.toString(), c.requireMessageAuthenticator]).to.deep.equal(['VPN', 'store-secret', false]);
    expect(live.find('192.0.2.1')!.secret.toString()).to.equal('from-env');
    await store.deleteClient('VPN');
    await live.refresh();
    expect(live.find('10.0.0.5')).to.equal(undefined);
    expect(warnings).to.deep.equal([]);
  });

  it('keeps the previous table and warns when the store cannot be read', async () => {
    let fail = false;
    const rows = [{ address: '10.9.9.9', componentType: 'VPN', secret: Buffer.from('s'), name: null, requireMessageAuthenticator: null }];
    const warnings: string[] = [];
    const live = await LiveClients.start(async () => { if (fail) throw new Error('store down'); return rows; }, (s) => clientTable(cfg, s), (m) => warnings.push(m), 0);
    fail = true;
    await live.refresh();
    expect(live.find('10.9.9.9')?.componentType).to.equal('VPN');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('store down');
  });
});
