// The one place imported authenticators are written (issue 5 "Import"): OATH CSV rows, PSKC key
// packages and seed documents (the demo seed included) all end here, one row at a time, each row whole
// or not at all, after the same checks (rowProblem); an existing serial is skipped and reported, never
// overwritten.
import type { NewAuthenticator } from '../store/store.js';
import { StoreConflictError } from '../store/errors.js';
import type { AdminServices } from './services.js';

/**
 * A refused or skipped row: its line (1-based; 0 when the reason names its place, as for PSKC
 * packages); `skipped` marks a row whose serial exists already.
 */
export interface RowProblem { readonly line: number; readonly serial?: string; readonly reason: string; readonly skipped?: true }

export interface ImportSummary {
  readonly imported: number;
  /** Rows whose serial already exists (nothing written for them). */
  readonly skipped: number;
  readonly failed: number;
  /** The first problems, in file order (at most MAX_LISTED_FAILED failures and MAX_LISTED_SKIPPED skipped rows). */
  readonly problems: readonly RowProblem[];
  /** Problems counted but not listed (the list is bounded so a huge file's summary stays small). */
  readonly unlisted?: number;
}

/** How far an import has got: `done` of `total` units (CSV lines or PSKC key packages). */
export type Progress = (done: number, total?: number) => void;

export const MAX_LISTED_FAILED = 100;
export const MAX_LISTED_SKIPPED = 20;

/** Where import problems go: an array (the seed, which stops at the first) or a bounded ProblemList. */
export interface ProblemSink { push(p: RowProblem): unknown }

/** The problems of one import, bounded: the first failures and skipped rows are kept, the rest only counted. */
export class ProblemList implements ProblemSink {
  readonly list: RowProblem[] = [];
  unlisted = 0;
  private failed = 0;
  private skipped = 0;

  push(p: RowProblem): void {
    const kept = p.skipped ? this.skipped++ < MAX_LISTED_SKIPPED : this.failed++ < MAX_LISTED_FAILED;
    if (kept) this.list.push(p);
    else this.unlisted++;
  }

  /** The summary of an import with these counts. */
  summary(counts: { imported: number; skipped: number; failed: number }): ImportSummary {
    return { ...counts, problems: this.list, ...(this.unlisted > 0 ? { unlisted: this.unlisted } : {}) };
  }
}

const SERIAL = /^[\w.-]{1,64}$/;
const MIN_SECRET_BYTES = 10;

/**
 * The rules every imported authenticator meets, whatever its file format; undefined when it does. (CSV
 * and PSKC readers report their own field errors first; this is the common floor.)
 */
export function rowProblem(row: NewAuthenticator): string | undefined {
  if (!SERIAL.test(row.serial)) return 'the serial must be 1 to 64 letters, digits, dots, dashes or underscores';
  if (row.kind !== 'push' && row.kind !== 'virtual' && row.secret.length < MIN_SECRET_BYTES) return `the secret is shorter than ${MIN_SECRET_BYTES} bytes`;
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
  counts: { imported: number; skipped: number }, problems: ProblemSink, where = ''): Promise<void> {
  try {
    await svc.store.createAuthenticator({ ...row, userRef: row.userRef ?? null });
    counts.imported++;
  } catch (e) {
    if (!(e instanceof StoreConflictError)) throw e;
    counts.skipped++;
    problems.push({ line, serial: row.serial, reason: `${where}an authenticator with this serial exists already (skipped)`, skipped: true });
  }
}
