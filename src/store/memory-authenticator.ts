// Authenticator records of MemoryStore (spec: flows.md §1): a new record with the SQL store's defaults,
// and the frozen copy handed out (its secret copied, so a caller cannot change the stored one).
import type { Authenticator } from '../domain/model.js';
import type { NewAuthenticator } from './store.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function newAuthenticatorRecord(id: string, n: NewAuthenticator, userRef: string | null): Mutable<Authenticator> {
  return {
    id, serial: n.serial, kind: n.kind, secret: Buffer.from(n.secret), digits: n.digits ?? 6, algorithm: n.algorithm ?? 'SHA1',
    period: n.period ?? 30, ocraSuite: n.ocraSuite ?? null, lastStep: n.lastStep ?? -1, drift: n.drift ?? 0,
    pinHash: n.pinHash ?? null, pinEnabled: n.pinEnabled ?? (n.pinHash != null || n.pinChangeRequired === true),
    pinChangeRequired: n.pinChangeRequired ?? false, graceUntil: n.graceUntil ?? null, disabled: n.disabled ?? false,
    locked: n.locked ?? false, userRef, delivery: n.delivery ?? null, backup: n.backup ?? false,
    usesRemaining: n.usesRemaining ?? null, enabledUntil: n.enabledUntil ?? null,
  };
}

export function copyAuthenticator(a: Authenticator): Authenticator {
  return Object.freeze({ ...a, secret: Buffer.from(a.secret) });
}
