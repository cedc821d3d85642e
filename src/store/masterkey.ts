// Master key file for secret sealing (spec: flows.md §1): 32 bytes as hex or base64. Loads an
// existing file, or creates one with mode 0600 and reports that it did so, so the caller can warn.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { makePrivateDir, writePrivateFile } from '../runtime/private-files.js';

const KEY_BYTES = 32;

export interface MasterKeyResult {
  readonly key: Buffer;
  readonly path: string;
  /** True when the file did not exist and a new key was written: warn loudly and back it up. */
  readonly created: boolean;
  /** True when group or others may read the file (it should be 0600). */
  readonly looseMode: boolean;
}

export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

/** Parses 64 hex characters or standard base64 of exactly 32 bytes (surrounding whitespace ignored). */
export function parseMasterKey(text: string, path: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(t)) return Buffer.from(t, 'base64');
  const shape = t.length === 0 ? 'the file is empty' : `found ${t.length} characters that are neither`;
  throw new MasterKeyError(
    `master key file ${path}: expected ${KEY_BYTES} bytes written as 64 hex characters or 44 base64 ` +
      `characters, but ${shape}. Restore the original key file from your backup (secrets sealed with ` +
      `another key cannot be read), or on a fresh installation delete it to let the server create one.`,
  );
}

/** Reads and parses an existing key file; errors name the file. */
export async function loadMasterKey(path: string): Promise<MasterKeyResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new MasterKeyError(`master key file ${path}: cannot be read (${code}); check the path and its permissions`);
  }
  const mode = (await stat(path)).mode;
  return { key: parseMasterKey(text, path), path, created: false, looseMode: (mode & 0o077) !== 0 };
}

/** True when the key file is absent (any other problem reading it is the loader's to report). */
async function missing(path: string): Promise<boolean> {
  try {
    await stat(path);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Writes a new key file (0600, never over an existing one); EEXIST is left to the caller. */
function writeKeyFile(path: string, key: Buffer): void {
  try {
    writePrivateFile(path, key.toString('hex') + '\n', { exclusive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw err;
    throw new MasterKeyError(`master key file ${path}: cannot be created (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check that its folder exists and this user may write it`);
  }
}

/** Loads the key file, or creates it (mode 0600, parent folders 0700) when it does not exist. For tools and tests. */
export async function loadOrCreateMasterKey(path: string): Promise<MasterKeyResult> {
  if (!(await missing(path))) return loadMasterKey(path);
  const key = randomBytes(KEY_BYTES);
  makePrivateDir(dirname(path));
  try {
    writeKeyFile(path, key);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadMasterKey(path);
    throw err;
  }
  return { key, path, created: true, looseMode: false };
}

/**
 * The data folder of a store URL: a SQLite file's folder; for other stores `data` under the working
 * directory (where the default key file lives). The only place a missing key folder is created.
 */
export function dataFolderOf(databaseUrl: string): string {
  const file = /^sqlite:(.+)$/.exec(databaseUrl)?.[1];
  return file && file !== ':memory:' ? dirname(resolve(file)) : resolve('data');
}

/** A start's master key: the file's, or a new one with `save` to write it once the store allows it. */
export interface StartKey extends MasterKeyResult {
  /** Present for a new key: writes the file (0600; its folder only when inside the data folder). */
  readonly save?: () => Promise<void>;
}

const inside = (folder: string, dir: string): boolean => {
  const rel = relative(resolve(folder), resolve(dir));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * The master key of a serving node or command: loads `path`, or when it does not exist generates a key
 * in memory whose `save` writes it. The store calls `save` only when it holds nothing sealed (a new key
 * for a store with secrets would make them unreadable: TypeOrmStore refuses instead). `save` creates a
 * missing folder only inside `dataDir` (the data folder); elsewhere the folder must exist.
 */
export async function prepareMasterKey(path: string, dataDir: string): Promise<StartKey> {
  if (!(await missing(path))) return loadMasterKey(path);
  const key = randomBytes(KEY_BYTES);
  const save = async (): Promise<void> => {
    const dir = dirname(resolve(path));
    if (!existsSync(dir)) {
      if (!inside(dataDir, dir)) throw new MasterKeyError(`master key file ${path}: its folder ${dir} does not exist; create it (owner-only: mode 0700) or choose a file in an existing folder`);
      makePrivateDir(dir);
    }
    try {
      writeKeyFile(path, key);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      throw new MasterKeyError(`master key file ${path}: another process created it while this one started; start again`);
    }
  };
  return { key, path, created: true, looseMode: false, save };
}
