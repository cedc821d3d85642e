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

/**
 * Challenges (getChallenge, the 2-step first leg, the REST MFA initialize) and Secure Channel requests
 * one user may have waiting for an answer at once; one more answers RATE_LIMITED (Retry-After until the
 * oldest expires) and stores nothing. They are issued before any credential is proved (getChallenge and
 * getSecureChallenge prove none), so without a bound one flood could fill the store with records that
 * live until the purge. A challenge a user really answers is one of a few at most.
 */
export const CHALLENGES_LIVE_PER_USER = 10;

/**
 * A general challenge (getChallenge with neither user nor serial) belongs to no user, so it keeps the
 * rate-limit token of its source (docs/operations/rate-limits.md) as a failed guess does: a source
 * gets a burst of them and then the refill rate, and the store grows by no more.
 */
export const GENERAL_CHALLENGE_KEEPS_TOKEN = true;

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

// Virtual authenticators (OneSpan's Virtual Mobile Authenticator, ex-Virtual DIGIPASS; flows.md §1).
// What the vendor documents [DOC]: a primary one for users without a token and a backup one for users
// who forgot theirs, each with its own request method and keyword in the policy; the OTP goes to the
// mobile number or e-mail address of the user account; backup usage restrictions (a time limit in days
// that starts at the first use when the authenticator's "Enabled Until" is blank, and a number of uses
// copied from the policy's "Max. Uses/User" at the first use) are checked before an OTP is generated;
// the 2-step logon (SOAP, RADIUS Access-Challenge) takes the static password in the first or the second
// step but not both, and two consecutive 1-step logons take the keyword (and/or password) first, then
// password + OTP (KeywordOnly: the OTP alone); the second step goes through the whole authentication.
// Our choices where the vendor is silent [OURS] (the tests in test/engine/virtual*.test.ts pin each):
// - The first leg answers OTP_SENT (RET_FAILURE) with CREDFLD_CHALLENGE_KEY and CREDFLD_CHALLENGE_MESSAGE
//   (the masked address), no CREDFLD_CHALLENGE; a client that expects STAT_CHALLENGE can renumber the row.
// - A 2-step answer carries the key: one answer per key (like a challenge), right or wrong. A 1-step
//   answer carries no key: the user's open, unexpired OTPs are tried; a wrong one consumes none of them
//   (lockout and the rate limits bound the guesses) so a typo does not cost a new message.
// - The OTP is random digits from the injected randomness, kept only as an HMAC-SHA256 under a key
//   derived from the master key (virtual-digest.ts): a reader of the store cannot test guesses offline.
// - A new OTP does not cancel older open ones; each expires after the policy lifetime (default 300 s).
// - Delivery failure (SMTP, SMS gateway, timeout) answers COMMS, consumes the OTP it made, gives back the
//   backup use and the send token: nothing else changes, nothing counts toward lockout.
// - A backup authenticator out of uses or days answers NO_DIGIPASS and sends nothing.
// - Sends are limited per user and per source address per window (COUNTERSIGN_VIRTUAL_SENDS_*), in this
//   process, apart from the guessing limits; a refused send answers RATE_LIMITED.
// - KeywordPIN is not offered for virtual authenticators (they carry no server PIN).
// - A request keyword equal to the 2-step challenge keyword is taken by the virtual authenticator when
//   the user has one (the virtual flow runs before the challenge request flow).
import type { DeliveryChannel, VirtualRequestMethod } from '../domain/model.js';

export const VIRTUAL_REQUEST_METHODS: readonly VirtualRequestMethod[] = ['None', 'Keyword', 'KeywordOnly', 'Password', 'KeywordPassword', 'PasswordKeyword'];

/** Random bytes in a virtual OTP's key (base64url, 22 characters), like a challenge key. */
export const VIRTUAL_KEY_BYTES = 16;

/** The policy's lengths and lifetimes a virtual OTP may take. */
export const VIRTUAL_OTP_LENGTHS = { min: 4, max: 10 } as const;

/** The OTP sent answers this status; the client then sends the OTP (with the key, 2-step, or without, 1-step). */
export const VIRTUAL_SENT: StatusKey = 'OTP_SENT';
/** Message delivery failed (the vendor's communications error). */
export const VIRTUAL_DELIVERY_FAILED: StatusKey = 'COMMS';
/** No address to deliver to, a backup out of uses or days, no delivery configured. */
export const VIRTUAL_UNUSABLE: StatusKey = 'NO_DIGIPASS';

/** What the user is told after a send (never the OTP; the address masked). */
export const virtualSentMessage = (channel: DeliveryChannel, masked: string): string =>
  `A one-time password was sent ${channel === 'email' ? 'by e-mail to' : 'by SMS to'} ${masked}; enter it to log on`;

/** An e-mail address shows its first character and its domain; a number its last 3 digits. */
export function maskAddress(channel: DeliveryChannel, to: string): string {
  if (channel === 'sms') {
    const digits = to.replace(/[^0-9]/g, '');
    return `${'*'.repeat(Math.max(3, digits.length - 3))}${digits.slice(-3)}`;
  }
  const at = to.lastIndexOf('@');
  return at <= 0 ? '***' : `${to[0]}***${to.slice(at)}`;
}
