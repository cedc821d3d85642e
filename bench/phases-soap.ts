// The SOAP phases of one `npm run bench` run: the peers (the node-soap fixed-answer mock and a bare
// node:http + fast-xml-parser fixed answer), then the real server: OTP-only at 32, 128 and 512
// connections, wrong OTPs, open-loop at half the 32-connection rate, server PIN + OTP.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measured } from './measure.js';
import { openLoopHttp } from './open-loop.js';
import { WRONG_OTP_COMPONENT } from './populate.js';
import { coresUsed, cpuMark } from './cpu.js';
import { peakRssMb, resetPeakRss, serveArgs, startProcess, stopProcess, type Proc } from './processes.js';
import { otpSource, wrongOtpSource } from './sources.js';
import { envelope } from './load.js';
import type { Row, RunResult } from './targets.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

export interface SoapSetup {
  readonly dir: string;
  /** Users [0, n/2) OTP only, [n/2, n) with PIN, [n, n + n/2) the wrong-OTP phase's. */
  readonly authenticators: number;
  readonly durationS: number;
  readonly connections: number;
  readonly say: (s: string) => void;
  /** The bare argon2id verify rate over a few seconds in the load generator, measured just before and after the PIN phase. */
  readonly argon2Rate?: () => Promise<number>;
}

/** The OTP sources of the whole benchmark: counters carry over from run to run, so no OTP is sent twice. */
export interface SoapSources { readonly otp: () => string; readonly pin: () => string; readonly wrong: () => string }

export const soapSources = (n: number): SoapSources => ({
  otp: otpSource(0, n / 2, false), pin: otpSource(n / 2, n, true), wrong: wrongOtpSource(n, n + n / 2, WRONG_OTP_COMPONENT),
});

/**
 * Seconds of load before a server's first measured phase: its first two seconds here ran at half the
 * rate of the next ones (JIT, caches), for the peers and Countersign alike.
 */
const FIRST_WARM_UP_S = 5;
/** Before a later phase of the same server (a new kind of request). */
const WARM_UP_S = 2;
const portUrl = (m: RegExpMatchArray): string => `http://127.0.0.1:${m[1]}/`;

/** A fixed-answer peer (a file of bench/ started with plain `node`), one phase at the run's connections. */
async function peer(s: SoapSetup, file: string, name: string, note: string): Promise<Row> {
  const proc = await startProcess([join(ROOT, 'dist/bench', file)], {}, /"port":(\d+)/, portUrl);
  try {
    s.say(`- ${note}, ${s.connections} connections, ${s.durationS} s`);
    return await measured(name, proc, { connections: s.connections, durationS: s.durationS, warmUpS: FIRST_WARM_UP_S }, () => envelope('user0000000', '123456'));
  } finally { await stopProcess(proc); }
}

export async function soapPeers(s: SoapSetup, r: RunResult): Promise<void> {
  r.mock = await peer(s, 'soap-mock-server.js', 'node-soap mock (soap.listen on our WSDL, fixed STAT_SUCCESS)', 'node-soap fixed-answer mock');
  r.baseline = await peer(s, 'baseline-server.js', 'bare node:http + fast-xml-parser, fixed answer', 'bare node:http + fast-xml-parser fixed answer');
}

/**
 * The server as `npm start` runs it, on the benchmark store. The load generator is one source address:
 * the per-source connection cap is lifted (as behind a balancer) and the source is exempt from the
 * per-source rate limit (as a gateway is), so wrong OTPs are answered, not rate-limited.
 */
function startServer(s: SoapSetup): Promise<Proc> {
  const env = {
    COUNTERSIGN_DATABASE: `sqlite:${join(s.dir, 'bench.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(s.dir, 'master.key'),
    COUNTERSIGN_DEMO: '0', COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_LOG_LEVEL: 'warn',
    COUNTERSIGN_RADIUS_ENABLED: '0', COUNTERSIGN_HTTP_MAX_CONNECTIONS_PER_SOURCE: '0', COUNTERSIGN_RATE_LIMIT_SOURCE_EXEMPT: '127.0.0.1',
  };
  return startProcess(serveArgs(), env, /listening on (http\S+)/, (m) => m[1]!);
}

/** Open loop at `rate`, with the server's CPU per answer and peak RSS over the phase. */
async function openLoop(name: string, proc: Proc, rate: number, durationS: number, body: () => string): Promise<Row> {
  const pid = proc.child.pid!;
  resetPeakRss(pid);
  const mark = cpuMark([pid]);
  const r = await openLoopHttp(name, proc.url, rate, durationS, body);
  const cores = coresUsed(mark).perProcess[0]!;
  return { ...r, name: `${name} (load generator's own delay p99 ${r.generatorDelayP99} ms)`, rssMb: peakRssMb(pid),
    cpuUs: r.rps > 0 ? Math.round((cores * 1e6) / r.rps) : undefined };
}

export async function soapCountersign(s: SoapSetup, src: SoapSources, r: RunResult): Promise<void> {
  const server = await startServer(s);
  const o = { connections: s.connections, durationS: s.durationS };
  try {
    s.say(`- Countersign authUser, OTP only, ${s.connections} connections, ${s.durationS} s`);
    r.otp = await measured('Countersign authUser, OTP only', server, { ...o, warmUpS: FIRST_WARM_UP_S }, src.otp);
    s.say(`- Countersign authUser, wrong OTP, ${s.connections} connections, ${s.durationS} s`);
    r.wrong = await measured('Countersign authUser, wrong OTP', server, { ...o, warmUpS: WARM_UP_S, expect: 'STAT_OTP_INCORRECT' }, src.wrong);
    for (const c of [128, 512] as const) {
      s.say(`- Countersign authUser, OTP only, ${c} connections, ${s.durationS} s`);
      r[c === 128 ? 'otp128' : 'otp512'] = await measured(`Countersign authUser, OTP only, ${c} connections`, server, { ...o, connections: c, warmUpS: 1 }, src.otp);
    }
    const rate = Math.max(1, Math.round(r.otp.rps / 2));
    s.say(`- Countersign authUser, OTP only, open loop at ${rate}/s (half the ${s.connections}-connection rate), ${s.durationS} s`);
    r.soapOpen = await openLoop(`Countersign authUser, OTP only, open loop at ${rate}/s`, server, rate, s.durationS, src.otp);
    r.pin = await pinPhase(s, server, src, r);
  } finally { await stopProcess(server); }
}

/**
 * Server PIN + OTP, with the bare argon2id rate measured just before and just after it (the mean of
 * the two): the rate of these 2 shared cores drifts by 10-20% over a run, and the target is the ratio.
 */
async function pinPhase(s: SoapSetup, server: Proc, src: SoapSources, r: RunResult): Promise<Row> {
  const before = s.argon2Rate ? await s.argon2Rate() : undefined;
  s.say(`- Countersign authUser, server PIN + OTP, ${s.connections} connections, ${s.durationS} s`);
  const pin = await measured('Countersign authUser, PIN + OTP', server, { connections: s.connections, durationS: s.durationS, warmUpS: 1 }, src.pin);
  if (before !== undefined) r.argon2 = (before + (await s.argon2Rate!())) / 2;
  return pin;
}
