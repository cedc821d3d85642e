// The status catalogue: unique numbers and names, overrides, generic masking.
import { expect } from 'chai';
import { STATUS, applyStatusOverrides, reportedStatus } from '../../src/domain/status.js';

describe('status catalogue', () => {
  it('has unique numbers and names', () => {
    const rows = Object.values(STATUS);
    expect(new Set(rows.map((r) => r.code)).size).to.equal(rows.length);
    expect(new Set(rows.map((r) => r.name)).size).to.equal(rows.length);
  });
  it('applies overrides by key or by enum name and freezes the result', () => {
    const c = applyStatusOverrides({ OTP_REPLAY: { code: 1013 }, STAT_NO_USER: { name: 'STAT_USER_NOT_FOUND' } });
    expect(c.OTP_REPLAY.code).to.equal(1013);
    expect(c.NO_USER.name).to.equal('STAT_USER_NOT_FOUND');
    expect(c.SUCCESS.code).to.equal(0);
    expect(Object.isFrozen(c)).to.equal(true);
  });
  it('refuses an override for an unknown status', () => {
    expect(() => applyStatusOverrides({ STAT_NOPE: { code: 1 } })).to.throw(/STAT_NOPE/);
  });
  it('masks generic rows only when asked', () => {
    const c = applyStatusOverrides({});
    expect(reportedStatus(c, 'LOCKED', true).name).to.equal('STAT_INVCREDENTIALS');
    expect(reportedStatus(c, 'LOCKED', false).name).to.equal('STAT_LOCKED');
    expect(reportedStatus(c, 'OTP_REPLAY', true).name).to.equal('STAT_OTP_REPLAY');
  });
});
