// Master-key check (spec: flows.md §1 secrets encrypted at rest): a sealed canary in store_meta tells
// at start-up, not at the first authentication, that the key file is not the one the data was sealed with.
import { randomBytes } from 'node:crypto';
import { SealError, seal, unseal } from '../seal.js';
import type { Sql } from '../sql.js';

const CANARY = 'key_check';

/**
 * True when the store already holds data sealed with some master key: the canary, or (for a store
 * older than the canary) any authenticator. A key generated now could open none of it.
 */
export async function holdsSealedData(sql: Sql): Promise<boolean> {
  if (await sql.one('SELECT name FROM store_meta WHERE name = ?', [CANARY])) return true;
  return (await sql.rows('SELECT 1 AS one FROM authenticators LIMIT 1')).length > 0;
}

export async function verifyMasterKey(sql: Sql, masterKey: Buffer): Promise<void> {
  await sql.run('INSERT INTO store_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
    [CANARY, seal(masterKey, randomBytes(16), CANARY)]);
  const row = await sql.one<{ value: string }>('SELECT value FROM store_meta WHERE name = ?', [CANARY]);
  try {
    unseal(masterKey, row?.value ?? '', CANARY);
  } catch (err) {
    if (!(err instanceof SealError)) throw err;
    throw new Error('the master key does not match the key this database was sealed with: ' +
      'start the server with the original master key file');
  }
}
