// In-memory Store for fast engine tests (spec: flows.md §1, §3, §4): same contract as the SQL store,
// including case-insensitive keys and compare-and-set; each check-and-write runs without an await between.
import { randomUUID } from 'node:crypto';
import type { Authenticator, ClientRecord, Policy } from '../domain/model.js';
import type { AuditEntry, LockState, PendingRecord } from '../engine/ports.js';
import { StoreConflictError, StoreReferenceError } from './errors.js';
import { lookupKey } from './mappers.js';
import { MemoryClients } from './memory-clients.js';
import { MemoryPending } from './memory-pending.js';
import { copyAuthenticator, newAuthenticatorRecord } from './memory-authenticator.js';
import { MemoryApiKeys, MemoryAudit, MemoryReplyAttributes } from './memory-records.js';
import type {
  ApiKeyRecord, AuditClass, AuditFilter, BackupUsage, ImportRow, NewAuthenticator, NewUser, Readiness, RadiusClientRecord, ReplyAttribute, Store, StoredClient, StoredPolicy,
  StoredUser, UserChanges,
} from './store.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const userKey = (domain: string, userId: string) => `${lookupKey(domain)}\u0000${lookupKey(userId)}`;
/** A map's values in the order of its keys. */
const byKey = <T>(m: Map<string, T>): T[] => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

export class MemoryStore implements Store {
  private readonly users = new Map<string, Mutable<StoredUser>>();
  private readonly usersById = new Map<string, Mutable<StoredUser>>();
  private readonly authenticators = new Map<string, Mutable<Authenticator>>();
  private readonly authenticatorsById = new Map<string, Mutable<Authenticator>>();
  private readonly clientRecords = new MemoryClients();
  private readonly pending = new MemoryPending();
  private closed = false;
  private readonly audit = new MemoryAudit();
  private readonly apiKeys = new MemoryApiKeys();
  private readonly replyAttributes = new MemoryReplyAttributes();

  constructor(private readonly clock: { now(): number } = { now: () => Date.now() }, private readonly onAudit?: (entry: AuditEntry) => void) {}

  async findUser(domain: string, userId: string): Promise<StoredUser | null> {
    const u = this.users.get(userKey(domain, userId));
    return u ? Object.freeze({ ...u }) : null;
  }

  async findUserAndAuthenticators(domain: string, userId: string) {
    const user = await this.findUser(domain, userId);
    return user && { user, authenticators: await this.listForUser(user.id) };
  }

  async updateLockState(userRef: string, expectedLockCount: number, next: LockState): Promise<boolean> {
    const u = this.usersById.get(userRef);
    if (!u || u.lockCount !== expectedLockCount) return false;
    Object.assign(u, {
      lockCount: next.lockCount, locked: next.locked, lockedUntil: next.lockedUntil, autoUnlocks: next.autoUnlocks,
      lastFailure: next.lastFailure, lastFailureAt: next.lastFailureAt,
    });
    return true;
  }

  async setStaticPassword(userRef: string, hash: string | null): Promise<void> {
    const u = this.usersById.get(userRef);
    if (u) Object.assign(u, { staticPasswordHash: hash, modifiedAt: this.clock.now() });
  }

  async unlockUser(userRef: string, expectedLockCount: number): Promise<boolean> {
    const u = this.usersById.get(userRef);
    if (!u || u.lockCount !== expectedLockCount) return false;
    Object.assign(u, { lockCount: 0, locked: false, lockedUntil: null, autoUnlocks: 0, lastFailure: null, lastFailureAt: null, modifiedAt: this.clock.now() });
    return true;
  }

  async createUser(n: NewUser): Promise<string> {
    const key = userKey(n.domain, n.userId);
    if (this.users.has(key)) throw new StoreConflictError(`user ${n.domain}\\${n.userId} already exists`);
    const id = randomUUID();
    const user: Mutable<StoredUser> = {
      id, domain: n.domain, userId: n.userId, disabled: n.disabled ?? false, locked: n.locked ?? false,
      lockCount: n.lockCount ?? 0, lockedUntil: n.lockedUntil ?? null, autoUnlocks: n.autoUnlocks ?? 0,
      staticPasswordHash: n.staticPasswordHash ?? null, localAuth: n.localAuth ?? 'Default', expiresAt: n.expiresAt ?? null,
      lastFailure: null, lastFailureAt: null, email: n.email ?? null, mobile: n.mobile ?? null,
      description: n.description ?? null, backendAuth: n.backendAuth ?? null, admin: n.admin ?? false, createdAt: this.clock.now(), modifiedAt: null,
    };
    this.users.set(key, user);
    this.usersById.set(id, user);
    return id;
  }

  async importBatch(rows: readonly ImportRow[]): Promise<void> {
    const users = new Set<string>();
    const serials = new Set<string>();
    for (const { user, authenticator } of rows) {
      const key = userKey(user.domain, user.userId);
      if (this.users.has(key) || users.has(key)) throw new StoreConflictError(`user ${user.domain}\\${user.userId} already exists`);
      users.add(key);
      if (!authenticator) continue;
      const serial = lookupKey(authenticator.serial);
      if (this.authenticators.has(serial) || serials.has(serial)) throw new StoreConflictError(`authenticator ${authenticator.serial} already exists`);
      serials.add(serial);
    }
    for (const { user, authenticator } of rows) {
      const userRef = await this.createUser(user);
      if (authenticator) await this.createAuthenticator({ ...authenticator, userRef });
    }
  }

  async listForUser(userRef: string): Promise<Authenticator[]> {
    return [...this.authenticators.values()].filter((a) => a.userRef === userRef)
      .sort((a, b) => (lookupKey(a.serial) < lookupKey(b.serial) ? -1 : 1)).map(copyAuthenticator);
  }

  async findBySerial(serial: string): Promise<Authenticator | null> {
    const a = this.authenticators.get(lookupKey(serial));
    return a ? copyAuthenticator(a) : null;
  }

  async advanceStep(ref: string, step: number, drift: number): Promise<boolean> {
    const a = this.byId(ref);
    if (!a || !(a.lastStep < step)) return false;
    a.lastStep = step;
    a.drift = drift;
    return true;
  }

  async setPin(ref: string, pinHash: string | null, changeRequired: boolean): Promise<void> {
    const a = this.byId(ref);
    if (a) Object.assign(a, { pinHash, pinChangeRequired: changeRequired });
  }

  async setPinEnabled(ref: string, enabled: boolean): Promise<void> {
    const a = this.byId(ref);
    if (a) a.pinEnabled = enabled;
  }

  async setBackupUsage(ref: string, expected: BackupUsage, next: BackupUsage): Promise<boolean> {
    const a = this.byId(ref);
    if (!a || (a.usesRemaining ?? null) !== expected.usesRemaining || (a.enabledUntil ?? null) !== expected.enabledUntil) return false;
    Object.assign(a, next);
    return true;
  }

  async endGracePeriod(ref: string): Promise<void> {
    const a = this.byId(ref);
    if (a) a.graceUntil = 0;
  }

  async createAuthenticator(n: NewAuthenticator): Promise<string> {
    const key = lookupKey(n.serial);
    if (this.authenticators.has(key)) throw new StoreConflictError(`authenticator ${n.serial} already exists`);
    const userRef = n.userRef ?? null;
    if (userRef !== null && !this.usersById.has(userRef)) {
      throw new StoreReferenceError(`authenticator ${n.serial}: no user with id ${userRef}`);
    }
    const id = randomUUID();
    const record: Mutable<Authenticator> = newAuthenticatorRecord(id, n, userRef);
    this.authenticators.set(key, record);
    this.authenticatorsById.set(id, record);
    return id;
  }

  async findClient(componentType: string): Promise<ClientRecord | null> { return this.clientRecords.findClient(componentType); }
  async savePolicy(p: Partial<Policy> & { name: string }): Promise<void> { this.clientRecords.savePolicy(p); }
  async saveClient(componentType: string, policyName: string): Promise<void> { this.clientRecords.saveClient(componentType, policyName); }
  async findPolicy(name: string): Promise<StoredPolicy | null> { return this.clientRecords.findPolicy(name); }
  async listPolicies(): Promise<StoredPolicy[]> { return this.clientRecords.listPolicies(); }
  async deletePolicy(name: string): Promise<boolean> { return this.clientRecords.deletePolicy(name); }
  async listClients(): Promise<StoredClient[]> { return this.clientRecords.listClients(); }
  async deleteClient(componentType: string): Promise<boolean> { return this.clientRecords.deleteClient(componentType); }
  async saveRadiusClient(c: RadiusClientRecord): Promise<void> { this.clientRecords.saveRadiusClient(c); }
  async listRadiusClients(): Promise<RadiusClientRecord[]> { return this.clientRecords.listRadiusClients(); }
  async deleteRadiusClient(address: string): Promise<boolean> { return this.clientRecords.deleteRadiusClient(address); }

  async create(record: PendingRecord): Promise<void> { this.pending.create(record); }
  async find(key: string): Promise<PendingRecord | null> { return this.pending.find(key); }
  async transition(key: string, from: PendingRecord['state'], to: PendingRecord['state']): Promise<boolean> {
    return this.pending.transition(key, from, to);
  }
  async findMany(keys: readonly string[]): Promise<PendingRecord[]> { return this.pending.findMany(keys); }
  async listPendingForUser(userRef: string, kind: PendingRecord['kind']): Promise<PendingRecord[]> { return this.pending.listForUser(userRef, kind); }
  async purgeExpired(before: number): Promise<number> { return this.pending.deleteWhere((r) => r.expiresAt < before); }

  async record(entry: AuditEntry): Promise<void> { this.audit.record(entry); this.onAudit?.(entry); }
  async listAudit(f: AuditFilter = {}): Promise<AuditEntry[]> { return this.audit.list(f); }
  async purgeAudit(kind: AuditClass, before: number, limit: number): Promise<number> { return this.audit.purge(kind, before, limit); }
  async countAudit(kind: AuditClass, before: number): Promise<number> { return this.audit.count(kind, before); }

  async findUserById(userRef: string): Promise<StoredUser | null> {
    const u = this.usersById.get(userRef);
    return u ? Object.freeze({ ...u }) : null;
  }

  async listUsers(offset: number, limit: number): Promise<StoredUser[]> {
    return byKey(this.users).slice(offset, offset + limit).map((u) => Object.freeze({ ...u }));
  }

  async listAuthenticators(offset: number, limit: number): Promise<Authenticator[]> {
    return byKey(this.authenticators).slice(offset, offset + limit).map(copyAuthenticator);
  }

  async updateUser(userRef: string, c: UserChanges): Promise<void> {
    const u = this.usersById.get(userRef);
    const set = Object.entries(c).filter(([, v]) => v !== undefined);
    if (!u || set.length === 0) return;
    Object.assign(u, Object.fromEntries(set), { modifiedAt: this.clock.now() });
  }

  async deleteUser(userRef: string): Promise<void> {
    const u = this.usersById.get(userRef);
    if (!u) return;
    for (const a of this.authenticatorsById.values()) if (a.userRef === userRef) a.userRef = null;
    this.pending.deleteWhere((p) => p.userRef === userRef);
    this.replyAttributes.delete(userRef);
    this.users.delete(userKey(u.domain, u.userId));
    this.usersById.delete(userRef);
  }

  async setAuthenticatorOwner(ref: string, expected: string | null, userRef: string | null, graceUntil: number | null): Promise<boolean> {
    const a = this.byId(ref);
    if (!a || a.userRef !== expected) return false;
    Object.assign(a, { userRef, graceUntil });
    const at = this.clock.now();
    if (expected !== userRef) for (const r of [expected, userRef]) if (r !== null) Object.assign(this.usersById.get(r) ?? {}, { modifiedAt: at });
    return true;
  }

  async deleteAuthenticator(ref: string): Promise<void> {
    const a = this.byId(ref);
    if (!a) return;
    this.pending.deleteWhere((p) => p.authenticatorRef === ref);
    this.authenticators.delete(lookupKey(a.serial));
    this.authenticatorsById.delete(ref);
  }

  async setReplyAttributes(userRef: string, attrs: readonly ReplyAttribute[]): Promise<void> {
    if (!this.usersById.has(userRef)) throw new StoreReferenceError(`reply attributes: no user with id ${userRef}`);
    this.replyAttributes.replace(userRef, attrs);
    this.usersById.get(userRef)!.modifiedAt = this.clock.now();
  }
  async listReplyAttributes(userRef: string): Promise<Required<ReplyAttribute>[]> { return this.replyAttributes.list(userRef); }

  async createApiKey(name: string, digest: string, at: number): Promise<void> { this.apiKeys.create(name, digest, at); }
  async listApiKeys(): Promise<ApiKeyRecord[]> { return this.apiKeys.list(); }
  async revokeApiKey(name: string, at: number): Promise<boolean> { return this.apiKeys.revoke(name, at); }
  async findApiKeyByDigest(digest: string): Promise<ApiKeyRecord | null> { return this.apiKeys.findByDigest(digest); }

  async isEmpty(): Promise<boolean> { return this.users.size === 0 && this.authenticators.size === 0; }
  async countPendingPush(now: number, cap: number): Promise<number> { return Math.min(cap, this.pending.countLive('push', now)); }
  async listOpenPush(now: number, limit: number): Promise<PendingRecord[]> { return this.pending.listLive('push', now, limit); }
  async checkReady(): Promise<Readiness> { return this.closed ? { ok: false, reason: 'the store is closed' } : { ok: true }; }
  async close(): Promise<void> { this.closed = true; }

  private byId(ref: string): Mutable<Authenticator> | undefined { return this.authenticatorsById.get(ref); }
}

