// The RADIUS client table: exact addresses, IPv4/IPv6 CIDR with the most specific entry winning,
// IPv4-mapped IPv6 sources, defaults, and entries refused with a message naming them.
import { expect } from 'chai';
import { ClientTable, ClientTableError } from '../../../src/doors/radius/clients.js';
import { clientTable } from '../../../src/doors/radius/index.js';

describe('RADIUS client table', () => {
  const table = new ClientTable([
    { address: '10.0.0.0/8', secret: 'wide', name: 'wide' },
    { address: '10.1.0.0/16', secret: 'narrow', name: 'narrow', componentType: 'VPN', requireMessageAuthenticator: false },
    { address: '10.1.2.3', secret: 'host', name: 'host' },
    { address: '2001:db8::/32', secret: 'v6', name: 'v6' },
    { address: '::1', secret: 'loop6', name: 'loop6' },
  ], 'test');

  it('picks the most specific entry', () => {
    expect(table.find('10.1.2.3')?.name).to.equal('host');
    expect(table.find('10.1.9.9')?.name).to.equal('narrow');
    expect(table.find('10.200.0.1')?.name).to.equal('wide');
    expect(table.find('11.0.0.1')).to.equal(undefined);
  });

  it('matches IPv6 networks and IPv4-mapped IPv6 sources', () => {
    expect(table.find('2001:db8:1::5')?.name).to.equal('v6');
    expect(table.find('2001:db9::1')).to.equal(undefined);
    expect(table.find('0:0:0:0:0:0:0:1')?.name).to.equal('loop6');
    expect(table.find('::ffff:10.1.2.3')?.name).to.equal('host');
    expect(table.find('not an address')).to.equal(undefined);
  });

  it('fills defaults: component type RADIUS Client, Message-Authenticator required, name = address', () => {
    const c = new ClientTable([{ address: '127.0.0.1', secret: 's' }], 't').find('127.0.0.1')!;
    expect(c).to.deep.include({ name: '127.0.0.1', componentType: 'RADIUS Client', requireMessageAuthenticator: true });
    expect(c.secret.toString()).to.equal('s');
    expect(table.find('10.1.0.1')).to.deep.include({ componentType: 'VPN', requireMessageAuthenticator: false });
  });

  it('refuses bad entries, naming them', () => {
    const bad: [unknown, RegExp][] = [
      [{ address: '10.0.0.1' }, /test\[0\]: secret is required/],
      [{ secret: 'x' }, /address is required/],
      [{ address: '10.0.0.300', secret: 'x' }, /not an IP address/],
      [{ address: '10.0.0.0/33', secret: 'x' }, /prefix length/],
      [{ address: '10.0.0.1', secret: 'x', port: 1 }, /unknown field "port"/],
      [{ address: '10.0.0.1', secret: 'x', requireMessageAuthenticator: 'no' }, /true or false/],
      ['10.0.0.1', /must be an object/],
    ];
    for (const [entry, message] of bad) expect(() => new ClientTable([entry], 'test')).to.throw(ClientTableError, message);
  });

  it('config entries come before demo entries for the same address, and take the global Message-Authenticator default', () => {
    const t = clientTable({
      clients: [{ address: '127.0.0.1', secret: 'configured' }],
      demoClients: [{ address: '127.0.0.1', secret: 'testing123' }, { address: '127.0.0.2', secret: 'demo2' }],
      requireMessageAuthenticator: false,
    });
    expect(t.size).to.equal(2);
    expect(t.find('127.0.0.1')!.secret.toString()).to.equal('configured');
    expect(t.find('127.0.0.2')!.requireMessageAuthenticator).to.equal(false);
  });
});
