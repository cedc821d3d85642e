// `countersign apikey create|list|revoke` (issue 7), run as the real binary on a temporary SQLite store
// that a running server shares: a created key opens the RADIUS connector endpoint, is never listed or
// stored in clear, and is refused once revoked; names are checked and unique.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { totp } from '../../src/otp/totp.js';
import { startE2E, type E2E } from '../e2e/support.js';
import { cli } from '../support/cli.js';

const T = Date.UTC(2026, 5, 1, 9, 0, 0);
const otp = (steps: number) => totp(Buffer.from('12345678901234567890'), T + steps * 30_000, 30, 6, 'SHA1');

describe('command line: apikey', function () {
  this.timeout(60_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let server: E2E;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-apikey-'));
    const paths = { COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key') };
    env = { ...process.env, ...paths };
    server = await startE2E({ now: () => T }, paths);
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const connector = async (token: string, steps: number) => (await fetch(`${server.url}connector/radius`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ login: 'jane.doe', password: `1234${otp(steps)}` }),
  })).status;

  it('has --help on the group and on every command', async () => {
    const group = await cli(env, ['apikey', '--help']);
    expect(group.code, group.stderr).to.equal(0);
    for (const c of ['create', 'list', 'revoke']) {
      expect(group.stdout).to.include(c);
      const one = await cli(env, ['apikey', c, '--help']);
      expect(one.code, c).to.equal(0);
      expect(one.stdout, c).to.include('--json');
    }
  });

  it('creates a key that the REST doors accept, lists it without the key, and refuses it once revoked', async () => {
    const made = await cli(env, ['apikey', 'create', 'cloud-radius', '--json']);
    expect(made.code, made.stderr).to.equal(0);
    const created = JSON.parse(made.stdout) as { name: string; key: string; createdAt: string; revokedAt: null };
    expect(created).to.include({ name: 'cloud-radius', revokedAt: null });
    expect(created.key).to.match(/^csk_[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(join(dir, 'cs.db')).includes(created.key)).to.equal(false);
    expect(await connector(created.key, 0)).to.equal(200);
    expect(await connector(`${created.key}x`, 1)).to.equal(401);

    const text = await cli(env, ['apikey', 'list']);
    expect(text.stdout).to.include('cloud-radius').and.include('demo');
    expect(text.stdout).not.to.include(created.key);
    const listed = JSON.parse((await cli(env, ['apikey', 'list', '--json'])).stdout) as Record<string, unknown>[];
    expect(listed.map((k) => k.name)).to.deep.equal(['cloud-radius', 'demo']);
    expect(JSON.stringify(listed)).not.to.include(created.key);

    const revoked = await cli(env, ['apikey', 'revoke', 'CLOUD-radius', '--json']);
    expect(revoked.code, revoked.stderr).to.equal(0);
    expect(JSON.parse(revoked.stdout).revokedAt).to.be.a('string');
    expect(await connector(created.key, 2)).to.equal(401);
    expect(await connector('demo-api-key', 1)).to.equal(200);
    const again = await cli(env, ['apikey', 'revoke', 'cloud-radius']);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.include('STAT_NOT_FOUND');
  });

  it('prints a new key once in text form and refuses taken or malformed names', async () => {
    const made = await cli(env, ['apikey', 'create', 'appliance']);
    expect(made.code, made.stderr).to.equal(0);
    expect(made.stdout.split('\n')[0]).to.match(/^csk_/);
    const taken = await cli(env, ['apikey', 'create', 'APPLIANCE', '--json']);
    expect(taken.code).to.equal(1);
    expect(JSON.parse(taken.stdout)).to.include({ status: 'STAT_EXISTS' });
    const bad = await cli(env, ['apikey', 'create', 'no spaces']);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('STAT_INVDATA');
  });
});
