// The real `countersign` binary: `serve` announces where it listens, the store and the demo data;
// `otp` prints the demo token's code and refuses real secrets without --force.
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createInterface } from 'node:readline';
import { expect } from 'chai';
import { ROOT } from '../support/engine-harness.js';
import { openStore } from '../../src/store/store.js';
import { loadOrCreateMasterKey } from '../../src/store/masterkey.js';
import { totp } from '../../src/otp/totp.js';

const BIN = join(ROOT, 'bin', 'countersign.js');
const run = promisify(execFile);

describe('command line', function () {
  this.timeout(30_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-cli-'));
    env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
      COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_RADIUS_PORT: '0', COUNTERSIGN_RADIUS_HOST: '127.0.0.1',
      COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1' };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serve creates the store, loads the demo data and says where it listens', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], { env, cwd: dir });
    const lines: string[] = [];
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    await new Promise<void>((ok, fail) => {
      child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${lines.join('\n')}\n${stderr}`)));
      createInterface({ input: child.stdout }).on('line', (l) => { lines.push(l); if (l.startsWith('Demo data')) ok(); });
    });
    const url = /listening on (\S+)/.exec(lines.join('\n'))![1];
    expect((await fetch(`${url}?wsdl`)).status).to.equal(200);
    child.kill('SIGTERM');
    await new Promise((ok) => child.once('exit', ok));
    expect(lines.join('\n')).to.match(/WARNING: generated a new master key/).and.match(/RADIUS listening on udp:\/\/127\.0\.0\.1:\d+/)
      .and.match(/Database: sqlite:/).and.match(/Demo data: loaded now/);
  });

  it('otp prints the current code of a demo authenticator', async () => {
    const at = '2026-03-01T10:00:00Z';
    const { stdout } = await run(process.execPath, [BIN, 'otp', 'VDS0000001', '--at', at], { env });
    expect(stdout.trim()).to.equal(totp(Buffer.from('12345678901234567890'), Date.parse(at), 30, 6, 'SHA1'));
  });

  it('otp refuses an authenticator with a real secret unless forced', async () => {
    const key = await loadOrCreateMasterKey(join(dir, 'master.key'));
    const store = await openStore(env.COUNTERSIGN_DATABASE!.toString(), { masterKey: key.key });
    await store.createAuthenticator({ serial: 'REAL000001', kind: 'totp', secret: Buffer.from('a-real-secret-nobody-knows') });
    await store.close();
    const refused = await run(process.execPath, [BIN, 'otp', 'REAL000001'], { env }).then(() => undefined, (e: { stderr: string; code: number }) => e);
    expect(refused?.code).to.equal(1);
    expect(refused?.stderr).to.match(/--force/);
    const forced = await run(process.execPath, [BIN, 'otp', 'REAL000001', '--force'], { env });
    expect(forced.stdout.trim()).to.match(/^\d{6}$/);
  });

  it('stops with a message naming a bad setting', async () => {
    const bad = await run(process.execPath, [BIN, 'serve'], { env: { ...env, COUNTERSIGN_HTTP_PORT: 'eighty' } })
      .then(() => undefined, (e: { stderr: string; code: number }) => e);
    expect(bad?.code).to.equal(1);
    expect(bad?.stderr).to.include('COUNTERSIGN_HTTP_PORT');
  });
});
