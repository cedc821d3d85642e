// HOTP values of one key at many counters (RFC 4226 §5.3), for window searches: an HMAC-SHA-1 whose
// key blocks are compressed once per key, so each counter costs two SHA-1 compressions (FIPS 180-4
// §6.1.2) in plain integer arithmetic, with no Buffer, Hash or Hmac object per code. node:crypto has no
// such call, and @noble/hashes' HMAC cloned from a keyed instance still costs a hash object per code.
// A 40-code window (a wrong OTP), interleaved rounds in one process: 23 µs this way, 83 µs with noble's
// clone, 122 µs with node:crypto one-shot HMACs. SHA-256 and SHA-512 keys use node:crypto (otp/hmac.ts).
// test/otp/keyed.test.ts checks every value against node:crypto's createHmac.
import { digest } from './hmac.js';
import { hmac, truncate, writeUint64, type HashAlgorithm } from './codes.js';

/** The truncated 31-bit HOTP value of the key at a counter (a non-negative safe integer). */
export type HotpValues = (counter: number) => number;

const BLOCK = 64;
const IV = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0] as const;
const W = new Int32Array(80);
const BLOCK_WORDS = new Int32Array(16);
const STATE = new Int32Array(5);

/** One SHA-1 compression of the 16 words in BLOCK_WORDS into the state `s`. */
function compress(s: Int32Array): void {
  for (let i = 0; i < 16; i++) W[i] = BLOCK_WORDS[i]!;
  for (let i = 16; i < 80; i++) { const x = W[i - 3]! ^ W[i - 8]! ^ W[i - 14]! ^ W[i - 16]!; W[i] = (x << 1) | (x >>> 31); }
  let a = s[0]!, b = s[1]!, c = s[2]!, d = s[3]!, e = s[4]!, t = 0;
  for (let i = 0; i < 20; i++) {
    t = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + W[i]! + 0x5a827999) | 0;
    e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
  }
  for (let i = 20; i < 40; i++) {
    t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + W[i]! + 0x6ed9eba1) | 0;
    e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
  }
  for (let i = 40; i < 60; i++) {
    t = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + W[i]! + 0x8f1bbcdc) | 0;
    e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
  }
  for (let i = 60; i < 80; i++) {
    t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + W[i]! + 0xca62c1d6) | 0;
    e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
  }
  s[0] = (s[0]! + a) | 0; s[1] = (s[1]! + b) | 0; s[2] = (s[2]! + c) | 0; s[3] = (s[3]! + d) | 0; s[4] = (s[4]! + e) | 0;
}

/** Writes into `keys` at `at` the state after the key block XOR `pad` (RFC 2104: K' = H(K) past a block, then zeros). */
function keyState(key: Buffer, pad: number, keys: Int32Array, at: number): void {
  for (let i = 0; i < 16; i++) {
    let w = 0;
    for (let j = 0; j < 4; j++) w = (w << 8) | ((key[i * 4 + j] ?? 0) ^ pad);
    BLOCK_WORDS[i] = w;
  }
  STATE.set(IV);
  compress(STATE);
  keys.set(STATE, at);
}

const byteAt = (s: Int32Array, i: number): number => (s[i >> 2]! >>> (24 - 8 * (i & 3))) & 0xff;

function sha1Values(secret: Buffer): HotpValues {
  const key = secret.length > BLOCK ? digest('sha1', secret) : secret;
  // The inner then the outer key state, five words each.
  const keys = new Int32Array(10);
  keyState(key, 0x36, keys, 0);
  keyState(key, 0x5c, keys, 5);
  return (counter) => {
    if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError('moving factor must be a non-negative safe integer');
    // Inner hash: the counter (8 bytes) after the key block; 576 bits in all.
    BLOCK_WORDS.fill(0);
    BLOCK_WORDS[0] = Math.floor(counter / 0x1_0000_0000) | 0;
    BLOCK_WORDS[1] = counter % 0x1_0000_0000 | 0;
    BLOCK_WORDS[2] = 0x80000000 | 0;
    BLOCK_WORDS[15] = (BLOCK + 8) * 8;
    for (let i = 0; i < 5; i++) STATE[i] = keys[i]!;
    compress(STATE);
    // Outer hash: the inner digest (20 bytes) after the key block; 672 bits in all.
    BLOCK_WORDS.fill(0);
    for (let i = 0; i < 5; i++) BLOCK_WORDS[i] = STATE[i]!;
    BLOCK_WORDS[5] = 0x80000000 | 0;
    BLOCK_WORDS[15] = (BLOCK + 20) * 8;
    for (let i = 0; i < 5; i++) STATE[i] = keys[5 + i]!;
    compress(STATE);
    const o = STATE[4]! & 0x0f;
    return ((byteAt(STATE, o) & 0x7f) << 24) | (byteAt(STATE, o + 1) << 16) | (byteAt(STATE, o + 2) << 8) | byteAt(STATE, o + 3);
  };
}

/** HOTP values of `secret` under `algorithm`, one key preparation for all the counters asked. */
export function hotpValues(secret: Buffer, algorithm: HashAlgorithm): HotpValues {
  if (algorithm === 'SHA1') return sha1Values(secret);
  const counter = Buffer.alloc(8);
  return (c) => { writeUint64(counter, c, 0); return truncate(hmac(algorithm, secret, counter)); };
}
