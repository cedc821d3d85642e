// HOTP codes (RFC 4226 §5.3; SHA-256/512 as RFC 6238 allows) on node:crypto: otplib 13's generateSync took
// 6.1 µs a code against 2.5 µs here and refuses secrets under 16 bytes; a window is 20-40 codes per
// candidate. test/otp/hotp.test.ts checks this module against otplib (otplib serves base32.ts).
import { assertDigits, formatCode, hmac, truncate, writeUint64, type HashAlgorithm } from './codes.js';

/** Reused counter buffer: `update` copies it synchronously, so one suffices. */
const COUNTER = Buffer.alloc(8);

/** The truncated 31-bit value of HOTP(secret, counter): format it or compare it with `codeMatches`. */
export function hotpValue(secret: Buffer, counter: number, algorithm: HashAlgorithm): number {
  writeUint64(COUNTER, counter, 0);
  return truncate(hmac(algorithm, secret, COUNTER));
}

/** The HOTP code of `digits` digits (4-10) at `counter`. */
export function hotp(secret: Buffer, counter: number, digits: number, algorithm: HashAlgorithm): string {
  assertDigits(digits);
  return formatCode(hotpValue(secret, counter, algorithm), digits);
}
