// `countersign user attributes` (issue 5 command line; other-frontends.md §4), run as the real binary on
// a temporary SQLite store: show, set (replacing by name, keeping order), clear, --json, refusals.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { cli } from '../support/cli.js';

type View = { userId: string; domain: string; attributes: { name: string; value: string; op: string }[] };

describe('command line: user attributes', function () {
  this.timeout(60_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-attrs-'));
    env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key') };
    expect((await cli(env, ['user', 'create', 'vpn.user', '--domain', 'corp'])).code).to.equal(0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const attrs = async (...args: string[]): Promise<View> => {
    const r = await cli(env, ['user', 'attributes', 'vpn.user', '--domain', 'corp', '--json', ...args]);
    expect(r.code, r.stderr).to.equal(0);
    return JSON.parse(r.stdout) as View;
  };

  it('sets, replaces by name, appends with +=, and clears reply attributes', async () => {
    expect(await attrs()).to.deep.equal({ userId: 'vpn.user', domain: 'corp', attributes: [] });
    await attrs('--set', 'Tunnel-Private-Group-Id=101', '--set', 'Tunnel-Type=VLAN', '--set', 'Reply-Message=Welcome, a=b');
    const replaced = await attrs('--set', 'Tunnel-Private-Group-Id=202', '--set', 'Class+=staff');
    expect(replaced.attributes).to.deep.equal([
      { name: 'Tunnel-Type', value: 'VLAN', op: ':=' }, { name: 'Reply-Message', value: 'Welcome, a=b', op: ':=' },
      { name: 'Tunnel-Private-Group-Id', value: '202', op: ':=' }, { name: 'Class', value: 'staff', op: '+=' },
    ]);
    const text = await cli(env, ['user', 'attributes', 'vpn.user', '--domain', 'corp']);
    expect(text.stdout).to.include('corp\\vpn.user').and.include('  Tunnel-Private-Group-Id := 202').and.include('  Class += staff');
    const shown = await cli(env, ['user', 'show', 'vpn.user', '--domain', 'corp', '--json']);
    expect(JSON.parse(shown.stdout).modifiedAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((await attrs('--clear', '--set', 'Session-Timeout=3600')).attributes).to.deep.equal([{ name: 'Session-Timeout', value: '3600', op: ':=' }]);
    expect((await attrs('--clear')).attributes).to.deep.equal([]);
  });

  it('refuses a malformed assignment and an unknown user with exit status 1, changing nothing', async () => {
    await attrs('--set', 'Class=keep');
    const bad = await cli(env, ['user', 'attributes', 'vpn.user', '--domain', 'corp', '--clear', '--set', 'no equals sign']);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('STAT_INVDATA');
    expect((await attrs()).attributes).to.deep.equal([{ name: 'Class', value: 'keep', op: ':=' }]);
    const missing = await cli(env, ['user', 'attributes', 'nobody', '--json']);
    expect(missing.code).to.equal(1);
    expect(JSON.parse(missing.stdout)).to.include({ status: 'STAT_NOT_FOUND' });
  });
});
