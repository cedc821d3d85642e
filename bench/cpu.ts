// CPU accounting for the benchmark (Linux /proc): how many cores the machine and each server process
// kept busy between two marks, so throughput is always reported next to the cores it used.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Clock ticks per second of /proc/stat and /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

export interface CpuMark {
  readonly at: number;
  readonly busy: number;
  readonly total: number;
  readonly procs: ReadonlyMap<number, number>;
  readonly self: NodeJS.CpuUsage;
}

function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - fields[3]! - fields[4]!, total };
}

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(after[11]) + Number(after[12]);
  } catch {
    return 0;
  }
}

export function cpuMark(pids: readonly number[]): CpuMark {
  const { busy, total } = machineTicks();
  return { at: performance.now(), busy, total, procs: new Map(pids.map((p) => [p, processTicks(p)])), self: process.cpuUsage() };
}

export interface CoresUsed {
  /** Busy cores of the whole machine (servers, database, load generator, anything else). */
  readonly machine: number;
  /** Busy cores of each server process, in the order of the pids given to cpuMark. */
  readonly perProcess: number[];
  /** Busy cores of this process (the load generator). */
  readonly loadGenerator: number;
  readonly available: number;
}

export function coresUsed(from: CpuMark): CoresUsed {
  const to = cpuMark([...from.procs.keys()]);
  const seconds = (to.at - from.at) / 1000;
  const available = cpus().length;
  const machine = ((to.busy - from.busy) / Math.max(1, to.total - from.total)) * available;
  const perProcess = [...from.procs].map(([pid, t]) => (to.procs.get(pid)! - t) / TICKS / seconds);
  const self = process.cpuUsage(from.self);
  return { machine, perProcess, loadGenerator: (self.user + self.system) / 1e6 / seconds, available };
}

export const formatCores = (c: CoresUsed): string =>
  `${c.machine.toFixed(2)} of ${c.available} (servers ${c.perProcess.map((x) => x.toFixed(2)).join(' + ')}, load generator ${c.loadGenerator.toFixed(2)})`;
