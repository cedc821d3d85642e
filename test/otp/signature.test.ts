// Push transaction signatures (flows.md §6) and the base32 / otpauth helpers.
import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import { decodeBase32, encodeBase32, otpauthUri } from '../../src/otp/base32.js';
import { signTransaction, verifyTransactionSignature } from '../../src/otp/signature.js';

const secret = Buffer.from('12345678901234567890');

describe('otp/signature', () => {
  const data = 'txn 7f3a: login master\\carol.push from 10.0.0.5';

  it('is HMAC-SHA1 over the UTF-8 text, 40 lowercase hex digits', () => {
    const sig = signTransaction(secret, data);
    expect(sig).to.equal(createHmac('sha1', secret).update(Buffer.from(data, 'utf8')).digest('hex')).and.to.match(/^[0-9a-f]{40}$/);
    expect(signTransaction(secret, 'é')).to.equal(createHmac('sha1', secret).update(Buffer.from([0xc3, 0xa9])).digest('hex'));
  });

  it('verifies the right signature in either case, and nothing else', () => {
    const sig = signTransaction(secret, data);
    expect(verifyTransactionSignature(secret, data, sig)).to.equal(true);
    expect(verifyTransactionSignature(secret, data, sig.toUpperCase())).to.equal(true);
    expect(verifyTransactionSignature(secret, `${data}.`, sig)).to.equal(false);
    expect(verifyTransactionSignature(Buffer.from('x'), data, sig)).to.equal(false);
    expect(verifyTransactionSignature(secret, data, sig.slice(0, 39))).to.equal(false);
    expect(verifyTransactionSignature(secret, data, `${sig.slice(0, 39)}g`)).to.equal(false);
  });
});

describe('otp/base32', () => {
  it('round-trips the demo secret (demo-seed.md)', () => {
    expect(encodeBase32(secret)).to.equal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(decodeBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').equals(secret)).to.equal(true);
  });

  it('accepts lowercase, spaces, hyphens and padding; refuses other characters', () => {
    expect(decodeBase32('gezd gnbv-gy3t qojq gezd gnbv gy3t qojq').equals(secret)).to.equal(true);
    expect(decodeBase32('GEZDGNA=').toString('latin1')).to.equal('1234');
    expect(() => decodeBase32('GEZ!')).to.throw();
    expect(() => decodeBase32('  ')).to.throw(RangeError);
  });

  it('builds otpauth URIs for TOTP and HOTP', () => {
    expect(otpauthUri({ kind: 'totp', issuer: 'Countersign', label: 'jane.doe', secret, algorithm: 'SHA256', digits: 8, period: 60 }))
      .to.equal('otpauth://totp/Countersign:jane.doe?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Countersign&algorithm=SHA256&digits=8&period=60');
    expect(otpauthUri({ kind: 'hotp', issuer: 'Countersign', label: 'john smith', secret, algorithm: 'SHA1', digits: 6, counter: 5 }))
      .to.equal('otpauth://hotp/Countersign:john%20smith?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Countersign&counter=5');
  });
});
