// TOTP (RFC 6238 §4): the time step of an instant, and the code at a step or an instant. TOTP is HOTP
// at step floor((t - T0) / X) with T0 = 0; time is always passed in (epoch ms), never read here.
import { hotp, hotpValue } from './hotp.js';
import type { HashAlgorithm } from './codes.js';

/** The RFC 6238 time step number of `epochMs` for a period of `periodS` seconds. */
export function totpStep(epochMs: number, periodS: number): number {
  if (!Number.isInteger(periodS) || periodS < 1) throw new RangeError(`period must be a positive whole number of seconds, got ${periodS}`);
  if (!Number.isFinite(epochMs) || epochMs < 0) throw new RangeError('time must be a non-negative epoch in milliseconds');
  return Math.floor(epochMs / (periodS * 1000));
}

/** The truncated value at a time step (compare with `codeMatches`). */
export function totpValueAt(secret: Buffer, step: number, algorithm: HashAlgorithm): number {
  return hotpValue(secret, step, algorithm);
}

/** The TOTP code at an explicit time step. */
export function totpAt(secret: Buffer, step: number, digits: number, algorithm: HashAlgorithm): string {
  return hotp(secret, step, digits, algorithm);
}

/** The TOTP code at an instant. */
export function totp(secret: Buffer, epochMs: number, periodS: number, digits: number, algorithm: HashAlgorithm): string {
  return hotp(secret, totpStep(epochMs, periodS), digits, algorithm);
}
