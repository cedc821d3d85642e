// OATH CSV import (issue 5 "Import"): good rows are created with the right secret and shape, bad rows
// are named by line and reason without their secret, nothing of a bad row is written, existing serials
// are skipped, and progress is reported while streaming.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importOathCsv, parseCsvRow } from '../../src/admin/import-csv.js';
import type { AdminServices } from '../../src/admin/services.js';
import { openStore, type Store } from '../../src/store/store.js';
import { fastHasher } from '../support/engine-harness.js';

const B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const ASCII = '12345678901234567890';

describe('admin: OATH CSV import', () => {
  let dir: string;
  let store: Store;
  let svc: AdminServices;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-csv-'));
    store = await openStore('sqlite::memory:', { masterKey: Buffer.alloc(32, 9) });
    svc = { store, hasher: fastHasher(), clock: { now: () => 0 }, random: { bytes: (n) => Buffer.alloc(n, 1) } };
  });
  afterEach(async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); });

  const file = (text: string) => { const p = join(dir, 'in.csv'); writeFileSync(p, text); return p; };

  it('imports TOTP and HOTP rows with base32 and hex secrets', async () => {
    const s = await importOathCsv(svc, file(`serial,secret,algorithm,digits,period|counter\nT1,${B32},SHA1,6,period=60\nH1,hex:${Buffer.from(ASCII).toString('hex')},sha256,8,counter=5\n`));
    expect(s).to.deep.include({ imported: 2, skipped: 0, failed: 0 });
    const t = (await store.findBySerial('T1'))!;
    expect(t).to.include({ kind: 'totp', period: 60, digits: 6, algorithm: 'SHA1', userRef: null });
    expect(t.secret.toString('utf8')).to.equal(ASCII);
    const h = (await store.findBySerial('H1'))!;
    expect(h).to.include({ kind: 'hotp', digits: 8, algorithm: 'SHA256', lastStep: 4 });
    expect(h.secret.toString('utf8')).to.equal(ASCII);
  });

  it('names every bad row, writes nothing of it, never quotes its secret, and skips existing serials', async () => {
    const secretish = 'ZZZZ0000ZZZZ';
    const s = await importOathCsv(svc, file([
      `A1,${B32},SHA1,6,30`, `A2,${secretish},SHA1,6,30`, `A3,${B32},MD5,6,30`, `A4,${B32},SHA1,9,30`,
      `A5,${B32},SHA1,6,soon`, 'A6,only-two', '', '# comment', `A1,${B32},SHA1,6,30`, `A7,${B32},SHA1,6,30`,
    ].join('\n')));
    expect(s).to.deep.include({ imported: 2, skipped: 1, failed: 5 });
    expect(s.problems.map((p) => [p.line, p.serial])).to.deep.equal([[2, 'A2'], [3, 'A3'], [4, 'A4'], [5, 'A5'], [6, 'A6'], [9, 'A1']]);
    expect(JSON.stringify(s)).to.not.include(secretish).and.not.include(B32);
    for (const serial of ['A2', 'A3', 'A4', 'A5', 'A6']) expect(await store.findBySerial(serial), serial).to.equal(null);
    expect(await store.findBySerial('A7')).to.not.equal(null);
  });

  it('reports progress while streaming many rows', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `P${i},${B32},SHA1,6,30`).join('\n');
    const seen: number[] = [];
    const s = await importOathCsv(svc, file(rows), (n) => seen.push(n), 1000);
    expect(s.imported).to.equal(2500);
    expect(seen).to.deep.equal([1000, 2000]);
  });

  it('parses a single row and refuses a short secret', () => {
    expect(parseCsvRow(`X,${B32},SHA512,7,15`)).to.include({ kind: 'totp', period: 15, digits: 7, algorithm: 'SHA512' });
    expect(parseCsvRow('X,hex:00112233,SHA1,6,30')).to.equal('the secret is shorter than 10 bytes');
  });
});
