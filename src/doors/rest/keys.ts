// API keys of the REST doors (spec: other-frontends.md §2, §4; issue 7): a presented key is hashed
// (SHA-256) and looked up by digest in the store's api_keys table; a revoked or unknown key is refused.
// Lookup by digest reveals nothing about key names; `apiKeySet` (a fixed set, for tests) compares in constant time.
import { timingSafeEqual } from 'node:crypto';
import { apiKeyDigest } from '../../store/api-key-digest.js';
import type { Store } from '../../store/store.js';

export interface ApiKeys { accepts(key: string | undefined): Promise<boolean> }

/** Keys managed with `countersign apikey` (and the demo seed's `apiKeys`, loaded with the demo data). */
export function storeApiKeys(store: Pick<Store, 'findApiKeyByDigest'>): ApiKeys {
  return {
    async accepts(key) {
      if (!key) return false;
      const found = await store.findApiKeyByDigest(apiKeyDigest(key));
      return found !== null && found.revokedAt === null;
    },
  };
}

/** A fixed set of plain keys, held as digests. */
export function apiKeySet(plainKeys: readonly string[]): ApiKeys {
  const digests = plainKeys.filter((k) => k.length > 0).map((k) => Buffer.from(apiKeyDigest(k), 'hex'));
  return {
    async accepts(key) {
      if (!key) return false;
      const d = Buffer.from(apiKeyDigest(key), 'hex');
      let ok = false;
      for (const known of digests) ok = timingSafeEqual(known, d) || ok;
      return ok;
    },
  };
}
