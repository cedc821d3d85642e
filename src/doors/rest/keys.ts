// API keys of the REST doors (spec: other-frontends.md §2, §4): held only as SHA-256 digests and
// compared in constant time. Keys come from the demo seed's `apiKeys` while demo data is present.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface ApiKeys { accepts(key: string | undefined): boolean; readonly size: number }

const digest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

export function apiKeySet(plainKeys: readonly string[]): ApiKeys {
  const digests = plainKeys.filter((k) => k.length > 0).map(digest);
  return {
    size: digests.length,
    accepts(key) {
      if (!key) return false;
      const d = digest(key);
      let ok = false;
      for (const known of digests) ok = timingSafeEqual(known, d) || ok;
      return ok;
    },
  };
}

/** The `key` of each `apiKeys` entry of a seed document; other shapes are ignored. */
export function seedApiKeys(seed: unknown): string[] {
  const list = (seed as { apiKeys?: unknown } | null)?.apiKeys;
  if (!Array.isArray(list)) return [];
  return list.map((e) => (e as { key?: unknown })?.key).filter((k): k is string => typeof k === 'string');
}
