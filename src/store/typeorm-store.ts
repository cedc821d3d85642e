// The SQL store (spec: flows.md §1, §3, §4; design.md "store"): one class implementing every store
// port over TypeORM (SQLite or PostgreSQL), delegating to one small repository per table.
import type { DataSource } from 'typeorm';
import type { Authenticator, ClientRecord, Policy } from '../domain/model.js';
import type { AuditEntry, LockState, PendingRecord } from '../engine/ports.js';
import { openDataSource, parseStoreUrl, sqliteConnection, type Dialect } from './datasource.js';
import { ApiKeyRepository } from './repositories/api-keys.js';
import { AuditRepository } from './repositories/audit.js';
import { AuthenticatorRepository } from './repositories/authenticators.js';
import { ClientRepository } from './repositories/clients.js';
import { holdsSealedData, verifyMasterKey } from './repositories/meta.js';
import { MasterKeyMissingError } from './errors.js';
import { PendingRepository } from './repositories/pending.js';
import { RadiusClientRepository } from './repositories/radius-clients.js';
import { ReplyAttributeRepository } from './repositories/reply-attributes.js';
import { UserRepository } from './repositories/users.js';
import { findUserAndAuthenticators } from './repositories/user-authenticators.js';
import { SecretBox } from './secret-box.js';
import { MAX_PREPARED_TEXTS } from './postgres-statements.js';
import { sqlReadiness } from './readiness.js';
import { Sql } from './sql.js';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.js';
import type {
  ApiKeyRecord, AuditClass, AuditFilter, BackupUsage, ImportRow, NewAuthenticator, NewUser, Readiness, OpenStoreOptions, RadiusClientRecord, ReplyAttribute, Store,
  StoredClient, StoredPolicy, StoredUser, UserChanges,
} from './store.js';

const DEFAULT_CLIENT_CACHE_MS = 5000;

export class TypeOrmStore implements Store {
  private readonly users: UserRepository;
  private readonly authenticators: AuthenticatorRepository;
  private readonly clients: ClientRepository;
  private readonly pending: PendingRepository;
  private readonly audit: AuditRepository;
  private readonly apiKeys: ApiKeyRepository;
  private readonly sql: Sql;
  private checkpointer?: Checkpointer;

  private constructor(readonly dataSource: DataSource, readonly dialect: Dialect, sql: Sql, private readonly box: SecretBox,
    cacheMs: number, private readonly now: () => number, private readonly onAudit?: (entry: AuditEntry) => void) {
    this.sql = sql;
    this.users = new UserRepository(sql, now);
    this.apiKeys = new ApiKeyRepository(sql);
    this.authenticators = new AuthenticatorRepository(sql, box);
    this.clients = new ClientRepository(sql, cacheMs);
    this.pending = new PendingRepository(sql);
    this.audit = new AuditRepository(sql);
  }

  /** Connects, migrates and checks the master key against the database. */
  static async open(url: string, opts: OpenStoreOptions): Promise<TypeOrmStore> {
    if (opts.masterKey.length !== 32) throw new Error('master key must be 32 bytes');
    const { ds, dialect } = await openDataSource(url, { logging: opts.logging, poolSize: opts.poolSize, connectTimeoutMs: opts.connectTimeoutMs });
    const sql = new Sql(ds, dialect, undefined, opts.preparedStatements === false ? 0 : MAX_PREPARED_TEXTS);
    sql.onError = opts.onStoreError;
    try {
      if (opts.saveNewMasterKey) await adoptNewMasterKey(sql, opts.saveNewMasterKey);
      await verifyMasterKey(sql, opts.masterKey);
    } catch (err) {
      await ds.destroy();
      throw err;
    }
    const clock = opts.clock ?? { now: () => Date.now() };
    const box = new SecretBox(opts.masterKey, opts.secretCacheEntries ?? 0);
    const store = new TypeOrmStore(ds, dialect, sql, box, opts.clientCacheMs ?? DEFAULT_CLIENT_CACHE_MS, () => clock.now(), opts.onAudit);
    const file = parseStoreUrl(url).target;
    if (opts.backgroundCheckpoints && dialect === 'sqlite' && file !== ':memory:') {
      store.checkpointer = startCheckpointer(file, sqliteConnection(ds), opts.onStoreWarning);
    }
    return store;
  }

  findUser(domain: string, userId: string): Promise<StoredUser | null> { return this.users.find(domain, userId); }
  /** One join reading only what an authentication uses (repositories/user-authenticators.ts). */
  findUserAndAuthenticators(domain: string, userId: string) { return findUserAndAuthenticators(this.sql, this.box, domain, userId); }
  updateLockState(userRef: string, expected: number, next: LockState): Promise<boolean> {
    return this.users.updateLockState(userRef, expected, next);
  }
  setStaticPassword(userRef: string, hash: string | null): Promise<void> { return this.users.setStaticPassword(userRef, hash); }
  createUser(u: NewUser): Promise<string> { return this.users.create(u); }
  unlockUser(userRef: string, expected: number): Promise<boolean> { return this.users.unlock(userRef, expected); }

  listForUser(userRef: string): Promise<Authenticator[]> { return this.authenticators.listForUser(userRef); }
  findBySerial(serial: string): Promise<Authenticator | null> { return this.authenticators.findBySerial(serial); }
  advanceStep(ref: string, step: number, drift: number): Promise<boolean> { return this.authenticators.advanceStep(ref, step, drift); }
  setPin(ref: string, pinHash: string | null, changeRequired: boolean): Promise<void> {
    return this.authenticators.setPin(ref, pinHash, changeRequired);
  }
  endGracePeriod(ref: string): Promise<void> { return this.authenticators.endGracePeriod(ref); }
  setPinEnabled(ref: string, enabled: boolean): Promise<void> { return this.authenticators.setPinEnabled(ref, enabled); }
  setBackupUsage(ref: string, expected: BackupUsage, next: BackupUsage): Promise<boolean> { return this.authenticators.setBackupUsage(ref, expected, next); }
  createAuthenticator(a: NewAuthenticator): Promise<string> { return this.authenticators.create(a, this.now()); }
  findUserById(userRef: string): Promise<StoredUser | null> { return this.users.findById(userRef); }
  listUsers(offset: number, limit: number): Promise<StoredUser[]> { return this.users.list(offset, limit); }
  listAuthenticators(offset: number, limit: number): Promise<Authenticator[]> { return this.authenticators.list(offset, limit); }
  updateUser(userRef: string, changes: UserChanges): Promise<void> { return this.users.update(userRef, changes); }
  deleteUser(userRef: string): Promise<void> {
    return this.sql.transaction((tx) => new UserRepository(tx, this.now).delete(userRef));
  }
  async setAuthenticatorOwner(ref: string, expected: string | null, userRef: string | null, graceUntil: number | null): Promise<boolean> {
    const changed = await this.authenticators.setOwner(ref, expected, userRef, graceUntil);
    if (changed && expected !== userRef) await this.users.touch([expected, userRef]);
    return changed;
  }
  deleteAuthenticator(ref: string): Promise<void> {
    return this.sql.transaction((tx) => new AuthenticatorRepository(tx, this.box).delete(ref));
  }

  async importBatch(rows: readonly ImportRow[]): Promise<void> {
    const now = this.now();
    await this.sql.transaction(async (tx) => {
      const users = new UserRepository(tx, this.now);
      const authenticators = new AuthenticatorRepository(tx, this.box);
      const userRefs = await users.createMany(rows.map((r) => r.user), now);
      const assigned = rows.flatMap((r, i) => (r.authenticator ? [{ ...r.authenticator, userRef: userRefs[i]! }] : []));
      await authenticators.createMany(assigned, now);
    });
  }

  findClient(componentType: string): Promise<ClientRecord | null> { return this.clients.find(componentType); }
  savePolicy(p: Partial<Policy> & { name: string }): Promise<void> { return this.clients.savePolicy(p); }
  saveClient(componentType: string, policyName: string): Promise<void> { return this.clients.saveClient(componentType, policyName); }
  findPolicy(name: string): Promise<StoredPolicy | null> { return this.clients.findPolicy(name); }
  listPolicies(): Promise<StoredPolicy[]> { return this.clients.listPolicies(); }
  deletePolicy(name: string): Promise<boolean> { return this.clients.deletePolicy(name); }
  listClients(): Promise<StoredClient[]> { return this.clients.listClients(); }
  deleteClient(componentType: string): Promise<boolean> {
    return this.sql.transaction((tx) => new ClientRepository(tx, 0).deleteClient(componentType)).finally(() => this.clients.forget());
  }
  saveRadiusClient(c: RadiusClientRecord): Promise<void> { return new RadiusClientRepository(this.sql, this.box).save(c, this.now()); }
  listRadiusClients(): Promise<RadiusClientRecord[]> { return new RadiusClientRepository(this.sql, this.box).list(); }
  deleteRadiusClient(address: string): Promise<boolean> { return new RadiusClientRepository(this.sql, this.box).delete(address); }

  create(record: PendingRecord): Promise<void> { return this.pending.create(record); }
  find(key: string): Promise<PendingRecord | null> { return this.pending.find(key); }
  transition(key: string, from: PendingRecord['state'], to: PendingRecord['state']): Promise<boolean> {
    return this.pending.transition(key, from, to);
  }
  purgeExpired(before: number): Promise<number> { return this.pending.purgeExpired(before); }
  findMany(keys: readonly string[]): Promise<PendingRecord[]> { return this.pending.findMany(keys); }
  listPendingForUser(userRef: string, kind: PendingRecord['kind']): Promise<PendingRecord[]> { return this.pending.listForUser(userRef, kind); }

  countPendingPush(now: number, cap: number): Promise<number> { return this.pending.countOpenPush(now, cap); }
  listOpenPush(now: number, limit: number): Promise<PendingRecord[]> { return this.pending.listOpenPush(now, limit); }
  checkReady(): Promise<Readiness> { return sqlReadiness(this.dataSource, this.sql); }

  record(entry: AuditEntry): Promise<void> {
    const told = this.onAudit;
    return told ? this.audit.record(entry).then(() => told(entry)) : this.audit.record(entry);
  }
  listAudit(filter?: AuditFilter): Promise<AuditEntry[]> { return this.audit.list(filter); }
  purgeAudit(kind: AuditClass, before: number, limit: number): Promise<number> { return this.audit.purge(kind, before, limit); }
  countAudit(kind: AuditClass, before: number): Promise<number> { return this.audit.count(kind, before); }

  setReplyAttributes(userRef: string, attrs: readonly ReplyAttribute[]): Promise<void> {
    return this.sql.transaction(async (tx) => {
      await new ReplyAttributeRepository(tx).replace(userRef, attrs);
      await new UserRepository(tx, this.now).touch([userRef]);
    });
  }
  listReplyAttributes(userRef: string): Promise<Required<ReplyAttribute>[]> { return new ReplyAttributeRepository(this.sql).list(userRef); }

  createApiKey(name: string, digest: string, at: number): Promise<void> { return this.apiKeys.create(name, digest, at); }
  listApiKeys(): Promise<ApiKeyRecord[]> { return this.apiKeys.list(); }
  revokeApiKey(name: string, at: number): Promise<boolean> { return this.apiKeys.revoke(name, at); }
  findApiKeyByDigest(digest: string): Promise<ApiKeyRecord | null> { return this.apiKeys.findByDigest(digest); }

  async isEmpty(): Promise<boolean> {
    return !(await this.users.any()) && !(await this.authenticators.any());
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    await this.sql.settle();
    await this.audit.settle();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** A freshly generated key is saved only for a store that holds nothing sealed with another one. */
async function adoptNewMasterKey(sql: Sql, save: () => Promise<void>): Promise<void> {
  if (await holdsSealedData(sql)) {
    throw new MasterKeyMissingError('the master key file is missing, but this database already holds secrets sealed with a master key');
  }
  await save();
}
