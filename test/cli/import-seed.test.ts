// `countersign import` (issue 5 "Import"): a seed document (the format the demo seed is loaded with)
// into a store, run as the real binary: users and their authenticators arrive and authenticate; a seed
// with a bad record is refused before anything is written; a serial already present is refused by name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { cli } from '../support/cli.js';

const seed = (serial: string, digits: number) => ({
  users: [{ userId: 'seeded.user', domain: 'corp', staticPassword: 'Seed-Passw0rd' }],
  authenticators: [{ serial, kind: 'hotp', user: 'seeded.user', domain: 'corp', secretAscii: '12345678901234567890', algorithm: 'SHA1', digits }],
});

describe('command line: import of a seed document', function () {
  this.timeout(60_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const write = (name: string, doc: unknown) => { const p = join(dir, name); writeFileSync(p, JSON.stringify(doc)); return p; };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-import-seed-'));
    env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports users and assigned authenticators; the OTP of the imported secret is the expected one', async () => {
    const r = await cli(env, ['import', write('seed.json', seed('SEED0001', 6)), '--json']);
    expect(r.code, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout)).to.include({ users: 1, authenticators: 1 });
    const shown = JSON.parse((await cli(env, ['user', 'show', 'seeded.user', '--domain', 'corp', '--json'])).stdout);
    expect(shown.serials).to.deep.equal(['SEED0001']);
    const otp = await cli(env, ['otp', 'SEED0001', '--force']);
    expect(otp.stdout.trim()).to.equal('755224');
  });

  it('refuses a seed with an invalid record before writing anything', async () => {
    const r = await cli(env, ['import', write('bad.json', seed('SEED0002', 9))]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/authenticators\[0\] "seed0002"/);
    const listed = await cli(env, ['user', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).to.deep.equal([]);
  });

  it('names a serial that is already in the store', async () => {
    expect((await cli(env, ['authenticator', 'create', 'SEED0003', '--kind', 'totp'])).code).to.equal(0);
    const r = await cli(env, ['import', write('dup.json', seed('SEED0003', 6))]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/SEED0003|seed0003/).and.match(/exists already/);
  });
});
