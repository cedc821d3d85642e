// PSKC import (issue 5; RFC 6030): the RFC's plain HOTP example (figure 2), its pre-shared-key example
// (figure 6, §6.1) and its PBKDF2 example (figure 7, §6.2) import with their secrets; a self-made
// aes256-cbc / kw-aes256 / hmac-sha256 document imports its good packages and refuses an altered one;
// a wrong key or password imports nothing; a missing key refuses the document whole, naming what it
// needs; OCRA packages need a suite; a DTD, a document that is not PSKC or one with an oversized key
// package is refused whole.
import { expect } from 'chai';
import { createCipheriv } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPskc } from '../../src/admin/import-pskc.js';
import { MAX_PACKAGE_CHARS } from '../../src/admin/pskc-stream.js';
import type { AdminServices } from '../../src/admin/services.js';
import { openStore, type Store } from '../../src/store/store.js';
import { fastHasher, ROOT } from '../support/engine-harness.js';

const fixture = (name: string): string => join(ROOT, 'fixtures/pskc', name);
const RFC_PSK = Buffer.from('12345678901234567890123456789012', 'hex');
const SELF_PSK = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');

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
    const s = await importPskc(svc, fixture('rfc6030-figure2.xml'));
    expect(s).to.deep.include({ imported: 1, skipped: 0, failed: 0 });
    const a = (await store.findBySerial('987654321'))!;
    expect(a).to.include({ kind: 'hotp', digits: 8, lastStep: -1, userRef: null });
    expect(a.secret.toString('utf8')).to.equal('12345678901234567890');
    const again = await importPskc(svc, fixture('rfc6030-figure2.xml'));
    expect(again).to.deep.include({ imported: 0, skipped: 1, failed: 0 });
  });

  it('imports RFC 6030 figure 6 with its pre-shared key (aes128-cbc, hmac-sha1 over the cipher text)', async () => {
    const s = await importPskc(svc, fixture('rfc6030-figure6.xml'), { psk: RFC_PSK });
    expect(s).to.deep.include({ imported: 1, skipped: 0, failed: 0 });
    const a = (await store.findBySerial('987654321'))!;
    expect(a).to.include({ kind: 'hotp', digits: 8, algorithm: 'SHA1', lastStep: -1 });
    expect(a.secret.toString('utf8')).to.equal('12345678901234567890');
  });

  it('imports RFC 6030 figure 7 with the password qwerty (PBKDF2, 1000 iterations)', async () => {
    const s = await importPskc(svc, fixture('rfc6030-figure7.xml'), { password: 'qwerty' });
    expect(s).to.deep.include({ imported: 1, skipped: 0, failed: 0 });
    expect((await store.findBySerial('987654321'))!.secret.toString('utf8')).to.equal('12345678901234567890');
  });

  it('refuses a wrong pre-shared key or password by package and serial, importing nothing', async () => {
    const wrongKey = await importPskc(svc, fixture('rfc6030-figure6.xml'), { psk: Buffer.alloc(16, 1) });
    expect(wrongKey).to.deep.include({ imported: 0, failed: 1 });
    expect(wrongKey.problems).to.deep.equal([{ line: 0, serial: '987654321', reason: 'KeyPackage 1: the ValueMAC does not match: wrong pre-shared key, or the document was altered' }]);
    const wrongPassword = await importPskc(svc, fixture('rfc6030-figure7.xml'), { password: 'qwertz' });
    expect(wrongPassword.problems[0].reason).to.equal('KeyPackage 1: the ValueMAC does not match: wrong password, or the document was altered');
    const shortKey = await importPskc(svc, fixture('rfc6030-figure6.xml'), { psk: Buffer.alloc(32, 1) });
    expect(shortKey.problems[0].reason).to.equal('the key is 32 bytes but http://www.w3.org/2001/04/xmlenc#aes128-cbc needs 16');
    expect(await store.findBySerial('987654321')).to.equal(null);
  });

  it('refuses an encrypted document whole when the key it needs is missing, saying which', async () => {
    const noPsk = await importPskc(svc, fixture('rfc6030-figure6.xml'), { password: 'qwerty' });
    expect(noPsk).to.deep.include({ imported: 0, failed: 1, needs: 'psk' });
    expect(noPsk.problems[0].reason).to.equal('the document is encrypted with a pre-shared key and none was given');
    const noPassword = await importPskc(svc, fixture('rfc6030-figure7.xml'), { psk: RFC_PSK });
    expect(noPassword).to.deep.include({ needs: 'password' });
    const mixed = await importPskc(svc, fixture('encrypted-and-bad.xml'));
    expect(mixed).to.deep.include({ imported: 0, needs: 'psk' });
    expect(await store.findBySerial('TOTP001')).to.equal(null);
    const noMethod = await importPskc(svc, fixture('encrypted-and-bad.xml'), { psk: RFC_PSK });
    expect(noMethod.problems[0]).to.deep.include({ serial: 'ENC001', reason: 'KeyPackage 1: the EncryptionMethod (none) is not supported (aes128/192/256-cbc, kw-aes128/192/256)' });
    expect(noMethod).to.deep.include({ imported: 1, failed: 2 });
    expect(await store.findBySerial('ENC001')).to.equal(null);
  });

  it('without a MACMethod opens only key-wrapped values (RFC 3394 checks itself), never CBC ones', async () => {
    const psk = Buffer.alloc(16, 9);
    const wrap = createCipheriv('id-aes128-wrap', psk, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
    const wrapped = Buffer.concat([wrap.update(Buffer.from('1234567890123456')), wrap.final()]);
    const cbc = createCipheriv('aes-128-cbc', psk, Buffer.alloc(16));
    const cbcValue = Buffer.concat([Buffer.alloc(16), cbc.update(Buffer.from('12345678901234567890')), cbc.final()]);
    const pkg = (serial: string, alg: string, data: Buffer) => `<KeyPackage><DeviceInfo><SerialNo>${serial}</SerialNo></DeviceInfo>`
      + `<Key Id="${serial}" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp"><Data><Secret><EncryptedValue>`
      + `<EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#${alg}"/><CipherData><CipherValue>${data.toString('base64')}</CipherValue></CipherData>`
      + '</EncryptedValue></Secret></Data></Key></KeyPackage>';
    const file = join(dir, 'nomac.xml');
    writeFileSync(file, `<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">${pkg('KW1', 'kw-aes128', wrapped)}${pkg('CBC1', 'aes128-cbc', cbcValue)}</KeyContainer>`);
    const s = await importPskc(svc, file, { psk });
    expect(s).to.deep.include({ imported: 1, failed: 1 });
    expect(s.problems[0]).to.deep.include({ serial: 'CBC1', reason: 'KeyPackage 2: the encrypted value has no ValueMAC, so it cannot be verified' });
    expect((await store.findBySerial('KW1'))!.secret.toString('utf8')).to.equal('1234567890123456');
    const wrong = await importPskc(svc, file, { psk: Buffer.alloc(16, 8) });
    expect(wrong.problems[0].reason).to.equal('KeyPackage 1: wrong pre-shared key: the value does not decrypt with this key');
  });

  it('imports a self-made aes256-cbc / kw-aes256 / hmac-sha256 document and refuses its altered package', async () => {
    const s = await importPskc(svc, fixture('psk-aes256-kw.xml'), { psk: SELF_PSK });
    expect(s).to.deep.include({ imported: 3, skipped: 0, failed: 1 });
    expect(s.problems).to.deep.equal([{ line: 0, serial: 'PSK-ALTERED', reason: 'KeyPackage 3: the ValueMAC does not match: wrong pre-shared key, or the document was altered' }]);
    const totp = (await store.findBySerial('PSK-TOTP-1'))!;
    expect(totp).to.include({ kind: 'totp', algorithm: 'SHA256', digits: 8, period: 60 });
    expect(totp.secret.toString('utf8')).to.equal('12345678901234567890123456789012');
    const hotp = (await store.findBySerial('PSK-HOTP-1'))!;
    expect(hotp).to.include({ kind: 'hotp', algorithm: 'SHA256', lastStep: 4 });
    expect(hotp.secret.toString('utf8')).to.equal('12345678901234567890123456789012');
    expect(await store.findBySerial('PSK-ALTERED')).to.equal(null);
    expect((await store.findBySerial('PSK-PLAIN'))!.secret.toString('utf8')).to.equal('12345678901234567890');
  });

  it('refuses a package whose cipher text was altered even with the right key', async () => {
    const doc = readFileSync(fixture('rfc6030-figure6.xml'), 'utf8').replace('AAECAwQFBgcICQoLDA0OD+cI', 'AAECAwQFBgcICQoLDA0OD+cJ');
    const altered = join(dir, 'altered.xml');
    writeFileSync(altered, doc);
    const s = await importPskc(svc, altered, { psk: RFC_PSK });
    expect(s).to.deep.include({ imported: 0, failed: 1 });
    expect(s.problems[0].reason).to.include('the ValueMAC does not match');
  });

  it('imports OCRA packages with a suite and refuses packages without one or of other algorithms', async () => {
    const s = await importPskc(svc, fixture('plain-and-bad.xml'));
    expect(s).to.deep.include({ imported: 2, failed: 2 });
    expect(s.problems.map((p) => `${p.serial}: ${p.reason}`)).to.deep.equal([
      'OCRA001: KeyPackage 2: the OCRA suite is missing (in the Algorithm URN or AlgorithmParameters/Suite)',
      'PIN001: KeyPackage 3: the Key Algorithm is not HOTP, TOTP or OCRA',
    ]);
    expect(await store.findBySerial('TOTP001')).to.include({ kind: 'totp', period: 60, digits: 6 });
    expect(await store.findBySerial('OCRA002')).to.include({ kind: 'ocra', ocraSuite: 'OCRA-1:HOTP-SHA512-8:C-QN08', digits: 8, lastStep: 2 });
    expect(await store.findBySerial('OCRA001')).to.equal(null);
  });

  it('refuses a DTD and a document that is not PSKC', async () => {
    const dtd = join(dir, 'dtd.xml');
    writeFileSync(dtd, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><KeyContainer/>');
    expect((await importPskc(svc, dtd)).problems[0].reason).to.include('a DTD is not allowed');
    const other = join(dir, 'other.xml');
    writeFileSync(other, '<Envelope><Body/></Envelope>');
    expect((await importPskc(svc, other)).problems[0].reason).to.equal('no KeyContainer/KeyPackage element');
  });

  it('refuses a document with an oversized key package whole, before writing its good packages', async () => {
    const good = readFileSync(fixture('rfc6030-figure2.xml'), 'utf8');
    const huge = `<KeyPackage><DeviceInfo><SerialNo>HUGE1</SerialNo><Model>${'m'.repeat(MAX_PACKAGE_CHARS)}</Model></DeviceInfo></KeyPackage>`;
    const file = join(dir, 'huge.xml');
    writeFileSync(file, good.replace(/<\/(\w+:)?KeyContainer>/, (end) => `${huge}${end}`));
    const s = await importPskc(svc, file);
    expect(s).to.deep.include({ imported: 0, failed: 1 });
    expect(s.problems[0].reason).to.equal(`a KeyPackage (or another KeyContainer element) holds more than ${MAX_PACKAGE_CHARS} characters of XML; nothing was imported`);
    expect(await store.findBySerial('987654321')).to.equal(null);
  });
});
