// TOTP against RFC 6238 Appendix B, all three algorithms with their 20/32/64-byte seeds.
import { expect } from 'chai';
import { totp, totpAt, totpStep } from '../../src/otp/totp.js';
import { loadVectors, type TotpVectors } from './vectors.js';

const v = loadVectors<TotpVectors>('totp.json');

describe('otp/totp: RFC 6238 Appendix B', () => {
  for (const c of v.cases) {
    it(`${c.algorithm} at ${c.time} s: step 0x${c.step}, TOTP ${c.totp}`, () => {
      const seed = Buffer.from(v.seeds[c.algorithm], 'hex');
      const step = totpStep(c.time * 1000, v.period);
      expect(step).to.equal(parseInt(c.step, 16));
      expect(totp(seed, c.time * 1000, v.period, v.digits, c.algorithm)).to.equal(c.totp);
      expect(totpAt(seed, step, v.digits, c.algorithm)).to.equal(c.totp);
    });
  }

  it('the seeds have the lengths the RFC prescribes', () => {
    expect(Buffer.from(v.seeds.SHA1, 'hex')).to.have.length(20);
    expect(Buffer.from(v.seeds.SHA256, 'hex')).to.have.length(32);
    expect(Buffer.from(v.seeds.SHA512, 'hex')).to.have.length(64);
  });
});

describe('otp/totp: time steps', () => {
  it('a step runs from its first millisecond to its last', () => {
    expect(totpStep(29_999, 30)).to.equal(0);
    expect(totpStep(30_000, 30)).to.equal(1);
    expect(totpStep(59_999, 60)).to.equal(0);
    expect(totpStep(60_000, 60)).to.equal(1);
  });

  it('refuses a zero or fractional period and a negative time', () => {
    expect(() => totpStep(0, 0)).to.throw(RangeError);
    expect(() => totpStep(0, 1.5)).to.throw(RangeError);
    expect(() => totpStep(-1, 30)).to.throw(RangeError);
  });
});
