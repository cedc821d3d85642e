// What serve says about its listener (src/runtime/banner.ts): the bound address as it is, and the
// warnings for demo data or plain HTTP on a non-loopback address (none on loopback, none with TLS).
import { expect } from 'chai';
import { boundUrl, exposureWarnings, isLoopback, wildcardNote } from '../../src/runtime/banner.js';

describe('runtime/banner', () => {
  it('tells loopback addresses from the others', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) expect(isLoopback(h), h).to.equal(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.10', 'example.org', '128.0.0.1']) expect(isLoopback(h), h).to.equal(false);
  });

  it('shows the address actually bound: 0.0.0.0 stays 0.0.0.0, IPv6 in brackets', () => {
    expect(boundUrl({ address: '0.0.0.0', family: 'IPv4', port: 8888 }, false)).to.equal('http://0.0.0.0:8888/');
    expect(wildcardNote('0.0.0.0')).to.equal(' (all IPv4 interfaces)');
    expect(boundUrl({ address: '::1', family: 'IPv6', port: 8443 }, true)).to.equal('https://[::1]:8443/');
    expect(wildcardNote('127.0.0.1')).to.equal('');
  });

  it('warns about published demo credentials and about clear text, only off loopback', () => {
    expect(exposureWarnings({ httpHost: '127.0.0.1', tls: false, demoPresent: true })).to.deep.equal([]);
    const demo = exposureWarnings({ httpHost: '0.0.0.0', tls: true, demoPresent: true });
    expect(demo).to.have.length(1);
    expect(demo[0]).to.match(/demo administrator's password/).and.match(/API key/).and.match(/0\.0\.0\.0/);
    const clear = exposureWarnings({ httpHost: '10.0.0.5', tls: false, demoPresent: false });
    expect(clear).to.have.length(1);
    expect(clear[0]).to.match(/PINs, OTPs and administrator passwords cross the network in clear/).and.match(/COUNTERSIGN_TLS_KEY_FILE/);
    expect(exposureWarnings({ httpHost: '10.0.0.5', tls: true, demoPresent: false })).to.deep.equal([]);
  });
});
