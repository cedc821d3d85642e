// `npm run bench -- --scale` (issue 8): imports N authenticators (default 1,000,000) with progress and
// time; OTP-only throughput with 1,000 versus N authenticators (load over 1,000 of the N, then over all)
// on SQLite and, when COUNTERSIGN_BENCH_PG names a PostgreSQL server, there too, with one node versus
// two nodes, cores used and RSS.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { hotp } from '../src/otp/hotp.js';
import { openStore } from '../src/store/store.js';
import { coresUsed, cpuMark, formatCores, type CoresUsed } from './cpu.js';
import { envelope, runPhase, type PhaseResult } from './load.js';
import { BENCH_SECRET, benchUser } from './populate.js';
import { peakRssMb, startProcess, stopProcess, type Proc, serveArgs } from './processes.js';

const BATCH = 5000;
/** Seconds of load before each measured phase (JIT, connection pools, caches), not counted. */
const WARM_UP_S = 2;

export interface ScaleOptions {
  readonly authenticators: number;
  readonly duration: number;
  readonly connections: number;
  /** A PostgreSQL URL; the benchmark creates (and drops) its own database on that server. */
  readonly pgUrl?: string;
  readonly say: (line: string) => void;
}

interface Row extends PhaseResult {
  readonly store: string; readonly count: number; readonly nodes: number; readonly cores: CoresUsed; readonly rss: number[];
  /** Users the load was drawn from, when fewer than all (the hot-set phase). */
  readonly active?: number;
}

/** Users of the hot-set phase: as many as the small store has, spread through the big one. */
export const HOT_SET = 1000;

/** Fills a fresh store with `count` users, each with one HOTP authenticator (no PIN), via importBatch. */
export async function importAuthenticators(url: string, key: Buffer, count: number, say: (s: string) => void): Promise<number> {
  const started = performance.now();
  const store = await openStore(url, { masterKey: key });
  try {
    await store.savePolicy({ name: 'Bench', lockThreshold: 3 });
    await store.saveClient('SOAP Auth Client', 'Bench');
    const every = Math.max(BATCH, Math.ceil(count / 10 / BATCH) * BATCH);
    for (let from = 0; from < count; from += BATCH) {
      const rows = [];
      for (let i = from; i < Math.min(count, from + BATCH); i++) {
        rows.push({ user: { domain: 'master', userId: benchUser(i) }, authenticator: { serial: `BEN${String(i).padStart(7, '0')}`, kind: 'hotp' as const, secret: BENCH_SECRET } });
      }
      await store.importBatch(rows);
      const done = Math.min(count, from + BATCH);
      const s = (performance.now() - started) / 1000;
      if (done % every === 0 || done === count) say(`  ${done.toLocaleString('en')} / ${count.toLocaleString('en')} imported, ${s.toFixed(1)} s, ${Math.round(done / s).toLocaleString('en')}/s`);
    }
  } finally { await store.close(); }
  return (performance.now() - started) / 1000;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Never-replayed OTPs over `active` of the `count` users (default all; else every (count/active)-th),
 * in a scattered order, each at its next counter (`counters` shared by the sources of one store).
 */
export function spreadOtps(count: number, active = count, counters = new Map<number, number>()): () => string {
  const spacing = Math.floor(count / active);
  let stride = Math.max(1, Math.floor(active * 0.618));
  while (gcd(stride, active) !== 1) stride++;
  let k = 0;
  return () => {
    const i = ((k++ * stride) % active) * spacing;
    const c = counters.get(i) ?? 0;
    counters.set(i, c + 1);
    return envelope(benchUser(i), hotp(BENCH_SECRET, c, 6, 'SHA1'));
  };
}

export function serve(database: string, keyFile: string): Promise<Proc> {
  const env = { COUNTERSIGN_DATABASE: database, COUNTERSIGN_MASTER_KEY_FILE: keyFile, COUNTERSIGN_DEMO: '0', COUNTERSIGN_HTTP_PORT: '0',
    COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_LOG_LEVEL: 'warn', COUNTERSIGN_RADIUS_ENABLED: '0' };
  return startProcess(serveArgs(), env, /listening on (http\S+)/, (m) => m[1]!);
}

/** Load on every node at once (connections split between them), one shared OTP source. */
async function loadPhase(name: string, procs: Proc[], o: ScaleOptions, body: () => string): Promise<Omit<Row, 'store' | 'count'>> {
  o.say(`- ${name}: ${procs.length} node(s), ${o.connections} connections, ${WARM_UP_S} s warm-up, then ${o.duration} s`);
  const per = Math.max(1, Math.floor(o.connections / procs.length));
  await Promise.all(procs.map((p) => runPhase('warm-up', p.url, per, WARM_UP_S, body)));
  const mark = cpuMark(procs.map((p) => p.child.pid!));
  const parts = await Promise.all(procs.map((p) => runPhase(name, p.url, per, o.duration, body)));
  const cores = coresUsed(mark);
  const sum = (f: (r: (typeof parts)[number]) => number) => parts.reduce((t, r) => t + f(r), 0);
  return {
    name, nodes: procs.length, rps: sum((r) => r.rps), p50: Math.max(...parts.map((r) => r.p50)), p99: Math.max(...parts.map((r) => r.p99)),
    requests: sum((r) => r.requests), successes: sum((r) => r.successes), errors: sum((r) => r.errors), cores, rss: procs.map((p) => peakRssMb(p.child.pid!)),
  };
}

async function sqlitePhases(dir: string, key: Buffer, keyFile: string, o: ScaleOptions): Promise<Row[]> {
  const rows: Row[] = [];
  for (const count of new Set([Math.min(1000, o.authenticators), o.authenticators])) {
    const url = `sqlite:${join(dir, `scale-${count}.db`)}`;
    o.say(`Importing ${count.toLocaleString('en')} HOTP authenticators into SQLite (importBatch, ${BATCH} per transaction)`);
    o.say(`  done in ${(await importAuthenticators(url, key, count, o.say)).toFixed(1)} s`);
    const node = await serve(url, keyFile);
    try {
      const counters = new Map<number, number>();
      if (count > HOT_SET) rows.push({ store: 'SQLite', count, active: HOT_SET, ...(await loadPhase(hotSetName(count), [node], o, spreadOtps(count, HOT_SET, counters))) });
      rows.push({ store: 'SQLite', count, ...(await loadPhase(`OTP only over ${count.toLocaleString('en')} authenticators`, [node], o, spreadOtps(count, count, counters))) });
    } finally { await stopProcess(node); }
  }
  return rows;
}

const hotSetName = (count: number): string =>
  `OTP only over ${HOT_SET.toLocaleString('en')} of ${count.toLocaleString('en')} authenticators (every ${(count / HOT_SET).toLocaleString('en')}th user)`;

async function withScratchDatabase<T>(baseUrl: string, suffix: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `countersign_bench_${process.pid}_${suffix}`;
  const adminUrl = new URL(baseUrl);
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    adminUrl.pathname = `/${name}`;
    try { return await fn(adminUrl.toString()); } finally { await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); }
  } finally { await admin.end(); }
}

/**
 * VACUUM ANALYZE after an import, timed: what autovacuum does within minutes of one anyway, here before
 * the load instead of during it (on a small machine it takes cores from the measured phase).
 */
async function settle(url: string, say: (s: string) => void): Promise<void> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { await client.query('VACUUM (ANALYZE)'); } finally { await client.end(); }
  say(`  VACUUM (ANALYZE) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** One node over 1,000 authenticators in a scratch database of its own: the small side of "1k vs N". */
async function postgresSmall(key: Buffer, keyFile: string, o: ScaleOptions): Promise<Row[]> {
  const count = Math.min(1000, o.authenticators);
  if (count === o.authenticators) return [];
  return withScratchDatabase(o.pgUrl!, 'small', async (url) => {
    o.say(`Importing ${count.toLocaleString('en')} HOTP authenticators into PostgreSQL (a second scratch database)`);
    o.say(`  done in ${(await importAuthenticators(url, key, count, o.say)).toFixed(1)} s`);
    await settle(url, o.say);
    const node = await serve(url, keyFile);
    try {
      return [{ store: 'PostgreSQL', count, ...(await loadPhase(`OTP only over ${count.toLocaleString('en')} authenticators, one node`, [node], o, spreadOtps(count))) }];
    } finally { await stopProcess(node); }
  });
}

async function postgresPhases(key: Buffer, keyFile: string, o: ScaleOptions): Promise<Row[]> {
  const small = await postgresSmall(key, keyFile, o);
  return [...small, ...await withScratchDatabase(o.pgUrl!, 'large', async (url) => {
    const count = o.authenticators;
    o.say(`Importing ${count.toLocaleString('en')} HOTP authenticators into PostgreSQL (a scratch database, dropped afterwards)`);
    o.say(`  done in ${(await importAuthenticators(url, key, count, o.say)).toFixed(1)} s`);
    await settle(url, o.say);
    const counters = new Map<number, number>();
    const otps = spreadOtps(count, count, counters);
    const a = await serve(url, keyFile);
    let b: Proc | undefined;
    try {
      const hot = count > HOT_SET ? [{ store: 'PostgreSQL', count, active: HOT_SET, ...await loadPhase(hotSetName(count), [a], o, spreadOtps(count, HOT_SET, counters)) }] : [];
      const one = await loadPhase('OTP only, one node', [a], o, otps);
      b = await serve(url, keyFile);
      const two = await loadPhase('OTP only, two nodes', [a, b], o, otps);
      return [...hot, { store: 'PostgreSQL', count, ...one }, { store: 'PostgreSQL', count, ...two }];
    } finally { await Promise.all([stopProcess(a), b ? stopProcess(b) : undefined]); }
  })];
}

function table(rows: Row[]): string {
  const lines = ['| store | authenticators | nodes | req/s | p50 ms | p99 ms | RET_SUCCESS / requests | errors | peak RSS MB per node | cores busy: machine (per node, load generator) |',
    '|---|---|---|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(`| ${r.store} | ${r.count.toLocaleString('en')}${r.active ? ` (load over ${r.active.toLocaleString('en')})` : ''} | ${r.nodes} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.successes} / ${r.requests} | ${r.errors} | ${r.rss.join(' / ')} | ${formatCores(r.cores)} |`);
  }
  return lines.join('\n');
}

function ratios(rows: Row[], say: (s: string) => void): void {
  for (const store of ['SQLite', 'PostgreSQL']) {
    const single = rows.filter((r) => r.store === store && r.nodes === 1);
    const small = single.find((r) => r.count <= HOT_SET);
    if (!small) continue;
    for (const big of single.filter((r) => r.count > HOT_SET)) {
      const pct = (100 * (big.rps - small.rps)) / small.rps;
      const over = big.active ? `load over ${big.active.toLocaleString('en')} of them` : 'load over all of them';
      say(`${store}, OTP-only throughput, ${big.count.toLocaleString('en')} (${over}) vs ${small.count.toLocaleString('en')} authenticators: ${pct >= 0 ? '+' : ''}${pct.toFixed(1)}% (target: within 10%)`);
    }
  }
  const [one, two] = rows.filter((r) => r.store === 'PostgreSQL').slice(-2);
  if (one && two && two.nodes === 2) {
    say(`PostgreSQL, two nodes vs one: ${(two.rps / one.rps).toFixed(2)}x (target 1.6x on a machine with enough cores; this one has ${one.cores.available}, `
      + `busy ${one.cores.machine.toFixed(2)} with one node and ${two.cores.machine.toFixed(2)} with two)`);
  }
}

export async function scaleBench(o: ScaleOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-scale-'));
  try {
    const key = randomBytes(32);
    const keyFile = join(dir, 'master.key');
    writeFileSync(keyFile, key.toString('hex'), { mode: 0o600 });
    const rows = await sqlitePhases(dir, key, keyFile, o);
    if (o.pgUrl) rows.push(...(await postgresPhases(key, keyFile, o)));
    else o.say('- one node vs two nodes: skipped (set COUNTERSIGN_BENCH_PG to a PostgreSQL URL allowed to CREATE DATABASE)');
    o.say(`\n${table(rows)}\n`);
    ratios(rows, o.say);
  } finally { rmSync(dir, { recursive: true, force: true }); }
}
