// The CREDFLD table (soap-wire.md §5) is the only place naming credential attributes, and it covers
// the catalogue of the spec.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_CREDFLD_IDS, CREDFLD, credfldById } from '../../../src/doors/soap/codec/credfld.js';
import { adminFldById, ALL_ADMIN_FLD_IDS, COMPONENTFLD, DIGIPASSAPPLFLD, DIGIPASSFLD, POLICYFLD, USERFLD } from '../../../src/doors/soap/codec/admin-fields.js';

const SRC = fileURLToPath(new URL('../../../../src/', import.meta.url));
const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? walk(p) : [p];
});

/** The attribute catalogue of soap-wire.md §5, in its order. */
const SPEC_IDS = [
  'CREDFLD_COMPONENT_TYPE', 'CREDFLD_USERID', 'CREDFLD_DOMAIN', 'CREDFLD_ORGANIZATIONAL_UNIT',
  'CREDFLD_PASSWORD_FORMAT', 'CREDFLD_PASSWORD', 'CREDFLD_STATIC_PASSWORD', 'CREDFLD_DP_RESPONSE',
  'CREDFLD_CURRENT_PIN', 'CREDFLD_NEW_PIN', 'CREDFLD_CONFIRM_NEW_PIN', 'CREDFLD_SERIAL_NO', 'CREDFLD_CHALLENGE',
  'CREDFLD_CHALLENGE_KEY', 'CREDFLD_CHALLENGE_MESSAGE', 'CREDFLD_REQUEST_HOST_CODE', 'CREDFLD_HOST_CODE',
  'CREDFLD_AUTH_TYPE', 'CREDFLD_USER_ATTRIBUTE_GROUP', 'CREDFLD_NONCE', 'CREDFLD_STATUS_MESSAGE',
  'CREDFLD_AUXILIARY_MESSAGE', 'CREDFLD_NOTIFY_PASSWORD_EXPIRE_DATE', 'CREDFLD_REQUEST_MESSAGE',
  'CREDFLD_REQUEST_BODY', 'CREDFLD_TRANSACTION_TITLE', 'CREDFLD_NEW_STATIC_PASSWORD',
  'CREDFLD_CONFIRM_STATIC_PASSWORD', 'CREDFLD_CONFIRM_NEW_STATIC_PASSWORD',
  // §4 administration: logon answers the session id, and (as public admin clients read them) the
  // administrator's privileges and the product name and version.
  'CREDFLD_SESSION_ID', 'CREDFLD_LOGICAL_ADMIN_PRIVILEGES', 'CREDFLD_PRODUCT_NAME', 'CREDFLD_PRODUCT_VERSION',
];

describe('SOAP door: administration field table', () => {
  it('no source file other than codec/admin-fields.ts holds a USERFLD_ or DIGIPASSFLD_ string', () => {
    const files = walk(SRC).filter((f) => f.endsWith('.ts'));
    const offenders = files.filter((f) => !f.endsWith(join('doors', 'soap', 'codec', 'admin-fields.ts')) && /['"`](USERFLD|DIGIPASSFLD|DIGIPASSAPPLFLD)_/.test(readFileSync(f, 'utf8')));
    expect(offenders).to.deep.equal([]);
  });

  it('names each attribute once, with its prefix, and marks only the password, PIN, OTP and RADIUS shared secret as secret', () => {
    expect(new Set(ALL_ADMIN_FLD_IDS).size).to.equal(ALL_ADMIN_FLD_IDS.length);
    for (const f of Object.values(USERFLD)) expect(f.id).to.match(/^USERFLD_/);
    for (const f of Object.values(DIGIPASSFLD)) expect(f.id).to.match(/^DIGIPASSFLD_/);
    for (const f of Object.values(DIGIPASSAPPLFLD)) expect(f.id).to.match(/^DIGIPASSAPPLFLD_/);
    for (const f of Object.values(COMPONENTFLD)) expect(f.id).to.match(/^COMPONENTFLD_/);
    for (const f of Object.values(POLICYFLD)) expect(f.id).to.match(/^POLICYFLD_/);
    expect(ALL_ADMIN_FLD_IDS.filter((id) => adminFldById(id)!.secret)).to.deep.equal([
      USERFLD.PASSWORD.id, DIGIPASSAPPLFLD.NEW_PIN.id, DIGIPASSAPPLFLD.RESPONSE.id, COMPONENTFLD.SHARED_SECRET.id]);
    expect(DIGIPASSFLD.GRACE_PERIOD_DAYS.type).to.equal('int');
  });
});

describe('SOAP door: CREDFLD table', () => {
  it('no source file other than codec/credfld.ts holds a CREDFLD string', () => {
    const files = walk(SRC).filter((f) => f.endsWith('.ts'));
    expect(files.length).to.be.greaterThan(10);
    const offenders = files.filter((f) => !f.endsWith(join('doors', 'soap', 'codec', 'credfld.ts')) && /['"`]CREDFLD_/.test(readFileSync(f, 'utf8')));
    expect(offenders).to.deep.equal([]);
  });

  it('holds every attribute of soap-wire.md §5, both confirmation spellings included', () => {
    expect(SPEC_IDS.filter((id) => !credfldById(id))).to.deep.equal([]);
    expect(ALL_CREDFLD_IDS).to.have.members(SPEC_IDS);
  });

  it('marks passwords, PINs and responses secret, and only those', () => {
    const secret = Object.values(CREDFLD).filter((f) => f.secret).map((f) => f.id).sort();
    expect(secret).to.deep.equal(['CREDFLD_CONFIRM_NEW_PIN', 'CREDFLD_CONFIRM_NEW_STATIC_PASSWORD', 'CREDFLD_CONFIRM_STATIC_PASSWORD',
      'CREDFLD_CURRENT_PIN', 'CREDFLD_DP_RESPONSE', 'CREDFLD_NEW_PIN', 'CREDFLD_NEW_STATIC_PASSWORD', 'CREDFLD_PASSWORD', 'CREDFLD_SESSION_ID', 'CREDFLD_STATIC_PASSWORD']);
  });

  it('accepts only xsd:unsignedInt for the password format, and has limits for every input', () => {
    expect(CREDFLD.PASSWORD_FORMAT.types).to.deep.equal(['unsignedInt']);
    for (const f of Object.values(CREDFLD)) if (f.input) expect(f.maxLength, f.id).to.be.greaterThan(0);
    expect(CREDFLD.USERID.maxLength).to.equal(255);
  });
});
