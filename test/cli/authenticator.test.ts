// `countersign authenticator ...` (issue 5 command line), run as the real binary on a temporary SQLite
// store: create (secret shown only with --show-secret), assign, unassign, set-pin, reset-pin, list,
// show, delete, import of OATH CSV, --help, and refusals with exit status 1.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ROOT } from '../support/engine-harness.js';

import { cli } from '../support/cli.js';

describe('command line: authenticator', function () {
  this.timeout(60_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const json = async (args: string[], input = '') => {
    const r = await cli(env, [...args, '--json'], input);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).to.equal(0);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-auth-'));
    env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key') };
    expect((await cli(env, ['user', 'create', 'ann'])).code).to.equal(0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has --help on every command', async () => {
    for (const c of ['create', 'assign', 'unassign', 'show', 'list', 'set-pin', 'reset-pin', 'delete', 'import', 'export']) {
      const one = await cli(env, ['authenticator', c, '--help']);
      expect(one.code, c).to.equal(0);
      expect(one.stdout, c).to.include('--json');
    }
  });

  it('creates without showing the secret unless asked, and refuses a duplicate serial', async () => {
    const plain = await json(['authenticator', 'create', 'H1', '--kind', 'hotp']);
    expect(plain).to.include({ serial: 'H1', kind: 'hotp', assigned: false }).and.not.have.property('secretBase32');
    const shown = await json(['authenticator', 'create', 'T1', '--user', 'ann', '--show-secret']);
    expect(shown.secretBase32).to.match(/^[A-Z2-7]{32}$/);
    expect(shown.otpauthUri).to.match(/^otpauth:\/\/totp\/Countersign:ann\?secret=[A-Z2-7]+/);
    const dup = await cli(env, ['authenticator', 'create', 'h1']);
    expect(dup.code).to.equal(1);
    expect(dup.stderr).to.include('STAT_EXISTS');
  });

  it('assigns once, sets and resets the PIN, unassigns once, lists and deletes', async () => {
    expect(await json(['authenticator', 'assign', 'H1', 'ann'])).to.include({ assigned: true, userId: 'ann' });
    const again = await cli(env, ['authenticator', 'assign', 'H1', 'ann']);
    expect(again.stderr).to.include('STAT_DIGIPASS_NOT_AVAILABLE');
    expect((await cli(env, ['authenticator', 'set-pin', 'H1'], '1234\n')).code).to.equal(0);
    expect((await cli(env, ['authenticator', 'set-pin', 'H1'], '12\n')).stderr).to.include('STAT_INVDATA');
    expect((await cli(env, ['authenticator', 'reset-pin', 'H1'])).code).to.equal(0);
    expect(await json(['authenticator', 'unassign', 'H1'])).to.include({ assigned: false });
    expect((await cli(env, ['authenticator', 'unassign', 'H1'])).stderr).to.include('STAT_ERROR');
    const listed = (await cli(env, ['authenticator', 'list', '--json'])).stdout;
    expect((JSON.parse(listed) as { serial: string }[]).map((a) => a.serial)).to.deep.equal(['H1', 'T1']);
    expect((await cli(env, ['authenticator', 'delete', 'H1'])).code).to.equal(0);
    expect((await cli(env, ['authenticator', 'show', 'H1'])).code).to.equal(1);
  });

  it('imports OATH CSV and PSKC files, naming the bad rows, with exit status 1 when a row failed', async () => {
    const csv = join(dir, 'tokens.csv');
    writeFileSync(csv, 'serial,secret,algorithm,digits,period|counter\nI1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ,SHA1,6,30\nI2,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ,SHA1,5,30\n');
    const r = await cli(env, ['authenticator', 'import', csv]);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.include('imported 1, skipped 0, failed 1').and.include('line 3 (I2): digits must be 6, 7 or 8');
    expect(r.stdout).to.not.include('GEZDGNBV');
    expect(await json(['authenticator', 'show', 'I1'])).to.include({ kind: 'totp', assigned: false });
    expect((await cli(env, ['authenticator', 'show', 'I2'])).code).to.equal(1);
    const pskc = await cli(env, ['authenticator', 'import', join(ROOT, 'fixtures/pskc/plain-and-bad.xml')]);
    expect(pskc.code).to.equal(1);
    expect(pskc.stdout).to.include('imported 2, skipped 0, failed 2').and.include('(OCRA001): KeyPackage 2: the OCRA suite is missing');
    expect(await json(['authenticator', 'show', 'TOTP001'])).to.include({ kind: 'totp' });
  });
});
