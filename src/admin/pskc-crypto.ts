// PSKC key protection primitives (RFC 6030 §6.1, §6.1.1, §6.2) on node:crypto: XML Encryption ciphers
// (aes128/192/256-cbc with the IV in front of the cipher text, kw-aes128/192/256 key wrap), the HMAC
// MAC methods over the encrypted value, and PBKDF2 key derivation. No XML here: URIs and bytes only.
import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';

export const XMLENC = 'http://www.w3.org/2001/04/xmlenc#';
export const DSIG_HMAC_SHA1 = 'http://www.w3.org/2000/09/xmldsig#hmac-sha1';
export const DSIG_MORE = 'http://www.w3.org/2001/04/xmldsig-more#';
export const PBKDF2_URI = 'http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2';

/** Raised when a value cannot be decrypted or a parameter is unsupported; the message names no secret. */
export class PskcCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PskcCryptoError';
  }
}

interface CipherSpec { readonly name: string; readonly keyLength: number; readonly wrap: boolean }

const CIPHERS: Readonly<Record<string, CipherSpec>> = {
  [`${XMLENC}aes128-cbc`]: { name: 'aes-128-cbc', keyLength: 16, wrap: false },
  [`${XMLENC}aes192-cbc`]: { name: 'aes-192-cbc', keyLength: 24, wrap: false },
  [`${XMLENC}aes256-cbc`]: { name: 'aes-256-cbc', keyLength: 32, wrap: false },
  [`${XMLENC}kw-aes128`]: { name: 'id-aes128-wrap', keyLength: 16, wrap: true },
  [`${XMLENC}kw-aes192`]: { name: 'id-aes192-wrap', keyLength: 24, wrap: true },
  [`${XMLENC}kw-aes256`]: { name: 'id-aes256-wrap', keyLength: 32, wrap: true },
};

const HMACS: Readonly<Record<string, string>> = {
  [DSIG_HMAC_SHA1]: 'sha1',
  [`${DSIG_MORE}hmac-sha224`]: 'sha224',
  [`${DSIG_MORE}hmac-sha256`]: 'sha256',
  [`${DSIG_MORE}hmac-sha384`]: 'sha384',
  [`${DSIG_MORE}hmac-sha512`]: 'sha512',
};

/** The AES-CBC cipher URI for a key of this many bytes, or undefined. */
export const cbcUriFor = (keyLength: number): string | undefined =>
  Object.keys(CIPHERS).find((u) => !CIPHERS[u].wrap && CIPHERS[u].keyLength === keyLength);

function cipherOf(uri: string | undefined): CipherSpec {
  const spec = uri === undefined ? undefined : CIPHERS[uri];
  if (!spec) throw new PskcCryptoError(`the EncryptionMethod ${uri ?? '(none)'} is not supported (aes128/192/256-cbc, kw-aes128/192/256)`);
  return spec;
}

/** Whether an EncryptionMethod is an RFC 3394 key wrap (integrity-checked on unwrap). */
export const isKeyWrap = (uri: string | undefined): boolean => cipherOf(uri).wrap;

/** The key length an EncryptionMethod needs; throws for an unsupported one. */
export const keyLengthOf = (uri: string | undefined): number => cipherOf(uri).keyLength;

/** The node:crypto digest of an HMAC MAC method URI; throws for an unsupported one. */
export function hmacOf(uri: string | undefined): string {
  const digest = uri === undefined ? undefined : HMACS[uri];
  if (!digest) throw new PskcCryptoError(`the MAC method ${uri ?? '(none)'} is not supported (hmac-sha1, -sha224, -sha256, -sha384, -sha512)`);
  return digest;
}

/** Decrypts an xmlenc CipherValue (CBC: IV first, ISO 10126 / PKCS#7 padding; key wrap: RFC 3394). */
export function decrypt(uri: string | undefined, key: Buffer, data: Buffer): Buffer {
  const spec = cipherOf(uri);
  if (key.length !== spec.keyLength) throw new PskcCryptoError(`the key is ${key.length} bytes but ${uri} needs ${spec.keyLength}`);
  try {
    if (spec.wrap) {
      const d = createDecipheriv(spec.name, key, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
      return Buffer.concat([d.update(data), d.final()]);
    }
    if (data.length < 32 || data.length % 16 !== 0) throw new Error('length');
    const d = createDecipheriv(spec.name, key, data.subarray(0, 16)).setAutoPadding(false);
    const padded = Buffer.concat([d.update(data.subarray(16)), d.final()]);
    const pad = padded[padded.length - 1];
    if (pad < 1 || pad > 16) throw new Error('padding');
    return padded.subarray(0, padded.length - pad);
  } catch {
    throw new PskcCryptoError('the value does not decrypt with this key');
  }
}

/** Encrypts with AES-CBC (PKCS#7 padding) and returns IV || cipher text, as xmlenc CipherValue holds it. */
export function encrypt(uri: string, key: Buffer, plain: Buffer, iv: Buffer): Buffer {
  const spec = CIPHERS[uri];
  if (!spec || spec.wrap || key.length !== spec.keyLength || iv.length !== 16) throw new PskcCryptoError(`cannot encrypt with ${uri} and a ${key.length}-byte key`);
  const c = createCipheriv(spec.name, key, iv);
  return Buffer.concat([iv, c.update(plain), c.final()]);
}

export const hmac = (digest: string, key: Buffer, data: Buffer): Buffer => createHmac(digest, key).update(data).digest();

/** Constant-time comparison of a ValueMAC with the HMAC of `data`. */
export function macMatches(digest: string, key: Buffer, data: Buffer, mac: Buffer): boolean {
  const want = hmac(digest, key, data);
  return want.length === mac.length && timingSafeEqual(want, mac);
}

export interface Pbkdf2Params {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly keyLength: number;
  /** HMAC URI of the pseudo-random function; hmac-sha1 when absent (PKCS #5). */
  readonly prf?: string;
}

/** Most PBKDF2 iterations accepted from a document (a bound on the work a file can ask for). */
export const MAX_ITERATIONS = 10_000_000;

/** PBKDF2 (RFC 8018 §5.2) as RFC 6030 §6.2 uses it. */
export function deriveKey(password: string, p: Pbkdf2Params): Buffer {
  if (!Number.isInteger(p.iterations) || p.iterations < 1 || p.iterations > MAX_ITERATIONS) throw new PskcCryptoError(`the PBKDF2 IterationCount must be 1 to ${MAX_ITERATIONS}`);
  if (!Number.isInteger(p.keyLength) || ![16, 24, 32].includes(p.keyLength)) throw new PskcCryptoError('the PBKDF2 KeyLength must be 16, 24 or 32');
  if (p.salt.length === 0) throw new PskcCryptoError('the PBKDF2 Salt is missing');
  return pbkdf2Sync(Buffer.from(password, 'utf8'), p.salt, p.iterations, p.keyLength, p.prf ? hmacOf(p.prf) : 'sha1');
}
