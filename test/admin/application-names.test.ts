// DIGIPASSFLD_ACTIVE_APPL_NAMES (docs/decisions.md): one application per authenticator, named by what
// its kind does, for every kind the server knows.
import { expect } from 'chai';
import { applicationNames } from '../../src/admin/digipass.js';
import { ALL_KINDS } from '../../src/authenticators/index.js';

const EXPECTED: Record<string, string> = { hotp: 'RESPONSE_ONLY', totp: 'RESPONSE_ONLY', ocra: 'CHALLENGE_RESPONSE', push: 'PUSH', virtual: 'VIRTUAL' };

describe('administration: application names of each authenticator kind', () => {
  it('names one application for every kind, by what the kind does', () => {
    const named = Object.fromEntries(ALL_KINDS.map((k) => [k.kind, applicationNames({ kind: k.kind })]));
    expect(Object.keys(named).sort()).to.deep.equal(Object.keys(EXPECTED).sort());
    for (const [kind, names] of Object.entries(named)) expect(names, kind).to.deep.equal([EXPECTED[kind]]);
  });
});
