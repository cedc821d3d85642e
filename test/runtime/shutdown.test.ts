// The drain of one process (src/runtime/shutdown.ts): in-flight HTTP requests finish and are told to
// close their connection, held push calls are released, the RADIUS listener answers the datagram it
// is handling before its socket closes; past the timeout the connections still open are cut.
import { createServer, request, type Server } from 'node:http';
import { createSocket } from 'node:dgram';
import { expect } from 'chai';
import { drain, RequestTracker } from '../../src/runtime/shutdown.js';
import { listenRadius } from '../../src/doors/radius/server.js';
import type { RadiusHandler } from '../../src/doors/radius/handler.js';

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** A loopback server whose every answer comes `delayMs` after its request (never, for Infinity). */
async function slowServer(delayMs: number): Promise<{ server: Server; tracker: RequestTracker; port: number; started: Promise<void> }> {
  let seen: () => void = () => undefined;
  const started = new Promise<void>((ok) => { seen = ok; });
  const server = createServer((_req, res) => {
    seen();
    if (Number.isFinite(delayMs)) setTimeout(() => res.end('answered'), delayMs);
  });
  const tracker = new RequestTracker(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, tracker, port: (server.address() as { port: number }).port, started };
}

function get(port: number): Promise<{ body: string; connection?: string } | { error: string }> {
  return new Promise((ok) => {
    const req = request({ port, host: '127.0.0.1', agent: false, headers: { connection: 'keep-alive' } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => ok({ body, connection: res.headers.connection }));
    });
    req.on('error', (e) => ok({ error: e.message }));
    req.end();
  });
}

describe('runtime/shutdown: drain', function () {
  this.timeout(30_000);

  it('lets an in-flight request finish with Connection: close, releases push calls, and closes the server', async () => {
    const s = await slowServer(300);
    const answer = get(s.port);
    await s.started;
    let released = false;
    const result = await drain({ server: s.server, tracker: s.tracker, push: { close: () => { released = true; } } }, 10_000);
    expect(await answer).to.deep.equal({ body: 'answered', connection: 'close' });
    expect(result.cut).to.equal(0);
    expect(released).to.equal(true);
    expect(s.server.listening).to.equal(false);
  });

  it('cuts what is still running at the timeout, and counts it', async () => {
    const s = await slowServer(Infinity);
    const answer = get(s.port);
    await s.started;
    const result = await drain({ server: s.server, tracker: s.tracker, push: { close: () => undefined } }, 100);
    expect(result.cut).to.equal(1);
    expect(await answer).to.have.property('error');
  });

  it('ends at once on a second signal (force) instead of waiting for the timeout', async () => {
    const s = await slowServer(Infinity);
    void get(s.port);
    await s.started;
    const result = await drain({ server: s.server, tracker: s.tracker, push: { close: () => undefined } }, 60_000, sleep(50).then(() => undefined));
    expect(result.cut).to.equal(1);
  });

  it('RADIUS: closing answers the datagram being handled before the socket closes', async () => {
    let handling: () => void = () => undefined;
    const busy = new Promise<void>((ok) => { handling = ok; });
    const handler = { handle: async () => { handling(); await sleep(200); return Buffer.from('answer'); } } as unknown as RadiusHandler;
    const log = { warn: () => undefined, error: () => undefined } as never;
    const listener = await listenRadius(handler, '127.0.0.1', 0, log);
    const nas = createSocket('udp4');
    const got = new Promise<string>((ok) => nas.once('message', (m) => ok(m.toString())));
    nas.send(Buffer.from('request'), listener.port, '127.0.0.1');
    await busy;
    await listener.close();
    expect(await got).to.equal('answer');
    nas.close();
  });
});
