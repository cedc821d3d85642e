// COUNTERSIGN_CONSOLE=0 (issue 21): neither the page nor its API is served, /openapi.json leaves the
// console out, and the SOAP door still answers.
import { expect } from 'chai';
import { startE2E, type E2E } from '../e2e/support.js';

describe('console turned off', function () {
  this.timeout(20_000);
  let e2e: E2E;
  before(async () => { e2e = await startE2E(undefined, { COUNTERSIGN_CONSOLE: '0' }); });
  after(async () => { await e2e?.stop(); });

  it('serves no console page, file or API route, and documents none', async () => {
    for (const path of ['console', 'console/', 'console/assets/console.css', 'console/api/session']) {
      const res = await fetch(`${e2e.url}${path}`);
      expect(res.status, path).to.not.equal(200);
      expect(await res.text(), path).to.not.include('Countersign console');
    }
    const logon = await fetch(`${e2e.url}console/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"userId":"admin","password":"Admin-Passw0rd"}' });
    expect(logon.headers.get('set-cookie')).to.equal(null);
    expect(await logon.text()).to.not.include('csrfToken');
    const doc = await (await fetch(`${e2e.url}openapi.json`)).json() as { paths: object };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/console'))).to.deep.equal([]);
    expect((await fetch(`${e2e.url}?wsdl`)).status).to.equal(200);
  });
});
