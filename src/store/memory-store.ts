// In-memory Store for fast engine tests (spec: flows.md §1, §3, §4): same contract as the SQL store,
// including case-insensitive keys and compare-and-set; each check-and-write runs without an await between.
import { randomUUID } from 'node:crypto';
import type { Authenticator, ClientRecord, Policy } from '../domain/model.js';
import type { AuditEntry, LockState, PendingRecord } from '../engine/ports.js';
import { resolvePolicy } from '../engine/policy/defaults.js';
import { StoreConflictError, StoreReferenceError } from './errors.js';
import { lookupKey } from './mappers.js';
import type { AuditFilter, ImportRow, NewAuthenticator, NewUser, Store, StoredUser, UserChanges } from './store.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const userKey = (domain: string, userId: string) => `${lookupKey(domain)}\u0000${lookupKey(userId)}`;

export class MemoryStore implements Store {
  private readonly users = new Map<string, Mutable<StoredUser>>();
  private readonly usersById = new Map<string, Mutable<StoredUser>>();
  private readonly authenticators = new Map<string, Mutable<Authenticator>>();
  private readonly authenticatorsById = new Map<string, Mutable<Authenticator>>();
  private readonly policies = new Map<string, Partial<Policy> & { name: string }>();
  private readonly clients = new Map<string, string>();
  private readonly pending = new Map<string, Mutable<PendingRecord>>();
  private readonly audit: AuditEntry[] = [];

  async findUser(domain: string, userId: string): Promise<StoredUser | null> {
    const u = this.users.get(userKey(domain, userId));
    return u ? Object.freeze({ ...u }) : null;
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
    if (u) u.staticPasswordHash = hash;
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
      description: n.description ?? null, admin: n.admin ?? false,
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
    const record: Mutable<Authenticator> = {
      id, serial: n.serial, kind: n.kind, secret: Buffer.from(n.secret), digits: n.digits ?? 6, algorithm: n.algorithm ?? 'SHA1',
      period: n.period ?? 30, ocraSuite: n.ocraSuite ?? null, lastStep: n.lastStep ?? -1, drift: n.drift ?? 0,
      pinHash: n.pinHash ?? null, pinEnabled: n.pinEnabled ?? (n.pinHash != null || n.pinChangeRequired === true),
      pinChangeRequired: n.pinChangeRequired ?? false, graceUntil: n.graceUntil ?? null, disabled: n.disabled ?? false,
      locked: n.locked ?? false, userRef,
    };
    this.authenticators.set(key, record);
    this.authenticatorsById.set(id, record);
    return id;
  }

  async findClient(componentType: string): Promise<ClientRecord | null> {
    const policyName = this.clients.get(componentType);
    const policy = policyName === undefined ? undefined : this.policies.get(policyName);
    return policy ? Object.freeze({ componentType, policy: resolvePolicy(policy) }) : null;
  }

  async savePolicy(p: Partial<Policy> & { name: string }): Promise<void> {
    this.policies.set(p.name, structuredClone(p));
  }

  async saveClient(componentType: string, policyName: string): Promise<void> {
    if (!this.policies.has(policyName)) throw new StoreReferenceError(`client "${componentType}": no policy named "${policyName}"`);
    this.clients.set(componentType, policyName);
  }

  async create(record: PendingRecord): Promise<void> {
    if (this.pending.has(record.key)) throw new StoreConflictError('pending record key already exists');
    this.pending.set(record.key, { ...record, payload: structuredClone(record.payload) });
  }

  async find(key: string): Promise<PendingRecord | null> {
    const r = this.pending.get(key);
    return r ? Object.freeze({ ...r, payload: structuredClone(r.payload) }) : null;
  }

  async transition(key: string, from: PendingRecord['state'], to: PendingRecord['state']): Promise<boolean> {
    const r = this.pending.get(key);
    if (!r || r.state !== from) return false;
    r.state = to;
    return true;
  }

  async findMany(keys: readonly string[]): Promise<PendingRecord[]> {
    return (await Promise.all(keys.map((k) => this.find(k)))).filter((r): r is PendingRecord => r !== null);
  }

  async listPendingForUser(userRef: string, kind: PendingRecord['kind']): Promise<PendingRecord[]> {
    const mine = [...this.pending.values()].filter((r) => r.userRef === userRef && r.kind === kind).sort((a, b) => a.createdAt - b.createdAt);
    return Promise.all(mine.map(async (r) => (await this.find(r.key))!));
  }

  async purgeExpired(before: number): Promise<number> {
    const expired = [...this.pending.values()].filter((r) => r.expiresAt < before);
    for (const r of expired) this.pending.delete(r.key);
    return expired.length;
  }

  async record(entry: AuditEntry): Promise<void> {
    this.audit.push(Object.freeze({ ...entry }));
  }

  async listAudit(f: AuditFilter = {}): Promise<AuditEntry[]> {
    const match = (e: AuditEntry) => (f.door === undefined || e.door === f.door)
      && (f.domain === undefined || e.domain === f.domain) && (f.userId === undefined || e.userId === f.userId)
      && (f.serialNo === undefined || e.serialNo === f.serialNo) && (f.status === undefined || e.status === f.status)
      && (f.since === undefined || e.at >= f.since) && (f.until === undefined || e.at < f.until);
    const ordered = this.audit.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map((x) => x.e);
    return ordered.filter(match).slice(0, f.limit ?? 1000);
  }

  async findUserById(userRef: string): Promise<StoredUser | null> {
    const u = this.usersById.get(userRef);
    return u ? Object.freeze({ ...u }) : null;
  }

  async listUsers(offset: number, limit: number): Promise<StoredUser[]> {
    const all = [...this.users.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return all.slice(offset, offset + limit).map(([, u]) => Object.freeze({ ...u }));
  }

  async listAuthenticators(offset: number, limit: number): Promise<Authenticator[]> {
    const all = [...this.authenticators.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return all.slice(offset, offset + limit).map(([, a]) => copyAuthenticator(a));
  }

  async updateUser(userRef: string, c: UserChanges): Promise<void> {
    const u = this.usersById.get(userRef);
    if (!u) return;
    for (const [k, v] of Object.entries(c)) if (v !== undefined) (u as Record<string, unknown>)[k] = v;
  }

  async deleteUser(userRef: string): Promise<void> {
    const u = this.usersById.get(userRef);
    if (!u) return;
    for (const a of this.authenticatorsById.values()) if (a.userRef === userRef) a.userRef = null;
    for (const [k, p] of this.pending) if (p.userRef === userRef) this.pending.delete(k);
    this.users.delete(userKey(u.domain, u.userId));
    this.usersById.delete(userRef);
  }

  async setAuthenticatorOwner(ref: string, expected: string | null, userRef: string | null, graceUntil: number | null): Promise<boolean> {
    const a = this.byId(ref);
    if (!a || a.userRef !== expected) return false;
    Object.assign(a, { userRef, graceUntil });
    return true;
  }

  async deleteAuthenticator(ref: string): Promise<void> {
    const a = this.byId(ref);
    if (!a) return;
    for (const [k, p] of this.pending) if (p.authenticatorRef === ref) this.pending.delete(k);
    this.authenticators.delete(lookupKey(a.serial));
    this.authenticatorsById.delete(ref);
  }

  async isEmpty(): Promise<boolean> {
    return this.users.size === 0 && this.authenticators.size === 0;
  }

  async close(): Promise<void> {}

  private byId(ref: string): Mutable<Authenticator> | undefined {
    return this.authenticatorsById.get(ref);
  }
}

function copyAuthenticator(a: Authenticator): Authenticator {
  return Object.freeze({ ...a, secret: Buffer.from(a.secret) });
}
