// Third schema step (issue 16): bearer secrets that were stored in clear in `pending` move under their
// digest (src/store/bearer-digest.ts): admin session ids (kind `admin-session`) and hashqr links
// (`door-state` keys `hashqr:<token>`). Live sessions and links keep working; no table changes.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { bearerKey } from '../bearer-digest.js';

const DIGESTED = /^[a-z-]+:[0-9a-f]{64}$/;

/** The digest key of a clear-text key, or undefined when the row is no bearer secret or already digested. */
export function digestedKey(kind: string, key: string): string | undefined {
  if (DIGESTED.test(key)) return undefined;
  if (kind === 'admin-session') return bearerKey('admin-session', key);
  if (kind === 'door-state' && key.startsWith('hashqr:')) return bearerKey('hashqr', key.slice('hashqr:'.length));
  return undefined;
}

export class BearerDigests1770000000016 implements MigrationInterface {
  readonly name = 'BearerDigests1770000000016';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.driver.options.type === 'postgres';
    const update = pg ? 'UPDATE pending SET pending_key = $1 WHERE pending_key = $2' : 'UPDATE pending SET pending_key = ? WHERE pending_key = ?';
    const rows = await queryRunner.query("SELECT pending_key, kind FROM pending WHERE kind IN ('admin-session', 'door-state')") as { pending_key: string; kind: string }[];
    for (const r of rows) {
      const next = digestedKey(r.kind, r.pending_key);
      if (next) await queryRunner.query(update, [next, r.pending_key]);
    }
  }

  /** A digest cannot be turned back: after a downgrade the sessions and links of this version are unknown (they expire anyway). */
  async down(): Promise<void> { /* nothing to undo */ }
}
