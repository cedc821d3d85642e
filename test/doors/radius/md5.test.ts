// The RADIUS door's MD5 and HMAC-MD5 (src/doors/radius/md5.ts) against RFC 1321 §A.5 and RFC 2104's
// test vectors, and against node:crypto for inputs of every length around the block and padding edges.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { HmacMd5, md5 } from '../../../src/doors/radius/md5.js';

describe('RADIUS MD5 and HMAC-MD5', () => {
  it('gives the RFC 1321 test suite digests', () => {
    const suite: [string, string][] = [
      ['', 'd41d8cd98f00b204e9800998ecf8427e'], ['a', '0cc175b9c0f1b6a831c399e269772661'],
      ['abc', '900150983cd24fb0d6963f7d28e17f72'], ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
      ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
      ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
      ['1234567890'.repeat(8), '57edf4a22be3c955ac49da2e2107b67a'],
    ];
    for (const [text, hex] of suite) expect(md5(Buffer.from(text)).toString('hex'), JSON.stringify(text)).to.equal(hex);
  });

  it('gives the RFC 2104 HMAC-MD5 test vectors', () => {
    expect(new HmacMd5(Buffer.alloc(16, 0x0b)).mac(Buffer.from('Hi There')).toString('hex')).to.equal('9294727a3638bb1c13f48ef8158bfc9d');
    expect(new HmacMd5(Buffer.from('Jefe')).mac(Buffer.from('what do ya want for nothing?')).toString('hex')).to.equal('750c783e6ab0b503eaa86e310a5db738');
    expect(new HmacMd5(Buffer.alloc(16, 0xaa)).mac(Buffer.alloc(50, 0xdd)).toString('hex')).to.equal('56be34521d144c88dbb8c733f0e8b3f6');
  });

  it('agrees with node:crypto for inputs of 0 to 300 bytes, in one part or two, and keys of 0 to 130 bytes', () => {
    for (let n = 0; n <= 300; n++) {
      const data = randomBytes(n), key = randomBytes(n % 131);
      const want = createHash('md5').update(data).digest();
      expect(md5(data).equals(want), `${n} bytes`).to.equal(true);
      expect(md5(data.subarray(0, n >> 1), data.subarray(n >> 1)).equals(want), `${n} bytes in two parts`).to.equal(true);
      expect(new HmacMd5(key).mac(data).equals(createHmac('md5', key).update(data).digest()), `HMAC, ${n} bytes`).to.equal(true);
    }
  });

  it('handles inputs longer than its scratch space (a 4096-octet packet and a long secret), and stays right after', () => {
    const big = randomBytes(20_000);
    expect(md5(big).equals(createHash('md5').update(big).digest())).to.equal(true);
    const small = randomBytes(40);
    expect(md5(small).equals(createHash('md5').update(small).digest())).to.equal(true);
  });

  it('returns a digest of its own each call (the next call does not overwrite it)', () => {
    const key = new HmacMd5(Buffer.from('secret'));
    const first = key.mac(Buffer.from('one')), copy = Buffer.from(first);
    key.mac(Buffer.from('two'));
    md5(Buffer.from('three'));
    expect(first.equals(copy)).to.equal(true);
  });
});
