// Start-up failures as one message each (issue 17 "fails loudly, never half-way"): the setting or
// resource at fault, what went wrong, and what to do. The command line prints the message and exits 1.
import { MasterKeyError } from '../store/masterkey.js';
import { MasterKeyMissingError, StoreOpenError } from '../store/errors.js';

/** An error at start whose message is meant for the operator as it is. */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** The store URL without its password, as messages and the banner show it. */
export function describeDatabase(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

const STORE_ADVICE: Record<StoreOpenError['stage'], (sqlite: boolean) => string> = {
  file: () => 'check that the path is right and that this user may create and write files in its folder',
  connect: (sqlite) => (sqlite
    ? 'check that the file is a Countersign SQLite database and that this user may read and write it and its folder'
    : 'check the host, port, database name and credentials, that PostgreSQL runs and is reachable from here, or raise COUNTERSIGN_DB_CONNECT_TIMEOUT_MS'),
  migrate: () => 'the schema was left as it was (migrations run in one transaction); fix the cause, or restore the database from a backup made with this version',
};

/** A failure opening the store (createApp), as one message naming COUNTERSIGN_DATABASE or the key file. */
export function storeStartError(err: unknown, database: string, keyFile: string): Error {
  const where = `COUNTERSIGN_DATABASE (${describeDatabase(database)})`;
  if (err instanceof StoreOpenError) {
    const what = { file: 'cannot prepare the database file', connect: 'cannot connect', migrate: 'applying the schema migrations failed' }[err.stage];
    const message = describeDatabase(err.message);
    return new StartupError(`${where}: ${what}: ${message}; ${STORE_ADVICE[err.stage](database.startsWith('sqlite:'))}`, { cause: err });
  }
  if (err instanceof MasterKeyMissingError) {
    return new StartupError(`COUNTERSIGN_MASTER_KEY_FILE: ${keyFile} is missing, but ${where} already holds secrets sealed with a master key; `
      + 'restore the key file from your backup (a new key could not read them); no new key was created', { cause: err });
  }
  if (err instanceof MasterKeyError) return new StartupError(`COUNTERSIGN_MASTER_KEY_FILE: ${err.message}`, { cause: err });
  if (err instanceof Error && /master key does not match/.test(err.message)) {
    return new StartupError(`COUNTERSIGN_MASTER_KEY_FILE (${keyFile}): ${err.message}`, { cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}

export interface ListenTarget {
  /** What listens, e.g. `HTTP` or `RADIUS (udp)`. */
  readonly door: string;
  readonly hostSetting: string;
  readonly portSetting: string;
  readonly host: string;
  readonly port: number;
  /** How to do without this listener, when there is a way (e.g. COUNTERSIGN_RADIUS_ENABLED=0). */
  readonly offSwitch?: string;
}

/** A failed listen (bind) as one message: which setting, why, what to do. */
export function listenStartError(err: unknown, t: ListenTarget): Error {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (!code) return err instanceof Error ? err : new Error(String(err));
  const off = t.offSwitch ? `, or turn it off with ${t.offSwitch}` : '';
  const at = `${t.door} cannot listen on ${t.host}:${t.port} (${code})`;
  const advice: Record<string, string> = {
    EADDRINUSE: `${t.portSetting}: ${at}: another process uses the port; stop it or choose another port with ${t.portSetting}${off}`,
    EACCES: `${t.portSetting}: ${at}: ports below 1024 need privileges; choose a port from 1024 with ${t.portSetting}, or grant CAP_NET_BIND_SERVICE${off}`,
    EADDRNOTAVAIL: `${t.hostSetting}: ${at}: no interface of this machine has that address; set ${t.hostSetting} to one of its addresses (or 0.0.0.0)${off}`,
    ENOTFOUND: `${t.hostSetting}: ${at}: the name does not resolve; set ${t.hostSetting} to an IP address${off}`,
  };
  return new StartupError(advice[code] ?? `${t.hostSetting}/${t.portSetting}: ${at}: ${(err as Error).message}${off}`, { cause: err });
}
