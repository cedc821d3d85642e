// Every [OURS] decision of the RADIUS door in one place (spec: other-frontends.md §1): where the RFCs
// and public material are silent we chose these; change them here, and the tests that pin them.
import type { StatusKey } from '../../domain/status.js';

/** User-Name syntax: letters, digits, `-`, `@`, `.`, `_`; the last `@` separates the domain. */
export const USER_NAME_PATTERN = /^[\p{L}\p{N}._@-]+$/u;

/** A State the door issued itself starts with this (base64url never contains a dot). */
export const DOOR_STATE_PREFIX = 'r.';
export const DOOR_STATE_BYTES = 18;

/** Longest State accepted on a request; longer ones are not ours and are refused. */
export const MAX_STATE_LENGTH = 128;

/** How long a State the door issued (new-PIN entry) stays usable, in seconds. */
export const DEFAULT_STATE_LIFETIME_S = 120;

/** Prompt of the Access-Challenge for new-PIN entry: the whole answer goes back in one User-Password. */
export const NEW_PIN_PROMPT = 'A new server PIN is required. Enter your next one-time password followed by the new PIN twice (OTP, new PIN, new PIN).';

/** Reply-Message of an Access-Reject: the catalogue message of the reported (maybe generic) status. */
export const REJECT_PREFIX = 'Access rejected: ';

/** Reply-Message on a Status-Server answer (RFC 5997). */
export const STATUS_SERVER_MESSAGE = 'Countersign RADIUS server is up';

/** Status given to the engine (and audited) for each kind of unusable Access-Request. */
export const MISSING_ATTRIBUTE: StatusKey = 'MISSINGFLD';
export const BAD_ATTRIBUTE: StatusKey = 'INVDATA';
/** A State we cannot resolve (unknown, expired, used, or another user's). */
export const UNKNOWN_STATE: StatusKey = 'EXP_CHALLENGE';

/** Defaults of the knobs that config may change. */
export const DEFAULT_REPLY_CACHE_MS = 10_000;
export const DEFAULT_REPLY_CACHE_ENTRIES = 200_000;
export const DEFAULT_MAX_IN_FLIGHT = 8192;
/** Unknown-client warnings: at most one per source address per this many ms. */
export const UNKNOWN_CLIENT_LOG_INTERVAL_MS = 60_000;
