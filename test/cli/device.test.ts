// `countersign device list|approve|reject` (flows.md §6): the simulator as a separate process on the
// server's store; the server holding the call sees the answer through its shared store poll.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ROOT } from '../support/engine-harness.js';
import { startE2E, type E2E } from '../e2e/support.js';
import { pushLogin, waitForPending } from '../e2e/push-support.js';

const BIN = join(ROOT, 'bin', 'countersign.js');
const run = promisify(execFile);

describe('command line: device simulator', function () {
  this.timeout(30_000);
  let e2e: E2E;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    e2e = await startE2E(undefined, { COUNTERSIGN_DEVICE_SIMULATOR: '1' });
    env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(e2e.dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(e2e.dir, 'master.key') };
  });
  after(async () => { await e2e.stop(); });

  it('lists and approves a held push from another process', async () => {
    const held = pushLogin(e2e.url);
    const [tx] = await waitForPending(e2e.url);
    const listed = await run(process.execPath, [BIN, 'device', 'list', 'VDS0000004', '--json'], { env });
    expect(JSON.parse(listed.stdout).map((t: { challengeKey: string }) => t.challengeKey)).to.deep.equal([tx!.challengeKey]);
    // Without a serial: every device's pending transactions, each with its serial.
    const every = await run(process.execPath, [BIN, 'device', 'list', '--json'], { env });
    expect(JSON.parse(every.stdout).map((t: { serialNo: string; challengeKey: string }) => [t.serialNo, t.challengeKey])).to.deep.equal([['VDS0000004', tx!.challengeKey]]);
    const plain = await run(process.execPath, [BIN, 'device', 'list'], { env });
    expect(plain.stdout).to.match(new RegExp(`^VDS0000004  ${tx!.challengeKey}  `));
    const approved = await run(process.execPath, [BIN, 'device', 'approve', 'VDS0000004', '--json'], { env });
    expect(JSON.parse(approved.stdout)).to.deep.equal({ challengeKey: tx!.challengeKey, status: 'STAT_SUCCESS', statusCode: 0 });
    expect((await held).status).to.equal('STAT_SUCCESS');
  });

  it('rejects a held push, and fails with exit code 1 when nothing is pending', async () => {
    const held = pushLogin(e2e.url);
    await waitForPending(e2e.url);
    const rejected = await run(process.execPath, [BIN, 'device', 'reject', 'VDS0000004'], { env });
    expect(rejected.stdout).to.match(/^reject \S+: STAT_SUCCESS \(0\)/);
    expect((await held).status).to.equal('STAT_PUSH_REJECTED');
    const none = await run(process.execPath, [BIN, 'device', 'approve', 'VDS0000004'], { env }).catch((e: { code: number; stdout: string }) => e);
    expect(none).to.include({ code: 1 });
    expect((none as { stdout: string }).stdout).to.contain('STAT_NOT_FOUND');
    expect((await run(process.execPath, [BIN, 'device', 'list'], { env })).stdout).to.equal('no pending push transaction on any device\n');
    const noSerial = await run(process.execPath, [BIN, 'device', 'approve'], { env }).catch((e: { code: number; stderr: string }) => e);
    expect((noSerial as { stderr: string }).stderr).to.match(/give the serial number/);
  });
});
