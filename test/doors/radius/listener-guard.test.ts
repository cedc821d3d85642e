// The RADIUS socket's top-level guard (issue 16): a datagram handler that throws or rejects drops
// that packet, is counted and logged without the packet, and the socket keeps answering. Closing
// answers the datagrams already being handled (shutdown drain) and takes no new ones.
import { createSocket } from 'node:dgram';
import { expect } from 'chai';
import type { RadiusHandler } from '../../../src/doors/radius/handler.js';
import { listenRadius } from '../../../src/doors/radius/server.js';

describe('RADIUS door: listener guard', () => {
  it('survives a handler that throws or rejects, counts both, and answers the next packet', async () => {
    const events: string[] = [];
    const logged: string[] = [];
    let calls = 0;
    const handler = {
      handle: (message: Buffer) => {
        calls++;
        if (message[0] === 1) throw new Error('secret=testing123');
        if (message[0] === 2) return Promise.reject(new Error('rejected'));
        return Promise.resolve(Buffer.from('answer'));
      },
    } as unknown as RadiusHandler;
    const log = { warn: (o: object, m: string) => { logged.push(JSON.stringify(o) + m); }, error: (o: object, m: string) => { logged.push(JSON.stringify(o) + m); } };
    const listener = await listenRadius(handler, '127.0.0.1', 0, log, (door, kind) => events.push(`${door}:${kind}`));
    const client = createSocket('udp4');
    try {
      const answer = new Promise<Buffer>((ok) => client.once('message', ok));
      for (const first of [1, 2, 3]) client.send(Buffer.from([first, 0, 0, 20]), listener.port, '127.0.0.1');
      expect((await answer).toString()).to.equal('answer');
      for (let i = 0; i < 100 && events.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
      expect(calls).to.equal(3);
      expect(events.sort()).to.deep.equal(['radius:handler-error', 'radius:handler-error']);
      expect(logged.join('\n')).to.not.include('testing123');
    } finally {
      client.close();
      await listener.close();
    }
  });

  it('close() answers the requests in flight, skips silent ones, then takes no new datagrams', async () => {
    const held: Array<(answer: Buffer | undefined) => void> = [];
    let calls = 0;
    const handler = { handle: () => { calls++; return new Promise<Buffer | undefined>((ok) => held.push(ok)); } } as unknown as RadiusHandler;
    const log = { warn: () => undefined, error: () => undefined };
    const listener = await listenRadius(handler, '127.0.0.1', 0, log);
    const client = createSocket('udp4');
    try {
      for (const first of [1, 2]) client.send(Buffer.from([first, 0, 0, 20]), listener.port, '127.0.0.1');
      for (let i = 0; i < 100 && held.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
      expect(held).to.have.length(2);
      let closed = false;
      const closing = listener.close().then(() => { closed = true; });
      const answer = new Promise<Buffer>((ok) => client.once('message', ok));
      client.send(Buffer.from([3, 0, 0, 20]), listener.port, '127.0.0.1');
      held[0]!(undefined);
      await new Promise((r) => setTimeout(r, 50));
      expect(closed).to.equal(false);
      held[1]!(Buffer.from('late answer'));
      expect((await answer).toString()).to.equal('late answer');
      await closing;
      expect(closed).to.equal(true);
      expect(calls).to.equal(2);
    } finally {
      client.close();
    }
  });
});
