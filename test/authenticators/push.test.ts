// Push kind (flows.md §6) and the registry's capability table.
import { expect } from 'chai';
import { ALL_KINDS, kindOf } from '../../src/authenticators/index.js';
import type { AuthenticatorKind } from '../../src/domain/model.js';
import { signTransaction } from '../../src/otp/signature.js';
import { authenticator, K20, policy } from './fixture.js';

const kind = kindOf('push');
const device = authenticator({ kind: 'push', lastStep: 7 });
const txn = 'key=4f2a91;user=master\\carol.push;at=2024-01-01T00:00:00Z';

describe('authenticators/push', () => {
  it('accepts the device signature of the transaction, with step lastStep + 1', () => {
    expect(kind.verify(device, signTransaction(K20, txn), { now: 0, policy: policy(), challenge: txn })).to.deep.equal({ ok: true, step: 8, drift: 0 });
  });

  it('rejects a signature of another transaction, another key, or without a transaction', () => {
    expect(kind.verify(device, signTransaction(K20, `${txn}x`), { now: 0, policy: policy(), challenge: txn })).to.deep.equal({ ok: false, replay: false });
    expect(kind.verify(device, signTransaction(Buffer.from('other'), txn), { now: 0, policy: policy(), challenge: txn })).to.include({ ok: false });
    expect(kind.verify(device, signTransaction(K20, txn), { now: 0, policy: policy() })).to.include({ ok: false });
    expect(kind.verify(device, '123456', { now: 0, policy: policy(), challenge: txn })).to.include({ ok: false });
  });

  it('has a 40-character response and no displayable code', () => {
    expect(kind.otpLength(device)).to.equal(40);
    expect(kind.generate).to.equal(undefined);
  });
});

describe('authenticators/index', () => {
  const table: Record<AuthenticatorKind, string> = {
    hotp: 'responseOnly hostCode serverPin',
    totp: 'responseOnly hostCode serverPin',
    ocra: 'challengeResponse hostCode serverPin',
    push: 'push',
    virtual: 'delivery',
  };
  for (const [k, caps] of Object.entries(table) as [AuthenticatorKind, string][]) {
    it(`${k}: ${caps}`, () => {
      const m = kindOf(k);
      expect(m.kind).to.equal(k);
      expect(Object.entries(m.capabilities).filter(([, on]) => on).map(([name]) => name).join(' ')).to.equal(caps);
    });
  }

  it('lists every kind once and refuses an unknown one', () => {
    expect(ALL_KINDS.map((m) => m.kind).sort()).to.deep.equal(['hotp', 'ocra', 'push', 'totp', 'virtual']);
    expect(() => kindOf('sms' as AuthenticatorKind)).to.throw(/unknown authenticator kind/);
  });
});
