// The master key's secret box (spec: flows.md §1): opened secrets are cached only for the exact sealed
// record and sealing (GCM tag) they were verified from, the cache is bounded, and 0 turns it off.
import { expect } from 'chai';
import { SealError, seal } from '../../src/store/seal.js';
import { SecretBox } from '../../src/store/secret-box.js';
import { openStore } from '../../src/store/store.js';

const KEY = Buffer.alloc(32, 7);
const PLAIN = Buffer.from('12345678901234567890', 'ascii');
/** Ciphertext body bytes start after the 12-byte IV; the GCM tag is the last 16 bytes. */
const BODY_BYTE = 14;
const TAG_BYTE = -1;

/** `sealed` with one byte flipped (a negative index counts from the end). */
function flipped(sealed: string, index: number): string {
  const raw = Buffer.from(sealed.slice(3), 'base64');
  raw[index < 0 ? raw.length + index : index] ^= 1;
  return `v1.${raw.toString('base64')}`;
}

describe('store/secret-box', function () {
  it('opens what it sealed, and what seal() sealed with the same key', () => {
    const box = new SecretBox(KEY, 100);
    expect(box.open(box.seal(PLAIN, 'id-1'), 'id-1').equals(PLAIN)).to.equal(true);
    expect(box.open(seal(KEY, PLAIN, 'id-2'), 'id-2').equals(PLAIN)).to.equal(true);
  });

  it('answers a second open from memory: same record and same sealing (tag), nothing decrypted again', () => {
    const box = new SecretBox(KEY, 100);
    const sealed = box.seal(PLAIN, 'id-1');
    expect(box.open(sealed, 'id-1').equals(PLAIN)).to.equal(true);
    const sameTagOtherBody = flipped(sealed, BODY_BYTE);
    expect(box.open(sameTagOtherBody, 'id-1').equals(PLAIN)).to.equal(true);
    expect(() => new SecretBox(KEY, 100).open(sameTagOtherBody, 'id-1')).to.throw(SealError);
    expect(box.size).to.equal(1);
  });

  it('gives every caller its own copy of the secret', () => {
    const box = new SecretBox(KEY, 100);
    const sealed = box.seal(PLAIN, 'id-1');
    box.open(sealed, 'id-1').fill(0);
    expect(box.open(sealed, 'id-1').equals(PLAIN)).to.equal(true);
  });

  it('still refuses a cached sealed value presented for another record', () => {
    const box = new SecretBox(KEY, 100);
    const sealed = box.seal(PLAIN, 'id-1');
    box.open(sealed, 'id-1');
    expect(() => box.open(sealed, 'id-2')).to.throw(SealError);
  });

  it('opens a record\'s new secret once it is sealed again, never the cached old one', () => {
    const box = new SecretBox(KEY, 100);
    box.open(box.seal(PLAIN, 'id-1'), 'id-1');
    const other = Buffer.from('abcdefghijabcdefghij', 'ascii');
    expect(box.open(box.seal(other, 'id-1'), 'id-1').equals(other)).to.equal(true);
    expect(box.size).to.equal(1);
  });

  it('refuses a sealed value with an altered tag for a record whose secret is cached', () => {
    const box = new SecretBox(KEY, 100);
    const sealed = box.seal(PLAIN, 'id-1');
    box.open(sealed, 'id-1');
    expect(() => box.open(flipped(sealed, TAG_BYTE), 'id-1')).to.throw(SealError);
  });

  it('keeps at most its bound, dropping the oldest first', () => {
    const box = new SecretBox(KEY, 2);
    const sealed = ['a', 'b', 'c'].map((id) => box.seal(PLAIN, id));
    box.open(sealed[0]!, 'a');
    box.open(sealed[1]!, 'b');
    box.open(sealed[2]!, 'c');
    expect(box.size).to.equal(2);
    expect(() => box.open(flipped(sealed[0]!, BODY_BYTE), 'a')).to.throw(SealError);
  });

  it('with a bound of 0 opens every secret afresh', () => {
    const box = new SecretBox(KEY, 0);
    const sealed = box.seal(PLAIN, 'id-1');
    expect(box.open(sealed, 'id-1').equals(PLAIN)).to.equal(true);
    expect(() => box.open(flipped(sealed, BODY_BYTE), 'id-1')).to.throw(SealError);
    expect(box.size).to.equal(0);
  });

  it('serves a store opened with a cache the same secrets on every read', async () => {
    const store = await openStore('sqlite::memory:', { masterKey: KEY, secretCacheEntries: 10 });
    try {
      const userRef = await store.createUser({ domain: 'master', userId: 'alice' });
      await store.createAuthenticator({ serial: 'C1', kind: 'hotp', secret: PLAIN, userRef });
      const first = await store.listForUser(userRef);
      const again = await store.listForUser(userRef);
      expect(first[0]!.secret.equals(PLAIN)).to.equal(true);
      expect(again[0]!.secret.equals(PLAIN)).to.equal(true);
      expect((await store.findBySerial('c1'))!.secret.equals(PLAIN)).to.equal(true);
    } finally {
      await store.close();
    }
  });
});
