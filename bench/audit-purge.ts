// Audit retention benchmark (docs/operations/audit-retention.md): fills a fresh store with N audit records
// older than the retention bound (plus newer ones and some administrative records), then purges it with the
// serving nodes' loop (src/runtime/audit-retention.ts) and reports how long each batch took: on SQLite that
// is how long it held the write lock (and, in-process, the event loop). On a SQLite file a second connection
// in a worker thread writes one audit row every 2 ms meanwhile, as another node would, and reports its waits.
//   node dist/bench/audit-purge.js [--rows 1000000] [--batch 1000,5000,10000] [--pauses] [--records N] [--database postgres://...]
// Without --pauses the batches run back to back (the cost of deleting); with it, with the real pauses.
// --records N: fill once, then let each batch size purge N of the oldest records in turn (large tables).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DAY_MS, noCounts, purgeAuditRecords } from '../src/runtime/audit-retention.js';
import { openStore, type Store } from '../src/store/store.js';
import type { TypeOrmStore } from '../src/store/typeorm-store.js';

const NOW = Date.UTC(2026, 5, 1);
const BOUND = NOW - 365 * DAY_MS;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/**
 * `rows` records spread over the two years before the bound, one in 1000 administrative, and rows/10 newer
 * ones after it, written by one INSERT ... SELECT over a recursive counter (SQLite and PostgreSQL alike).
 */
async function fill(store: TypeOrmStore, rows: number): Promise<void> {
  const pg = store.dialect === 'postgres';
  const big = pg ? '::bigint' : '';
  const insert = (n: number, from: number, step: number) => `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${n})
    INSERT INTO audit_log (at, door, component_type, domain, user_id, serial_no, status, status_code, source_address, detail)
    SELECT ${from}${big} + i${big} * ${step}, 'radius', CASE WHEN i % 1000 = 0 THEN 'Administration' ELSE 'RADIUS Client' END, 'master',
      'user' || (i % 100000), 'VDS' || (i % 100000), CASE WHEN i % 7 = 0 THEN 'OTP_INCORRECT' ELSE 'SUCCESS' END,
      CASE WHEN i % 7 = 0 THEN 1011 ELSE 0 END, '10.0.' || (i % 250) || '.' || (i % 200), CASE WHEN i % 7 = 0 THEN 'wrong OTP' ELSE NULL END FROM c`;
  const span = 2 * 365 * DAY_MS;
  for (let done = 0; done < rows; done += 250_000) {
    const n = Math.min(250_000, rows - done);
    await store.dataSource.query(insert(n, BOUND - span + Math.floor((done * span) / rows), Math.floor(span / rows)));
  }
  await store.dataSource.query(insert(Math.ceil(rows / 10), BOUND + 1000, 1000));
  if (pg) await store.dataSource.query('VACUUM (ANALYZE) audit_log');
}

/** A second SQLite connection writing one audit row every 2 ms; resolves to its write latencies (ms) when stopped. */
function startWriter(file: string): { stop(): Promise<number[]> } {
  const code = `const { parentPort, workerData } = require('node:worker_threads');
const db = new (require(workerData.driver))(workerData.file); db.pragma('busy_timeout = 5000'); db.pragma('synchronous = NORMAL');
const ins = db.prepare("INSERT INTO audit_log (at, door, component_type, status, status_code) VALUES (?, 'soap', 'SOAP Auth Client', 'SUCCESS', 0)");
const waits = []; let stop = false; parentPort.on('message', () => { stop = true; });
const tick = () => { if (stop) { db.close(); parentPort.postMessage(waits); return; } const t = performance.now(); ins.run(${NOW}); waits.push(performance.now() - t); setTimeout(tick, 2); };
tick();`;
  const worker = new Worker(code, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
  return { stop: () => new Promise((ok) => { worker.once('message', (waits: number[]) => { void worker.terminate(); ok(waits); }); worker.postMessage('stop'); }) };
}

const q = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const summary = (xs: number[], unit = ' ms') => {
  const s = [...xs].sort((a, b) => a - b);
  const f = (n: number) => (unit ? `${n.toFixed(1)}${unit}` : String(n));
  return `median ${f(q(s, 0.5))}, p99 ${f(q(s, 0.99))}, max ${f(s[s.length - 1] ?? 0)}`;
};

interface Run { readonly batch: number; readonly pauses: boolean; readonly records?: number }

/** Purges `run.records` of the oldest records (all when absent) and reports the batches and a second connection's waits. */
async function purge(store: TypeOrmStore, run: Run, say: (s: string) => void): Promise<void> {
  const file = store.dialect === 'sqlite' ? store.dataSource.options.database as string : undefined;
  const writer = file ? startWriter(file) : undefined;
  const times: number[] = [];
  const sizes: number[] = [];
  const timed: Pick<Store, 'purgeAudit'> = {
    purgeAudit: async (kind, before, limit) => {
      const t = performance.now();
      const n = await store.purgeAudit(kind, before, limit);
      times.push(performance.now() - t);
      sizes.push(limit);
      return n;
    },
  };
  const enough = new AbortController();
  const start = performance.now();
  const counts = await purgeAuditRecords(timed, { other: BOUND, administrative: BOUND }, noCounts(), {
    batch: run.batch, signal: enough.signal, sleep: run.pauses ? undefined : async () => undefined,
    onBatch: () => { if (run.records !== undefined && sizes.reduce((a, b) => a + b, 0) >= run.records) enough.abort(); },
  });
  const seconds = (performance.now() - start) / 1000;
  const waits = await writer?.stop();
  const deleted = counts.other + counts.administrative;
  say(`- ${store.dialect}, batches of at most ${run.batch.toLocaleString('en')} ${run.pauses ? 'with' : 'without'} pauses: purged ${deleted.toLocaleString('en')} `
    + `in ${counts.batches} batches (sizes: ${summary(sizes, '')}), ${seconds.toFixed(1)} s (${Math.round(deleted / seconds).toLocaleString('en')} records/s)`);
  say(`  each batch: ${summary(times)}`);
  if (waits) say(`  a second connection's audit INSERTs meanwhile (${waits.length}): ${summary(waits)}`);
}

async function fresh(url: string, rows: number, say: (s: string) => void): Promise<TypeOrmStore> {
  const store = await openStore(url, { masterKey: Buffer.alloc(32, 7), backgroundCheckpoints: true }) as TypeOrmStore;
  if (store.dialect === 'postgres') await store.dataSource.query('TRUNCATE audit_log');
  const start = performance.now();
  await fill(store, rows);
  say(`- ${store.dialect}: filled ${Math.round(rows * 1.1).toLocaleString('en')} records in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return store;
}

/**
 * Without --records, each batch size purges a freshly filled store of all its due records; with it, one
 * store is filled and each batch size purges that many of its oldest records in turn.
 */
async function main(): Promise<void> {
  const rows = Number(arg('rows', '1000000'));
  const batches = arg('batch', '1000,5000,10000').split(',').map(Number);
  const pauses = process.argv.includes('--pauses');
  const records = process.argv.includes('--records') ? Number(arg('records', '0')) : undefined;
  const database = arg('database', '');
  const say = (s: string) => process.stdout.write(`${s}\n`);
  const dir = database ? undefined : mkdtempSync(join(tmpdir(), 'countersign-purge-bench-'));
  const url = database || `sqlite:${join(dir!, 'audit.db')}`;
  try {
    let store = records === undefined ? undefined : await fresh(url, rows, say);
    for (const batch of batches) {
      if (records === undefined) { await store?.close(); rmSync(join(dir ?? '', 'audit.db'), { force: true }); store = await fresh(url, rows, say); }
      await purge(store!, { batch, pauses, records }, say);
    }
    await store?.close();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
