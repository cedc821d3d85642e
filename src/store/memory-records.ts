// In-memory API keys, reply attributes and audit log for MemoryStore (spec: other-frontends.md §2, §4;
// flows.md audit): the same contract as the SQL tables (unique names and digests, revoked keys kept, order kept).
import type { AuditEntry } from '../engine/ports.js';
import { StoreConflictError } from './errors.js';
import { lookupKey } from './mappers.js';
import { DEFAULT_REPLY_OP } from './repositories/reply-attributes.js';
import { ADMIN_AUDIT_COMPONENT_TYPE, type AuditClass } from './records.js';
import type { ApiKeyRecord, AuditFilter, ReplyAttribute } from './store.js';

interface KeyEntry { name: string; digest: string; createdAt: number; revokedAt: number | null }

const record = (e: KeyEntry): ApiKeyRecord => Object.freeze({ name: e.name, createdAt: e.createdAt, revokedAt: e.revokedAt });

export class MemoryApiKeys {
  private readonly byName = new Map<string, KeyEntry>();

  create(name: string, digest: string, at: number): void {
    const d = digest.toLowerCase();
    if (this.byName.has(lookupKey(name)) || [...this.byName.values()].some((e) => e.digest === d)) {
      throw new StoreConflictError(`an API key named "${name}" (or with the same key) already exists`);
    }
    this.byName.set(lookupKey(name), { name, digest: d, createdAt: at, revokedAt: null });
  }

  list(): ApiKeyRecord[] {
    return [...this.byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => record(e));
  }

  revoke(name: string, at: number): boolean {
    const e = this.byName.get(lookupKey(name));
    if (!e || e.revokedAt !== null) return false;
    e.revokedAt = at;
    return true;
  }

  findByDigest(digest: string): ApiKeyRecord | null {
    const d = digest.toLowerCase();
    const e = [...this.byName.values()].find((x) => x.digest === d);
    return e ? record(e) : null;
  }
}

export class MemoryReplyAttributes {
  private readonly byUser = new Map<string, Required<ReplyAttribute>[]>();

  replace(userRef: string, attrs: readonly ReplyAttribute[]): void {
    this.byUser.set(userRef, attrs.map((a) => ({ name: a.name, value: a.value, op: a.op ?? DEFAULT_REPLY_OP })));
  }

  list(userRef: string): Required<ReplyAttribute>[] {
    return (this.byUser.get(userRef) ?? []).map((a) => Object.freeze({ ...a }));
  }

  delete(userRef: string): void {
    this.byUser.delete(userRef);
  }
}

/** Whether an entry is of retention class `kind` and older than `before`. */
const older = (kind: AuditClass, before: number) => (e: AuditEntry): boolean =>
  e.at < before && (e.componentType === ADMIN_AUDIT_COMPONENT_TYPE) === (kind === 'administrative');

export class MemoryAudit {
  private entries: AuditEntry[] = [];

  record(entry: AuditEntry): void {
    this.entries.push(Object.freeze({ ...entry }));
  }

  /** Oldest first (insertion order among equal times; newest first when asked), filtered, at most `limit` (default 1000). */
  list(f: AuditFilter): AuditEntry[] {
    const match = (e: AuditEntry) => (f.door === undefined || e.door === f.door) && (f.componentType === undefined || e.componentType === f.componentType)
      && (f.domain === undefined || e.domain === f.domain) && (f.userId === undefined || e.userId === f.userId)
      && (f.serialNo === undefined || e.serialNo === f.serialNo) && (f.status === undefined || e.status === f.status)
      && (f.since === undefined || e.at >= f.since) && (f.until === undefined || e.at < f.until);
    const ordered = this.entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map((x) => x.e);
    if (f.newestFirst) ordered.reverse();
    return ordered.filter(match).slice(0, f.limit ?? 1000);
  }

  /** Deletes the oldest `limit` entries of `kind` older than `before`; how many. */
  purge(kind: AuditClass, before: number, limit: number): number {
    const doomed = new Set(this.entries.filter(older(kind, before)).sort((a, b) => a.at - b.at).slice(0, limit));
    this.entries = this.entries.filter((e) => !doomed.has(e));
    return doomed.size;
  }

  count(kind: AuditClass, before: number): number {
    return this.entries.filter(older(kind, before)).length;
  }
}
