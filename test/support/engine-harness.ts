// Test harness: the real engine on the in-memory store loaded with the demo seed, a settable clock,
// a fast argon2 hasher and helpers that compute the demo tokens' codes.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Policy } from '../../src/domain/model.js';
import type { AuthOutcome, AuthRequest } from '../../src/domain/request.js';
import { createEngine } from '../../src/engine/authenticate.js';
import type { AuthEngine } from '../../src/engine/engine.js';
import type { Ports } from '../../src/engine/ports.js';
import { openStore, type Store } from '../../src/store/store.js';
import { Argon2Hasher } from '../../src/store/hasher.js';
import { readSeedFile } from '../../src/store/seed.js';
import { loadSeed } from '../../src/admin/import-seed.js';
import { hotp } from '../../src/otp/hotp.js';
import { totp } from '../../src/otp/totp.js';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
export const DEMO_SECRET = Buffer.from('12345678901234567890');
export const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

export const fastHasher = () => new Argon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

export interface Harness {
  engine: AuthEngine;
  store: Store;
  clock: { now(): number; set(t: number): void; advance(ms: number): void };
  auth(fields: Partial<AuthRequest> & { userId: string }): Promise<AuthOutcome>;
  totpAt(offsetSteps?: number): string;
  hotpAt(counter: number): string;
  setPolicy(changes: Partial<Policy>): Promise<void>;
}

export async function demoHarness(start = T0, storeUrl = 'memory:', extra: Partial<Ports> = {}): Promise<Harness> {
  const store = await openStore(storeUrl, { masterKey: Buffer.alloc(32, 7), clientCacheMs: 0 });
  const hasher = fastHasher();
  await loadSeed(store, readSeedFile(resolve(ROOT, 'fixtures/demo-seed.json')), hasher);
  let now = start;
  const clock = { now: () => now, set: (t: number) => { now = t; }, advance: (ms: number) => { now += ms; } };
  let n = 0;
  const random = { bytes: (k: number) => Buffer.alloc(k, ++n % 256) };
  const engine = createEngine({ clock, random, users: store, authenticators: store, clients: store, pending: store, audit: store, hasher, ...extra });
  return {
    engine, store, clock,
    auth: (fields) => engine.authUser({ componentType: 'SOAP Auth Client', passwordFormat: 'combined', door: 'test', ...fields }),
    totpAt: (offsetSteps = 0) => totp(DEMO_SECRET, now + offsetSteps * 30_000, 30, 6, 'SHA1'),
    hotpAt: (counter) => hotp(DEMO_SECRET, counter, 6, 'SHA1'),
    async setPolicy(changes) {
      const client = await store.findClient('SOAP Auth Client');
      await store.savePolicy({ ...client!.policy, ...changes, name: client!.policy.name });
    },
  };
}
