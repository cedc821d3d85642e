// The master key's secret box (spec: flows.md §1): opened secrets are cached only for the exact sealed
// text and record they were verified with, the cache is bounded, and 0 turns it off.
import { expect } from 'chai';
import { SealError, seal } from '../../src/store/seal.js';
import { SecretBox } from '../../src/store/secret-box.js';

const KEY = Buffer.alloc(32, 7);
const PLAIN = Buffer.from('12345678901234567890', 'ascii');

describe('store/secret-box', function () {
  it('opens what it sealed, and what seal() sealed with the same key', () => {
    const box = new SecretBox(KEY);
    expect(box.open(box.seal(PLAIN, 'id-1'), 'id-1').equals(PLAIN)).to.equal(true);
    expect(box.open(seal(KEY, PLAIN, 'id-2'), 'id-2').equals(PLAIN)).to.equal(true);
  });

  it('answers a second open of the same sealed value from memory, with the same bytes', () => {
    const box = new SecretBox(KEY);
    const sealed = box.seal(PLAIN, 'id-1');
    const first = box.open(sealed, 'id-1');
    expect(box.open(sealed, 'id-1')).to.equal(first);
    expect(box.size).to.equal(1);
  });

  it('still refuses a cached sealed value presented for another record', () => {
    const box = new SecretBox(KEY);
    const sealed = box.seal(PLAIN, 'id-1');
    box.open(sealed, 'id-1');
    expect(() => box.open(sealed, 'id-2')).to.throw(SealError);
  });

  it('opens a record\'s new secret once it is sealed again, never the cached old one', () => {
    const box = new SecretBox(KEY);
    box.open(box.seal(PLAIN, 'id-1'), 'id-1');
    const other = Buffer.from('abcdefghijabcdefghij', 'ascii');
    expect(box.open(box.seal(other, 'id-1'), 'id-1').equals(other)).to.equal(true);
    expect(box.size).to.equal(1);
  });

  it('refuses an altered sealed value for a record whose secret is cached', () => {
    const box = new SecretBox(KEY);
    const sealed = box.seal(PLAIN, 'id-1');
    box.open(sealed, 'id-1');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[14] ^= 1;
    expect(() => box.open(`v1.${raw.toString('base64')}`, 'id-1')).to.throw(SealError);
  });

  it('keeps at most its bound, dropping the oldest first', () => {
    const box = new SecretBox(KEY, 2);
    const sealed = ['a', 'b', 'c'].map((id) => box.seal(PLAIN, id));
    const first = box.open(sealed[0]!, 'a');
    box.open(sealed[1]!, 'b');
    box.open(sealed[2]!, 'c');
    expect(box.size).to.equal(2);
    expect(box.open(sealed[0]!, 'a')).not.to.equal(first);
  });

  it('with a bound of 0 opens every secret afresh', () => {
    const box = new SecretBox(KEY, 0);
    const sealed = box.seal(PLAIN, 'id-1');
    expect(box.open(sealed, 'id-1')).not.to.equal(box.open(sealed, 'id-1'));
    expect(box.size).to.equal(0);
  });
});
