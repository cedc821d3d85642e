// TOTP kind (flows.md §3): windows around the expected step, first-use window, drift learning and bound,
// replays, rejections.
import { expect } from 'chai';
import { kindOf } from '../../src/authenticators/index.js';
import { totpAt } from '../../src/otp/totp.js';
import { authenticator, K20, K64, policy } from './fixture.js';

const kind = kindOf('totp');
const P = policy({ timeWindow: 1, initialTimeWindow: 10, maxDrift: 20 });
/** 2009-02-13T23:31:30Z, the first instant of step 41152263. */
const STEP = 41152263;
const NOW = STEP * 30_000;
const at = (step: number) => totpAt(K20, step, 6, 'SHA1');
const used = authenticator({ lastStep: STEP - 5 });
const fresh = authenticator({});

describe('authenticators/totp', () => {
  it('accepts the current step with no drift', () => {
    expect(kind.verify(used, at(STEP), { now: NOW, policy: P })).to.deep.equal({ ok: true, step: STEP, drift: 0 });
    expect(kind.verify(used, at(STEP), { now: NOW + 29_999, policy: P })).to.deep.equal({ ok: true, step: STEP, drift: 0 });
  });

  it('after the first use, accepts ±timeWindow steps (just inside) and learns the drift', () => {
    expect(kind.verify(used, at(STEP - 1), { now: NOW, policy: P })).to.deep.equal({ ok: true, step: STEP - 1, drift: -1 });
    expect(kind.verify(used, at(STEP + 1), { now: NOW, policy: P })).to.deep.equal({ ok: true, step: STEP + 1, drift: 1 });
  });

  it('after the first use, rejects a code just outside the window', () => {
    expect(kind.verify(used, at(STEP - 2), { now: NOW, policy: P })).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(used, at(STEP + 2), { now: NOW, policy: P })).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(used, at(STEP + 1), { now: NOW - 1, policy: P })).to.deep.equal({ ok: false, replay: false });
  });

  it('on first use, accepts the wider initial window and not beyond', () => {
    expect(kind.verify(fresh, at(STEP + 10), { now: NOW, policy: P })).to.deep.equal({ ok: true, step: STEP + 10, drift: 10 });
    expect(kind.verify(fresh, at(STEP - 10), { now: NOW, policy: P })).to.deep.equal({ ok: true, step: STEP - 10, drift: -10 });
    expect(kind.verify(fresh, at(STEP + 11), { now: NOW, policy: P })).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(fresh, at(STEP - 11), { now: NOW, policy: P })).to.deep.equal({ ok: false, replay: false });
  });

  it('centres the window on the recorded drift', () => {
    const drifted = authenticator({ lastStep: STEP - 5, drift: 5 });
    expect(kind.verify(drifted, at(STEP + 5), { now: NOW, policy: P })).to.deep.equal({ ok: true, step: STEP + 5, drift: 5 });
    expect(kind.verify(drifted, at(STEP + 6), { now: NOW, policy: P })).to.deep.equal({ ok: true, step: STEP + 6, drift: 6 });
    expect(kind.verify(drifted, at(STEP + 7), { now: NOW, policy: P })).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(drifted, at(STEP), { now: NOW, policy: P })).to.deep.equal({ ok: false, replay: false });
  });

  it('bounds the learned drift by maxDrift', () => {
    const tight = policy({ initialTimeWindow: 10, maxDrift: 3 });
    expect(kind.verify(fresh, at(STEP + 8), { now: NOW, policy: tight })).to.deep.equal({ ok: true, step: STEP + 8, drift: 3 });
    expect(kind.verify(fresh, at(STEP - 8), { now: NOW, policy: tight })).to.deep.equal({ ok: true, step: STEP - 8, drift: -3 });
  });

  it('reports a code of an already accepted step as a replay', () => {
    const last = authenticator({ lastStep: STEP });
    expect(kind.verify(last, at(STEP), { now: NOW, policy: P })).to.deep.equal({ ok: false, replay: true });
    expect(kind.verify(last, at(STEP - 1), { now: NOW, policy: P })).to.deep.equal({ ok: false, replay: true });
    expect(kind.verify(last, at(STEP + 1), { now: NOW, policy: P })).to.deep.equal({ ok: true, step: STEP + 1, drift: 1 });
    expect(kind.verify(authenticator({ lastStep: STEP - 1 }), at(STEP), { now: NOW, policy: P })).to.include({ ok: true, step: STEP });
  });

  it('rejects a wrong code, a wrong length and non-digits', () => {
    const right = at(STEP);
    const wrong = String((Number(right) + 1) % 1e6).padStart(6, '0');
    expect(kind.verify(used, wrong, { now: NOW, policy: P })).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(used, right.slice(1), { now: NOW, policy: P })).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(used, `${right}0`, { now: NOW, policy: P })).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(used, `${right.slice(1)}x`, { now: NOW, policy: P })).to.deep.equal({ ok: false, replay: false });
  });

  it('verifies and generates RFC 6238 vectors (SHA512, 8 digits)', () => {
    const a = authenticator({ secret: K64, digits: 8, algorithm: 'SHA512' });
    expect(kind.verify(a, '25091201', { now: 1111111109_000, policy: P })).to.include({ ok: true, step: 0x23523ec, drift: 0 });
    expect(kind.generate!(a, { now: 1111111111_000, policy: P })).to.equal('99943326');
    expect(kind.otpLength(a)).to.equal(8);
  });

  it('honours the authenticator period', () => {
    const a = authenticator({ period: 60, lastStep: 0 });
    const step = Math.floor(NOW / 60_000);
    expect(kind.verify(a, totpAt(K20, step, 6, 'SHA1'), { now: NOW, policy: P })).to.include({ ok: true, step });
    expect(kind.generate!(a, { now: NOW, policy: P })).to.equal(totpAt(K20, step, 6, 'SHA1'));
  });
});
