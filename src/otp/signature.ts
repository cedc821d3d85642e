// Push transaction signatures (spec: flows.md §6): the device approves a pending transaction with an
// HMAC-SHA1 over the transaction text (UTF-8) keyed with its secret, sent as 40 lowercase hex digits.
// Full-length on purpose: devices, not people, type it, so nothing is gained by truncating.
import { timingSafeEqual } from 'node:crypto';
import { hmac } from './hmac.js';

export const SIGNATURE_LENGTH = 40;
const HEX40 = /^[0-9a-fA-F]{40}$/;

/** The signature of `data` under `secret`: HMAC-SHA1, lowercase hex. */
export function signTransaction(secret: Buffer, data: string): string {
  return hmac('sha1', secret, Buffer.from(data, 'utf8')).toString('hex');
}

/** Constant-time check of a presented signature (hex, either case); false for any malformed input. */
export function verifyTransactionSignature(secret: Buffer, data: string, signature: string): boolean {
  if (!HEX40.test(signature)) return false;
  const expected = hmac('sha1', secret, Buffer.from(data, 'utf8'));
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
