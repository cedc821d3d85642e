// RADIUS phase of `npm run bench`: the real server (`countersign serve`) on its own SQLite store of HOTP
// users, driven over UDP by a load generator that keeps many Access-Requests in flight (PAP, OTP only,
// Message-Authenticator on), counting Access-Accepts and measuring p50/p99 latency.
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { hotp } from '../src/otp/hotp.js';
import { answerAuthentic, hidePassword, signRequest } from '../src/doors/radius/crypto.js';
import { ATTR, CODE } from '../src/doors/radius/dictionary.js';
import { decodePacket, type Packet } from '../src/doors/radius/packet.js';
import { populate, benchUser, BENCH_SECRET } from './populate.js';
import { startProcess, stopProcess, peakRssMb, serveArgs } from './processes.js';

const SECRET = Buffer.from('bench-radius-secret');
const TIMEOUT_MS = 2000;

export interface RadiusLoadResult {
  readonly name: string; readonly rps: number; readonly p50: number; readonly p99: number;
  readonly requests: number; readonly accepts: number; readonly errors: number; readonly rssMb?: number;
}

interface InFlight { readonly sentAt: number; readonly packet: Packet }

const percentile = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0);

function request(identifier: number, user: string, password: string): Packet {
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
  const build = (id: number): Packet => { const [user, password] = next(); return request(id, user, password); };
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

/** Never-replayed OTP-only credentials: users [0, count) in turn, each at its next HOTP counter. */
function otpOnly(count: number): () => [string, string] {
  const counters = new Uint32Array(count);
  let i = 0;
  return () => {
    const u = i; i = (i + 1) % count;
    return [benchUser(u), hotp(BENCH_SECRET, counters[u]++, 6, 'SHA1')];
  };
}

/** Populates its own store, starts `countersign serve` with RADIUS on a free port, runs one phase per in-flight level, prints a table. */
export async function radiusBench(dir: string, masterKey: Buffer, durationS: number, say: (s: string) => void, inFlight: readonly number[] = [32, 64, 256]): Promise<RadiusLoadResult[]> {
  const users = 20_000;
  say(`Populating a second SQLite store with ${users.toLocaleString('en')} HOTP authenticators for RADIUS`);
  await populate(`sqlite:${join(dir, 'radius.db')}`, masterKey, users * 2, () => undefined);
  const env = {
    COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'radius.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'), COUNTERSIGN_DEMO: '0',
    COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_LOG_LEVEL: 'warn',
    COUNTERSIGN_RADIUS_ENABLED: '1', COUNTERSIGN_RADIUS_PORT: '0', COUNTERSIGN_RADIUS_HOST: '127.0.0.1',
    COUNTERSIGN_RADIUS_CLIENTS: JSON.stringify([{ address: '127.0.0.1', secret: SECRET.toString(), componentType: 'SOAP Auth Client' }]),
  };
  const server = await startProcess(serveArgs(), env, /RADIUS listening on udp:\/\/[^:]+:(\d+)/, (m) => m[1]);
  const rows: RadiusLoadResult[] = [];
  try {
    const source = otpOnly(users);
    await radiusLoad('warm-up', Number(server.url), 64, 1, source);
    for (const n of inFlight) {
      say(`- RADIUS PAP OTP-only Access-Request, ${n} in flight, ${durationS} s`);
      const r = await radiusLoad(`Countersign RADIUS PAP, OTP only, ${n} in flight`, Number(server.url), n, durationS, source);
      rows.push({ ...r, rssMb: peakRssMb(server.child.pid!) });
    }
  } finally { await stopProcess(server); }
  say('\n| run | req/s | p50 ms | p99 ms | Access-Accept / requests | no answer | peak RSS MB |\n|---|---|---|---|---|---|---|');
  for (const r of rows) say(`| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.accepts} / ${r.requests} | ${r.errors} | ${r.rssMb} |`);
  return rows;
}
