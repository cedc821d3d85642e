// Several worker processes on one port (issue 8, optional multi-core mode): the primary prepares the
// store once (migrations, demo seed, master key), then forks workers that share the HTTP port through
// node:cluster; each worker is a node of its own (all shared state lives in the store). The primary
// never exits while it serves (issue 16): a worker that dies is replaced after a back-off that doubles
// while it keeps dying young (capped), a crash loop is logged; SIGTERM/SIGINT go to the workers, and
// the primary exits 0 once they have stopped (or were killed past the stop timeout).
import cluster, { type Worker } from 'node:cluster';
import { createServer, type AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';

/** What a worker reports once it listens, so the primary prints one summary. */
export interface WorkerReady { readonly type: 'countersign-ready'; readonly index: number; readonly lines: readonly string[] }

export const WORKER_INDEX_ENV = 'COUNTERSIGN_WORKER_INDEX';
/** The HTTP port the primary chose for its workers (when configured as 0), ahead of any other setting. */
export const WORKER_HTTP_PORT_ENV = 'COUNTERSIGN_WORKER_HTTP_PORT';

export const workerCount = (configured: number): number => (configured === 0 ? availableParallelism() : configured);

/** The worker's index when this process is a cluster worker, else undefined. */
export function workerIndex(): number | undefined {
  const raw = process.env[WORKER_INDEX_ENV];
  return cluster.isWorker && raw !== undefined ? Number(raw) : undefined;
}

/** The port a worker must listen on when its primary chose one. */
export const workerHttpPort = (): string | undefined => (cluster.isWorker ? process.env[WORKER_HTTP_PORT_ENV] : undefined);

/**
 * A free TCP port for the workers when the configured one is 0: each worker listening on 0 would be
 * handed the primary's shared handle, but once every worker died node:cluster closes that handle and
 * the next worker would get a new random port (clients would lose the server).
 */
export function pickPort(host: string): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => ok(port));
    });
  });
}

export function reportReady(index: number, lines: readonly string[]): void {
  const message: WorkerReady = { type: 'countersign-ready', index, lines };
  process.send?.(message);
}

const isReady = (m: unknown): m is WorkerReady => (m as WorkerReady | null)?.type === 'countersign-ready';

export interface RestartPolicy {
  /** Delay before the first restart of a worker that died. */
  readonly firstDelayMs: number;
  /** The delay doubles per consecutive early death, up to this. */
  readonly maxDelayMs: number;
  /** A worker that lived this long was healthy: its next restart starts from firstDelayMs again. */
  readonly healthyAfterMs: number;
  /** This many early deaths in a row is a crash loop (logged at every further death). */
  readonly crashLoopAfter: number;
}

/** 1 s, 2 s, 4 s ... 60 s (systemd's RestartSec and Kubernetes' CrashLoopBackOff work alike). */
export const DEFAULT_RESTART: RestartPolicy = { firstDelayMs: 1000, maxDelayMs: 60_000, healthyAfterMs: 30_000, crashLoopAfter: 5 };

export interface PrimaryOptions {
  readonly restart?: RestartPolicy;
  /** How long SIGTERM/SIGINT waits for the workers before killing those left. */
  readonly stopTimeoutMs: number;
  /** Extra environment of every worker. */
  readonly env?: Readonly<Record<string, string>>;
}

/** The delay before restart number `early` + 1 of a worker that died young `early` times in a row. */
export const restartDelay = (p: RestartPolicy, early: number): number => Math.min(p.maxDelayMs, p.firstDelayMs * 2 ** Math.min(early, 30));

/**
 * Forks `count` workers, prints the first worker's summary once all listen, restarts a worker that
 * died (back-off), and stops them all on SIGINT/SIGTERM.
 */
export function runPrimary(count: number, say: (line: string) => void, opts: PrimaryOptions): void {
  const policy = opts.restart ?? DEFAULT_RESTART;
  const early = new Array<number>(count).fill(0);
  const pending = new Set<NodeJS.Timeout>();
  let stopping = false;
  let ready = 0;
  let summary: readonly string[] = [];
  const onReady = (index: number, worker: Worker) => (m: unknown) => {
    if (!isReady(m)) return;
    if (m.index === 0) summary = m.lines;
    if (++ready > count) return say(`worker ${index} is back (pid ${worker.process.pid})`);
    if (ready !== count) return;
    say(`Countersign: ${count} worker processes (pids ${Object.values(cluster.workers ?? {}).map((w) => w?.process.pid).join(', ')})`);
    summary.forEach(say);
  };
  const died = (index: number, pid: number | undefined, why: string, startedAt: number) => {
    if (stopping) return;
    early[index] = Date.now() - startedAt >= policy.healthyAfterMs ? 0 : early[index]! + 1;
    const delay = restartDelay(policy, Math.max(0, early[index]! - 1));
    say(`worker ${index} (pid ${pid ?? 'none'}) exited (${why}); starting a new one in ${delay / 1000} s`);
    if (early[index]! >= policy.crashLoopAfter) {
      say(`ERROR: worker ${index} is in a crash loop: ${early[index]} exits in a row, each within ${policy.healthyAfterMs / 1000} s of its start; restarts back off up to ${policy.maxDelayMs / 1000} s. Its output above says why.`);
    }
    // Not unref'ed: this timer is what keeps the primary alive while no worker runs.
    const timer = setTimeout(() => { pending.delete(timer); if (!stopping) fork(index); }, delay);
    pending.add(timer);
  };
  const fork = (index: number): void => {
    const startedAt = Date.now();
    let worker: Worker;
    try { worker = cluster.fork({ ...opts.env, [WORKER_INDEX_ENV]: String(index) }); } catch (e) {
      return died(index, undefined, `fork failed: ${(e as Error).message}`, startedAt);
    }
    let gone = false;
    const once = (why: string) => { if (!gone) { gone = true; died(index, worker.process.pid, why, startedAt); } };
    worker.on('message', onReady(index, worker));
    // A failed spawn emits 'error' and no 'exit'; any other worker error is followed by 'exit'.
    worker.on('error', (e: NodeJS.ErrnoException) => { if (worker.process.pid === undefined) once(`fork failed: ${e.code ?? e.message}`); });
    worker.on('exit', (code, signal) => once(String(signal ?? code)));
  };
  for (let i = 0; i < count; i++) fork(i);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return; // a second signal (a terminal sends SIGINT to the whole group) changes nothing
    stopping = true;
    pending.forEach(clearTimeout);
    stopWorkers(signal, opts.stopTimeoutMs, say);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Passes `signal` to every worker, waits for all to exit (at most `timeoutMs`, then SIGKILL), exits 0. */
function stopWorkers(signal: NodeJS.Signals, timeoutMs: number, say: (line: string) => void): void {
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && w.process.exitCode === null);
  let left = workers.length;
  if (left === 0) process.exit(0);
  say(`${signal}: stopping ${left} worker process${left === 1 ? '' : 'es'} (waiting up to ${timeoutMs / 1000} s)`);
  const deadline = setTimeout(() => {
    const stuck = workers.filter((w) => w.process.exitCode === null && w.process.signalCode === null);
    say(`WARNING: ${stuck.length} worker(s) still running after ${timeoutMs / 1000} s (pids ${stuck.map((w) => w.process.pid).join(', ')}): killed`);
    stuck.forEach((w) => w.process.kill('SIGKILL'));
  }, timeoutMs);
  for (const w of workers) {
    w.once('exit', () => { if (--left === 0) { clearTimeout(deadline); process.exit(0); } });
    // Straight to the process: worker.kill() would first disconnect it, closing its listener before
    // the worker's own signal handler could drain it.
    w.process.kill(signal);
  }
}
