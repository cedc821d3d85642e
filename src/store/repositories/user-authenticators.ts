// A user and all of their authenticators in one statement (spec: flows.md §1-§2, the authUser lookups):
// users LEFT JOIN authenticators, reading only the columns an authentication uses (no e-mail, phone,
// description, admin flag or timestamps), the authenticator's aliased `a_<column>`. One statement is
// one round trip to a database server, and on SQLite one B-tree walk and one row array per authenticator.
import type { Authenticator, AuthenticatorKind, HashAlgorithm, LocalAuthMode, User } from '../../domain/model.js';
import { bool, lookupKey, num, numOrNull } from '../mappers.js';
import type { SecretBox } from '../secret-box.js';
import type { Sql } from '../sql.js';

const USER_COLUMNS = ['id', 'domain', 'user_id', 'disabled', 'locked', 'lock_count', 'locked_until', 'auto_unlocks',
  'static_password_hash', 'local_auth', 'expires_at', 'last_failure', 'last_failure_at'];
const AUTHENTICATOR_COLUMNS = ['id', 'serial', 'kind', 'secret_sealed', 'digits', 'algorithm', 'period', 'ocra_suite', 'last_step',
  'drift', 'pin_hash', 'pin_enabled', 'pin_change_required', 'grace_until', 'disabled', 'locked'];

const SELECT = `SELECT ${USER_COLUMNS.map((c) => `u.${c}`).join(', ')}, ${AUTHENTICATOR_COLUMNS.map((c) => `a.${c} AS a_${c}`).join(', ')}
  FROM users u LEFT JOIN authenticators a ON a.user_ref = u.id
  WHERE u.domain_key = ? AND u.userid_key = ? ORDER BY a.serial_key`;

type Value = string | number | boolean | null;
interface JoinedRow {
  readonly id: string; readonly domain: string; readonly user_id: string; readonly disabled: Value; readonly locked: Value;
  readonly lock_count: Value; readonly locked_until: Value; readonly auto_unlocks: Value; readonly static_password_hash: string | null;
  readonly local_auth: string; readonly expires_at: Value; readonly last_failure: string | null; readonly last_failure_at: Value;
  readonly a_id: string | null; readonly a_serial: string; readonly a_kind: string; readonly a_secret_sealed: string; readonly a_digits: Value;
  readonly a_algorithm: string; readonly a_period: Value; readonly a_ocra_suite: string | null; readonly a_last_step: Value; readonly a_drift: Value;
  readonly a_pin_hash: string | null; readonly a_pin_enabled: Value; readonly a_pin_change_required: Value; readonly a_grace_until: Value;
  readonly a_disabled: Value; readonly a_locked: Value;
}

const n = (v: Value): number => num(v as number | string);
const nOrNull = (v: Value): number | null => numOrNull(v as number | string | null);
const b = (v: Value): boolean => bool(v as boolean | number | string);

function toAuthUser(r: JoinedRow): User {
  return Object.freeze({
    id: r.id, domain: r.domain, userId: r.user_id, disabled: b(r.disabled), locked: b(r.locked), lockCount: n(r.lock_count),
    lockedUntil: nOrNull(r.locked_until), autoUnlocks: n(r.auto_unlocks), staticPasswordHash: r.static_password_hash,
    localAuth: r.local_auth as LocalAuthMode, expiresAt: nOrNull(r.expires_at), lastFailure: r.last_failure, lastFailureAt: nOrNull(r.last_failure_at),
  });
}

function toJoinedAuthenticator(r: JoinedRow, box: SecretBox): Authenticator {
  const id = r.a_id!;
  return Object.freeze({
    id, serial: r.a_serial, kind: r.a_kind as AuthenticatorKind, secret: box.open(r.a_secret_sealed, id), digits: n(r.a_digits),
    algorithm: r.a_algorithm as HashAlgorithm, period: n(r.a_period), ocraSuite: r.a_ocra_suite, lastStep: n(r.a_last_step), drift: n(r.a_drift),
    pinHash: r.a_pin_hash, pinEnabled: b(r.a_pin_enabled), pinChangeRequired: b(r.a_pin_change_required), graceUntil: nOrNull(r.a_grace_until),
    disabled: b(r.a_disabled), locked: b(r.a_locked), userRef: r.id,
  });
}

export async function findUserAndAuthenticators(sql: Sql, box: SecretBox, domain: string, userId: string):
Promise<{ user: User; authenticators: Authenticator[] } | null> {
  const rows = await sql.rows<JoinedRow>(SELECT, [lookupKey(domain), lookupKey(userId)]);
  if (rows.length === 0) return null;
  const authenticators: Authenticator[] = [];
  for (const r of rows) if (r.a_id !== null) authenticators.push(toJoinedAuthenticator(r, box));
  return { user: toAuthUser(rows[0]!), authenticators };
}
