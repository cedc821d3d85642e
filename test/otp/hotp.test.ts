// HOTP against RFC 4226 Appendix D and, for other algorithms and lengths, against otplib 13.
import { createHmac, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { createGuardrails, generateSync, type CryptoPlugin } from 'otplib';
import { codeMatches, formatCode, hmac, isDigits, truncate, type HashAlgorithm } from '../../src/otp/codes.js';
import { hotp, hotpValue } from '../../src/otp/hotp.js';
import { loadVectors, type HotpVectors } from './vectors.js';

const v = loadVectors<HotpVectors>('hotp.json');
const secret = Buffer.from(v.secret, 'hex');

describe('otp/hotp: RFC 4226 Appendix D', () => {
  for (const c of v.cases) {
    it(`counter ${c.counter}: HMAC ${c.hmac.slice(0, 8)}…, truncated ${c.truncated}, HOTP ${c.hotp}`, () => {
      const counter = Buffer.alloc(8);
      counter.writeUInt32BE(c.counter, 4);
      const digest = hmac('SHA1', secret, counter);
      expect(digest.toString('hex')).to.equal(c.hmac);
      expect(truncate(digest)).to.equal(c.truncated);
      expect(hotpValue(secret, c.counter, 'SHA1')).to.equal(c.truncated);
      expect(hotp(secret, c.counter, v.digits, 'SHA1')).to.equal(c.hotp);
    });
  }
});

describe('otp/hotp: agreement with otplib 13', () => {
  const crypto: CryptoPlugin = {
    name: 'node',
    hmac: (alg, key, data) => createHmac(alg, key).update(data).digest(),
    randomBytes: (n) => randomBytes(n),
    constantTimeEqual: (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0,
  };
  const guardrails = createGuardrails({ MIN_SECRET_BYTES: 1 });
  const cases: [HashAlgorithm, 'sha1' | 'sha256' | 'sha512', number][] = [
    ['SHA1', 'sha1', 6], ['SHA1', 'sha1', 8], ['SHA256', 'sha256', 6], ['SHA256', 'sha256', 8], ['SHA512', 'sha512', 6], ['SHA512', 'sha512', 8],
  ];
  for (const [ours, theirs, digits] of cases) {
    it(`${ours}, ${digits} digits, counters 0-499 and near 2^32 and 2^53`, () => {
      const key = Buffer.from('0123456789abcdef0123', 'latin1');
      const counters = [...Array(500).keys(), 0xffffffff, 0x100000000, 0x100000001, Number.MAX_SAFE_INTEGER];
      for (const counter of counters) {
        const expected = generateSync({ strategy: 'hotp', secret: key, counter, digits, algorithm: theirs, crypto, guardrails });
        expect(hotp(key, counter, digits, ours), `counter ${counter}`).to.equal(expected);
      }
    });
  }

  it('a 10-byte legacy secret works (otplib needs relaxed guardrails for it)', () => {
    const key = Buffer.from('1234567890', 'latin1');
    expect(hotp(key, 7, 6, 'SHA1')).to.equal(generateSync({ strategy: 'hotp', secret: key, counter: 7, crypto, guardrails }));
  });
});

describe('otp/codes', () => {
  it('codeMatches accepts the right code and rejects a wrong or short one', () => {
    const value = hotpValue(secret, 0, 'SHA1');
    expect(codeMatches(value, 6, Buffer.from('755224'))).to.equal(true);
    expect(codeMatches(value, 6, Buffer.from('755225'))).to.equal(false);
    expect(codeMatches(value, 6, Buffer.from('75522'))).to.equal(false);
    expect(codeMatches(value, 12, Buffer.from('000000755224'))).to.equal(false);
  });

  it('codeMatches keeps leading zeros (RFC 6238 vector 07081804)', () => {
    expect(codeMatches(7081804, 8, Buffer.from('07081804'))).to.equal(true);
    expect(codeMatches(7081804, 8, Buffer.from('70818040'))).to.equal(false);
    expect(formatCode(7081804, 8)).to.equal('07081804');
  });

  it('isDigits checks length and characters', () => {
    expect(isDigits('123456', 6)).to.equal(true);
    expect(isDigits('12345', 6)).to.equal(false);
    expect(isDigits('12345a', 6)).to.equal(false);
    expect(isDigits('１２３４５６', 6)).to.equal(false);
  });

  it('hotp refuses lengths outside 4-10 and negative or unsafe counters', () => {
    expect(() => hotp(secret, 0, 3, 'SHA1')).to.throw(RangeError);
    expect(() => hotp(secret, 0, 11, 'SHA1')).to.throw(RangeError);
    expect(() => hotp(secret, -1, 6, 'SHA1')).to.throw(RangeError);
    expect(() => hotp(secret, 2 ** 53, 6, 'SHA1')).to.throw(RangeError);
  });
});
