// The background thread of sqlite-checkpointer.ts: its own connection to the store's SQLite file runs a
// PASSIVE WAL checkpoint at every interval (never waits for locks, never blocks the serving thread's
// readers or writers) and reports failures to the parent. Stops on the message 'stop'.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

interface Settings { readonly file: string; readonly intervalMs: number }

const { file, intervalMs } = workerData as Settings;
const db = new Database(file, { fileMustExist: true });

function checkpoint(): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).message });
  }
}

// Started one interval after the store opened (sqlite-checkpointer.ts): the first checkpoint is due now.
checkpoint();
const timer = setInterval(checkpoint, intervalMs);

parentPort!.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort!.close();
});
