// Host code (flows.md §8): an OCRA response over the accepted OTP, as documented in src/otp/hostcode.ts.
import { expect } from 'chai';
import { hostCode, hostCodeSuite } from '../../src/otp/hostcode.js';
import { ocra, parseOcraSuite } from '../../src/otp/ocra.js';

const secret = Buffer.from('12345678901234567890');

describe('otp/hostcode', () => {
  it('matches the worked example of the file header', () => {
    expect(hostCode(secret, '755224', 6)).to.equal('410791');
  });

  it('is the OCRA response of suite OCRA-1:HOTP-SHA1-<digits>:QN<len> to the OTP', () => {
    expect(hostCodeSuite(6, 6)).to.equal('OCRA-1:HOTP-SHA1-6:QN06');
    expect(hostCodeSuite(8, 10)).to.equal('OCRA-1:HOTP-SHA1-8:QN10');
    const expected = ocra(parseOcraSuite('OCRA-1:HOTP-SHA1-8:QN06'), secret, { question: '287082' });
    expect(hostCode(secret, '287082', 8)).to.equal(expected).and.to.match(/^\d{8}$/);
  });

  it('is deterministic and differs for different OTPs and secrets', () => {
    expect(hostCode(secret, '755224', 6)).to.equal(hostCode(secret, '755224', 6));
    expect(hostCode(secret, '755224', 6)).to.not.equal(hostCode(secret, '287082', 6));
    expect(hostCode(secret, '755224', 6)).to.not.equal(hostCode(Buffer.from('12345678901234567891'), '755224', 6));
  });

  it('distinguishes OTPs that differ only by leading zeros through the suite length', () => {
    expect(hostCode(secret, '012345', 6)).to.not.equal(hostCode(secret, '0012345', 6));
  });

  it('refuses a non-numeric OTP and a bad length', () => {
    expect(() => hostCode(secret, '75522a', 6)).to.throw(RangeError);
    expect(() => hostCode(secret, '123', 6)).to.throw(RangeError);
    expect(() => hostCode(secret, '755224', 3)).to.throw(RangeError);
  });
});
