// The contract every authenticator kind implements (spec: flows.md §1, §3): capabilities as data, and a
// pure, synchronous verify that reports the accepted moving factor (counter or time step) and drift.
// The engine records the result by compare-and-set (`advanceStep`), which is what stops replays.
import type { Authenticator, AuthenticatorKind, Policy } from '../domain/model.js';

export interface Capabilities {
  /** Verifies an OTP without a prior challenge (authUser with an OTP). */
  readonly responseOnly: boolean;
  /** Answers a server challenge (1-step and 2-step challenge/response). */
  readonly challengeResponse: boolean;
  /** Approves a pending transaction with a signature (push and login). */
  readonly push: boolean;
  /** Can be given a host code after a valid OTP (flows.md §8). */
  readonly hostCode: boolean;
  /** Can carry a server PIN in front of its OTP. */
  readonly serverPin: boolean;
  /** Has its OTPs drawn by the server and delivered by e-mail or SMS (virtual authenticators). */
  readonly delivery: boolean;
}

export interface VerifyContext {
  /** Epoch milliseconds, from the injected clock. */
  readonly now: number;
  readonly policy: Policy;
  /** OCRA: the challenge (question) answered; push: the transaction text signed. */
  readonly challenge?: string;
  /**
   * HOTP/TOTP: when present, a step's code is accepted when this says it satisfies a proof (MS-CHAPv2)
   * instead of being compared with the given `otp`; window search, replay and drift stay the same.
   */
  matches?(code: string): boolean;
}

/**
 * `step` is the counter (HOTP, counter-based OCRA) or time step (TOTP, time-based OCRA) that matched, to
 * be stored as the new `lastStep`; for kinds without a moving factor (plain QN OCRA, push) it is
 * `lastStep + 1`, which keeps the compare-and-set meaningful while the single-use challenge or
 * transaction record is what stops a replay. `replay`: the code matched a step already used.
 */
export type VerifyResult =
  | { readonly ok: true; readonly step: number; readonly drift: number }
  | { readonly ok: false; readonly replay: boolean };

export interface AuthenticatorKindModule {
  readonly kind: AuthenticatorKind;
  readonly capabilities: Capabilities;
  /** Characters of a response (an OTP, an OCRA response or a push signature). */
  otpLength(a: Authenticator): number;
  verify(a: Authenticator, otp: string, ctx: VerifyContext): VerifyResult;
  /** The current code (soft token, QA, tests); absent for kinds that sign instead of displaying a code. */
  generate?(a: Authenticator, ctx: VerifyContext): string;
}

export const REJECTED: VerifyResult = Object.freeze({ ok: false, replay: false });
export const REPLAYED: VerifyResult = Object.freeze({ ok: false, replay: true });

export function accepted(step: number, drift: number): VerifyResult {
  return { ok: true, step, drift };
}
