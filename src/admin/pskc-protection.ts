// How a PSKC document's secrets are protected (RFC 6030 §6.1 pre-shared key, §6.1.1 MAC, §6.2 PBKDF2):
// the container's EncryptionKey and MACMethod resolved with the key or password the caller gave, and
// each EncryptedValue opened only after its ValueMAC over the cipher text (IV included) matches.
import { attr, at, base64Of, node, textOf } from './pskc-xml.js';
import { decrypt, deriveKey, hmacOf, isKeyWrap, keyLengthOf, macMatches, PBKDF2_URI, PskcCryptoError } from './pskc-crypto.js';

/** What the caller knows: a pre-shared key, a password, or neither. */
export interface PskcKeys {
  readonly psk?: Buffer;
  readonly password?: string;
}

export type KeySource = 'psk' | 'password';

export interface Protection {
  readonly source: KeySource;
  readonly key: Buffer;
  /** The MAC key, or null when the MACKey did not decrypt (a wrong key: every ValueMAC check fails). */
  readonly macKey: Buffer | null;
  /** The MACMethod's digest; null without a MACMethod (then only key-wrapped values, which carry their own check, open). */
  readonly macDigest: string | null;
}

export type ProtectionResult =
  | { readonly ok: true; readonly protection: Protection }
  | { readonly ok: false; readonly reason: string; readonly needs?: KeySource };

const WRONG: Readonly<Record<KeySource, string>> = { psk: 'wrong pre-shared key', password: 'wrong password' };

function pbkdf2Of(derived: unknown): { salt: Buffer; iterations: number; keyLength: number; prf?: string } | string {
  const method = at(derived, 'KeyDerivationMethod');
  if (attr(method, 'Algorithm') !== PBKDF2_URI) return `the key derivation ${attr(method, 'Algorithm') ?? '(none)'} is not supported (PBKDF2 only)`;
  const p = at(method, 'PBKDF2-params');
  const salt = base64Of(at(p, 'Salt', 'Specified'));
  if (!salt) return 'the PBKDF2 Salt/Specified value is missing or not base64';
  const prf = attr(at(p, 'PRF'), 'Algorithm');
  return { salt, iterations: Number(textOf(at(p, 'IterationCount'))), keyLength: Number(textOf(at(p, 'KeyLength'))), ...(prf ? { prf } : {}) };
}

/** The document encryption key: the pre-shared key, or the one PBKDF2 derives from the password. */
function encryptionKey(container: unknown, keys: PskcKeys): { source: KeySource; key: Buffer } | { reason: string; needs?: KeySource } {
  const derived = at(container, 'EncryptionKey', 'DerivedKey');
  if (derived === undefined) {
    if (!keys.psk) return { reason: 'the document is encrypted with a pre-shared key and none was given', needs: 'psk' };
    return { source: 'psk', key: keys.psk };
  }
  if (keys.password === undefined) return { reason: 'the document is encrypted with a password-derived key and no password was given', needs: 'password' };
  const params = pbkdf2Of(derived);
  if (typeof params === 'string') return { reason: params };
  return { source: 'password', key: deriveKey(keys.password, params) };
}

/** The MAC key: MACMethod/MACKey decrypted with the document key (RFC 6030 §6.1.1), else the key itself. */
function macKeyOf(method: unknown, key: Buffer): Buffer | null {
  const mk = at(method, 'MACKey');
  if (mk === undefined) return key;
  const data = base64Of(at(mk, 'CipherData', 'CipherValue'));
  if (!data) throw new PskcCryptoError('MACMethod/MACKey has no base64 CipherValue');
  try {
    return decrypt(attr(at(mk, 'EncryptionMethod'), 'Algorithm'), key, data);
  } catch (e) {
    if ((e as Error).message.includes('does not decrypt')) return null;
    throw e;
  }
}

/** Resolves the protection of an encrypted document; the reason says what is missing or unsupported. */
export function protectionOf(container: unknown, keys: PskcKeys): ProtectionResult {
  try {
    const k = encryptionKey(container, keys);
    if ('reason' in k) return { ok: false, ...k };
    const method = at(container, 'MACMethod');
    if (!node(method)) return { ok: true, protection: { ...k, macKey: null, macDigest: null } };
    const macDigest = hmacOf(attr(method, 'Algorithm'));
    return { ok: true, protection: { ...k, macKey: macKeyOf(method, k.key), macDigest } };
  } catch (e) {
    if (e instanceof PskcCryptoError) return { ok: false, reason: e.message };
    throw e;
  }
}

/**
 * Opens a Secret (or other value) holding EncryptedValue: its ValueMAC is checked first; without one
 * only a key-wrapped value (RFC 3394, which carries its own integrity check) is opened (RFC 6030 §6.1.1).
 */
export function openValue(value: unknown, p: Protection): Buffer | string {
  const enc = at(value, 'EncryptedValue');
  const data = base64Of(at(enc, 'CipherData', 'CipherValue'));
  if (!data) return 'EncryptedValue has no base64 CipherData/CipherValue';
  const mac = base64Of(at(value, 'ValueMAC'));
  const method = attr(at(enc, 'EncryptionMethod'), 'Algorithm');
  try {
    keyLengthOf(method);
    if (mac && p.macDigest === null) return 'the value has a ValueMAC but the document has no MACMethod';
    if (mac && (!p.macKey || !macMatches(p.macDigest!, p.macKey, data, mac))) return `the ValueMAC does not match: ${WRONG[p.source]}, or the document was altered`;
    if (!mac && !isKeyWrap(method)) return 'the encrypted value has no ValueMAC, so it cannot be verified';
    return decrypt(method, p.key, data);
  } catch (e) {
    if (e instanceof PskcCryptoError) return e.message.includes('does not decrypt') ? `${WRONG[p.source]}: ${e.message}` : e.message;
    throw e;
  }
}
