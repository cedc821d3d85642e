// Helpers for the engine's challenge, PIN and password tests: OCRA answers of the demo secret, extra
// users with OCRA authenticators, getChallenge/updatePassword shorthands, a counting hasher.
import type { LocalAuthMode } from '../../src/domain/model.js';
import type { AuthOutcome } from '../../src/domain/request.js';
import type { SecretHasher } from '../../src/engine/ports.js';
import { ocra, ocraSuite } from '../../src/otp/ocra.js';
import { DEMO_SECRET, fastHasher, type Harness } from '../support/engine-harness.js';

export const QN08 = 'OCRA-1:HOTP-SHA1-6:QN08';

/** The response a token holding the demo secret gives to `challenge` (plain Q suites). */
export const answerOf = (challenge: string, suite = QN08): string => ocra(ocraSuite(suite), DEMO_SECRET, { question: challenge });

/** A different 6-digit code: certainly wrong. */
export const wrongOf = (code: string, k = 1): string => String((Number(code) + k) % 1_000_000).padStart(6, '0');

export const getChallenge = (h: Harness, fields: { userId?: string; domain?: string; serialNo?: string; componentType?: string } = {}): Promise<AuthOutcome> =>
  h.engine.getChallenge({ componentType: 'SOAP Auth Client', door: 'test', ...fields });

export interface OcraUser { pin?: string; staticPassword?: string; localAuth?: LocalAuthMode; suite?: string; serial: string }

/** Adds a user in `master` with one OCRA authenticator holding the demo secret. */
export async function addOcraUser(h: Harness, userId: string, o: OcraUser): Promise<string> {
  const hasher = fastHasher();
  const userRef = await h.store.createUser({
    domain: 'master', userId, localAuth: o.localAuth,
    staticPasswordHash: o.staticPassword ? await hasher.hash(o.staticPassword) : null,
  });
  return h.store.createAuthenticator({
    serial: o.serial, kind: 'ocra', secret: DEMO_SECRET, ocraSuite: o.suite ?? QN08, userRef,
    pinHash: o.pin ? await hasher.hash(o.pin) : null, pinEnabled: o.pin !== undefined,
  });
}

export async function lockCount(h: Harness, userId: string): Promise<number> {
  return (await h.store.findUser('master', userId))!.lockCount;
}

/** A hasher that counts its argon2 calls. */
export class CountingHasher implements SecretHasher {
  hashes = 0;
  verifies = 0;
  private readonly inner = fastHasher();
  hash(plain: string): Promise<string> { this.hashes++; return this.inner.hash(plain); }
  verify(hash: string, plain: string): Promise<boolean> { this.verifies++; return this.inner.verify(hash, plain); }
}
