// Shared pieces of the store contract suite (spec: flows.md §1): test secret, a cheap hasher, and
// the hooks a SQL store gives the suite.
import { Argon2Hasher } from '../../src/store/hasher.js';
import type { Store } from '../../src/store/store.js';

export interface ContractExtras {
  /** Reads the authenticator secret column as stored (SQL stores only). */
  readSealedSecret?(store: Store, serial: string): Promise<string>;
  /** Reads the secret column of a RADIUS client as stored (SQL stores only). */
  readRadiusSecretColumn?(store: Store, address: string): Promise<string>;
}

export const SECRET = Buffer.from('12345678901234567890', 'ascii');
/** Cheap argon2id parameters so the suite stays fast; production defaults are tested in hasher.test.ts. */
export const FAST_HASHER = new Argon2Hasher({ memoryCost: 1024, timeCost: 1 });

export type Ctx = () => Store;

/** The clock a contract store is opened with: tests move it to check created and modified times. */
export class TestClock {
  constructor(public t = 1_767_225_600_000) {}
  now(): number { return this.t; }
}
