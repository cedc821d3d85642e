// One measured closed-loop phase against a server process: a warm-up (not counted), then the phase
// (bench/http-load.ts), with the server's CPU time per request (all its threads, from /proc) and its
// peak RSS during the phase (VmHWM reset at the start), both over the measured window only.
import { coresUsed, cpuMark } from './cpu.js';
import { runPhase, type PhaseResult } from './load.js';
import { peakRssMb, resetPeakRss, type Proc } from './processes.js';

export interface PhaseOptions {
  readonly connections: number;
  readonly durationS: number;
  /** Seconds of the same load before the measured part (JIT, caches); 0 for none. */
  readonly warmUpS?: number;
  /** Text every expected answer holds (default RET_SUCCESS). */
  readonly expect?: string;
}

export async function measured(name: string, proc: Proc, o: PhaseOptions, body: () => string): Promise<PhaseResult> {
  const pid = proc.child.pid!;
  if (o.warmUpS) await runPhase('warm-up', proc.url, o.connections, o.warmUpS, body, o.expect);
  let mark = cpuMark([pid]);
  const r = await runPhase(name, proc.url, o.connections, o.durationS, body, o.expect, () => { resetPeakRss(pid); mark = cpuMark([pid]); });
  const cores = coresUsed(mark).perProcess[0]!;
  return { ...r, rssMb: peakRssMb(pid), cpuUs: r.rps > 0 ? Math.round((cores * 1e6) / r.rps) : undefined };
}
