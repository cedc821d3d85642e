// Online backup of a SQLite store (issue 17 "backups"): SQLite's backup API (better-sqlite3's
// `db.backup()`) copies a consistent snapshot while serving nodes keep reading and writing the file.
// The copy is written to an owner-only (0600) temporary file beside the target, checked, then moved
// into place, so a failed or interrupted backup never leaves a half-written file under the target name.
import Database from 'better-sqlite3';
import { closeSync, existsSync, linkSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

export interface BackupProgress { readonly totalPages: number; readonly remainingPages: number }

export interface BackupOptions {
  /** Replace an existing target file (default: refuse). */
  readonly force?: boolean;
  readonly onProgress?: (p: BackupProgress) => void;
  /** Pages copied per step at first (default 1000); after a restart the rest is copied in one step. */
  readonly pagesPerStep?: number;
}

export interface BackupResult { readonly file: string; readonly pages: number; readonly bytes: number }

/** A backup refused for a reason the operator can fix (target exists, source missing); the message says how. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const BUSY_TIMEOUT_MS = 5000;

function openSource(source: string): Database.Database {
  if (!existsSync(source)) throw new BackupError(`the SQLite store ${source} does not exist (check COUNTERSIGN_DATABASE)`);
  const db = new Database(source, { fileMustExist: true });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}

/**
 * Steps through the backup. SQLite restarts a backup whose source another connection changed between
 * two steps; a restart (more pages remaining than before) switches to copying the rest in one step,
 * which holds one read snapshot (a WAL reader blocks no writer), so a busy server cannot starve it.
 */
async function copy(db: Database.Database, tmp: string, o: BackupOptions): Promise<number> {
  let remaining = Infinity;
  const result = await db.backup(tmp, {
    progress: (p) => {
      o.onProgress?.(p);
      const restarted = p.remainingPages > remaining;
      remaining = p.remainingPages;
      return restarted ? 0x7fffffff : Math.max(1, o.pagesPerStep ?? 1000);
    },
  });
  o.onProgress?.({ totalPages: result.totalPages, remainingPages: 0 });
  return result.totalPages;
}

/** Checks the copy opens and is sound (`PRAGMA quick_check`), and leaves it as one file (no -wal). */
function check(tmp: string): void {
  const copyDb = new Database(tmp, { fileMustExist: true });
  try {
    const rows = copyDb.pragma('quick_check') as { quick_check: string }[];
    if (rows[0]?.quick_check !== 'ok') throw new Error(`the copy failed its check: ${rows.map((r) => r.quick_check).join('; ')}`);
    copyDb.pragma('journal_mode = DELETE');
  } finally {
    copyDb.close();
  }
}

/** Moves the checked copy to `target`: atomically refusing an existing file unless `force`. */
function place(tmp: string, target: string, force: boolean): void {
  if (force) {
    renameSync(tmp, target);
    return;
  }
  try {
    linkSync(tmp, target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new BackupError(`${target} exists already; choose another file or pass --force to replace it`);
    throw e;
  }
  rmSync(tmp);
}

/** Copies the SQLite store at `source` to `target` (mode 0600) while the server may be running. */
export async function backupSqlite(source: string, target: string, o: BackupOptions = {}): Promise<BackupResult> {
  if (!o.force && existsSync(target)) throw new BackupError(`${target} exists already; choose another file or pass --force to replace it`);
  if (!existsSync(dirname(target))) throw new BackupError(`the folder ${dirname(target)} does not exist; create it first`);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  closeSync(openSync(tmp, 'wx', 0o600));
  const db = openSource(source);
  try {
    const pages = await copy(db, tmp, o);
    check(tmp);
    place(tmp, target, o.force === true);
    return { file: target, pages, bytes: statSync(target).size };
  } finally {
    db.close();
    for (const f of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  }
}
