// Master key file for secret sealing (spec: flows.md §1): 32 bytes as hex or base64. Loads an
// existing file, or creates one with mode 0600 and reports that it did so, so the caller can warn.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

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

/** Loads the key file, or creates it (mode 0600, parent folders 0700) when it does not exist. */
export async function loadOrCreateMasterKey(path: string): Promise<MasterKeyResult> {
  try {
    await stat(path);
    return await loadMasterKey(path);
  } catch (err) {
    if (err instanceof MasterKeyError || (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(KEY_BYTES);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadMasterKey(path);
    throw new MasterKeyError(`master key file ${path}: cannot be created (${(err as Error).message})`);
  }
  return { key, path, created: true, looseMode: false };
}
