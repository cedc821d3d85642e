// The shared HTTP listener's guard and limits (issue 16): a handler that throws or rejects gets a 500
// and the process keeps serving; parser refusals are answered and counted; idle, header and body
// timeouts close the socket; the connection caps close what is past them; nothing logged holds
// request content or an error message.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { expect } from 'chai';
import type { GuardedHandler } from '../../src/runtime/http-guard.js';
import { createHttpServer, listen, type HttpLimits } from '../../src/runtime/http-server.js';
import { ROOT } from '../support/engine-harness.js';
import { closedWithin, exchange, openIdle } from '../support/raw-http.js';

const TLS = join(ROOT, 'test', 'record', 'tls');

const LIMITS: HttpLimits = {
  idleTimeoutMs: 60_000, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 60_000, maxConnections: 0, maxConnectionsPerSource: 0,
};
const GET = 'GET /x HTTP/1.1\r\nHost: a\r\n\r\n';

describe('runtime: guarded HTTP listener', () => {
  let server: Server | undefined;
  let port: number;
  let events: string[];
  let logged: string[];
  const start = async (handler: GuardedHandler, limits: Partial<HttpLimits> = {}, tls?: { key: Buffer; cert: Buffer }) => {
    events = [];
    logged = [];
    const log = { warn: (o: object, m: string) => { logged.push(JSON.stringify(o) + m); }, error: (o: object, m: string) => { logged.push(JSON.stringify(o) + m); } };
    const made = createHttpServer(handler, { limits: { ...LIMITS, ...limits }, log, onGuard: (door, kind) => events.push(`${door}:${kind}`), tls });
    server = made.server;
    port = await listen(server, 0, '127.0.0.1');
    return made;
  };
  const ok: GuardedHandler = (req, res) => { req.resume().on('end', () => res.end('ok')); };
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    server = undefined;
  });

  it('answers 500 when the handler throws, logs no message, and keeps serving', async () => {
    let calls = 0;
    await start((_req, res) => { if (calls++ === 0) throw new Error('password=hunter2'); res.end('ok'); });
    const first = await exchange(port, GET);
    expect(first.status).to.equal(500);
    expect(first.closed).to.equal(true);
    expect((await exchange(port, GET, { firstAnswer: true })).data).to.match(/\r\n\r\nok$/);
    expect(events).to.deep.equal(['http:handler-error']);
    expect(logged.join('\n')).to.not.include('hunter2');
    expect(logged.join('\n')).to.include('HTTP request failed');
  });

  it('answers 500 when the handler rejects, and closes a socket already answering', async () => {
    let calls = 0;
    await start(async (_req, res) => {
      if (calls++ === 0) throw new TypeError('bad');
      res.writeHead(200, { 'Content-Length': '10' });
      res.write('12345');
      throw new Error('half way');
    });
    expect((await exchange(port, GET)).status).to.equal(500);
    const second = await exchange(port, GET);
    expect(second.status).to.equal(200);
    expect(second.closed).to.equal(true);
    expect(second.data).to.not.match(/12345.+/s);
    expect(events.filter((e) => e === 'http:handler-error')).to.have.length(2);
  });

  for (const [name, bytes, status] of [
    ['a request line with a space in the target', 'GET /a b c HTTP/1.1\r\nHost: a\r\n\r\n', 400],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost a\r\n\r\n', 400],
    ['a header larger than 16 KiB', `GET / HTTP/1.1\r\nHost: a\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['a bad chunk size', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400],
  ] as const) {
    it(`answers ${status} to ${name} and counts it`, async () => {
      await start(ok);
      const got = await exchange(port, bytes);
      expect(got.status).to.equal(status);
      expect(got.closed).to.equal(true);
      expect(events).to.deep.equal(['http:bad-request']);
    });
  }

  it('closes a connection that sends nothing after the idle timeout', async () => {
    await start(ok, { idleTimeoutMs: 200 });
    const idle = await openIdle(port);
    expect(await closedWithin(idle, 10_000)).to.equal(true);
    expect(events).to.deep.equal(['http:idle-timeout']);
  });

  it('does not cut a request the server is still working on (a held push call) at the idle timeout', async () => {
    await start((_req, res) => { setTimeout(() => res.end('late'), 800); }, { idleTimeoutMs: 200 });
    const got = await exchange(port, GET, { firstAnswer: true });
    expect(got.data).to.match(/\r\n\r\nlate$/);
    expect(events).to.deep.equal([]);
  });

  it('answers 408 and closes when the headers do not arrive within the headers timeout', async () => {
    await start(ok, { headersTimeoutMs: 300, requestTimeoutMs: 300 });
    const got = await exchange(port, 'GET / HTTP/1.1\r\nHost: a\r\n');
    expect(got.status).to.equal(408);
    expect(got.closed).to.equal(true);
    expect(events).to.deep.equal(['http:request-timeout']);
  });

  it('cuts a body that does not arrive within the request timeout', async () => {
    const bodies: string[] = [];
    await start((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => { bodies.push(Buffer.concat(chunks).toString()); res.end('ok'); });
    }, { requestTimeoutMs: 400, headersTimeoutMs: 400 });
    const got = await exchange(port, 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nonly a part');
    expect(got.closed).to.equal(true);
    expect(got.status).to.equal(408);
    expect(bodies).to.deep.equal([]);
  });

  it('closes connections past the per-source cap and keeps other sources served', async () => {
    const made = await start(ok, { maxConnectionsPerSource: 3 });
    const held = await Promise.all([1, 2, 3].map(() => openIdle(port, '127.0.0.1')));
    const refused = await openIdle(port, '127.0.0.1');
    expect(await closedWithin(refused, 5000)).to.equal(true);
    expect((await exchange(port, GET, { localAddress: '127.0.0.2', firstAnswer: true })).status).to.equal(200);
    expect(events).to.deep.equal(['http:source-connection-refused']);
    expect(made.connections.sources()).to.be.at.least(1);
    held.forEach((s) => s.destroy());
  });

  it('closes connections past the global cap, and serves again once one closes', async () => {
    const made = await start(ok, { maxConnections: 2 });
    const held = await Promise.all([1, 2].map((i) => openIdle(port, `127.0.0.${i}`)));
    expect((await exchange(port, GET, { localAddress: '127.0.0.3' })).closed).to.equal(true);
    expect(events).to.deep.equal(['http:connection-refused']);
    held[0]!.destroy();
    for (let i = 0; i < 100 && made.connections.open() > 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await exchange(port, GET, { localAddress: '127.0.0.3', firstAnswer: true })).status).to.equal(200);
    held[1]!.destroy();
  });

  it('closes a keep-alive connection after the keep-alive timeout', async () => {
    await start(ok, { keepAliveTimeoutMs: 200 });
    const got = await exchange(port, GET);
    expect(got.status).to.equal(200);
    expect(got.closed).to.equal(true);
    expect(events).to.deep.equal(['http:idle-timeout']);
  });

  it('over TLS: serves, answers 500 for a throwing handler, and closes a client that never finishes its handshake', async () => {
    let calls = 0;
    await start((_req, res) => { if (calls++ === 0) throw new Error('boom'); res.end('ok'); }, { headersTimeoutMs: 300, requestTimeoutMs: 300 },
      { key: readFileSync(join(TLS, 'server.key')), cert: readFileSync(join(TLS, 'server.pem')) });
    const get = () => new Promise<string>((ok) => {
      const s = tlsConnect({ port, host: '127.0.0.1', ca: readFileSync(join(TLS, 'ca.pem')) }, () => s.end(GET.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n')));
      const chunks: Buffer[] = [];
      s.on('data', (d: Buffer) => chunks.push(d)).on('close', () => ok(Buffer.concat(chunks).toString()));
    });
    expect(await get()).to.match(/^HTTP\/1\.1 500/);
    expect(await get()).to.match(/^HTTP\/1\.1 200[\s\S]*ok$/);
    const silent = await openIdle(port);
    expect(await closedWithin(silent, 10_000)).to.equal(true);
    expect(events).to.include('http:handler-error');
  });
});
