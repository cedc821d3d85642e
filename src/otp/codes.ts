// Shared OATH primitives (RFC 4226 §5.3, RFC 6287 §5.2): HMAC, dynamic truncation, decimal codes and
// constant-time comparison. Synchronous and allocation-light: these run for every OTP checked.
import { timingSafeEqual } from 'node:crypto';
import { hmac as hmacOf } from './hmac.js';

/** Structurally the same as the domain's HashAlgorithm; otp/ imports nothing of ours. */
export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

const NODE_NAMES: Readonly<Record<HashAlgorithm, string>> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };
const DIGEST_BYTES: Readonly<Record<HashAlgorithm, number>> = { SHA1: 20, SHA256: 32, SHA512: 64 };

export const MIN_DIGITS = 4;
export const MAX_DIGITS = 10;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];
/** One scratch buffer per code length, reused by every comparison (all work here is synchronous). */
const SCRATCH = POW10.map((_, n) => Buffer.alloc(n));
const ZERO = 0x30;

export function isHashAlgorithm(value: string): value is HashAlgorithm {
  return value === 'SHA1' || value === 'SHA256' || value === 'SHA512';
}

export function digestBytes(algorithm: HashAlgorithm): number {
  return DIGEST_BYTES[algorithm];
}

export function hmac(algorithm: HashAlgorithm, key: Buffer, data: Buffer): Buffer {
  return hmacOf(NODE_NAMES[algorithm], key, data);
}

/** RFC 4226 §5.3 dynamic truncation: a 31-bit integer from the digest. */
export function truncate(digest: Buffer): number {
  const o = digest[digest.length - 1]! & 0x0f;
  return ((digest[o]! & 0x7f) << 24) | (digest[o + 1]! << 16) | (digest[o + 2]! << 8) | digest[o + 3]!;
}

export function assertDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new RangeError(`code length must be ${MIN_DIGITS}-${MAX_DIGITS} digits, got ${digits}`);
  }
}

/** The decimal code of `digits` digits for a truncated value, zero-padded on the left. */
export function formatCode(value: number, digits: number): string {
  return (value % POW10[digits]!).toString().padStart(digits, '0');
}

/** True when `s` is exactly `length` ASCII digits. */
export function isDigits(s: string, length: number): boolean {
  if (s.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * Constant-time check of a presented code (`given`, ASCII digits, already length-checked) against the
 * code of `value`. Writes the expected digits into a reused buffer, then `timingSafeEqual`.
 */
export function codeMatches(value: number, digits: number, given: Buffer): boolean {
  const expected = SCRATCH[digits];
  if (expected === undefined || given.length !== digits) return false;
  let v = value % POW10[digits]!;
  for (let i = digits - 1; i >= 0; i--) {
    expected[i] = ZERO + (v % 10);
    v = Math.floor(v / 10);
  }
  return timingSafeEqual(expected, given);
}

/** Writes a non-negative safe integer as 8 bytes big-endian (RFC 4226 counter, RFC 6287 C and T). */
export function writeUint64(target: Buffer, value: number, offset: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('moving factor must be a non-negative safe integer');
  target.writeUInt32BE(Math.floor(value / 0x1_0000_0000), offset);
  target.writeUInt32BE(value % 0x1_0000_0000, offset + 4);
}
