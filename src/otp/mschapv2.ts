// MS-CHAPv2 (RFC 2759 §8): GenerateNTResponse and GenerateAuthenticatorResponse, plus a matcher that
// tests candidate passwords (OTPs) against a received NT-Response. MD4 (RFC 1320) is written here: Node 20's
// OpenSSL 3 has no md4 and js-md4's default call delegates to it; DES-ECB is `des-ede-ecb` with key K‖K.
import { createCipheriv, createHash, timingSafeEqual } from 'node:crypto';

/** What one MS-CHAPv2 exchange proves (the Response packet and the authenticator's challenge). */
export interface MsChapV2Exchange {
  /** The user name as the peer hashed it (no `DOMAIN\` prefix). */
  readonly userName: string;
  /** 16 bytes, chosen by the authenticator (MS-CHAP-Challenge). */
  readonly authenticatorChallenge: Buffer;
  /** 16 bytes, chosen by the peer. */
  readonly peerChallenge: Buffer;
  /** 24 bytes. */
  readonly ntResponse: Buffer;
}

const MAGIC1 = Buffer.from('Magic server to client signing constant', 'ascii');
const MAGIC2 = Buffer.from('Pad to make it do more than one iteration', 'ascii');
const S = [[3, 7, 11, 19], [3, 5, 9, 13], [3, 9, 11, 15]] as const;
/** Word order of rounds 1, 2 and 3. */
const ORDER = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15],
  [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15],
] as const;
const ADD = [0, 0x5a827999, 0x6ed9eba1] as const;
const F = [
  (b: number, c: number, d: number): number => (b & c) | (~b & d),
  (b: number, c: number, d: number): number => (b & c) | (b & d) | (c & d),
  (b: number, c: number, d: number): number => b ^ c ^ d,
] as const;

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

/** One 64-byte block of RFC 1320 §3.4 applied to the state `h` (four 32-bit words). */
function md4Block(h: Uint32Array, x: Uint32Array): void {
  let [a, b, c, d] = [h[0]!, h[1]!, h[2]!, h[3]!];
  for (let r = 0; r < 3; r++) {
    for (let i = 0; i < 16; i++) {
      const t = rotl((a + F[r]!(b, c, d) + x[ORDER[r]![i]!]! + ADD[r]!) | 0, S[r]![i % 4]!);
      [a, b, c, d] = [d, t, b, c];
    }
  }
  h[0] = (h[0]! + a) | 0; h[1] = (h[1]! + b) | 0; h[2] = (h[2]! + c) | 0; h[3] = (h[3]! + d) | 0;
}

/** MD4 (RFC 1320) of `data`, 16 bytes. */
export function md4(data: Buffer): Buffer {
  const padded = Buffer.alloc((((data.length + 8) >> 6) + 1) * 64);
  data.copy(padded);
  padded[data.length] = 0x80;
  padded.writeUInt32LE((data.length * 8) >>> 0, padded.length - 8);
  padded.writeUInt32LE(Math.floor(data.length / 0x2000_0000), padded.length - 4);
  const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  const x = new Uint32Array(16);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) x[i] = padded.readUInt32LE(off + 4 * i);
    md4Block(h, x);
  }
  const out = Buffer.alloc(16);
  for (let i = 0; i < 4; i++) out.writeUInt32LE(h[i]!, 4 * i);
  return out;
}

/** A 7-byte key spread over 8 bytes (7 key bits each, high first) with odd parity in the low bit. */
export function desKey(seven: Buffer): Buffer {
  const key = Buffer.alloc(8);
  for (let i = 0; i < 8; i++) {
    const hi = i === 0 ? 0 : seven[i - 1]! << (8 - i);
    const lo = i === 7 ? 0 : seven[i]! >> i;
    const bits = (hi | lo) & 0xfe;
    let ones = 0;
    for (let v = bits; v !== 0; v >>= 1) ones += v & 1;
    key[i] = bits | (ones % 2 === 0 ? 1 : 0);
  }
  return key;
}

/** Single DES-ECB of one 8-byte block: E_K D_K E_K with K‖K is E_K. */
export function desEncrypt(block: Buffer, seven: Buffer): Buffer {
  const k = desKey(seven);
  const cipher = createCipheriv('des-ede-ecb', Buffer.concat([k, k]), null).setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

/** RFC 2759 §8.2 ChallengeHash: the first 8 bytes of SHA1(PeerChallenge ‖ AuthenticatorChallenge ‖ UserName). */
export function challengeHash(peerChallenge: Buffer, authenticatorChallenge: Buffer, userName: string): Buffer {
  return createHash('sha1').update(peerChallenge).update(authenticatorChallenge).update(userName, 'utf8').digest().subarray(0, 8);
}

/** RFC 2759 §8.3 NtPasswordHash: MD4 of the UTF-16LE password. */
export function ntPasswordHash(password: string): Buffer {
  return md4(Buffer.from(password, 'utf16le'));
}

/** RFC 2759 §8.5 ChallengeResponse: the challenge hash DES-encrypted under the three 7-byte parts. */
export function challengeResponse(challenge: Buffer, passwordHash: Buffer): Buffer {
  const z = Buffer.alloc(21);
  passwordHash.copy(z);
  return Buffer.concat([desEncrypt(challenge, z.subarray(0, 7)), desEncrypt(challenge, z.subarray(7, 14)), desEncrypt(challenge, z.subarray(14, 21))]);
}

/** RFC 2759 §8.1 GenerateNTResponse: the 24-byte NT-Response the peer sends for `password`. */
export function generateNtResponse(authenticatorChallenge: Buffer, peerChallenge: Buffer, userName: string, password: string): Buffer {
  return challengeResponse(challengeHash(peerChallenge, authenticatorChallenge, userName), ntPasswordHash(password));
}

/** RFC 2759 §8.7 GenerateAuthenticatorResponse: "S=" and 40 upper-case hex digits (MS-CHAP2-Success). */
export function generateAuthenticatorResponse(password: string, x: MsChapV2Exchange): string {
  const hashHash = md4(ntPasswordHash(password));
  const digest = createHash('sha1').update(hashHash).update(x.ntResponse).update(MAGIC1).digest();
  const challenge = challengeHash(x.peerChallenge, x.authenticatorChallenge, x.userName);
  return `S=${createHash('sha1').update(digest).update(challenge).update(MAGIC2).digest('hex').toUpperCase()}`;
}

/**
 * A test of candidate passwords against the exchange's NT-Response (constant-time comparison); the
 * challenge hash is computed once. False for an exchange of the wrong shape.
 */
export function ntResponseMatcher(x: MsChapV2Exchange): (password: string) => boolean {
  if (x.ntResponse.length !== 24 || x.peerChallenge.length !== 16 || x.authenticatorChallenge.length !== 16) return () => false;
  const challenge = challengeHash(x.peerChallenge, x.authenticatorChallenge, x.userName);
  return (password) => timingSafeEqual(challengeResponse(challenge, ntPasswordHash(password)), x.ntResponse);
}
