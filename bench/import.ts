// Import benchmark (issue 5 "Import"): writes an OATH CSV of N fresh authenticators (half TOTP, half
// HOTP) and imports it with the real command line (`countersign authenticator import`) into an empty
// SQLite store, showing its progress and reporting the time and rows per second.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeBase32 } from '../src/otp/base32.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

export interface ImportResult { readonly rows: number; readonly seconds: number; readonly rowsPerSecond: number }

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('serial,secret,algorithm,digits,period\n');
  for (let i = 0; i < rows; i++) {
    const line = `IMP${String(i).padStart(8, '0')},${encodeBase32(randomBytes(20))},SHA1,6,${i % 2 ? '30' : 'counter=0'}\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((ok, fail) => out.end((e?: Error | null) => (e ? fail(e) : ok())));
}

function runImport(dir: string, csv: string): Promise<string> {
  const env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'import.db')}`, COUNTERSIGN_DEMO: '0',
    COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'), COUNTERSIGN_LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, [join(ROOT, 'bin/countersign.js'), 'authenticator', 'import', csv, '--progress', '--json'],
    { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
  return new Promise((ok, fail) => child.once('exit', (code) => (code === 0 ? ok(stdout) : fail(new Error(`import exited with ${code}`)))));
}

/** `dir` must hold master.key; the store is created there. */
export async function importBench(dir: string, rows: number, say: (s: string) => void): Promise<ImportResult> {
  const csv = join(dir, 'import.csv');
  say(`- import: writing an OATH CSV of ${rows.toLocaleString('en')} authenticators`);
  await writeCsv(csv, rows);
  say('  importing it with `countersign authenticator import` into an empty SQLite store');
  const start = performance.now();
  const summary = JSON.parse(await runImport(dir, csv)) as { imported: number; failed: number };
  const seconds = (performance.now() - start) / 1000;
  if (summary.imported !== rows || summary.failed !== 0) throw new Error(`import benchmark: ${JSON.stringify(summary)}`);
  const result = { rows, seconds, rowsPerSecond: rows / seconds };
  say(`  imported ${rows.toLocaleString('en')} in ${seconds.toFixed(1)} s (${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s, process start included)`);
  return result;
}
