// Every [OURS] decision of the engine's challenge, PIN-change and password-change paths in one place
// (flows.md §5, §7; status-codes.md): where public material is silent we chose these; change them
// here, and the tests that pin them, if a real server disagrees.
//
// Choices that are behaviour rather than a value (the tests in test/engine pin each one):
// - A challenge key is consumed by the first answer that reaches verification, right or wrong (one
//   guess per challenge; a wrong answer counts toward lockout as OTP_INCORRECT). Unknown, used,
//   foreign and non-challenge keys all answer NOT_FOUND (flows/challenge-response.ts).
// - A client-chosen challenge must have exactly the suite's length (leading zeros would otherwise name
//   one numeric OCRA question twice); its used-record lives until the store purges it, expiresAt =
//   now + challenge lifetime; until then the same challenge for the same authenticator is OTP_REPLAY.
// - A 2-step request whose PIN or static password is wrong issues nothing and counts toward lockout
//   (OTP_INCORRECT for a PIN, LOCAL_PASSWORD_MISMATCH for a password); when the first leg verified the
//   server PIN, the second leg is the response alone (flows/challenge-request.ts).
// - PIN change: new ≠ confirm or a rule broken → PIN_MISMATCH and nothing changes, the OTP is not
//   consumed, no lockout count. In the combined format the OTP is verified (not consumed) first,
//   because only a matching OTP shows where the new PINs begin (flows/pin-change.ts).
import type { ChallengeSpec } from '../otp/ocra.js';
import type { StatusKey } from '../domain/status.js';

/** Random bytes in a challenge key; the key is their base64url text (22 characters). */
export const CHALLENGE_KEY_BYTES = 16;

/** A general 1-step challenge (no user, no serial) is numeric of this length, as suite `...:QN08`. */
export const GENERAL_CHALLENGE_SPEC: ChallengeSpec = Object.freeze({ format: 'N', length: 8 });

/**
 * Challenges refused by policy: getChallenge, or authUser with a 1-step key, while the 1-step mode is
 * `No`; a client-chosen challenge while the mode is not `Any Challenge`. Not counted toward lockout.
 */
export const CHALLENGE_REFUSED: StatusKey = 'INVPARAM';

/** What the user is told to do with a challenge. */
export const challengeMessage = (challenge: string): string =>
  `Enter challenge ${challenge} in your authenticator and send the response`;

/** Request keywords compare ignoring case (`OTP` asks like `otp`). */
export const KEYWORD_IGNORES_CASE = true;

/** Challenge request methods (flows.md §5 2-step); any other value (e.g. `No`) turns 2-step off. */
export const REQUEST_METHODS = ['Keyword', 'KeywordOnly', 'Password', 'KeywordPassword', 'PasswordKeyword', 'KeywordPIN'] as const;

/** Server PINs are decimal digits (policy pinMinLength..pinMaxLength). */
export const PIN_PATTERN = /^[0-9]+$/;

/** A new PIN that differs from its confirmation or breaks the length/digit rules. */
export const PIN_RULE_STATUS: StatusKey = 'PIN_MISMATCH';

/** updatePassword: new ≠ confirm, or an empty new password; nothing changes, no lockout count. */
export const PASSWORD_RULE_STATUS: StatusKey = 'INVDATA';

// Push and login (flows.md §6), the device side and the held call. Choices that are behaviour:
// - The held call ends with the record's state: approved → SUCCESS (lock count reset), rejected →
//   PUSH_REJECTED (never counted toward lockout), still open/fetched at the deadline → the call moves
//   it to `used` by compare-and-set and answers PUSH_TIMEOUT.
// - Every call opens a transaction of its own; none joins another call's, even a retry of the same
//   user and client (flows/push-request.ts). A joined call would be answered STAT_SUCCESS by the user's
//   approval of another login: whoever knows a user ID could ride on that user's own logon. (RADIUS
//   retransmissions still send one push: the reply cache answers them from the first request.)
// - At most PUSH_LIVE_PER_USER transactions of one user wait at a time; a further push request gets
//   RATE_LIMITED (Retry-After: until the oldest ends) and sends nothing, so nobody can flood a device.
// - getPreparedSecureChallenge hands a transaction out once: open → fetched; a second fetch, an answered
//   key, an unknown key, a key of another user's device, an unknown or non-push serial → NOT_FOUND.
// - Approval (authUser with key + signature) or cancelAuthUser after the deadline → PUSH_TIMEOUT,
//   nothing changes; the held call has answered (or will answer) PUSH_TIMEOUT.
// - A signature that does not verify → PUSH_SIGNATURE_REFUSED, the transaction stays pending for the
//   real device, and no lockout count (a forged answer must not lock the user out).

/** Random bytes in a push transaction key (base64url, 22 characters), like a challenge key. */
export const PUSH_KEY_BYTES = 16;

/** Live push transactions one user may have at once (push bombing bound; a check, not a lock). */
export const PUSH_LIVE_PER_USER = 3;

/** A push approval whose signature does not verify; not counted toward lockout. */
export const PUSH_SIGNATURE_REFUSED: StatusKey = 'INVCREDENTIALS';

/** The text a device signs (HMAC-SHA1, otp/signature.ts): names the user, client, instant and key. */
export const pushMessage = (userId: string, domain: string, componentType: string, at: number, key: string): string =>
  `Login request for ${userId}@${domain} from ${componentType} at ${new Date(at).toISOString()} [${key}]`;

/**
 * Secure Channel (scan and login): the vendor draws its request message as a proprietary image; we
 * return the payload only, as hex of this UTF-8 text, which the device signs like a push transaction.
 */
export const secureChallengeMessage = (userId: string, domain: string, at: number, key: string, title?: string, body?: string): string =>
  [`Secure Channel login for ${userId}@${domain} at ${new Date(at).toISOString()} [${key}]`, title, body].filter((x) => x !== undefined && x !== '').join('\n');
