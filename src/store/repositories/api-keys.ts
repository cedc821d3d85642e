// REST API keys (spec: other-frontends.md §2, §4; issue 7): rows hold a name and the SHA-256 hex digest
// of the key, never the key. Revoking stamps revoked_at; the row stays listed and its name stays taken.
import { randomUUID } from 'node:crypto';
import type { ApiKeyRow } from '../entities.js';
import { StoreConflictError, isUniqueViolation } from '../errors.js';
import { lookupKey, toApiKey } from '../mappers.js';
import type { Sql } from '../sql.js';
import type { ApiKeyRecord } from '../store.js';

export class ApiKeyRepository {
  constructor(private readonly sql: Sql) {}

  async create(name: string, digest: string, at: number): Promise<void> {
    try {
      await this.sql.run('INSERT INTO api_keys (id, name, name_key, key_digest, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)',
        [randomUUID(), name, lookupKey(name), digest.toLowerCase(), at]);
    } catch (err) {
      if (isUniqueViolation(err)) throw new StoreConflictError(`an API key named "${name}" (or with the same key) already exists`);
      throw err;
    }
  }

  async list(): Promise<ApiKeyRecord[]> {
    return (await this.sql.rows<ApiKeyRow>('SELECT * FROM api_keys ORDER BY name_key')).map(toApiKey);
  }

  async revoke(name: string, at: number): Promise<boolean> {
    return (await this.sql.run('UPDATE api_keys SET revoked_at = ? WHERE name_key = ? AND revoked_at IS NULL', [at, lookupKey(name)])) === 1;
  }

  async findByDigest(digest: string): Promise<ApiKeyRecord | null> {
    const row = await this.sql.one<ApiKeyRow>('SELECT * FROM api_keys WHERE key_digest = ?', [digest.toLowerCase()]);
    return row ? toApiKey(row) : null;
  }
}
