// Interleaved A/B rounds of two or more builds of the server (or the node-soap mock) on one store and
// one load: each round starts every variant in a new random order, warms it up, measures one phase and
// stops it; the table gives each round's server CPU µs per request and req/s, then the medians. This
// is how hot-path changes are decided on a shared machine, where rates drift but CPU per request holds.
//   node dist/bench/ab.js --variant base=/path/to/old/checkout --variant new=. [--phase otp|wrong|radius]
//     (a variant may add settings, and Node flags as NODE_FLAGS: --variant cached=.?COUNTERSIGN_SECRET_CACHE_ENTRIES=100000)
//     [--rounds 5] [--duration 8] [--connections 32]   (each checkout built with `npm run build`)
// `--variant mock` is the node-soap fixed-answer mock (bench/soap-mock-server.ts). `--interleave S` keeps
// every variant running and moves the load between them every S seconds (the closest comparison here).
// `--profile cpu` writes a V8 CPU profile of each variant's server per round (--cpu-prof); `--profile
// callgrind` runs each server under valgrind's callgrind, instrumented only while measured, and reports
// instructions per request (userland only; slow: give --duration 30 and fewer rounds). Both into --out.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { coresUsed, cpuMark } from './cpu.js';
import { runPhase } from './load.js';
import { measured } from './measure.js';
import { populate, WRONG_OTP_COMPONENT } from './populate.js';
import { otpOnlyCredentials, otpSource, wrongOtpSource } from './sources.js';
import { radiusEnv, radiusLoad, RADIUS_USERS } from './radius.js';
import { serveArgs, startProcess, stopProcess, type Proc } from './processes.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const say = (s: string) => process.stdout.write(`${s}\n`);

const { values: opt } = parseArgs({ options: {
  variant: { type: 'string', multiple: true, default: [] }, phase: { type: 'string', default: 'otp' },
  rounds: { type: 'string', default: '5' }, duration: { type: 'string', default: '8' }, connections: { type: 'string', default: '32' },
  users: { type: 'string', default: '50000' }, profile: { type: 'string' }, out: { type: 'string' }, interleave: { type: 'string' },
} });
const OUT = resolve(opt.out ?? join(tmpdir(), `countersign-ab-profiles-${process.pid}`));
const ROUNDS = Number(opt.rounds), DURATION = Number(opt.duration), CONNECTIONS = Number(opt.connections), USERS = Number(opt.users);

/** `name=checkout` or `name=checkout?KEY=VALUE&KEY=VALUE` (settings or NODE_OPTIONS for that variant's server). */
interface Variant { readonly name: string; readonly root?: string; readonly env: Record<string, string> }
const variants: Variant[] = opt.variant.map((v) => {
  const at = v.indexOf('=');
  if (at < 0) return { name: v, env: {} };
  const [path, query = ''] = v.slice(at + 1).split('?');
  return { name: v.slice(0, at), root: resolve(path!), env: Object.fromEntries(new URLSearchParams(query)) };
});

interface Sample { readonly cpuUs: number; readonly rps: number; readonly p99: number; readonly irPerRequest?: number }

/** `node args` as given, with a CPU profile, or under callgrind (instrumentation off until measured). */
function launch(v: Variant, round: number, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, toUrl: (m: RegExpMatchArray) => string): Promise<Proc> {
  const dir = join(OUT, `${v.name}-${round}`);
  if (opt.profile === 'cpu') return startProcess([`--cpu-prof`, `--cpu-prof-dir=${dir}`, ...args], env, ready, toUrl);
  if (opt.profile !== 'callgrind') return startProcess(args, env, ready, toUrl);
  mkdirSync(dir, { recursive: true });
  const valgrind = ['--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${dir}/callgrind.out.%p`, `--log-file=${dir}/valgrind.log`, process.execPath];
  return startProcess([...valgrind, ...args], env, ready, toUrl, 'valgrind');
}

/** Instructions counted by callgrind in the variant's round (summary lines of its output files). */
function instructions(v: Variant, round: number): number {
  const dir = join(OUT, `${v.name}-${round}`);
  let total = 0;
  for (const f of readdirSync(dir).filter((n) => n.startsWith('callgrind.out'))) {
    const m = /^(?:summary|totals): (\d+)/m.exec(readFileSync(join(dir, f), 'utf8'));
    total += Number(m?.[1] ?? 0);
  }
  return total;
}

const instrument = (proc: Proc, on: boolean): void => {
  if (opt.profile === 'callgrind') execFileSync('callgrind_control', ['-i', on ? 'on' : 'off', String(proc.child.pid)], { stdio: 'ignore' });
};

function start(v: Variant, dir: string, round: number, db = opt.phase === 'radius' ? 'radius.db' : 'bench.db'): Promise<Proc> {
  if (!v.root) return launch(v, round, [join(ROOT, 'dist/bench/soap-mock-server.js')], {}, /"port":(\d+)/, (m) => `http://127.0.0.1:${m[1]}/`);
  const env = {
    COUNTERSIGN_DATABASE: `sqlite:${join(dir, db)}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
    COUNTERSIGN_DEMO: '0', COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_LOG_LEVEL: 'warn',
    COUNTERSIGN_RATE_LIMIT_SOURCE_EXEMPT: '127.0.0.1', COUNTERSIGN_HTTP_MAX_CONNECTIONS_PER_SOURCE: '0', COUNTERSIGN_RADIUS_ENABLED: '0',
    ...(opt.phase === 'radius' ? radiusEnv(dir) : {}), ...v.env,
  };
  const ready = opt.phase === 'radius' ? /RADIUS listening on udp:\/\/[^:]+:(\d+)/ : /listening on (http\S+)/;
  const nodeFlags = v.env.NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  return launch(v, round, [...nodeFlags, ...serveArgs(v.root)], env, ready, (m) => m[1]!);
}

/** Seconds of load before each measured phase (JIT); longer under valgrind. */
const WARM_UP_S = opt.profile === 'callgrind' ? 20 : 2;

async function sample(proc: Proc, sources: { otp: () => string; wrong: () => string; radius: () => [string, string] }): Promise<Sample & { requests: number }> {
  if (opt.phase === 'radius') {
    await radiusLoad('warm-up', Number(proc.url), CONNECTIONS, WARM_UP_S, sources.radius);
    const mark = cpuMark([proc.child.pid!]);
    instrument(proc, true);
    const r = await radiusLoad('radius', Number(proc.url), CONNECTIONS, DURATION, sources.radius);
    instrument(proc, false);
    return { cpuUs: (coresUsed(mark).perProcess[0]! * 1e6) / r.rps, rps: r.rps, p99: r.p99, requests: r.rps * DURATION };
  }
  const wrong = opt.phase === 'wrong';
  const expect = wrong ? 'STAT_OTP_INCORRECT' : 'RET_SUCCESS';
  await runPhase('warm-up', proc.url, CONNECTIONS, WARM_UP_S, wrong ? sources.wrong : sources.otp, expect);
  instrument(proc, true);
  const r = await measured('ab', proc, { connections: CONNECTIONS, durationS: DURATION, expect }, wrong ? sources.wrong : sources.otp);
  instrument(proc, false);
  if (r.errors > 0 || r.successes < r.requests * 0.99) say(`  warning: ${r.successes} of ${r.requests} answers as expected, ${r.errors} errors`);
  return { cpuUs: r.cpuUs ?? NaN, rps: r.rps, p99: r.p99, requests: r.requests };
}

/**
 * `--interleave S`: every variant runs at once on its own copy of the store (each with its own OTPs);
 * the load moves from one to the next every S seconds, so neighbouring windows see the same machine.
 * A window's CPU counts until 300 ms after its load stops (group commits, checkpoints).
 */
async function interleaved(dir: string, seconds: number): Promise<void> {
  const wrong = opt.phase === 'wrong', radius = opt.phase === 'radius';
  const expect = wrong ? 'STAT_OTP_INCORRECT' : 'RET_SUCCESS';
  const procs: { v: Variant; proc: Proc; load: (s: number) => Promise<number>; cpu: number[] }[] = [];
  try {
    for (const v of variants) {
      if (v.root) copyFileSync(join(dir, radius ? 'radius.db' : 'bench.db'), join(dir, `${v.name}.db`));
      const proc = await start(v, dir, 0, `${v.name}.db`);
      const body = wrong ? wrongOtpSource(USERS * 2, USERS * 3, WRONG_OTP_COMPONENT) : otpSource(0, USERS, false);
      const credentials = otpOnlyCredentials(RADIUS_USERS);
      const load = radius ? async (s: number) => (await radiusLoad('window', Number(proc.url), CONNECTIONS, s, credentials)).rps * s
        : async (s: number) => (await runPhase('window', proc.url, CONNECTIONS, s, body, expect)).requests;
      await load(2);
      procs.push({ v, proc, load, cpu: [] });
    }
    for (let round = 1; round <= ROUNDS; round++) {
      const line: string[] = [];
      for (const p of round % 2 ? procs : [...procs].reverse()) {
        const mark = cpuMark([p.proc.child.pid!]);
        const answered = await p.load(seconds);
        await new Promise((ok) => setTimeout(ok, 300));
        const cpuUs = (coresUsed(mark).perProcess[0]! * ((seconds * 1000 + 300) / 1000) * 1e6) / answered;
        p.cpu.push(cpuUs);
        line.push(`${p.v.name} ${cpuUs.toFixed(0)} µs ${(answered / seconds).toFixed(0)}/s`);
      }
      say(`window ${round}: ${line.join(' | ')}`);
    }
    const base = median(procs[0]!.cpu);
    for (const p of procs) say(`${p.v.name}: median ${median(p.cpu).toFixed(1)} µs/request (${(median(p.cpu) / base).toFixed(3)}x)`);
  } finally { await Promise.all(procs.map((p) => stopProcess(p.proc))); }
}

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]!; };

async function main(): Promise<void> {
  if (variants.length < 2) throw new Error('give at least two --variant name=checkout (or mock)');
  const dir = mkdtempSync(join(tmpdir(), 'countersign-ab-'));
  try {
    const key = randomBytes(32);
    writeFileSync(join(dir, 'master.key'), key.toString('hex'), { mode: 0o600 });
    say(`Populating ${opt.phase === 'radius' ? 'the RADIUS store' : 'the store'}`);
    if (opt.phase === 'radius') await populate(`sqlite:${join(dir, 'radius.db')}`, key, RADIUS_USERS * 2, () => undefined);
    else await populate(`sqlite:${join(dir, 'bench.db')}`, key, USERS * 2, () => undefined, USERS);
    const sources = { otp: otpSource(0, USERS, false), wrong: wrongOtpSource(USERS * 2, USERS * 3, WRONG_OTP_COMPONENT), radius: otpOnlyCredentials(RADIUS_USERS) };
    if (opt.interleave) return await interleaved(dir, Number(opt.interleave));
    const samples = new Map<string, Sample[]>(variants.map((v) => [v.name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      const order = [...variants].sort(() => Math.random() - 0.5);
      const line: string[] = [];
      for (const v of order) {
        const proc = await start(v, dir, round);
        let s: Sample & { requests: number };
        try { s = await sample(proc, sources); } finally { await stopProcess(proc); }
        const ir = opt.profile === 'callgrind' ? instructions(v, round) / s.requests : undefined;
        samples.get(v.name)!.push({ ...s, irPerRequest: ir });
        line.push(`${v.name} ${s.cpuUs.toFixed(0)} µs ${s.rps.toFixed(0)}/s p99 ${s.p99}${ir ? ` ${(ir / 1000).toFixed(0)}k Ir` : ''}`);
      }
      say(`round ${round}: ${line.join(' | ')}`);
    }
    const first = samples.get(variants[0]!.name)!;
    for (const v of variants) {
      const s = samples.get(v.name)!;
      const cpu = median(s.map((x) => x.cpuUs)), rps = median(s.map((x) => x.rps));
      const ir = opt.profile === 'callgrind' ? ` ${(median(s.map((x) => x.irPerRequest!)) / 1000).toFixed(1)}k instructions/request (${(median(s.map((x) => x.irPerRequest!)) / median(first.map((x) => x.irPerRequest!))).toFixed(3)}x),` : '';
      say(`${v.name}:${ir} median ${cpu.toFixed(1)} µs/request (${(cpu / median(first.map((x) => x.cpuUs))).toFixed(3)}x), ${rps.toFixed(0)} req/s (${(rps / median(first.map((x) => x.rps))).toFixed(3)}x), p99 ${median(s.map((x) => x.p99))} ms`);
    }
    if (opt.profile) say(`profiles in ${OUT}`);
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

main().catch((e: unknown) => { process.stderr.write(`ab: ${(e as Error).stack ?? e}\n`); process.exit(1); });
