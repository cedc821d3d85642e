// The keyed digest of a delivered OTP (engine/decisions.ts, virtual authenticators): the store keeps
// HMAC-SHA256(key, record key ‖ OTP) under a key derived from the master key, never the OTP, so a
// reader of the store cannot try the few million OTPs offline; every node derives the same key.
import { hkdfSync, timingSafeEqual } from 'node:crypto';
import { hmac } from '../otp/hmac.js';

const INFO = 'countersign/virtual-otp-digest/v1';

export type OtpDigest = (recordKey: string, otp: string) => string;

/** The digest function of a store sealed with `masterKey` (HKDF-SHA256, a label of its own). */
export function otpDigestFor(masterKey: Buffer): OtpDigest {
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), INFO, 32));
  return (recordKey, otp) => hmac('sha256', key, Buffer.from(`${recordKey}\u0000${otp}`, 'utf8')).toString('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
