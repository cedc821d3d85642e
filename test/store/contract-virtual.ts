// Store contract, virtual authenticators (engine/decisions.ts): the delivery channel, backup role and
// backup usage restrictions round-trip; uses and end change only by compare-and-set (NULL compared as
// NULL), and exactly one of many concurrent takers of the last use wins; virtual-otp pending records.
import { expect } from 'chai';
import type { Ctx } from './contract-support.js';

export function virtualCases(s: Ctx): void {
  it('keeps a virtual authenticator\'s delivery, backup role and restrictions (defaults for other kinds)', async () => {
    await s().createAuthenticator({ serial: 'VIRC1', kind: 'virtual', secret: Buffer.alloc(0), delivery: 'sms', backup: true, usesRemaining: 3, enabledUntil: 1_800_000_000_000 });
    await s().createAuthenticator({ serial: 'TOTPC1', kind: 'totp', secret: Buffer.from('12345678901234567890') });
    expect(await s().findBySerial('virc1')).to.include({ kind: 'virtual', delivery: 'sms', backup: true, usesRemaining: 3, enabledUntil: 1_800_000_000_000 });
    expect((await s().findBySerial('VIRC1'))!.secret.length).to.equal(0);
    expect(await s().findBySerial('TOTPC1')).to.include({ delivery: null, backup: false, usesRemaining: null, enabledUntil: null });
  });

  it('setBackupUsage writes only while uses and end are as expected (NULL as NULL)', async () => {
    const id = await s().createAuthenticator({ serial: 'VIRC2', kind: 'virtual', secret: Buffer.alloc(0), backup: true });
    expect(await s().setBackupUsage(id, { usesRemaining: 1, enabledUntil: null }, { usesRemaining: 0, enabledUntil: null })).to.equal(false);
    expect(await s().setBackupUsage(id, { usesRemaining: null, enabledUntil: null }, { usesRemaining: 4, enabledUntil: 1_900_000_000_000 })).to.equal(true);
    expect(await s().setBackupUsage(id, { usesRemaining: null, enabledUntil: null }, { usesRemaining: 9, enabledUntil: null })).to.equal(false);
    expect(await s().findBySerial('VIRC2')).to.include({ usesRemaining: 4, enabledUntil: 1_900_000_000_000 });
    expect(await s().setBackupUsage(id, { usesRemaining: 4, enabledUntil: 1_900_000_000_000 }, { usesRemaining: null, enabledUntil: null })).to.equal(true);
    expect(await s().findBySerial('VIRC2')).to.include({ usesRemaining: null, enabledUntil: null });
  });

  it('lets exactly one of 20 concurrent takers of the last use win', async () => {
    const id = await s().createAuthenticator({ serial: 'VIRC3', kind: 'virtual', secret: Buffer.alloc(0), backup: true, usesRemaining: 1 });
    const took = await Promise.all(Array.from({ length: 20 }, () => s().setBackupUsage(id, { usesRemaining: 1, enabledUntil: null }, { usesRemaining: 0, enabledUntil: null })));
    expect(took.filter(Boolean)).to.have.length(1);
    expect((await s().findBySerial('VIRC3'))!.usesRemaining).to.equal(0);
  });

  it('lists a user\'s virtual-otp records; their state changes once by compare-and-set', async () => {
    const userRef = await s().createUser({ domain: 'master', userId: 'virc4' });
    const base = { kind: 'virtual-otp' as const, userRef, authenticatorRef: null, componentType: 'SOAP Auth Client', createdAt: 1, expiresAt: 2, state: 'open' as const };
    await s().create({ ...base, key: 'vo-1', payload: { digest: 'ab'.repeat(32), method: 'Keyword' } });
    await s().create({ ...base, key: 'vo-2', createdAt: 2, payload: { digest: 'cd'.repeat(32), method: 'KeywordOnly' } });
    expect((await s().listPendingForUser!(userRef, 'virtual-otp')).map((r) => r.key)).to.deep.equal(['vo-1', 'vo-2']);
    const wins = await Promise.all(Array.from({ length: 10 }, () => s().transition('vo-1', 'open', 'used')));
    expect(wins.filter(Boolean)).to.have.length(1);
  });
}
