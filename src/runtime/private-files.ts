// Owner-only files and folders (issue 17, issue 16 "files created world-readable"): the data folder,
// the database file, the master key and every file holding a secret (QR PNG, PSKC exports) are made
// through these helpers, 0700 folders and 0600 files whatever the process umask.
import { closeSync, constants, fchmodSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` and its missing parents with mode 0700 (an existing folder is left as it is).
 * Returns the first folder it created, or undefined when `dir` already existed.
 */
export function makePrivateDir(dir: string): string | undefined {
  // mkdir's mode is only ever narrowed by the umask, never widened: 0700 stays 0700 or less.
  return mkdirSync(resolve(dir), { recursive: true, mode: PRIVATE_DIR_MODE });
}

export interface PrivateWriteOptions {
  /** Fail with EEXIST instead of replacing an existing file. */
  readonly exclusive?: boolean;
}

/** Writes `data` to `path`, created (or narrowed, when it existed) to mode 0600 before any byte lands. */
export function writePrivateFile(path: string, data: string | Uint8Array, opts: PrivateWriteOptions = {}): void {
  const flags = constants.O_WRONLY | constants.O_CREAT | (opts.exclusive ? constants.O_EXCL : constants.O_TRUNC);
  const fd = openSync(path, flags, PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes sure `path` exists, creating it empty with mode 0600 when absent (an existing file is not
 * touched). Used for the SQLite database before SQLite opens it: SQLite would create it 0644 and gives
 * its -wal and -shm files the database file's mode.
 */
export function ensurePrivateFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, PRIVATE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  closeSync(fd);
  return true;
}
