// AES-256-GCM sealing of secrets at rest (spec: flows.md §1): round trip, fresh IV, tamper detection.
import { expect } from 'chai';
import { SealError, seal, unseal } from '../../src/store/seal.js';

const KEY = Buffer.alloc(32, 1);
const PLAIN = Buffer.from('12345678901234567890', 'ascii');

describe('store/seal', function () {
  it('round-trips a secret and never repeats a sealed value', () => {
    const a = seal(KEY, PLAIN, 'id-1');
    const b = seal(KEY, PLAIN, 'id-1');
    expect(a).to.match(/^v1\./);
    expect(a).not.to.equal(b);
    expect(unseal(KEY, a, 'id-1').equals(PLAIN)).to.equal(true);
    expect(a).not.to.include(PLAIN.toString('base64'));
  });

  it('refuses a value with any byte of its ciphertext changed', () => {
    const sealed = seal(KEY, PLAIN);
    const raw = Buffer.from(sealed.slice(3), 'base64');
    for (const i of [0, 12, 20, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[i] = bad[i]! ^ 0x01;
      expect(() => unseal(KEY, 'v1.' + bad.toString('base64'))).to.throw(SealError, /failed verification/);
    }
  });

  it('refuses another key, another context, an unknown version and a truncated value', () => {
    const sealed = seal(KEY, PLAIN, 'id-1');
    expect(() => unseal(Buffer.alloc(32, 2), sealed, 'id-1')).to.throw(SealError);
    expect(() => unseal(KEY, sealed, 'id-2')).to.throw(SealError);
    expect(() => unseal(KEY, 'v2.' + sealed.slice(3), 'id-1')).to.throw(SealError, /version/);
    expect(() => unseal(KEY, 'v1.AAAA', 'id-1')).to.throw(SealError, /truncated/);
    expect(() => seal(Buffer.alloc(16), PLAIN)).to.throw(SealError, /32 bytes/);
  });
});
