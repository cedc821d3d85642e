// HMAC (RFC 2104) over one-shot digests: the same bytes as node:crypto's createHmac without creating a
// native Hmac object per call, each a weak handle V8 must process in every young-generation collection.
// Every OTP checked computes several of these; RADIUS packets use doors/radius/md5.ts.
import { createHash, createHmac, hash as oneShot } from 'node:crypto';

/** Digest names node:crypto knows, with their block sizes in bytes. */
const BLOCK_BYTES: Readonly<Record<string, number>> = { md5: 64, sha1: 64, sha256: 64, sha512: 128 };

/** One-shot digest (node:crypto `hash`, Node ≥ 20.12), else a Hash object. */
export const digest: (algorithm: string, data: Buffer) => Buffer = typeof oneShot === 'function'
  ? (algorithm, data) => oneShot(algorithm, data, 'buffer') as unknown as Buffer
  : (algorithm, data) => createHash(algorithm).update(data).digest();

const IPAD = 0x36;
const OPAD = 0x5c;

/** HMAC of `data` under `key` with `algorithm` (md5, sha1, sha256 or sha512). */
export function hmac(algorithm: string, key: Buffer, data: Buffer): Buffer {
  const block = BLOCK_BYTES[algorithm];
  if (block === undefined || typeof oneShot !== 'function') return createHmac(algorithm, key).update(data).digest();
  const k = key.length > block ? digest(algorithm, key) : key;
  const inner = Buffer.allocUnsafe(block + data.length);
  const outer = Buffer.allocUnsafe(block + (block === 128 ? 64 : 32));
  for (let i = 0; i < block; i++) {
    const b = i < k.length ? k[i]! : 0;
    inner[i] = b ^ IPAD;
    outer[i] = b ^ OPAD;
  }
  data.copy(inner, block);
  const innerDigest = digest(algorithm, inner);
  innerDigest.copy(outer, block);
  return digest(algorithm, outer.subarray(0, block + innerDigest.length));
}
