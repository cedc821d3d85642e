// `countersign enrol <user>` (issue 5), run as the real binary on a temporary SQLite store: a TOTP
// authenticator assigned to the user, the otpauth:// URI printed, and a PNG QR code that decodes to it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { ROOT } from '../support/engine-harness.js';

const BIN = join(ROOT, 'bin', 'countersign.js');
const run = promisify(execFile);
const jsQR = jsQRModule as unknown as (data: Uint8ClampedArray, w: number, h: number) => { data: string } | null;

describe('command line: enrol', function () {
  this.timeout(30_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-enrol-'));
    env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key') };
    await run(process.execPath, [BIN, 'user', 'create', 'zoe'], { env });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('assigns a new TOTP authenticator and writes a QR code of its otpauth URI', async () => {
    const png = join(dir, 'zoe.png');
    const out = JSON.parse((await run(process.execPath, [BIN, 'enrol', 'zoe', '--serial', 'Z1', '--png', png, '--json'], { env })).stdout);
    expect(out).to.include({ serial: 'Z1', kind: 'totp', userId: 'zoe', assigned: true });
    expect(out.otpauthUri).to.match(/^otpauth:\/\/totp\/Countersign:zoe\?secret=[A-Z2-7]{32}&/);
    const img = PNG.sync.read(readFileSync(png));
    expect(jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data).to.equal(out.otpauthUri);
    const shown = JSON.parse((await run(process.execPath, [BIN, 'authenticator', 'show', 'Z1', '--json'], { env })).stdout);
    expect(shown).to.include({ userId: 'zoe', assigned: true });
  });

  it('draws the QR code on the terminal, and refuses an unknown user', async () => {
    const text = (await run(process.execPath, [BIN, 'enrol', 'zoe'], { env })).stdout;
    expect(text).to.match(/^TOTP-[0-9A-F]{10} assigned to master\\zoe\notpauth:\/\/totp\//).and.include('▄');
    const bad: { code?: number; stderr: string } = await run(process.execPath, [BIN, 'enrol', 'nobody'], { env })
      .catch((e: { code: number; stderr: string }) => e);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('STAT_NOT_FOUND');
  });
});
