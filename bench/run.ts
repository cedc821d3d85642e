// `npm run bench`: drives the real server over real sockets and prints throughput, p50/p99 latency
// and server memory next to a bare-Node baseline, a floor server doing only the store and OTP work
// (floor-server.ts), and argon2id's bare verify rate, all in one run.
// Options: --authenticators N (100000) --duration S (10) --connections C (32); --scale runs bench/scale.ts
// instead (N defaults to 1000000 there; COUNTERSIGN_BENCH_PG adds the PostgreSQL phases).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import argon2 from 'argon2';
import { hotp } from '../src/otp/hotp.js';
import { populate, benchUser, BENCH_SECRET, BENCH_PIN } from './populate.js';
import { runPhase, envelope, type PhaseResult } from './load.js';
import { startProcess, stopProcess, peakRssMb, serveArgs, startFlags, type Proc } from './processes.js';
import { coresUsed, cpuMark } from './cpu.js';
import { radiusBench } from './radius.js';
import { scaleBench } from './scale.js';
import { importBench } from './import.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const say = (s: string) => process.stdout.write(`${s}\n`);

const { values: opt } = parseArgs({ options: {
  authenticators: { type: 'string' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' },
  scale: { type: 'boolean', default: false }, import: { type: 'boolean', default: false },
  'import-rows': { type: 'string', default: '100000' },
} });
const N = Number(opt.authenticators ?? (opt.scale ? 1_000_000 : 100_000)), DURATION = Number(opt.duration), CONNECTIONS = Number(opt.connections);

/** Never-replayed OTPs: users in [from, to) in turn, each at its next HOTP counter. */
function otpSource(from: number, to: number, withPin: boolean): () => string {
  const counters = new Map<number, number>();
  let next = from;
  return () => {
    const i = next; next = next + 1 >= to ? from : next + 1;
    const c = counters.get(i) ?? 0; counters.set(i, c + 1);
    return envelope(benchUser(i), `${withPin ? BENCH_PIN : ''}${hotp(BENCH_SECRET, c, 6, 'SHA1')}`);
  };
}

async function argon2Rate(seconds: number): Promise<number> {
  const hash = await argon2.hash(BENCH_PIN, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const loop = async () => { while (performance.now() < end) { await argon2.verify(hash, BENCH_PIN); done++; } };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  return done / seconds;
}

/** One load phase against `proc`, with its peak RSS and its CPU time per request (all its threads, from /proc). */
async function measured(name: string, proc: Proc, body: () => string): Promise<PhaseResult> {
  const mark = cpuMark([proc.child.pid!]);
  const r = await runPhase(name, proc.url, CONNECTIONS, DURATION, body);
  const cores = coresUsed(mark).perProcess[0]!;
  return { ...r, rssMb: peakRssMb(proc.child.pid!), cpuUs: r.rps > 0 ? Math.round((cores * 1e6) / r.rps) : undefined };
}

const storeEnv = (dir: string) => ({ COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'bench.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key') });

async function serverPhases(dir: string, otpOnly: () => string): Promise<PhaseResult[]> {
  const env = { ...storeEnv(dir), COUNTERSIGN_DEMO: '0', COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_LOG_LEVEL: 'warn' };
  const server = await startProcess(serveArgs(), env, /listening on (\S+)/, (m) => m[1]);
  const out: PhaseResult[] = [];
  try {
    say(`- OTP-only authUser, ${CONNECTIONS} connections, ${DURATION} s`);
    out.push(await measured('Countersign authUser, OTP only', server, otpOnly));
    say(`- server PIN + OTP authUser, ${CONNECTIONS} connections, ${DURATION} s`);
    out.push(await measured('Countersign authUser, PIN + OTP', server, otpSource(N / 2, N, true)));
  } finally { await stopProcess(server); }
  return out;
}

/** bench/floor-server.ts on the same store, users and counters as the OTP-only phase, with the server's Node flags. */
async function floorPhase(dir: string, otpOnly: () => string): Promise<PhaseResult> {
  const floor = await startProcess([...startFlags(), join(ROOT, 'dist/bench/floor-server.js')], storeEnv(dir), /"port":(\d+)/, (m) => `http://127.0.0.1:${m[1]}/`);
  try {
    say(`- floor: bare Node + the store's read, HOTP check, compare-and-set and audit row, no engine, ${CONNECTIONS} connections, ${DURATION} s`);
    return await measured('floor (store and OTP work, no engine)', floor, otpOnly);
  } finally { await stopProcess(floor); }
}

async function baselinePhase(): Promise<PhaseResult> {
  const base = await startProcess([join(ROOT, 'dist/bench/baseline-server.js')], {}, /"port":(\d+)/, (m) => `http://127.0.0.1:${m[1]}/`);
  try {
    say(`- baseline: bare Node + fast-xml-parser, fixed answer, ${CONNECTIONS} connections, ${DURATION} s`);
    return await measured('baseline (parse + fixed answer)', base, () => envelope('user0000000', '123456'));
  } finally { await stopProcess(base); }
}

function table(rows: PhaseResult[], baseline: PhaseResult, floor: PhaseResult, argonRate: number): string {
  const lines = ['| run | req/s | p50 ms | p99 ms | RET_SUCCESS / requests | errors | peak RSS MB | server CPU µs / request | vs. reference |',
    '|---|---|---|---|---|---|---|---|---|'];
  const ofBaseline = (r: PhaseResult) => `${Math.round((100 * r.rps) / baseline.rps)}% of baseline`;
  const reference = (r: PhaseResult) => r === baseline ? '' : r === floor ? ofBaseline(r)
    : r.name.includes('PIN') ? `${Math.round((100 * r.rps) / argonRate)}% of bare argon2id` : `${ofBaseline(r)}, ${Math.round((100 * r.rps) / floor.rps)}% of floor`;
  for (const r of [baseline, floor, ...rows]) {
    lines.push(`| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.successes} / ${r.requests} | ${r.errors} | ${r.rssMb ?? ''} | ${r.cpuUs ?? ''} | ${reference(r)} |`);
  }
  lines.push(`| argon2id verify (m=19456 KiB, t=2, p=1), ${CONNECTIONS} in flight | ${Math.round(argonRate)} | | | | | | | |`);
  return lines.join('\n');
}

/** 1,000 held push logins approved by the device simulator (bench/push.ts, its own process). */
function pushPhase(): Promise<void> {
  say('\n- push: 1,000 held authUser calls approved through the device simulator');
  const child = spawn(process.execPath, [join(ROOT, 'dist/bench/push.js'), '--count', '1000'], { stdio: 'inherit' });
  return new Promise((ok, fail) => child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`push benchmark exited with ${code}`)))));
}

async function main(): Promise<void> {
  if (opt.scale) {
    return scaleBench({ authenticators: N, duration: DURATION, connections: CONNECTIONS, pgUrl: process.env.COUNTERSIGN_BENCH_PG, say });
  }
  const dir = mkdtempSync(join(tmpdir(), 'countersign-bench-'));
  try {
    const key = randomBytes(32);
    writeFileSync(join(dir, 'master.key'), key.toString('hex'), { mode: 0o600 });
    await importBench(dir, Number(opt['import-rows']), say);
    if (opt.import) return;
    say(`Populating a SQLite store with ${N.toLocaleString('en')} HOTP authenticators (half with a server PIN)`);
    const seconds = await populate(`sqlite:${join(dir, 'bench.db')}`, key, N, say);
    say(`  done in ${seconds.toFixed(1)} s`);
    const otpOnly = otpSource(0, N / 2, false);
    const rows = await serverPhases(dir, otpOnly);
    const floor = await floorPhase(dir, otpOnly);
    const baseline = await baselinePhase();
    say('- argon2id bare verify rate, 3 s');
    const argonRate = await argon2Rate(3);
    say(`\n${table(rows, baseline, floor, argonRate)}`);
    await radiusBench(dir, key, DURATION, say);
    await pushPhase();
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

main().catch((e: unknown) => { process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`); process.exit(1); });
