// Seed documents (fixtures/seed-format.md; spec: demo-seed.md): reads and validates a seed and merges
// it over the demo seed when it says `"extends": "demo"`. Writing it is an import (src/admin/import-seed.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CLIENT_FIELDS, COLLECTIONS, SeedError, checkAuthenticator, checkDocument, checkFields, checkPending, checkPolicy, checkUser,
  type Collection, type SeedDocument, type SeedRecord,
} from './seed-schema.js';

export { SeedError, type SeedRecord };

/** fixtures/demo-seed.json, found from this module (dist/src/store/ -> repository root). */
export const DEMO_SEED_PATH = fileURLToPath(new URL('../../../fixtures/demo-seed.json', import.meta.url));
export const DEFAULT_DOMAIN = 'master';

export interface LoadSeedOptions {
  /** Name used in error messages (a file path, a golden case). */
  readonly source?: string;
  /** The document `"extends": "demo"` refers to; read from DEMO_SEED_PATH when absent. */
  readonly demo?: unknown;
  /** Creation time of the API keys the seed adds (epoch ms; default: now). */
  readonly now?: number;
}

export interface SeedSummary { policies: number; clients: number; users: number; authenticators: number; pending: number }

export interface Item { readonly rec: SeedRecord; readonly label: string }
export type Items = Record<Collection, Item[]> & { apiKeys: SeedRecord[] };

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

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
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

/** The seed's records, merged over the demo seed when it says so, each checked: nothing is written here. */
export function prepareSeed(seed: unknown, opts: LoadSeedOptions = {}): Items {
  const items = resolveItems(seed, opts);
  validate(items);
  return items;
}

/** The `apiKeys` of a seed document (validated), for loadApiKeys. */
export function seedApiKeys(seed: unknown, source = 'seed'): SeedRecord[] {
  return checkDocument(seed, source).apiKeys;
}
