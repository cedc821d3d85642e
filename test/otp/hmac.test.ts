// HMAC over one-shot digests (RFC 2104) against RFC 2202 (MD5, SHA-1) and RFC 4231 (SHA-256, SHA-512)
// test cases, long keys hashed first, and node:crypto's createHmac on random keys and messages.
import { createHmac, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { hmac } from '../../src/otp/hmac.js';

const text = (s: string) => Buffer.from(s, 'latin1');

describe('otp/hmac: HMAC over one-shot digests', () => {
  it('matches RFC 2202 test cases 1, 2 and 6 for HMAC-MD5 and HMAC-SHA1', () => {
    expect(hmac('md5', Buffer.alloc(16, 0x0b), text('Hi There')).toString('hex')).to.equal('9294727a3638bb1c13f48ef8158bfc9d');
    expect(hmac('md5', text('Jefe'), text('what do ya want for nothing?')).toString('hex')).to.equal('750c783e6ab0b503eaa86e310a5db738');
    expect(hmac('md5', Buffer.alloc(80, 0xaa), text('Test Using Larger Than Block-Size Key - Hash Key First')).toString('hex'))
      .to.equal('6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd');
    expect(hmac('sha1', Buffer.alloc(20, 0x0b), text('Hi There')).toString('hex')).to.equal('b617318655057264e28bc0b6fb378c8ef146be00');
    expect(hmac('sha1', text('Jefe'), text('what do ya want for nothing?')).toString('hex')).to.equal('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
    expect(hmac('sha1', Buffer.alloc(80, 0xaa), text('Test Using Larger Than Block-Size Key - Hash Key First')).toString('hex'))
      .to.equal('aa4ae5e15272d00e95705637ce8a3b55ed402112');
  });

  it('matches RFC 4231 test cases 1 and 6 for HMAC-SHA256 and HMAC-SHA512', () => {
    const key1 = Buffer.alloc(20, 0x0b);
    expect(hmac('sha256', key1, text('Hi There')).toString('hex')).to.equal('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    expect(hmac('sha512', key1, text('Hi There')).toString('hex')).to.equal(
      '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854');
    const key6 = Buffer.alloc(131, 0xaa);
    const msg6 = text('Test Using Larger Than Block-Size Key - Hash Key First');
    expect(hmac('sha256', key6, msg6).toString('hex')).to.equal('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
    expect(hmac('sha512', key6, msg6).toString('hex')).to.equal(
      '80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598');
  });

  it('equals createHmac for random keys (empty to 200 bytes) and messages', () => {
    for (const algorithm of ['md5', 'sha1', 'sha256', 'sha512']) {
      for (const keyLength of [0, 1, 20, 63, 64, 65, 127, 128, 129, 200]) {
        const key = randomBytes(keyLength);
        const data = randomBytes(keyLength * 3 % 97);
        expect(hmac(algorithm, key, data).equals(createHmac(algorithm, key).update(data).digest()), `${algorithm} key ${keyLength}`).to.equal(true);
      }
    }
  });
});
