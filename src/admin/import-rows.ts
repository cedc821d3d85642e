// The one place imported authenticators are written (issue 5 "Import"): OATH CSV rows, PSKC key
// packages and seed documents (the demo seed included) all end here, one row at a time, each row whole
// or not at all, after the same checks (rowProblem); an existing serial is skipped and reported, never
// overwritten.
import type { NewAuthenticator } from '../store/store.js';
import { StoreConflictError } from '../store/errors.js';
import type { AdminServices } from './services.js';

/** A refused row: its line (1-based; 0 when the reason names its place, as for PSKC packages). */
export interface RowProblem { readonly line: number; readonly serial?: string; readonly reason: string }

export interface ImportSummary {
  readonly imported: number;
  /** Rows whose serial already exists (nothing written for them). */
  readonly skipped: number;
  readonly failed: number;
  readonly problems: readonly RowProblem[];
}

export type Progress = (rowsDone: number) => void;

const SERIAL = /^[\w.-]{1,64}$/;
const MIN_SECRET_BYTES = 10;

/**
 * The rules every imported authenticator meets, whatever its file format; undefined when it does. (CSV
 * and PSKC readers report their own field errors first; this is the common floor.)
 */
export function rowProblem(row: NewAuthenticator): string | undefined {
  if (!SERIAL.test(row.serial)) return 'the serial must be 1 to 64 letters, digits, dots, dashes or underscores';
  if (row.kind !== 'push' && row.secret.length < MIN_SECRET_BYTES) return `the secret is shorter than ${MIN_SECRET_BYTES} bytes`;
  if ((row.kind === 'hotp' || row.kind === 'totp') && row.digits !== undefined && ![6, 7, 8].includes(row.digits)) return 'digits must be 6, 7 or 8';
  if (row.kind === 'totp' && row.period !== undefined && (row.period < 1 || row.period > 600)) return 'the period must be 1 to 600 seconds';
  return undefined;
}

/**
 * Writes one imported authenticator (unassigned unless the row names its user) whole or not at all; an
 * existing serial is skipped and reported. `where` prefixes the reason (e.g. "KeyPackage 3: ") when a
 * line number says too little.
 */
export async function insert(svc: Pick<AdminServices, 'store'>, row: NewAuthenticator, line: number,
  counts: { imported: number; skipped: number }, problems: RowProblem[], where = ''): Promise<void> {
  try {
    await svc.store.createAuthenticator({ ...row, userRef: row.userRef ?? null });
    counts.imported++;
  } catch (e) {
    if (!(e instanceof StoreConflictError)) throw e;
    counts.skipped++;
    problems.push({ line, serial: row.serial, reason: `${where}an authenticator with this serial exists already (skipped)` });
  }
}
