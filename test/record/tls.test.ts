// The recording proxy in front of an https upstream (issue 9): refused unless its CA is trusted (--ca),
// then forwarded and recorded. test/record/tls/ holds a test-only CA and a certificate for 127.0.0.1.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect } from 'chai';
import { startRecorder } from '../../src/record/proxy.js';
import { ROOT } from '../support/engine-harness.js';
import { authUser, responseXml, tempDir } from './support.js';

const TLS = join(ROOT, 'test', 'record', 'tls');

describe('record: https upstream', function () {
  this.timeout(20_000);
  let server: Server;
  let upstream: string;
  let tmp: ReturnType<typeof tempDir>;
  const answer = responseXml('authUser', { enum: 'STAT_SUCCESS', code: 0 });

  before(async () => {
    server = createServer({ key: readFileSync(join(TLS, 'server.key')), cert: readFileSync(join(TLS, 'server.pem')) }, (req, res) => {
      req.resume();
      req.on('end', () => { res.writeHead(200, { 'Content-Type': 'text/xml' }); res.end(answer); });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    upstream = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }));
  beforeEach(() => { tmp = tempDir('record-tls'); });
  afterEach(() => tmp.remove());

  for (const trusted of [false, true]) {
    it(trusted ? 'forwards and records once the CA is given' : 'refuses an upstream certificate from an unknown CA', async () => {
      const out = join(tmp.dir, 'out');
      const r = await startRecorder({
        upstream, out, port: 0, host: '127.0.0.1', keepSecrets: false, timeoutMs: 5000, maxRecordBytes: 65536, log: () => undefined,
        ca: trusted ? readFileSync(join(TLS, 'ca.pem')) : undefined,
      });
      const res = await fetch(r.url, { method: 'POST', body: authUser('jane.doe', '1234755224'), headers: { 'Content-Type': 'text/xml' } });
      const body = await res.text();
      await r.close();
      if (trusted) {
        expect(res.status).to.equal(200);
        expect(body).to.equal(answer);
        expect(readdirSync(out)).to.deep.equal(['0001-authUser-jane.doe']);
      } else {
        expect(res.status).to.equal(500);
        expect(body).to.include('SOAP-ENV:Server').and.match(/could not be reached \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/);
        expect(readdirSync(out)).to.deep.equal([]);
      }
    });
  }
});
