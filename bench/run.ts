// `npm run bench`: drives the real server over real sockets beside the systems a user would pick
// instead, in the same run: a node-soap fixed-answer mock on our WSDL (and a bare node:http one) for
// SOAP, FreeRADIUS (PAP from a users file) for RADIUS. Every phase reports throughput, p50/p99, peak
// RSS and server CPU per request; then each target of issue 20 as a ratio of the same run, and whether
// it holds (docs/benchmarks.md). `--runs N` repeats the measured phases N times on the same stores and
// prints min/median/max per target; `--peers` runs only the peers' rows.
// Options: --authenticators N (100000) --duration S (10) --connections C (32) --runs N (1) --peers
//   --quick (no import, store-size or push phases) --import (import phase only) --scale (bench/scale.ts)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import argon2 from 'argon2';
import { populate, BENCH_PIN } from './populate.js';
import { scaleBench } from './scale.js';
import { importBench } from './import.js';
import { soapCountersign, soapPeers, soapSources } from './phases-soap.js';
import { radiusCountersign, radiusFreeradius } from './phases-radius.js';
import { prepareStoreSize, storeSizePhases, type StoreSizeSources } from './phases-store.js';
import { RADIUS_USERS } from './radius.js';
import { otpOnlyCredentials } from './sources.js';
import { runTable, targetTable, type RunResult } from './targets.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const say = (s: string) => process.stdout.write(`${s}\n`);

const { values: opt } = parseArgs({ options: {
  authenticators: { type: 'string' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' },
  runs: { type: 'string', default: '1' }, peers: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false },
  scale: { type: 'boolean', default: false }, import: { type: 'boolean', default: false },
  'import-rows': { type: 'string', default: '100000' }, 'store-size': { type: 'string', default: '1000000' },
} });
const N = Number(opt.authenticators ?? (opt.scale ? 1_000_000 : 100_000)), DURATION = Number(opt.duration), CONNECTIONS = Number(opt.connections);
const RUNS = Math.max(1, Number(opt.runs));

async function argon2Rate(seconds: number): Promise<number> {
  const hash = await argon2.hash(BENCH_PIN, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const loop = async () => { while (performance.now() < end) { await argon2.verify(hash, BENCH_PIN); done++; } };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  return done / seconds;
}

/** 1,000 held push logins approved by the device simulator (bench/push.ts, its own process). */
function pushPhase(): Promise<void> {
  say('\n- push: 1,000 held authUser calls approved through the device simulator');
  const child = spawn(process.execPath, [join(ROOT, 'dist/bench/push.js'), '--count', '1000'], { stdio: 'inherit' });
  return new Promise((ok, fail) => child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`push benchmark exited with ${code}`)))));
}

interface Prepared {
  readonly dir: string;
  readonly soap: ReturnType<typeof soapSources>;
  readonly radius: () => [string, string];
  readonly storeSize?: StoreSizeSources;
  readonly key: Buffer;
}

async function prepare(dir: string): Promise<Prepared> {
  const key = randomBytes(32);
  writeFileSync(join(dir, 'master.key'), key.toString('hex'), { mode: 0o600 });
  if (!opt.peers && !opt.quick) await importBench(dir, Number(opt['import-rows']), say);
  if (!opt.peers) {
    say(`Populating a SQLite store with ${(N * 1.5).toLocaleString('en')} HOTP authenticators (${(N / 2).toLocaleString('en')} OTP only, `
      + `${(N / 2).toLocaleString('en')} with a server PIN, ${(N / 2).toLocaleString('en')} for the wrong-OTP phase)`);
    say(`  done in ${(await populate(`sqlite:${join(dir, 'bench.db')}`, key, N, () => undefined, N / 2)).toFixed(1)} s`);
    say(`Populating a second SQLite store with ${RADIUS_USERS.toLocaleString('en')} HOTP authenticators for RADIUS`);
    await populate(`sqlite:${join(dir, 'radius.db')}`, key, RADIUS_USERS * 2, () => undefined);
  }
  const storeSize = opt.peers || opt.quick ? undefined
    : await prepareStoreSize({ dir, key, large: Number(opt['store-size']), durationS: DURATION, connections: CONNECTIONS, say });
  return { dir, key, soap: soapSources(N), radius: otpOnlyCredentials(RADIUS_USERS), storeSize };
}

async function oneRun(p: Prepared, run: number): Promise<RunResult> {
  say(`\nRun ${run} of ${RUNS}${opt.peers ? ' (peers only)' : ''}`);
  const r: RunResult = {};
  const argon2 = () => { say('- argon2id bare verify rate, 3 s'); return argon2Rate(3); };
  const soap = { dir: p.dir, authenticators: N, durationS: DURATION, connections: CONNECTIONS, say, argon2Rate: argon2 };
  const radius = { dir: p.dir, durationS: DURATION, say };
  await soapPeers(soap, r);
  if (!opt.peers) {
    await soapCountersign(soap, p.soap, r);
  }
  await radiusFreeradius(radius, r);
  if (!opt.peers) await radiusCountersign(radius, p.radius, r);
  if (p.storeSize) {
    await storeSizePhases({ dir: p.dir, key: p.key, large: Number(opt['store-size']), durationS: DURATION, connections: CONNECTIONS, say }, p.storeSize, r);
  }
  say(`\n${runTable(r)}\n`);
  return r;
}

async function main(): Promise<void> {
  if (opt.scale) {
    return scaleBench({ authenticators: N, duration: DURATION, connections: CONNECTIONS, pgUrl: process.env.COUNTERSIGN_BENCH_PG, say });
  }
  const dir = mkdtempSync(join(tmpdir(), 'countersign-bench-'));
  try {
    if (opt.import) {
      writeFileSync(join(dir, 'master.key'), randomBytes(32).toString('hex'), { mode: 0o600 });
      await importBench(dir, Number(opt['import-rows']), say);
      return;
    }
    const prepared = await prepare(dir);
    const runs: RunResult[] = [];
    for (let i = 1; i <= RUNS; i++) runs.push(await oneRun(prepared, i));
    say(`Targets (issue 20)${RUNS > 1 ? `, ${RUNS} runs` : ''}:\n\n${targetTable(runs)}`);
    if (!opt.peers && !opt.quick) await pushPhase();
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

main().catch((e: unknown) => { process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`); process.exit(1); });
