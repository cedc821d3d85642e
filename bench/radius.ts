// The RADIUS load generator of `npm run bench`: Access-Requests (PAP, OTP only, Message-Authenticator
// on) built as a NAS builds them, many kept in flight over UDP, Access-Accepts counted and checked, p50/p99
// latency measured; and the settings that start `countersign serve` with RADIUS for it.
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { answerAuthentic, hidePassword, signRequest } from '../src/doors/radius/crypto.js';
import { ATTR, CODE } from '../src/doors/radius/dictionary.js';
import { decodePacket, type Packet } from '../src/doors/radius/packet.js';

export const SECRET = Buffer.from('bench-radius-secret');
/** Users of the RADIUS store (each with an HOTP authenticator and no PIN). */
export const RADIUS_USERS = 20_000;

/** Settings that start `countersign serve` with RADIUS on a free loopback port, its client the load generator. */
export const radiusEnv = (dir: string): Record<string, string> => ({
  COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'radius.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'), COUNTERSIGN_DEMO: '0',
  COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_LOG_LEVEL: 'warn',
  COUNTERSIGN_RADIUS_ENABLED: '1', COUNTERSIGN_RADIUS_PORT: '0', COUNTERSIGN_RADIUS_HOST: '127.0.0.1',
  COUNTERSIGN_RADIUS_CLIENTS: JSON.stringify([{ address: '127.0.0.1', secret: SECRET.toString(), componentType: 'SOAP Auth Client' }]),
});
const TIMEOUT_MS = 2000;

export interface RadiusLoadResult {
  readonly name: string; readonly rps: number; readonly p50: number; readonly p99: number;
  readonly requests: number; readonly accepts: number; readonly errors: number; readonly rssMb?: number;
}

interface InFlight { readonly sentAt: number; readonly packet: Packet }

const percentile = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0);

export function radiusPacket(identifier: number, user: string, password: string): Packet {
  const auth = randomBytes(16);
  const bytes = signRequest(CODE.ACCESS_REQUEST, identifier, auth, [
    { type: ATTR.USER_NAME, value: Buffer.from(user) },
    { type: ATTR.USER_PASSWORD, value: hidePassword(Buffer.from(password), SECRET, auth) },
  ], SECRET);
  const d = decodePacket(bytes);
  if (!d.ok) throw new Error('bench packet did not decode');
  return d.packet;
}

/**
 * `inFlight` requests outstanding at all times over sockets of ≤ 200 identifiers each, for `durationS`.
 * Each identifier's next request is built ahead, after the burst of answers it follows: an answer is
 * timestamped and its identifier's next request sent at once, and the HOTP, hiding, signing and answer
 * checks run afterwards, so the generator's own work does not add to the latencies it measures.
 */
export async function radiusLoad(name: string, port: number, inFlight: number, durationS: number, next: () => [string, string]): Promise<RadiusLoadResult> {
  const latencies: number[] = [];
  let accepts = 0, errors = 0, sent = 0;
  const end = performance.now() + durationS * 1000;
  const socketCount = Math.ceil(inFlight / 200);
  const sockets: { s: Socket; pending: Map<number, InFlight>; ready: Map<number, Packet> }[] = [];
  const toBuild: [number, number][] = [];
  const toCheck: [Buffer, Packet][] = [];
  let scheduled = false;
  const build = (id: number): Packet => { const [user, password] = next(); return radiusPacket(id, user, password); };
  const catchUp = () => {
    scheduled = false;
    for (const [m, packet] of toCheck.splice(0)) if (m[0] === CODE.ACCESS_ACCEPT && answerAuthentic(m, packet, SECRET)) accepts++;
    for (const [k, id] of toBuild.splice(0)) sockets[k].ready.set(id, build(id));
  };
  const later = () => { if (!scheduled) { scheduled = true; setImmediate(catchUp); } };
  const send = (k: number, id: number) => {
    if (performance.now() >= end) return;
    const { s, pending, ready } = sockets[k];
    const packet = ready.get(id) ?? build(id);
    ready.delete(id);
    pending.set(id, { sentAt: performance.now(), packet });
    sent++;
    s.send(packet.raw, port, '127.0.0.1');
    toBuild.push([k, id]);
    later();
  };
  for (let k = 0; k < socketCount; k++) {
    const s = createSocket('udp4');
    const pending = new Map<number, InFlight>();
    s.on('message', (m) => {
      const at = performance.now();
      const f = pending.get(m[1]);
      if (!f) return;
      pending.delete(m[1]);
      latencies.push(at - f.sentAt);
      toCheck.push([m, f.packet]);
      send(k, m[1]);
    });
    await new Promise<void>((ok) => s.bind(0, '127.0.0.1', ok));
    sockets.push({ s, pending, ready: new Map() });
  }
  for (let i = 0; i < inFlight; i++) send(i % socketCount, Math.floor(i / socketCount));
  const sweep = setInterval(() => {
    const now = performance.now();
    sockets.forEach(({ pending }, k) => {
      for (const [id, f] of pending) if (now - f.sentAt > TIMEOUT_MS) { pending.delete(id); errors++; send(k, id); }
    });
  }, 250);
  await new Promise((ok) => setTimeout(ok, durationS * 1000 + 200));
  clearInterval(sweep);
  catchUp();
  for (const { s, pending } of sockets) { errors += pending.size; s.close(); }
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { name, rps: latencies.length / durationS, p50: round(percentile(latencies, 0.5)), p99: round(percentile(latencies, 0.99)), requests: sent, accepts, errors };
}
