// Audit retention benchmark (docs/operations/audit-retention.md): fills a fresh store with N audit records
// older than the retention bound (plus newer ones and some administrative records), then purges it with the
// serving nodes' loop (src/runtime/audit-retention.ts) and reports how long each batch took: on SQLite that
// is how long it held the write lock (and, in-process, the event loop). On a SQLite file a second connection
// in a worker thread writes one audit row every 2 ms meanwhile, as another node would, and reports its waits.
//   node dist/bench/audit-purge.js [--rows 1000000] [--batch 1000,5000,10000] [--pauses] [--database postgres://...]
// Without --pauses the batches run back to back (the cost of deleting); with it, with the real pauses.
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
const ms = (n: number) => `${n.toFixed(1)} ms`;
const summary = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return `median ${ms(q(s, 0.5))}, p99 ${ms(q(s, 0.99))}, max ${ms(s[s.length - 1] ?? 0)}`; };

async function measure(url: string, rows: number, batch: number, pauses: boolean, say: (s: string) => void): Promise<void> {
  const store = await openStore(url, { masterKey: Buffer.alloc(32, 7), backgroundCheckpoints: true }) as TypeOrmStore;
  if (store.dialect === 'postgres') await store.dataSource.query('TRUNCATE audit_log');
  let fillS = performance.now();
  await fill(store, rows);
  fillS = (performance.now() - fillS) / 1000;
  const file = store.dialect === 'sqlite' ? url.slice('sqlite:'.length) : undefined;
  const writer = file ? startWriter(file) : undefined;
  const times: number[] = [];
  const timed: Pick<Store, 'purgeAudit'> = {
    purgeAudit: async (kind, before, limit) => { const t = performance.now(); const n = await store.purgeAudit(kind, before, limit); times.push(performance.now() - t); return n; },
  };
  const start = performance.now();
  const counts = await purgeAuditRecords(timed, { other: BOUND, administrative: BOUND }, noCounts(), { batch, sleep: pauses ? undefined : async () => undefined });
  const seconds = (performance.now() - start) / 1000;
  const waits = await writer?.stop();
  const left = (await store.countAudit('other', BOUND)) + (await store.countAudit('administrative', BOUND));
  say(`- ${store.dialect}, batch ${batch.toLocaleString('en')}: filled ${(rows * 1.1).toLocaleString('en')} rows in ${fillS.toFixed(1)} s; purged ${(counts.other + counts.administrative).toLocaleString('en')} `
    + `(${left} left) in ${counts.batches} batches, ${seconds.toFixed(1)} s ${pauses ? 'with' : 'without'} pauses (${Math.round((counts.other + counts.administrative) / seconds).toLocaleString('en')} rows/s)`);
  say(`  each batch: ${summary(times)}`);
  if (waits) say(`  a second connection's audit INSERTs meanwhile (${waits.length}): ${summary(waits)}`);
  await store.close();
}

async function main(): Promise<void> {
  const rows = Number(arg('rows', '1000000'));
  const batches = arg('batch', '1000,5000,10000').split(',').map(Number);
  const pauses = process.argv.includes('--pauses');
  const database = arg('database', '');
  const say = (s: string) => process.stdout.write(`${s}\n`);
  for (const batch of batches) {
    const dir = database ? undefined : mkdtempSync(join(tmpdir(), 'countersign-purge-bench-'));
    try {
      await measure(database || `sqlite:${join(dir!, 'audit.db')}`, rows, batch, pauses, say);
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }
}

await main();
