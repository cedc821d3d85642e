// OATH CSV import (issue 5 "Import"): `serial,secret,algorithm,digits,period|counter`, read as a
// stream (bounded memory whatever the file size), one row per authenticator, each written whole or not at all by import-rows.ts. The secret is
// base32, or hex with a `hex:` prefix; the last field is `period=N` (TOTP), `counter=N` (HOTP) or a
// bare number (TOTP period). A header line starting with `serial` and blank or `#` lines are ignored.
// Errors name the line and the field, never the secret.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { HashAlgorithm } from '../domain/model.js';
import { decodeBase32 } from '../otp/base32.js';
import type { NewAuthenticator } from '../store/store.js';
import { insert, ProblemList, type ImportSummary, type Progress } from './import-rows.js';
import type { AdminServices } from './services.js';

export type { ImportSummary, Progress, RowProblem } from './import-rows.js';

const ALGORITHMS: readonly string[] = ['SHA1', 'SHA256', 'SHA512'];

function parseSecret(text: string): Buffer | string {
  const hex = /^hex:([0-9a-fA-F]+)$/.exec(text);
  if (hex) return hex[1].length % 2 === 0 ? Buffer.from(hex[1], 'hex') : 'the hex secret has an odd number of digits';
  if (!/^[A-Za-z2-7]+=*$/.test(text)) return 'the secret is neither base32 nor hex:...';
  try {
    return decodeBase32(text);
  } catch {
    return 'the secret is not valid base32';
  }
}

function parseCounterOrPeriod(text: string): Pick<NewAuthenticator, 'kind' | 'period' | 'lastStep'> | string {
  const m = /^(?:(period|counter)=)?(\d{1,9})$/.exec(text);
  if (!m) return 'the last field must be period=N, counter=N or a number';
  const n = Number(m[2]);
  if (m[1] === 'counter') return { kind: 'hotp', lastStep: n - 1 };
  return n >= 1 && n <= 600 ? { kind: 'totp', period: n } : 'the period must be 1 to 600 seconds';
}

/** One CSV line → the authenticator to create, or the reason it is refused. */
export function parseCsvRow(line: string): Omit<NewAuthenticator, 'userRef'> | string {
  const fields = line.split(',').map((f) => f.trim());
  if (fields.length !== 5) return `expected 5 fields (serial,secret,algorithm,digits,period|counter), found ${fields.length}`;
  const [serial, secretText, algorithm, digitsText, last] = fields;
  if (!/^[\w.-]{1,64}$/.test(serial)) return 'the serial must be 1 to 64 letters, digits, dots, dashes or underscores';
  const secret = parseSecret(secretText);
  if (typeof secret === 'string') return secret;
  if (secret.length < 10) return 'the secret is shorter than 10 bytes';
  const alg = algorithm.toUpperCase().replace('-', '');
  if (!ALGORITHMS.includes(alg)) return 'the algorithm must be SHA1, SHA256 or SHA512';
  if (!['6', '7', '8'].includes(digitsText)) return 'digits must be 6, 7 or 8';
  const shape = parseCounterOrPeriod(last);
  if (typeof shape === 'string') return shape;
  return { serial, secret, algorithm: alg as HashAlgorithm, digits: Number(digitsText), ...shape };
}

/** The first field when it looks like a serial (to name a refused row), else undefined. */
const serialOf = (line: string): string | undefined => {
  const first = line.split(',')[0].trim();
  return /^[\w.-]{1,64}$/.test(first) ? first : undefined;
};

const ignored = (line: string, n: number): boolean => line.trim() === '' || line.trimStart().startsWith('#') || (n === 1 && /^\s*serial\s*,/i.test(line));

/** The number of lines of a file (the total of a CSV import's progress), counted in one streamed pass. */
export async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) lines++;
    if (bytes.length > 0) last = bytes[bytes.length - 1];
  }
  return last === 0x0a ? lines : lines + 1;
}

/**
 * Imports a CSV file line by line (streamed: memory does not grow with the file); `progress` is told
 * the number of lines read every `every` lines, with `total` when the caller counted them.
 */
export async function importOathCsv(svc: AdminServices, path: string, progress?: Progress, every = 1000, total?: number): Promise<ImportSummary> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  const counts = { imported: 0, skipped: 0, failed: 0 };
  const problems = new ProblemList();
  for await (const line of lines) {
    n++;
    if (n % every === 0) progress?.(n, total);
    if (ignored(line, n)) continue;
    const row = parseCsvRow(line);
    if (typeof row === 'string') {
      counts.failed++;
      problems.push({ line: n, serial: serialOf(line), reason: row });
    } else {
      await insert(svc, row, n, counts, problems);
    }
  }
  return problems.summary(counts);
}
