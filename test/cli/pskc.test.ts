// `countersign authenticator import|export` with PSKC (issue 5; RFC 6030), run as the real binary on
// temporary SQLite stores: encrypted imports with --psk, --psk-file, --password-file and the environment;
// a missing key names the options to pass; a wrong password imports nothing and prints no secret;
// export refuses clear secrets without --show-secret; exports (encrypted and plain) imported into a
// fresh store give the same OTPs.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ROOT } from '../support/engine-harness.js';
import { cli } from '../support/cli.js';

const fixture = (name: string): string => join(ROOT, 'fixtures/pskc', name);
const RFC_PSK = '12345678901234567890123456789012';
const SELF_PSK = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const AT = '2026-03-01T10:00:00Z';

describe('command line: PSKC import and export', function () {
  this.timeout(120_000);
  let dir: string;
  let n = 0;
  const freshEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
    const db = join(dir, `cs${++n}.db`);
    return { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${db}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'), ...extra };
  };
  const otp = async (env: NodeJS.ProcessEnv, serial: string): Promise<string> => {
    const r = await cli(env, ['otp', serial, '--at', AT, '--force', '--json']);
    expect(r.code, r.stderr).to.equal(0);
    return (JSON.parse(r.stdout) as { otp: string }).otp;
  };
  before(() => { dir = mkdtempSync(join(tmpdir(), 'countersign-pskc-cli-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports RFC 6030 figures 6 and 7 with the key or password, naming the option when it is missing', async () => {
    const env = freshEnv();
    const none = await cli(env, ['authenticator', 'import', fixture('rfc6030-figure6.xml')]);
    expect(none.code).to.equal(1);
    expect(none.stderr).to.include('nothing was imported. Pass --psk <hex>, --psk-file <path> or COUNTERSIGN_PSKC_PSK');
    const noPassword = await cli(env, ['authenticator', 'import', fixture('rfc6030-figure7.xml')]);
    expect(noPassword.stderr).to.include('Pass --password <pw>, --password-file <path> or COUNTERSIGN_PSKC_PASSWORD');
    const wrong = await cli(env, ['authenticator', 'import', fixture('rfc6030-figure7.xml'), '--password', 'qwertz']);
    expect(wrong.code).to.equal(1);
    expect(wrong.stdout).to.include('imported 0, skipped 0, failed 1').and.include('(987654321): KeyPackage 1: the ValueMAC does not match: wrong password');
    expect(wrong.stdout + wrong.stderr).to.not.include('12345678901234567890').and.not.include('qwertz');
    const passwordFile = join(dir, 'password.txt');
    writeFileSync(passwordFile, 'qwerty\n');
    const ok = await cli(env, ['authenticator', 'import', fixture('rfc6030-figure7.xml'), '--password-file', passwordFile]);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(ok.stdout).to.include('imported 1, skipped 0, failed 0');
    expect(await otp(env, '987654321')).to.equal('84755224');
    const viaEnv = freshEnv({ COUNTERSIGN_PSKC_PSK: RFC_PSK });
    expect((await cli(viaEnv, ['authenticator', 'import', fixture('rfc6030-figure6.xml')])).stdout).to.include('imported 1, skipped 0, failed 0');
    expect(await otp(viaEnv, '987654321')).to.equal('84755224');
  });

  it('refuses a wrong pre-shared key and an altered package, importing the rest', async () => {
    const env = freshEnv();
    const wrong = await cli(env, ['authenticator', 'import', fixture('psk-aes256-kw.xml'), '--psk', RFC_PSK]);
    expect(wrong.code).to.equal(1);
    expect(wrong.stdout).to.include('imported 0, skipped 0, failed 1').and.include('the key is 16 bytes but http://www.w3.org/2001/04/xmlenc#kw-aes256 needs 32');
    const other = await cli(env, ['authenticator', 'import', fixture('psk-aes256-kw.xml'), '--psk', 'ff'.repeat(32)]);
    expect(other.stdout).to.include('imported 1, skipped 0, failed 3').and.include('(PSK-TOTP-1): KeyPackage 1: the ValueMAC does not match: wrong pre-shared key');
    const pskFile = join(dir, 'psk.hex');
    writeFileSync(pskFile, `${SELF_PSK}\n`);
    const r = await cli(env, ['authenticator', 'import', fixture('psk-aes256-kw.xml'), '--psk-file', pskFile, '--json']);
    expect(r.code).to.equal(1);
    const summary = JSON.parse(r.stdout) as { imported: number; skipped: number; failed: number; problems: { serial: string; reason: string }[] };
    expect(summary).to.include({ imported: 2, skipped: 1, failed: 1 });
    expect(summary.problems.find((p) => p.serial === 'PSK-ALTERED')?.reason).to.include('the ValueMAC does not match');
  });

  it('exports only with a key, a password or --show-secret, and each export round-trips to the same OTPs', async () => {
    const source = freshEnv();
    expect((await cli(source, ['authenticator', 'import', fixture('psk-aes256-kw.xml'), '--psk', SELF_PSK])).stdout).to.include('imported 3');
    const refused = await cli(source, ['authenticator', 'export']);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.include('refusing to write secrets in clear: pass --psk <hex>').and.include('or --show-secret');
    expect(refused.stdout).to.equal('');
    const codes = { totp: await otp(source, 'PSK-TOTP-1'), hotp: await otp(source, 'PSK-HOTP-1'), plain: await otp(source, 'PSK-PLAIN') };

    const out = join(dir, 'export.pskc');
    const enc = await cli(source, ['authenticator', 'export', '--psk', RFC_PSK, '--out', out]);
    expect(enc.code, enc.stderr).to.equal(0);
    expect(enc.stdout).to.include(`exported 3 to ${out}, skipped 0`);
    expect(statSync(out).mode & 0o777).to.equal(0o600);
    expect(readFileSync(out, 'utf8')).to.include('EncryptedValue').and.not.include('PlainValue>MTIz');
    const target = freshEnv();
    expect((await cli(target, ['authenticator', 'import', out, '--psk', RFC_PSK])).stdout).to.include('imported 3, skipped 0, failed 0');
    expect({ totp: await otp(target, 'PSK-TOTP-1'), hotp: await otp(target, 'PSK-HOTP-1'), plain: await otp(target, 'PSK-PLAIN') }).to.deep.equal(codes);

    const byPassword = await cli({ ...source, COUNTERSIGN_PSKC_PASSWORD: 's3cret pass' }, ['authenticator', 'export', '--serial', 'PSK-TOTP-1', '--serial', 'PSK-HOTP-1', '--iterations', '5000']);
    expect(byPassword.stderr).to.include('exported 2, skipped 0');
    const pbe = join(dir, 'pbe.pskc');
    writeFileSync(pbe, byPassword.stdout);
    const third = freshEnv();
    expect((await cli(third, ['authenticator', 'import', pbe, '--password', 's3cret pass'])).stdout).to.include('imported 2, skipped 0, failed 0');
    expect(await otp(third, 'PSK-HOTP-1')).to.equal(codes.hotp);

    const plain = await cli(source, ['authenticator', 'export', '--serial', 'PSK-PLAIN', '--show-secret']);
    expect(plain.stdout).to.include('<pskc:PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</pskc:PlainValue>');
    const plainFile = join(dir, 'plain.xml');
    writeFileSync(plainFile, plain.stdout);
    const fourth = freshEnv();
    expect((await cli(fourth, ['authenticator', 'import', plainFile])).stdout).to.include('imported 1, skipped 0, failed 0');
    expect(await otp(fourth, 'PSK-PLAIN')).to.equal(codes.plain);
    const unknown = await cli(source, ['authenticator', 'export', '--serial', 'NOPE', '--show-secret']);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.include('No authenticator with serial number NOPE');
  });
});
