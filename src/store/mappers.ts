// Row <-> domain conversions for the SQL store (spec: flows.md §1). Drivers differ: PostgreSQL returns
// bigint as a string and booleans as booleans, SQLite returns numbers and 0/1; both become JS values here.
import type { Authenticator, AuthenticatorKind, HashAlgorithm, LocalAuthMode, Policy } from '../domain/model.js';
import type { StatusKey } from '../domain/status.js';
import type { AuditEntry, PendingRecord } from '../engine/ports.js';
import { resolvePolicy } from '../engine/policy/defaults.js';
import type { ApiKeyRow, AuditRow, AuthenticatorRow, PendingRow, UserRow } from './entities.js';
import type { SecretBox } from './secret-box.js';
import type { ApiKeyRecord, StoredUser } from './store.js';

export const num = (v: number | string): number => (typeof v === 'number' ? v : Number(v));
export const numOrNull = (v: number | string | null): number | null => (v === null ? null : num(v));
export const bool = (v: boolean | number | string): boolean => v === true || v === 1 || v === '1';

/** Lower-cased key used for case-insensitive lookups and uniqueness. */
export const lookupKey = (s: string): string => s.toLowerCase();

export function toUser(r: UserRow): StoredUser {
  return Object.freeze({
    id: r.id,
    domain: r.domain,
    userId: r.user_id,
    disabled: bool(r.disabled),
    locked: bool(r.locked),
    lockCount: num(r.lock_count),
    lockedUntil: numOrNull(r.locked_until),
    autoUnlocks: num(r.auto_unlocks),
    staticPasswordHash: r.static_password_hash,
    localAuth: r.local_auth as LocalAuthMode,
    expiresAt: numOrNull(r.expires_at),
    lastFailure: r.last_failure,
    lastFailureAt: numOrNull(r.last_failure_at),
    email: r.email,
    mobile: r.mobile,
    description: r.description,
    backendAuth: r.backend_auth ?? null,
    admin: bool(r.admin),
    createdAt: num(r.created_at),
    modifiedAt: numOrNull(r.modified_at ?? null),
  });
}

export function toAuthenticator(r: AuthenticatorRow, box: SecretBox): Authenticator {
  return Object.freeze({
    id: r.id,
    serial: r.serial,
    kind: r.kind as AuthenticatorKind,
    secret: box.open(r.secret_sealed, r.id),
    digits: num(r.digits),
    algorithm: r.algorithm as HashAlgorithm,
    period: num(r.period),
    ocraSuite: r.ocra_suite,
    lastStep: num(r.last_step),
    drift: num(r.drift),
    pinHash: r.pin_hash,
    pinEnabled: bool(r.pin_enabled),
    pinChangeRequired: bool(r.pin_change_required),
    graceUntil: numOrNull(r.grace_until),
    disabled: bool(r.disabled),
    locked: bool(r.locked),
    userRef: r.user_ref,
  });
}

export function toPolicy(name: string, settings: string): Policy {
  const parsed = JSON.parse(settings) as Partial<Policy>;
  return resolvePolicy({ ...parsed, name });
}

/** The stored settings text: everything but the name (the key column). */
export function policySettings(p: Partial<Policy> & { name: string }): string {
  const { name: _name, ...rest } = p;
  return JSON.stringify(rest);
}

export function toPending(r: PendingRow): PendingRecord {
  return Object.freeze({
    key: r.pending_key,
    kind: r.kind as PendingRecord['kind'],
    userRef: r.user_ref,
    authenticatorRef: r.authenticator_ref,
    componentType: r.component_type,
    createdAt: num(r.created_at),
    expiresAt: num(r.expires_at),
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    state: r.state as PendingRecord['state'],
  });
}

export function toAudit(r: AuditRow): AuditEntry {
  return Object.freeze({
    at: num(r.at),
    door: r.door,
    componentType: r.component_type,
    domain: r.domain,
    userId: r.user_id,
    serialNo: r.serial_no,
    status: r.status as StatusKey,
    statusCode: num(r.status_code),
    sourceAddress: r.source_address,
    detail: r.detail,
  });
}

export function toApiKey(r: ApiKeyRow): ApiKeyRecord {
  return Object.freeze({ name: r.name, createdAt: num(r.created_at), revokedAt: numOrNull(r.revoked_at) });
}
