// `countersign user ...` (issue 5 command line), run as the real binary on a temporary SQLite store:
// create with a password from stdin, show, list, disable, enable, unlock, set-password, delete, --json,
// --help, and refusals with exit status 1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Argon2Hasher } from '../../src/store/hasher.js';
import { openStore } from '../../src/store/store.js';
import { loadOrCreateMasterKey } from '../../src/store/masterkey.js';

import { cli } from '../support/cli.js';

describe('command line: user', function () {
  this.timeout(60_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-user-'));
    env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key') };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function storedHash(userId: string): Promise<string | null> {
    const key = await loadOrCreateMasterKey(join(dir, 'master.key'));
    const store = await openStore(`sqlite:${join(dir, 'cs.db')}`, { masterKey: key.key });
    try { return (await store.findUser('master', userId))?.staticPasswordHash ?? null; } finally { await store.close(); }
  }

  it('has --help on the group and on every command', async () => {
    const group = await cli(env, ['user', '--help']);
    expect(group.code, group.stderr).to.equal(0);
    for (const c of ['create', 'show', 'list', 'update', 'disable', 'enable', 'unlock', 'set-password', 'delete']) {
      expect(group.stdout).to.include(c);
      const one = await cli(env, ['user', c, '--help']);
      expect(one.code, c).to.equal(0);
      expect(one.stdout, c).to.include('--json');
    }
  });

  it('creates a user with a password read from stdin, never printing it, and refuses a duplicate', async () => {
    const made = await cli(env, ['user', 'create', 'bob', '--password-stdin', '--email', 'bob@example.com', '--json'], 'Bob-Passw0rd\n');
    expect(made.code).to.equal(0);
    expect(made.stdout + made.stderr).to.not.include('Bob-Passw0rd');
    expect(JSON.parse(made.stdout)).to.include({ userId: 'bob', domain: 'master', hasPassword: true, email: 'bob@example.com' });
    const hasher = new Argon2Hasher();
    expect(await hasher.verify((await storedHash('bob'))!, 'Bob-Passw0rd')).to.equal(true);
    const dup = await cli(env, ['user', 'create', 'BOB']);
    expect(dup.code).to.equal(1);
    expect(dup.stderr).to.include('STAT_EXISTS');
  });

  it('updates the given settings only, clears one with an empty value, and refuses a bad mode', async () => {
    const upd = await cli(env, ['user', 'update', 'bob', '--mobile', '+32 470 00 00 00', '--description', 'VPN user', '--local-auth', 'Digipass Only', '--json']);
    expect(upd.code, upd.stderr).to.equal(0);
    expect(JSON.parse(upd.stdout)).to.include({ email: 'bob@example.com', mobile: '+32 470 00 00 00', description: 'VPN user', localAuth: 'Digipass Only' });
    const cleared = JSON.parse((await cli(env, ['user', 'update', 'bob', '--email', '', '--json'])).stdout);
    expect(cleared).to.include({ email: null, mobile: '+32 470 00 00 00' });
    expect(cleared.modifiedAt).to.be.a('string');
    const bad = await cli(env, ['user', 'update', 'bob', '--local-auth', 'Sometimes']);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('STAT_INVDATA');
    expect(JSON.parse((await cli(env, ['user', 'show', 'bob', '--json'])).stdout).localAuth).to.equal('Digipass Only');
    const missing = await cli(env, ['user', 'update', 'nobody', '--email', 'x@example.com']);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.include('STAT_NOT_FOUND');
  });

  it('disables, enables, lists, sets the password and deletes', async () => {
    expect(JSON.parse((await cli(env, ['user', 'disable', 'bob', '--json'])).stdout).disabled).to.equal(true);
    expect((await cli(env, ['user', 'list'])).stdout).to.include('master\\bob  (disabled)');
    expect(JSON.parse((await cli(env, ['user', 'enable', 'bob', '--json'])).stdout).disabled).to.equal(false);
    expect((await cli(env, ['user', 'unlock', 'bob'])).code).to.equal(0);
    expect((await cli(env, ['user', 'set-password', 'bob'], 'Other-Passw0rd')).code).to.equal(0);
    expect(await new Argon2Hasher().verify((await storedHash('bob'))!, 'Other-Passw0rd')).to.equal(true);
    expect((await cli(env, ['user', 'set-password', 'bob'], '')).code).to.equal(1);
    const listed = JSON.parse((await cli(env, ['user', 'list', '--json'])).stdout) as { userId: string }[];
    expect(listed.map((u) => u.userId)).to.deep.equal(['bob']);
    expect((await cli(env, ['user', 'delete', 'bob'])).code).to.equal(0);
    const gone = await cli(env, ['user', 'show', 'bob', '--json']);
    expect(gone.code).to.equal(1);
    expect(JSON.parse(gone.stdout)).to.include({ status: 'STAT_NOT_FOUND', statusCode: -13 });
  });
});
