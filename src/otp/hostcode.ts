// Host code (spec: flows.md §8) = the RFC 6287 OCRA response of suite "OCRA-1:HOTP-SHA1-<digits>:QN<LL>"
// (LL = the OTP's length, two digits) with key = the authenticator secret and Q = the accepted OTP read as
// a QN number; no C, P, S or T. E.g. key "12345678901234567890", OTP "755224", 6 digits → "410791".
import { isDigits, MAX_DIGITS, MIN_DIGITS } from './codes.js';
import { ocra, ocraSuite } from './ocra.js';

/** The OCRA suite string the host code of an OTP of `otpLength` digits uses. */
export function hostCodeSuite(digits: number, otpLength: number): string {
  return `OCRA-1:HOTP-SHA1-${digits}:QN${String(otpLength).padStart(2, '0')}`;
}

/**
 * The host code for an accepted OTP (4-64 decimal digits), `digits` long (4-10). A soft token computes
 * the same value with any OCRA implementation: suite `hostCodeSuite(digits, otp.length)`, question = otp
 * (QN: decimal → hex, left-aligned, zero-padded to 128 bytes). test/otp/hostcode.test.ts pins the example.
 */
export function hostCode(secret: Buffer, otp: string, digits: number): string {
  if (otp.length < 4 || otp.length > 64 || !isDigits(otp, otp.length)) throw new RangeError('a host code needs a numeric OTP of 4-64 digits');
  if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) throw new RangeError(`host code length must be ${MIN_DIGITS}-${MAX_DIGITS} digits`);
  return ocra(ocraSuite(hostCodeSuite(digits, otp.length)), secret, { question: otp });
}
