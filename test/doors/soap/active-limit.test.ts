// The SOAP door's active-request limit (COUNTERSIGN_MAX_ACTIVE): past it requests wait in arrival
// order before any parsing or engine work, and a call the engine holds for a push gives its place back.
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthOutcome, AuthRequest } from '../../../src/domain/request.js';
import type { CallHooks, InvalidRequest } from '../../../src/engine/engine.js';
import { createSoapHandler } from '../../../src/doors/soap/server.js';
import { createActiveLimit } from '../../../src/runtime/active-limit.js';
import { authUserXml, catalogue, close, echoOutcome, FakeEngine, janeAttrs, attr } from './helpers.js';

/** An engine whose calls wait until the test lets them go; `hold` tells the door a call is held. */
class GatedEngine extends FakeEngine {
  readonly gates: { go: () => void; hooks?: CallHooks }[] = [];
  override async authUser(request: AuthRequest | InvalidRequest, hooks?: CallHooks): Promise<AuthOutcome> {
    this.seen.push(request);
    await new Promise<void>((go) => this.gates.push({ go, hooks }));
    return echoOutcome(request);
  }
}

const post = (url: string, user: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' },
  body: authUserXml([...janeAttrs().filter((a) => a.id !== 'CREDFLD_USERID'), attr('CREDFLD_USERID', user)]) }).then((r) => r.text());

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('SOAP door: active-request limit', () => {
  let engine: GatedEngine;
  let server: Server;
  let url: string;
  beforeEach(async () => {
    engine = new GatedEngine();
    server = createServer(createSoapHandler({ engine, catalogue, active: createActiveLimit(1) }));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterEach(() => close(server));

  it('works on one request at a time and takes the waiting ones in arrival order', async () => {
    const answers = ['a', 'b', 'c'].map((u) => post(url, u));
    await settle();
    expect(engine.seen.map((r) => (r as AuthRequest).userId)).to.deep.equal(['a']);
    engine.gates[0]!.go();
    await settle();
    expect(engine.seen.map((r) => (r as AuthRequest).userId)).to.deep.equal(['a', 'b']);
    engine.gates[1]!.go();
    await settle();
    engine.gates[2]!.go();
    for (const text of await Promise.all(answers)) expect(text).to.contain('RET_SUCCESS');
  });

  it('lets the next request in when the engine holds a call for a push approval', async () => {
    const held = post(url, 'pusher');
    await settle();
    engine.gates[0]!.hooks!.held!();
    const other = post(url, 'other');
    await settle();
    expect(engine.seen.map((r) => (r as AuthRequest).userId)).to.deep.equal(['pusher', 'other']);
    engine.gates[1]!.go();
    expect(await other).to.contain('RET_SUCCESS');
    engine.gates[0]!.go();
    expect(await held).to.contain('RET_SUCCESS');
  });
});
