// HOTP kind (flows.md §3): look-ahead window, replay look-back, rejections.
import { expect } from 'chai';
import { kindOf } from '../../src/authenticators/index.js';
import { hotp } from '../../src/otp/hotp.js';
import { authenticator, K20, K32, policy } from './fixture.js';

const kind = kindOf('hotp');
const ctx = { now: 0, policy: policy({ eventWindow: 20 }) };
const code = (counter: number) => hotp(K20, counter, 6, 'SHA1');

describe('authenticators/hotp', () => {
  it('accepts the first code of a new authenticator (RFC 4226 counter 0) at step 0', () => {
    expect(kind.verify(authenticator({ kind: 'hotp' }), '755224', ctx)).to.deep.equal({ ok: true, step: 0, drift: 0 });
  });

  it('accepts up to eventWindow counters ahead and no further', () => {
    const a = authenticator({ kind: 'hotp', lastStep: 4 });
    expect(kind.verify(a, code(5), ctx)).to.deep.equal({ ok: true, step: 5, drift: 0 });
    expect(kind.verify(a, code(24), ctx)).to.deep.equal({ ok: true, step: 24, drift: 0 });
    expect(kind.verify(a, code(25), ctx)).to.deep.equal({ ok: false, replay: false });
  });

  it('reports a used counter as a replay, looking back eventWindow counters', () => {
    const a = authenticator({ kind: 'hotp', lastStep: 30 });
    expect(kind.verify(a, code(30), ctx)).to.deep.equal({ ok: false, replay: true });
    expect(kind.verify(a, code(11), ctx)).to.deep.equal({ ok: false, replay: true });
    expect(kind.verify(a, code(10), ctx)).to.deep.equal({ ok: false, replay: false });
  });

  it('looks back no further than counter 0', () => {
    const a = authenticator({ kind: 'hotp', lastStep: 0 });
    expect(kind.verify(a, code(0), ctx)).to.deep.equal({ ok: false, replay: true });
  });

  it('keeps the drift unchanged', () => {
    expect(kind.verify(authenticator({ kind: 'hotp', drift: 3 }), '755224', ctx)).to.deep.equal({ ok: true, step: 0, drift: 3 });
  });

  it('still accepts the next counter with an event window of 0', () => {
    const a = authenticator({ kind: 'hotp', lastStep: 1 });
    expect(kind.verify(a, code(2), { now: 0, policy: policy({ eventWindow: 0 }) })).to.include({ ok: true, step: 2 });
    expect(kind.verify(a, code(3), { now: 0, policy: policy({ eventWindow: 0 }) })).to.include({ ok: false });
  });

  it('rejects a wrong code, a wrong length and non-digits', () => {
    const a = authenticator({ kind: 'hotp' });
    expect(kind.verify(a, '755225', ctx)).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(a, '75522', ctx)).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(a, '7552240', ctx)).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(a, '75522a', ctx)).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(a, ' 755224', ctx)).to.deep.equal({ ok: false, replay: false });
  });

  it('verifies 8-digit SHA256 authenticators', () => {
    const a = authenticator({ kind: 'hotp', secret: K32, digits: 8, algorithm: 'SHA256', lastStep: 9 });
    const c = hotp(K32, 12, 8, 'SHA256');
    expect(kind.otpLength(a)).to.equal(8);
    expect(kind.verify(a, c, ctx)).to.deep.equal({ ok: true, step: 12, drift: 0 });
    expect(kind.verify(a, hotp(K32, 12, 8, 'SHA1'), ctx)).to.include({ ok: false });
  });

  it('generates the code of the next counter', () => {
    expect(kind.generate!(authenticator({ kind: 'hotp' }), ctx)).to.equal('755224');
    expect(kind.generate!(authenticator({ kind: 'hotp', lastStep: 8 }), ctx)).to.equal('520489');
  });
});
