// OCRA kind (flows.md §5): plain, counter and time suites verified against RFC 6287 vectors; replay; rejections.
import { expect } from 'chai';
import { challengeSpecOf, kindOf } from '../../src/authenticators/index.js';
import { authenticator, K20, K32, K64, policy } from './fixture.js';

const kind = kindOf('ocra');
const P = policy({ eventWindow: 20, timeWindow: 1, initialTimeWindow: 10, maxDrift: 20 });
const plain = authenticator({ kind: 'ocra', ocraSuite: 'OCRA-1:HOTP-SHA1-6:QN08', secret: K20, lastStep: 4 });
const counter = authenticator({ kind: 'ocra', ocraSuite: 'OCRA-1:HOTP-SHA512-8:C-QN08', secret: K64, digits: 8, algorithm: 'SHA512' });
const timed = authenticator({ kind: 'ocra', ocraSuite: 'OCRA-1:HOTP-SHA512-8:QN08-T1M', secret: K64, digits: 8 });
const T = 0x132d0b6;
const NOW = T * 60_000;

describe('authenticators/ocra', () => {
  it('verifies a plain QN suite (RFC 6287 C.1) with step = lastStep + 1', () => {
    expect(kind.verify(plain, '237653', { now: 0, policy: P, challenge: '00000000' })).to.deep.equal({ ok: true, step: 5, drift: 0 });
    expect(kind.verify(plain, '294470', { now: 0, policy: P, challenge: '99999999' })).to.include({ ok: true });
  });

  it('rejects a wrong response, a response to another challenge, and a missing challenge', () => {
    expect(kind.verify(plain, '237654', { now: 0, policy: P, challenge: '00000000' })).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(plain, '237653', { now: 0, policy: P, challenge: '11111111' })).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(plain, '237653', { now: 0, policy: P })).to.deep.equal({ ok: false, replay: false });
  });

  it('rejects a challenge of the wrong format or longer than the suite, and a response of the wrong length', () => {
    expect(kind.verify(plain, '237653', { now: 0, policy: P, challenge: '000000000' })).to.include({ ok: false });
    expect(kind.verify(plain, '237653', { now: 0, policy: P, challenge: '0000000a' })).to.include({ ok: false });
    expect(kind.verify(plain, '237653', { now: 0, policy: P, challenge: '000' })).to.include({ ok: false });
    expect(kind.verify(plain, '2376530', { now: 0, policy: P, challenge: '00000000' })).to.include({ ok: false });
    expect(kind.verify(plain, '23765a', { now: 0, policy: P, challenge: '00000000' })).to.include({ ok: false });
  });

  it('counter suites search ahead of lastStep and report used counters as replays', () => {
    expect(kind.verify(counter, '07016083', { now: 0, policy: P, challenge: '00000000' })).to.deep.equal({ ok: true, step: 0, drift: 0 });
    const at2 = { ...counter, lastStep: 2 };
    expect(kind.verify(at2, '25341727', { now: 0, policy: P, challenge: '33333333' })).to.deep.equal({ ok: true, step: 3, drift: 0 });
    expect(kind.verify({ ...counter, lastStep: 3 }, '25341727', { now: 0, policy: P, challenge: '33333333' })).to.deep.equal({ ok: false, replay: true });
    expect(kind.verify(at2, '31409299', { now: 0, policy: P, challenge: '99999999' })).to.deep.equal({ ok: true, step: 9, drift: 0 });
    expect(kind.verify(at2, '31409299', { now: 0, policy: policy({ eventWindow: 6 }), challenge: '99999999' })).to.deep.equal({ ok: false, replay: false });
  });

  it('time suites use the suite time step, the windows and the drift', () => {
    expect(kind.verify(timed, '95209754', { now: NOW, policy: P, challenge: '00000000' })).to.deep.equal({ ok: true, step: T, drift: 0 });
    const used = { ...timed, lastStep: T - 3 };
    expect(kind.verify(used, '95209754', { now: NOW + 60_000, policy: P, challenge: '00000000' })).to.deep.equal({ ok: true, step: T, drift: -1 });
    expect(kind.verify(used, '95209754', { now: NOW + 120_000, policy: P, challenge: '00000000' })).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(timed, '95209754', { now: NOW + 600_000, policy: P, challenge: '00000000' })).to.deep.include({ ok: true, drift: -10 });
    expect(kind.verify({ ...timed, lastStep: T }, '95209754', { now: NOW, policy: P, challenge: '00000000' })).to.deep.equal({ ok: false, replay: true });
  });

  it('suites with C and T try T ±timeWindow for each counter', () => {
    const both = authenticator({ kind: 'ocra', ocraSuite: 'OCRA-1:HOTP-SHA256-6:C-QN08-T1M', secret: K32 });
    const response = kind.generate!({ ...both, lastStep: 1 }, { now: NOW, policy: P, challenge: '12345678' });
    expect(kind.verify(both, response, { now: NOW + 60_000, policy: P, challenge: '12345678' })).to.deep.equal({ ok: true, step: 2, drift: 0 });
    expect(kind.verify(both, response, { now: NOW + 120_000, policy: P, challenge: '12345678' })).to.include({ ok: false });
  });

  it('cannot verify suites with a PIN hash or session data, even with the right response', () => {
    const withPin = authenticator({ kind: 'ocra', ocraSuite: 'OCRA-1:HOTP-SHA256-8:QN08-PSHA1', secret: K32 });
    expect(kind.verify(withPin, '83238735', { now: 0, policy: P, challenge: '00000000' })).to.deep.equal({ ok: false, replay: false });
  });

  it('fails closed without a valid suite', () => {
    expect(kind.verify({ ...plain, ocraSuite: null }, '237653', { now: 0, policy: P, challenge: '00000000' })).to.include({ ok: false });
    expect(kind.verify({ ...plain, ocraSuite: 'OCRA-1:nonsense' }, '237653', { now: 0, policy: P, challenge: '00000000' })).to.include({ ok: false });
    expect(() => kind.generate!({ ...plain, ocraSuite: null }, { now: 0, policy: P, challenge: '1' })).to.throw(/OCRA suite/);
  });

  it('takes the response length and the challenge spec from the suite', () => {
    expect(kind.otpLength({ ...plain, digits: 8 })).to.equal(6);
    expect(kind.otpLength(counter)).to.equal(8);
    expect(challengeSpecOf(plain)).to.deep.equal({ format: 'N', length: 8 });
    expect(challengeSpecOf({ ...plain, ocraSuite: null })).to.equal(null);
  });

  it('generates the response to a challenge (RFC vectors)', () => {
    expect(kind.generate!(plain, { now: 0, policy: P, challenge: '55555555' })).to.equal('388898');
    expect(kind.generate!({ ...counter, lastStep: 6 }, { now: 0, policy: P, challenge: '77777777' })).to.equal('51946085');
    expect(kind.generate!(timed, { now: NOW + 59_999, policy: P, challenge: '44444444' })).to.equal('36209546');
    expect(() => kind.generate!(plain, { now: 0, policy: P })).to.throw(/challenge/);
  });
});
