// Challenge records in the pending store (spec: flows.md §5): which authenticators answer challenges,
// issuing a challenge (value and key from injected randomness, stored so any node can take the
// answer; at most CHALLENGES_LIVE_PER_USER live per user), reading a record back, and the once-only
// claim of a client-chosen challenge.
import { createHash } from 'node:crypto';
import type { Authenticator, Policy } from '../domain/model.js';
import { challengeSpecOf, kindOf, suiteOf } from '../authenticators/index.js';
import { generateChallenge } from '../otp/ocra.js';
import { CHALLENGES_LIVE_PER_USER, CHALLENGE_KEY_BYTES, GENERAL_CHALLENGE_SPEC, challengeMessage } from './decisions.js';
import type { Verdict } from './context.js';
import { overBound } from './live-records.js';
import { usable } from './flows/candidates.js';
import type { PendingRecord, PendingStore, Ports } from './ports.js';

export type ChallengePurpose = '1-step' | '2-step' | 'client-challenge';

export interface ChallengePayload {
  readonly challenge: string;
  readonly purpose: ChallengePurpose;
  /** 2-step: the first leg verified the server PIN, so the second leg is the response alone. */
  readonly pinVerified?: boolean;
}

export interface Issued {
  readonly challenge: string;
  readonly challengeKey: string;
  readonly challengeMessage: string;
}

export interface ChallengeTarget {
  readonly userRef: string | null;
  /** null: a general challenge, answerable by any challenge-capable authenticator of the user. */
  readonly authenticator: Authenticator | null;
}

/** Usable now, able to answer a challenge, and with a suite this server verifies (no P, no S). */
export function answersChallenges(a: Authenticator): boolean {
  const suite = suiteOf(a);
  return usable(a) && kindOf(a.kind).capabilities.challengeResponse && suite !== null && suite.pin === null && suite.sessionBytes === 0;
}

/** Stores a new challenge, or answers RATE_LIMITED when the user has CHALLENGES_LIVE_PER_USER live ones. */
export async function issueChallenge(
  ports: Ports, now: number, policy: Policy, componentType: string, target: ChallengeTarget, extra: Omit<ChallengePayload, 'challenge'>,
): Promise<Issued | Verdict> {
  const refused = target.userRef === null ? undefined : await overBound(ports, target.userRef, 'challenge', CHALLENGES_LIVE_PER_USER, 'challenges');
  if (refused) return refused;
  const spec = (target.authenticator && challengeSpecOf(target.authenticator)) ?? GENERAL_CHALLENGE_SPEC;
  const challenge = generateChallenge(spec, ports.random);
  const key = ports.random.bytes(CHALLENGE_KEY_BYTES).toString('base64url');
  const payload: ChallengePayload = { ...extra, challenge };
  await ports.pending.create({
    key, kind: 'challenge', userRef: target.userRef, authenticatorRef: target.authenticator?.id ?? null, componentType,
    createdAt: now, expiresAt: now + policy.challengeLifetimeS * 1000, payload: { ...payload }, state: 'open',
  });
  return { challenge, challengeKey: key, challengeMessage: challengeMessage(challenge) };
}

/** The challenge payload of a record, or undefined when the record is not a challenge. */
export function challengePayloadOf(r: PendingRecord): ChallengePayload | undefined {
  const { challenge, purpose, pinVerified } = r.payload;
  if (r.kind !== 'challenge' || typeof challenge !== 'string' || (purpose !== '1-step' && purpose !== '2-step')) return undefined;
  return { challenge, purpose, pinVerified: pinVerified === true };
}

/**
 * Records that `challenge` was answered by `a`; false when it already was (a replay). The record's
 * key is derived from the authenticator and the challenge; the store's unique key decides the race.
 */
export async function claimClientChallenge(ports: Ports, now: number, policy: Policy, a: Authenticator, challenge: string, componentType: string): Promise<boolean> {
  const question = suiteOf(a)?.challenge.format === 'H' ? challenge.toLowerCase() : challenge;
  const key = `used:${createHash('sha256').update(`${a.id}\u0000${question}`).digest('hex')}`;
  return createOnce(ports.pending, {
    key, kind: 'challenge', userRef: a.userRef, authenticatorRef: a.id, componentType, createdAt: now,
    expiresAt: now + policy.challengeLifetimeS * 1000, payload: { purpose: 'client-challenge' }, state: 'used',
  });
}

/** Creates the record; false when a record with its key exists (whatever error the store threw). */
async function createOnce(pending: PendingStore, record: PendingRecord): Promise<boolean> {
  try {
    await pending.create(record);
    return true;
  } catch (err) {
    if (await pending.find(record.key)) return false;
    throw err;
  }
}
