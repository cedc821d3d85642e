// Engine outcome → RADIUS answer (spec: other-frontends.md §1): SUCCESS → Access-Accept; a challenge,
// a sent OTP (virtual authenticator) or new-PIN entry → Access-Challenge with exactly one State and a Reply-Message prompt; anything
// else → Access-Reject with a Reply-Message from the status catalogue (never a secret).
import type { AuthOutcome } from '../../domain/request.js';
import type { StatusCatalogue } from '../../domain/status.js';
import { ATTR, CODE } from './dictionary.js';
import { REJECT_PREFIX } from './decisions.js';
import { textChunks, type OutAttribute } from './packet.js';

export type ReplyKind = 'accept' | 'reject' | 'challenge';

export interface Reply {
  readonly kind: ReplyKind;
  readonly code: number;
  readonly attributes: readonly OutAttribute[];
}

const messages = (text: string): OutAttribute[] => textChunks(text).map((value) => ({ type: ATTR.REPLY_MESSAGE, value }));

export const accept = (): Reply => ({ kind: 'accept', code: CODE.ACCESS_ACCEPT, attributes: [] });

export function challenge(state: string, prompt: string): Reply {
  return { kind: 'challenge', code: CODE.ACCESS_CHALLENGE, attributes: [{ type: ATTR.STATE, value: Buffer.from(state, 'utf8') }, ...messages(prompt)] };
}

/** The catalogue message of the reported status; the engine's detail only when nothing was masked. */
export function rejectMessage(outcome: AuthOutcome, catalogue: StatusCatalogue): string {
  const base = catalogue[outcome.reported].message;
  const detail = outcome.detail && outcome.reported === outcome.status ? ` (${outcome.detail})` : '';
  return `${REJECT_PREFIX}${detail ? base.replace(/\.$/, '') : base}${detail}`;
}

export function reject(outcome: AuthOutcome, catalogue: StatusCatalogue): Reply {
  return { kind: 'reject', code: CODE.ACCESS_REJECT, attributes: messages(rejectMessage(outcome, catalogue)) };
}

/**
 * A virtual authenticator's OTP was sent: the Access-Challenge prompt names where. A NAS without
 * challenge support treats it as a reject (RFC 2865 §4.4), and the user logs on again with the OTP
 * (two consecutive 1-step logons), which the engine takes without a State.
 */
function virtualPrompt(outcome: AuthOutcome, catalogue: StatusCatalogue): string {
  return outcome.challengeMessage ? `${outcome.challengeMessage}.` : catalogue.OTP_SENT.message;
}

/** SUCCESS and an engine challenge with its key; everything else (new-PIN entry included) is decided by the caller. */
export function replyFor(outcome: AuthOutcome, catalogue: StatusCatalogue): Reply {
  if (outcome.status === 'SUCCESS') return accept();
  if (outcome.status === 'CHALLENGE' && outcome.challengeKey) {
    const prompt = outcome.challengeMessage ?? `${catalogue.CHALLENGE.message} Challenge: ${outcome.challenge ?? ''}`;
    return challenge(outcome.challengeKey, prompt);
  }
  if (outcome.status === 'OTP_SENT' && outcome.challengeKey) return challenge(outcome.challengeKey, virtualPrompt(outcome, catalogue));
  if (outcome.status === 'OTP_SENT') return { kind: 'reject', code: CODE.ACCESS_REJECT, attributes: messages(virtualPrompt(outcome, catalogue)) };
  return reject(outcome, catalogue);
}
