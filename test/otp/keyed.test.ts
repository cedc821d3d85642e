// Keyed HOTP values (otp/keyed.ts, SHA-1 in integer arithmetic) against RFC 4226 Appendix D and, for
// keys of every length around the block size and counters past 2^32, against node:crypto's createHmac.
import { createHmac, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { hotpValues } from '../../src/otp/keyed.js';
import { truncate, type HashAlgorithm } from '../../src/otp/codes.js';
import { loadVectors, type HotpVectors } from './vectors.js';

const v = loadVectors<HotpVectors>('hotp.json');

function reference(algorithm: HashAlgorithm, key: Buffer, counter: number): number {
  const c = Buffer.alloc(8);
  c.writeUInt32BE(Math.floor(counter / 0x1_0000_0000), 0);
  c.writeUInt32BE(counter % 0x1_0000_0000, 4);
  return truncate(createHmac(algorithm.toLowerCase(), key).update(c).digest());
}

describe('otp/keyed: HOTP values of one key at many counters', () => {
  it('gives RFC 4226 Appendix D truncated values', () => {
    const value = hotpValues(Buffer.from(v.secret, 'hex'), 'SHA1');
    for (const c of v.cases) expect(value(c.counter)).to.equal(c.truncated);
  });

  it('agrees with createHmac for SHA-1 keys of 0 to 130 bytes (hashed past 64) and counters up to 2^53 - 1', () => {
    const counters = [0, 1, 255, 256, 0xffff_ffff, 0x1_0000_0000, 0x1_2345_6789, Number.MAX_SAFE_INTEGER];
    for (let len = 0; len <= 130; len++) {
      const key = randomBytes(len);
      const value = hotpValues(key, 'SHA1');
      for (const c of [...counters, Math.floor(Math.random() * 1e12)]) expect(value(c), `key ${len} bytes, counter ${c}`).to.equal(reference('SHA1', key, c));
    }
  });

  it('agrees with createHmac for SHA-256 and SHA-512', () => {
    for (const algorithm of ['SHA256', 'SHA512'] as const) {
      const key = randomBytes(algorithm === 'SHA256' ? 32 : 64);
      const value = hotpValues(key, algorithm);
      for (const c of [0, 7, 0x1_0000_0001]) expect(value(c)).to.equal(reference(algorithm, key, c));
    }
  });

  it('keeps keys apart when two are used in turn', () => {
    const a = randomBytes(20), b = randomBytes(20);
    const va = hotpValues(a, 'SHA1'), vb = hotpValues(b, 'SHA1');
    for (let c = 0; c < 5; c++) {
      expect(va(c)).to.equal(reference('SHA1', a, c));
      expect(vb(c)).to.equal(reference('SHA1', b, c));
    }
  });

  it('refuses a negative, fractional or unsafe counter', () => {
    const value = hotpValues(randomBytes(20), 'SHA1');
    for (const bad of [-1, 1.5, 2 ** 53]) expect(() => value(bad)).to.throw(RangeError);
  });
});
