// Secrets as people and authenticator apps see them: base32 (RFC 4648) and the otpauth:// key URI
// (Google Authenticator key-uri format), wrapped from otplib 13 (spec: other-frontends.md §2-§3).
import { generateURI, ScureBase32Plugin } from 'otplib';
import type { HashAlgorithm } from './codes.js';

const BASE32 = new ScureBase32Plugin();

/** Base32 without padding, as authenticator apps expect it. */
export function encodeBase32(secret: Buffer): string {
  return BASE32.encode(secret, { padding: false });
}

/** Decodes base32 in either case, ignoring spaces, hyphens and padding; throws on other characters. */
export function decodeBase32(text: string): Buffer {
  const clean = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (clean.length === 0) throw new RangeError('empty base32 secret');
  return Buffer.from(BASE32.decode(clean));
}

export interface KeyUriOptions {
  readonly kind: 'totp' | 'hotp';
  readonly issuer: string;
  readonly label: string;
  readonly secret: Buffer;
  readonly algorithm: HashAlgorithm;
  readonly digits: number;
  /** TOTP period in seconds. */
  readonly period?: number;
  /** HOTP: the next counter the app should use. */
  readonly counter?: number;
}

/** The otpauth:// URI an authenticator app scans (issuer and label percent-encoded). */
export function otpauthUri(o: KeyUriOptions): string {
  return generateURI({
    strategy: o.kind,
    issuer: o.issuer,
    label: o.label,
    secret: encodeBase32(o.secret),
    algorithm: o.algorithm === 'SHA1' ? 'sha1' : o.algorithm === 'SHA256' ? 'sha256' : 'sha512',
    digits: o.digits,
    period: o.period,
    counter: o.counter,
  });
}
