// The recording proxy (issue 9) in front of a fake upstream: byte-for-byte pass-through, case folders,
// masking in the written files only, upstream down or slow, WSDL and non-SOAP traffic, huge answers.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { startRecorder, type Recorder } from '../../src/record/proxy.js';
import { attr, authUser, fakeUpstream, responseXml, tempDir, type FakeUpstream } from './support.js';

const OK_ANSWER = responseXml('authUser', { enum: 'STAT_SUCCESS', code: 0 }, [attr('CREDFLD_USERID', 'jane.doe'), attr('CREDFLD_SESSION_ID', 'sess-42')]);

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"authUser"', ...headers } });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

const cases = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe('record: the recording proxy', function () {
  this.timeout(20_000);
  let tmp: ReturnType<typeof tempDir>;
  let upstream: FakeUpstream;
  let recorder: Recorder | undefined;
  let out: string;
  const start = async (extra: Partial<Parameters<typeof startRecorder>[0]> = {}) => {
    recorder = await startRecorder({
      upstream: upstream.url, out, port: 0, host: '127.0.0.1', keepSecrets: false, timeoutMs: 2000, maxRecordBytes: 64 * 1024, log: () => undefined, ...extra,
    });
    return recorder;
  };

  beforeEach(async () => {
    tmp = tempDir('record');
    out = join(tmp.dir, 'out');
    upstream = await fakeUpstream((req, res) => {
      if (req.method === 'GET') { res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }); res.end('<definitions name="wsdl"/>'); return; }
      res.writeHead(200, { 'Content-Type': 'text/xml;charset=UTF-8', 'X-Upstream': 'yes' });
      res.end(OK_ANSWER);
    });
  });
  afterEach(async () => {
    await recorder?.close();
    recorder = undefined;
    await upstream.close();
    tmp.remove();
  });

  it('forwards the request unchanged and returns the answer byte for byte', async () => {
    const r = await start();
    const request = authUser('jane.doe', '1234755224');
    const got = await post(`${r.url}soap/path?x=1`, request);
    expect(upstream.seen).to.have.length(1);
    const seen = upstream.seen[0];
    expect(seen.body.toString()).to.equal(request);
    expect(seen.url).to.equal('/soap/path?x=1');
    expect(seen.headers['content-type']).to.equal('text/xml; charset=utf-8');
    expect(seen.headers.soapaction).to.equal('"authUser"');
    expect(got.status).to.equal(200);
    expect(got.type).to.equal('text/xml;charset=UTF-8');
    expect(got.body.toString()).to.equal(OK_ANSWER);
  });

  it('writes the exchange as <NNNN>-<operation>-<user> with masked secrets and meta.json', async () => {
    const r = await start();
    await post(r.url, authUser('jane.doe', '1234755224'));
    await r.close();
    expect(cases(out)).to.deep.equal(['0001-authUser-jane.doe']);
    const dir = join(out, '0001-authUser-jane.doe');
    expect(readdirSync(dir).sort()).to.deep.equal(['meta.json', 'request.xml', 'response.xml']);
    const request = readFileSync(join(dir, 'request.xml'), 'utf8');
    expect(request).to.equal(authUser('jane.doe', '********'));
    const response = readFileSync(join(dir, 'response.xml'), 'utf8');
    expect(response).to.equal(OK_ANSWER.replace('sess-42', '********'));
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
    expect(meta).to.include({ operation: 'authUser', user: 'jane.doe', upstream: upstream.url, path: '/', secrets: 'masked', maskedValues: 2 });
    expect(meta.status).to.deep.equal({ http: 200, return: 'RET_SUCCESS', returnCode: 0, enum: 'STAT_SUCCESS', code: 0 });
    expect(meta.request).to.deep.equal({ contentType: 'text/xml; charset=utf-8', soapAction: '"authUser"' });
    expect(Date.parse(meta.time)).to.be.a('number').and.not.NaN;
    expect(meta.durationMs).to.be.a('number');
  });

  it('keeps secrets with keepSecrets, and numbers after the cases already in the folder', async () => {
    mkdirSync(join(out, '0007-authUser-old'), { recursive: true });
    const r = await start({ keepSecrets: true });
    await post(r.url, authUser('jane.doe', '1234755224'));
    await r.close();
    expect(cases(out)).to.deep.equal(['0007-authUser-old', '0008-authUser-jane.doe']);
    expect(readFileSync(join(out, '0008-authUser-jane.doe', 'request.xml'), 'utf8')).to.include('1234755224');
    expect(JSON.parse(readFileSync(join(out, '0008-authUser-jane.doe', 'meta.json'), 'utf8')).secrets).to.equal('kept');
  });

  it('records an upstream SOAP Fault with its HTTP status', async () => {
    await upstream.close();
    const fault = '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Client</faultcode><faultstring>bad</faultstring></S:Fault></S:Body></S:Envelope>';
    upstream = await fakeUpstream((_req, res) => { res.writeHead(500, { 'Content-Type': 'text/xml' }); res.end(fault); });
    const r = await start();
    const got = await post(r.url, authUser('jane.doe', 'x'));
    await r.close();
    expect(got.status).to.equal(500);
    expect(got.body.toString()).to.equal(fault);
    const meta = JSON.parse(readFileSync(join(out, '0001-authUser-jane.doe', 'meta.json'), 'utf8'));
    expect(meta.status).to.deep.equal({ http: 500, fault: 'S:Client', faultstring: 'bad' });
  });

  it('answers a SOAP Server Fault and records nothing when the upstream is down', async () => {
    const down = upstream.url;
    await upstream.close();
    const r = await start({ upstream: down });
    const got = await post(r.url, authUser('jane.doe', '1234755224'));
    await r.close();
    expect(got.status).to.equal(500);
    expect(got.type).to.equal('text/xml; charset=utf-8');
    expect(got.body.toString()).to.include('<faultcode>SOAP-ENV:Server</faultcode>').and.match(/could not be reached \(ECONNREFUSED\); nothing was recorded/);
    expect(cases(out)).to.deep.equal([]);
  });

  it('answers a SOAP Server Fault and records nothing when the upstream is too slow', async () => {
    await upstream.close();
    upstream = await fakeUpstream(() => undefined);
    const r = await start({ timeoutMs: 300 });
    const got = await post(r.url, authUser('jane.doe', '1234755224'));
    await r.close();
    expect(got.status).to.equal(500);
    expect(got.body.toString()).to.include('SOAP-ENV:Server').and.include('did not answer within 300 ms');
    expect(cases(out)).to.deep.equal([]);
  });

  it('passes GET ?wsdl and non-SOAP POSTs through without recording them', async () => {
    const r = await start();
    const wsdl = await fetch(`${r.url}?wsdl`);
    expect(wsdl.status).to.equal(200);
    expect(await wsdl.text()).to.equal('<definitions name="wsdl"/>');
    expect(upstream.seen[0]).to.include({ method: 'GET', url: '/?wsdl' });
    const json = await post(r.url, '{"user":"jane.doe"}', { 'Content-Type': 'application/json' });
    expect(json.status).to.equal(200);
    expect(upstream.seen[1].body.toString()).to.equal('{"user":"jane.doe"}');
    await r.close();
    expect(cases(out)).to.deep.equal([]);
  });

  it('streams a huge answer unchanged and does not record it past the cap', async () => {
    await upstream.close();
    const huge = Buffer.from(`${OK_ANSWER.slice(0, -'</SOAP-ENV:Envelope>'.length)}<!--${'x'.repeat(3 * 1024 * 1024)}--></SOAP-ENV:Envelope>`);
    upstream = await fakeUpstream((_req, res) => { res.writeHead(200, { 'Content-Type': 'text/xml' }); res.end(huge); });
    const r = await start({ maxRecordBytes: 64 * 1024 });
    const got = await post(r.url, authUser('jane.doe', 'x'));
    await r.close();
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(got.body.length).to.equal(huge.length);
    expect(sha(got.body)).to.equal(sha(huge));
    expect(cases(out)).to.deep.equal([]);
  });
});
