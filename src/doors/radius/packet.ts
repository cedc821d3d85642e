// RADIUS packet framing (RFC 2865 §3, §5): bytes → code, identifier, authenticator, attributes, and
// back. Decoding never throws: anything that is not a well-formed packet comes back as a reason.
import { AUTHENTICATOR_LENGTH, HEADER_LENGTH, MAX_ATTRIBUTE_VALUE, MAX_PACKET_LENGTH } from './dictionary.js';

export interface Attribute {
  readonly type: number;
  readonly value: Buffer;
  /** Where the attribute's header starts in the packet (to zero a Message-Authenticator in place). */
  readonly offset: number;
}

export interface Packet {
  readonly code: number;
  readonly identifier: number;
  readonly authenticator: Buffer;
  readonly attributes: readonly Attribute[];
  /** The packet's own bytes (trailing padding beyond the Length field removed). */
  readonly raw: Buffer;
}

export type Malformed = 'too-short' | 'bad-length' | 'bad-attribute';
export type Decoded = { readonly ok: true; readonly packet: Packet } | { readonly ok: false; readonly reason: Malformed };

/**
 * RFC 2865 §3: shorter than the Length field, or Length outside 20..4096 → discard; octets beyond
 * Length are padding and ignored. An attribute whose length is < 2 or runs past the end → discard.
 */
export function decodePacket(buf: Buffer): Decoded {
  if (buf.length < HEADER_LENGTH) return { ok: false, reason: 'too-short' };
  const length = buf.readUInt16BE(2);
  if (length < HEADER_LENGTH || length > MAX_PACKET_LENGTH || length > buf.length) return { ok: false, reason: 'bad-length' };
  const raw = buf.subarray(0, length);
  const attributes: Attribute[] = [];
  let at = HEADER_LENGTH;
  while (at < length) {
    if (at + 2 > length) return { ok: false, reason: 'bad-attribute' };
    const size = raw[at + 1];
    if (size < 2 || at + size > length) return { ok: false, reason: 'bad-attribute' };
    attributes.push({ type: raw[at], value: raw.subarray(at + 2, at + size), offset: at });
    at += size;
  }
  return { ok: true, packet: { code: raw[0], identifier: raw[1], authenticator: raw.subarray(4, 20), attributes, raw } };
}

export interface OutAttribute { readonly type: number; readonly value: Buffer }

/** Header with the given authenticator, then the attributes in order; values longer than 253 throw. */
export function encodePacket(code: number, identifier: number, authenticator: Buffer, attributes: readonly OutAttribute[]): Buffer {
  let length = HEADER_LENGTH;
  for (const a of attributes) {
    if (a.value.length > MAX_ATTRIBUTE_VALUE) throw new RangeError(`attribute ${a.type} value longer than ${MAX_ATTRIBUTE_VALUE} octets`);
    length += 2 + a.value.length;
  }
  if (length > MAX_PACKET_LENGTH) throw new RangeError('packet longer than 4096 octets');
  const out = Buffer.allocUnsafe(length);
  out[0] = code;
  out[1] = identifier;
  out.writeUInt16BE(length, 2);
  authenticator.copy(out, 4, 0, AUTHENTICATOR_LENGTH);
  let at = HEADER_LENGTH;
  for (const a of attributes) {
    out[at] = a.type;
    out[at + 1] = a.value.length + 2;
    a.value.copy(out, at + 2);
    at += 2 + a.value.length;
  }
  return out;
}

export const attributesOf = (p: Packet, type: number): Attribute[] => p.attributes.filter((a) => a.type === type);

/** How many attributes of this type the packet carries (no array built: this runs several times a packet). */
export function countOf(p: Packet, type: number): number {
  let n = 0;
  for (const a of p.attributes) if (a.type === type) n++;
  return n;
}

/** The first attribute of this type, or undefined. */
export function firstOf(p: Packet, type: number): Attribute | undefined {
  for (const a of p.attributes) if (a.type === type) return a;
  return undefined;
}

/** Text split into attribute-sized UTF-8 chunks, never cutting a character in two. */
export function textChunks(text: string, max = MAX_ATTRIBUTE_VALUE): Buffer[] {
  const out: Buffer[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > max) { out.push(Buffer.from(chunk, 'utf8')); chunk = ''; }
    chunk += ch;
  }
  if (chunk !== '' || out.length === 0) out.push(Buffer.from(chunk, 'utf8'));
  return out;
}
