// Per-user RADIUS reply attributes (spec: other-frontends.md §4 `attributes`): replaced as a whole,
// read back in the order they were given (position), each with its operator (`:=` by default).
import { randomUUID } from 'node:crypto';
import type { ReplyAttributeRow } from '../entities.js';
import { StoreReferenceError, isForeignKeyViolation } from '../errors.js';
import type { Sql } from '../sql.js';
import type { ReplyAttribute } from '../store.js';

export const DEFAULT_REPLY_OP = ':=';

export class ReplyAttributeRepository {
  constructor(private readonly sql: Sql) {}

  /** Run inside a transaction: the delete and the inserts land together. */
  async replace(userRef: string, attrs: readonly ReplyAttribute[]): Promise<void> {
    const user = await this.sql.one('SELECT id FROM users WHERE id = ?', [userRef]);
    if (!user) throw new StoreReferenceError(`reply attributes: no user with id ${userRef}`);
    await this.sql.run('DELETE FROM user_reply_attributes WHERE user_ref = ?', [userRef]);
    try {
      for (const [position, a] of attrs.entries()) {
        await this.sql.run('INSERT INTO user_reply_attributes (id, user_ref, name, value, op, position) VALUES (?, ?, ?, ?, ?, ?)',
          [randomUUID(), userRef, a.name, a.value, a.op ?? DEFAULT_REPLY_OP, position]);
      }
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new StoreReferenceError(`reply attributes: no user with id ${userRef}`);
      throw err;
    }
  }

  async list(userRef: string): Promise<Required<ReplyAttribute>[]> {
    const rows = await this.sql.rows<ReplyAttributeRow>(
      'SELECT name, value, op FROM user_reply_attributes WHERE user_ref = ? ORDER BY position', [userRef]);
    return rows.map((r) => Object.freeze({ name: r.name, value: r.value, op: r.op }));
  }
}
