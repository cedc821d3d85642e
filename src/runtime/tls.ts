// TLS settings of the HTTP listener (issue 16/17): key and certificate both or neither (one alone is
// an error, never a quiet fall-back to plain HTTP); unreadable files, bad PEM or a key that does not
// match its certificate are refused at start with the setting named.
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { Config } from '../config/schema.js';
import { StartupError } from './startup-errors.js';

export interface TlsFiles { readonly key: Buffer; readonly cert: Buffer }

const KEY = 'COUNTERSIGN_TLS_KEY_FILE';
const CERT = 'COUNTERSIGN_TLS_CERT_FILE';

function read(setting: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new StartupError(`${setting}: cannot read ${path} (${code}); check the path and that this user may read the file`, { cause: err });
  }
}

/** The key and certificate to serve HTTPS with, or undefined for plain HTTP (neither setting given). */
export function loadTls(config: Pick<Config, 'tlsKeyFile' | 'tlsCertFile'>): TlsFiles | undefined {
  const { tlsKeyFile, tlsCertFile } = config;
  if (!tlsKeyFile && !tlsCertFile) return undefined;
  if (!tlsKeyFile || !tlsCertFile) {
    const [given, lacking] = tlsKeyFile ? [KEY, CERT] : [CERT, KEY];
    throw new StartupError(`${lacking}: not set, but ${given} is; HTTPS needs both the key and the certificate: set ${lacking}, or unset ${given} for plain HTTP`);
  }
  const files = { key: read(KEY, tlsKeyFile), cert: read(CERT, tlsCertFile) };
  try {
    createSecureContext(files);
  } catch (err) {
    throw new StartupError(`${KEY}/${CERT}: ${tlsKeyFile} and ${tlsCertFile} are not a usable PEM key and certificate pair `
      + `(${(err as Error).message}); give the private key of the certificate, both in PEM`, { cause: err });
  }
  return files;
}
