// The RADIUS phases of one `npm run bench` run: Countersign's RADIUS door (PAP, OTP only, Message-
// Authenticator on) at 32 and 256 requests in flight and open-loop at half its saturation rate, and
// FreeRADIUS (PAP from a users file) as the peer, driven by the same load generator at 32 in flight.
import { coresUsed, cpuMark } from './cpu.js';
import { findFreeradius, freeradiusPassword, startFreeradius } from './freeradius.js';
import { benchUser } from './populate.js';
import { peakRssMb, resetPeakRss, serveArgs, startProcess, stopProcess } from './processes.js';
import { radiusEnv, radiusLoad, SECRET, RADIUS_USERS, type RadiusLoadResult } from './radius.js';
import { radiusOpenLoop } from './radius-open-loop.js';
import type { Row, RunResult } from './targets.js';

export interface RadiusSetup { readonly dir: string; readonly durationS: number; readonly say: (s: string) => void }

/** The in-flight count of the comparison with FreeRADIUS (and the saturation figure for the open loop). */
export const RADIUS_IN_FLIGHT = 32;

const toRow = (r: RadiusLoadResult, pid: number, cores: number): Row => ({
  name: r.name, rps: r.rps, p50: r.p50, p99: r.p99, requests: r.requests, successes: r.accepts, errors: r.errors,
  rssMb: peakRssMb(pid), cpuUs: r.rps > 0 ? Math.round((cores * 1e6) / r.rps) : undefined,
});

/** One closed-loop phase with the server's CPU per answer and its peak RSS over the phase. */
async function closedLoop(name: string, pid: number, port: number, inFlight: number, durationS: number, next: () => [string, string]): Promise<Row> {
  resetPeakRss(pid);
  const mark = cpuMark([pid]);
  const r = await radiusLoad(name, port, inFlight, durationS, next);
  return toRow(r, pid, coresUsed(mark).perProcess[0]!);
}

export async function radiusCountersign(s: RadiusSetup, next: () => [string, string], r: RunResult): Promise<void> {
  const server = await startProcess(serveArgs(), radiusEnv(s.dir), /RADIUS listening on udp:\/\/[^:]+:(\d+)/, (m) => m[1]!);
  const pid = server.child.pid!, port = Number(server.url);
  try {
    await radiusLoad('warm-up', port, 64, 2, next);
    for (const n of [RADIUS_IN_FLIGHT, 256] as const) {
      s.say(`- Countersign RADIUS PAP, OTP only, ${n} in flight, ${s.durationS} s`);
      r[n === RADIUS_IN_FLIGHT ? 'radius' : 'radius256'] = await closedLoop(`Countersign RADIUS PAP, OTP only, ${n} in flight`, pid, port, n, s.durationS, next);
    }
    const rate = Math.max(1, Math.round(Math.max(r.radius!.rps, r.radius256!.rps) / 2));
    s.say(`- Countersign RADIUS PAP, OTP only, open loop at ${rate}/s (half the saturation rate), ${s.durationS} s`);
    resetPeakRss(pid);
    const mark = cpuMark([pid]);
    const open = await radiusOpenLoop(`Countersign RADIUS PAP, OTP only, open loop at ${rate}/s`, port, rate, s.durationS, next);
    const cores = coresUsed(mark).perProcess[0]!;
    r.radiusOpen = { ...open, name: `${open.name} (load generator's own delay p99 ${open.generatorDelayP99} ms)`, rssMb: peakRssMb(pid),
      cpuUs: open.rps > 0 ? Math.round((cores * 1e6) / open.rps) : undefined };
  } finally { await stopProcess(server); }
}

/** FreeRADIUS users [0, RADIUS_USERS) in turn with their users-file passwords. */
function freeradiusCredentials(): () => [string, string] {
  let i = 0;
  return () => { const u = i; i = (i + 1) % RADIUS_USERS; return [benchUser(u), freeradiusPassword(u)]; };
}

/** The FreeRADIUS row, or undefined (said plainly) when FreeRADIUS is not installed. */
export async function radiusFreeradius(s: RadiusSetup, r: RunResult): Promise<void> {
  const found = findFreeradius();
  if (!found) {
    s.say('- FreeRADIUS: not installed (Debian: apt-get install freeradius); its row and the RADIUS-vs-FreeRADIUS targets are left out');
    return;
  }
  const fr = await startFreeradius(found.path, found.version, RADIUS_USERS, benchUser, SECRET.toString());
  try {
    const next = freeradiusCredentials();
    await radiusLoad('warm-up', fr.port, 64, 1, next);
    s.say(`- FreeRADIUS ${found.version} PAP from a users file (throwaway instance on 127.0.0.1:${fr.port}), ${RADIUS_IN_FLIGHT} in flight, ${s.durationS} s`);
    r.freeradius = await closedLoop(`FreeRADIUS ${found.version} PAP, users file, ${RADIUS_IN_FLIGHT} in flight`, fr.child.pid!, fr.port, RADIUS_IN_FLIGHT, s.durationS, next);
  } finally { await fr.stop(); }
}
