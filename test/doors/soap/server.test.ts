// The SOAP door over real sockets (soap-wire.md §1): WSDL and XSDs on GET, POST on any path routed on
// the Body element (never SOAPAction), reply Content-Type, streaming size limit, source address.
import { expect } from 'chai';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthRequest } from '../../../src/domain/request.js';
import { createSoapHandler } from '../../../src/doors/soap/server.js';
import { authUserXml, catalogue, close, FakeEngine, listen } from './helpers.js';

interface Res { status: number; type?: string; body: string; headers: Record<string, unknown> }

function call(url: string, method: string, body?: Buffer | string, headers: Record<string, string> = {}, chunked = false): Promise<Res> {
  return new Promise((ok, fail) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () =>
        ok({ status: res.statusCode!, type: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', fail);
    if (body !== undefined && chunked) {
      const buf = Buffer.from(body);
      for (let i = 0; i < buf.length; i += 8192) req.write(buf.subarray(i, i + 8192));
    } else if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('SOAP door: HTTP server (soap-wire.md §1)', () => {
  let engine: FakeEngine;
  let server: Server;
  let url: string;
  beforeEach(async () => { engine = new FakeEngine(); ({ server, url } = await listen(engine, { maxBodyBytes: 4096 })); });
  afterEach(() => close(server));

  it('GET /?wsdl answers the WSDL with this server as endpoint and absolute XSD paths', async () => {
    const res = await call(`${url}/?wsdl`, 'GET');
    expect(res.status).to.equal(200);
    expect(res.type).to.equal('text/xml; charset=utf-8');
    expect(res.body).to.contain(`<soap:address location="${url}/"/>`);
    expect(res.body).to.contain(`schemaLocation="${url}/wsdl/AuthenticationTypes.xsd"`);
  });

  it('serves the schemas at the locations a client joining paths loosely asks for (gSOAP: //wsdl/<file>)', async () => {
    const loose = await call(`${url}//wsdl/AuthenticationTypes.xsd`, 'GET');
    expect(loose.status).to.equal(200);
    expect(loose.body).to.contain(`schemaLocation="${url}/wsdl/BasicTypes.xsd"`);
  });

  it('?WSDL works on any path and in any case', async () => {
    for (const path of ['/?WSDL', '/services/Authentication?Wsdl', '/x?foo=1&wsdl']) {
      expect((await call(`${url}${path}`, 'GET')).body, path).to.contain('<wsdl:definitions');
    }
  });

  it('GET /wsdl/<file> answers the XSDs and the WSDL with imports on the same host', async () => {
    const xsd = await call(`${url}/wsdl/BasicTypes.xsd`, 'GET');
    expect(xsd.status).to.equal(200);
    expect(xsd.body).to.contain('name="StatusCodeEnum"');
    expect((await call(`${url}/wsdl/Authentication.wsdl`, 'GET')).body).to.contain(`schemaLocation="${url}/wsdl/AuthenticationTypes.xsd"`);
  });

  it('GET outside the WSDL folder finds nothing (no path traversal)', async () => {
    for (const path of ['/wsdl/../package.json', '/wsdl/%2e%2e%2fpackage.json', '/wsdl/..%2Fpackage.json', '/wsdl/', '/package.json', '/wsdl/nothere.xsd']) {
      const res = await call(`${url}${path}`, 'GET');
      expect(res.status, path).to.equal(404);
      expect(res.body, path).to.not.contain('"name"');
    }
  });

  it('POST on any path with any SOAPAction is routed on the Body element', async () => {
    for (const [path, action] of [['/', undefined], ['/soap/services/Authentication', '"getChallenge"'], ['/x/y?z', 'junk']] as const) {
      const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8', ...(action ? { SOAPAction: action } : {}) };
      const res = await call(`${url}${path}`, 'POST', authUserXml(), headers);
      expect(res.status, path).to.equal(200);
      expect(res.type).to.equal('text/xml; charset=utf-8');
      expect(res.body).to.contain('<AUTH-TYPES:authUserResponse>');
    }
    expect(engine.seen).to.have.length(3);
  });

  it('passes the client address into the request', async () => {
    await call(url, 'POST', authUserXml(), { 'Content-Type': 'application/xml' });
    expect((engine.last as AuthRequest).sourceAddress).to.equal('127.0.0.1');
  });

  it('refuses a body over the limit while streaming (no Content-Length)', async () => {
    const big = authUserXml().replace('</credentialAttributeSet>', `${'<!-- padding -->'.repeat(2000)}</credentialAttributeSet>`);
    const res = await call(url, 'POST', big, { 'Content-Type': 'text/xml', 'Transfer-Encoding': 'chunked' }, true);
    expect(res.status).to.equal(500);
    expect(res.body).to.contain('<faultcode>SOAP-ENV:Client</faultcode>');
    expect(res.body).to.contain('larger than 4096 bytes');
    expect(engine.seen).to.have.length(0);
  });

  it('refuses a declared Content-Length over the limit before the body arrives', async () => {
    const res = await new Promise<Res>((ok, fail) => {
      const req = request(url, { method: 'POST', headers: { 'Content-Type': 'text/xml', 'Content-Length': '1000000' } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => { req.destroy(); ok({ status: r.statusCode!, body: Buffer.concat(chunks).toString(), headers: r.headers }); });
      });
      req.on('error', fail);
      req.flushHeaders();
    });
    expect(res.status).to.equal(500);
    expect(res.body).to.contain('larger than 4096 bytes');
    expect(res.headers.connection).to.equal('close');
  });

  it('answers a wrong content type with a Fault', async () => {
    const res = await call(url, 'POST', authUserXml(), { 'Content-Type': 'text/plain' });
    expect(res.status).to.equal(500);
    expect(res.body).to.contain('Unsupported Content-Type');
  });

  it('answers other methods with 405', async () => {
    const res = await call(url, 'PUT', authUserXml(), { 'Content-Type': 'text/xml' });
    expect(res.status).to.equal(405);
    expect(res.headers.allow).to.equal('GET, HEAD, POST');
  });

  it('without a WSDL folder, GET ?wsdl is 404 and SOAP still works', async () => {
    const bare = createServer(createSoapHandler({ engine, catalogue }));
    await new Promise<void>((ok) => bare.listen(0, '127.0.0.1', ok));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    try {
      expect((await call(`${bareUrl}/?wsdl`, 'GET')).status).to.equal(404);
      expect((await call(bareUrl, 'POST', authUserXml(), { 'Content-Type': 'text/xml' })).status).to.equal(200);
    } finally {
      await close(bare);
    }
  });

  it('keeps serving after a Fault on the same server', async () => {
    await call(url, 'POST', '<broken', { 'Content-Type': 'text/xml' });
    const res = await call(url, 'POST', authUserXml(), { 'Content-Type': 'text/xml' });
    expect(res.status).to.equal(200);
  });
});
