// Console API, imports (issue 21): a PSKC or OATH CSV file uploaded as the request body (at most
// COUNTERSIGN_CONSOLE_MAX_UPLOAD_BYTES, streamed to an owner-only temporary file), imported by the same
// use cases as `countersign import` in the background; the page polls the job for its progress (done
// of total, rate, ETA) and its one bounded summary. Jobs are per administrator, few, and forgotten.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { countLines, importOathCsv } from '../../admin/import-csv.js';
import { importPskc } from '../../admin/import-pskc.js';
import type { ImportSummary } from '../../admin/import-rows.js';
import { fail, succeed } from '../../admin/services.js';
import { ConsoleError, textParam } from './http.js';
import { adminOf, audited, type Call, type Route } from './route.js';
import type { Job } from './jobs.js';

/** Streams the body to `path`, refusing (413) past `max` bytes; nothing of a refused body is kept. */
async function receive(call: Call, path: string, max: number): Promise<number> {
  if (Number(call.req.headers['content-length'] ?? 0) > max) throw new ConsoleError(413, 'INVDATA', `The file is larger than ${max} bytes (COUNTERSIGN_CONSOLE_MAX_UPLOAD_BYTES); use countersign import`);
  let size = 0;
  const limit = new Transform({ transform(chunk: Buffer, _enc, done) {
    size += chunk.length;
    done(size > max ? new ConsoleError(413, 'INVDATA', `The file is larger than ${max} bytes (COUNTERSIGN_CONSOLE_MAX_UPLOAD_BYTES); use countersign import`) : null, chunk);
  } });
  try {
    await pipeline(call.req, limit, createWriteStream(path, { mode: 0o600 }));
  } catch (e) {
    throw e instanceof ConsoleError ? e : new ConsoleError(400, 'INVDATA', 'The upload did not complete; send the file again');
  }
  return size;
}

/** The PSKC key headers: X-Pskc-Password, or X-Pskc-Key (hex pre-shared key). */
function pskcKeys(call: Call): { psk?: Buffer; password?: string } {
  const password = call.req.headers['x-pskc-password'];
  const key = call.req.headers['x-pskc-key'];
  if (typeof key === 'string' && key !== '' && !/^(?:[0-9a-fA-F]{2}){16,32}$/.test(key.trim())) throw new ConsoleError(400, 'INVDATA', 'X-Pskc-Key must be a hexadecimal pre-shared key (32, 48 or 64 hex digits)');
  return { ...(typeof key === 'string' && key !== '' ? { psk: Buffer.from(key.trim(), 'hex') } : {}), ...(typeof password === 'string' && password !== '' ? { password } : {}) };
}

async function run(call: Call, job: Job, format: string, path: string, keys: ReturnType<typeof pskcKeys>): Promise<ImportSummary> {
  const svc = call.deps.admin;
  if (format === 'pskc') return importPskc(svc, path, { ...keys, progress: (done, total) => job.progress(done, total) });
  const total = await countLines(path);
  job.progress(0, total);
  const summary = await importOathCsv(svc, path, (done) => job.progress(done, total), Math.max(1, Math.floor(total / 100)), total);
  job.progress(total, total);
  return summary;
}

async function start(call: Call) {
  const format = textParam(call.url, 'format') ?? '';
  if (format !== 'csv' && format !== 'pskc') throw new ConsoleError(400, 'INVDATA', 'format must be csv or pskc');
  const owner = adminOf(call).admin.id;
  const keys = pskcKeys(call);
  const job = call.deps.jobs.open(owner, format, call.deps.clock);
  if (!job) throw new ConsoleError(429, 'RATE_LIMITED', 'Two imports are already running on this node; wait for one to finish');
  const dir = await mkdtemp(join(tmpdir(), 'countersign-import-'));
  const path = join(dir, `upload.${format}`);
  try {
    await receive(call, path, call.deps.maxUploadBytes);
  } catch (e) {
    job.fail('upload refused');
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  void run(call, job, format, path, keys)
    .then(async (s) => {
      job.finish(s);
      const outcome = s.failed === 0 ? succeed(s) : fail('INVDATA', `${s.failed} row(s) refused`);
      await audited(call, 'import', `${format}: ${s.imported} imported, ${s.skipped} skipped, ${s.failed} failed`, outcome);
    })
    .catch((e: unknown) => { job.fail('the import stopped on an unexpected error'); call.deps.log.error({ error: { message: (e as Error).message } }, 'console import failed'); })
    .finally(() => rm(dir, { recursive: true, force: true }));
  return { http: 202, body: job.view() };
}

async function status(call: Call) {
  const job = call.deps.jobs.find(call.params.id ?? '', adminOf(call).admin.id);
  if (!job) throw new ConsoleError(404, 'NOT_FOUND', 'No such import (an import is kept 10 minutes after it ends)');
  return { http: 200, body: job.view() };
}

export const IMPORT_ROUTES: readonly Route[] = [
  { method: 'POST', path: '/imports', operationId: 'consoleImportStart', summary: 'Upload a PSKC or OATH CSV file (the body) and start importing it; poll the job',
    query: { format: '`csv` or `pskc`' }, answer: 'ConsoleImportJob',
    upload: { contentType: 'application/octet-stream', description: 'The file. Encrypted PSKC: header X-Pskc-Password or X-Pskc-Key (hex)' }, handle: start },
  { method: 'GET', path: '/imports/{id}', operationId: 'consoleImportStatus', summary: 'An import: progress (done of total, rate, ETA) and, once ended, its summary',
    answer: 'ConsoleImportJob', handle: status },
];
