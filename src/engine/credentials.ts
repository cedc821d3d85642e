// Splits what the client presented into OTP, server PIN and static password for one candidate
// authenticator (spec: flows.md §2, formats 0 and 4). Pure; secrets never leave the returned object.
import type { Authenticator, Policy } from '../domain/model.js';
import type { AuthRequest } from '../domain/request.js';
import { digest } from '../otp/hmac.js';

export interface Presented {
  readonly otp: string;
  /** The server PIN presented (empty string when none was). */
  readonly pin: string;
  /** The static password presented in front of (or beside) the OTP, when the policy asks for one. */
  readonly staticPassword?: string;
}

const DIGITS = /^[0-9]+$/;

/**
 * Format 0 splits `[StaticPassword][ServerPIN]OTP` from the right. A static password and a server
 * PIN together in one string are only separable when the PIN length is fixed (policy min = max)
 * [OURS]; otherwise such users send format 4.
 */
export function presentedFor(req: AuthRequest, otpLength: number, a: Authenticator, policy: Policy): Presented | undefined {
  if (req.passwordFormat === 'separate') return separate(req);
  const whole = req.password ?? '';
  if (whole.length < otpLength) return undefined;
  const otp = whole.slice(whole.length - otpLength);
  if (!DIGITS.test(otp)) return undefined;
  const prefix = whole.slice(0, whole.length - otpLength);
  const pinUsed = a.pinEnabled && a.pinHash !== null;
  if (!policy.staticPasswordWithOtp) return pinUsed ? { otp, pin: prefix } : prefix === '' ? { otp, pin: '' } : undefined;
  if (!pinUsed) return { otp, pin: '', staticPassword: prefix };
  if (policy.pinMinLength !== policy.pinMaxLength || prefix.length < policy.pinMinLength) return undefined;
  const cut = prefix.length - policy.pinMinLength;
  return { otp, pin: prefix.slice(cut), staticPassword: prefix.slice(0, cut) };
}

function separate(req: AuthRequest): Presented | undefined {
  const otp = req.response ?? req.password ?? '';
  if (!DIGITS.test(otp)) return undefined;
  return { otp, pin: req.currentPin ?? '', staticPassword: req.staticPassword };
}

/**
 * A digest of the presented credential, so an identical retry counts once. It stays in memory: the
 * store keeps only its keyed tag (policy/failure-tag.ts).
 */
export function fingerprint(req: AuthRequest): string {
  const parts = [req.password, req.staticPassword, req.response, req.currentPin, req.serialNo, req.challenge, req.challengeKey];
  return digest('sha256', Buffer.from(parts.map((part) => `${part ?? ''}\u0000`).join(''), 'utf8')).toString('hex');
}
