// PSKC export (issue 5; RFC 6030): HOTP, TOTP and OCRA authenticators written plain, under a pre-shared
// key or under a password, then imported into a fresh store, give the same codes; encrypted documents
// hold no plain secret and refuse a wrong key; push devices are skipped, an unknown serial is refused.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPskc, type ExportProtection } from '../../src/admin/export-pskc.js';
import { importPskc, type PskcKeys } from '../../src/admin/import-pskc.js';
import type { AdminServices } from '../../src/admin/services.js';
import { kindOf } from '../../src/authenticators/index.js';
import type { Authenticator } from '../../src/domain/model.js';
import { DEFAULT_POLICY } from '../../src/engine/policy/defaults.js';
import { openStore, type NewAuthenticator, type Store } from '../../src/store/store.js';
import { fastHasher } from '../support/engine-harness.js';

const SECRET = Buffer.from('12345678901234567890');
const SECRET32 = Buffer.from('12345678901234567890123456789012');
const TOKENS: NewAuthenticator[] = [
  { serial: 'H-1', kind: 'hotp', secret: SECRET, digits: 8, lastStep: 6 },
  { serial: 'T-256', kind: 'totp', secret: SECRET32, algorithm: 'SHA256', digits: 7, period: 60, drift: -2 },
  { serial: 'O-C', kind: 'ocra', secret: SECRET, ocraSuite: 'OCRA-1:HOTP-SHA1-6:C-QN08', digits: 6, lastStep: 2 },
  { serial: 'O-Q', kind: 'ocra', secret: SECRET32, ocraSuite: 'OCRA-1:HOTP-SHA256-8:QN08', digits: 8 },
  { serial: 'P-1', kind: 'push', secret: SECRET32 },
];
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

const codeOf = (a: Authenticator, now = NOW): string =>
  kindOf(a.kind).generate!(a, { now, policy: DEFAULT_POLICY, challenge: a.kind === 'ocra' ? '12345678' : undefined });

describe('admin: PSKC export', () => {
  let dir: string;
  const stores: Store[] = [];
  const services = async (): Promise<AdminServices> => {
    const store = await openStore('memory:', { masterKey: Buffer.alloc(32, 5) });
    stores.push(store);
    let n = 0;
    return { store, hasher: fastHasher(), clock: { now: () => NOW }, random: { bytes: (len) => Buffer.alloc(len, ++n) } };
  };
  let source: AdminServices;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-pskc-export-'));
    source = await services();
    for (const t of TOKENS) await source.store.createAuthenticator({ ...t, userRef: null });
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function roundTrip(protection: ExportProtection, keys: PskcKeys): Promise<{ xml: string; target: Store }> {
    const r = await exportPskc(source, { protection });
    if (!r.ok) throw new Error(r.detail);
    expect(r.value.exported).to.deep.equal(['H-1', 'O-C', 'O-Q', 'T-256']);
    expect(r.value.skipped).to.deep.equal([{ serial: 'P-1', reason: 'a push device has no PSKC algorithm' }]);
    const file = join(dir, 'export.pskc');
    writeFileSync(file, r.value.xml);
    const target = await services();
    expect(await importPskc(target, file, keys)).to.deep.include({ imported: 4, skipped: 0, failed: 0 });
    for (const serial of r.value.exported) {
      const [before, after] = [(await source.store.findBySerial(serial))!, (await target.store.findBySerial(serial))!];
      expect(after, serial).to.deep.include({ kind: before.kind, digits: before.digits, period: before.period, ocraSuite: before.ocraSuite, lastStep: before.lastStep, drift: before.drift });
      if (before.kind !== 'ocra') expect(after.algorithm, serial).to.equal(before.algorithm);
      expect(codeOf(after), serial).to.equal(codeOf(before));
    }
    return { xml: r.value.xml, target: target.store };
  }

  it('writes an RFC 6030 document and round-trips it in clear', async () => {
    const { xml } = await roundTrip('plain', {});
    expect(xml).to.match(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<pskc:KeyContainer Version="1\.0" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc"/);
    expect(xml).to.include('<pskc:Key Id="H-1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">')
      .and.include('<pskc:Key Id="T-256" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc#totp">')
      .and.include('Algorithm="urn:ietf:params:xml:ns:keyprov:pskc#OCRA-1:HOTP-SHA1-6:C-QN08"')
      .and.include('<pskc:Suite>HMAC-SHA256</pskc:Suite><pskc:ResponseFormat Length="7" Encoding="DECIMAL"/>')
      .and.include('<pskc:Counter><pskc:PlainValue>7</pskc:PlainValue></pskc:Counter>')
      .and.include('<pskc:TimeInterval><pskc:PlainValue>60</pskc:PlainValue></pskc:TimeInterval><pskc:TimeDrift><pskc:PlainValue>-2</pskc:PlainValue></pskc:TimeDrift>')
      .and.include(`<pskc:PlainValue>${SECRET.toString('base64')}</pskc:PlainValue>`);
    expect(xml).to.not.include('EncryptedValue');
  });

  it('round-trips under a pre-shared key, with no plain secret in the document', async () => {
    const psk = Buffer.alloc(24, 7);
    const { xml } = await roundTrip({ psk }, { psk });
    expect(xml).to.include('<ds:KeyName>Pre-shared-key</ds:KeyName>').and.include('xmlenc#aes192-cbc').and.include('xmldsig-more#hmac-sha256');
    expect(xml).to.not.include(SECRET.toString('base64')).and.not.include(SECRET32.toString('base64')).and.not.include('PlainValue>MTIz');
    const file = join(dir, 'again.pskc');
    writeFileSync(file, xml);
    const wrong = await importPskc(await services(), file, { psk: Buffer.alloc(24, 8) });
    expect(wrong).to.deep.include({ imported: 0, failed: 4 });
  });

  it('round-trips under a password (PBKDF2-HMAC-SHA256, aes256-cbc)', async () => {
    const { xml } = await roundTrip({ password: 'correct horse', iterations: 2000 }, { password: 'correct horse' });
    expect(xml).to.include('pkcs-5v2-0#pbkdf2').and.include('<IterationCount>2000</IterationCount>').and.include('<KeyLength>32</KeyLength>').and.include('xmlenc#aes256-cbc');
    const file = join(dir, 'again.pskc');
    writeFileSync(file, xml);
    const wrong = await importPskc(await services(), file, { password: 'correct hoarse' });
    expect(wrong.problems[0].reason).to.equal('KeyPackage 1: the ValueMAC does not match: wrong password, or the document was altered');
  });

  it('exports only the named serials, refusing an unknown one and a pre-shared key of a bad length', async () => {
    const one = await exportPskc(source, { serials: ['t-256'], protection: 'plain' });
    expect(one.ok && one.value.exported).to.deep.equal(['T-256']);
    expect(one.ok && one.value.xml.match(/<pskc:KeyPackage>/g)?.length).to.equal(1);
    expect(await exportPskc(source, { serials: ['NOPE'], protection: 'plain' })).to.deep.include({ ok: false, status: 'NOT_FOUND' });
    expect(await exportPskc(source, { protection: { psk: Buffer.alloc(20) } })).to.deep.include({ ok: false, status: 'INVDATA' });
  });
});
