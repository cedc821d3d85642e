// Golden SOAP cases (design.md "golden runner"): every folder under fixtures/soap holding a
// request.xml is one case: seed.json → a fresh store, request.xml → the SOAP door, and the answer must
// equal response.xml byte for byte. The folder path is the test title; unknown files fail the run;
// UPDATE_GOLDEN=1 rewrites response.xml (review that diff like code).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyStatusOverrides } from '../../src/domain/status.js';
import { createEngine } from '../../src/engine/authenticate.js';
import { createSoapHandler } from '../../src/doors/soap/server.js';
import { openStore } from '../../src/store/store.js';
import { loadSeed } from '../../src/admin/import-seed.js';
import { fastHasher, ROOT } from '../support/engine-harness.js';
import type { VirtualDelivery } from '../../src/engine/ports.js';
import { otpDigestFor } from '../../src/engine/virtual-digest.js';
import { reservedInvalid } from '../../src/delivery/outbox.js';
import { CASE_MASTER_KEY } from '../../src/record/target.js';

export const GOLDEN_ROOT = join(ROOT, 'fixtures', 'soap');
const CASE_FILES = new Set(['request.xml', 'response.xml', 'seed.json']);
/** The instant every golden case runs at unless its seed.json names another in `$clock`. */
export const GOLDEN_CLOCK = '2026-01-01T00:00:00Z';

/**
 * Virtual authenticators' delivery in golden cases: OTP digests under the key of the runner's master key
 * (so seeds can hold an OTP's digest, see fixtures/soap/authUser/virtual/), every message taken, except
 * to an address of the reserved `.invalid` domain, refused as the outbox refuses it (so replay agrees).
 */
export const GOLDEN_MASTER_KEY = CASE_MASTER_KEY;
const GOLDEN_DELIVERY: VirtualDelivery = {
  digest: otpDigestFor(GOLDEN_MASTER_KEY),
  sender: { send: async (m) => { const refused = reservedInvalid(m.to); return refused ? { ok: false, reason: refused } : { ok: true }; } },
};

export interface GoldenCase { readonly title: string; readonly dir: string }

export function findCases(dir = GOLDEN_ROOT): GoldenCase[] {
  const out: GoldenCase[] = [];
  const walk = (d: string) => {
    const names = readdirSync(d).sort();
    if (names.includes('request.xml')) {
      const unknown = names.filter((n) => !CASE_FILES.has(n));
      if (unknown.length > 0) throw new Error(`${relative(ROOT, d)}: unknown files in a golden case: ${unknown.join(', ')}`);
      out.push({ title: relative(GOLDEN_ROOT, d), dir: d });
      return;
    }
    for (const n of names) if (statSync(join(d, n)).isDirectory()) walk(join(d, n));
  };
  walk(dir);
  return out;
}

interface CaseSeed { $clock?: string; $contentType?: string; [key: string]: unknown }

export async function runCase(c: GoldenCase, storeUrl: string): Promise<{ status: number; body: string }> {
  const seedPath = join(c.dir, 'seed.json');
  const { $clock, $contentType, ...seed }: CaseSeed = existsSync(seedPath) ? JSON.parse(readFileSync(seedPath, 'utf8')) : { extends: 'demo' };
  const now = Date.parse($clock ?? GOLDEN_CLOCK);
  const store = await openStore(storeUrl, { masterKey: GOLDEN_MASTER_KEY, clientCacheMs: 0, clock: { now: () => now } });
  try {
    const hasher = fastHasher();
    await loadSeed(store, seed, hasher, { source: relative(ROOT, seedPath), now });
    let counter = 0;
    const random = { bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => ++counter % 256)) };
    const engine = createEngine({ clock: { now: () => now }, random, users: store, authenticators: store, clients: store, pending: store, audit: store, hasher, delivery: GOLDEN_DELIVERY });
    const admin = { store, clock: { now: () => now }, random, hasher };
    const handler = createSoapHandler({ engine, catalogue: applyStatusOverrides({}), admin });
    const request = readFileSync(join(c.dir, 'request.xml'));
    return await handler.handleSoapBody(request, $contentType ?? 'text/xml; charset=utf-8', { sourceAddress: '192.0.2.10' });
  } finally {
    await store.close();
  }
}

/** 200 for answers, 500 for Faults, 400 for SOAP 1.2 Sender Faults (SOAP 1.2 Part 2 §7.5.2.2). */
export function expectedStatus(body: string): number {
  if (body.includes('<SOAP-ENV:Value>SOAP-ENV:Sender</SOAP-ENV:Value>')) return 400;
  return body.includes(':Fault>') ? 500 : 200;
}

export function writeExpected(c: GoldenCase, body: string): void {
  writeFileSync(join(c.dir, 'response.xml'), body);
}
