// The storage facade (spec: flows.md §1, §3, §4; design.md "store"): the engine ports plus the admin
// and seeding operations, and openStore, which picks SQLite, PostgreSQL or memory from a URL.
import type { Authenticator, Policy, User } from '../domain/model.js';
import type {
  AuditEntry, AuditSink, AuthenticatorStore, ClientStore, PendingRecord, PendingStore, UserStore,
} from '../engine/ports.js';

import type {
  ApiKeyRecord, AuditClass, AuditFilter, BackupUsage, ImportRow, NewAuthenticator, NewUser, RadiusClientRecord, ReplyAttribute, StoredClient,
  StoredPolicy, StoredUser, UserChanges,
} from './records.js';

export { ADMIN_AUDIT_COMPONENT_TYPE } from './records.js';
export type {
  ApiKeyRecord, AuditClass, AuditFilter, BackupUsage, ImportRow, NewAuthenticator, NewUser, RadiusClientRecord, ReplyAttribute, StoredClient,
  StoredPolicy, StoredUser, UserChanges,
} from './records.js';

export interface Store extends UserStore, AuthenticatorStore, ClientStore, PendingStore, AuditSink {
  findUser(domain: string, userId: string): Promise<StoredUser | null>;
  /** The user (the fields an authentication reads: no e-mail, phone, description, admin flag or timestamps) and all of their authenticators. */
  findUserAndAuthenticators(domain: string, userId: string): Promise<{ readonly user: User; readonly authenticators: Authenticator[] } | null>;
  /** Returns the new user's id; StoreConflictError when (domain, userId) exists, ignoring case. */
  createUser(u: NewUser): Promise<string>;
  /** Returns the new authenticator's id; StoreConflictError when the serial exists, ignoring case. */
  createAuthenticator(a: NewAuthenticator): Promise<string>;
  /** The user with this id (administration: the owner of an authenticator). */
  findUserById(userRef: string): Promise<StoredUser | null>;
  /** Users ordered by domain then user ID (case-insensitive), `limit` from `offset` (administration lists). */
  listUsers(offset: number, limit: number): Promise<StoredUser[]>;
  /** Authenticators ordered by serial (case-insensitive), `limit` from `offset` (administration lists). */
  listAuthenticators(offset: number, limit: number): Promise<Authenticator[]>;
  /** Administration change of a user's settings; stamps modifiedAt when anything is given. */
  updateUser(userRef: string, changes: UserChanges): Promise<void>;
  /** Deletes a user: its authenticators become unassigned, its pending records go. */
  deleteUser(userRef: string): Promise<void>;
  /**
   * Assigns an authenticator to `userRef` (or unassigns it with null) and sets its grace period, by
   * compare-and-set on the current owner: false when the owner is no longer `expectedUserRef`.
   * Stamps modifiedAt on the users that gained or lost it.
   */
  setAuthenticatorOwner(ref: string, expectedUserRef: string | null, userRef: string | null, graceUntil: number | null): Promise<boolean>;
  /** Deletes an authenticator and its pending records. */
  deleteAuthenticator(ref: string): Promise<void>;
  /**
   * Creates users and their authenticators all-or-nothing (one transaction on SQL stores); a
   * conflict anywhere (StoreConflictError) leaves the store unchanged. For offline bulk loads.
   */
  importBatch(rows: readonly ImportRow[]): Promise<void>;
  /** Inserts or replaces a policy; only the settings that differ from the defaults need be given. */
  savePolicy(p: Partial<Policy> & { name: string }): Promise<void>;
  /** Inserts or replaces a client record; StoreReferenceError when the policy does not exist. */
  saveClient(componentType: string, policyName: string): Promise<void>;
  /** The stored policy of this name (case-sensitive), only its non-default settings, or null. */
  findPolicy(name: string): Promise<StoredPolicy | null>;
  /** Every policy by name. */
  listPolicies(): Promise<StoredPolicy[]>;
  /** Deletes a policy; false when there is none; StoreReferenceError while a client uses it. */
  deletePolicy(name: string): Promise<boolean>;
  /** Every client component by component type. */
  listClients(): Promise<StoredClient[]>;
  /** Deletes a client component and its RADIUS clients; false when there is none. */
  deleteClient(componentType: string): Promise<boolean>;
  /** Inserts or replaces the RADIUS client of this address (secret sealed); StoreReferenceError for an unknown component. */
  saveRadiusClient(c: RadiusClientRecord): Promise<void>;
  /** Every RADIUS client by address, secrets opened (for the RADIUS door only). */
  listRadiusClients(): Promise<RadiusClientRecord[]>;
  /** Deletes the RADIUS client of this address; false when there is none. */
  deleteRadiusClient(address: string): Promise<boolean>;
  /** True when there are no users and no authenticators. */
  isEmpty(): Promise<boolean>;
  listAudit(filter?: AuditFilter): Promise<AuditEntry[]>;
  /**
   * Audit retention: deletes at most `limit` of the oldest records of `kind` older than `before` (epoch
   * ms, exclusive), in one statement (one short write), and returns how many it deleted; fewer than
   * `limit` means none of them is left. Several callers at once (nodes) delete each record once.
   */
  purgeAudit(kind: AuditClass, before: number, limit: number): Promise<number>;
  /** How many records of `kind` are older than `before` (a dry run; the progress total of a purge). */
  countAudit(kind: AuditClass, before: number): Promise<number>;
  /**
   * Administration unlock: clears the lock state and stamps modifiedAt, by compare-and-set on the
   * lock count (false when a logon changed it meanwhile). Logons use updateLockState, which stamps nothing.
   */
  unlockUser(userRef: string, expectedLockCount: number): Promise<boolean>;
  /**
   * Backup virtual authenticators: writes `next` only while the stored uses and end still equal
   * `expected` (compare-and-set); false when another request changed them first (re-read and retry).
   */
  setBackupUsage(ref: string, expected: BackupUsage, next: BackupUsage): Promise<boolean>;
  /** Switches server-PIN checking of an authenticator on or off (DIGIPASSAPPL ENABLE_PIN / DISABLE_PIN). */
  setPinEnabled(authenticatorRef: string, enabled: boolean): Promise<void>;
  /** Replaces all reply attributes of a user, kept in the given order, and stamps modifiedAt; StoreReferenceError for an unknown user. */
  setReplyAttributes(userRef: string, attrs: readonly ReplyAttribute[]): Promise<void>;
  /** A user's reply attributes in the order they were set, each with its `op`. */
  listReplyAttributes(userRef: string): Promise<Required<ReplyAttribute>[]>;
  /**
   * Stores a new API key by the SHA-256 hex digest of the key; StoreConflictError when the name
   * (ignoring case, revoked keys included) or the digest is already taken.
   */
  createApiKey(name: string, digest: string, at: number): Promise<void>;
  /** Every API key, revoked ones included, by name ignoring case. Never the keys. */
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /** Revokes the active key with this name (ignoring case) at `at`; false when there is none. */
  revokeApiKey(name: string, at: number): Promise<boolean>;
  /** The key with this SHA-256 hex digest, revoked or not (check revokedAt), or null. */
  findApiKeyByDigest(digest: string): Promise<ApiKeyRecord | null>;
  /** For `GET /ready`: the store answers a query and every known migration is applied; never throws. */
  checkReady(): Promise<Readiness>;
  /** Push transactions still open or fetched and not expired at `now`, counted up to `cap` (bounded cost). */
  countPendingPush(now: number, cap: number): Promise<number>;
  /** Push transactions still open or fetched and not expired at `now`, oldest first, at most `limit` (the console). */
  listOpenPush(now: number, limit: number): Promise<PendingRecord[]>;
  close(): Promise<void>;
}

/** Whether the store can serve; `reason` says what to do when it cannot, `error` (for the log only) what the driver said. */
export type Readiness = { readonly ok: true } | { readonly ok: false; readonly reason: string; readonly error?: string };

export interface OpenStoreOptions {
  readonly masterKey: Buffer;
  /**
   * Present when `masterKey` was just generated and is not saved yet (no key file): the store then
   * refuses with MasterKeyMissingError when it already holds sealed data, and otherwise calls this to
   * save the key before it seals anything with it.
   */
  readonly saveNewMasterKey?: () => Promise<void>;
  /** PostgreSQL: longest wait for a connection, ms (default 10000); SQLite ignores it. */
  readonly connectTimeoutMs?: number;
  readonly logging?: boolean;
  /** How long findClient may serve a cached client/policy, in ms (default 5000; 0 turns it off). */
  readonly clientCacheMs?: number;
  /** SQLite file stores: WAL checkpoints on a background thread (sqlite-checkpointer.ts); for serving nodes. */
  readonly backgroundCheckpoints?: boolean;
  /** Hears of background problems of the store (a failed background checkpoint). */
  readonly onStoreWarning?: (message: string) => void;
  /** Hears of every failed statement except uniqueness and reference conflicts (the store-error metric). */
  readonly onStoreError?: (err: unknown) => void;
  /** Opened authenticator secrets kept in memory (default 0: each one is opened afresh). */
  readonly secretCacheEntries?: number;
  /** Most PostgreSQL connections this store keeps open (default 10); SQLite ignores it. */
  readonly poolSize?: number;
  /** PostgreSQL statements run as named prepared statements (default true); SQLite ignores it. */
  readonly preparedStatements?: boolean;
  /** Time source of created and modified times (default: the system clock). */
  readonly clock?: { now(): number };
  /** Told of every audit record once it is stored (the live audit feed, src/runtime/audit-feed.ts); must not throw. */
  readonly onAudit?: (entry: AuditEntry) => void;
}

/**
 * Opens a store and runs pending migrations. URLs: `sqlite:<path>`, `sqlite::memory:`,
 * `postgres://...` (or `postgresql://`), and `memory:` for the in-process test store.
 */
export async function openStore(url: string, opts: OpenStoreOptions): Promise<Store> {
  if (url === 'memory:') {
    const { MemoryStore } = await import('./memory-store.js');
    return new MemoryStore(opts.clock, opts.onAudit);
  }
  const { TypeOrmStore } = await import('./typeorm-store.js');
  return TypeOrmStore.open(url, opts);
}
