// A user and all of their authenticators in one statement (spec: flows.md §1-§2, the authUser lookups):
// users LEFT JOIN authenticators, reading only the columns an authentication uses (e-mail and phone for
// virtual OTPs; no description, admin flag or timestamps), mapped by position from row arrays. One statement is one
// round trip to a database server, and on SQLite one B-tree walk and one row array per authenticator.
import type { Authenticator, AuthenticatorKind, HashAlgorithm, LocalAuthMode, User } from '../../domain/model.js';
import { bool, lookupKey, num, numOrNull } from '../mappers.js';
import type { SecretBox } from '../secret-box.js';
import type { Sql } from '../sql.js';

const USER_COLUMNS = ['id', 'domain', 'user_id', 'disabled', 'locked', 'lock_count', 'locked_until', 'auto_unlocks',
  'static_password_hash', 'local_auth', 'expires_at', 'last_failure', 'last_failure_at', 'email', 'mobile'];
const AUTHENTICATOR_COLUMNS = ['id', 'serial', 'kind', 'secret_sealed', 'digits', 'algorithm', 'period', 'ocra_suite', 'last_step',
  'drift', 'pin_hash', 'pin_enabled', 'pin_change_required', 'grace_until', 'disabled', 'locked', 'delivery', 'virtual_backup',
  'uses_remaining', 'enabled_until'];

const JOIN = `SELECT ${USER_COLUMNS.map((c) => `u.${c}`).join(', ')}, ${AUTHENTICATOR_COLUMNS.map((c) => `a.${c} AS a_${c}`).join(', ')}
  FROM users u LEFT JOIN authenticators a ON a.user_ref = u.id
  WHERE u.domain_key = ? AND u.userid_key = ?`;
/** PostgreSQL orders by serial key itself; SQLite's sort for it costs a temporary B-tree (byKey below does it in memory). */
const SELECT = { postgres: `${JOIN} ORDER BY a.serial_key`, sqlite: JOIN } as const;

type Value = string | number | boolean | null;
/** A joined row: the user's columns, then the authenticator's, in the order of USER_COLUMNS and AUTHENTICATOR_COLUMNS. */
type Row = readonly Value[];

const n = (v: Value): number => num(v as number | string);
const nOrNull = (v: Value): number | null => numOrNull(v as number | string | null);
const b = (v: Value): boolean => bool(v as boolean | number | string);
const s = (v: Value): string => v as string;
const sOrNull = (v: Value): string | null => v as string | null;

/** Where the authenticator's columns start in a row. */
const A = USER_COLUMNS.length;

/** SQLite's ORDER BY serial_key: the lower-cased serials' UTF-8 bytes compared (BINARY collation). */
const byKey = (x: Row, y: Row): number =>
  Buffer.compare(Buffer.from(lookupKey(s(x[A + 1] ?? '')), 'utf8'), Buffer.from(lookupKey(s(y[A + 1] ?? '')), 'utf8'));

function toAuthUser(r: Row): User {
  return Object.freeze({
    id: s(r[0]), domain: s(r[1]), userId: s(r[2]), disabled: b(r[3]), locked: b(r[4]), lockCount: n(r[5]), lockedUntil: nOrNull(r[6]),
    autoUnlocks: n(r[7]), staticPasswordHash: sOrNull(r[8]), localAuth: r[9] as LocalAuthMode, expiresAt: nOrNull(r[10]),
    lastFailure: sOrNull(r[11]), lastFailureAt: nOrNull(r[12]), email: sOrNull(r[13]), mobile: sOrNull(r[14]),
  });
}

function toJoinedAuthenticator(r: Row, box: SecretBox): Authenticator {
  const id = s(r[A]);
  return Object.freeze({
    id, serial: s(r[A + 1]), kind: r[A + 2] as AuthenticatorKind, secret: box.open(s(r[A + 3]), id), digits: n(r[A + 4]),
    algorithm: r[A + 5] as HashAlgorithm, period: n(r[A + 6]), ocraSuite: sOrNull(r[A + 7]), lastStep: n(r[A + 8]), drift: n(r[A + 9]),
    pinHash: sOrNull(r[A + 10]), pinEnabled: b(r[A + 11]), pinChangeRequired: b(r[A + 12]), graceUntil: nOrNull(r[A + 13]),
    disabled: b(r[A + 14]), locked: b(r[A + 15]), userRef: s(r[0]),
    delivery: r[A + 16] as Authenticator['delivery'], backup: b(r[A + 17] ?? false), usesRemaining: nOrNull(r[A + 18]), enabledUntil: nOrNull(r[A + 19]),
  });
}

export async function findUserAndAuthenticators(sql: Sql, box: SecretBox, domain: string, userId: string):
Promise<{ user: User; authenticators: Authenticator[] } | null> {
  const rows = await sql.rowArrays(SELECT[sql.dialect], [lookupKey(domain), lookupKey(userId)]) as Row[];
  if (rows.length === 0) return null;
  if (rows.length > 1 && sql.dialect === 'sqlite') rows.sort(byKey);
  const authenticators: Authenticator[] = [];
  for (const r of rows) if (r[A] !== null) authenticators.push(toJoinedAuthenticator(r, box));
  return { user: toAuthUser(rows[0]!), authenticators };
}
