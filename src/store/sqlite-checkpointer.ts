// WAL checkpoints of the embedded SQLite store off the serving thread (spec: design.md "store").
// SQLite's automatic checkpoint runs inside the commit that crosses its threshold and copies the whole
// WAL into the database file, fsyncs included: every few hundred milliseconds under load, one commit
// (and every request waiting on it) stalled for milliseconds. Serving nodes instead checkpoint from a
// worker thread; the serving connection keeps an automatic checkpoint only as a far-off safety net.
import { Worker } from 'node:worker_threads';

/** How often the worker checkpoints. */
export const CHECKPOINT_INTERVAL_MS = 1000;
/** WAL pages after which the serving connection checkpoints itself anyway (about 40 MB). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

export interface Checkpointer { stop(): Promise<void> }

interface PragmaTarget { pragma(source: string): unknown }

/**
 * Checkpoints `file` in the background and raises the automatic checkpoint threshold of `serving` (the
 * store's own connection) at once. The thread starts one interval after the store opens (its first
 * checkpoint was due then anyway), so a store open for less (a command line run, a replay case) never
 * pays for starting a thread. `onError` hears of failed checkpoints; if the thread dies, the serving
 * connection goes back to SQLite's default automatic checkpoints.
 */
export function startCheckpointer(file: string, serving: PragmaTarget, onError: (message: string) => void = () => undefined,
  intervalMs = CHECKPOINT_INTERVAL_MS): Checkpointer {
  serving.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  let stopping = false;
  let thread: { worker: Worker; exited: Promise<void> } | undefined;
  const start = setTimeout(() => { thread = startThread(file, serving, onError, intervalMs, () => stopping); }, intervalMs);
  start.unref();
  return {
    stop() {
      stopping = true;
      clearTimeout(start);
      if (!thread) return Promise.resolve();
      thread.worker.ref();
      thread.worker.postMessage('stop');
      return thread.exited;
    },
  };
}

function startThread(file: string, serving: PragmaTarget, onError: (message: string) => void, intervalMs: number,
  stopping: () => boolean): { worker: Worker; exited: Promise<void> } {
  const worker = new Worker(new URL('./sqlite-checkpoint-worker.js', import.meta.url), { workerData: { file, intervalMs } });
  worker.on('message', (m: { error?: string }) => { if (m.error) onError(`WAL checkpoint failed: ${m.error}`); });
  worker.on('error', (err) => onError(`WAL checkpoint thread failed: ${err.message}`));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => {
    if (!stopping()) {
      try { serving.pragma('wal_autocheckpoint = 1000'); } catch { /* the store is already closed */ }
    }
    resolve();
  }));
  worker.unref();
  return { worker, exited };
}
