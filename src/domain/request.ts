// What a door asks the engine and what the engine answers (spec: flows.md §2, soap-wire.md §5).
// Door-neutral: no XML, CREDFLD names, RADIUS attributes or HTTP here.
import type { StatusKey } from './status.js';

export type PasswordFormat = 'combined' | 'separate';

/**
 * An MS-CHAPv2 exchange (RFC 2759) whose password was an OTP: data only, checked by the engine against
 * each OTP of the authenticator's window (other-frontends.md §4).
 */
export interface MsChapV2Proof {
  /** The user name the peer hashed (without a `DOMAIN\` prefix). */
  readonly userName: string;
  /** 16 bytes (MS-CHAP-Challenge). */
  readonly authenticatorChallenge: Buffer;
  /** 16 bytes, from MS-CHAP2-Response. */
  readonly peerChallenge: Buffer;
  /** 24 bytes, from MS-CHAP2-Response. */
  readonly ntResponse: Buffer;
}

export interface AuthRequest {
  readonly componentType: string;
  readonly userId: string;
  readonly domain?: string;
  readonly passwordFormat: PasswordFormat;
  /** Combined credential (format 0), or the OTP / request keyword. */
  readonly password?: string;
  readonly staticPassword?: string;
  /** Separate-format OTP or response. */
  readonly response?: string;
  readonly currentPin?: string;
  readonly newPin?: string;
  readonly confirmPin?: string;
  readonly serialNo?: string;
  readonly challenge?: string;
  readonly challengeKey?: string;
  readonly requestHostCode?: 'optional' | 'required';
  readonly authType?: 'PUSH' | 'SCAN';
  readonly sourceAddress?: string;
  /** MS-CHAPv2 instead of a password: the OTP alone, proven rather than shown. */
  readonly mschapv2?: MsChapV2Proof;
  /** Which door the request came through, for the audit trail. */
  readonly door: string;
}

/**
 * getChallenge (flows.md §5, 1-step): a general challenge without user or serial; otherwise one for
 * the user's challenge-capable authenticator, or for the authenticator named by serial.
 */
export interface ChallengeRequest {
  readonly componentType: string;
  readonly userId?: string;
  readonly domain?: string;
  readonly serialNo?: string;
  readonly sourceAddress?: string;
  readonly door: string;
}

/** updatePassword: change the user's static password, proving the current one. */
export interface PasswordChangeRequest {
  readonly componentType: string;
  readonly userId: string;
  readonly domain?: string;
  /** The current static password. */
  readonly staticPassword: string;
  readonly newStaticPassword: string;
  readonly confirmStaticPassword: string;
  readonly sourceAddress?: string;
  readonly door: string;
}

/**
 * The device side of push (flows.md §6): getPreparedSecureChallenge and cancelAuthUser name the device
 * by serial and the transaction by its key.
 */
export interface DeviceRequest {
  readonly componentType: string;
  readonly serialNo: string;
  readonly challengeKey: string;
  readonly sourceAddress?: string;
  readonly door: string;
}

/**
 * getSecureChallenge (Secure Channel, flows.md §6 scan-and-login): a transaction for the user's push
 * device, shown to the user as a request message their device scans and signs.
 */
export interface SecureChallengeRequest {
  readonly componentType: string;
  readonly userId: string;
  readonly domain?: string;
  readonly serialNo?: string;
  readonly transactionTitle?: string;
  readonly requestBody?: string;
  readonly sourceAddress?: string;
  readonly door: string;
}

/** A pending push transaction as the device sees it: `message` is the text its signature covers. */
export interface PushTransaction {
  readonly challengeKey: string;
  readonly serialNo: string;
  readonly message: string;
  readonly expiresAt: number;
}

/** What an outcome may carry besides its status: the engine's verdicts and the doors' outcomes alike. */
export interface OutcomeDetails {
  readonly serialNo?: string;
  readonly hostCode?: string;
  readonly challenge?: string;
  readonly challengeKey?: string;
  readonly challengeMessage?: string;
  /** Extra detail for the status message (never a secret). */
  readonly detail?: string;
  /** getPreparedSecureChallenge: the transaction fetched (once). */
  readonly transaction?: PushTransaction;
  /** getSecureChallenge: the request message (hex of the UTF-8 text the device signs). */
  readonly requestMessage?: string;
  /** MS-CHAPv2 success: the authenticator response "S=" + 40 hex digits, for MS-CHAP2-Success. */
  readonly mschapv2Success?: string;
  /** RATE_LIMITED: seconds until the next attempt may be admitted (REST answers it as Retry-After). */
  readonly retryAfterS?: number;
}

export interface AuthOutcome extends OutcomeDetails {
  /** The real status (the audit keeps it). */
  readonly status: StatusKey;
  /** What the client is told, after generic masking by policy. */
  readonly reported: StatusKey;
  readonly userId?: string;
  readonly domain?: string;
}

export const succeeded = (o: AuthOutcome): boolean => o.status === 'SUCCESS';
