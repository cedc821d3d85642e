// Seed import (issue 5 "Import"; fixtures/seed-format.md, demo-seed.md): a whole seed document is
// checked first (store/seed.ts), then written: policies, clients, users, authenticators through the same
// row writer as CSV and PSKC (import-rows.ts), pending records (an admin session under its id's digest),
// API keys. The demo seed loads this way.
import type { PendingRecord, SecretHasher } from '../engine/ports.js';
import { apiKeyDigest } from '../store/api-key-digest.js';
import { StoreConflictError, StoreReferenceError } from '../store/errors.js';
import {
  DEFAULT_DOMAIN, SeedError, prepareSeed, readSeedFile, str, type Item, type Items, type LoadSeedOptions, type SeedRecord, type SeedSummary,
} from '../store/seed.js';
import type { NewAuthenticator, NewUser, ReplyAttribute, Store } from '../store/store.js';
import { insert, rowProblem, type Progress, type RowProblem } from './import-rows.js';
import type { AdminServices } from './services.js';
import { sessionKey } from './session.js';

/** Seed loading options; `progress` hears of each record written (policies, clients, users, authenticators, pending). */
export interface SeedImportOptions extends LoadSeedOptions { readonly progress?: Progress }

/** Validates `seed` (all of it, before writing anything) and writes it into `store`. */
export async function loadSeed(store: Store, seed: unknown, hasher: SecretHasher, opts: SeedImportOptions = {}): Promise<SeedSummary> {
  const items = prepareSeed(seed, opts);
  checkRows(items.authenticators);
  const hashOf = await hashSecrets(items, hasher);
  const total = items.policies.length + items.clients.length + items.users.length + items.authenticators.length + items.pending.length;
  let done = 0;
  const tick = (): void => opts.progress?.(++done, total);
  opts.progress?.(0, total);
  for (const { rec, label } of items.policies) { await named(label, store.savePolicy({ ...rec, name: str(rec.name) })); tick(); }
  for (const { rec, label } of items.clients) { await named(label, store.saveClient(str(rec.componentType), str(rec.policy))); tick(); }
  for (const { rec, label } of items.users) { await writeUser(store, rec, label, hashOf); tick(); }
  await writeAuthenticators(store, items.authenticators, hashOf, tick);
  for (const it of items.pending) { await writePending(store, it); tick(); }
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
  const kind = (rec.kind ?? 'challenge') as PendingRecord['kind'];
  await named(label, store.create({
    key: kind === 'admin-session' ? sessionKey(str(rec.key)) : str(rec.key), kind, userRef, authenticatorRef,
    componentType: str(rec.componentType), createdAt: rec.createdAt as number, expiresAt: rec.expiresAt as number,
    payload: (rec.payload ?? {}) as Record<string, unknown>, state: (rec.state ?? 'open') as PendingRecord['state'],
  }));
}

/** The row without its user and PIN (those need the store and the hasher). */
function rowOf(rec: SeedRecord): NewAuthenticator {
  const { secretAscii, secretHex, pin: _pin, user: _user, domain: _domain, ...rest } = rec;
  const secret = typeof secretHex === 'string' ? Buffer.from(secretHex, 'hex') : Buffer.from(str(secretAscii), 'utf8');
  /* A virtual authenticator has no secret of its own: its OTPs are drawn when they are sent. */
  return { ...(rest as Omit<NewAuthenticator, 'secret'>), secret };
}

/** The import rules of every authenticator, before anything is written. */
function checkRows(items: readonly Item[]): void {
  for (const { rec, label } of items) {
    const problem = rowProblem(rowOf(rec));
    if (problem) throw new SeedError(`${label}: ${problem}`);
  }
}

async function toRow(store: Store, { rec, label }: Item, hashOf: Map<SeedRecord, string>): Promise<NewAuthenticator> {
  const userRef = await userRefOf(store, label, rec.user, rec.domain);
  return { ...rowOf(rec), userRef, pinHash: typeof rec.pin === 'string' ? hashOf.get(rec)! : null };
}

/** Every authenticator through the import row writer; a seed may not skip one (its serial exists already). */
async function writeAuthenticators(store: Store, items: readonly Item[], hashOf: Map<SeedRecord, string>, tick: () => void): Promise<void> {
  const counts = { imported: 0, skipped: 0 };
  const problems: RowProblem[] = [];
  for (const [i, it] of items.entries()) {
    await insert({ store }, await toRow(store, it, hashOf), i + 1, counts, problems, `${it.label}: `);
    if (problems.length > 0) throw new SeedError(problems[0]!.reason);
    tick();
  }
}

/** `countersign import <seed.json>`: a seed file into the configured store (errors name the record). */
export async function importSeedFile(svc: Pick<AdminServices, 'store' | 'hasher' | 'clock'>, path: string, progress?: Progress): Promise<SeedSummary> {
  return loadSeed(svc.store, readSeedFile(path), svc.hasher, { source: path, now: svc.clock.now(), ...(progress ? { progress } : {}) });
}
