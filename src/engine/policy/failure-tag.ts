// Keyed tags of wrong credentials (flows.md §4 retry dedup): the store keeps only an HMAC under a
// server-side key, so a reader of the store cannot test guesses against it (issue 16). The key is
// derived from the master key, so every node sharing the store computes the same tag.
import { hkdfSync, randomBytes } from 'node:crypto';
import { hmac } from '../../otp/hmac.js';

/** Turns the in-memory fingerprint of a wrong credential into the tag the store may keep. */
export type FailureTagger = (fingerprint: string) => string;

const INFO = 'countersign/last-failure-tag/v1';

/** The tagger of a store sealed with `masterKey` (HKDF-SHA256, a label of its own). */
export function failureTaggerFor(masterKey: Buffer): FailureTagger {
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), INFO, 32));
  return (fingerprint) => hmac('sha256', key, Buffer.from(fingerprint, 'utf8')).toString('hex', 0, 8);
}

/**
 * A tagger with a key of this process alone, for engines built without a master key (tests, tools):
 * as safe at rest, but a retry that reaches another node or outlives a restart counts once more.
 */
export const processFailureTagger = (): FailureTagger => failureTaggerFor(randomBytes(32));
