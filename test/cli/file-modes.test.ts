// Owner-only files (issues 16 and 17): under a permissive umask (000) the data folder (0700), the
// SQLite database with its -wal and -shm files, the master key, a QR PNG and a PSKC export (0600)
// are created owner-only; `countersign --version` and `-V` print the package's version.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { cli, type Ran } from '../support/cli.js';
import { ROOT } from '../support/engine-harness.js';
import { serveEnv, startServe } from '../support/serve-process.js';
import { ensurePrivateFile, makePrivateDir, writePrivateFile } from '../../src/runtime/private-files.js';

const mode = (path: string) => statSync(path).mode & 0o777;

/** The CLI under `umask 000`. */
const cliUnderUmask = (env: NodeJS.ProcessEnv, args: string[]): Promise<Ran> => cli(env, args, '', '000');

describe('owner-only files under umask 000', function () {
  this.timeout(180_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-modes-'));
    env = serveEnv(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serve creates the data folder 0700 and the database, its -wal and -shm, and the key 0600', async () => {
    const served = await startServe(env, dir, '000');
    try {
      const data = join(dir, 'data');
      expect(mode(data)).to.equal(0o700);
      for (const f of ['cs.db', 'cs.db-wal', 'cs.db-shm', 'master.key']) expect(mode(join(data, f)), f).to.equal(0o600);
    } finally {
      served.child.kill('SIGTERM');
      await served.exited;
    }
  });

  it('enrol --png and authenticator export --out write owner-only files', async () => {
    const created = await cliUnderUmask(env, ['user', 'create', 'modes.user']);
    expect(created.code, created.stderr).to.equal(0);
    const png = join(dir, 'qr.png');
    const enrolled = await cliUnderUmask(env, ['enrol', 'modes.user', '--png', png, '--no-qr']);
    expect(enrolled.code, enrolled.stderr).to.equal(0);
    expect(readFileSync(png).subarray(1, 4).toString()).to.equal('PNG');
    expect(mode(png)).to.equal(0o600);
    const out = join(dir, 'export.pskc');
    writeFileSync(out, 'an older, world-readable file');
    chmodSync(out, 0o644);
    const exported = await cliUnderUmask(env, ['authenticator', 'export', '--out', out, '--show-secret']);
    expect(exported.code, exported.stderr).to.equal(0);
    expect(readFileSync(out, 'utf8')).to.include('KeyContainer');
    expect(mode(out)).to.equal(0o600);
  });

  it('the helpers: folders 0700, new files 0600, an existing file narrowed before it is written', () => {
    const old = process.umask(0);
    try {
      makePrivateDir(join(dir, 'a', 'b'));
      expect(mode(join(dir, 'a'))).to.equal(0o700);
      expect(mode(join(dir, 'a', 'b'))).to.equal(0o700);
      const file = join(dir, 'a', 'b', 'secret');
      expect(ensurePrivateFile(file)).to.equal(true);
      expect(ensurePrivateFile(file)).to.equal(false);
      expect(mode(file)).to.equal(0o600);
      chmodSync(file, 0o666);
      writePrivateFile(file, 'secret bytes');
      expect(mode(file)).to.equal(0o600);
      expect(readFileSync(file, 'utf8')).to.equal('secret bytes');
      expect(() => writePrivateFile(file, 'again', { exclusive: true })).to.throw(/EEXIST/);
    } finally {
      process.umask(old);
    }
  });
});

describe('countersign --version', function () {
  this.timeout(60_000);
  it('prints the package version with --version and -V, exit status 0', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await cli(process.env, [flag]);
      expect(r.code).to.equal(0);
      expect(r.stdout.trim()).to.equal(`countersign ${version}`);
    }
  });
});
