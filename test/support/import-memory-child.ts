// Child process of the import memory test (test/admin/import-memory.test.ts): imports one file (PSKC
// or CSV) into a new SQLite store and prints, as one JSON line, the resident memory before the import
// and the process's peak (process.resourceUsage().maxRSS), with the import summary's counts.
import { importOathCsv } from '../../src/admin/import-csv.js';
import { importPskc } from '../../src/admin/import-pskc.js';
import { openStore } from '../../src/store/store.js';
import { fastHasher } from './engine-harness.js';

const [file, db] = process.argv.slice(2);
const store = await openStore(`sqlite:${db}`, { masterKey: Buffer.alloc(32, 7) });
const svc = { store, hasher: fastHasher(), clock: { now: () => 0 }, random: { bytes: (n: number) => Buffer.alloc(n, 3) } };
const before = process.memoryUsage().rss;
const summary = file.endsWith('.csv') ? await importOathCsv(svc, file) : await importPskc(svc, file);
const peak = process.resourceUsage().maxRSS * 1024;
await store.close();
process.stdout.write(`${JSON.stringify({
  before, peak, imported: summary.imported, skipped: summary.skipped, failed: summary.failed,
  listed: summary.problems.length, unlisted: summary.unlisted ?? 0,
})}\n`);
