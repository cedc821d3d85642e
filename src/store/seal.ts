// AES-256-GCM sealing of authenticator secrets at rest (spec: flows.md §1 "secret (encrypted at rest)").
// Format: "v1." + base64(iv[12] | ciphertext | tag[16]); an optional context string is bound as AAD.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new SealError(`master key must be ${KEY_BYTES} bytes, got ${key.length}`);
}

/** Encrypts `plain` with a fresh random IV. `context` (e.g. the record id) must match on unseal. */
export function seal(key: Buffer, plain: Buffer, context = ''): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return VERSION + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

/** The bytes of a sealed value (iv | ciphertext | tag), checked for version and length only. */
export function sealedBytes(sealed: string): Buffer {
  if (!sealed.startsWith(VERSION)) throw new SealError('sealed value has an unknown format version');
  const raw = Buffer.from(sealed.slice(VERSION.length), 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new SealError('sealed value is truncated');
  return raw;
}

/** The authentication tag of sealed bytes: it differs for every sealing (fresh IV). */
export const sealedTag = (raw: Buffer): Buffer => raw.subarray(raw.length - TAG_BYTES);

/** Decrypts and verifies a sealed value; throws SealError when it was altered or the key is wrong. */
export function unseal(key: Buffer, sealed: string, context = ''): Buffer {
  return unsealBytes(key, sealedBytes(sealed), context);
}

/** unseal() of bytes from sealedBytes(). */
export function unsealBytes(key: Buffer, raw: Buffer, context = ''): Buffer {
  checkKey(key);
  const iv = raw.subarray(0, IV_BYTES);
  const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealedTag(raw));
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new SealError('sealed value failed verification (altered, or sealed with another master key)');
  }
}
