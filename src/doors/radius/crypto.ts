// RADIUS cryptography: PAP User-Password hiding (RFC 2865 §5.2), Response Authenticator (RFC 2865 §3)
// and Message-Authenticator, HMAC-MD5 (RFC 3579 §3.2), placed first in every answer (BlastRADIUS,
// CVE-2024-3596). MD5 from ./md5.ts, with each client secret's HMAC key blocks computed once.
import { timingSafeEqual } from 'node:crypto';
import { HmacMd5, md5 } from './md5.js';
import { ATTR, AUTHENTICATOR_LENGTH, MAX_PASSWORD_LENGTH } from './dictionary.js';
import { encodePacket, type Attribute, type OutAttribute, type Packet } from './packet.js';

/** XOR chain of RFC 2865 §5.2; `hide` pads with NULs to a multiple of 16. */
function xorChain(input: Buffer, secret: Buffer, requestAuth: Buffer, hiding: boolean): Buffer {
  const out = Buffer.alloc(input.length);
  let previous = requestAuth;
  for (let at = 0; at < input.length; at += 16) {
    const b = md5(secret, previous);
    for (let i = 0; i < 16; i++) out[at + i] = input[at + i] ^ b[i];
    previous = hiding ? out.subarray(at, at + 16) : input.subarray(at, at + 16);
  }
  return out;
}

export function hidePassword(plain: Buffer, secret: Buffer, requestAuth: Buffer): Buffer {
  const padded = Buffer.alloc(Math.max(16, Math.ceil(plain.length / 16) * 16));
  plain.copy(padded);
  return xorChain(padded, secret, requestAuth, true);
}

/** The clear password with its NUL padding removed, or undefined when the length is not 16..128 by 16. */
export function revealPassword(hidden: Buffer, secret: Buffer, requestAuth: Buffer): Buffer | undefined {
  if (hidden.length < 16 || hidden.length > MAX_PASSWORD_LENGTH || hidden.length % 16 !== 0) return undefined;
  const clear = xorChain(hidden, secret, requestAuth, false);
  let end = clear.length;
  while (end > 0 && clear[end - 1] === 0) end--;
  return clear.subarray(0, end);
}

/** HMAC-MD5 keys by client secret (the client table keeps each secret's Buffer for its life). */
const keyed = new WeakMap<Buffer, HmacMd5>();

function hmacMd5(secret: Buffer, data: Buffer): Buffer {
  let key = keyed.get(secret);
  if (!key) { key = new HmacMd5(secret); keyed.set(secret, key); }
  return key.mac(data);
}

/** RFC 3579 §3.2: HMAC-MD5 over the request with the Message-Authenticator value zeroed. */
export function messageAuthenticatorValid(p: Packet, ma: Attribute, secret: Buffer): boolean {
  if (ma.value.length !== AUTHENTICATOR_LENGTH) return false;
  const copy = Buffer.from(p.raw);
  copy.fill(0, ma.offset + 2, ma.offset + 2 + AUTHENTICATOR_LENGTH);
  return timingSafeEqual(hmacMd5(secret, copy), ma.value);
}

/**
 * An answer (Access-Accept/Reject/Challenge) to `request`: Message-Authenticator first, computed with
 * the Request Authenticator in the header, then the Response Authenticator
 * MD5(Code+ID+Length+RequestAuth+Attributes+Secret) written over it.
 */
export function signAnswer(code: number, request: Packet, attributes: readonly OutAttribute[], secret: Buffer): Buffer {
  const ma = { type: ATTR.MESSAGE_AUTHENTICATOR, value: Buffer.alloc(AUTHENTICATOR_LENGTH) };
  const out = encodePacket(code, request.identifier, request.authenticator, [ma, ...attributes]);
  hmacMd5(secret, out).copy(out, 22);
  md5(out, secret).copy(out, 4);
  return out;
}

/** A request as a client builds it (tests, benchmark): random authenticator given, Message-Authenticator first. */
export function signRequest(code: number, identifier: number, requestAuth: Buffer, attributes: readonly OutAttribute[], secret: Buffer,
  withMessageAuthenticator = true): Buffer {
  const ma = withMessageAuthenticator ? [{ type: ATTR.MESSAGE_AUTHENTICATOR, value: Buffer.alloc(AUTHENTICATOR_LENGTH) }] : [];
  const out = encodePacket(code, identifier, requestAuth, [...ma, ...attributes]);
  if (withMessageAuthenticator) hmacMd5(secret, out).copy(out, 22);
  return out;
}

/** Client side: true when `answer` carries the right Response Authenticator for `request`. */
export function answerAuthentic(answer: Buffer, request: Packet, secret: Buffer): boolean {
  if (answer.length < 20) return false;
  const copy = Buffer.from(answer);
  request.authenticator.copy(copy, 4);
  return timingSafeEqual(md5(copy, secret), answer.subarray(4, 20));
}
