// The engine's face toward the doors (spec: flows.md): one call per operation, results not exceptions.
// A door that could not build a valid request hands over an InvalidRequest so it is audited alike.
import type { AuthOutcome, AuthRequest, ChallengeRequest, DeviceRequest, PasswordChangeRequest, SecureChallengeRequest } from '../domain/request.js';
import type { StatusKey } from '../domain/status.js';

export interface InvalidRequest {
  readonly invalid: StatusKey;
  readonly detail: string;
  readonly door: string;
  readonly componentType?: string;
  readonly userId?: string;
  readonly domain?: string;
  readonly sourceAddress?: string;
}

/** What a door may hear of a call while it runs. */
export interface CallHooks {
  /** The call is now held for a device's answer (push): what the door holds for active work can go. */
  readonly held?: () => void;
}

export interface AuthEngine {
  authUser(request: AuthRequest | InvalidRequest, hooks?: CallHooks): Promise<AuthOutcome>;
  /** 1-step challenge (flows.md §5): SUCCESS with challenge, challengeKey and challengeMessage. */
  getChallenge(request: ChallengeRequest | InvalidRequest): Promise<AuthOutcome>;
  /** Static password change, proving the current one (counts toward lockout when it is wrong). */
  updatePassword(request: PasswordChangeRequest | InvalidRequest): Promise<AuthOutcome>;
  /** Push, device side (flows.md §6): the transaction, once (SUCCESS with `transaction`). */
  getPreparedSecureChallenge?(request: DeviceRequest | InvalidRequest): Promise<AuthOutcome>;
  /** Push, device side: reject the transaction; the held call answers PUSH_REJECTED. */
  cancelAuthUser?(request: DeviceRequest | InvalidRequest): Promise<AuthOutcome>;
  /** The OTP request page: a virtual authenticator sends an OTP (OTP_SENT), or why not. */
  requestOtp?(request: import('./request-otp.js').OtpRequest | InvalidRequest): Promise<AuthOutcome>;
  /** Secure Channel: a transaction for the user's device; SUCCESS with challengeKey and requestMessage. */
  getSecureChallenge?(request: SecureChallengeRequest | InvalidRequest): Promise<AuthOutcome>;
}

export const isInvalid = <T extends object>(r: T | InvalidRequest): r is InvalidRequest => 'invalid' in r;
