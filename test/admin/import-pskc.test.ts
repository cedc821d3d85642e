// PSKC import (issue 5; RFC 6030): the RFC's plain HOTP example (figure 2) is imported with its
// secret, digits and counter; an encrypted secret and an unsupported algorithm are refused by package,
// nothing of them written; a DTD or a document that is not PSKC is refused whole.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPskc } from '../../src/admin/import-pskc.js';
import type { AdminServices } from '../../src/admin/services.js';
import { openStore, type Store } from '../../src/store/store.js';
import { fastHasher, ROOT } from '../support/engine-harness.js';

describe('admin: PSKC import', () => {
  let store: Store;
  let svc: AdminServices;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-pskc-'));
    store = await openStore('memory:', { masterKey: Buffer.alloc(32, 5) });
    svc = { store, hasher: fastHasher(), clock: { now: () => 0 }, random: { bytes: (n) => Buffer.alloc(n, 2) } };
  });
  afterEach(async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); });

  it('imports the RFC 6030 figure 2 HOTP key', async () => {
    const s = await importPskc(svc, join(ROOT, 'fixtures/pskc/rfc6030-figure2.xml'));
    expect(s).to.deep.include({ imported: 1, skipped: 0, failed: 0 });
    const a = (await store.findBySerial('987654321'))!;
    expect(a).to.include({ kind: 'hotp', digits: 8, lastStep: -1, userRef: null });
    expect(a.secret.toString('utf8')).to.equal('12345678901234567890');
    const again = await importPskc(svc, join(ROOT, 'fixtures/pskc/rfc6030-figure2.xml'));
    expect(again).to.deep.include({ imported: 0, skipped: 1, failed: 0 });
  });

  it('refuses encrypted and non-OATH packages by number, importing the good one', async () => {
    const s = await importPskc(svc, join(ROOT, 'fixtures/pskc/encrypted-and-bad.xml'));
    expect(s).to.deep.include({ imported: 1, failed: 2 });
    expect(s.problems.map((p) => p.reason)).to.deep.equal([
      'KeyPackage 1: the secret is encrypted: protected PSKC files are not supported yet',
      'KeyPackage 3: the Key Algorithm is not HOTP or TOTP',
    ]);
    expect(await store.findBySerial('ENC001')).to.equal(null);
    expect(await store.findBySerial('OCRA001')).to.equal(null);
    expect(await store.findBySerial('TOTP001')).to.include({ kind: 'totp', period: 60, digits: 6 });
  });

  it('refuses a DTD and a document that is not PSKC', async () => {
    const dtd = join(dir, 'dtd.xml');
    writeFileSync(dtd, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><KeyContainer/>');
    expect((await importPskc(svc, dtd)).problems[0].reason).to.include('a DTD is not allowed');
    const other = join(dir, 'other.xml');
    writeFileSync(other, '<Envelope><Body/></Envelope>');
    expect((await importPskc(svc, other)).problems[0].reason).to.equal('no KeyContainer/KeyPackage element');
  });
});
