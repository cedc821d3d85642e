// Seed loader (fixtures/seed-format.md; spec: demo-seed.md): validates a seed document, merges it
// over the demo seed when it says `"extends": "demo"`, hashes PINs and static passwords, and writes it
// (pending records last: they name users and authenticators).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PendingRecord, SecretHasher } from '../engine/ports.js';
import { apiKeyDigest } from './api-key-digest.js';
import { StoreConflictError, StoreReferenceError } from './errors.js';
import {
  CLIENT_FIELDS, COLLECTIONS, SeedError, checkAuthenticator, checkDocument, checkFields, checkPending, checkPolicy, checkUser,
  type Collection, type SeedDocument, type SeedRecord,
} from './seed-schema.js';
import type { NewAuthenticator, NewUser, ReplyAttribute, Store } from './store.js';

export { SeedError };

/** fixtures/demo-seed.json, found from this module (dist/src/store/ -> repository root). */
export const DEMO_SEED_PATH = fileURLToPath(new URL('../../../fixtures/demo-seed.json', import.meta.url));
const DEFAULT_DOMAIN = 'master';

export interface LoadSeedOptions {
  /** Name used in error messages (a file path, a golden case). */
  readonly source?: string;
  /** The document `"extends": "demo"` refers to; read from DEMO_SEED_PATH when absent. */
  readonly demo?: unknown;
  /** Creation time of the API keys the seed adds (epoch ms; default: now). */
  readonly now?: number;
}

export interface SeedSummary { policies: number; clients: number; users: number; authenticators: number; pending: number }

interface Item { readonly rec: SeedRecord; readonly label: string }
type Items = Record<Collection, Item[]> & { apiKeys: SeedRecord[] };

/** Reads and parses a seed JSON file; errors name the file. */
export function readSeedFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SeedError(`seed file ${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SeedError(`seed file ${path}: not valid JSON (${(err as Error).message})`);
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const KEYS: Record<Collection, (r: SeedRecord) => string> = {
  policies: (r) => str(r.name),
  clients: (r) => str(r.componentType),
  users: (r) => `${str(r.domain ?? DEFAULT_DOMAIN).toLowerCase()}\\${str(r.userId).toLowerCase()}`,
  authenticators: (r) => str(r.serial).toLowerCase(),
  pending: (r) => str(r.key),
};
const SECRET_FIELDS = ['secretAscii', 'secretHex'];

function itemsOf(doc: SeedDocument, source: string): Items {
  const out = { apiKeys: doc.apiKeys } as Items;
  for (const c of COLLECTIONS) {
    const seen = new Set<string>();
    out[c] = doc[c].map((rec, i) => {
      const key = KEYS[c](rec);
      const label = `${source}: ${c}[${i}]${key ? ` "${key}"` : ''}`;
      if (key && seen.has(key)) throw new SeedError(`${label}: appears twice in the same seed`);
      seen.add(key);
      return { rec, label };
    });
  }
  return out;
}

/** Overlay records replace the fields they name in the base record with the same key; others are added. */
function merge(base: Items, overlay: Items): Items {
  const out = { apiKeys: [...base.apiKeys, ...overlay.apiKeys] } as Items;
  for (const c of COLLECTIONS) {
    const merged = new Map(base[c].map((it) => [KEYS[c](it.rec), it]));
    for (const it of overlay[c]) {
      const key = KEYS[c](it.rec);
      const prior = merged.get(key);
      if (!prior) { merged.set(key === '' ? `#${merged.size}` : key, it); continue; }
      const rec = { ...prior.rec };
      if (SECRET_FIELDS.some((k) => k in it.rec)) for (const k of SECRET_FIELDS) delete rec[k];
      merged.set(key, { rec: { ...rec, ...it.rec }, label: it.label });
    }
    out[c] = [...merged.values()];
  }
  return out;
}

function validate(items: Items): void {
  for (const it of items.policies) checkPolicy(it.rec, it.label);
  for (const it of items.clients) checkFields(it.rec, CLIENT_FIELDS, it.label, ['componentType', 'policy']);
  for (const it of items.users) checkUser(it.rec, it.label);
  for (const it of items.authenticators) checkAuthenticator(it.rec, it.label);
  for (const it of items.pending) checkPending(it.rec, it.label);
}

function resolveItems(seed: unknown, opts: LoadSeedOptions): Items {
  const source = opts.source ?? 'seed';
  const doc = checkDocument(seed, source);
  const own = itemsOf(doc, source);
  if (doc.extends !== 'demo') return own;
  const demoDoc = checkDocument(opts.demo ?? readSeedFile(DEMO_SEED_PATH), 'demo seed');
  if (demoDoc.extends !== undefined) throw new SeedError('demo seed: may not itself use "extends"');
  return merge(itemsOf(demoDoc, 'demo seed'), own);
}

/** Validates `seed` (all of it, before writing anything) and writes it into `store`. */
export async function loadSeed(store: Store, seed: unknown, hasher: SecretHasher, opts: LoadSeedOptions = {}): Promise<SeedSummary> {
  const items = resolveItems(seed, opts);
  validate(items);
  const hashOf = await hashSecrets(items, hasher);
  for (const { rec, label } of items.policies) await named(label, store.savePolicy({ ...rec, name: str(rec.name) }));
  for (const { rec, label } of items.clients) await named(label, store.saveClient(str(rec.componentType), str(rec.policy)));
  for (const { rec, label } of items.users) await writeUser(store, rec, label, hashOf);
  for (const it of items.authenticators) await writeAuthenticator(store, it, hashOf);
  for (const it of items.pending) await writePending(store, it);
  await loadApiKeys(store, items.apiKeys, opts.now ?? Date.now());
  return {
    policies: items.policies.length, clients: items.clients.length,
    users: items.users.length, authenticators: items.authenticators.length, pending: items.pending.length,
  };
}

/** One argon2id hash per record (own salt each, even where two records share a PIN). */
async function hashSecrets(items: Items, hasher: SecretHasher): Promise<Map<SeedRecord, string>> {
  const todo: [SeedRecord, string][] = [];
  for (const { rec } of items.users) if (typeof rec.staticPassword === 'string') todo.push([rec, rec.staticPassword]);
  for (const { rec } of items.authenticators) if (typeof rec.pin === 'string') todo.push([rec, rec.pin]);
  return new Map(await Promise.all(todo.map(async ([rec, plain]) => [rec, await hasher.hash(plain)] as const)));
}

async function named<T>(label: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof StoreConflictError || err instanceof StoreReferenceError) throw new SeedError(`${label}: ${err.message}`);
    throw err;
  }
}

async function writeUser(store: Store, rec: SeedRecord, label: string, hashOf: Map<SeedRecord, string>): Promise<void> {
  const userRef = await named(label, store.createUser(toNewUser(rec, hashOf)));
  if (Array.isArray(rec.replyAttributes)) await store.setReplyAttributes(userRef, rec.replyAttributes as ReplyAttribute[]);
}

/**
 * Adds a seed's API keys `{key, name?}` as digests (the demo key is named `demo`), idempotently: a key
 * already in the store, revoked or not, is left as it is, and so is a name already taken by another key.
 */
export async function loadApiKeys(store: Store, entries: readonly SeedRecord[], at: number): Promise<number> {
  let added = 0;
  for (const [i, e] of entries.entries()) {
    const digest = apiKeyDigest(str(e.key));
    if (await store.findApiKeyByDigest(digest)) continue;
    const name = typeof e.name === 'string' ? e.name : i === 0 ? 'demo' : `demo-${i + 1}`;
    try {
      await store.createApiKey(name, digest, at);
      added++;
    } catch (err) {
      if (!(err instanceof StoreConflictError)) throw err;
    }
  }
  return added;
}

/** The `apiKeys` of a seed document (validated), for loadApiKeys. */
export function seedApiKeys(seed: unknown, source = 'seed'): SeedRecord[] {
  return checkDocument(seed, source).apiKeys;
}

function toNewUser(rec: SeedRecord, hashOf: Map<SeedRecord, string>): NewUser {
  const { staticPassword, domain, replyAttributes: _attrs, ...rest } = rec;
  return {
    ...(rest as Omit<NewUser, 'domain'>),
    domain: str(domain ?? DEFAULT_DOMAIN),
    staticPasswordHash: typeof staticPassword === 'string' ? hashOf.get(rec)! : null,
  };
}

async function userRefOf(store: Store, label: string, user: unknown, domain: unknown): Promise<string | null> {
  if (typeof user !== 'string') return null;
  const found = await store.findUser(str(domain ?? DEFAULT_DOMAIN), user);
  if (!found) throw new SeedError(`${label}: user "${user}" in domain "${str(domain ?? DEFAULT_DOMAIN)}" does not exist`);
  return found.id;
}

/** A pending record: user and serial become store references; kind `challenge`, state `open` by default. */
async function writePending(store: Store, { rec, label }: Item): Promise<void> {
  const userRef = await userRefOf(store, label, rec.user, rec.domain);
  let authenticatorRef: string | null = null;
  if (typeof rec.serial === 'string') {
    const a = await store.findBySerial(rec.serial);
    if (!a) throw new SeedError(`${label}: authenticator "${rec.serial}" does not exist`);
    authenticatorRef = a.id;
  }
  await named(label, store.create({
    key: str(rec.key), kind: (rec.kind ?? 'challenge') as PendingRecord['kind'], userRef, authenticatorRef,
    componentType: str(rec.componentType), createdAt: rec.createdAt as number, expiresAt: rec.expiresAt as number,
    payload: (rec.payload ?? {}) as Record<string, unknown>, state: (rec.state ?? 'open') as PendingRecord['state'],
  }));
}

async function writeAuthenticator(store: Store, { rec, label }: Item, hashOf: Map<SeedRecord, string>): Promise<void> {
  const { secretAscii, secretHex, pin, user, domain, ...rest } = rec;
  const userRef = await userRefOf(store, label, user, domain);
  const secret = typeof secretHex === 'string' ? Buffer.from(secretHex, 'hex') : Buffer.from(str(secretAscii), 'utf8');
  const a = { ...(rest as Omit<NewAuthenticator, 'secret'>), secret, userRef, pinHash: typeof pin === 'string' ? hashOf.get(rec)! : null };
  await named(label, store.createAuthenticator(a));
}
