// In-process A/B of two or more builds, without sockets: each build's own modules (its dist/) wire a
// real app (SQLite store, engine, SOAP codec, RADIUS handler) on its own copy of one store, and rounds
// of N requests, C in flight, alternate between the builds in one process. The figure is CPU time per
// request (process.cpuUsage) for the SOAP pipeline (handleSoapBody: charset, XML, codec, engine, store,
// encoder) or the RADIUS handler (packet, crypto, engine, store). HTTP and UDP are left to bench/ab.ts.
//   node --max-semi-space-size=8 dist/bench/inproc.js --variant base=/old/checkout --variant new=.
//     [--phase otp|wrong|radius] [--rounds 10] [--requests 5000] [--in-flight 32] [--cpu-profile out.cpuprofile]
//     [--heap-profile out.heapprofile] (sampled allocations of the measured rounds, collected ones included)
// With one variant it only measures (and profiles: a V8 CPU profile of the measured rounds alone).
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { populate, WRONG_OTP_COMPONENT } from './populate.js';
import { otpOnlyCredentials, otpSource, wrongOtpSource } from './sources.js';
import { radiusPacket, SECRET } from './radius.js';

const say = (s: string) => process.stdout.write(`${s}\n`);
const { values: opt } = parseArgs({ options: {
  variant: { type: 'string', multiple: true, default: [] }, phase: { type: 'string', default: 'otp' },
  rounds: { type: 'string', default: '10' }, requests: { type: 'string', default: '5000' }, 'in-flight': { type: 'string', default: '32' },
  users: { type: 'string', default: '20000' }, 'cpu-profile': { type: 'string' }, 'heap-profile': { type: 'string' },
} });
const ROUNDS = Number(opt.rounds), REQUESTS = Number(opt.requests), IN_FLIGHT = Number(opt['in-flight']), USERS = Number(opt.users);

type Handle = () => Promise<boolean>;
interface Variant { readonly name: string; readonly handle: Handle; readonly close: () => Promise<void>; readonly prepare?: (n: number) => void }

/** Wires the build at `root` on the store file `db`; its `handle` answers one request and says whether it was the expected one. */
async function wire(name: string, root: string, dir: string, db: string): Promise<Variant> {
  const load = (path: string) => import(pathToFileURL(join(root, 'dist/src', path)).href);
  const { loadConfig } = await load('config/load.js');
  const { createApp } = await load('main.js');
  const { createSoapHandler } = await load('doors/soap/server.js');
  const env = {
    COUNTERSIGN_DATABASE: `sqlite:${db}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'), COUNTERSIGN_DEMO: '0',
    COUNTERSIGN_LOG_LEVEL: 'warn', COUNTERSIGN_RATE_LIMIT_SOURCE_EXEMPT: '127.0.0.1', COUNTERSIGN_RADIUS_ENABLED: '0',
  };
  const app = await createApp(loadConfig(env));
  if (opt.phase === 'radius') {
    const { createRadiusHandler, ClientTable } = await load('doors/radius/index.js');
    const { systemRandom } = await load('runtime/clock.js');
    const clients = new ClientTable([{ address: '127.0.0.1', secret: SECRET.toString(), componentType: 'SOAP Auth Client', requireMessageAuthenticator: true }], 'bench');
    const handler = createRadiusHandler({ engine: app.engine, catalogue: app.catalogue, clients, pending: app.store, clock: app.clock, random: systemRandom, observer: app.observer });
    const next = otpOnlyCredentials(USERS);
    let id = 0;
    // The round's Access-Requests are built before it (the NAS's work is not the server's).
    let ready: Buffer[] = [];
    const prepare = (n: number) => {
      ready = Array.from({ length: n }, () => { const [user, password] = next(); return radiusPacket((id = (id + 1) & 255), user, password).raw; });
    };
    let k = 0;
    const handle: Handle = async () => {
      const answer: Buffer | undefined = await handler.handle(ready[k++ % ready.length]!, { address: '127.0.0.1', port: 40000 + (k % 1000) });
      return answer?.[0] === 2;
    };
    return { name, handle, close: () => app.close(), prepare };
  }
  const soap = createSoapHandler({ engine: app.engine, catalogue: app.catalogue, log: app.log, admin: app.admin });
  const wrong = opt.phase === 'wrong';
  const next = wrong ? wrongOtpSource(USERS * 2, USERS * 3, WRONG_OTP_COMPONENT) : otpSource(0, USERS, false);
  const expect = wrong ? 'STAT_OTP_INCORRECT' : 'RET_SUCCESS';
  const handle: Handle = async () => {
    const note = { door: 'http', operation: 'post' };
    const reply = await soap.handleSoapBody(Buffer.from(next()), 'text/xml; charset=utf-8', { sourceAddress: '127.0.0.1', note });
    app.observer.done(note, performance.now(), '127.0.0.1', { httpStatus: reply.status });
    return (reply.body as string).includes(expect);
  };
  return { name, handle, close: () => app.close() };
}

/** N requests, C in flight; CPU µs per request and how many answered as expected. */
async function round(v: Variant): Promise<{ cpuUs: number; ok: number }> {
  v.prepare?.(REQUESTS);
  let left = REQUESTS, ok = 0;
  const worker = async () => { while (left-- > 0) if (await v.handle()) ok++; };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const used = process.cpuUsage(before);
  return { cpuUs: (used.user + used.system) / REQUESTS, ok };
}

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]!; };

async function main(): Promise<void> {
  const specs = opt.variant.map((v) => { const at = v.indexOf('='); return { name: v.slice(0, at), root: resolve(v.slice(at + 1)) }; });
  if (specs.length < 1) throw new Error('give --variant name=checkout (two or more to compare)');
  const dir = mkdtempSync(join(tmpdir(), 'countersign-inproc-'));
  const variants: Variant[] = [];
  try {
    const key = randomBytes(32);
    writeFileSync(join(dir, 'master.key'), key.toString('hex'), { mode: 0o600 });
    await populate(`sqlite:${join(dir, 'seed.db')}`, key, USERS * 2, () => undefined, USERS);
    for (const s of specs) {
      copyFileSync(join(dir, 'seed.db'), join(dir, `${s.name}.db`));
      variants.push(await wire(s.name, s.root, dir, join(dir, `${s.name}.db`)));
    }
    for (const v of variants) await round(v); // warm-up
    const cpu = new Map<string, number[]>(variants.map((v) => [v.name, []]));
    const profiler = opt['cpu-profile'] || opt['heap-profile'] ? new Session() : undefined;
    if (profiler) profiler.connect();
    if (opt['cpu-profile']) { await profiler!.post('Profiler.enable'); await profiler!.post('Profiler.start'); }
    if (opt['heap-profile']) await profiler!.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    for (let r = 1; r <= ROUNDS; r++) {
      const order = r % 2 ? variants : [...variants].reverse();
      const line: string[] = [];
      for (const v of order) {
        const x = await round(v);
        cpu.get(v.name)!.push(x.cpuUs);
        line.push(`${v.name} ${x.cpuUs.toFixed(1)} µs${x.ok < REQUESTS ? ` (${REQUESTS - x.ok} unexpected)` : ''}`);
      }
      say(`round ${r}: ${line.join(' | ')}`);
    }
    if (opt['cpu-profile']) writeFileSync(opt['cpu-profile'], JSON.stringify((await profiler!.post('Profiler.stop')).profile));
    if (opt['heap-profile']) writeFileSync(opt['heap-profile'], JSON.stringify((await profiler!.post('HeapProfiler.stopSampling')).profile));
    const base = median(cpu.get(variants[0]!.name)!);
    for (const v of variants) {
      const m = median(cpu.get(v.name)!);
      say(`${v.name}: median ${m.toFixed(1)} µs/request (${(m / base).toFixed(3)}x)`);
    }
  } finally {
    for (const v of variants) await v.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => { process.stderr.write(`inproc: ${(e as Error).stack ?? e}\n`); process.exit(1); });
