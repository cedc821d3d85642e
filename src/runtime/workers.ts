// Several worker processes on one port (issue 8, optional multi-core mode): the primary prepares the
// store once (migrations, demo seed, master key), then forks workers that share the HTTP port through
// node:cluster; each worker is a node of its own (all shared state lives in the store).
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';

/** What a worker reports once it listens, so the primary prints one summary. */
export interface WorkerReady { readonly type: 'countersign-ready'; readonly index: number; readonly lines: readonly string[] }

export const WORKER_INDEX_ENV = 'COUNTERSIGN_WORKER_INDEX';

export const workerCount = (configured: number): number => (configured === 0 ? availableParallelism() : configured);

/** The worker's index when this process is a cluster worker, else undefined. */
export function workerIndex(): number | undefined {
  const raw = process.env[WORKER_INDEX_ENV];
  return cluster.isWorker && raw !== undefined ? Number(raw) : undefined;
}

export function reportReady(index: number, lines: readonly string[]): void {
  const message: WorkerReady = { type: 'countersign-ready', index, lines };
  process.send?.(message);
}

const isReady = (m: unknown): m is WorkerReady => (m as WorkerReady | null)?.type === 'countersign-ready';

/**
 * Forks `count` workers, prints the first worker's summary once all listen, restarts a worker that
 * died unexpectedly (after 1 s), and stops them all on SIGINT/SIGTERM.
 */
export function runPrimary(count: number, say: (line: string) => void): void {
  let stopping = false;
  let ready = 0;
  let summary: readonly string[] = [];
  const fork = (index: number): Worker => {
    const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(index) });
    worker.on('message', (m: unknown) => {
      if (!isReady(m)) return;
      if (m.index === 0) summary = m.lines;
      if (++ready > count) return say(`worker ${index} is back (pid ${worker.process.pid})`);
      if (ready !== count) return;
      say(`Countersign: ${count} worker processes (pids ${Object.values(cluster.workers ?? {}).map((w) => w?.process.pid).join(', ')})`);
      summary.forEach(say);
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      say(`worker ${index} (pid ${worker.process.pid}) exited (${signal ?? code}); starting a new one in 1 s`);
      setTimeout(() => { if (!stopping) fork(index); }, 1000).unref();
    });
    return worker;
  };
  for (let i = 0; i < count; i++) fork(i);
  const stop = () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const w of workers) { w?.once('exit', () => { if (--left === 0) process.exit(0); }); w?.kill('SIGTERM'); }
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
