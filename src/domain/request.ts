// What a door asks the engine and what the engine answers (spec: flows.md §2, soap-wire.md §5).
// Door-neutral: no XML, CREDFLD names, RADIUS attributes or HTTP here.
import type { StatusKey } from './status.js';

export type PasswordFormat = 'combined' | 'separate';

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

export interface AuthOutcome {
  /** The real status (the audit keeps it). */
  readonly status: StatusKey;
  /** What the client is told, after generic masking by policy. */
  readonly reported: StatusKey;
  readonly userId?: string;
  readonly domain?: string;
  readonly serialNo?: string;
  readonly hostCode?: string;
  readonly challenge?: string;
  readonly challengeKey?: string;
  readonly challengeMessage?: string;
  /** Extra detail for the status message (never a secret). */
  readonly detail?: string;
}

export const succeeded = (o: AuthOutcome): boolean => o.status === 'SUCCESS';
