// REST API key administration (issue 7; other-frontends.md §2, §4): create a random key shown once and
// stored as its SHA-256 digest, list keys (names and times, never keys), revoke one by name.
import { apiKeyDigest } from '../store/api-key-digest.js';
import { StoreConflictError } from '../store/errors.js';
import { fail, succeed, type AdminResult, type AdminServices } from './services.js';

const NAME = /^[A-Za-z0-9._-]{1,64}$/;
/** 32 random bytes, base64url: 256 bits, safe in a header, a query string and a JSON body. */
const KEY_BYTES = 32;
const KEY_PREFIX = 'csk_';

export interface ApiKeyView {
  readonly name: string;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** A new key: the only time the key itself is ever given out. */
export interface CreatedApiKey extends ApiKeyView { readonly key: string }

const iso = (ms: number): string => new Date(ms).toISOString();

export async function createApiKey(svc: AdminServices, name: string): Promise<AdminResult<CreatedApiKey>> {
  if (!NAME.test(name)) return fail('INVDATA', 'The key name must be 1 to 64 letters, digits, ".", "_" or "-"');
  const key = KEY_PREFIX + svc.random.bytes(KEY_BYTES).toString('base64url');
  const at = svc.clock.now();
  try {
    await svc.store.createApiKey(name, apiKeyDigest(key), at);
  } catch (e) {
    if (e instanceof StoreConflictError) return fail('EXISTS', 'An API key with this name exists (revoked keys keep their names)');
    throw e;
  }
  return succeed({ name, createdAt: iso(at), revokedAt: null, key });
}

export async function listApiKeys(svc: AdminServices): Promise<AdminResult<ApiKeyView[]>> {
  const keys = await svc.store.listApiKeys();
  return succeed(keys.map((k) => ({ name: k.name, createdAt: iso(k.createdAt), revokedAt: k.revokedAt === null ? null : iso(k.revokedAt) })));
}

export async function revokeApiKey(svc: AdminServices, name: string): Promise<AdminResult<ApiKeyView>> {
  if (!(await svc.store.revokeApiKey(name, svc.clock.now()))) return fail('NOT_FOUND', 'No active API key with this name');
  const key = (await svc.store.listApiKeys()).find((k) => k.name.toLowerCase() === name.toLowerCase())!;
  return succeed({ name: key.name, createdAt: iso(key.createdAt), revokedAt: iso(key.revokedAt!) });
}
