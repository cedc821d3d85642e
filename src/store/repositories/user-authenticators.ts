// A user and all of their authenticators in one statement (spec: flows.md §1-§2, the authUser lookups):
// users LEFT JOIN authenticators, the authenticator columns aliased `a_<column>` and split back into
// the two row shapes, so a request costs one round trip to a database server instead of two.
import type { Authenticator } from '../../domain/model.js';
import { AuthenticatorEntity, UserEntity, type AuthenticatorRow, type UserRow } from '../entities.js';
import { lookupKey, toAuthenticator, toUser } from '../mappers.js';
import type { SecretBox } from '../secret-box.js';
import type { Sql } from '../sql.js';
import type { StoredUser } from '../store.js';

const USER_COLUMNS = Object.keys(UserEntity.options.columns);
const AUTHENTICATOR_COLUMNS = Object.keys(AuthenticatorEntity.options.columns);
const ALIASES = AUTHENTICATOR_COLUMNS.map((c) => `a_${c}`);
const A_ID = 'a_id';

const SELECT = `SELECT ${USER_COLUMNS.map((c) => `u.${c}`).join(', ')}, ${AUTHENTICATOR_COLUMNS.map((c, i) => `a.${c} AS ${ALIASES[i]}`).join(', ')}
  FROM users u LEFT JOIN authenticators a ON a.user_ref = u.id
  WHERE u.domain_key = ? AND u.userid_key = ? ORDER BY a.serial_key`;

type JoinedRow = Record<string, unknown>;

/** `{ columns[i]: row[names[i]] }`. */
function pick(row: JoinedRow, columns: readonly string[], names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) out[columns[i]!] = row[names[i]!];
  return out;
}

export async function findUserAndAuthenticators(sql: Sql, box: SecretBox, domain: string, userId: string):
Promise<{ user: StoredUser; authenticators: Authenticator[] } | null> {
  const rows = await sql.rows<JoinedRow>(SELECT, [lookupKey(domain), lookupKey(userId)]);
  if (rows.length === 0) return null;
  const user = toUser(pick(rows[0]!, USER_COLUMNS, USER_COLUMNS) as unknown as UserRow);
  const authenticators = rows.filter((r) => r[A_ID] != null)
    .map((r) => toAuthenticator(pick(r, AUTHENTICATOR_COLUMNS, ALIASES) as unknown as AuthenticatorRow, box));
  return { user, authenticators };
}
