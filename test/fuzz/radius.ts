// RADIUS datagrams for `npm run fuzz` (issue 16): random bytes, mutated and validly signed garbage
// Access-Requests (as test/doors/radius/fuzz.test.ts makes them) sent over UDP to a running server.
// UDP has no hang: what counts is that the process survives and a good request is answered after.
import { createSocket } from 'node:dgram';
import { signRequest } from '../../src/doors/radius/crypto.js';
import { ATTR, CODE } from '../../src/doors/radius/dictionary.js';
import { accessRequest, SECRET } from '../doors/radius/support.js';
import type { Rng } from './prng.js';

const TYPES = [ATTR.USER_NAME, ATTR.USER_PASSWORD, ATTR.CHAP_PASSWORD, ATTR.STATE, ATTR.PROXY_STATE, ATTR.EAP_MESSAGE, ATTR.MESSAGE_AUTHENTICATOR, 26, 200];

export function radiusInput(r: Rng): Buffer {
  const how = r.int(3);
  if (how === 0) return r.bytes(r.int(4200));
  if (how === 1) {
    const attrs = Array.from({ length: r.int(10) }, () => ({ type: r.pick(TYPES), value: r.bytes(r.chance(0.5) ? r.int(40) : r.int(254)) }));
    return signRequest(r.chance(0.7) ? CODE.ACCESS_REQUEST : r.int(256), r.int(256), r.bytes(16), attrs, Buffer.from(SECRET));
  }
  const b = Buffer.from(accessRequest({ user: r.pick(['jane.doe', 'john.smith', 'x']), password: String(r.int(1e8)), identifier: r.int(256) }).bytes);
  const m = r.int(4);
  if (m === 0) return b.subarray(0, r.int(b.length));
  if (m === 1) { b.writeUInt16BE(r.int(65536), 2); return b; }
  if (m === 2) { b[20 + r.int(b.length - 20)] = r.int(256); return b; }
  return Buffer.concat([b, r.bytes(r.int(64))]);
}

/** Sends `count` datagrams in bursts of `burst`; resolves with how many were answered. */
export async function fuzzRadius(r: Rng, port: number, count: number, burst = 100): Promise<number> {
  const socket = createSocket('udp4');
  let answered = 0;
  socket.on('message', () => { answered++; });
  await new Promise<void>((ok) => socket.bind(0, '127.0.0.1', ok));
  for (let i = 0; i < count; i += burst) {
    await Promise.all(Array.from({ length: Math.min(burst, count - i) }, () =>
      new Promise<void>((ok) => socket.send(radiusInput(r), port, '127.0.0.1', () => ok()))));
    await new Promise((ok) => setTimeout(ok, 5));
  }
  await new Promise((ok) => setTimeout(ok, 500));
  socket.close();
  return answered;
}

/** One good PAP Access-Request for the demo static-password user; resolves with the answer's code, or undefined. */
export async function radiusAlive(port: number): Promise<number | undefined> {
  const socket = createSocket('udp4');
  const { bytes } = accessRequest({ user: 'alice.static', password: 'Alice-Passw0rd', identifier: 42 });
  return new Promise((ok) => {
    const timer = setTimeout(() => { socket.close(); ok(undefined); }, 10_000);
    socket.on('message', (m) => { clearTimeout(timer); socket.close(); ok(m[0]); });
    socket.send(bytes, port, '127.0.0.1');
  });
}
